"""The document certainty profile (``doc._.certainty_profile``).

Unhedged assertions, the heuristic: a sentence asserts a claim when it has a finite
verb with a subject (a clause), at least five words, is not a question, and is not
mostly quotation; it is *unhedged and unattributed* when no HEDGE or ATTRIBUTION span
lies in it and it is not the content of an attribution elsewhere (a quote whose
"he said" sits in the next sentence).
"""
from bisect import bisect_left
from typing import Any, Dict, List, Tuple

import numpy
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE
from spacy.tokens import Doc

from .. import DEFAULT_SPANS_KEY, LABELS
from .extensions import install_extensions
from .lexicon import default_words
from .noise import NoiseIndex, noise_ranges

W = default_words()


def _words(doc: Doc, noise: NoiseIndex) -> int:
    """Tokens that are not punctuation or space and do not start inside noise (on
    arrays: one Token object per token was a third of the profile's time)."""
    if not len(doc):
        return 0
    arr = doc.to_array([IS_PUNCT, IS_SPACE, IDX]).astype("int64")
    keep = (arr[:, 0] == 0) & (arr[:, 1] == 0)
    if noise:
        idx = arr[:, 2]
        starts = numpy.asarray(noise.starts, dtype="int64")
        ends = numpy.asarray([e for _, e in noise.ranges], dtype="int64")
        i = numpy.searchsorted(starts, idx, side="right") - 1
        inside = (i >= 0) & (idx < ends[numpy.maximum(i, 0)])
        keep &= ~inside
    return int(keep.sum())


def _sentences(doc: Doc):
    if doc.has_annotation("SENT_START") or doc.has_annotation("DEP"):
        return list(doc.sents)
    return [doc[:]]


def _asserts(sent) -> bool:
    words = [t for t in sent if not (t.is_punct or t.is_space)]
    if len(words) < 5 or sent.text.rstrip().endswith("?"):
        return False
    quoted = sum(1 for t in sent if t.text in W["double_quotes"])
    if quoted >= 2 and sent[0].text in W["double_open_quotes"]:
        return False
    return any(
        t.pos_ in ("VERB", "AUX") and t.dep_ in ("ROOT", "ccomp", "conj") and any(c.dep_.startswith("nsubj") for c in t.children)
        for t in sent
    )


def _union(ranges: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    out: List[Tuple[int, int]] = []
    for a, b in sorted(r for r in ranges if r[1] > r[0]):
        if out and a <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], b))
        else:
            out.append((a, b))
    return out


def build_profile(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> Dict[str, Any]:
    """The profile of ``doc.spans[spans_key]``; the resolver must have run on them."""
    install_extensions()
    # scraped-page noise (hedgewatch_noise) is not the article: its sentences, words
    # and spans are left out, unless the noise was kept (--keep-noise)
    noise = NoiseIndex(noise_ranges(doc))
    spans = [s for s in doc.spans.get(spans_key, []) if not (noise and s.start_char in noise)]
    words = _words(doc, noise)
    counts = {label: sum(1 for s in spans if s.label_ == label) for label in LABELS}
    sents = [s for s in _sentences(doc) if not (noise and s.start_char in noise)]
    hedged = 0
    unhedged: List[Dict[str, Any]] = []
    contents = []
    for s in spans:
        if s.label_ == "ATTRIBUTION" and s._.content is not None:
            contents.append((s._.content.start_char, s._.content.end_char))
    # linear in the length of the doc (a long text has many sentences and spans):
    # spans by start token, attribution contents as a union of character ranges
    by_start = sorted(spans, key=lambda s: (s.start, s.end))
    starts = [s.start for s in by_start]
    in_content = NoiseIndex(_union(contents))
    for sent in sents:
        lo, hi = bisect_left(starts, sent.start), bisect_left(starts, sent.end)
        in_sent = [s for s in by_start[lo:hi] if s.end <= sent.end]
        if any(s.label_ == "HEDGE" for s in in_sent):
            hedged += 1
        if any(s.label_ in ("HEDGE", "ATTRIBUTION") for s in in_sent):
            continue
        # a <= start < b or a < end <= b for some content (a, b)
        if in_content and (sent.start_char in in_content or sent.end_char - 1 in in_content):
            continue
        if doc.has_annotation("DEP") and _asserts(sent):
            unhedged.append({"start": sent.start_char, "end": sent.end_char, "text": sent.text.strip()})
    attributions = [s for s in spans if s.label_ == "ATTRIBUTION"]
    kinds = {"named": 0, "anonymous": 0, "none": 0}
    sources = []
    for a in attributions:
        kind = a._.source_kind or "none"
        kinds[kind] = kinds.get(kind, 0) + 1
        src = a._.source
        sources.append({"text": a.text, "source": src.text if src is not None else None, "source_kind": kind})
    denials = []
    for d in spans:
        if d.label_ == "DENIAL":
            denier, denied = d._.denier, d._.denied
            denials.append({
                "text": d.text, "start": d.start_char, "end": d.end_char,
                "denier": denier.text if denier is not None else None,
                "denied": denied.text if denied is not None else None,
            })
    hedges = [s for s in spans if s.label_ == "HEDGE"]
    author_hedges = sum(1 for h in hedges if h._.speaker == "author")
    per_k = (lambda n: round(1000.0 * n / words, 2) if words else 0.0)
    return {
        "words": words,
        "sentences": len(sents),
        "counts": counts,
        "per_1000_words": {label: per_k(n) for label, n in counts.items()},
        "hedged_sentence_share": round(hedged / len(sents), 4) if sents else 0.0,
        "hedges_by_speaker": {"author": author_hedges, "quoted": len(hedges) - author_hedges},
        "attributions_by_source_kind": kinds,
        "anonymous_source_share": round(kinds.get("anonymous", 0) / len(attributions), 4) if attributions else 0.0,
        "sources": sources,
        "denials": denials,
        "unhedged_unattributed_assertions": unhedged,
    }
