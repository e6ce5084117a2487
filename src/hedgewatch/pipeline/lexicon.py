"""Reading the cue lexicons and word lists (package data, ``lexicons/``) and expanding
lemmas to word forms.

``hedges.jsonl``, ``reporting.jsonl``, ``denials.jsonl``: the cue patterns, one per line.

Each lexicon line is a JSON object::

    {"label": "HEDGE", "phrase": "appear to", "match": "lemma", "kind": "raising",
     "source": "Hyland (2005) ...", "pos": "VERB"}

``match: lemma`` entries are expanded to their inflected forms here, so that matching
works on ``LOWER`` alone and does not depend on a lemmatizer being in the pipeline.

``words.jsonl``: every other word list a rule decides with (quote marks, agent nouns,
negators, the hard-negative lists of the cue rules, the resolver's heads ...), one
named list per line with where it is used and its source::

    {"name": "agent_nouns", "words": [...], "used_by": "syntax", "source": "..."}
    {"name": "ability_after_modal", "phrases": [["be", "reached"], ...], ...}

The cue ruler saves the lists with its patterns (``to_disk``) and reads them back
(``from_disk``); the other components use the package's lists (:func:`default_words`).
The reporting and denial verbs the resolver knows are the ``verb`` / ``predicate``
entries of the lexicons plus the ``*_extra`` lists (:func:`lexicon_lemmas`).
"""
from __future__ import annotations

import json
import re
from importlib import resources
from functools import lru_cache
from typing import Dict, FrozenSet, Iterable, List, Mapping, Union

LEXICON_FILES = ("hedges.jsonl", "reporting.jsonl", "denials.jsonl")
WORD_LISTS_FILE = "words.jsonl"
# a word list: a set of lower-cased words, or a list of phrases (token sequences)
WordList = Union[FrozenSet[str], List[List[str]]]
Words = Mapping[str, WordList]

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
    "take": ["take", "takes", "took", "taken", "taking"],
    "forecast": ["forecast", "forecasts", "forecasted", "forecasting"],
    "shoot": ["shoot", "shoots", "shot", "shooting"],
    "see": ["see", "sees", "saw", "seen", "seeing"],
    # a stressed final syllable that doubles its consonant, an irregular past or a second
    # spelling: the regular rules below gave "admited", "feeled" and never matched the text
    "admit": ["admit", "admits", "admitted", "admitting"],
    "feel": ["feel", "feels", "felt", "feeling"],
    "have": ["have", "has", "had", "having"],
    "signal": ["signal", "signals", "signaled", "signalled", "signaling", "signalling"],
    "label": ["label", "labels", "labeled", "labelled", "labeling", "labelling"],
    "echo": ["echo", "echoes", "echoed", "echoing"],
    "cast": ["cast", "casts", "casting"],
    "refer": ["refer", "refers", "referred", "referring"],
    "go": ["go", "goes", "went", "gone", "going"],
}


# one syllable ending in a single vowel + b/d/g/m/n/p/t doubles it: "slam" -> "slammed",
# "quip" -> "quipped" (longer verbs double only with a stressed final syllable: the table)
_DOUBLING = re.compile(r"(?:qu|[^aeiouy]+)[aeiou][bdgmnpt]")


def inflect(lemma: str) -> List[str]:
    """Word forms of an English verb or noun lemma (regular rules + a small table)."""
    if lemma in _IRREGULAR:
        return list(_IRREGULAR[lemma])
    forms = {lemma}
    if _DOUBLING.fullmatch(lemma):
        forms |= {lemma + "s", lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    elif lemma.endswith("e"):
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
    """Read one lexicon (or word-list) file from the package data."""
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


def read_word_lists(name: str = WORD_LISTS_FILE) -> List[dict]:
    """The word-list records of a package data file (with ``used_by`` and ``source``)."""
    rows = read_lexicon(name)
    for row in rows:
        if "name" not in row or not ("words" in row or "phrases" in row):
            raise ValueError(f"hedgewatch/pipeline/lexicons/{name}: a word list needs 'name' and 'words' or 'phrases': {row}")
    return rows


def as_words(rows: Iterable[dict]) -> Dict[str, WordList]:
    """Word-list records -> {name: frozenset of words | list of phrases}. A name given
    twice is an error: the later list would silently replace the earlier one."""
    out: Dict[str, WordList] = {}
    for row in rows:
        if row["name"] in out:
            raise ValueError(f"word list {row['name']!r} is defined twice")
        out[row["name"]] = frozenset(row["words"]) if "words" in row else [list(p) for p in row["phrases"]]
    return out


@lru_cache(maxsize=1)
def default_words() -> Dict[str, WordList]:
    """The package's word lists (read once)."""
    return as_words(read_word_lists())


def lexicon_lemmas(name: str, kind: str) -> FrozenSet[str]:
    """The phrases of one kind of entry of a lexicon file ("reporting.jsonl", "verb")."""
    return frozenset(row["phrase"] for row in read_lexicon(name) if row.get("kind") == kind)
