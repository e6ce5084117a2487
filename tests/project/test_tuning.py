"""hedgewatch.project.tuning: the grid search decides with the merger's accepts()."""
from hedgewatch.project.tuning import GRID, best_thresholds


def test_best_thresholds_prefers_rule_spans_the_model_scores_low():
    # (score, from rules, gold); (None, None, n_gold) closes a document
    rows = [(0.9, False, True), (0.3, True, True), (0.3, False, False), (0.12, True, False), (None, None, 2)]
    best = best_thresholds(rows)
    assert best["dev_f"] == 1.0
    assert best["accept"] > 0.3 and 0.12 < best["rule_accept"] <= 0.3


def test_first_best_in_grid_order_wins():
    rows = [(0.99, False, True), (None, None, 1)]
    best = best_thresholds(rows)
    assert (best["accept"], best["rule_accept"]) == (GRID[0], GRID[0])


def test_nothing_to_find():
    best = best_thresholds([(0.5, False, False), (None, None, 0)])
    assert best["dev_f"] == 0.0
