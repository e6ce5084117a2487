"""Split the converted corpus into train/dev/test without near-duplicate leakage.
(:mod:`hedgewatch.project.split` documents how it decides)."""
from pathlib import Path

import typer

from hedgewatch.project.corpus import write_json
from hedgewatch.project.split import split_corpus


def main(
    corpus: Path = typer.Argument(..., help="DocBin from convert"),
    output_dir: Path = typer.Argument(..., help="Directory for train/dev/test.spacy"),
    report: Path = typer.Option(..., help="JSON report of the split"),
    seed: int = typer.Option(0, help="Random seed"),
    dev: float = typer.Option(0.15, help="Target fraction of spans in dev"),
    test: float = typer.Option(0.15, help="Target fraction of spans in test"),
    spans_key: str = typer.Option("sc", help="Span key"),
    threshold: float = typer.Option(0.55, help="Near-duplicate containment threshold"),
    part: str = typer.Option("", help="Write <split>/<part>.spacy instead of <split>.spacy"),
) -> None:
    data = split_corpus(corpus, output_dir, seed, dev, test, spans_key, threshold, part=part)
    for name, s in data["splits"].items():
        typer.echo(f"{name}: {s['units']} units, spans {s['spans']}")
    write_json(report, data)


if __name__ == "__main__":
    typer.run(main)
