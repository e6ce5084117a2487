"""Speed, memory and scale benchmark of the trained pipelines, written to docs/performance.md
(command line: ``scripts/benchmark.py``).

Measured the way spaCy reports speed: words per second, with a reference pipeline
(en_core_web_sm) measured in the same run, on the same machine and the same texts, so
that the ratio stays meaningful on a shared machine where absolute times drift.

1. Pipelines (:mod:`.pipelines`): every ``training/*/model-tuned`` (or ``--model NAME=PATH``)
   and the reference, over a fixed text set (:mod:`.texts`: the corpus texts, repeated to
   ``--words`` words), for each batch size and ``n_process``. Each configuration runs in a
   fresh subprocess (:mod:`.worker`, started and measured by :mod:`.processes`), so its
   peak RSS is its own. Batch size 1 runs on a prefix of the text set (``--batch1-words``).
   Within one setting the reference and the pipelines run back to back, so a ratio
   compares measurements taken under the same load.
2. ``hedgewatch annotate`` over 100 and 1,000 documents (:mod:`.annotate`: ``.txt`` files in
   a temp dir): wall time and peak RSS of the child; memory counts as flat if the larger
   run's peak stays within 1.2x of the smaller one's.
3. ``spacy project run all`` (:mod:`.workflow`): wall time per step, read from
   ``--workflow-times`` (a JSON ``{"step": seconds}``, as written by ``scripts/time_workflow.py``).

"Words" are the tokens of spaCy's English tokenizer (what ``spacy benchmark speed``
counts), counted once for the text set, so every pipeline is divided by the same number.
The targets (:mod:`.targets`) are checked here and only here, never in the tests;
:mod:`.report` renders docs/performance.md and the console tables, :mod:`.run` ties it together.
"""
from .annotate import annotate_available, run_annotate
from .machine import baseline_rss_mib, machine_description
from .pipelines import discover_models, measure_pipeline, resolve_model, run_pipelines
from .processes import child_env, run_child, tree_rss_kb
from .report import PIPELINE_HEADER, before_after, md_table, pipeline_table, print_table, render_markdown, write_report
from .run import run_benchmark
from .settings import (
    CHILD_ENV, DEFAULT_CORPUS, DEFAULT_CPU, DEFAULT_TRF, FLAT_MEMORY_RATIO, QUICK, REFERENCE, REFERENCE_LABEL, ROOT,
    TARGET_CPU_BATCHES, TARGET_CPU_RATIO, TARGET_TRF_RSS_MIB, TARGET_TRF_WPS,
)
from .targets import check_targets, configured_batch_size
from .texts import build_text_set, count_words, prefix_for, read_corpus
from .workflow import WorkflowTimesError, read_workflow_times

__all__ = [
    "annotate_available", "run_annotate", "baseline_rss_mib", "machine_description", "discover_models",
    "measure_pipeline", "resolve_model", "run_pipelines", "child_env", "run_child", "tree_rss_kb",
    "PIPELINE_HEADER", "before_after", "md_table", "pipeline_table", "print_table", "render_markdown",
    "write_report", "run_benchmark", "CHILD_ENV", "DEFAULT_CORPUS", "DEFAULT_CPU", "DEFAULT_TRF",
    "FLAT_MEMORY_RATIO", "QUICK", "REFERENCE", "REFERENCE_LABEL", "ROOT", "TARGET_CPU_BATCHES",
    "TARGET_CPU_RATIO", "TARGET_TRF_RSS_MIB", "TARGET_TRF_WPS", "check_targets", "configured_batch_size",
    "build_text_set", "count_words", "prefix_for", "read_corpus", "WorkflowTimesError", "read_workflow_times",
]
