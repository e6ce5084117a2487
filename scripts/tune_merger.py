"""Tune the merger's per-label thresholds on the DEV split (never on test) and save a
copy of the pipeline with them (:mod:`hedgewatch.project.tuning`). The workflow
evaluates, packages and benchmarks that tuned copy."""
import json
from pathlib import Path
from typing import Optional

import spacy
import typer
from spacy.tokens import DocBin

from hedgewatch.project.corpus import write_json
from hedgewatch.project.tuning import save_tuned, tune


def main(
    model: Path,
    dev: Path,
    output: Path,
    output_model: Optional[Path] = typer.Option(None, help="Save a copy of the pipeline with the tuned thresholds here"),
) -> None:
    if output_model is not None and output_model.resolve() == model.resolve():
        raise typer.BadParameter("--output-model must differ from the input pipeline (inputs are never overwritten)")
    nlp = spacy.load(model)
    golds = list(DocBin().from_disk(dev).get_docs(nlp.vocab))
    best = tune(nlp, golds)
    for label, b in best.items():
        typer.echo(f"{label}: accept={b['accept']} rule_accept={b['rule_accept']} "
                   f"dev overlap F={b['dev_overlap_f']:.3f}, exact P/R/F={b['dev_p']:.3f}/{b['dev_r']:.3f}/{b['dev_f']:.3f}; "
                   f"best on dev accept={b['dev_best']['accept']} rule_accept={b['dev_best']['rule_accept']} "
                   f"overlap F={b['dev_best_overlap_f']:.3f}, standard error of the gap {b['dev_gap_se']:.3f}")
    write_json(output, best)
    tuned = {lb: {"accept": v["accept"], "rule_accept": v["rule_accept"]} for lb, v in best.items()}
    typer.echo("thresholds = " + json.dumps(tuned))
    if output_model is not None:
        save_tuned(model, tuned, output_model)
        typer.echo(f"saved {output_model} with the tuned thresholds")


if __name__ == "__main__":
    typer.run(main)
