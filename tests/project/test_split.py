import json
import re

import pytest
from spacy.tokens import DocBin

from conftest import CORPUS, run_script
from hedgewatch.project.neardup import content_stems, is_near_duplicate, near_duplicate_pairs, sentences


def char_ngrams(text, n=5):
    t = re.sub(r"\W+", " ", text.lower()).strip()
    return {t[i : i + n] for i in range(max(0, len(t) - n + 1))}


def test_near_duplicate_detector_catches_the_spun_rewrite():
    orig = "These two videos show sniper rifles, Kalashnikov variants and heavy machine guns that weapons experts say are stripped of any means of identifying their origin."
    spun = "These 2 videos reveal sniper rifles, Kalashnikov variations and heavy gatling gun that weapons professionals state are removed of any ways of determining their origin."
    other = "Kalashnikov is a high-end rifle designed in Russia."
    assert is_near_duplicate(content_stems(orig), content_stems(spun))
    assert not is_near_duplicate(content_stems(orig), content_stems(other))
    assert near_duplicate_pairs([orig, other, spun]) == {(0, 2)}


@pytest.fixture(scope="module")
def split_dir(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("split")
    res = run_script("convert.py", tmp / "docs.spacy", CORPUS / "seeds.jsonl", CORPUS / "extra.jsonl")
    assert res.returncode == 0, res.stderr
    res = run_script("split.py", tmp / "docs.spacy", tmp, "--report", tmp / "report.json", "--seed", "0")
    assert res.returncode == 0, res.stderr
    return tmp


def _sents(path, vocab):
    return [s for d in DocBin().from_disk(path).get_docs(vocab) for s in sentences(d.text)]


def test_split_has_no_leakage(split_dir, blank_nlp):
    parts = {n: _sents(split_dir / f"{n}.spacy", blank_nlp.vocab) for n in ("train", "dev", "test")}
    train_stems = [content_stems(s) for s in parts["train"]]
    train_grams = [char_ngrams(s) for s in parts["train"] if len(s) > 40]
    for held in ("dev", "test"):
        for sent in parts[held]:
            stems = content_stems(sent)
            assert not any(is_near_duplicate(stems, t) for t in train_stems), sent
            # an independent measure: character 5-gram Jaccard
            if len(sent) > 40:
                g = char_ngrams(sent)
                worst = max((len(g & t) / len(g | t) for t in train_grams), default=0)
                assert worst < 0.5, (held, sent, worst)


def test_split_is_deterministic_and_covers_everything(split_dir, tmp_path, blank_nlp):
    res = run_script("split.py", split_dir / "docs.spacy", tmp_path, "--report", tmp_path / "r.json", "--seed", "0")
    assert res.returncode == 0
    for name in ("train", "dev", "test"):
        assert (tmp_path / f"{name}.spacy").read_bytes() == (split_dir / f"{name}.spacy").read_bytes()
    report = json.loads((split_dir / "report.json").read_text())
    total = sum(sum(s["spans"].values()) for s in report["splits"].values())
    docs = list(DocBin().from_disk(split_dir / "docs.spacy").get_docs(blank_nlp.vocab))
    assert total == sum(len(d.spans["sc"]) for d in docs)
    for name in ("dev", "test"):
        assert all(v > 0 for v in report["splits"][name]["spans"].values()), report["splits"][name]


def test_seed_texts_are_the_raw_seeds():
    raw = {p.name: p.read_text(encoding="utf8") for p in (CORPUS / "raw").glob("*.txt")}
    for line in (CORPUS / "seeds.jsonl").read_text(encoding="utf8").splitlines():
        rec = json.loads(line)
        assert rec["text"] == raw[rec["meta"]["source"]]


def test_split_has_enough_spans_per_label(split_dir):
    """Issue 5: >= 300 training spans per label, and >= 60 per label in dev and in test
    from documents that are not about the seed story."""
    report = json.loads((split_dir / "report.json").read_text())
    splits = report["splits"]
    assert all(n >= 300 for n in splits["train"]["spans"].values()), splits["train"]["spans"]
    for name in ("dev", "test"):
        assert all(n >= 60 for n in splits[name]["spans_not_story"].values()), (name, splits[name]["spans_not_story"])
