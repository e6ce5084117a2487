"""Write docs/compare-eval.md: alignment P/R/F of the lexical and the semantic aligner on
the hand-aligned gold (corpus/alignment/seeds.jsonl and basil.jsonl), thresholds tuned
on the tuning subset only, a hand-checked sample of flags, and the time to compare 20
versions (thin CLI over :func:`hedgewatch.project.compare_eval.compare_eval`).

    python scripts/compare_eval.py --basil-dir ../shared/external/basil --out docs/compare-eval.md
        [--model training/cpu/model-tuned] [--judgements corpus/alignment/flag_judgements.jsonl]

Without --model (or when it does not exist) the flags come from the rules pipeline
(en_core_web_sm 3.8.0 + the hedgewatch cue rules + resolver), which needs no training.
The BASIL texts are never written out: the report quotes at most the flagged units of
the sample, and gold files hold offsets and hashes only.
"""
import sys
from pathlib import Path
from typing import Optional

import typer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hedgewatch.app.alignment import semantic_available  # noqa: E402
from hedgewatch.project.compare_eval import compare_eval  # noqa: E402


def main(
    basil_dir: Path = typer.Option(ROOT.parent / "shared" / "external" / "basil", "--basil-dir", help="Local copy of the BASIL repository"),
    out: Path = typer.Option(ROOT / "docs" / "compare-eval.md", "--out"),
    model: Optional[str] = typer.Option(None, "--model", help="Pipeline for the flags (default: the rules pipeline)"),
    judgements: Path = typer.Option(ROOT / "corpus" / "alignment" / "flag_judgements.jsonl", "--judgements"),
    sample_out: Optional[Path] = typer.Option(None, "--sample-out", help="Write the flag sample (for judging) as JSONL"),
) -> None:
    if not semantic_available():
        typer.echo("the semantic aligner needs the trf or semantic extra", err=True)
        raise typer.Exit(1)
    doc = compare_eval(ROOT, basil_dir, model, judgements, sample_out)
    out.write_text(doc, encoding="utf8")
    typer.echo(f"wrote {out}")


if __name__ == "__main__":
    typer.run(main)
