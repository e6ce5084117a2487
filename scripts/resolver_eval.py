"""Resolver accuracy against the hand-checked gold file corpus/resolver_gold.jsonl
(a thin command over :mod:`hedgewatch.project.resolver_eval`, which describes the file).

`draft` writes the pipeline's current outputs in the gold format, for hand-checking."""
import json
from pathlib import Path

import spacy
import typer

from hedgewatch.files import atomic_write
from hedgewatch.project.resolver_eval import draft_rows, score_lines

app = typer.Typer(add_completion=False)


@app.command()
def draft(model: Path, corpus: Path, output: Path) -> None:
    """Write the resolvers' outputs on the gold spans in the gold-file format."""
    nlp = spacy.load(model)
    with atomic_write(output, "w") as fh:
        for row in draft_rows(nlp, corpus):
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


@app.command()
def score(model: Path, corpus: Path, gold: Path, output: Path) -> None:
    """Per-field exact/overlap accuracy of the resolvers against the gold file."""
    lines = score_lines(spacy.load(model), corpus, gold)
    with atomic_write(output, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    typer.echo("\n".join(lines))


if __name__ == "__main__":
    app()
