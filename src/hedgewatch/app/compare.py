"""Comparing versions of one story: where did hedges, attributions and denials go?

Each document is cut into *units*: the headline (its first non-empty line) and the
sentences of the rest (spaCy's sentences, also cut at line breaks, which in news text
are paragraph breaks). Each unit of a version is aligned to its closest unit of the
original by lexical similarity; the headline is aligned to the original's headline,
body sentences to the original's body sentences.

Similarity is the mean of two TF-IDF cosines over the content words of the units
(stop words dropped, IDF over the units of both documents): one over word stems (first
five letters, as in :mod:`hedgewatch.project.neardup`), one over character 4-grams of the
words. The stems survive inflection ("weapons"/"weaponry"), the 4-grams survive the
partial rewrites of a machine-spun paraphrase ("variants"/"variations",
"government"/"federal government"). A version unit whose best similarity is below
``min_similarity`` stays unaligned.

Several version units may align to one original unit (a paraphrase that splits a
sentence); their spans are pooled, so a hedge kept in either half counts as kept. For
each aligned pair (an original unit and the version units aligned to it) the spans of
the model (``doc.spans["sc"]``) on each side give the flags:

- ``hedge dropped``: the original has a HEDGE, the version none;
- ``hedge added``: the version has a HEDGE, the original none;
- ``attribution dropped``: the original has an ATTRIBUTION, the version none;
- ``source turned anonymous``: the original attributes to a named source, the version
  only to anonymous ones; ``source turned named``: the reverse;
- ``denial dropped``: the original has a DENIAL, the version none.

Per version, a certainty-drift summary counts the flags, compares the share of hedged
units over the aligned pairs, and the whole-document profile rates.
"""
from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span

from .. import DEFAULT_SPANS_KEY, LABELS
from ..text import STOPWORDS

MIN_SIMILARITY = 0.2
ANCHOR_SIMILARITY = 0.3
ORDER_BONUS = 0.05
MIN_CONTENT_WORDS = 3
FLAGS = ("hedge dropped", "hedge added", "attribution dropped", "source turned anonymous",
         "source turned named", "denial dropped")
WORD_RE = re.compile(r"[A-Za-z0-9]+")


@dataclass
class Unit:
    kind: str  # "headline" or "sentence"
    index: int
    start: int
    end: int
    text: str
    spans: List[Dict[str, Any]] = field(default_factory=list)

    def labels(self, label: str) -> List[Dict[str, Any]]:
        return [s for s in self.spans if s["label"] == label]


# --- units ------------------------------------------------------------------------
def _span_info(span: Span) -> Dict[str, Any]:
    info: Dict[str, Any] = {"label": span.label_, "text": span.text, "start": span.start_char, "end": span.end_char}
    if span.label_ == "ATTRIBUTION" and span.has_extension("source_kind"):
        src = span._.source
        info["source"] = src.text if src is not None else None
        info["source_kind"] = span._.source_kind or "none"
    return info


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in text)


def doc_units(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> List[Unit]:
    """The headline (first non-empty line) and the sentences of the rest, each with the
    spans that start in it."""
    text = doc.text
    first = len(text) - len(text.lstrip())
    nl = text.find("\n", first)
    head_end = len(text) if nl < 0 else nl
    while head_end > first and text[head_end - 1].isspace():
        head_end -= 1
    bounds: List[Tuple[str, int, int]] = []
    if head_end > first:
        bounds.append(("headline", first, head_end))
    sents = list(doc.sents) if (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")) else [doc[:]]
    for sent in sents:
        piece: List = []
        for tok in list(sent) + [None]:
            if tok is None or (tok.is_space and "\n" in tok.text):
                words = [t for t in piece if not t.is_space]
                if words:
                    s, e = words[0].idx, words[-1].idx + len(words[-1].text)
                    if e > head_end:  # else: inside the headline
                        bounds.append(("sentence", max(s, head_end), e))
                piece = []
            else:
                piece.append(tok)
    units: List[Unit] = []
    for kind, s, e in bounds:
        t = text[s:e].strip()
        if t and _has_words(t):
            units.append(Unit(kind, len(units), s, e, text[s:e]))
    spans = sorted(doc.spans.get(spans_key, []), key=lambda sp: (sp.start_char, -sp.end_char))
    for sp in spans:
        for u in units:
            if u.start <= sp.start_char < u.end:
                u.spans.append(_span_info(sp))
                break
    return units


# --- similarity -------------------------------------------------------------------
def _features(text: str) -> Tuple[Counter, Counter]:
    words = [w.lower() for w in WORD_RE.findall(text)]
    words = [w for w in words if w not in STOPWORDS and (len(w) > 2 or w.isdigit())]
    stems = Counter(w[:5] for w in words)
    grams: Counter = Counter()
    for w in words:
        padded = f"<{w}>"
        for i in range(max(1, len(padded) - 3)):
            grams[padded[i : i + 4]] += 1
    return stems, grams


def _idf(vectors: Sequence[Counter]) -> Dict[str, float]:
    df: Counter = Counter()
    for v in vectors:
        df.update(v.keys())
    n = len(vectors)
    return {k: math.log((1 + n) / (1 + d)) + 1.0 for k, d in df.items()}


def _weigh(v: Counter, idf: Dict[str, float]) -> Tuple[Dict[str, float], float]:
    w = {k: (1.0 + math.log(c)) * idf.get(k, 1.0) for k, c in v.items()}
    return w, math.sqrt(sum(x * x for x in w.values()))


def _cos(a: Tuple[Dict[str, float], float], b: Tuple[Dict[str, float], float]) -> float:
    (wa, na), (wb, nb) = a, b
    if not na or not nb:
        return 0.0
    if len(wa) > len(wb):
        wa, wb = wb, wa
    return sum(x * wb.get(k, 0.0) for k, x in wa.items()) / (na * nb)


def similarity_matrix(original: Sequence[str], version: Sequence[str]) -> List[List[float]]:
    """``m[i][j]``: similarity of version text i and original text j (0..1)."""
    feats_o = [_features(t) for t in original]
    feats_v = [_features(t) for t in version]
    idf_w = _idf([f[0] for f in feats_o + feats_v])
    idf_g = _idf([f[1] for f in feats_o + feats_v])
    wo = [(_weigh(f[0], idf_w), _weigh(f[1], idf_g)) for f in feats_o]
    wv = [(_weigh(f[0], idf_w), _weigh(f[1], idf_g)) for f in feats_v]
    return [[0.5 * _cos(v[0], o[0]) + 0.5 * _cos(v[1], o[1]) for o in wo] for v in wv]


# --- alignment and flags ----------------------------------------------------------
def _increasing(pairs: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """The longest subsequence of (i, j) pairs (sorted by i) with increasing j."""
    best: List[List[Tuple[int, int]]] = []
    for p in pairs:
        prev = [b for b in best if b[-1][1] < p[1]]
        best.append((max(prev, key=len) if prev else []) + [p])
    return max(best, key=len) if best else []


def align(orig_units: Sequence[Unit], ver_units: Sequence[Unit], min_similarity: float = MIN_SIMILARITY,
          anchor_similarity: float = ANCHOR_SIMILARITY, order_bonus: float = ORDER_BONUS,
          ) -> List[Tuple[Optional[int], float]]:
    """For each version unit, (index of its original unit or None, similarity).

    Headline goes to headline, sentences to sentences. Retellings mostly keep the order
    of the story, so alignment is order-aware: the aligned headlines and the mutual best
    matches with similarity of at least ``anchor_similarity`` that keep the order are
    anchors; any other unit between
    two anchors gets ``order_bonus`` added for the original units between them, and a
    unit is aligned when its best similarity (with the bonus) reaches ``min_similarity``.
    A sentence with fewer than ``MIN_CONTENT_WORDS`` distinct content words ("Comments",
    a byline) is never aligned.
    """
    m = similarity_matrix([u.text for u in orig_units], [u.text for u in ver_units])
    is_head_o = [u.kind == "headline" for u in orig_units]
    cands = {i: [j for j in range(len(orig_units)) if is_head_o[j] == (vu.kind == "headline")]
             for i, vu in enumerate(ver_units)}
    best = {i: max(c, key=lambda j: m[i][j]) for i, c in cands.items() if c}
    anchors = []
    for i, j in best.items():
        if ver_units[i].kind == "headline":
            if m[i][j] >= min_similarity:  # the two headlines anchor the start
                anchors.append((i, j))
        elif m[i][j] >= anchor_similarity and all(m[k][j] <= m[i][j] for k in best if k != i):
            anchors.append((i, j))
    anchors = dict(_increasing(sorted(anchors)))
    out: List[Tuple[Optional[int], float]] = []
    for i, vu in enumerate(ver_units):
        if i in anchors:
            out.append((anchors[i], m[i][anchors[i]]))
            continue
        if not cands[i]:
            out.append((None, 0.0))
            continue
        if vu.kind == "sentence" and len(_features(vu.text)[0]) < MIN_CONTENT_WORDS:
            out.append((None, max(m[i][j] for j in cands[i])))
            continue
        lo = max((j for k, j in anchors.items() if k < i), default=None)
        hi = min((j for k, j in anchors.items() if k > i), default=None)
        between = vu.kind == "sentence" and lo is not None and hi is not None
        bonus = (lambda j: order_bonus if between and lo <= j <= hi else 0.0)
        j = max(cands[i], key=lambda j: m[i][j] + bonus(j))
        score = m[i][j]
        out.append((j, score) if score + bonus(j) >= min_similarity else (None, score))
    return out


def _kinds(spans: Iterable[Dict[str, Any]]) -> set:
    return {s.get("source_kind", "none") for s in spans if s["label"] == "ATTRIBUTION"}


def pair_flags(orig: Sequence[Dict[str, Any]], ver: Sequence[Dict[str, Any]]) -> List[str]:
    """The flags for the pooled spans of an original unit and its version unit(s)."""
    def has(spans, label):
        return any(s["label"] == label for s in spans)

    flags = []
    if has(orig, "HEDGE") and not has(ver, "HEDGE"):
        flags.append("hedge dropped")
    if has(ver, "HEDGE") and not has(orig, "HEDGE"):
        flags.append("hedge added")
    if has(orig, "ATTRIBUTION") and not has(ver, "ATTRIBUTION"):
        flags.append("attribution dropped")
    ko, kv = _kinds(orig), _kinds(ver)
    if "named" in ko and "named" not in kv and "anonymous" in kv:
        flags.append("source turned anonymous")
    if "anonymous" in ko and "named" not in ko and "named" in kv:
        flags.append("source turned named")
    if has(orig, "DENIAL") and not has(ver, "DENIAL"):
        flags.append("denial dropped")
    return flags


def _profile(doc: Doc) -> Dict[str, Any]:
    return doc._.certainty_profile if Doc.has_extension("certainty_profile") else {}


def _meta_name(doc: Doc, default: str) -> str:
    meta = doc.user_data.get("meta", {}) or {}
    name = str(meta.get("source", default))
    return f"{name}:{meta['line']}" if "line" in meta else name


def _unit_json(u: Unit) -> Dict[str, Any]:
    return asdict(u)


def compare_docs(original: Doc, version: Doc, min_similarity: float = MIN_SIMILARITY) -> Dict[str, Any]:
    """Align ``version`` to ``original`` and flag certainty changes (a JSON-able dict)."""
    ou, vu = doc_units(original), doc_units(version)
    alignment = align(ou, vu, min_similarity)
    groups: Dict[int, List[int]] = {}
    for i, (j, _) in enumerate(alignment):
        if j is not None:
            groups.setdefault(j, []).append(i)
    pairs: List[Dict[str, Any]] = []
    for j in sorted(groups, key=lambda j: groups[j][0]):
        members = groups[j]
        o_spans = ou[j].spans
        v_spans = [s for i in members for s in vu[i].spans]
        pairs.append({
            "original": _unit_json(ou[j]),
            "version": [_unit_json(vu[i]) for i in members],
            "similarity": [round(alignment[i][1], 3) for i in members],
            "flags": pair_flags(o_spans, v_spans),
        })
    unaligned = [dict(_unit_json(vu[i]), best_similarity=round(s, 3)) for i, (j, s) in enumerate(alignment) if j is None]
    uncovered = [_unit_json(ou[j]) for j in range(len(ou)) if j not in groups]
    flag_counts = {f: sum(1 for p in pairs if f in p["flags"]) for f in FLAGS}
    n = len(pairs)
    hedged_o = sum(1 for p in pairs if any(s["label"] == "HEDGE" for s in p["original"]["spans"]))
    hedged_v = sum(1 for p in pairs if any(s["label"] == "HEDGE" for u in p["version"] for s in u["spans"]))
    po, pv = _profile(original), _profile(version)
    net = flag_counts["hedge added"] - flag_counts["hedge dropped"]
    summary = {
        "aligned_pairs": n,
        "version_units": len(vu),
        "version_units_unaligned": len(unaligned),
        "original_units": len(ou),
        "original_units_without_counterpart": len(uncovered),
        "flags": flag_counts,
        "hedged_share_aligned": {"original": round(hedged_o / n, 4) if n else 0.0,
                                 "version": round(hedged_v / n, 4) if n else 0.0},
        "hedges_per_1000_words": {"original": po.get("per_1000_words", {}).get("HEDGE"),
                                  "version": pv.get("per_1000_words", {}).get("HEDGE")},
        "anonymous_source_share": {"original": po.get("anonymous_source_share"),
                                   "version": pv.get("anonymous_source_share")},
        "net_hedges": net,
        "drift": "more certain" if net < 0 else "less certain" if net > 0 else "no net change",
    }
    headline = next((p for p in pairs if p["original"]["kind"] == "headline"), None)
    summary["headline_flags"] = headline["flags"] if headline else None
    return {
        "original": _meta_name(original, "original"),
        "version": _meta_name(version, "version"),
        "summary": summary,
        "pairs": pairs,
        "version_unaligned": unaligned,
        "original_without_counterpart": uncovered,
    }
