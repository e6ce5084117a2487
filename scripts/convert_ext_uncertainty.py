"""Convert the Szeged Uncertainty Corpus (Wikipedia part, BioScope-style XML) to HEDGE JSONL (a thin command over :mod:`hedgewatch.project.convert_szeged`, which documents the mapping)."""
import json
from pathlib import Path
from typing import Optional

import typer

from hedgewatch.project.convert_szeged import CorpusError, convert
from hedgewatch.project.corpus import write_json, write_jsonl


def main(
    xml_file: Path = typer.Argument(..., help="Szeged Uncertainty Corpus wiki.xml"),
    output: Path = typer.Argument(..., help="Output corpus JSONL"),
    limit: int = typer.Option(0, help="Convert only the first N Wikipedia documents (0: all)"),
    sentences: int = typer.Option(20, help="At most this many sentences per record"),
    stats_path: Optional[Path] = typer.Option(None, "--stats", help="Also write the counts as JSON here"),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file"),
) -> None:
    if output.exists() and not force:
        typer.echo(f"error: {output} exists (use --force to overwrite)", err=True)
        raise typer.Exit(1)
    try:
        records, stats = convert(xml_file, limit, sentences)
    except CorpusError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)
    write_jsonl(records, output)
    summary = stats.as_dict()
    if stats_path:
        write_json(stats_path, summary)
    typer.echo(f"{output}: {stats.records} records, {stats.sentences_out} sentences, {stats.spans} HEDGE spans")
    typer.echo(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    typer.run(main)
