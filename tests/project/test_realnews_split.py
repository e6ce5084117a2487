"""The real-news split: story groups stay on one side; articles pinned to train (annotated
after the split was fixed) change nothing on dev/test and never sit next to a held-out
near-duplicate."""
import random

import pytest
from spacy.tokens import DocBin

from hedgewatch.project.corpus import write_docbin
from hedgewatch.project.realnews import RealNewsError, split_real

_rng = random.Random(0)
WORDS = sorted({"".join(_rng.choice("bcdfghklmnprstvz") + _rng.choice("aeiou") for _ in range(3)) for _ in range(4000)})


def sentence(rng):
    return " ".join(rng.choice(WORDS) for _ in range(14)).capitalize() + "."


def make_doc(nlp, text, source, event=None, split=None, label="ATTRIBUTION"):
    doc = nlp(text)
    doc.spans["sc"] = [doc.char_span(0, len(text.split(" ")[0]), label=label)]
    meta = {"source": source, "corpus": "basil" if event else "polnear", "event": event, "outlet": "x"}
    if split:
        meta["split"] = split
    doc.user_data["meta"] = meta
    return doc


@pytest.fixture()
def corpus(blank_nlp):
    rng = random.Random(1)
    docs = []
    for e in range(10):  # ten events of three articles each
        for k in range(3):
            docs.append(make_doc(blank_nlp, " ".join(sentence(rng) for _ in range(5)), f"basil:e{e}_{k}", event=f"e{e}",
                                 label=["HEDGE", "ATTRIBUTION", "DENIAL"][k]))
    for a in range(12):
        docs.append(make_doc(blank_nlp, " ".join(sentence(rng) for _ in range(5)), f"polnear:a{a}",
                             label=["HEDGE", "ATTRIBUTION", "DENIAL"][a % 3]))
    return docs


def sources(path, vocab):
    return sorted(d.user_data["meta"]["source"] for d in DocBin().from_disk(path).get_docs(vocab))


def run(docs, tmp_path, name):
    write_docbin(docs, tmp_path / f"{name}.spacy")
    out = tmp_path / name
    report = split_real(tmp_path / f"{name}.spacy", out, seed=0, dev=0.2, test=0.3)
    return out, report


def test_events_stay_on_one_side(corpus, tmp_path, blank_nlp):
    out, report = run(corpus, tmp_path, "plain")
    side = {}
    for name in ("train", "dev", "test"):
        for src in sources(out / name / "real.spacy", blank_nlp.vocab):
            if src.startswith("basil:"):
                side.setdefault(src.split(":")[1].split("_")[0], set()).add(name)
    assert len(side) == 10 and all(len(s) == 1 for s in side.values())
    assert report["pinned_articles"] == 0


def test_pinned_articles_leave_dev_and_test_unchanged(corpus, tmp_path, blank_nlp):
    before, _ = run(corpus, tmp_path, "before")
    rng = random.Random(2)
    held = [d for d in DocBin().from_disk(before / "test" / "real.spacy").get_docs(blank_nlp.vocab)]
    shared = held[0].text.split(". ")[1] + "."
    new = [
        make_doc(blank_nlp, " ".join(sentence(rng) for _ in range(5)), "polnear:new1", split="train"),
        make_doc(blank_nlp, " ".join(sentence(rng) for _ in range(5)), "basil:n0_1", event="n0", split="train"),
        # shares a whole sentence with a test article: left out, not put in train
        make_doc(blank_nlp, sentence(rng) + " " + shared, "polnear:dup", split="train"),
    ]
    after, report = run(corpus + new, tmp_path, "after")
    for name in ("dev", "test"):
        assert sources(after / name / "real.spacy", blank_nlp.vocab) == sources(before / name / "real.spacy", blank_nlp.vocab)
    train_after = sources(after / "train" / "real.spacy", blank_nlp.vocab)
    assert train_after == sorted(sources(before / "train" / "real.spacy", blank_nlp.vocab) + ["basil:n0_1", "polnear:new1"])
    assert report["pinned_articles"] == 3
    assert report["pinned_left_out_near_duplicate_of_held_out"] == ["polnear:dup"]
    assert report["splits"]["train"]["pinned_articles"] == 2


def test_unknown_pinned_split_is_an_error(corpus, tmp_path, blank_nlp):
    bad = make_doc(blank_nlp, "Some text here for a test.", "polnear:bad", split="validation")
    with pytest.raises(RealNewsError, match="unknown split 'validation'"):
        run(corpus + [bad], tmp_path, "bad")


def test_articles_pinned_to_dev_enlarge_dev_only(corpus, tmp_path, blank_nlp):
    before, _ = run(corpus, tmp_path, "before")
    rng = random.Random(3)
    fresh = make_doc(blank_nlp, " ".join(sentence(rng) for _ in range(5)), "polnear:fresh", split="dev")
    event = [make_doc(blank_nlp, " ".join(sentence(rng) for _ in range(5)), f"basil:d0_{k}", event="d0", split="dev")
             for k in range(3)]
    dev_text = fresh.text.split(". ")[2] + "."
    # a later train article quoting a pinned dev article is left out, like one quoting test
    echo = make_doc(blank_nlp, sentence(rng) + " " + dev_text, "polnear:echo", split="train")
    after, report = run(corpus + [fresh, echo] + event, tmp_path, "after")
    assert sources(after / "test" / "real.spacy", blank_nlp.vocab) == sources(before / "test" / "real.spacy", blank_nlp.vocab)
    assert sources(after / "train" / "real.spacy", blank_nlp.vocab) == sources(before / "train" / "real.spacy", blank_nlp.vocab)
    assert sources(after / "dev" / "real.spacy", blank_nlp.vocab) == sorted(
        sources(before / "dev" / "real.spacy", blank_nlp.vocab) + ["basil:d0_0", "basil:d0_1", "basil:d0_2", "polnear:fresh"])
    assert report["splits"]["dev"]["pinned_articles"] == 4
    assert report["pinned_left_out_near_duplicate_of_held_out"] == ["polnear:echo"]


@pytest.mark.parametrize("other_side", ["train", "test"])
def test_dev_pin_sharing_a_sentence_with_another_side_is_an_error(corpus, tmp_path, blank_nlp, other_side):
    before, _ = run(corpus, tmp_path, "before")
    other = next(iter(DocBin().from_disk(before / other_side / "real.spacy").get_docs(blank_nlp.vocab)))
    shared = other.text.split(". ")[1] + "."
    leak = make_doc(blank_nlp, sentence(random.Random(4)) + " " + shared, "polnear:leak", split="dev")
    source = other.user_data["meta"]["source"]
    with pytest.raises(RealNewsError, match=f"polnear:leak: pinned to dev but shares a story .* with {source} in {other_side}"):
        run(corpus + [leak], tmp_path, "leak")


def test_dev_pin_from_an_event_on_another_side_is_an_error(corpus, tmp_path, blank_nlp):
    before, _ = run(corpus, tmp_path, "before")
    train_basil = [d for d in DocBin().from_disk(before / "train" / "real.spacy").get_docs(blank_nlp.vocab)
                   if d.user_data["meta"]["source"].startswith("basil:")]
    event = train_basil[0].user_data["meta"]["event"]
    late = make_doc(blank_nlp, " ".join(sentence(random.Random(5)) for _ in range(5)), f"basil:{event}_9", event=event, split="dev")
    with pytest.raises(RealNewsError, match=f"basil:{event}_9: pinned to dev but shares a story"):
        run(corpus + [late], tmp_path, "late")
