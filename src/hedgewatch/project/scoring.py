"""Exact, overlap and sentence-level span scores (per label and micro-averaged).

Exact match is spaCy's span scorer (``Scorer.score_spans``). Overlap match counts a
predicted span as correct when it overlaps a gold span of the same label (precision)
and a gold span as found when a predicted span of its label overlaps it (recall).
Sentence level (CoNLL-2010): per label, does a sentence contain at least one span;
sentences come from the predicted doc (the pipeline's parser).
"""
from typing import Dict, Sequence, Tuple

from spacy.scorer import Scorer
from spacy.tokens import Doc, Span
from spacy.training import Example

from .. import LABELS


def f1(p: float, r: float) -> float:
    """The harmonic mean of precision and recall (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(tp: int, n_pred: int, n_gold: int) -> Dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = f1(p, r)
    return {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n_pred": n_pred, "n_gold": n_gold}


def _overlaps(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def score(
    pairs: Sequence[Tuple[Doc, Doc]],
    pred_key: str = "sc",
    gold_key: str = "sc",
    labels: Sequence[str] = LABELS,
) -> Dict[str, Dict]:
    """Score (predicted doc, gold doc) pairs. Predicted docs need sentence boundaries
    for the sentence-level score (else the whole doc is one sentence)."""
    out: Dict[str, Dict] = {"exact": {}, "overlap": {}, "sentence": {}}
    # exact: spaCy's span scorer (needs the predicted spans under the gold key)
    examples = []
    for pred, gold in pairs:
        if pred_key != gold_key:
            pred = pred.copy()
            pred.spans[gold_key] = list(pred.spans.get(pred_key, []))
        examples.append(Example(pred, gold))
    exact = Scorer.score_spans(examples, "spans", getter=lambda doc, attr: doc.spans.get(gold_key, []), allow_overlap=True)
    counts = {kind: {lb: [0, 0, 0] for lb in labels} for kind in ("exact", "overlap", "sentence")}
    for pred, gold in pairs:
        p_spans = list(pred.spans.get(pred_key, []))
        g_spans = list(gold.spans.get(gold_key, []))
        for lb in labels:
            ps = [s for s in p_spans if s.label_ == lb]
            gs = [s for s in g_spans if s.label_ == lb]
            pset = {(s.start, s.end) for s in ps}
            gset = {(s.start, s.end) for s in gs}
            c = counts["exact"][lb]
            c[0] += len(pset & gset)
            c[1] += len(pset)
            c[2] += len(gset)
            c = counts["overlap"][lb]
            c[0] += sum(1 for s in ps if any(_overlaps(s, g) for g in gs))
            c[1] += len(ps)
            c[2] += len(gs)
            # recall counted separately for overlap (gold found)
            c.append(sum(1 for g in gs if any(_overlaps(s, g) for s in ps)))
            sents = list(pred.sents) if (pred.has_annotation("SENT_START") or pred.has_annotation("DEP")) else [pred[:]]
            c = counts["sentence"][lb]
            for sent in sents:
                has_p = any(s.start >= sent.start and s.start < sent.end for s in ps)
                has_g = any(s.start >= sent.start and s.start < sent.end for s in gs)
                c[0] += int(has_p and has_g)
                c[1] += int(has_p)
                c[2] += int(has_g)
    for kind in ("exact", "overlap", "sentence"):
        tot = [0, 0, 0, 0]
        for lb in labels:
            c = counts[kind][lb]
            if kind == "overlap":
                tp_p = c[0]
                tp_r = sum(c[3:])
                p = tp_p / c[1] if c[1] else 0.0
                r = tp_r / c[2] if c[2] else 0.0
                f = f1(p, r)
                out[kind][lb] = {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n_pred": c[1], "n_gold": c[2]}
                tot[0] += tp_p
                tot[3] += tp_r
            else:
                out[kind][lb] = _prf(c[0], c[1], c[2])
                tot[0] += c[0]
            tot[1] += c[1]
            tot[2] += c[2]
        if kind == "overlap":
            p = tot[0] / tot[1] if tot[1] else 0.0
            r = tot[3] / tot[2] if tot[2] else 0.0
            f = f1(p, r)
            out[kind]["micro"] = {"p": round(p, 4), "r": round(r, 4), "f": round(f, 4), "n_pred": tot[1], "n_gold": tot[2]}
        else:
            out[kind]["micro"] = _prf(tot[0], tot[1], tot[2])
    out["spacy_span_scorer"] = {
        "spans_sc_p": exact.get("spans_p"),
        "spans_sc_r": exact.get("spans_r"),
        "spans_sc_f": exact.get("spans_f"),
        "spans_sc_per_type": exact.get("spans_per_type"),
    }
    return out
