"""hedgewatch.project.scoring: the exact, overlap and sentence scores of the published
metrics, on hand-counted examples."""
import pytest
import spacy
from spacy.tokens import Span

from hedgewatch.project.scoring import score


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return nlp


TEXT = "Russia could be arming the Taliban , officials said . Moscow denied it ."
#        0      1     2  3      4   5       6 7         8    9 10     11     12 13


def pair(nlp, pred, gold, key="sc"):
    p, g = nlp(TEXT), nlp(TEXT)
    p.spans[key] = [Span(p, s, e, label=lb) for s, e, lb in pred]
    g.spans["sc"] = [Span(g, s, e, label=lb) for s, e, lb in gold]
    return p, g


def test_exact_overlap_sentence(nlp):
    gold = [(1, 3, "HEDGE"), (7, 9, "ATTRIBUTION"), (10, 12, "DENIAL")]
    pred = [(1, 3, "HEDGE"), (8, 9, "ATTRIBUTION"), (3, 4, "HEDGE")]
    out = score([pair(nlp, pred, gold)])
    ex, ov, se = out["exact"], out["overlap"], out["sentence"]
    # exact: 1 of 3 predicted, 1 of 3 gold
    assert ex["micro"]["p"] == round(1 / 3, 4) and ex["micro"]["r"] == round(1 / 3, 4)
    assert ex["HEDGE"] == {"p": 0.5, "r": 1.0, "f": round(2 * 0.5 / 1.5, 4), "n_pred": 2, "n_gold": 1}
    assert ex["ATTRIBUTION"]["p"] == 0.0 and ex["DENIAL"]["r"] == 0.0
    # overlap: "said" overlaps "officials said"; "arming" overlaps no HEDGE
    assert ov["ATTRIBUTION"]["p"] == 1.0 and ov["ATTRIBUTION"]["r"] == 1.0
    assert ov["HEDGE"]["p"] == 0.5 and ov["HEDGE"]["r"] == 1.0
    assert ov["micro"]["p"] == round(2 / 3, 4) and ov["micro"]["r"] == round(2 / 3, 4)
    # sentence: the first sentence has HEDGE and ATTRIBUTION on both sides, the second a gold DENIAL only
    assert se["HEDGE"]["f"] == 1.0 and se["ATTRIBUTION"]["f"] == 1.0
    assert se["DENIAL"] == {"p": 0.0, "r": 0.0, "f": 0.0, "n_pred": 0, "n_gold": 1}


def test_exact_matches_spacys_span_scorer(nlp):
    gold = [(1, 3, "HEDGE"), (7, 9, "ATTRIBUTION"), (10, 12, "DENIAL")]
    pred = [(1, 3, "HEDGE"), (7, 9, "ATTRIBUTION"), (10, 11, "DENIAL")]
    out = score([pair(nlp, pred, gold)])
    spacy_scores = out["spacy_span_scorer"]
    assert spacy_scores["spans_sc_f"] == pytest.approx(out["exact"]["micro"]["f"], abs=1e-4)
    assert spacy_scores["spans_sc_per_type"]["DENIAL"]["f"] == 0.0


def test_pred_key_differs_from_gold_key(nlp):
    gold = [(1, 3, "HEDGE")]
    out = score([pair(nlp, [(1, 3, "HEDGE")], gold, key="hw_rules")], pred_key="hw_rules")
    assert out["exact"]["HEDGE"]["f"] == 1.0


def test_no_predictions_no_gold(nlp):
    out = score([pair(nlp, [], [])])
    assert out["exact"]["micro"] == {"p": 0.0, "r": 0.0, "f": 0.0, "n_pred": 0, "n_gold": 0}
