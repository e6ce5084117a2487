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
overlap F1 (docs/error-analysis.md). Since round 17 the best setting must also beat the
setting closest to the rules by more than dev's sampling noise (the one-standard-error
rule, :func:`best_thresholds`). :func:`save_tuned`
writes a copy of the pipeline with the thresholds set (into a temporary folder renamed
into place; the input pipeline is never modified).
"""
import shutil
import tempfile
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import numpy as np

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from .. import DEFAULT_SPANS_KEY, LABELS
from ..pipeline.merger import accepts, candidates
from .scoring import f1

MERGER = "hedgewatch_merger"
GRID = [round(x * 0.05, 2) for x in range(1, 21)]  # up to 1.0: no span the model alone proposes
RESAMPLES = 1000
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


def _split_documents(rows: Sequence[Row]) -> Tuple[List[Row], List[int], List[int]]:
    """The candidate rows, the dev document each belongs to, and each document's gold count."""
    cands: List[Row] = []
    doc_of: List[int] = []
    n_gold: List[int] = []
    for r in rows:
        if r[0] is None:
            n_gold.append(r[2])
        else:
            cands.append(r)
            doc_of.append(len(n_gold))
    if len(doc_of) and doc_of[-1] >= len(n_gold):
        n_gold.append(0)  # rows not closed by a document row: one last document without gold
    return cands, doc_of, n_gold


def _setting_counts(cands, doc_of, hits, n_docs: int, th: Dict[str, float]) -> np.ndarray:
    """Per dev document: spans kept, kept spans exactly gold, kept spans overlapping gold,
    gold spans overlapped by a kept span, and decisions that differ from the rules' output
    (a model-only span kept or a rule span vetoed)."""
    counts = np.zeros((n_docs, 5))
    found = [set() for _ in range(n_docs)]
    for i, r in enumerate(cands):
        d = doc_of[i]
        kept = accepts(r[0], r[1], th)
        counts[d, 4] += kept != bool(r[1])
        if kept:
            counts[d, 0] += 1
            counts[d, 1] += bool(r[2])
            counts[d, 2] += bool(hits[i])
            found[d] |= hits[i]
    counts[:, 3] = [len(f) for f in found]
    return counts


def _f_scores(counts: np.ndarray, n_gold: np.ndarray) -> np.ndarray:
    """Overlap F1 of summed per-document counts; works on one row or on a stack of resamples."""
    kept, hit, found = counts[..., 0], counts[..., 2], counts[..., 3]
    p = np.where(kept > 0, hit / np.maximum(kept, 1), 0.0)
    r = np.where(n_gold > 0, found / np.maximum(n_gold, 1), 0.0)
    return np.where(p + r > 0, 2 * p * r / np.maximum(p + r, 1e-12), 0.0)


def best_thresholds(rows: Sequence[Row], grid: Sequence[float] = GRID, resamples: int = RESAMPLES,
                    seed: int = 0) -> Dict[str, float]:
    """The (accept, rule_accept) to use: the best overlap F1 on dev (exact F1 breaking
    ties), unless a setting closer to the rules does as well within the noise of dev.

    1. Every setting is scored on dev; the best has the highest overlap F1, then exact F1;
       ties go to the setting that asks least of dev (the highest ``accept``: the fewest
       spans only the model proposes; then the lowest ``rule_accept``: the fewest rule
       spans vetoed). A tie means dev has no candidate between the two settings.
    2. The one-standard-error rule: dev articles are resampled with replacement
       (``resamples`` times, fixed ``seed``), and a setting whose overlap F1 is below the
       best's by no more than the standard error of that paired difference is as good as
       the best on this dev split. Of those, the one that changes the fewest dev decisions
       from the rules' output (model-only spans accepted plus rule spans vetoed) is chosen.
       The rules are the simpler model: a gain of a fraction of a point on 44 dev spans is
       not evidence that model spans help (docs/error-analysis.md, round 17).
    With one dev document (or ``resamples=0``) the standard error is 0 and the best wins."""
    cands, doc_of, n_gold_docs = _split_documents(rows)
    n_gold = sum(n_gold_docs)
    hits = [r[3] if len(r) > 3 else (frozenset([("exact", i)]) if r[2] else frozenset()) for i, r in enumerate(cands)]
    n_docs = len(n_gold_docs)
    settings = []
    for acc in sorted(grid, reverse=True):
        for racc in [0.0] + sorted(g for g in grid if g <= acc):
            th = {"accept": acc, "rule_accept": racc}
            counts = _setting_counts(cands, doc_of, hits, n_docs, th)
            kept, tp, hit, found, changes = (float(x) for x in counts.sum(axis=0))
            p = tp / kept if kept else 0.0
            rec = tp / n_gold if n_gold else 0.0
            o_p = hit / kept if kept else 0.0
            o_r = found / n_gold if n_gold else 0.0
            settings.append({"th": th, "counts": counts, "o_f": f1(o_p, o_r), "f": f1(p, rec), "p": p, "r": rec,
                             "changes": changes})
    top = settings[0]
    for s in settings[1:]:
        if s["o_f"] > top["o_f"] + 1e-9 or (abs(s["o_f"] - top["o_f"]) <= 1e-9 and s["f"] > top["f"] + 1e-9):
            top = s
    chosen, se = top, 0.0
    if resamples and n_docs > 1:
        rng = np.random.default_rng(seed)
        weights = rng.multinomial(n_docs, [1.0 / n_docs] * n_docs, size=resamples).astype(float)
        gold = weights @ np.asarray(n_gold_docs, dtype=float)
        top_f = _f_scores(weights @ top["counts"], gold)
        for s in sorted(settings, key=lambda s: s["changes"]):  # stable: ties keep the order of step 1
            if s["changes"] >= top["changes"]:
                break
            diff = top_f - _f_scores(weights @ s["counts"], gold)
            s_se = float(diff.std())
            if top["o_f"] - s["o_f"] <= s_se + 1e-9:
                chosen, se = s, s_se
                break
    return {"accept": chosen["th"]["accept"], "rule_accept": chosen["th"]["rule_accept"],
            "dev_overlap_f": round(chosen["o_f"], 4), "dev_f": round(chosen["f"], 4),
            "dev_p": round(chosen["p"], 4), "dev_r": round(chosen["r"], 4),
            "dev_best_overlap_f": round(top["o_f"], 4),
            "dev_best": {"accept": top["th"]["accept"], "rule_accept": top["th"]["rule_accept"]},
            "dev_gap_se": round(se, 4)}


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
