"""Tuning the merger's per-label thresholds on the dev split (never on test).

Like ``spacy find-threshold``, but over the merger's two thresholds per label: the
pipeline runs once on dev with the merger (and what follows it) disabled, so the span
categorizer's scored candidates (``doc.spans[merger.model_key]``) and the rule spans
(``doc.spans[merger.rules_key]``) are kept; then a grid search per label chooses the
``accept`` / ``rule_accept`` pair with the best overlap F1 (the measure the project's targets
are set in: a kept span counts if it overlaps a gold span of its label, a gold span is found
if a kept span overlaps it), exact-match F1 breaking ties, deciding each candidate with the
merger's own :func:`hedgewatch.pipeline.merger.accepts`. Until round 13 the objective was
exact F1; on real dev it then vetoed rule ATTRIBUTION spans for +0.8 exact F1 at -1.7
overlap F1 (docs/error-analysis.md). :func:`save_tuned`
writes a copy of the pipeline with the thresholds set (into a temporary folder renamed
into place; the input pipeline is never modified).
"""
import shutil
import tempfile
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import DEFAULT_SPANS_KEY, LABELS
from ..pipeline.merger import accepts, candidates
from .scoring import f1

MERGER = "hedgewatch_merger"
GRID = [round(x * 0.05, 2) for x in range(1, 20)]
# (score, proposed by the rules, exactly a gold span, the gold spans it overlaps) per candidate;
# (None, None, n_gold) per document. Without the fourth item a candidate overlaps only the
# gold span it equals.
Row = Tuple


def dev_predictions(nlp: Language, texts: Sequence[str]) -> List[Doc]:
    """Docs with the span categorizer's candidates and the rule spans, not yet merged."""
    after = nlp.pipe_names[nlp.pipe_names.index(MERGER):]
    with nlp.select_pipes(disable=after):
        return list(nlp.pipe(texts))


def label_rows(preds: Sequence[Doc], golds: Sequence[Doc], label: str, model_key: str, rules_key: str,
               gold_key: str = DEFAULT_SPANS_KEY) -> List[Row]:
    rows: List[Row] = []
    for d, (pred, gold) in enumerate(zip(preds, golds)):
        gspans = sorted((s.start, s.end) for s in gold.spans[gold_key] if s.label_ == label)
        gset = set(gspans)
        for span, score, from_rules in candidates(pred, model_key, rules_key):
            if span.label_ == label:
                hits = frozenset((d, g) for g, (a, b) in enumerate(gspans) if a < span.end and span.start < b)
                rows.append((score, from_rules, (span.start, span.end) in gset, hits))
        rows.append((None, None, len(gset)))
    return rows


def best_thresholds(rows: Sequence[Row], grid: Sequence[float] = GRID) -> Dict[str, float]:
    """The (accept, rule_accept) with the best overlap F1, then the best exact F1.

    Ties go to the setting that asks least of the dev split: the highest ``accept`` (the
    fewest spans only the model proposes) and then the lowest ``rule_accept`` (the fewest
    rule spans vetoed). A tie means dev has no candidate between the two settings, so
    nothing on dev supports accepting more model spans or vetoing more rule spans."""
    n_gold = sum(r[2] for r in rows if r[0] is None)
    cands = [r for r in rows if r[0] is not None]
    hits = [r[3] if len(r) > 3 else (frozenset([("exact", i)]) if r[2] else frozenset()) for i, r in enumerate(cands)]
    top = None
    for acc in sorted(grid, reverse=True):
        for racc in [0.0] + sorted(g for g in grid if g <= acc):
            th = {"accept": acc, "rule_accept": racc}
            kept = [i for i, r in enumerate(cands) if accepts(r[0], r[1], th)]
            tp = sum(1 for i in kept if cands[i][2])
            p = tp / len(kept) if kept else 0.0
            rec = tp / n_gold if n_gold else 0.0
            o_p = sum(1 for i in kept if hits[i]) / len(kept) if kept else 0.0
            o_r = len(frozenset().union(*(hits[i] for i in kept))) / n_gold if n_gold and kept else 0.0
            f, o_f = f1(p, rec), f1(o_p, o_r)
            if top is None or o_f > top[0] + 1e-9 or (abs(o_f - top[0]) <= 1e-9 and f > top[1] + 1e-9):
                top = (o_f, f, acc, racc, p, rec)
    return {"accept": top[2], "rule_accept": top[3], "dev_overlap_f": round(top[0], 4), "dev_f": round(top[1], 4),
            "dev_p": round(top[4], 4), "dev_r": round(top[5], 4)}


def tune(nlp: Language, golds: Sequence[Doc], labels: Sequence[str] = LABELS) -> Dict[str, Dict[str, float]]:
    """Per label: the tuned thresholds and the dev P/R/F they give."""
    merger = nlp.get_pipe(MERGER)
    preds = dev_predictions(nlp, [g.text for g in golds])
    return {label: best_thresholds(label_rows(preds, golds, label, merger.model_key, merger.rules_key))
            for label in labels}


def save_tuned(model: Path, thresholds: dict, output_model: Path) -> None:
    """A copy of ``model`` with the merger's thresholds set."""
    overrides = {"components": {MERGER: {"thresholds": thresholds}}}
    nlp = spacy.load(model, config=overrides)
    output_model.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{output_model.name}.", dir=output_model.parent))
    try:
        nlp.to_disk(tmp)
        if output_model.exists():
            shutil.rmtree(output_model)
        tmp.rename(output_model)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)
