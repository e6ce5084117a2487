"""Error analysis on the DEV split: the most frequent false positives and false
negatives per label (exact match), with an example context each, as Markdown."""
from collections import Counter, defaultdict
from pathlib import Path
from typing import List

import spacy
from spacy.tokens import DocBin

from .. import LABELS


def error_report(model: Path, dev: Path, top: int = 12) -> List[str]:
    nlp = spacy.load(model)
    golds = list(DocBin().from_disk(dev).get_docs(nlp.vocab))
    fp = defaultdict(Counter)
    fn = defaultdict(Counter)
    ctx = {}
    for gold, pred in zip(golds, nlp.pipe(g.text for g in golds)):
        g = {(s.start, s.end, s.label_) for s in gold.spans["sc"]}
        p = {(s.start, s.end, s.label_) for s in pred.spans["sc"]}
        for kind, items, table in (("FP", p - g, fp), ("FN", g - p, fn)):
            # sorted: set order follows string hashing (PYTHONHASHSEED), and the first
            # occurrence is the example shown and the tie order of equal counts
            for start, end, label in sorted(items):
                text = pred[start:end].text
                key = text.lower()
                table[label][key] += 1
                if (kind, label, key) not in ctx:
                    left = pred[max(0, start - 6):start].text
                    right = pred[end:end + 6].text
                    ctx[(kind, label, key)] = f"{left} **{text}** {right}".replace("\n", " ").replace("|", "/")
    lines = [f"# Error analysis on dev ({len(golds)} units)", "", f"Model: `{model}`. Exact-match errors, most frequent first.", ""]
    for label in LABELS:
        for kind, table in (("False positives", fp), ("False negatives", fn)):
            lines += [f"## {label}: {kind.lower()} ({sum(table[label].values())})", "", "| span | n | example |", "|---|---|---|"]
            for key, n in sorted(table[label].items(), key=lambda kv: (-kv[1], kv[0]))[:top]:
                lines.append(f"| {key.replace('|', '/')} | {n} | {ctx[('FP' if kind.startswith('False p') else 'FN', label, key)]} |")
            lines.append("")
    return lines
