"""Compare by meaning (issue 15): the aligner (lexical fallback, merges and splits, the
embedding cache), claim certainty and its drift, the report, the gold standoff files,
and the semantic aligner on the real MiniLM model (needs the trf/semantic extra)."""
import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

from hedgewatch.app import alignment
from hedgewatch.app.alignment import Embedder, align_units, resolve_method, semantic_available
from hedgewatch.app.compare import certainty, certainty_upgrades, compare_units, drift
from hedgewatch.app.compare_report import render_html, render_table
from hedgewatch.project.compare_eval import gold_units, load_pairs, predicted_links, read_gold, score, side_text
from hedgewatch.project.realnews import sha256

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "corpus" / "alignment"
BASIL = ROOT.parent / "shared" / "external" / "basil"
needs_semantic = pytest.mark.skipif(not semantic_available(), reason="needs the trf or semantic extra")


@dataclass
class U:
    kind: str
    index: int
    start: int
    end: int
    text: str
    spans: list = field(default_factory=list)


def units(texts, spans=None):
    out, pos = [], 0
    for k, t in enumerate(texts):
        out.append(U("headline" if k == 0 else "sentence", k, pos, pos + len(t), t, list((spans or {}).get(k, []))))
        pos += len(t) + 1
    return out


def joined(texts):
    return "\n".join(texts)


HEDGE = {"label": "HEDGE", "text": "may", "start": 0, "end": 3}
NAMED = {"label": "ATTRIBUTION", "text": "Gen. Nicholson said", "start": 0, "end": 5, "source": "Gen. Nicholson", "source_kind": "named"}
ANON = {"label": "ATTRIBUTION", "text": "officials said", "start": 0, "end": 5, "source": "officials", "source_kind": "anonymous"}
DENIAL = {"label": "DENIAL", "text": "denied", "start": 0, "end": 6}

ORIG = ["Videos suggest Russian government may be arming Taliban",
        "The Taliban have received weapons in Afghanistan that appear to have been supplied by the Russian government.",
        "Two separate groups of Taliban claim to be in possession of the weapons near the border.",
        "They say the guns were handed over for free across the Tajik border by the Russians.",
        "Moscow has repeatedly denied providing the militant group with any aid.",
        "Weather in Kabul stayed cold and dry through the week of the videos."]


class FakeModel:
    """A stand-in for SentenceTransformer: bag-of-letters vectors, counting calls."""

    def __init__(self):
        self.calls, self.texts = 0, 0

    def encode(self, texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True, show_progress_bar=False):
        import numpy as np

        self.calls += 1
        self.texts += len(texts)
        out = np.zeros((len(texts), 26), dtype="float32")
        for k, t in enumerate(texts):
            for c in t.lower():
                if "a" <= c <= "z":
                    out[k, ord(c) - 97] += 1
        return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)


# --- the aligner --------------------------------------------------------------------------
def test_auto_falls_back_to_lexical_without_the_extra(monkeypatch):
    monkeypatch.setattr(alignment, "semantic_available", lambda: False)
    assert resolve_method("auto") == "lexical"
    with pytest.raises(alignment.SemanticUnavailable, match="pip install"):
        resolve_method("semantic")
    with pytest.raises(ValueError):
        resolve_method("fuzzy")
    ou = units(ORIG)
    links, method = align_units(ou, units(ORIG), "auto")
    assert method == "lexical"
    assert [link.originals for link in links] == [[k] for k in range(len(ORIG))]


def test_split_and_merge_lexical():
    version = ["Russian government may be arming the Taliban, videos suggest",
               # one original sentence split in two
               "The Taliban have received weapons in Afghanistan.",
               "The weapons appear to have been supplied by the Russian government.",
               # two neighbouring original sentences merged into one
               "Two separate groups of Taliban claim possession of the weapons near the border, and say the guns were "
               "handed over for free across the Tajik border by the Russians.",
               "Comments"]
    ou, vu = units(ORIG), units(version)
    links, _ = align_units(ou, vu, "lexical")
    assert links[0].originals == [0]
    assert links[1].originals == [1] and links[2].originals == [1]
    assert sorted(links[3].originals) == [2, 3]
    assert links[4].originals == []  # too few content words
    res = compare_units(ou, vu, joined(ORIG), "lexical")
    merged = [p for p in res["pairs"] if len(p["original"]["units"]) == 2]
    assert len(merged) == 1 and merged[0]["original"]["text"] == joined(ORIG)[ou[2].start:ou[3].end]
    split = [p for p in res["pairs"] if len(p["version"]) == 2]
    assert len(split) == 1 and split[0]["original"]["index"] == 1


def test_embedder_embeds_each_distinct_text_once_in_batches():
    model = FakeModel()
    emb = Embedder(model=model, batch_size=8)
    ou = units(ORIG)
    versions = [units([ORIG[0], f"Version {k} says weapons reached the Taliban across the border.", ORIG[4]]) for k in range(20)]
    for vu in versions:
        compare_units(ou, vu, joined(ORIG), "semantic", emb)
    distinct = {" ".join(u.text.split()) for u in ou} | {" ".join(u.text.split()) for vu in versions for u in vu}
    assert emb.encoded == len(distinct) == model.texts  # the original's units once, not 20 times
    assert model.calls <= 1 + 20  # one batch call per document at most


def test_compare_versions_encodes_everything_in_one_call():
    import spacy

    from hedgewatch.app.compare import compare_versions

    model = FakeModel()
    emb = Embedder(model=model)
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    orig = nlp(joined(ORIG))
    versions = [nlp(joined([ORIG[0], f"Version {k}: the Taliban received weapons from Russia.", ORIG[4]])) for k in range(20)]
    results = compare_versions(orig, versions, "semantic", emb)
    assert len(results) == 20 and model.calls == 1
    assert all(r["summary"]["alignment"] == "semantic" for r in results)


# --- claim certainty ----------------------------------------------------------------------
def test_certainty_of_a_claim():
    assert certainty([])["description"] == "asserted as fact by the outlet"
    c = certainty([HEDGE, NAMED])
    assert c["status"] == "attributed to a named source" and c["hedged"]
    assert c["description"] == "attributed to a named source (Gen. Nicholson), hedged (may)"
    assert certainty([ANON])["status"] == "attributed to an anonymous source"
    assert certainty([DENIAL, NAMED])["status"] == "denied by someone"
    assert certainty([HEDGE])["level"] < certainty([])["level"]


def test_drift_and_ranked_upgrades():
    d = drift(certainty([HEDGE, NAMED]), certainty([]))
    assert d["kind"] == "upgrade" and d["bare_assertion"]
    assert d["text"] == ("original: attributed to a named source (Gen. Nicholson), hedged (may); "
                         "version: asserted as fact by the outlet")
    assert drift(certainty([]), certainty([HEDGE]))["kind"] == "downgrade"
    assert not drift(certainty([]), certainty([]))["bare_assertion"]
    small = drift(certainty([ANON]), certainty([NAMED]))  # anonymous -> named: an upgrade, not bare
    assert small["kind"] == "upgrade" and not small["bare_assertion"]
    pairs = [{"original": {"text": "a"}, "version": [{"text": "b"}], "similarity": [0.9], "drift": small},
             {"original": {"text": "c"}, "version": [{"text": "d"}], "similarity": [0.5], "drift": d}]
    ranked = certainty_upgrades(pairs)
    assert [u["original"] for u in ranked] == ["c", "a"]  # the bare assertion first


def test_compare_units_reports_claim_drift_and_headline():
    orig_spans = {0: [HEDGE], 1: [HEDGE, ANON], 4: [DENIAL]}
    version = ["Russian government is arming Taliban",
               "The Taliban have received weapons in Afghanistan that were supplied by the Russian government.",
               "Moscow has repeatedly denied providing the militant group with any aid."]
    ou = units(ORIG, orig_spans)
    vu = units(version, {2: [DENIAL]})
    res = compare_units(ou, vu, joined(ORIG), "lexical")
    [p1] = [p for p in res["pairs"] if p["original"]["index"] == 1]
    assert p1["drift"]["bare_assertion"] and "hedge dropped" in p1["flags"]
    assert res["upgrades"][0]["bare_assertion"]
    assert res["summary"]["bare_assertions"] == 2  # the headline and sentence 1
    h = res["headline"]
    assert h["certainty"]["description"] == "asserted as fact by the outlet"
    assert h["original_headline"]["certainty"]["hedged"]
    assert h["firmer_than_claims"] is False  # its own body asserts the claim bare too
    assert {c["text"] for c in h["original_claims"]} >= {ORIG[1]}
    table = render_table([dict(res, original="o", version="v")])
    assert "Strongest certainty upgrades" in table and "bare assertion" in table
    fewer = dict(res, original="o", version="w", pairs=res["pairs"][:1])
    page = render_html([dict(res, original="o", version="v"), fewer])
    assert "Claims of the original across the versions" in page and 'class="bare"' in page
    # one row per original claim reported by some version; "not reported" where w lacks it
    assert page.count("not reported") == len(res["pairs"]) - 1


def test_cli_compare_has_the_align_option():
    from hedgewatch.app.cli import app

    res = CliRunner(mix_stderr=False).invoke(app, ["compare", "--help"], catch_exceptions=False)
    assert res.exit_code == 0
    assert "--align" in res.stdout and "semantic" in res.stdout and "lexical" in res.stdout


# --- gold standoff --------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["seeds", "basil"])
def test_gold_is_standoff(name):
    recs = read_gold(GOLD / f"{name}.jsonl")
    assert recs and {r["subset"] for r in recs} == {"tune", "test"}
    raw = (GOLD / f"{name}.jsonl").read_text(encoding="utf8")
    assert '"text"' not in raw  # offsets and hashes only
    if name == "basil":
        assert len({r["event"] for r in recs if r["subset"] == "test"}) >= 8
    for r in recs:
        for side in ("original", "version"):
            u = r[side]["units"]
            assert all(a < b for a, b in u) and all(u[k][1] <= u[k + 1][0] for k in range(len(u) - 1))
        for v, o in r["links"]:
            assert 0 <= v < len(r["version"]["units"]) and 0 <= o < len(r["original"]["units"])


def test_seed_gold_matches_the_seed_texts():
    for r in read_gold(GOLD / "seeds.jsonl"):
        for side in ("original", "version"):
            text = side_text(r[side], ROOT, None)
            assert sha256(text) == r[side]["sha256"]
            us = gold_units(r[side], text)
            assert us[0].kind == "headline" and all(u.text.strip() == u.text or u.text.strip() for u in us)


def test_scoring():
    recs = [{"links": [[0, 0], [1, 1], [2, 1]]}]
    s = score(recs, [{(0, 0), (1, 1), (3, 2)}])
    assert (s["tp"], s["pred"], s["gold"]) == (2, 3, 3) and abs(s["f"] - 2 / 3) < 1e-9
    assert predicted_links([alignment.Link([1, 2], 0.5), alignment.Link([], 0.1)]) == {(0, 1), (0, 2)}


# --- the semantic aligner on MiniLM ----------------------------------------------------------
@needs_semantic
def test_semantic_aligns_a_paraphrase_the_lexical_misses():
    orig = units(["Russia may be arming the Taliban",
                  "Moscow has repeatedly denied providing the militant group with any aid.",
                  "The weapons were stripped of serial numbers, experts said."])
    ver = units(["Kremlin accused of helping insurgents",
                 "The Kremlin rejected claims that it supplied the insurgents.",
                 "Specialists said identifying marks had been removed from the guns."])
    sem, _ = align_units(orig, ver, "semantic")
    lex, _ = align_units(orig, ver, "lexical")
    assert [link.best for link in sem] == [0, 1, 2]
    assert sum(link.best is not None for link in lex) < 3


@needs_semantic
def test_semantic_alignment_on_the_seed_gold():
    pairs = load_pairs([r for r in read_gold(GOLD / "seeds.jsonl") if r["subset"] == "test"], ROOT, None)
    preds = []
    for rec, ou, vu, _, _ in pairs:
        links, method = align_units(ou, vu, "semantic")
        preds.append(predicted_links(links))
    s = score([p[0] for p in pairs], preds)
    assert s["f"] >= 0.75, s


@pytest.mark.skipif(not BASIL.exists(), reason="BASIL is not checked out beside the repository")
def test_basil_gold_hashes_match():
    for r in read_gold(GOLD / "basil.jsonl")[:4]:
        for side in ("original", "version"):
            assert sha256(side_text(r[side], ROOT, BASIL)) == r[side]["sha256"]
