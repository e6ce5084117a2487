"""Convert the annotated JSONL corpus files to one DocBin of whole documents.

Stops with FILE:LINE and the offending span on a malformed line or a span that does
not align to token boundaries.
"""
from pathlib import Path
from typing import List

import spacy
import typer

from hedgewatch.project.corpus import CorpusError, read_corpus_docs, span_counts, write_docbin


def main(
    output: Path = typer.Argument(..., help="Output .spacy file"),
    inputs: List[Path] = typer.Argument(..., help="Corpus JSONL files"),
    spans_key: str = typer.Option("sc", help="Span key for the gold spans"),
) -> None:
    nlp = spacy.blank("en")
    try:
        docs = read_corpus_docs(nlp, inputs, spans_key)
    except CorpusError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)
    write_docbin(docs, output)
    typer.echo(f"{output}: {len(docs)} documents, spans {span_counts(docs, spans_key)}")


if __name__ == "__main__":
    typer.run(main)
