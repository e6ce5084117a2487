"""The measuring process of one pipeline configuration, run fresh for each so that its
peak RSS is its own::

    python -m hedgewatch.project.benchmark.worker SPEC.json

(:func:`hedgewatch.project.benchmark.pipelines.measure_pipeline` writes the spec and
reads the one JSON line this prints.)"""
import importlib.util
import json
import resource
import sys
import time
from pathlib import Path


def worker(spec_path: str) -> None:
    """Run in a fresh process: load one pipeline, time it over the texts (with one
    process through spaCy's `spacy benchmark speed` functions), print one JSON line."""
    spec = json.loads(Path(spec_path).read_text(encoding="utf8"))
    if spec["n_process"] > 1 and importlib.util.find_spec("torch") is not None:
        # spaCy forks its workers; with torch's default thread pool (already started
        # while the transformer loads) the forked workers of the trf pipeline deadlock.
        # One torch thread per process avoids that (and 2 x 1 threads fit 2 cores).
        import torch

        torch.set_num_threads(1)
    import spacy

    t0 = time.perf_counter()
    nlp = spacy.load(spec["model"])
    load_seconds = time.perf_counter() - t0
    with open(spec["texts"], encoding="utf8") as fh:
        texts = [json.loads(line)["text"] for line in fh][: spec["n_texts"]]

    def cpu() -> float:
        s = resource.getrusage(resource.RUSAGE_SELF)
        c = resource.getrusage(resource.RUSAGE_CHILDREN)
        return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime

    batch_ci = None
    if spec["n_process"] == 1:
        # one process: spaCy's own `spacy benchmark speed` loop (spacy.cli.benchmark_speed:
        # warm-up, then words/s per batch over nlp.pipe); the tokenizer is timed too, as
        # the texts go in as text (make_doc runs in the timed loop) and as users run it
        import numpy
        from spacy.cli.benchmark_speed import annotate, bootstrap, warmup

        warmup(nlp, [nlp.make_doc(t) for t in texts[:2]], 1, spec["batch_size"])
        cpu0, t0 = cpu(), time.perf_counter()
        in_docs = [nlp.make_doc(t) for t in texts]
        wps = annotate(nlp, in_docs, spec["batch_size"])
        seconds = time.perf_counter() - t0
        tokens, docs = sum(len(d) for d in in_docs), len(in_docs)
        if len(wps) > 1:
            means = numpy.sort(bootstrap(wps, iterations=2000))
            batch_ci = [float(numpy.mean(wps)), float(means[int(len(means) * 0.025)]), float(means[int(len(means) * 0.975)])]
    else:
        # several processes (which `spacy benchmark speed` does not do): nlp.pipe with
        # n_process; the forked workers warm up inside the timing
        cpu0, t0 = cpu(), time.perf_counter()
        tokens = docs = 0
        for doc in nlp.pipe(texts, batch_size=spec["batch_size"], n_process=spec["n_process"]):
            tokens += len(doc)
            docs += 1
        seconds = time.perf_counter() - t0
    if spec["n_process"] > 1:
        # reap spaCy's (terminated) workers so that RUSAGE_CHILDREN counts their CPU time
        import multiprocessing

        for proc in multiprocessing.active_children():
            proc.join(timeout=10)
    cpu_seconds = cpu() - cpu0
    print(json.dumps({
        "seconds": seconds,
        "cpu_seconds": cpu_seconds,
        "batch_words_per_second_mean_ci95": batch_ci,
        "load_seconds": load_seconds,
        "docs": docs,
        "tokens": tokens,
        "pipe_names": nlp.pipe_names,
        "disabled": list(nlp.disabled),
        "maxrss_self_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0,
        "maxrss_children_mib": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024.0,
    }))


if __name__ == "__main__":
    worker(sys.argv[1])
