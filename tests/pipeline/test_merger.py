"""hedgewatch_merger: accepts(), merge_spans() over the model and rule keys, the
component and its scorer."""
import pytest
import spacy
from spacy.training import Example

from hedgewatch.pipeline.merger import FALLBACK, accepts, candidates, merge_spans

TH = {"accept": 0.6, "rule_accept": 0.2}


@pytest.mark.parametrize("score,from_rules,expected", [
    (0.6, False, True),    # the model alone at the accept threshold
    (0.59, False, False),
    (0.2, True, True),     # a rule span the model does not veto
    (0.19, True, False),   # vetoed
    (0.0, True, False),
])
def test_accepts(score, from_rules, expected):
    assert accepts(score, from_rules, TH) is expected


def test_rule_accept_zero_is_the_union():
    assert accepts(0.0, True, {"accept": 0.9, "rule_accept": 0.0})


def _doc(nlp, model, rules):
    doc = nlp.make_doc("Russia could be arming the Taliban , officials said .")
    doc.spans["hw_model"] = [spacy.tokens.Span(doc, s, e, label=lb) for s, e, lb, _ in model]
    doc.spans["hw_model"].attrs["scores"] = [sc for _, _, _, sc in model]
    doc.spans["hw_rules"] = [spacy.tokens.Span(doc, s, e, label=lb) for s, e, lb in rules]
    return doc


@pytest.fixture
def nlp():
    return spacy.blank("en")


def test_candidates_and_merge(nlp):
    model = [(1, 3, "HEDGE", 0.3), (7, 9, "ATTRIBUTION", 0.9), (0, 1, "DENIAL", 0.7)]
    rules = [(1, 3, "HEDGE"), (2, 3, "HEDGE")]
    doc = _doc(nlp, model, rules)
    cands = [(s.start, s.end, s.label_, sc, r) for s, sc, r in candidates(doc, "hw_model", "hw_rules")]
    assert cands == [(0, 1, "DENIAL", 0.7, False), (1, 3, "HEDGE", 0.3, True), (2, 3, "HEDGE", 0.0, True),
                     (7, 9, "ATTRIBUTION", 0.9, False)]
    th = {"HEDGE": {"accept": 0.5, "rule_accept": 0.0}, "ATTRIBUTION": {"accept": 0.5, "rule_accept": 0.1}}
    kept, scores = merge_spans(doc, "hw_model", "hw_rules", th)
    # DENIAL has no thresholds: the fallback (0.5) keeps the 0.7 span
    assert FALLBACK["accept"] == 0.5
    assert [(s.start, s.end, s.label_) for s in kept] == [(0, 1, "DENIAL"), (1, 3, "HEDGE"), (2, 3, "HEDGE"), (7, 9, "ATTRIBUTION")]
    assert scores == [0.7, 0.3, 0.0, 0.9]
    kept, _ = merge_spans(doc, "hw_model", "hw_rules", {**th, "HEDGE": {"accept": 0.5, "rule_accept": 0.31}})
    assert (1, 3, "HEDGE") not in [(s.start, s.end, s.label_) for s in kept]


def test_component_writes_only_its_key_and_scores(nlp):
    merger = nlp.add_pipe("hedgewatch_merger", config={"thresholds": {"HEDGE": {"accept": 0.5, "rule_accept": 0.0}}})
    doc = _doc(nlp, [(1, 3, "HEDGE", 0.3)], [(1, 3, "HEDGE")])
    doc = merger(doc)
    assert [s.text for s in doc.spans["sc"]] == ["could be"]
    assert list(doc.spans["sc"].attrs["scores"]) == [0.3]
    assert list(doc.spans["hw_model"].attrs["scores"]) == [0.3]  # the model's key is left alone


def test_scorer_reports_spans_sc(nlp):
    merger = nlp.add_pipe("hedgewatch_merger", config={"thresholds": {"HEDGE": {"accept": 0.5, "rule_accept": 0.0}}})
    pred = merger(_doc(nlp, [(1, 3, "HEDGE", 0.9), (7, 9, "ATTRIBUTION", 0.9)], []))
    gold = nlp.make_doc(pred.text)
    gold.spans["sc"] = [spacy.tokens.Span(gold, 1, 3, label="HEDGE")]
    scores = merger.score([Example(pred, gold)])
    assert scores["spans_sc_p"] == 0.5 and scores["spans_sc_r"] == 1.0
    assert nlp.get_factory_meta("hedgewatch_merger").default_score_weights["spans_sc_f"] == 1.0


def test_roundtrip_keeps_thresholds(tmp_path, nlp):
    th = {"HEDGE": {"accept": 0.35, "rule_accept": 0.05}}
    nlp.add_pipe("hedgewatch_merger", config={"thresholds": th})
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p")
    merger = loaded.get_pipe("hedgewatch_merger")
    assert merger.thresholds["HEDGE"] == pytest.approx(th["HEDGE"])
    assert merger.model_key == "hw_model" and merger.rules_key == "hw_rules"
