"""Reading the cue lexicons (package data) and expanding lemmas to word forms.

Each lexicon line is a JSON object::

    {"label": "HEDGE", "phrase": "appear to", "match": "lemma", "kind": "raising",
     "source": "Hyland (2005) ...", "pos": "VERB"}

``match: lemma`` entries are expanded to their inflected forms here, so that matching
works on ``LOWER`` alone and does not depend on a lemmatizer being in the pipeline.
"""
from __future__ import annotations

import json
from importlib import resources
from typing import Dict, Iterable, List

LEXICON_FILES = ("hedges.jsonl", "reporting.jsonl", "denials.jsonl")

_IRREGULAR: Dict[str, List[str]] = {
    "be": ["be", "is", "are", "was", "were", "been", "being", "'s", "'re", "am"],
    "say": ["say", "says", "said", "saying"],
    "tell": ["tell", "tells", "told", "telling"],
    "think": ["think", "thinks", "thought", "thinking"],
    "find": ["find", "finds", "found", "finding"],
    "show": ["show", "shows", "showed", "shown", "showing"],
    "know": ["know", "knows", "knew", "known", "knowing"],
    "write": ["write", "writes", "wrote", "written", "writing"],
    "hear": ["hear", "hears", "heard", "hearing"],
    "understand": ["understand", "understands", "understood", "understanding"],
    "learn": ["learn", "learns", "learned", "learnt", "learning"],
    "broadcast": ["broadcast", "broadcasts", "broadcasted", "broadcasting"],
    "smell": ["smell", "smells", "smelled", "smelt", "smelling"],
    "speak": ["speak", "speaks", "spoke", "spoken", "speaking"],
    "rebut": ["rebut", "rebuts", "rebutted", "rebutting"],
    "quote": ["quote", "quotes", "quoted", "quoting"],
    "cite": ["cite", "cites", "cited", "citing"],
}


def inflect(lemma: str) -> List[str]:
    """Word forms of an English verb or noun lemma (regular rules + a small table)."""
    if lemma in _IRREGULAR:
        return list(_IRREGULAR[lemma])
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        forms |= {lemma + "es", lemma + "ed", lemma + "ing"}
    else:
        forms |= {lemma + "s", lemma + "ed", lemma + "ing"}
    # British/American noun plural variants
    return sorted(forms)


def read_lexicon(name: str) -> List[dict]:
    """Read one lexicon file from the package data."""
    text = resources.files("hedgewatch.pipeline.lexicons").joinpath(name).read_text(encoding="utf8")
    rows = []
    for i, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:  # pragma: no cover - data error
            raise ValueError(f"hedgewatch/pipeline/lexicons/{name}:{i}: invalid JSON ({err})") from None
        rows.append(row)
    return rows


def read_lexicons(names: Iterable[str] = LEXICON_FILES) -> List[dict]:
    return [row for name in names for row in read_lexicon(name)]


def phrase_variants(entry: dict) -> List[List[str]]:
    """All lower-cased token sequences that an entry matches."""
    words = entry["phrase"].lower().split()
    if entry.get("match") != "lemma":
        return [words]
    variants: List[List[str]] = [[]]
    for w in words:
        forms = inflect(w) if w not in ("to", "like", "that") else [w]
        variants = [v + [f] for v in variants for f in forms]
    return variants
