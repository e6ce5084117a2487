"""Rules-only ablation of the cue lexicons against a base git revision, on a dev DocBin
(:mod:`hedgewatch.project.ablation`); prints a Markdown table."""
from pathlib import Path

import typer

from hedgewatch.project.ablation import ablation_table, lexicons_at, lexicons_now, rules_ablation


def main(
    data: Path = typer.Argument(..., help="Dev DocBin, e.g. corpus/split/dev/real.spacy (never a test split)"),
    base: str = typer.Option(..., help="Git revision whose lexicons are the baseline"),
) -> None:
    results = rules_ablation(data, lexicons_at(base), lexicons_now())
    typer.echo("\n".join(ablation_table(results)))


if __name__ == "__main__":
    typer.run(main)
