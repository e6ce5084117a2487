"""Tune the merger's per-label thresholds on the DEV split (never on test).

Runs the pipeline once on dev with the merger disabled (the span categorizer keeps
every span above its low floor threshold, with scores), then grid-searches per label
the ``accept`` and ``rule_accept`` thresholds for exact-match F1. Writes the values to a
JSON file and, like ``spacy find-threshold``, saves a copy of the pipeline with them set
(``--output-model``, written to a temporary folder and renamed into place; the input
pipeline is never modified). The workflow evaluates, packages and benchmarks that
tuned copy, so the thresholds are always the ones the dev split of this run gives;
the test split is never read."""
import json
import shutil
import tempfile
from pathlib import Path
from typing import Optional

import spacy
import typer
from spacy.tokens import DocBin

from hedgewatch import LABELS, RULES_SPANS_KEY
from hedgewatch.project.corpus import write_json


def save_tuned(model: Path, thresholds: dict, output_model: Path) -> None:
    overrides = {"components": {"hedgewatch_merger": {"thresholds": thresholds}}}
    nlp = spacy.load(model, config=overrides)
    output_model.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{output_model.name}.", dir=output_model.parent))
    try:
        nlp.to_disk(tmp)
        if output_model.exists():
            shutil.rmtree(output_model)
        tmp.rename(output_model)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


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
    with nlp.select_pipes(disable=[n for n in ("hedgewatch_merger", "hedgewatch_resolver", "hedgewatch_profile") if n in nlp.pipe_names]):
        preds = list(nlp.pipe(g.text for g in golds))
    grid = [round(x * 0.05, 2) for x in range(1, 20)]
    best = {}
    for label in LABELS:
        rows = []
        for pred, gold in zip(preds, golds):
            group = pred.spans["sc"]
            scores = group.attrs.get("scores")
            rules = {(s.start, s.end) for s in pred.spans.get(RULES_SPANS_KEY, []) if s.label_ == label}
            gset = {(s.start, s.end) for s in gold.spans["sc"] if s.label_ == label}
            seen = set()
            for i, s in enumerate(group):
                if s.label_ == label:
                    seen.add((s.start, s.end))
                    rows.append((float(scores[i]), (s.start, s.end) in rules, (s.start, s.end) in gset))
            for r in rules - seen:  # rule spans the model scored below its floor
                rows.append((0.0, True, r in gset))
            rows.append((None, None, len(gset)))
        n_gold = sum(r[2] for r in rows if r[0] is None)
        cands = [r for r in rows if r[0] is not None]
        top = None
        for acc in grid:
            for racc in [g for g in grid if g <= acc] + [0.0]:
                kept = [r for r in cands if r[0] >= acc or (r[1] and r[0] >= racc)]
                tp = sum(1 for r in kept if r[2])
                p = tp / len(kept) if kept else 0.0
                rec = tp / n_gold if n_gold else 0.0
                f = 2 * p * rec / (p + rec) if p + rec else 0.0
                if top is None or f > top[0] + 1e-9:
                    top = (f, acc, racc, p, rec)
        best[label] = {"accept": top[1], "rule_accept": top[2], "dev_f": round(top[0], 4), "dev_p": round(top[3], 4), "dev_r": round(top[4], 4)}
        typer.echo(f"{label}: accept={top[1]} rule_accept={top[2]} dev P/R/F={top[3]:.3f}/{top[4]:.3f}/{top[0]:.3f}")
    write_json(output, best)
    tuned = {lb: {"accept": v["accept"], "rule_accept": v["rule_accept"]} for lb, v in best.items()}
    typer.echo("thresholds = " + json.dumps(tuned))
    if output_model is not None:
        save_tuned(model, tuned, output_model)
        typer.echo(f"saved {output_model} with the tuned thresholds")


if __name__ == "__main__":
    typer.run(main)
