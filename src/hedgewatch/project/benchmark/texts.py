"""The text set: corpus texts, words counted as spaCy's English tokenizer counts them,
repeated to a given number of words."""
import json
from pathlib import Path
from typing import List, Sequence, Tuple


def read_corpus(paths: Sequence[Path]) -> List[str]:
    texts = []
    for path in paths:
        with Path(path).open(encoding="utf8") as fh:
            for line in fh:
                if line.strip():
                    text = json.loads(line).get("text")
                    if isinstance(text, str) and text.strip():
                        texts.append(text)
    if not texts:
        raise ValueError(f"no texts in {', '.join(map(str, paths))}")
    return texts


def count_words(texts: Sequence[str]) -> List[int]:
    """Words per text: tokens of spaCy's English tokenizer (as ``spacy benchmark speed``)."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return [len(doc) for doc in tokenizer.pipe(texts)]


def build_text_set(texts: Sequence[str], min_words: int, min_texts: int = 0) -> Tuple[List[str], List[int]]:
    """The texts, repeated in order until they hold at least ``min_words`` words and at
    least ``min_texts`` texts (so that the largest batch size fills a batch: with fewer
    texts than the batch size, every larger batch size times the same single batch)."""
    counts = count_words(texts)
    if sum(counts) == 0:
        raise ValueError("the texts have no words")
    out, out_counts, total, i = [], [], 0, 0
    while total < min_words or len(out) < min_texts:
        out.append(texts[i % len(texts)])
        out_counts.append(counts[i % len(texts)])
        total += out_counts[-1]
        i += 1
    return out, out_counts


def prefix_for(counts: Sequence[int], min_words: int) -> int:
    """Number of leading texts that hold at least ``min_words`` words (all if fewer)."""
    total = 0
    for i, n in enumerate(counts, start=1):
        total += n
        if total >= min_words:
            return i
    return len(counts)
