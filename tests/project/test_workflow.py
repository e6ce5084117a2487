"""The CPU workflow through weasel in a copy of the project: corpus-stats, convert,
split, train, tune (dev), evaluate, report-free package, with the real configs/cpu.cfg;
then a second run skips what has not changed, and the two wheels alone load in a fresh venv. The figures it writes must be the ones in
the committed docs/metrics.md: CPU training is deterministic (fixed seed, one thread), so
a committed report that the committed code and data do not give fails here (issue 14)."""
import json
import shutil
import subprocess
import sys
import zipfile

import pytest

from conftest import ROOT, SHARED
from test_reports import as_rows, metrics_table

EXTERNAL = SHARED / "external"
STEPS = ["corpus-stats", "convert", "split", "train", "tune", "evaluate", "package"]


def run(cwd, *args):
    # the copy lives elsewhere, so the real-news texts are named by absolute path
    res = subprocess.run([sys.executable, "-m", "spacy", "project", "run", *args, ".", "--vars.config", "cpu",
                          "--vars.polnear_dir", str(EXTERNAL / "polnear-train"), "--vars.basil_dir", str(EXTERNAL / "basil")],
                         cwd=cwd, capture_output=True, text=True)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    return res.stdout + res.stderr


@pytest.mark.slow
@pytest.mark.skipif(not EXTERNAL.exists(), reason="the real-news texts (../shared/external) are not beside the checkout")
def test_cpu_workflow_reproduces_the_committed_report_and_skips_unchanged(tmp_path):
    proj = tmp_path / "proj"
    proj.mkdir()
    for name in ("project.yml", "pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, proj / name)
    for d in ("configs", "scripts", "src"):
        shutil.copytree(ROOT / d, proj / d, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    (proj / "corpus").mkdir()
    for name in ("seeds.jsonl", "extra.jsonl"):
        shutil.copy(ROOT / "corpus" / name, proj / "corpus" / name)
    # the real-news standoff records (no article text) and their agreement figures
    shutil.copytree(ROOT / "corpus" / "real", proj / "corpus" / "real")
    for step in STEPS:
        run(proj, step)
    metrics = json.loads((proj / "training/cpu/metrics.json").read_text())
    tuned = json.loads((proj / "training/cpu/thresholds.json").read_text())
    # the evaluated pipeline is the tuned copy, and it carries the thresholds tuned on dev
    assert metrics["model"] == "training/cpu/model-tuned"
    # the headline metrics are on the real-news test split; the written test is scored apart
    assert metrics["split"] == "real-test" and metrics["documents"] >= 30
    written = json.loads((proj / "training/cpu/metrics-written.json").read_text())
    assert written["split"] == "written-test"
    # every CPU row of the committed report is what this run wrote
    md = (ROOT / "docs/metrics.md").read_text(encoding="utf8")
    for result, heading in ((metrics, "cpu on real-test"), (written, "cpu on written-test")):
        for system, scores in result["systems"].items():
            assert metrics_table(md, heading, system) == as_rows(scores), f"docs/metrics.md, {heading} / {system}"
    # (confection reads a saved "0.95" back as 0.9500000000000001: equal up to float parsing)
    assert set(metrics["merger_thresholds"]) == set(tuned)
    for lb, v in tuned.items():
        assert metrics["merger_thresholds"][lb] == pytest.approx({k: v[k] for k in ("accept", "rule_accept")}), lb
    wheel = proj / "packages/en_hedgewatch-0.1.0/dist/en_hedgewatch-0.1.0-py3-none-any.whl"
    assert wheel.exists()
    assert (proj / "packages/hedgewatch-0.1.0-py3-none-any.whl").exists()
    with zipfile.ZipFile(wheel) as zf:
        meta = next(n for n in zf.namelist() if n.endswith("METADATA"))
        assert "Requires-Dist: hedgewatch" in zf.read(meta).decode()
    again = run(proj, "train")
    assert "Skipping 'train': nothing changed" in again
    loads_from_the_two_wheels_alone(proj, tmp_path / "venv")


LOAD_CHECK = """
import importlib.util, json, spacy
nlp = spacy.load("en_hedgewatch")
doc = nlp("Officials said the report was \u201cutterly false\u201d, but it could be true.")
print(json.dumps({"labels": sorted({s.label_ for s in doc.spans["sc"]}),
                  "absent": [m for m in ("trafilatura", "lxml", "torch", "transformers", "fastapi", "dask", "pyarrow")
                             if importlib.util.find_spec(m) is None]}))
"""


def loads_from_the_two_wheels_alone(proj, venv):
    """A fresh venv with only the two wheels (pinned by constraints.txt, as the README
    says) loads en_hedgewatch and has none of the app's or the transformer's packages.
    (typer and click are there: spaCy itself requires them for its own CLI.)"""
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    py = venv / "bin" / "python"
    wheels = [proj / "packages/hedgewatch-0.1.0-py3-none-any.whl",
              proj / "packages/en_hedgewatch-0.1.0/dist/en_hedgewatch-0.1.0-py3-none-any.whl"]
    res = subprocess.run([str(py), "-m", "pip", "install", "-q", "-c", str(ROOT / "constraints.txt"), *map(str, wheels)],
                         capture_output=True, text=True)
    assert res.returncode == 0, res.stdout[-2000:] + res.stderr[-2000:]
    res = subprocess.run([str(py), "-c", LOAD_CHECK], capture_output=True, text=True, cwd=venv)
    assert res.returncode == 0, res.stderr[-2000:]
    out = json.loads(res.stdout.strip().splitlines()[-1])
    assert {"ATTRIBUTION", "DENIAL"} <= set(out["labels"])
    assert out["absent"] == ["trafilatura", "lxml", "torch", "transformers", "fastapi", "dask", "pyarrow"]
    with zipfile.ZipFile(wheels[0]) as zf:
        meta = zf.read(next(n for n in zf.namelist() if n.endswith("METADATA"))).decode()
    core = [line.split(":", 1)[1].strip() for line in meta.splitlines()
            if line.startswith("Requires-Dist:") and "extra ==" not in line]
    assert sorted(core) == ["spacy<3.9,>=3.8", "srsly<3.0.0,>=2.4.3"], core
