"""Write docs/metrics.md from the evaluation JSONs and the split report
(:mod:`hedgewatch.project.report`)."""
from pathlib import Path
from typing import List, Optional

import typer

from hedgewatch.files import atomic_write
from hedgewatch.project.report import metrics_report


def main(
    output: Path = typer.Argument(..., help="Markdown file to write"),
    metrics: List[Path] = typer.Option(..., help="Metrics JSON (repeatable)"),
    split_report: Optional[Path] = typer.Option(None, help="corpus/split/report.json"),
    delta: List[str] = typer.Option([], help="BASE:VARIANT config names: add a table of F1 differences (repeatable)"),
    external_stats: Optional[Path] = typer.Option(None, help="Stats of scripts/prepare_external.py"),
    title: str = typer.Option("hedgewatch: held-out metrics"),
    command: str = typer.Option("report", help="Workflow command named in the header"),
    real_split_report: Optional[Path] = typer.Option(None, help="corpus/split/report-real.json"),
    agreement: Optional[Path] = typer.Option(None, help="corpus/real/agreement.json"),
) -> None:
    lines = metrics_report(metrics, split_report, delta, external_stats, title, command, real_split_report, agreement)
    with atomic_write(output, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    typer.echo(f"wrote {output}")


if __name__ == "__main__":
    typer.run(main)
