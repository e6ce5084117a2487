"""Split the converted corpus into train/dev/test without near-duplicate leakage.

How it decides:
1. Units. A document whose ``meta.story`` is set (the five seeds are versions of one
   story) is cut into sentences (the near-duplicate detector's splitter; neighbours
   are merged where a span would cross); any other document is one unit.
2. Groups. Units that share a near-duplicate sentence (``hedgewatch.project.neardup``:
   content-stem containment >= 0.55) are linked, transitively (union-find). A group
   goes to one split as a whole, so no near-duplicate sentence sits on two sides.
3. Assignment. Groups holding at least 3% of all spans go first, largest first (the
   near-duplicate chains of the seed story and of stock sentences such as "X declined
   to comment" make one group of dozens of units); the rest follow in an order
   shuffled with ``--seed``. Each group is given to the split whose share of spans is
   furthest below its target (``--dev``/``--test`` fractions), so label counts come out
   near the targets. Same input + seed -> same split.
Writes train/dev/test DocBins and a JSON report of the groups and counts.
"""
import random
from pathlib import Path
from typing import Any, Dict, List, Tuple

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from .. import LABELS
from .corpus import span_counts, write_docbin
from .neardup import components, near_duplicate_pairs, sentences


def units_of(nlp, doc: Doc, spans_key: str) -> List[Doc]:
    """Sentences of a story version (merged where a span would cross), else the doc."""
    meta = doc.user_data.get("meta", {})
    if not meta.get("story"):
        return [doc]
    text = doc.text
    spans = list(doc.spans[spans_key])
    # candidate cut points: sentence boundaries of the near-duplicate splitter
    bounds: List[Tuple[int, int]] = []
    pos = 0
    for sent in sentences(text):
        start = text.index(sent, pos)
        bounds.append((start, start + len(sent)))
        pos = start + len(sent)
    merged: List[Tuple[int, int]] = []
    for start, end in bounds:
        if merged and any(s.start_char < start < s.end_char or s.start_char < merged[-1][1] < s.end_char for s in spans):
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    out: List[Doc] = []
    for k, (lstart, lend) in enumerate(merged):
        sub = nlp.make_doc(text[lstart:lend])
        sub_spans = []
        for s in spans:
            if s.start_char >= lstart and s.end_char <= lend:
                span = sub.char_span(s.start_char - lstart, s.end_char - lstart, label=s.label_)
                if span is None:  # pragma: no cover - cannot happen for aligned spans
                    raise ValueError(f"{meta.get('source')}: span {s.text!r} misaligned in unit")
                sub_spans.append(span)
            elif s.start_char < lend and s.end_char > lstart:
                raise ValueError(f"{meta.get('source')}: span {s.text!r} crosses a unit boundary")
        sub.spans[spans_key] = sub_spans
        sub.user_data["meta"] = dict(meta, unit=k + 1, char_offset=lstart)
        out.append(sub)
    return out


BIG_GROUP_SHARE = 0.03


def assign(groups: Dict[int, List[int]], weights: List[Dict[str, int]], fractions: Dict[str, float], seed: int) -> Dict[int, str]:
    order = sorted(groups)
    random.Random(seed).shuffle(order)
    totals = {name: {label: 0 for label in LABELS} for name in fractions}
    grand = {label: sum(w[label] for w in weights) or 1 for label in LABELS}
    # large groups first (largest first), then the rest in seeded random order: a large
    # group that comes last overshoots its split and starves the others
    size = {g: sum(weights[u][lb] for u in groups[g] for lb in LABELS) for g in groups}
    big = sum(grand.values()) * BIG_GROUP_SHARE
    order = sorted((g for g in order if size[g] >= big), key=lambda g: -size[g]) + [g for g in order if size[g] < big]
    result: Dict[int, str] = {}
    for g in order:
        gw = {label: sum(weights[u][label] for u in groups[g]) for label in LABELS}

        def deficit(name: str) -> float:
            # how far below target this split is, averaged over labels the group has
            labels = [lb for lb in LABELS if gw[lb]] or list(LABELS)
            return sum(fractions[name] - totals[name][lb] / grand[lb] for lb in labels) / len(labels)

        best = max(fractions, key=lambda name: (deficit(name), fractions[name]))
        result[g] = best
        for lb in LABELS:
            totals[best][lb] += gw[lb]
    return result


def split_corpus(corpus: Path, output_dir: Path, seed: int = 0, dev: float = 0.15, test: float = 0.15,
                 spans_key: str = "sc", threshold: float = 0.55, nlp: Language = None,
                 part: str = "") -> Dict[str, Any]:
    """Split the DocBin ``corpus`` into ``output_dir``/{train,dev,test}.spacy, or with
    ``part`` into ``output_dir``/{train,dev,test}/``part``.spacy (so that a split folder
    can hold several corpora, e.g. the written and the real-news one); returns the report."""
    import spacy

    nlp = nlp or spacy.blank("en")
    docs = list(DocBin().from_disk(corpus).get_docs(nlp.vocab))
    units: List[Doc] = [u for d in docs for u in units_of(nlp, d, spans_key)]
    pairs = near_duplicate_pairs([u.text for u in units], threshold=threshold)
    comp = components(len(units), pairs)
    groups: Dict[int, List[int]] = {}
    for i, g in enumerate(comp):
        groups.setdefault(g, []).append(i)
    weights = [span_counts([u], spans_key) for u in units]
    fractions = {"train": 1.0 - dev - test, "dev": dev, "test": test}
    where = assign(groups, weights, fractions, seed)
    split_units: Dict[str, List[Doc]] = {name: [] for name in fractions}
    for g, members in sorted(groups.items()):
        for u in members:
            split_units[where[g]].append(units[u])
    output_dir.mkdir(parents=True, exist_ok=True)
    summary = {}
    for name, us in split_units.items():
        path = output_dir / name / f"{part}.spacy" if part else output_dir / f"{name}.spacy"
        path.parent.mkdir(parents=True, exist_ok=True)
        write_docbin(us, path)
        story = [u for u in us if u.user_data.get("meta", {}).get("story")]
        summary[name] = {
            "units": len(us),
            "spans": span_counts(us, spans_key),
            "spans_not_story": span_counts([u for u in us if u not in story], spans_key),
            "words": sum(len(u) for u in us),
            "sources": sorted({u.user_data.get("meta", {}).get("source", "?") for u in us}),
        }
    data = {
        "seed": seed,
        "threshold": threshold,
        "units": len(units),
        "near_duplicate_pairs": len(pairs),
        "groups": len(groups),
        "largest_group": max(len(m) for m in groups.values()) if groups else 0,
        "splits": summary,
    }
    return data

