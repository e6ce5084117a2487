"""The pipelines against the reference: one fresh worker process per configuration
(batch size, n_process), best of the repeats, words/s as a ratio to the reference's in
the same setting."""
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence

from .processes import child_env, run_child
from .settings import REFERENCE, REFERENCE_LABEL, ROOT
from .texts import prefix_for

WORKER_MODULE = "hedgewatch.project.benchmark.worker"


def measure_pipeline(name: str, model: str, texts_path: Path, n_texts: int, words: int,
                     batch_size: int, n_process: int, workdir: Path, timeout: Optional[float] = None) -> dict:
    spec = {"model": model, "texts": str(texts_path), "n_texts": n_texts,
            "batch_size": batch_size, "n_process": n_process}
    fd, spec_name = tempfile.mkstemp(prefix="spec-", suffix=".json", dir=str(workdir))
    os.close(fd)
    spec_path = Path(spec_name)
    spec_path.write_text(json.dumps(spec), encoding="utf8")
    res = run_child([sys.executable, "-m", WORKER_MODULE, str(spec_path)],
                    cwd=ROOT, env=child_env(), timeout=timeout)
    row = {"name": name, "model": model, "batch_size": batch_size, "n_process": n_process,
           "texts": n_texts, "words": words}
    if res["timed_out"]:
        row["error"] = f"timed out after {timeout:.0f} s"
        return row
    if res["returncode"] != 0:
        row["error"] = (res["stderr"].strip().splitlines() or ["failed"])[-1][:300]
        return row
    data = json.loads(res["stdout"].strip().splitlines()[-1])
    row.update(
        seconds=data["seconds"],
        words_per_second=words / data["seconds"] if data["seconds"] > 0 else 0.0,
        words_per_cpu_second=words / data["cpu_seconds"] if data["cpu_seconds"] > 0 else 0.0,
        load_seconds=data["load_seconds"],
        peak_rss_mib=res["peak_rss_mib"],
        peak_tree_rss_mib=max(res["peak_tree_rss_mib"], res["peak_rss_mib"]),
        pipe_names=data["pipe_names"],
        disabled=data["disabled"],
        batch_words_per_second_mean_ci95=data.get("batch_words_per_second_mean_ci95"),
    )
    return row


def resolve_model(path: str) -> str:
    """A pipeline path as given (relative to the current directory) or, failing that,
    relative to the project root; a package name is returned unchanged."""
    if Path(path).exists():
        return str(Path(path).resolve())
    if (ROOT / path).exists():
        return str((ROOT / path).resolve())
    return path


def discover_models(training: Path = ROOT / "training") -> Dict[str, str]:
    return {p.parent.name: str(p) for p in sorted(training.glob("*/model-tuned")) if (p / "config.cfg").exists()}


def run_pipelines(models: Dict[str, str], reference: str, texts: List[str], counts: List[int],
                  batch_sizes: Sequence[int], n_processes: Sequence[int], batch1_words: int,
                  repeats: int = 1, timeout: Optional[float] = None, log=print,
                  pipeline_batch_sizes: Optional[Dict[str, Sequence[int]]] = None) -> List[dict]:
    """Measure the reference and every model for each (batch size, n_process); returns
    one row per configuration (the best of ``repeats`` runs), with ``ratio`` = words/s
    over the reference's words/s in the same setting. ``pipeline_batch_sizes`` limits a
    model (by name) to some of the batch sizes (e.g. a slow pipeline to its configured
    one); the reference runs at every batch size."""
    limits = dict(pipeline_batch_sizes or {})
    unknown = sorted(set(limits) - set(models))
    if unknown:
        raise ValueError(f"batch sizes given for unknown pipeline(s) {', '.join(unknown)}; pipelines: {', '.join(models)}")
    rows: List[dict] = []
    with tempfile.TemporaryDirectory(prefix="hw-bench-") as tmp:
        workdir = Path(tmp)
        texts_path = workdir / "texts.jsonl"
        with texts_path.open("w", encoding="utf8") as fh:
            for t in texts:
                fh.write(json.dumps({"text": t}) + "\n")
        pipelines = [(REFERENCE_LABEL if reference == REFERENCE else reference, reference)] + list(models.items())
        for n_process in n_processes:
            for batch_size in batch_sizes:
                todo = [(name, model) for i, (name, model) in enumerate(pipelines)
                        if i == 0 or name not in limits or batch_size in limits[name]]
                n_texts = prefix_for(counts, batch1_words) if batch_size == 1 else len(texts)
                words = sum(counts[:n_texts])
                setting = []
                for rep in range(max(1, repeats)):
                    for name, model in todo:
                        log(f"  {name}: batch {batch_size}, n_process {n_process}, {words:,} words (run {rep + 1}/{repeats})")
                        row = measure_pipeline(name, model, texts_path, n_texts, words, batch_size, n_process, workdir, timeout)
                        if "error" in row:
                            log(f"    failed: {row['error']}")
                        else:
                            log(f"    {row['words_per_second']:,.0f} words/s, peak RSS {row['peak_rss_mib']:,.0f} MiB")
                        setting.append(row)
                best: Dict[str, dict] = {}
                for row in setting:
                    prev = best.get(row["name"])
                    if prev is None or "error" in prev or ("error" not in row and row["words_per_second"] > prev["words_per_second"]):
                        best[row["name"]] = row
                ref = best[pipelines[0][0]]
                for name, _ in todo:
                    row = dict(best[name], reference=(name == pipelines[0][0]))
                    if "error" not in row and "error" not in ref:
                        row["ratio"] = row["words_per_second"] / ref["words_per_second"]
                    rows.append(row)
    return rows
