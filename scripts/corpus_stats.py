"""Write corpus/README.md (:mod:`hedgewatch.project.corpus_stats`)."""
from pathlib import Path
from typing import List

import typer

from hedgewatch.files import atomic_write
from hedgewatch.project.corpus_stats import corpus_stats


def main(output: Path, inputs: List[Path]) -> None:
    lines = corpus_stats(inputs)
    with atomic_write(output, "w") as fh:
        fh.write("\n".join(lines) + "\n")
    typer.echo(f"wrote {output}")


if __name__ == "__main__":
    typer.run(main)
