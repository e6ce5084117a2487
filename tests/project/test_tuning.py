"""hedgewatch.project.tuning: the grid search decides with the merger's accepts()."""
import pytest

from hedgewatch.project.tuning import GRID, best_thresholds


def test_best_thresholds_prefers_rule_spans_the_model_scores_low():
    # (score, from rules, gold); (None, None, n_gold) closes a document
    rows = [(0.9, False, True), (0.3, True, True), (0.3, False, False), (0.12, True, False), (None, None, 2)]
    best = best_thresholds(rows)
    assert best["dev_f"] == 1.0
    assert best["accept"] > 0.3 and 0.12 < best["rule_accept"] <= 0.3


def test_a_tie_keeps_the_fewest_model_spans_and_vetoes_no_rule_span():
    # every setting up to 0.95 keeps the one gold span: dev cannot tell them apart
    rows = [(0.99, False, True), (None, None, 1)]
    best = best_thresholds(rows)
    assert (best["accept"], best["rule_accept"]) == (0.95, 0.0)


def test_the_top_of_the_grid_accepts_no_model_span():
    assert max(GRID) == 1.0
    best = best_thresholds([(0.99, False, False), (0.2, True, True), (None, None, 1)])
    assert (best["accept"], best["rule_accept"], best["dev_overlap_f"]) == (1.0, 0.0, 1.0)


def _doc(*cands, n_gold):
    return [*cands, (None, None, n_gold)]


def test_a_gain_within_the_noise_of_dev_keeps_the_rules():
    # 20 documents, each with one rule span on a gold span; the model adds one span at 0.6 in
    # two of them, right in one and wrong in the other, and one more right one elsewhere:
    # the best setting (accept 0.6) beats the rules by less than its bootstrap standard error
    rows = []
    for d in range(20):
        extra = [(0.6, False, d == 0, frozenset([(d, 1)]) if d == 0 else frozenset())] if d in (0, 1) else []
        if d == 2:
            extra = [(0.6, False, True, frozenset([(d, 1)]))]
        rows += _doc((0.1, True, True, frozenset([(d, 0)])), *extra, n_gold=2 if d in (0, 2) else 1)
    best = best_thresholds(rows)
    assert best["dev_best"]["accept"] <= 0.6 and best["dev_best_overlap_f"] > best["dev_overlap_f"]
    assert (best["accept"], best["rule_accept"]) == (1.0, 0.0)
    assert best["dev_best_overlap_f"] - best["dev_overlap_f"] <= best["dev_gap_se"]
    assert best_thresholds(rows, resamples=0)["accept"] == best["dev_best"]["accept"]


def test_a_gain_seen_in_every_document_is_taken():
    # in each of 20 documents the model finds a gold span the rules miss
    rows = []
    for d in range(20):
        rows += _doc((0.1, True, True, frozenset([(d, 0)])), (0.7, False, True, frozenset([(d, 1)])), n_gold=2)
    best = best_thresholds(rows)
    assert best["dev_overlap_f"] == 1.0 and 0.1 < best["accept"] <= 0.7
    assert best["dev_best"] == {"accept": best["accept"], "rule_accept": best["rule_accept"]}


def test_resampling_is_reproducible():
    rows = []
    for d in range(10):
        rows += _doc((0.1, True, d % 3 != 0), (0.8, False, d % 2 == 0), n_gold=1)
    assert best_thresholds(rows) == best_thresholds(rows)


@pytest.mark.parametrize("rows,accept,rule_accept", [
    # a model-only false alarm at 0.4 and a true one at 0.7: any accept in (0.4, 0.7] is best; the highest wins
    ([(0.7, False, True), (0.4, False, False), (None, None, 1)], 0.7, 0.0),
    # a rule false alarm the model scores 0.2: vetoed by the lowest rule_accept above 0.2
    ([(0.2, True, False), (0.6, True, True), (None, None, 1)], 1.0, 0.25),
])
def test_ties_within_a_plateau(rows, accept, rule_accept):
    best = best_thresholds(rows)
    assert best["dev_f"] == 1.0 and (best["accept"], best["rule_accept"]) == (accept, rule_accept)


def test_nothing_to_find():
    best = best_thresholds([(0.5, False, False), (None, None, 0)])
    assert best["dev_f"] == 0.0


def test_overlap_f_decides_before_exact_f():
    # one gold span; the rule span overlaps it with the wrong boundary and the model scores
    # it 0.1, the model's exact span scores 0.5 but so does an unrelated false alarm.
    # Vetoing the rule span and accepting at 0.5 gives exact F 2/3 but overlap F 2/3 too
    # (P 1/2); keeping the rule span alone gives overlap F 1 (exact 0): overlap wins.
    g = frozenset([(0, 0)])
    rows = [(0.1, True, False, g), (0.5, False, True, g), (0.5, False, False, frozenset()), (None, None, 1)]
    best = best_thresholds(rows)
    assert best["dev_overlap_f"] == 1.0 and best["dev_f"] == 0.0
    assert best["accept"] > 0.5 and best["rule_accept"] == 0.0


def test_exact_f_breaks_overlap_ties():
    # the rule span and the model span both overlap the gold span; only the model's is
    # exact: overlap F is 1 either way, so the setting that keeps the exact one wins
    g = frozenset([(0, 0)])
    rows = [(0.1, True, False, g), (0.8, False, True, g), (None, None, 1)]
    best = best_thresholds(rows)
    assert best["dev_overlap_f"] == 1.0 and best["dev_f"] == 1.0
    assert best["accept"] <= 0.8 and best["rule_accept"] > 0.1
