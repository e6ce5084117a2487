"""The command line: every input kind, output format and bad-input kind, --force,
standard input, long texts, model lookup, and `compare` on the seed versions.

Runs against the workflow's pipeline (training/cpu/model-tuned). Where it has not been
trained (a fresh CI checkout), a tiny pipeline is trained into tmp first, the way
tests/project/test_train.py does (the conftest helpers); HEDGEWATCH_TEST_MODEL overrides
the path."""
import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from spacy.tokens import DocBin
from typer.testing import CliRunner

from conftest import CORPUS, ROOT, train
from hw_testing import annotate, records, run
from hedgewatch import LABELS
from hedgewatch.app import cli as cli_module
from hedgewatch.app import annotate as hw_annotate, output as hw_output, readers as hw_readers
from hedgewatch.app.cli import app, load_model
from hedgewatch.app.compare import FLAGS, pair_flags

MODEL_TUNED = ROOT / "training" / "cpu" / "model-tuned"
RAW = CORPUS / "raw"
SEED_003 = RAW / "003_eabc432b4ceff14b.txt"
SEED_002 = RAW / "002_06991584f4f79eea.txt"
TEXT = ("Russia could be arming the Taliban, US officials said on Monday. "
        "Moscow has repeatedly denied providing the militant group with any aid.\n\n"
        "Weapons experts who looked at the video said the rifles had been stripped of markings.\n")
PAGE = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>Russia may be arming the Taliban | Example News</title></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World news menu</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<main><article>
<h1>Russia may be arming the Taliban</h1>
<p>Officials said on Monday that Russia may be supplying weapons to the Taliban, according to videos obtained by reporters in the north of the country.</p>
<p>Moscow has repeatedly denied providing the militant group with any aid, and the foreign ministry called the claims “utterly false” in a statement.</p>
<p>Weapons experts who looked at the footage said the rifles appeared to have been stripped of any markings that could identify their origin.</p>
</article></main>
<section id="comments" class="comments"><h3>Comments</h3>
<div class="comment"><p>Reader comment: this is all propaganda from the usual suspects, nothing new here at all.</p></div>
<div class="comment"><p>Another reader comment that should never reach the pipeline because it is not the article.</p></div>
</section>
<footer><p>Copyright 2024 Example News. All rights reserved. Subscribe to our newsletter.</p></footer>
</body></html>
"""


# --- fixtures ---------------------------------------------------------------------
@pytest.fixture(scope="module")
def model(request, tmp_path_factory):
    """Path of a trained pipeline, loaded once into the CLI's model cache."""
    path = Path(os.environ.get("HEDGEWATCH_TEST_MODEL", MODEL_TUNED))
    if not (path / "config.cfg").exists():
        # no trained pipeline (CI): a tiny one, as in tests/test_train.py
        data = request.getfixturevalue("tiny_corpus")
        out = tmp_path_factory.mktemp("cli-model")
        train("cpu.cfg", out, data, "--training.max_steps", "30")
        path = out / "model-last"
    load_model(str(path))
    return str(path)


@pytest.fixture(scope="module")
def nlp(model):
    return load_model(model)


def lines_naming(stderr, name):
    return [line for line in stderr.splitlines() if name in line]


def check_record(rec):
    assert set(rec) == {"text", "spans", "profile", "meta"}
    for s in rec["spans"]:
        assert rec["text"][s["start"]:s["end"]] == s["text"]
        assert s["label"] in LABELS
        assert s["score"] is None or 0.0 <= s["score"] <= 1.0
        for name in ("source", "cue", "content", "source_resolved", "denier", "denied"):
            v = s[name]
            assert v is None or rec["text"][v["start"]:v["end"]] == v["text"]
        assert s["source_kind"] in (None, "named", "anonymous", "none")
        if s["label"] == "HEDGE":
            assert s["speaker"] == "author" or isinstance(s["speaker"], dict)
    assert {"counts", "per_1000_words", "hedged_sentence_share"} <= set(rec["profile"])


# --- help and entry points --------------------------------------------------------
@pytest.mark.parametrize("command", ["annotate", "compare"])
def test_help_says_inputs_outputs_and_example(runner, command):
    res = run(runner, command, "--help")
    assert res.exit_code == 0
    for word in ("Inputs:", "Outputs:", "Examples:", f"hedgewatch {command} "):
        assert word in res.stdout, word


def test_python_dash_m_entry_point():
    res = subprocess.run([sys.executable, "-m", "hedgewatch", "--help"], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    assert "annotate" in res.stdout and "compare" in res.stdout


# --- input kinds ------------------------------------------------------------------
def test_txt_input_to_jsonl(runner, model, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf8")
    out = tmp_path / "out.jsonl"
    res = annotate(runner, model, src, "-o", out)
    assert res.exit_code == 0, res.stderr
    [rec] = records(out)
    check_record(rec)
    assert rec["text"] == TEXT
    assert rec["meta"]["source"] == str(src)
    assert rec["spans"], "the pipeline finds spans in the example text"


def test_html_input_main_text_only(runner, model, tmp_path):
    src = tmp_path / "page.html"
    src.write_text(PAGE, encoding="utf8")
    res = annotate(runner, model, src, "-f", "jsonl")
    assert res.exit_code == 0, res.stderr
    [rec] = [json.loads(line) for line in res.stdout.splitlines()]
    check_record(rec)
    assert rec["text"].startswith("Russia may be arming the Taliban")
    assert "Moscow has repeatedly denied" in rec["text"]
    for junk in ("World news menu", "Reader comment", "Copyright", "Subscribe"):
        assert junk not in rec["text"], junk
    assert rec["meta"]["source"] == str(src) and rec["meta"]["title"]


def test_jsonl_input_text_key_and_meta(runner, model, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(
        json.dumps({"body": TEXT, "id": 7, "meta": {"outlet": "Example"}}) + "\n\n"
        + json.dumps({"body": "Officials said the report may be wrong.", "id": 8}) + "\n",
        encoding="utf8")
    out = tmp_path / "out.jsonl"
    res = annotate(runner, model, src, "--text-key", "body", "-o", out)
    assert res.exit_code == 0, res.stderr
    recs = records(out)
    assert [r["meta"]["id"] for r in recs] == [7, 8]
    assert recs[0]["meta"]["outlet"] == "Example" and recs[0]["meta"]["line"] == 1
    assert recs[1]["meta"]["line"] == 3 and recs[1]["meta"]["source"] == str(src)
    assert "body" not in recs[0]["meta"]


def test_directory_walked_recursively(runner, model, tmp_path):
    (tmp_path / "in" / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "in" / "a.txt").write_text(TEXT, encoding="utf8")
    (tmp_path / "in" / "sub" / "b.htm").write_text(PAGE, encoding="utf8")
    (tmp_path / "in" / "sub" / "deeper" / "c.jsonl").write_text(json.dumps({"text": TEXT}) + "\n", encoding="utf8")
    (tmp_path / "in" / "notes.md").write_text("# not an input", encoding="utf8")
    out = tmp_path / "out.jsonl"
    res = annotate(runner, model, tmp_path / "in", "-o", out)
    assert res.exit_code == 0, res.stderr
    sources = [Path(r["meta"]["source"]).name for r in records(out)]
    assert sources == ["a.txt", "b.htm", "c.jsonl"]


def test_stdin(runner, model):
    res = annotate(runner, model, "-", input=TEXT)
    assert res.exit_code == 0, res.stderr
    [rec] = [json.loads(line) for line in res.stdout.splitlines()]
    check_record(rec)
    assert rec["text"] == TEXT and rec["meta"]["source"] == "<stdin>"


# --- output formats ---------------------------------------------------------------
class Checker(HTMLParser):
    """Checks that tags nest and close; collects the span labels in displaCy's views."""

    VOID = {"meta", "br", "hr", "img", "input", "link", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.labels, self.errors, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        if tag not in self.VOID:
            self.stack.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.errors.append(f"unexpected </{tag}> with open {[t for t, _ in self.stack][-3:]}")
            return
        self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)
        in_view = any(t == "div" and a.get("class") == "spans" for t, a in self.stack)
        if in_view and self.stack and self.stack[-1][0] == "span" and data.strip() in LABELS:
            self.labels.append(data.strip())


def parse_html(markup):
    p = Checker()
    p.feed(markup)
    p.close()
    assert not p.errors, p.errors[:3]
    assert not p.stack, f"unclosed: {p.stack[:3]}"
    return p


def test_html_output_is_valid_and_carries_labelled_spans(runner, model, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf8")
    out_json = tmp_path / "a.jsonl"
    assert annotate(runner, model, src, "-o", out_json).exit_code == 0
    [rec] = records(out_json)
    out = tmp_path / "a.html"
    res = annotate(runner, model, src, "-o", out)
    assert res.exit_code == 0, res.stderr
    markup = out.read_text(encoding="utf8")
    assert markup.startswith("<!DOCTYPE html>") and "<script" not in markup and "http" not in markup
    p = parse_html(markup)
    assert sorted(p.labels) == sorted(s["label"] for s in rec["spans"])
    text = " ".join(" ".join(p.text).split())
    assert "Certainty profile" in text and "hedged sentence share" in text
    for s in rec["spans"]:
        assert all(w in text for w in s["text"].split())


def test_spacy_output_keeps_user_data(runner, model, nlp, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf8")
    out = tmp_path / "a.spacy"
    res = annotate(runner, model, src, "-o", out)
    assert res.exit_code == 0, res.stderr
    [doc] = list(DocBin().from_disk(out).get_docs(nlp.vocab))
    assert doc.text == TEXT
    assert doc.user_data["meta"]["source"] == str(src)
    assert "scores" in doc.spans["sc"].attrs
    for span in doc.spans["sc"]:
        if span.label_ == "ATTRIBUTION":
            assert span._.source_kind in ("named", "anonymous", "none")
    assert doc._.certainty_profile["counts"]


def test_spacy_format_needs_an_output_file(runner, model, tmp_path):
    res = annotate(runner, model, "-", "-f", "spacy", input=TEXT)
    assert res.exit_code == 2 and "-o" in res.stderr


def test_table_output(runner, model, tmp_path):
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf8")
    (tmp_path / "b.txt").write_text(TEXT.upper(), encoding="utf8")
    res = annotate(runner, model, tmp_path / "a.txt", tmp_path / "b.txt", "--format", "table")
    assert res.exit_code == 0, res.stderr
    lines = res.stdout.splitlines()
    assert lines[0].startswith("| document") and all(label in lines[0] for label in LABELS)
    assert any("a.txt" in line for line in lines) and any("b.txt" in line for line in lines)


def test_n_process_and_batch_size_give_the_same_output(runner, model, tmp_path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf8")
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert annotate(runner, model, tmp_path, "-o", one).exit_code == 0
    res = annotate(runner, model, tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt", "-o", two,
                   "--n-process", "2", "--batch-size", "1")
    assert res.exit_code == 0, res.stderr
    assert [r["spans"] for r in records(one)] == [r["spans"] for r in records(two)]
    assert [Path(r["meta"]["source"]).name for r in records(two)] == ["a.txt", "b.txt", "c.txt"]


def test_progress_bar_on_stderr_for_multi_document_runs(runner, model, tmp_path):
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(TEXT, encoding="utf8")
    multi = annotate(runner, model, tmp_path / "a.txt", tmp_path / "b.txt", "-f", "table")
    single = annotate(runner, model, tmp_path / "a.txt", "-f", "table")
    assert multi.exit_code == single.exit_code == 0
    assert "annotate:" in multi.stderr and "doc" in multi.stderr
    assert "annotate:" not in single.stderr and "annotate:" not in multi.stdout


def test_annotation_streams(nlp):
    """Documents come out while the input is still being read (an endless input)."""
    from itertools import count, islice

    endless = (hw_readers.InputDoc(f"Officials said {i} rifles may have been supplied.", {"n": i}) for i in count())
    docs = list(islice(hw_annotate.annotate(nlp, endless, batch_size=2), 3))
    assert [d.user_data["meta"]["n"] for d in docs] == [0, 1, 2]


# --- bad inputs -------------------------------------------------------------------
BAD = {
    "empty": (lambda p: p.write_bytes(b""), "empty"),
    "whitespace": (lambda p: p.write_bytes(b"  \n\n "), "empty"),
    "binary": (lambda p: p.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary"),
    "non_utf8": (lambda p: p.write_bytes("Le café a été fermé, a dit le porte-parole.".encode("latin-1")), "not UTF-8"),
    "unreadable": (lambda p: p.write_text(TEXT, encoding="utf8"), "cannot read"),
    "missing": (lambda p: None, "no such file"),
}


@pytest.mark.parametrize("kind", sorted(BAD))
def test_bad_input_one_stderr_line_others_processed(runner, model, tmp_path, monkeypatch, kind):
    make, reason = BAD[kind]
    bad = tmp_path / f"bad_{kind}.txt"
    make(bad)
    if kind == "unreadable":
        bad.chmod(0)
        if os.access(bad, os.R_OK):  # root reads anything: make the open fail as it would
            real = hw_readers._open_binary

            def deny(path):
                if Path(path) == bad:
                    raise PermissionError(13, "Permission denied", str(path))
                return real(path)

            monkeypatch.setattr(hw_readers, "_open_binary", deny)
    good1, good2 = tmp_path / "good1.txt", tmp_path / "good2.txt"
    good1.write_text(TEXT, encoding="utf8")
    good2.write_text(TEXT, encoding="utf8")
    out = tmp_path / "out.jsonl"
    res = annotate(runner, model, good1, bad, good2, "-o", out)
    assert res.exit_code == 1
    named = lines_naming(res.stderr, bad.name)
    assert len(named) == 1, res.stderr
    assert reason in named[0]
    assert [Path(r["meta"]["source"]).name for r in records(out)] == ["good1.txt", "good2.txt"]


def test_malformed_jsonl_line(runner, model, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": TEXT}) + "\n{not json\n" + json.dumps({"txt": "wrong key"}) + "\n"
                   + json.dumps({"text": TEXT, "n": 4}) + "\n", encoding="utf8")
    out = tmp_path / "out.jsonl"
    res = annotate(runner, model, src, "-o", out)
    assert res.exit_code == 1
    assert len(lines_naming(res.stderr, f"{src}:2")) == 1 and "malformed JSON" in res.stderr
    assert len(lines_naming(res.stderr, f"{src}:3")) == 1 and "'text'" in res.stderr
    assert [r["meta"]["line"] for r in records(out)] == [1, 4]


# --- --force and atomic writes ----------------------------------------------------
def test_refuses_to_overwrite_without_force(runner, model, tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(TEXT, encoding="utf8")
    out = tmp_path / "out.jsonl"
    out.write_text("keep me\n", encoding="utf8")
    res = annotate(runner, model, src, "-o", out)
    assert res.exit_code == 1 and "--force" in res.stderr
    assert out.read_text(encoding="utf8") == "keep me\n"
    res = annotate(runner, model, src, "-o", out, "--force")
    assert res.exit_code == 0, res.stderr
    assert records(out)[0]["text"] == TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "out.jsonl"], "no temporary file left"
    assert out.stat().st_mode & 0o044, "readable like a normally written file"


def test_failed_write_leaves_no_partial_file(model, nlp, tmp_path):
    def boom():
        yield from hw_annotate.annotate(nlp, [hw_readers.InputDoc(TEXT, {"source": "x"})])
        raise RuntimeError("interrupted")

    out = tmp_path / "out.jsonl"
    with pytest.raises(RuntimeError):
        hw_output.write_docs(boom(), out, "jsonl")
    assert list(tmp_path.iterdir()) == []


# --- long texts -------------------------------------------------------------------
def test_text_longer_than_max_length_is_processed_in_pieces(runner, model, nlp, tmp_path):
    text = SEED_003.read_text(encoding="utf8") * 3
    src = tmp_path / "long.txt"
    src.write_text(text, encoding="utf8")
    out = tmp_path / "long.jsonl"
    saved = nlp.max_length
    nlp.max_length = 2500
    try:
        assert len(hw_annotate.split_text(text, nlp.max_length)) > 6
        res = annotate(runner, model, src, "-o", out)
    finally:
        nlp.max_length = saved
    assert res.exit_code == 0, res.stderr
    [rec] = records(out)
    check_record(rec)
    assert rec["text"] == text
    assert any(s["start"] > 2 * len(text) // 3 for s in rec["spans"]), "spans in the last pieces, re-based"
    assert rec["profile"]["words"] > 2000


def test_split_text_cuts_at_boundaries():
    text = "One sentence here. Another one there.\n\nA new paragraph starts. It ends.\n\nLast."
    pieces = hw_annotate.split_text(text, 40)
    assert "".join(pieces) == text and all(len(p) <= 40 for p in pieces)
    assert pieces[0].endswith(("\n\n", ". "))
    assert hw_annotate.split_text("x" * 100, 30) == ["x" * 30] * 3 + ["x" * 10]


# --- model lookup -----------------------------------------------------------------
def test_no_model_says_how_to_train_or_install(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli_module, "DEFAULT_MODEL_PACKAGE", "en_hedgewatch_not_installed")
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf8")
    res = run(runner, "annotate", "a.txt")
    assert res.exit_code == 1
    assert "spacy project run all" in res.stderr and "pip install" in res.stderr and "--model" in res.stderr


def test_model_lookup_order(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(cli_module, "DEFAULT_MODEL_PACKAGE", "en_hedgewatch_not_installed")
    assert cli_module.find_model("some/path") == "some/path"
    (tmp_path / "training" / "cpu" / "model-tuned").mkdir(parents=True)
    (tmp_path / "training" / "cpu" / "model-tuned" / "config.cfg").write_text("")
    assert cli_module.find_model() == str(Path("training/cpu/model-tuned"))
    monkeypatch.setattr(cli_module, "DEFAULT_MODEL_PACKAGE", "json")  # any importable name
    assert cli_module.find_model() == "json"


# --- compare ----------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_compare(model, tmp_path_factory):
    out = tmp_path_factory.mktemp("compare") / "c.json"
    res = CliRunner(mix_stderr=False).invoke(
        app, ["compare", str(SEED_003), str(SEED_002), "--model", model, "-o", str(out)], catch_exceptions=False)
    assert res.exit_code == 0, res.stderr
    [result] = json.loads(out.read_text(encoding="utf8"))
    return result


def has(spans, label):
    return any(s["label"] == label for s in spans)


def test_compare_flags_the_002_headline(seed_compare):
    [head] = [p for p in seed_compare["pairs"] if p["original"]["kind"] == "headline"]
    assert head["original"]["text"] == "Videos suggest Russian government may be arming Taliban"
    assert head["version"][0]["text"].startswith("Taliban Obtains New Weaponry Funded By Russian Government")
    assert has(head["original"]["spans"], "HEDGE") and not has(head["version"][0]["spans"], "HEDGE")
    assert "hedge dropped" in head["flags"]
    assert "hedge dropped" in seed_compare["summary"]["headline_flags"]


def test_compare_kept_hedge_paraphrase_not_flagged(seed_compare):
    # 003 "... has actually formerly called claims they are equipping the Taliban ..."
    # 002 "To deny such a claim, the Russian Foreign Ministry has declined to comment ..."
    [pair] = [p for p in seed_compare["pairs"] if "Foreign Ministry decreased to comment" in p["original"]["text"]]
    assert any("declined to comment" in u["text"] for u in pair["version"])
    v_spans = [s for u in pair["version"] for s in u["spans"]]
    assert has(pair["original"]["spans"], "HEDGE") and has(v_spans, "HEDGE")
    assert "hedge dropped" not in pair["flags"] and "hedge added" not in pair["flags"]
    # and in general: a pair hedged on both sides never carries a hedge flag
    for p in seed_compare["pairs"]:
        v = [s for u in p["version"] for s in u["spans"]]
        if has(p["original"]["spans"], "HEDGE") and has(v, "HEDGE"):
            assert not {"hedge dropped", "hedge added"} & set(p["flags"]), p


def test_compare_flags_follow_the_spans(seed_compare):
    for p in seed_compare["pairs"]:
        v = [s for u in p["version"] for s in u["spans"]]
        assert p["flags"] == pair_flags(p["original"]["spans"], v)
        assert ("hedge dropped" in p["flags"]) == (has(p["original"]["spans"], "HEDGE") and not has(v, "HEDGE"))
    assert set(seed_compare["summary"]["flags"]) == set(FLAGS)


def test_pair_flags():
    att = lambda kind: {"label": "ATTRIBUTION", "text": "x said", "source_kind": kind}
    hedge, denial = {"label": "HEDGE", "text": "may"}, {"label": "DENIAL", "text": "denied"}
    assert pair_flags([hedge], []) == ["hedge dropped"]
    assert pair_flags([], [hedge]) == ["hedge added"]
    assert pair_flags([hedge, att("named"), denial], [hedge, att("named"), denial]) == []
    assert pair_flags([att("named")], []) == ["attribution dropped"]
    assert pair_flags([att("named")], [att("anonymous")]) == ["source turned anonymous"]
    assert pair_flags([att("anonymous")], [att("named")]) == ["source turned named"]
    assert pair_flags([denial], []) == ["denial dropped"]


def test_compare_original_with_itself_has_no_flags(runner, model):
    res = run(runner, "compare", SEED_003, SEED_003, "--model", model, "--format", "json")
    assert res.exit_code == 0, res.stderr
    [out] = json.loads(res.stdout)
    assert len(out["pairs"]) > 20 and all(p["flags"] == [] for p in out["pairs"])
    for p in out["pairs"]:
        assert p["similarity"] == [1.0] and [u["text"] for u in p["version"]] == [p["original"]["text"]]


def test_compare_table_and_html(runner, model, tmp_path):
    res = run(runner, "compare", SEED_003, SEED_002, "--model", model)
    assert res.exit_code == 0, res.stderr
    head_rows = [line for line in res.stdout.splitlines() if line.startswith("| headline")]
    summary, pair = head_rows  # the summary's headline row, then the aligned pair
    assert "hedge dropped" in summary
    assert "Taliban Obtains New Weaponry" in pair and "hedge dropped" in pair
    out = tmp_path / "c.html"
    res = run(runner, "compare", SEED_003, SEED_002, "--model", model, "-o", out)
    assert res.exit_code == 0, res.stderr
    p = parse_html(out.read_text(encoding="utf8"))
    assert "HEDGE" in p.labels
    assert "hedge dropped" in " ".join(p.text)
    res = run(runner, "compare", SEED_003, SEED_002, "--model", model, "-o", out)
    assert res.exit_code == 1 and "--force" in res.stderr


def test_compare_bad_version_reported_others_compared(runner, model, tmp_path):
    bad = tmp_path / "empty.txt"
    bad.write_text("")
    res = run(runner, "compare", SEED_003, bad, SEED_002, "--model", model, "-f", "json")
    assert res.exit_code == 1
    assert len(lines_naming(res.stderr, "empty.txt")) == 1
    assert [r["version"] for r in json.loads(res.stdout)] == [str(SEED_002)]
