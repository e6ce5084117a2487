"""Evaluating a trained pipeline on a held-out DocBin.

Per label exact (spaCy's span scorer: the same numbers as ``spacy evaluate``'s
``spans_sc_*``), overlap and sentence-level P/R/F (:mod:`.scoring`), for the pipeline's
output (``sc``) and, as an ablation, for the span categorizer alone at threshold 0.5,
the cue rules alone (``hw_rules``) and their plain union.
"""
import time
from pathlib import Path
from typing import Any, Dict, List

import spacy
from spacy.tokens import Doc, DocBin, Span

from .. import MODEL_SPANS_KEY, RULES_SPANS_KEY
from .scoring import score

MODEL_ONLY_THRESHOLD = 0.5


def model_only(doc: Doc, key: str = MODEL_SPANS_KEY, threshold: float = MODEL_ONLY_THRESHOLD) -> List[Span]:
    """The span categorizer's view on its own: its candidates scored >= ``threshold``."""
    group = doc.spans.get(key)
    if group is None:
        return []
    scores = group.attrs.get("scores")
    return [s for i, s in enumerate(group) if scores is None or float(scores[i]) >= threshold]


def evaluate(model: Path, data: Path, name: str = "", split: str = "test") -> Dict[str, Any]:
    nlp = spacy.load(model)
    golds = list(DocBin().from_disk(data).get_docs(nlp.vocab))
    start = time.perf_counter()
    preds = list(nlp.pipe((g.text for g in golds), batch_size=64))
    seconds = time.perf_counter() - start
    has_model = any(MODEL_SPANS_KEY in p.spans for p in preds)
    for p in preds:
        rules = list(p.spans.get(RULES_SPANS_KEY, []))
        model_spans = model_only(p) if has_model else list(p.spans.get("sc", []))
        p.spans["model_only"] = model_spans
        seen = {(s.start, s.end, s.label_) for s in model_spans}
        p.spans["union"] = model_spans + [s for s in rules if (s.start, s.end, s.label_) not in seen]
    pairs = list(zip(preds, golds))
    systems = {"pipeline": "sc"}
    if RULES_SPANS_KEY in nlp.pipe_names or any(RULES_SPANS_KEY in p.spans for p in preds):
        systems.update({"rules_only": RULES_SPANS_KEY, "union_rules_model": "union"})
    if has_model:
        systems["model_only"] = "model_only"
    return {
        "name": name or model.parent.name,
        "model": str(model),
        "split": split,
        "documents": len(golds),
        "words": sum(len(g) for g in golds),
        "seconds": round(seconds, 2),
        "merger_thresholds": (nlp.get_pipe("hedgewatch_merger").thresholds if "hedgewatch_merger" in nlp.pipe_names else None),
        "systems": {sys: score(pairs, pred_key=key) for sys, key in systems.items()},
    }
