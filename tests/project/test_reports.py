"""The committed reports say what the committed code and data give.

The parts of the reports that need no trained model are recomputed here and compared
with the committed files: the corpus READMEs (span counts per corpus, outlet, year,
agreement) and, in ``docs/metrics.md``, the real-news split table and the rules-only rows
on the real and written test splits (the cue rules are code plus saved word lists, so
these rows change exactly when the rules or the data change). The trained CPU rows
are checked in `test_workflow.py`, which runs the CPU workflow with the real config and
compares every CPU row; the transformer rows (25 minutes of training) are not retrained
in CI: `spacy project run report` rewrites the file from the metrics JSON that `evaluate`
writes, the file names the commit it came from, and two clean runs gave the same figures
(README, "Reproducibility").
"""
import json
import re
import subprocess
import sys

import pytest

from conftest import ROOT, SHARED

EXTERNAL = SHARED / "external"
LABEL_ROWS = ("HEDGE", "ATTRIBUTION", "DENIAL", "micro")


def script(*args, cwd=ROOT):
    res = subprocess.run([sys.executable, *map(str, args)], cwd=cwd, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    return res


def test_corpus_readmes_are_what_corpus_stats_writes(tmp_path):
    script("scripts/corpus_stats.py", tmp_path / "README.md", "corpus/seeds.jsonl", "corpus/extra.jsonl")
    assert (tmp_path / "README.md").read_text(encoding="utf8") == (ROOT / "corpus/README.md").read_text(encoding="utf8")
    script("scripts/realnews.py", "stats", "corpus/real/standoff.jsonl", tmp_path / "real.md",
           "--agreement", "corpus/real/agreement.json")
    assert (tmp_path / "real.md").read_text(encoding="utf8") == (ROOT / "corpus/real/README.md").read_text(encoding="utf8")


def metrics_table(md: str, heading: str, system: str):
    """{label: [exact P, R, F, overlap P, R, F, sentence P, R, F]} of one system's table."""
    section = md.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]
    table = section.split(f"### {system}\n", 1)[1].split("\n### ", 1)[0]
    rows = {}
    for line in table.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells and cells[0] in LABEL_ROWS:
            rows[cells[0]] = [float(c) for c in cells[1:10]]
    return rows


def as_rows(scores):
    return {label: [round(100 * scores[kind][label][m], 1) for kind in ("exact", "overlap", "sentence") for m in ("p", "r", "f")]
            for label in LABEL_ROWS}


@pytest.fixture(scope="module")
def splits(tmp_path_factory):
    if not EXTERNAL.exists():
        pytest.skip("the real-news texts (../shared/external) are not beside the checkout")
    tmp = tmp_path_factory.mktemp("splits")
    script("scripts/convert.py", tmp / "docs.spacy", "corpus/seeds.jsonl", "corpus/extra.jsonl")
    script("scripts/realnews.py", "convert", "corpus/real/standoff.jsonl", tmp / "real.spacy",
           "--polnear-dir", EXTERNAL / "polnear-train", "--basil-dir", EXTERNAL / "basil")
    script("scripts/split.py", tmp / "docs.spacy", tmp / "split", "--part", "written", "--report", tmp / "report.json", "--seed", "0")
    script("scripts/realnews.py", "split", tmp / "real.spacy", tmp / "split", "--report", tmp / "report-real.json",
           "--seed", "0", "--dev", "0.15", "--test", "0.33", "--avoid", tmp / "docs.spacy")
    return tmp


@pytest.mark.slow
def test_metrics_real_split_table_matches_the_split(splits):
    md = (ROOT / "docs/metrics.md").read_text(encoding="utf8")
    report = json.loads((splits / "report-real.json").read_text(encoding="utf8"))
    for name in ("train", "dev", "test"):
        s = report["splits"][name]
        row = re.search(rf"^\| {name} \| (\d+) \| (\d+) / (\d+) \| (\d+) \| (\d+) \| (\d+) \| (\d+) \|", md, re.M)
        assert row, f"no {name} row in the real-news split table"
        assert [int(x) for x in row.groups()] == [s["articles"], s["by_corpus"]["polnear"], s["by_corpus"]["basil"], s["words"],
                                                 s["spans"]["HEDGE"], s["spans"]["ATTRIBUTION"], s["spans"]["DENIAL"]]


@pytest.mark.slow
@pytest.mark.parametrize("part,heading", [("real", "cpu on real-test"), ("written", "cpu on written-test")])
def test_metrics_rules_only_rows_match_the_rules(splits, tmp_path, part, heading):
    """Recompute the rules-only rows (en_core_web_sm + the cue ruler as packaged) on the
    test split and compare them with the committed docs/metrics.md."""
    from hedgewatch.project.evaluate import evaluate
    from hedgewatch.project.rules_pipeline import rules_pipeline

    model = tmp_path / "rules"
    rules_pipeline().to_disk(model)
    result = evaluate(model, splits / "split" / "test" / f"{part}.spacy", split=f"{part}-test")
    md = (ROOT / "docs/metrics.md").read_text(encoding="utf8")
    assert metrics_table(md, heading, "rules_only") == as_rows(result["systems"]["rules_only"])
