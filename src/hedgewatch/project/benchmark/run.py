"""One benchmark run: the text set, the pipelines, ``hedgewatch annotate``, the workflow
times and the targets, written as the report (and optionally as JSON)."""
import datetime
import json
import os
import time
from pathlib import Path
from typing import Dict, Optional, Sequence

from .annotate import run_annotate
from .machine import baseline_rss_mib, machine_description
from .pipelines import run_pipelines
from .report import write_report
from .targets import check_targets
from .texts import build_text_set, count_words, prefix_for, read_corpus
from .workflow import read_workflow_times


def run_benchmark(output: Path, models: Dict[str, str], reference: str, corpus: Sequence[Path], words: int,
                  batch1_words: int, batch_sizes: Sequence[int], n_processes: Sequence[int],
                  annotate_docs: Sequence[int], annotate_model: Optional[str], workflow_times: Optional[Path],
                  repeats: int = 1, quick: bool = False, json_out: Optional[Path] = None,
                  annotate_timeout: Optional[float] = None, timeout: Optional[float] = None, log=print,
                  before: Optional[Path] = None, pipeline_batch_sizes: Optional[Dict[str, Sequence[int]]] = None) -> dict:
    from ..corpus import write_json

    start = time.perf_counter()
    load_start = os.getloadavg()
    corpus_texts = read_corpus(corpus)
    # at least one full batch of the largest batch size: a set of 62 texts times batch 64
    # and batch 256 on the same single batch of 62
    texts, counts = build_text_set(corpus_texts, words, min_texts=max(batch_sizes))
    b1 = prefix_for(counts, batch1_words)
    log(f"text set: {len(texts)} texts, {sum(counts):,} words; batch size 1 on {b1} texts, {sum(counts[:b1]):,} words")
    rows = run_pipelines(models, reference, texts, counts, batch_sizes, n_processes, batch1_words, repeats,
                         timeout, log, pipeline_batch_sizes=pipeline_batch_sizes)
    annotate = None
    if annotate_docs and annotate_model:
        annotate = run_annotate(annotate_model, corpus_texts, count_words(corpus_texts), annotate_docs,
                                timeout=annotate_timeout, log=log)
    results = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": dict(machine_description(), baseline_rss_mib=baseline_rss_mib()),
        "params": {
            "words": sum(counts), "texts": len(texts), "min_words": words, "corpus_texts": len(corpus_texts),
            "corpus_words": sum(count_words(corpus_texts)), "batch1_texts": b1,
            "batch1_words_measured": sum(counts[:b1]), "batch_sizes": list(batch_sizes),
            "n_process": list(n_processes), "repeats": repeats, "quick": quick,
            "pipeline_batch_sizes": {k: list(v) for k, v in (pipeline_batch_sizes or {}).items()},
        },
        "pipelines": rows,
        "annotate": annotate,
        "workflow": read_workflow_times(workflow_times),
        "targets": check_targets(rows, n_texts=len(texts)),
        "load_start": load_start,
        "load_end": os.getloadavg(),
        "before": json.loads(Path(before).read_text(encoding="utf8")) if before else None,
    }
    results["total_seconds"] = time.perf_counter() - start
    write_report(output, results)
    if json_out is not None:
        write_json(json_out, results)
    return results
