"""``hedgewatch_spancat``: spaCy's multilabel ``spancat`` with its ``set_annotations``
done on arrays.

The configs run the span categorizer with a low threshold (a floor; the merger applies
the tuned thresholds), so it scores about three candidates per token. spaCy's
``SpanCategorizer._make_span_group_multilabel`` walks every candidate and every label in
Python to find the few above the floor: on news text that loop was about 15% of the
component's time. Here the kept (candidate, label) pairs come from one ``numpy.nonzero``
in the same row-major order, so the span group holds the same spans, labels and scores
in the same order as spaCy's (``tests/pipeline/test_spancat.py`` compares them).

``label_weights`` scales the loss gradient of a label's gold spans (saved in the
component's cfg). A rare label (DENIAL: about 5% of the gold spans, far fewer of the
candidates) otherwise learns that the answer is always no; ``cpu.cfg`` weights it x3.
Everything else (model, training, scoring, serialization) is spaCy's.
"""
from typing import Callable, Dict, Iterable, Iterator, Optional, Tuple

import numpy
from spacy.language import Language
from spacy.pipeline.spancat import DEFAULT_SPANCAT_MODEL, SpanCategorizer, Suggester
from spacy.tokens import Doc, Span, SpanGroup
from spacy.training import Example
from thinc.api import Model
from thinc.types import Floats2d, Ints2d, Ragged

from .. import MODEL_SPANS_KEY


# docs per forward pass: about three candidates per token make large batches large
# arrays (256 news articles: ~250k candidates x 256 floats for the reducer), and the
# component ran ~30% slower per word at batch 256 than at 32; each doc's scores do not
# depend on the other docs of its batch
MAX_PREDICT_BATCH = 32


class ArraySpanCategorizer(SpanCategorizer):
    """A multilabel :class:`spacy.pipeline.SpanCategorizer` whose span groups are built
    from arrays (``max_positive`` set: spaCy's own code path) and that predicts at most
    :data:`MAX_PREDICT_BATCH` docs at a time, whatever the pipeline's batch size."""

    def get_loss(self, examples: Iterable[Example], spans_scores: Tuple[Ragged, Floats2d]) -> Tuple[float, Floats2d]:
        """spaCy's loss, with the gradient of each label's positive targets scaled by
        ``label_weights`` (a rare label, e.g. DENIAL, otherwise learns to say no)."""
        loss, d_scores = super().get_loss(examples, spans_scores)
        weights = self.cfg.get("label_weights") or {}
        if not weights:
            return loss, d_scores
        # d = score - target with scores in (0, 1): the positive targets are d < 0
        for label, weight in weights.items():
            if label not in self._label_map:
                raise ValueError(f"{self.name}: label_weights names {label!r}, which is not one of its labels {list(self.labels)}")
            if weight != 1.0:
                column = d_scores[:, self._label_map[label]]
                column[column < 0] *= weight
        return float((d_scores ** 2).sum()), d_scores

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 128) -> Iterator[Doc]:
        return super().pipe(stream, batch_size=min(batch_size, MAX_PREDICT_BATCH))

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
        "label_weights": {},
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
    label_weights: Dict[str, float],
) -> ArraySpanCategorizer:
    """The same arguments as spaCy's ``spancat`` factory, plus ``label_weights``: a
    factor per label on the loss gradient of its gold spans (default none). By default
    it writes to ``doc.spans["hw_model"]``, the key ``hedgewatch_merger`` reads."""
    for label, weight in label_weights.items():
        if not weight > 0:
            raise ValueError(f"hedgewatch_spancat: label_weights[{label!r}] must be > 0, got {weight!r}")
    component = ArraySpanCategorizer(
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
    component.cfg["label_weights"] = dict(label_weights)
    return component
