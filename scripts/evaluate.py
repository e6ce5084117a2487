"""Evaluate a trained pipeline on a held-out DocBin: per label exact (spaCy's span
scorer), overlap and sentence-level P/R/F, for the pipeline's output ("sc") and, as an
ablation, for the span categorizer alone at threshold 0.5 ("hw_model"), the cue rules
alone ("hw_rules") and their plain union.
Writes a metrics JSON and prints a table."""
import time
from pathlib import Path

import spacy
import typer
from spacy.tokens import DocBin
from wasabi import msg

from hedgewatch import LABELS, RULES_SPANS_KEY
from hedgewatch.project.corpus import write_json
from hedgewatch.project.scoring import score


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
    nlp = spacy.load(model)
    golds = list(DocBin().from_disk(data).get_docs(nlp.vocab))
    start = time.perf_counter()
    preds = list(nlp.pipe((g.text for g in golds), batch_size=64))
    seconds = time.perf_counter() - start
    for p in preds:
        rules = list(p.spans.get(RULES_SPANS_KEY, []))
        model_spans = list(p.spans.get("hw_model", p.spans.get("sc", [])))
        seen = {(s.start, s.end, s.label_) for s in model_spans}
        p.spans["union"] = model_spans + [s for s in rules if (s.start, s.end, s.label_) not in seen]
    pairs = list(zip(preds, golds))
    systems = {"pipeline": "sc"}
    if RULES_SPANS_KEY in nlp.pipe_names or any(RULES_SPANS_KEY in p.spans for p in preds):
        systems.update({"rules_only": RULES_SPANS_KEY, "union_rules_model": "union"})
    if any("hw_model" in p.spans for p in preds):
        systems["model_only"] = "hw_model"
    result = {
        "name": name or model.parent.name,
        "model": str(model),
        "split": split,
        "documents": len(golds),
        "words": sum(len(g) for g in golds),
        "seconds": round(seconds, 2),
        "merger_thresholds": (nlp.get_pipe("hedgewatch_merger").thresholds if "hedgewatch_merger" in nlp.pipe_names else None),
        "systems": {sys: score(pairs, pred_key=key) for sys, key in systems.items()},
    }
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
        msg.divider(f"{result['name']} / {sys_name} on {split} ({len(golds)} docs)")
        msg.table(rows, header=header, divider=True)


if __name__ == "__main__":
    typer.run(main)
