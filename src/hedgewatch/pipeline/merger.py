"""``hedgewatch_merger``: the one place that decides what lands in ``doc.spans["sc"]``.

The span categorizer runs with a low threshold and writes every candidate above it,
with its score, to ``doc.spans[spans_key]``. The merger keeps a span when

* its score reaches the label's ``accept`` threshold, or
* the cue rules proposed the same span with the same label (``doc.spans[rules_key]``)
  and its score reaches the label's lower ``rule_accept`` threshold (a rule span the
  model scored below its floor counts as score 0, so ``rule_accept = 0`` accepts
  every rule span: the union),

so the model can veto a rule span it is confident about and can add spans the rules
never proposed. Thresholds were tuned on the dev split (``scripts/tune_merger.py``).
The model's own view (score >= 0.5, no rules) is kept in ``doc.spans["hw_model"]`` for
the ablation in the evaluation.
"""
from typing import Dict

from spacy.language import Language
from spacy.tokens import Doc

from .. import DEFAULT_SPANS_KEY, RULES_SPANS_KEY

DEFAULT_THRESHOLDS = {
    "HEDGE": {"accept": 0.5, "rule_accept": 0.1},
    "ATTRIBUTION": {"accept": 0.5, "rule_accept": 0.1},
    "DENIAL": {"accept": 0.5, "rule_accept": 0.1},
}


MODEL_SPANS_KEY = "hw_model"


def merge_spans(doc: Doc, spans_key: str, rules_key: str, thresholds: Dict[str, Dict[str, float]]):
    """Return (kept spans, their scores, model-only spans)."""
    group = doc.spans.get(spans_key)
    spans = list(group) if group is not None else []
    scores = group.attrs.get("scores") if group is not None else None
    scored = {}
    for i, span in enumerate(spans):
        scored[(span.start, span.end, span.label_)] = (span, float(scores[i]) if scores is not None and i < len(scores) else 1.0)
    rules = {(s.start, s.end, s.label_): s for s in doc.spans.get(rules_key, [])}
    for k, span in rules.items():
        if k not in scored:
            scored[k] = (span, 0.0)
    kept, kept_scores, model_only = [], [], []
    for k in sorted(scored):
        span, score = scored[k]
        th = thresholds.get(span.label_, {"accept": 0.5, "rule_accept": 0.5})
        if score >= 0.5:
            model_only.append(span)
        if score >= th["accept"] or (k in rules and score >= th["rule_accept"]):
            kept.append(span)
            kept_scores.append(score)
    return kept, kept_scores, model_only


class SpanMerger:
    def __init__(self, name: str, spans_key: str, rules_key: str, thresholds: Dict[str, Dict[str, float]]):
        self.name = name
        self.spans_key = spans_key
        self.rules_key = rules_key
        self.thresholds = thresholds

    def __call__(self, doc: Doc) -> Doc:
        kept, scores, model_only = merge_spans(doc, self.spans_key, self.rules_key, self.thresholds)
        doc.spans[MODEL_SPANS_KEY] = model_only
        doc.spans[self.spans_key] = kept
        doc.spans[self.spans_key].attrs["scores"] = scores
        return doc


@Language.factory(
    "hedgewatch_merger",
    default_config={"spans_key": DEFAULT_SPANS_KEY, "rules_key": RULES_SPANS_KEY, "thresholds": DEFAULT_THRESHOLDS},
    assigns=["doc.spans"],
    default_score_weights={},
)
def make_merger(nlp: Language, name: str, spans_key: str, rules_key: str, thresholds: Dict[str, Dict[str, float]]) -> SpanMerger:
    """Combine span-categorizer scores and cue-rule spans into ``doc.spans[spans_key]``."""
    return SpanMerger(name, spans_key, rules_key, thresholds)
