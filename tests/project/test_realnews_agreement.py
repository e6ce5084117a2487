"""Inter-annotator agreement of the real-news corpus: F1 between two annotators, kept per
group of double-annotated articles (batches 1-3 kept only their F1, so batch 4 is reported
beside them, not pooled), and the CLI never overwrites the earlier file it builds on."""
import json
import subprocess
import sys

import pytest

from conftest import ROOT
from hedgewatch.project.realnews import agreement_groups, span_agreement
from hedgewatch.project.report import agreement_table

LABELS = ["HEDGE", "ATTRIBUTION", "DENIAL"]


@pytest.mark.parametrize("a,b,label,exact,overlap", [
    ([(0, 5, "HEDGE")], [(0, 5, "HEDGE")], "HEDGE", 1.0, 1.0),
    ([(0, 5, "HEDGE")], [(0, 3, "HEDGE")], "HEDGE", 0.0, 1.0),  # boundary only
    ([(0, 5, "HEDGE")], [(0, 5, "DENIAL")], "HEDGE", 0.0, 0.0),  # another label never overlaps
    ([(0, 5, "DENIAL"), (9, 12, "DENIAL")], [(0, 5, "DENIAL")], "DENIAL", 2 / 3, 2 / 3),
])
def test_span_agreement(a, b, label, exact, overlap):
    scores = span_agreement([a], [b], LABELS)
    assert scores[label]["exact_f"] == pytest.approx(exact)
    assert scores[label]["overlap_f"] == pytest.approx(overlap)
    # the counts behind the F1 are kept, so later groups can be pooled
    assert scores[label]["exact_tp"] == len(set(a) & set(b))


def test_old_shape_reads_as_one_group():
    old = {"articles": ["x", "y"], "scores": {"micro": {"a": 1, "b": 1, "exact_f": 1.0, "overlap_f": 1.0}}}
    groups = agreement_groups(old)
    assert [g["name"] for g in groups] == ["batches 1-3"] and groups[0]["articles"] == ["x", "y"]
    new = {"groups": groups + [{"name": "batch 4", "articles": ["z"], "scores": old["scores"]}]}
    assert [g["name"] for g in agreement_groups(new)] == ["batches 1-3", "batch 4"]


def test_report_table_has_a_row_per_group_and_label(tmp_path):
    path = tmp_path / "agreement.json"
    scores = span_agreement([[(0, 5, "HEDGE")]], [[(0, 5, "HEDGE")]], LABELS)
    path.write_text(json.dumps({"groups": [{"name": "batches 1-3", "articles": ["a", "b"], "scores": scores},
                                           {"name": "batch 4", "articles": ["c"], "scores": scores}]}))
    lines = agreement_table(path)
    assert lines[0].startswith("Inter-annotator agreement on 3 real articles")
    rows = [line for line in lines if line.startswith("| batch") and not line.startswith("| batches |")]
    assert len(rows) == 2 * (len(LABELS) + 1)
    assert "| batch 4 | 1 | HEDGE | 1 / 1 | 100.0 | 100.0 |" in rows
    # no DENIAL in either annotation: F1 is undefined, shown as a dash rather than 100.0
    assert "| batch 4 | 1 | DENIAL | 0 / 0 | - | - |" in rows


def test_committed_agreement_covers_a_tenth_of_the_corpus():
    groups = agreement_groups(json.loads((ROOT / "corpus/real/agreement.json").read_text(encoding="utf8")))
    selection = json.loads((ROOT / "corpus/real/selection.json").read_text(encoding="utf8"))
    doubled = {a for g in groups for a in g["articles"]}
    # batch 2's second annotators were not recorded in selection.json; every recorded one is here
    assert {it["key"] for it in selection if it.get("second") is not None} <= doubled <= {it["key"] for it in selection}
    assert len(doubled) >= 0.1 * len(selection)
    for batch in {it["batch"] for it in selection}:  # every batch has its double-annotated share
        assert any(it["key"] in doubled for it in selection if it["batch"] == batch)


def test_cli_refuses_to_overwrite_its_previous_file(tmp_path):
    prev = tmp_path / "agreement.json"
    prev.write_text(json.dumps({"articles": [], "scores": {}}))
    res = subprocess.run([sys.executable, "scripts/realnews.py", "agreement", str(tmp_path / "sel.json"), str(tmp_path),
                          str(prev), "--previous", str(prev)], cwd=ROOT, capture_output=True, text=True)
    assert res.returncode != 0 and "--previous must differ" in res.stdout + res.stderr
    assert json.loads(prev.read_text()) == {"articles": [], "scores": {}}
