"""Benchmark of archive-scale annotation (issue 12), for docs/scale.md.

In one run, on the same articles and the same pipeline:

1. the single-process path: the pipeline loaded once, then ``annotate()`` +
   ``doc_to_record()`` + a JSONL write, as ``hedgewatch annotate in.jsonl -o out.jsonl``
   does (in a child process, so its peak RSS is its own);
2. ``annotate --format parquet`` on an embedded LocalCluster of 1 worker, then of 2
   workers (one thread each), the pipeline warmed on the workers first, so the figure is
   steady-state throughput; start-up (cluster + pipeline load) is reported apart;
3. the scheduler's own cost: no-op tasks round-tripped through the 2-worker cluster, and
   per partition, the job's wall time x workers minus the time tasks spent computing.

Words are the profile's ``words`` (tokens that are not punctuation or space), summed over
the articles, the same count for every path. Results go to a JSON file; docs/scale.md
turns them into the cost of 10 million articles.

    python scripts/bench_cluster.py --input /tmp/basil.jsonl --docs 240 --out /tmp/bench.json
    python scripts/bench_cluster.py --save-rules-pipeline /tmp/rules   # the pipeline the tests use
"""
import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def save_rules_pipeline(path: Path) -> str:
    """en_core_web_sm 3.8.0 + cue rules + merger (rule spans kept) + resolver + profile:
    a hedgewatch pipeline that needs no training."""
    from hedgewatch.project.rules_pipeline import rules_pipeline

    nlp = rules_pipeline()
    nlp.to_disk(path)
    return str(path)


def make_input(src: Path, docs: int, dest: Path) -> int:
    lines = [line for line in src.read_text(encoding="utf8").splitlines() if line.strip()]
    with open(dest, "w", encoding="utf8") as fh:
        for i in range(docs):
            rec = json.loads(lines[i % len(lines)])
            rec["id"] = f"{rec.get('id', 'doc')}-{i}"
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return docs


def single_process_child(model: str, input_path: str, out_path: str) -> None:
    """Runs in the child: print one JSON line of figures."""
    from hedgewatch.app.annotate import annotate
    from hedgewatch.app.cluster import worker_pipeline
    from hedgewatch.app.readers import iter_inputs
    from hedgewatch.app.records import doc_to_record

    t0 = time.perf_counter()
    nlp = worker_pipeline(model)
    load = time.perf_counter() - t0
    t1 = time.perf_counter()
    words = docs = 0
    with open(out_path, "w", encoding="utf8") as fh:
        for doc in annotate(nlp, iter_inputs([input_path])):
            rec = doc_to_record(doc)
            words += rec["profile"]["words"]
            docs += 1
            fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    seconds = time.perf_counter() - t1
    print(json.dumps({"docs": docs, "words": words, "seconds": seconds, "load_seconds": load,
                      "words_per_second": words / seconds,
                      "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))


def run_single(model: str, input_path: Path, tmp: Path) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", model, str(input_path), str(tmp / "single.jsonl")],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_cluster(model: str, input_path: Path, tmp: Path, workers: int, partition_size: int) -> dict:
    from distributed import Client, LocalCluster

    from hedgewatch.app import cluster as hw

    t0 = time.perf_counter()
    lc = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address="127.0.0.1:0", silence_logs=40)
    client = Client(lc)
    client.run(hw.worker_pipeline, model)  # warm: what a long job pays once per worker
    startup = time.perf_counter() - t0
    noop = None
    try:
        if workers >= 2:
            t = time.perf_counter()
            futures = client.map(lambda x: x, range(200), pure=False)
            client.gather(futures)
            noop = (time.perf_counter() - t) / 200
        out = tmp / f"parquet-{workers}"
        result = hw.run_job([str(input_path)], out, model=model, partition_size=partition_size,
                            scheduler=lc.scheduler_address, progress=False, echo=lambda m: None)
        rss = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    finally:
        client.close()
        lc.close()
    compute = sum(s["seconds"] for s in result.stats)
    parts = len(result.stats)
    return {
        "workers": workers, "docs": result.rows, "words": result.words, "seconds": result.seconds,
        "words_per_second": result.words / result.seconds, "startup_seconds": startup,
        "partitions": parts, "partition_size": partition_size,
        "task_compute_seconds": compute,
        "overhead_per_partition_seconds": max(0.0, (result.seconds * workers - compute) / parts) if parts else None,
        "noop_task_roundtrip_seconds": noop,
        "peak_rss_mb_per_worker": sorted(round(v, 1) for v in rss.values()),
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        single_process_child(*sys.argv[2:5])
        return
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--input", type=Path, help="JSONL of articles (id, text, ...); repeated to --docs")
    ap.add_argument("--docs", type=int, default=240)
    ap.add_argument("--partition-size", type=int, default=20)
    ap.add_argument("--model", help="pipeline path or name; default: the rules pipeline, saved to a temp dir")
    ap.add_argument("--out", type=Path, help="write the figures here as JSON")
    ap.add_argument("--save-rules-pipeline", type=Path, help="only save the rules pipeline to this path")
    args = ap.parse_args()
    if args.save_rules_pipeline:
        print(save_rules_pipeline(args.save_rules_pipeline))
        return
    if not args.input:
        ap.error("--input is required")
    with tempfile.TemporaryDirectory(prefix="hw-bench-") as tmpdir:
        tmp = Path(tmpdir)
        model = args.model or save_rules_pipeline(tmp / "rules")
        input_path = tmp / "input.jsonl"
        make_input(args.input, args.docs, input_path)
        load = os.getloadavg()
        single = run_single(model, input_path, tmp)
        one = run_cluster(model, input_path, tmp, 1, args.partition_size)
        two = run_cluster(model, input_path, tmp, 2, args.partition_size)
        figures = {
            "docs": args.docs, "cpus": os.cpu_count(), "loadavg_at_start": [round(x, 2) for x in load],
            "loadavg_at_end": [round(x, 2) for x in os.getloadavg()],
            "single_process": single, "workers_1": one, "workers_2": two,
            "speedup_2_vs_1": two["words_per_second"] / one["words_per_second"],
            "workers_1_vs_single": one["words_per_second"] / single["words_per_second"],
            "workers_2_vs_single": two["words_per_second"] / single["words_per_second"],
        }
    text = json.dumps(figures, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf8")
    print(text)


if __name__ == "__main__":
    main()
