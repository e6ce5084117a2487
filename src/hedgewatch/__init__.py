"""hedgewatch: hedges, attributions and denials in news text, as a spaCy pipeline.

Layers: :mod:`hedgewatch.pipeline` (what ``spacy.load`` needs), :mod:`hedgewatch.app`
(the command line, extra ``cli``) and :mod:`hedgewatch.project` (corpus, split, scoring,
tuning and converters for the training workflow). Importing the package is cheap: the
spaCy components are registered through entry points (``spacy_factories`` /
``spacy_misc`` / ...) and imported by spaCy when a pipeline names them.
"""
__version__ = "0.1.0"

LABELS = ("HEDGE", "ATTRIBUTION", "DENIAL")
DEFAULT_SPANS_KEY = "sc"
RULES_SPANS_KEY = "hw_rules"
# the span categorizer's own key: every candidate above its floor, with scores
MODEL_SPANS_KEY = "hw_model"

__all__ = ["__version__", "LABELS", "DEFAULT_SPANS_KEY", "RULES_SPANS_KEY", "MODEL_SPANS_KEY"]
