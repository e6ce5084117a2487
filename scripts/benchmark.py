"""Speed, memory and scale benchmark of the trained pipelines, written to docs/performance.md
(thin CLI over :mod:`hedgewatch.project.benchmark`, which describes the measurements).

Each pipeline configuration runs in a fresh ``python -m hedgewatch.project.benchmark.worker``
process, so its peak RSS is its own. The targets are checked here and only here, never in
the tests.
"""
import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from hedgewatch.project.benchmark import (
    DEFAULT_CORPUS, DEFAULT_CPU, QUICK, REFERENCE, ROOT, WorkflowTimesError, discover_models, print_table,
    resolve_model, run_benchmark, write_report,
)


def _ints(value: str) -> List[int]:
    try:
        out = [int(x) for x in value.split(",") if x.strip()]
    except ValueError:
        raise typer.BadParameter(f"expected comma-separated integers, got {value!r}") from None
    if not out or any(x < 1 for x in out):
        raise typer.BadParameter(f"expected positive integers, got {value!r}")
    return out


def main(
    output: Path = typer.Argument(ROOT / "docs" / "performance.md", help="Markdown report to write"),
    model: List[str] = typer.Option([], "--model", "-m", help="NAME=PATH of a pipeline (repeatable); default: every training/*/model-tuned"),
    reference: str = typer.Option(REFERENCE, help="Reference pipeline (package name or path)"),
    corpus: List[Path] = typer.Option(DEFAULT_CORPUS, help="Corpus JSONL (field 'text'; repeatable)"),
    words: int = typer.Option(200_000, help="Size of the text set in words (the corpus repeated)"),
    batch1_words: int = typer.Option(20_000, help="Words measured at batch size 1 (a prefix of the text set)"),
    batch_sizes: str = typer.Option("1,64,256", help="Comma-separated batch sizes (the text set grows to at least the largest, so that it fills one batch)"),
    pipeline_batch_sizes: List[str] = typer.Option([], "--pipeline-batch-sizes", help="NAME=B1,B2: run pipeline NAME only at these of the batch sizes (repeatable; e.g. trf=1,16 for a slow pipeline's configured batch); the reference runs at all"),
    n_process: str = typer.Option("1,2", help="Comma-separated n_process values"),
    annotate_docs: str = typer.Option("100,1000", help="Document counts for `hedgewatch annotate`"),
    annotate_model: str = typer.Option(f"training/{DEFAULT_CPU}/model-tuned", help="Pipeline for `hedgewatch annotate`"),
    annotate: bool = typer.Option(True, "--annotate/--no-annotate", help="Measure `hedgewatch annotate`"),
    annotate_timeout: float = typer.Option(3600.0, help="Seconds before an annotate run is stopped"),
    timeout: float = typer.Option(1800.0, help="Seconds before a pipeline configuration is stopped (recorded as timed out)"),
    workflow_times: Optional[Path] = typer.Option(None, help="JSON {step: seconds} of `spacy project run all` (scripts/time_workflow.py)"),
    repeats: int = typer.Option(1, help="Runs per configuration; the best counts"),
    quick: bool = typer.Option(False, "--quick", help=f"Small run: {QUICK['words']:,} words, {QUICK['batch1_words']:,} at batch size 1, annotate {QUICK['annotate_docs'][0]} and {QUICK['annotate_docs'][1]} documents"),
    json_out: Optional[Path] = typer.Option(None, help="Also write the raw results as JSON"),
    before: Optional[Path] = typer.Option(None, help="Results of an earlier run (JSON with 'label' and 'rows') to compare ratios with"),
    render_only: Optional[Path] = typer.Option(None, help="Measure nothing: re-render OUTPUT from the results JSON of an earlier run (--json-out), e.g. after editing --before's label"),
) -> None:
    """Benchmark the pipelines against en_core_web_sm and write docs/performance.md."""
    if render_only is not None:
        results = json.loads(render_only.read_text(encoding="utf8"))
        if before is not None:
            results["before"] = json.loads(before.read_text(encoding="utf8"))
        write_report(output, results)
        print_table(results)
        typer.echo(f"wrote {output} (re-rendered from {render_only}; measured {results['date']})")
        return
    if model:
        models = {}
        for item in model:
            if "=" not in item:
                raise typer.BadParameter(f"--model expects NAME=PATH, got {item!r}")
            name, path = item.split("=", 1)
            models[name] = resolve_model(path)
    else:
        models = discover_models()
    if not models:
        raise typer.BadParameter("no pipelines: train one (training/*/model-tuned) or pass --model NAME=PATH")
    for name, path in models.items():
        if not Path(path).exists():
            raise typer.BadParameter(f"--model {name}: {path} does not exist")
    docs = _ints(annotate_docs)
    sizes = _ints(batch_sizes)
    limits = {}
    for item in pipeline_batch_sizes:
        name, sep, value = item.partition("=")
        if not sep or name not in models:
            raise typer.BadParameter(f"--pipeline-batch-sizes expects NAME=B1,B2 with NAME one of {', '.join(models)}; got {item!r}")
        limits[name] = _ints(value)
        if not set(limits[name]) <= set(sizes):
            raise typer.BadParameter(f"--pipeline-batch-sizes {item}: not among --batch-sizes {batch_sizes}")
    if quick:
        words, batch1_words, docs = QUICK["words"], QUICK["batch1_words"], list(QUICK["annotate_docs"])
    try:
        results = run_benchmark(
            output, models, reference, corpus, words, batch1_words, sizes, _ints(n_process),
            docs if annotate else [], resolve_model(annotate_model), workflow_times, repeats, quick, json_out,
            annotate_timeout, timeout, log=lambda s: typer.echo(s, err=True), before=before,
            pipeline_batch_sizes=limits,
        )
    except WorkflowTimesError as err:
        raise typer.BadParameter(str(err)) from None
    print_table(results)
    typer.echo(f"wrote {output}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--_worker":
        # the worker protocol of earlier versions (now python -m hedgewatch.project.benchmark.worker)
        from hedgewatch.project.benchmark.worker import worker

        worker(sys.argv[2])
    else:
        typer.run(main)
