"""The reading pool: unannotated real articles that share no story with real dev/test."""
import json

import pytest

from conftest import run_script
from hedgewatch.project.reading_pool import held_out, pool_lines, select_pool
from hedgewatch.project.realnews import standoff_record

HELD = "The senator said on Tuesday that the pipeline proposal would bring thousands of jobs to the northern counties."
OTHER = "Farmers in the valley harvested a record crop of apples while the river flooded two bridges downstream."
ELSE = "A museum in the capital opened an exhibition of medieval maps drawn by monks and merchants."


def held_record(text, source, event=None):
    return {"text": text, "meta": {"source": source, "event": event}}


@pytest.mark.parametrize("cand,reason", [
    (("basil", "b2", {"event": "ev1"}, ELSE), "held-out event"),
    (("polnear", "p9", {}, HELD + " " + ELSE), "near-duplicate"),
    (("polnear", "p1", {}, ELSE), "annotated"),
    (("basil", "b3", {"event": "ev2"}, OTHER), None),
])
def test_select_pool_reasons(cand, reason):
    held = [held_record(HELD, "basil:b1", "ev1")]
    kept, dropped = select_pool([cand], held, annotated={"basil:b1", "polnear:p1"})
    if reason is None:
        assert kept == [cand] and sum(dropped.values()) == 0
    else:
        assert kept == [] and dropped[reason] == 1


def test_held_out_reads_the_split_report():
    report = {"splits": {"train": {"articles_list": ["polnear:a"]}, "dev": {"articles_list": ["basil:b"]},
                         "test": {"articles_list": ["polnear:c"]}}}
    held, annotated = held_out(report)
    assert held == {"basil:b", "polnear:c"} and annotated == {"polnear:a", "basil:b", "polnear:c"}


def test_pool_lines_are_annotate_input():
    rec = json.loads(next(pool_lines([("basil", "b3", {"outlet": "nyt", "year": "2012"}, OTHER)])))
    assert rec == {"id": "basil:b3", "corpus": "basil", "article": "b3", "outlet": "nyt", "year": "2012", "text": OTHER}


@pytest.fixture()
def corpora(tmp_path):
    """Two PolNeAR and four BASIL articles on disk; one of each annotated, one BASIL one in dev."""
    polnear = tmp_path / "polnear-train" / "data" / "train" / "text"
    polnear.mkdir(parents=True)
    (polnear / "cnn_20160101_a.txt").write_text(OTHER, encoding="utf8")
    (polnear / "fox_20160102_b.txt").write_text(HELD + " " + ELSE, encoding="utf8")  # same story as dev
    basil = tmp_path / "basil" / "articles" / "2012"
    basil.mkdir(parents=True)
    bodies = {"x1": ("ev1", HELD), "x2": ("ev1", OTHER), "x3": ("ev2", ELSE), "x4": ("ev3", OTHER + " Again.")}
    for art, (event, body) in bodies.items():
        (basil / f"{art}.json").write_text(json.dumps({"title": "T", "body-paragraphs": [[body]], "source": "nyt",
                                                      "triplet-uuid": event}), encoding="utf8")
    standoff = tmp_path / "standoff.jsonl"
    x1 = "T\n\n" + HELD
    recs = [standoff_record("basil", "x1", x1, {"year": "2012", "event": "ev1"}, [(3, 14, "ATTRIBUTION")]),
            standoff_record("polnear", "cnn_20160101_a", OTHER, {}, [])]
    standoff.write_text("".join(json.dumps(r) + "\n" for r in recs), encoding="utf8")
    report = tmp_path / "report-real.json"
    report.write_text(json.dumps({"splits": {"train": {"articles_list": ["polnear:cnn_20160101_a"]},
                                             "dev": {"articles_list": ["basil:x1"]}, "test": {"articles_list": []}}}))
    return tmp_path, standoff, report


def test_pool_command(corpora, tmp_path):
    root, standoff, report = corpora
    out = tmp_path / "out" / "pool.jsonl"
    res = run_script("realnews.py", "pool", out, "--standoff", standoff, "--split-report", report,
                     "--polnear-dir", root / "polnear-train", "--basil-dir", root / "basil")
    assert res.returncode == 0, res.stderr
    ids = [json.loads(line)["id"] for line in out.read_text(encoding="utf8").splitlines()]
    assert ids == ["basil:x3", "basil:x4"]
    assert "2 annotated, 1 held-out event, 1 near-duplicate" in res.stdout


def test_pool_command_names_a_changed_article(corpora, tmp_path):
    root, standoff, report = corpora
    (root / "polnear-train" / "data" / "train" / "text" / "cnn_20160101_a.txt").write_text("edited", encoding="utf8")
    out = tmp_path / "pool.jsonl"
    res = run_script("realnews.py", "pool", out, "--standoff", standoff, "--split-report", report,
                     "--polnear-dir", root / "polnear-train", "--basil-dir", root / "basil")
    assert res.returncode == 1 and not out.exists()
    assert "standoff.jsonl:2 (polnear cnn_20160101_a)" in res.stderr and "differs" in res.stderr
