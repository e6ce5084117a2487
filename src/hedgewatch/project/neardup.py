"""Near-duplicate sentence detection, used by the leakage-free split and its tests.

Two sentences are near-duplicates when their content-word sets overlap by at least
``threshold`` (0.55) of the smaller set (containment), both having at least
``min_words`` content words. Words are lower-cased, stripped of punctuation and a
plural -s, and cut to their first five letters, so "variants"/"variations" and
"guns"/"gun" match. The machine-spun seed (003) is the hard case: "These 2 videos
reveal sniper rifles, Kalashnikov variations and heavy gatling gun that weapons
professionals state ..." vs "These two videos show sniper rifles, Kalashnikov variants
and heavy machine guns that weapons experts say ..." share 9 of 15 content stems
(0.6); the threshold leaves margin below that.
"""
import re
from collections import defaultdict
from typing import Dict, FrozenSet, Iterable, List, Sequence, Set, Tuple

from ..text import STOPWORDS

SENT_RE = re.compile(r"(?<=[.!?…”\"])\s+(?=[“\"‘'(\[]?[A-Z0-9])|\n+")
WORD_RE = re.compile(r"[A-Za-z0-9]+")


def sentences(text: str) -> List[str]:
    return [s.strip() for s in SENT_RE.split(text) if s and s.strip()]


def content_stems(sentence: str) -> FrozenSet[str]:
    words = (w.lower() for w in WORD_RE.findall(sentence))
    words = (w[:-1] if len(w) > 3 and w.endswith("s") else w for w in words)
    return frozenset(w[:5] for w in words if len(w) > 2 and w not in STOPWORDS)


def is_near_duplicate(a: FrozenSet[str], b: FrozenSet[str], threshold: float = 0.55, min_words: int = 4) -> bool:
    if len(a) < min_words or len(b) < min_words:
        return False
    return len(a & b) / min(len(a), len(b)) >= threshold


def near_duplicate_pairs(
    units: Sequence[str], threshold: float = 0.55, min_words: int = 4
) -> Set[Tuple[int, int]]:
    """Pairs (i, j), i < j, of unit indices that share a near-duplicate sentence."""
    sents: List[Tuple[int, FrozenSet[str]]] = []
    for ui, text in enumerate(units):
        for s in sentences(text):
            stems = content_stems(s)
            if len(stems) >= min_words:
                sents.append((ui, stems))
    index: Dict[str, List[int]] = defaultdict(list)
    for si, (_, stems) in enumerate(sents):
        for w in stems:
            index[w].append(si)
    pairs: Set[Tuple[int, int]] = set()
    for si, (ui, stems) in enumerate(sents):
        shared: Dict[int, int] = defaultdict(int)
        for w in stems:
            for sj in index[w]:
                if sj > si:
                    shared[sj] += 1
        for sj, n in shared.items():
            uj, other = sents[sj]
            if uj == ui:
                continue
            if n / min(len(stems), len(other)) >= threshold:
                pairs.add((min(ui, uj), max(ui, uj)))
    return pairs


def components(n: int, pairs: Iterable[Tuple[int, int]]) -> List[int]:
    """Union-find: a group id for each of n items."""
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    return [find(i) for i in range(n)]
