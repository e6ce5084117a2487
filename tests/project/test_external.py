"""Converters for the optional external corpora (PolNeAR -> ATTRIBUTION, Szeged -> HEDGE).

Run on small synthetic brat/XML fixtures written to tmp_path; one test per corpus runs
on the real data in ../shared/external and skips when it is absent.
"""
import json

import pytest

from conftest import SHARED, run_script
from hedgewatch.project.corpus import CorpusError, read_corpus_docs

EXTERNAL = SHARED / "external"


@pytest.fixture(scope="module")
def polnear():
    from hedgewatch.project import convert_polnear

    return convert_polnear


@pytest.fixture(scope="module")
def szeged():
    from hedgewatch.project import convert_szeged

    return convert_szeged


# --- PolNeAR ------------------------------------------------------------------------------
ARTICLE = (
    "Russia could be arming the Taliban, Afghan officials said on Monday.\n"
    "The senator backs the plan. He later told reporters at the Capitol that it was fine.\n"
    "The report, published on Thursday, found errors. According to CNN, the deal is off.\n"
    "\"It is over,\" said the minister. I think it is over.\n"
    "The claims were confirmed verbally by another official. Smith said no.\n"
    "Brown did not respond to requests. Green told a joke.\n"
    "Follow us on\nTwitter. Jones said so.\n"
)


def _off(text, needle, nth=0):
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


class Brat:
    """Builds a brat .ann file with offsets looked up in the article text."""

    def __init__(self, text):
        self.text, self.lines, self.t, self.e = text, [], 0, 0

    def tb(self, ttype, needle, nth=0, cut=(0, 0)):
        s, e = _off(self.text, needle, nth)
        s, e = s + cut[0], e + cut[1]
        self.t += 1
        self.lines.append(f"T{self.t}\t{ttype} {s} {e}\t{self.text[s:e]}")
        return f"T{self.t}"

    def attribution(self, cue, source=None, content=None, **kw):
        ckw = kw.pop("cue_kw", {})
        c = self.tb("Cue", cue, **ckw)
        a = self.tb("Attribution", cue, **ckw)
        args = [f"Attribution:{a}", f"Cue:{c}"]
        if source:
            args.append(f"Source:{self.tb('Source', source, **kw.pop('source_kw', {}))}")
        self.e += 1
        self.lines.append(f"E{self.e}\t" + " ".join(args))

    def write(self, path):
        path.write_text("\n".join(self.lines) + "\n", encoding="utf8")


def polnear_tree(tmp_path, text=ARTICLE, build=None, name="art_a", annotator="aaaa"):
    text_dir = tmp_path / "polnear" / "data" / "train" / "text"
    ann_dir = tmp_path / "polnear" / "data" / "train" / "attributions"
    text_dir.mkdir(parents=True, exist_ok=True)
    ann_dir.mkdir(parents=True, exist_ok=True)
    (text_dir / f"{name}.txt").write_text(text, encoding="utf8")
    brat = Brat(text)
    if build:
        build(brat)
    brat.write(ann_dir / f"{name}_{annotator}.ann")
    return tmp_path / "polnear"


def full_article(b):
    b.attribution("said on Monday", "Afghan officials")           # contiguous: merged, trimmed
    b.attribution("backs", "The senator")                          # filtered cue
    b.attribution("later told", "He")                              # + addressee
    b.attribution("found", "The report")                           # not adjacent: cue alone
    b.attribution("According to", "CNN")                           # according to + source
    b.attribution("said", "the minister", cue_kw={"nth": 1})       # inverted order
    b.attribution("think", "I", source_kw={"nth": 1})              # first-person cognition: dropped
    b.attribution("were confirmed", "another official")            # passive with agent
    b.attribution("said", "Smit", cue_kw={"nth": 2})               # source cuts a token: snapped
    b.attribution("respond", "Brown")                              # negated: no statement reported
    b.attribution("told", "Green", cue_kw={"nth": 1})              # "a joke" is no addressee
    b.lines.append(f"T99\tDiscard {_off(b.text, 'Follow us on')[0]} {_off(b.text, 'Twitter.')[1]}\tFollow us on")
    b.lines.append("Twitter.")                                      # brat text continued over a line break
    b.attribution("said", "Jones", cue_kw={"nth": 3})


def spans_of(record):
    return [record["text"][s["start"]:s["end"]] for s in record["spans"]]


def test_polnear_mapping_rules(tmp_path, polnear):
    root = polnear_tree(tmp_path, build=full_article)
    records, stats = polnear.convert(root)
    assert len(records) == 1
    rec = records[0]
    assert spans_of(rec) == [
        "Afghan officials said",
        "He later told reporters",
        "found",
        "According to CNN",
        "said the minister",
        "confirmed verbally by another official",
        "Smith said",
        "Green told",
        "Jones said",
    ]
    assert {s["label"] for s in rec["spans"]} == {"ATTRIBUTION"}
    assert rec["meta"]["external"] == "polnear" and rec["meta"]["annotator"] == "aaaa"
    assert "Follow us" not in rec["text"] and rec["text"].endswith("Jones said so.\n")
    assert stats.cue_filtered == 1 and stats.filtered_cues["backs"] == 1
    assert stats.cue_first_person_cognition == 1 and stats.cue_negated == 1
    assert stats.snapped == 1 and stats.discard_regions_cut == 1
    assert stats.spans_cue_only_not_adjacent == 1 and stats.cue_addressee_added == 1
    # every span aligns to the blank English tokenizer (read back through the project reader)
    out = tmp_path / "p.jsonl"
    polnear.write_jsonl(records, out)
    import spacy

    docs = read_corpus_docs(spacy.blank("en"), [out])
    assert [s.text for s in docs[0].spans["sc"]] == spans_of(rec)


def test_polnear_first_annotator_and_empty_records(tmp_path, polnear):
    root = polnear_tree(tmp_path, build=lambda b: b.attribution("backs", "The senator"), annotator="bbbb")
    polnear_tree(tmp_path, build=lambda b: b.attribution("said on Monday", "Afghan officials"), annotator="cccc")
    records, stats = polnear.convert(root)
    # bbbb comes first by name: its only cue is filtered, so the article is left empty
    assert records == [] and stats.records_empty_skipped == 1 and stats.articles_multi_annotator == 1
    records, _ = polnear.convert(root, keep_empty=True)
    assert len(records) == 1 and records[0]["spans"] == [] and records[0]["meta"]["annotator"] == "bbbb"


def test_polnear_limit_is_seeded(tmp_path, polnear):
    for k in range(6):
        root = polnear_tree(tmp_path, build=lambda b: b.attribution("said on Monday", "Afghan officials"), name=f"art_{k}")
    a, _ = polnear.convert(root, limit=3, seed=1)
    b, _ = polnear.convert(root, limit=3, seed=1)
    assert len(a) == 3 and [r["meta"]["source"] for r in a] == [r["meta"]["source"] for r in b]


@pytest.mark.parametrize(
    "line,needle",
    [
        ("T5\tSource 5 x\tfoo", ":2: malformed text-bound line"),
        ("T5\tSource 0 99999\tfoo", ":2: T5 offsets 0-99999 outside the article text"),
        ("T5\tSource 0 6\tRussiX", ":2: T5 text 'RussiX' does not match"),
        ("E7\tAttribution:T1 Cue:T42", ":2: E7 refers to unknown T42"),
        ("E7\tAttribution T1", ":2: malformed event argument"),
        ("X1\twhat", ":2: unrecognized line"),
    ],
)
def test_polnear_malformed_ann_names_file_and_line(tmp_path, polnear, line, needle):
    root = polnear_tree(tmp_path, build=lambda b: (b.tb("Source", "Russia"), b.lines.append(line)))
    with pytest.raises(CorpusError) as err:
        polnear.convert(root)
    assert "art_a_aaaa.ann" + needle in str(err.value)


def test_polnear_cli_refuses_overwrite_and_reports(tmp_path):
    root = polnear_tree(tmp_path, build=lambda b: b.attribution("said on Monday", "Afghan officials"))
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n")
    res = run_script("convert_ext_attributions.py", root, out)
    assert res.returncode == 1 and "exists" in res.stderr and out.read_text() == "keep me\n"
    res = run_script("convert_ext_attributions.py", root, out, "--force", "--stats", tmp_path / "s.json")
    assert res.returncode == 0, res.stderr
    assert [json.loads(l)["meta"]["source"] for l in out.read_text().splitlines()] == ["polnear:art_a"]
    assert json.loads((tmp_path / "s.json").read_text())["spans"] == 1
    bad = polnear_tree(tmp_path / "bad", build=lambda b: b.lines.append("T1\tCue 1"))
    res = run_script("convert_ext_attributions.py", bad, tmp_path / "bad.jsonl")
    assert res.returncode == 1 and "art_a_aaaa.ann:1: malformed" in res.stderr
    assert not (tmp_path / "bad.jsonl").exists()


# --- Szeged ---------------------------------------------------------------------------------
def cue(kind, text):
    return f'<ccue type="{kind}">{text}</ccue>'


P, D = "speculation_modal_probable_", "speculation_hypo_doxastic _"
C, I = "speculation_hypo_condition _", "speculation_hypo_investigation _"


def wiki_xml(docs):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="no"?>',
           '<Annotation created="x" creator="y"><DocumentSet>']
    for k, (title, sents) in enumerate(docs, 1):
        out.append(f'<Document type="Wikipedia_text_weasel"><DocID type="WIKIPEDIA_ARTICLE_ID">{title}_{k}</DocID>'
                   f'<DocumentPart type="Title"><Sentence id="S{k}.1">{title}</Sentence></DocumentPart>'
                   '<DocumentPart type="Text">')
        out += [f'<Sentence id="S{k}.{n}">{s}</Sentence>' for n, s in enumerate(sents, 2)]
        out.append("</DocumentPart></Document>")
    out.append("</DocumentSet></Annotation>")
    return "".join(out)


SENTENCES = [
    f"The drug {cue(P, 'may')} be harmful.",
    f"He is {cue(D, 'believed')} to have left.",
    f"Analysts {cue(D, 'think')} so.",
    f"{cue(C, 'If')} it rains, we stay.",
    f"They asked {cue(I, 'whether')} it works.",
    f"Visitors {cue(P, 'can')} enter.",
    f"It is {cue(P, 'unclear')} why.",
    f"It was {cue(P, 'possib')}ly true.",
    "A plain sentence.",
]


def test_szeged_mapping_rules(tmp_path, szeged):
    path = tmp_path / "wiki.xml"
    path.write_text(wiki_xml([("Doc One", SENTENCES)]), encoding="utf8")
    records, stats = szeged.convert(path)
    assert len(records) == 1
    rec = records[0]
    assert spans_of(rec) == ["may be", "is believed to", "think", "possibly"]
    assert {s["label"] for s in rec["spans"]} == {"HEDGE"}
    text = rec["text"]
    assert text.startswith("Doc One\nThe drug may be harmful.")
    assert "If it rains" in text and "Visitors can enter." in text and "A plain sentence." in text  # negatives
    assert "unclear" not in text  # unsure cue: its sentence is dropped
    assert stats.cues_not_hedge_type == 2 and stats.cues_not_hedge_text == 1 and stats.cues_unsure == 1
    assert stats.snapped == 1 and stats.sentences_dropped_unsure == 1
    assert stats.cues["speculation_hypo_condition"] == 1 and stats.cues["speculation_modal_probable"] == 4


@pytest.mark.parametrize(
    "sentence,expected",
    [
        (f"It is widely {cue(D, 'believed')} that he left.", ["It is widely believed"]),
        (f"It {cue(P, 'appears')} to work.", ["appears to"]),
        (f"He {cue(P, 'would')} appear to agree.", ["would appear"]),
        (f"He {cue(P, 'would')} resign.", []),
        (f"They {cue(D, 'alleged')} that he lied.", []),
        (f"The {cue(D, 'alleged')} issue grew.", ["alleged"]),
        (f"He is {cue(D, 'considered')} the best.", ["is considered"]),
        (f"An {cue(D, 'estimated')} 40,000 came.", []),
        (f"It {cue(P, 'might')} rain.", ["might"]),
    ],
)
def test_szeged_cue_conventions(tmp_path, szeged, sentence, expected):
    path = tmp_path / "wiki.xml"
    path.write_text(wiki_xml([("T", [sentence])]), encoding="utf8")
    records, _ = szeged.convert(path)
    assert spans_of(records[0]) == expected


def test_szeged_grouping_keeps_documents_whole(tmp_path, szeged):
    path = tmp_path / "wiki.xml"
    docs = [("A", ["One.", "Two."]), ("B", ["Three.", "Four.", "Five.", "Six."]), ("C", ["Seven."])]
    path.write_text(wiki_xml(docs), encoding="utf8")
    records, stats = szeged.convert(path, per_record=4)
    # A (3 sentences with its title) fits; B (5) is split 4 + 1; C joins B's remainder
    assert [r["meta"]["source"] for r in records] == ["szeged:A_1", "szeged:B_2", "szeged:B_2,C_3"]
    assert records[0]["text"] == "A\nOne. Two."
    assert records[2]["text"] == "Six.\n\nC\nSeven."
    assert stats.sentences_out == 10
    records, _ = szeged.convert(path, limit=1)
    assert len(records) == 1 and records[0]["meta"]["source"] == "szeged:A_1"


@pytest.mark.parametrize(
    "xml_text,needle",
    [
        (wiki_xml([("T", ["Broken <ccue type='x'>may</ccue"])]), "malformed XML"),
        (wiki_xml([("T", ["No <ccue>type</ccue> here."])]), "<ccue> without a type"),
        (wiki_xml([("T", ["Odd <b>tag</b>."])]), "unexpected element <b>"),
    ],
)
def test_szeged_malformed_names_file_line_column(tmp_path, szeged, xml_text, needle):
    path = tmp_path / "wiki.xml"
    path.write_text(xml_text, encoding="utf8")
    with pytest.raises(CorpusError) as err:
        szeged.convert(path)
    msg = str(err.value)
    assert needle in msg and msg.startswith(f"{path}:1:")


def test_szeged_cli_refuses_overwrite(tmp_path):
    path = tmp_path / "wiki.xml"
    path.write_text(wiki_xml([("T", SENTENCES)]), encoding="utf8")
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n")
    res = run_script("convert_ext_uncertainty.py", path, out)
    assert res.returncode == 1 and "exists" in res.stderr and out.read_text() == "keep me\n"
    res = run_script("convert_ext_uncertainty.py", path, out, "--force")
    assert res.returncode == 0, res.stderr
    assert len(out.read_text().splitlines()) == 1


# --- the real corpora (skipped when ../shared/external is absent) ---------------------------
@pytest.mark.skipif(not (EXTERNAL / "polnear-train").is_dir(), reason="PolNeAR not present in ../shared/external")
def test_polnear_real_sample(polnear, blank_nlp, tmp_path):
    records, stats = polnear.convert(EXTERNAL / "polnear-train", limit=8, seed=0)
    assert records and stats.spans > 20 and stats.cue_filtered > 0
    out = tmp_path / "p.jsonl"
    polnear.write_jsonl(records, out)
    docs = read_corpus_docs(blank_nlp, [out])  # validates labels and token alignment
    assert sum(len(d.spans["sc"]) for d in docs) == stats.spans


@pytest.mark.skipif(not (EXTERNAL / "szeged-uncertainty" / "wiki.xml").is_file(), reason="Szeged corpus not present")
def test_szeged_real_sample(szeged, blank_nlp, tmp_path):
    records, stats = szeged.convert(EXTERNAL / "szeged-uncertainty" / "wiki.xml", limit=300)
    assert records and stats.spans > 20 and stats.cues_not_hedge_type > 0
    out = tmp_path / "s.jsonl"
    out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf8")
    docs = read_corpus_docs(blank_nlp, [out])
    assert sum(len(d.spans["sc"]) for d in docs) == stats.spans


# --- preparing the partially labelled records for training -------------------------------
def test_prepare_fills_unannotated_labels_with_rule_spans(tmp_path, blank_nlp):
    text = "Officials said the group may have received weapons, but Moscow has denied it."
    att = text.index("Officials said")
    rec = {"text": text, "spans": [{"start": att, "end": att + len("Officials said"), "label": "ATTRIBUTION"}],
           "meta": {"source": "x:1", "external": "polnear", "annotated_labels": ["ATTRIBUTION"]}}
    src = tmp_path / "ext.jsonl"
    src.write_text(json.dumps(rec) + "\n", encoding="utf8")
    before = src.read_bytes()
    out = tmp_path / "out" / "external.spacy"
    stats = tmp_path / "stats.json"
    res = run_script("prepare_external.py", out, src, "--stats", stats, "--max-words", "0")
    assert res.returncode == 0, res.stderr
    assert src.read_bytes() == before  # input untouched
    from spacy.tokens import DocBin
    (doc,) = list(DocBin().from_disk(out).get_docs(blank_nlp.vocab))
    got = {(s.text, s.label_) for s in doc.spans["sc"]}
    assert ("Officials said", "ATTRIBUTION") in got          # gold kept
    assert ("may have", "HEDGE") in got                        # silver from the rules
    assert any(lb == "DENIAL" and "denied" in t for t, lb in got)
    # the annotated label is not filled: only its gold span is there
    assert [s.text for s in doc.spans["sc"] if s.label_ == "ATTRIBUTION"] == ["Officials said"]
    st = json.loads(stats.read_text())["ext.jsonl"]
    assert st["gold"] == {"ATTRIBUTION": 1} and st["silver"].get("HEDGE") == 1


def test_prepare_reports_bad_line(tmp_path):
    src = tmp_path / "ext.jsonl"
    src.write_text('{"text": "fine", "spans": []}\n{not json\n', encoding="utf8")
    res = run_script("prepare_external.py", tmp_path / "o.spacy", src)
    assert res.returncode != 0
    assert f"{src}:2" in res.stderr
    assert not (tmp_path / "o.spacy").exists()
