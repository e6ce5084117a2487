"""Evaluate a trained pipeline on a held-out DocBin (:mod:`hedgewatch.project.evaluate`):
writes a metrics JSON and prints a table."""
from pathlib import Path

import spacy
import typer
from wasabi import msg

from hedgewatch import LABELS
from hedgewatch.project.corpus import write_json
from hedgewatch.project.evaluate import evaluate


def main(
    model: Path = typer.Argument(..., help="Trained pipeline directory"),
    data: Path = typer.Argument(..., help="Held-out DocBin (gold spans in 'sc')"),
    output: Path = typer.Argument(..., help="Metrics JSON to write"),
    name: str = typer.Option("", help="Name of the config (for the report)"),
    split: str = typer.Option("test", help="Name of the split (for the report)"),
    gpu_id: int = typer.Option(-1, help="GPU id, -1 for CPU"),
) -> None:
    if gpu_id >= 0:
        spacy.require_gpu(gpu_id)
    result = evaluate(model, data, name, split)
    write_json(output, result)
    for sys_name, scores in result["systems"].items():
        rows = []
        for lb in list(LABELS) + ["micro"]:
            row = [lb]
            for kind in ("exact", "overlap", "sentence"):
                s = scores[kind][lb]
                row += [f"{100*s['p']:.1f}", f"{100*s['r']:.1f}", f"{100*s['f']:.1f}"]
            row.append(scores["exact"][lb]["n_gold"])
            rows.append(row)
        header = ["label", "ex P", "ex R", "ex F", "ov P", "ov R", "ov F", "sent P", "sent R", "sent F", "gold"]
        msg.divider(f"{result['name']} / {sys_name} on {split} ({result['documents']} docs)")
        msg.table(rows, header=header, divider=True)


if __name__ == "__main__":
    typer.run(main)
