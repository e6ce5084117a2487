"""``hedgewatch_spancat``: spaCy's multilabel ``spancat`` with its ``set_annotations``
done on arrays.

The configs run the span categorizer with a low threshold (a floor; the merger applies
the tuned thresholds), so it scores about three candidates per token. spaCy's
``SpanCategorizer._make_span_group_multilabel`` walks every candidate and every label in
Python to find the few above the floor: on news text that loop was about 15% of the
component's time. Here the kept (candidate, label) pairs come from one ``numpy.nonzero``
in the same row-major order, so the span group holds the same spans, labels and scores
in the same order as spaCy's (``tests/pipeline/test_spancat.py`` compares them).
Everything else (model, training, scoring, serialization) is spaCy's.
"""
from typing import Callable, Optional

import numpy
from spacy.language import Language
from spacy.pipeline.spancat import DEFAULT_SPANCAT_MODEL, SpanCategorizer, Suggester
from spacy.tokens import Doc, Span, SpanGroup
from thinc.api import Model
from thinc.types import Floats2d, Ints2d

from .. import MODEL_SPANS_KEY


class ArraySpanCategorizer(SpanCategorizer):
    """A multilabel :class:`spacy.pipeline.SpanCategorizer` whose span groups are built
    from arrays. ``max_positive`` set: spaCy's own code path."""

    def _make_span_group_multilabel(self, doc: Doc, indices: Ints2d, scores: Floats2d) -> SpanGroup:
        if self.cfg["max_positive"] is not None or scores.size == 0:
            return super()._make_span_group_multilabel(doc, indices, scores)
        scores = self.model.ops.to_numpy(scores)
        indices = self.model.ops.to_numpy(indices)
        keeps = scores >= self.cfg["threshold"]
        if self.add_negative_label:
            keeps[:, self._negative_label_i] = False
        rows, cols = numpy.nonzero(keeps)
        labels = self.labels
        starts = indices[rows, 0].tolist()
        ends = indices[rows, 1].tolist()
        spans = [Span(doc, s, e, label=labels[c]) for s, e, c in zip(starts, ends, cols.tolist())]
        group = SpanGroup(doc, name=self.key, spans=spans)
        # spaCy builds numpy.array() of a list: float64 and empty when nothing is kept
        group.attrs["scores"] = scores[rows, cols] if spans else numpy.array([])
        return group


@Language.factory(
    "hedgewatch_spancat",
    assigns=["doc.spans"],
    default_config={
        "threshold": 0.5,
        "spans_key": MODEL_SPANS_KEY,
        "max_positive": None,
        "model": DEFAULT_SPANCAT_MODEL,
        "suggester": {"@misc": "spacy.ngram_suggester.v1", "sizes": [1, 2, 3]},
        "scorer": {"@scorers": "spacy.spancat_scorer.v1"},
    },
    # the merger's output ("sc") is what users get and what selects model-best
    default_score_weights={},
)
def make_spancat(
    nlp: Language,
    name: str,
    suggester: Suggester,
    model: Model,
    spans_key: str,
    scorer: Optional[Callable],
    threshold: float,
    max_positive: Optional[int],
) -> ArraySpanCategorizer:
    """The same arguments as spaCy's ``spancat`` factory; by default it writes to
    ``doc.spans["hw_model"]``, the key ``hedgewatch_merger`` reads."""
    return ArraySpanCategorizer(
        nlp.vocab,
        model=model,
        suggester=suggester,
        name=name,
        spans_key=spans_key,
        negative_weight=None,
        allow_overlap=True,
        max_positive=max_positive,
        threshold=threshold,
        scorer=scorer,
        add_negative_label=False,
    )
