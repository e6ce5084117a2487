"""``hedgewatch_merger``: the one place that decides what lands in ``doc.spans["sc"]``.

The span categorizer runs with a low threshold and writes every candidate above it,
with its score, to its own key (``doc.spans[model_key]``, default ``hw_model``); the
cue ruler writes its spans to ``doc.spans[rules_key]`` (``hw_rules``). The merger
keeps a span (:func:`accepts`) when

* its score reaches the label's ``accept`` threshold, or
* the cue rules proposed the same span with the same label and its score reaches the
  label's lower ``rule_accept`` threshold (a rule span the model scored below its
  floor counts as score 0, so ``rule_accept = 0`` accepts every rule span: the union),

so the model can veto a rule span it is confident about and can add spans the rules
never proposed. The thresholds are tuned on the dev split by the workflow's ``tune``
step (:mod:`hedgewatch.project.tuning`), which calls :func:`accepts` itself.

The merger has a scorer (spaCy's span scorer on ``spans_key``), so ``spacy train``
selects ``model-best`` on what users get (``spans_sc_f``), not on the span
categorizer's own output.
"""
from typing import Dict, List, Tuple

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import registry

from .. import DEFAULT_SPANS_KEY, MODEL_SPANS_KEY, RULES_SPANS_KEY

Thresholds = Dict[str, Dict[str, float]]
DEFAULT_THRESHOLDS = {
    "HEDGE": {"accept": 0.5, "rule_accept": 0.1},
    "ATTRIBUTION": {"accept": 0.5, "rule_accept": 0.1},
    "DENIAL": {"accept": 0.5, "rule_accept": 0.1},
}
# a label without thresholds: the model's usual 0.5, for rule spans too
FALLBACK = {"accept": 0.5, "rule_accept": 0.5}


def accepts(score: float, from_rules: bool, thresholds: Dict[str, float]) -> bool:
    """The merger's decision for one candidate span of a label with ``thresholds``."""
    return score >= thresholds["accept"] or (from_rules and score >= thresholds["rule_accept"])


def candidates(doc: Doc, model_key: str, rules_key: str) -> List[Tuple[Span, float, bool]]:
    """(span, model score, proposed by the rules) for every span of ``model_key`` and
    ``rules_key``, sorted by (start, end, label); a rule span the model did not score
    gets score 0."""
    group = doc.spans.get(model_key)
    spans = list(group) if group is not None else []
    scores = group.attrs.get("scores") if group is not None else None
    scored = {}
    for i, span in enumerate(spans):
        score = float(scores[i]) if scores is not None and i < len(scores) else 1.0
        scored[(span.start, span.end, span.label_)] = (span, score)
    rules = {(s.start, s.end, s.label_): s for s in doc.spans.get(rules_key, [])}
    for k, span in rules.items():
        if k not in scored:
            scored[k] = (span, 0.0)
    return [(scored[k][0], scored[k][1], k in rules) for k in sorted(scored)]


def merge_spans(doc: Doc, model_key: str, rules_key: str, thresholds: Thresholds) -> Tuple[List[Span], List[float]]:
    """The kept spans and their scores."""
    kept, kept_scores = [], []
    for span, score, from_rules in candidates(doc, model_key, rules_key):
        if accepts(score, from_rules, thresholds.get(span.label_, FALLBACK)):
            kept.append(span)
            kept_scores.append(score)
    return kept, kept_scores


class SpanMerger:
    def __init__(self, name: str, spans_key: str, model_key: str, rules_key: str, thresholds: Thresholds, scorer=None):
        self.name = name
        self.spans_key = spans_key
        self.model_key = model_key
        self.rules_key = rules_key
        self.thresholds = thresholds
        self.scorer = scorer

    def __call__(self, doc: Doc) -> Doc:
        kept, scores = merge_spans(doc, self.model_key, self.rules_key, self.thresholds)
        doc.spans[self.spans_key] = kept
        doc.spans[self.spans_key].attrs["scores"] = scores
        return doc

    def score(self, examples, **kwargs):
        """spaCy's span scores (``spans_{spans_key}_p/r/f/per_type``) of the merged spans."""
        if self.scorer is None:
            return {}
        return self.scorer(examples, spans_key=self.spans_key, **kwargs)


def merger_score(examples, *, spans_key: str = DEFAULT_SPANS_KEY, **kwargs):
    from spacy.pipeline.spancat import spancat_score

    return spancat_score(examples, spans_key=spans_key, **kwargs)


@registry.scorers("hedgewatch.merger_scorer.v1")
def make_merger_scorer():
    """Exact span P/R/F of ``doc.spans[spans_key]`` (overlapping spans allowed), as the
    span categorizer's own scorer computes them."""
    return merger_score


@Language.factory(
    "hedgewatch_merger",
    default_config={
        "spans_key": DEFAULT_SPANS_KEY,
        "model_key": MODEL_SPANS_KEY,
        "rules_key": RULES_SPANS_KEY,
        "thresholds": DEFAULT_THRESHOLDS,
        "scorer": {"@scorers": "hedgewatch.merger_scorer.v1"},
    },
    assigns=["doc.spans"],
    default_score_weights={"spans_sc_f": 1.0, "spans_sc_p": 0.0, "spans_sc_r": 0.0},
)
def make_merger(nlp: Language, name: str, spans_key: str, model_key: str, rules_key: str,
                thresholds: Thresholds, scorer) -> SpanMerger:
    """Combine span-categorizer scores (``model_key``) and cue-rule spans (``rules_key``)
    into ``doc.spans[spans_key]``."""
    return SpanMerger(name, spans_key, model_key, rules_key, thresholds, scorer)
