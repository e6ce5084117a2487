"""Error analysis on the DEV split (:mod:`hedgewatch.project.errors`): writes Markdown."""
from pathlib import Path

import typer

from hedgewatch.files import atomic_write
from hedgewatch.project.errors import error_report


def main(model: Path, dev: Path, output: Path, top: int = typer.Option(12, help="Rows per table")) -> None:
    lines = error_report(model, dev, top)
    with atomic_write(output, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    typer.echo(f"wrote {output}")


if __name__ == "__main__":
    typer.run(main)
