"""Shared helpers of the app tests: a hedgewatch pipeline made of en_core_web_sm 3.8.0
and the rule components (no training), saved to a directory like a trained one."""
import json
from pathlib import Path

from hedgewatch.app.cli import app
from hedgewatch.project.rules_pipeline import rules_pipeline

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "corpus" / "raw"
TEXT = ("Russia could be arming the Taliban, US officials said on Monday. "
        "Moscow has repeatedly denied providing the militant group with any aid.\n\n"
        "Weapons experts who looked at the video said the rifles had been stripped of markings.\n")


def build_rules_pipeline(path: Path, noise: bool = False) -> Path:
    """The training-free rules pipeline (hedgewatch.project.rules_pipeline), saved."""
    rules_pipeline(noise=noise).to_disk(path)
    return path


def run(runner, *args, input=None):
    # catch_exceptions=False: a traceback fails the test
    return runner.invoke(app, [str(a) for a in args], input=input, catch_exceptions=False)


def annotate(runner, model, *args, input=None):
    return run(runner, "annotate", *args, "--model", model, input=input)


def records(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf8").splitlines() if line.strip()]


def seed(prefix: str) -> Path:
    return next(RAW.glob(f"{prefix}_*.txt"))
