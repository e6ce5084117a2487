"""Bounded load test of `hedgewatch serve` on 127.0.0.1, written to docs/performance.md
(command line: ``scripts/serve_load.py``).

Starts `python -m hedgewatch serve` on a free loopback port, waits for /healthz, then
sends ``requests`` POST /annotate requests (default 500) from ``clients`` concurrent clients
(default 8) with a mix of article sizes cut from the seed articles in corpus/raw/
(a paragraph, about a third of an article, a whole article), and stops after ``requests``
or ``max_seconds``, whichever comes first. Reports requests/s, latency p50/p95/p99,
errors (any non-200 answer or transport error) and the peak resident memory of the
server and its pipeline workers, sampled every 0.1 s. The section "Web service load
test" of docs/performance.md is replaced (between its markers); the rest of the file is
left as it is.

Only loopback: the target is always 127.0.0.1.
"""
from __future__ import annotations

import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Dict, List, Optional

# the project directory (this package runs from src/ of the checkout)
ROOT = Path(__file__).resolve().parents[3]
RAW = ROOT / "corpus" / "raw"
DOC = ROOT / "docs" / "performance.md"
START = "<!-- serve-load-test: start (scripts/serve_load.py writes this section) -->"
END = "<!-- serve-load-test: end -->"
HOST = "127.0.0.1"


class ServeLoadError(RuntimeError):
    """The load test could not run (no seed articles, or the server did not start)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def save_rules_pipeline(where: Path) -> str:
    """en_core_web_sm + the rule components (no training), for when no trained pipeline exists."""
    from .rules_pipeline import rules_pipeline

    nlp = rules_pipeline()
    nlp.to_disk(where)
    return str(where)


def texts_by_size(raw: Path = RAW) -> Dict[str, List[str]]:
    """Request texts cut from the seed articles in ``raw``: a paragraph, about a third of an
    article, a whole article."""
    articles = [p.read_text(encoding="utf8") for p in sorted(raw.glob("*.txt"))]
    if not articles:
        raise ServeLoadError(f"no seed articles in {raw}")
    small, medium, large = [], [], []
    for a in articles:
        paras = [p for p in a.split("\n\n") if len(p.split()) >= 15]
        small += paras
        third = max(1, len(paras) // 3)
        medium += ["\n\n".join(paras[i:i + third]) for i in range(0, len(paras), third)]
        large.append(a)
    return {"small": small, "medium": medium, "large": large}


def tree_rss(pid: int) -> int:
    """Resident memory (bytes) of ``pid`` and its descendants, from /proc."""
    children: Dict[int, List[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        todo += children.get(p, [])
        try:
            with open(f"/proc/{p}/status") as fh:
                for line in fh:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
        except OSError:
            pass
    return total


def pct(values: List[float], q: float) -> float:
    values = sorted(values)
    if not values:
        return float("nan")
    k = min(len(values) - 1, max(0, int(round(q / 100 * len(values) + 0.5)) - 1))
    return values[k]


def run_load_test(model: Optional[str] = None, workers: int = 2, clients: int = 8, requests: int = 500,
                  max_seconds: float = 900.0, timeout: float = 120.0, raw: Path = RAW) -> Dict:
    """Start the server, send the requests, stop it; the figures (see the module docstring).
    ``model`` None: the pipeline the CLI finds, else a rules-only pipeline in a temp dir."""
    import httpx

    tmp = Path(tempfile.mkdtemp(prefix="hw-serve-load-"))
    if model is None:
        from ..app.cli import ModelNotFound, find_model

        try:
            model = find_model(None)
            model_desc = model
        except ModelNotFound:
            model = save_rules_pipeline(tmp / "rules")
            model_desc = "en_core_web_sm 3.8.0 + hedgewatch rule components (no trained pipeline was found)"
    else:
        model_desc = model
    port = free_port()
    url = f"http://{HOST}:{port}"
    log = open(tmp / "server.log", "wb")
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    server = subprocess.Popen([sys.executable, "-m", "hedgewatch", "serve", "--model", model, "--host", HOST,
                               "--port", str(port), "--workers", str(workers), "--timeout", str(timeout)],
                              stdout=log, stderr=subprocess.STDOUT, env=env)
    peak = [0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss(server.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        t0 = time.monotonic()
        while True:
            if server.poll() is not None or time.monotonic() - t0 > 300:
                raise ServeLoadError(f"server did not become ready:\n{(tmp / 'server.log').read_text()[-3000:]}")
            try:
                if httpx.get(url + "/healthz", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.3)
        startup = time.monotonic() - t0
        idle_rss = tree_rss(server.pid)
        pools = texts_by_size(raw)
        rng = random.Random(13)
        plan = []
        for _ in range(requests):
            size = rng.choices(["small", "medium", "large"], weights=[0.5, 0.3, 0.2])[0]
            plan.append((size, rng.choice(pools[size])))
        lock = threading.Lock()
        nxt = [0]
        results: List[tuple] = []
        deadline = time.monotonic() + max_seconds

        def client():
            with httpx.Client(base_url=url, timeout=timeout + 30) as c:
                while time.monotonic() < deadline:
                    with lock:
                        if nxt[0] >= len(plan):
                            return
                        size, text = plan[nxt[0]]
                        nxt[0] += 1
                    start = time.perf_counter()
                    try:
                        r = c.post("/annotate", json={"text": text})
                        ok = r.status_code == 200 and "spans" in r.json()
                        status = r.status_code
                    except httpx.HTTPError as err:
                        ok, status = False, type(err).__name__
                    results.append((size, len(text.split()), time.perf_counter() - start, ok, status))

        load_before = os.getloadavg()[0]
        t1 = time.monotonic()
        threads = [threading.Thread(target=client) for _ in range(clients)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        wall = time.monotonic() - t1
        load_after = os.getloadavg()[0]
        alive = server.poll() is None and httpx.get(url + "/healthz", timeout=5).status_code == 200
    finally:
        stop.set()
        sampler.join()
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()
    lat = [r[2] * 1000 for r in results]
    by_size = {}
    for size in ("small", "medium", "large"):
        rows = [r for r in results if r[0] == size]
        if rows:
            by_size[size] = {"requests": len(rows), "mean_words": round(statistics.mean(r[1] for r in rows)),
                             "p50_ms": round(pct([r[2] * 1000 for r in rows], 50), 1),
                             "p95_ms": round(pct([r[2] * 1000 for r in rows], 95), 1)}
    return {
        "model": model_desc, "workers": workers, "clients": clients, "planned": requests,
        "sent": len(results), "wall_s": round(wall, 2), "startup_s": round(startup, 1),
        "rps": round(len(results) / wall, 2) if wall else None,
        "words_per_s": round(sum(r[1] for r in results) / wall) if wall else None,
        "p50_ms": round(pct(lat, 50), 1), "p95_ms": round(pct(lat, 95), 1), "p99_ms": round(pct(lat, 99), 1),
        "max_ms": round(max(lat), 1) if lat else None,
        "errors": sum(1 for r in results if not r[3]),
        "error_statuses": sorted({str(r[4]) for r in results if not r[3]}),
        "by_size": by_size, "idle_rss_mb": round(idle_rss / 2**20), "peak_rss_mb": round(peak[0] / 2**20),
        "alive_after": alive, "cpus": os.cpu_count(),
        "loadavg_1min": [round(load_before, 1), round(load_after, 1)], "python": platform.python_version(),
        "date": time.strftime("%Y-%m-%d"),
    }


def render(r: Dict, command: str) -> str:
    lines = [
        START,
        "## Web service load test",
        "",
        f"`{command}` ({r['date']}, {r['cpus']} cores, Python {r['python']}): `hedgewatch serve` on 127.0.0.1 "
        f"with {r['workers']} pipeline worker process(es), pipeline: {r['model']}. {r['clients']} concurrent "
        f"clients sent {r['sent']} of {r['planned']} planned POST /annotate requests (mixed sizes cut from the "
        f"seed articles: 50% one paragraph, 30% about a third of an article, 20% a whole article).",
        "",
        "| requests | wall time | requests/s | words/s | p50 | p95 | p99 | max | errors | peak RSS (server + workers) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| {r['sent']} | {r['wall_s']} s | {r['rps']} | {r['words_per_s']} | {r['p50_ms']} ms | {r['p95_ms']} ms "
        f"| {r['p99_ms']} ms | {r['max_ms']} ms | {r['errors']} | {r['peak_rss_mb']} MB |",
        "",
        "| size | requests | mean words | p50 | p95 |",
        "|---|---:|---:|---:|---:|",
        *[f"| {k} | {v['requests']} | {v['mean_words']} | {v['p50_ms']} ms | {v['p95_ms']} ms |" for k, v in r["by_size"].items()],
        "",
        f"Start-up until /healthz answered 200: {r['startup_s']} s; resident memory when idle after start-up: "
        f"{r['idle_rss_mb']} MB. Errors are any answer other than 200 with spans, or a transport error"
        + (f" (seen: {', '.join(r['error_statuses'])})" if r["error_statuses"] else "")
        + f"; the server {'was still healthy' if r['alive_after'] else 'was NOT healthy'} afterwards. "
        "Latency is measured at the client and includes queueing for a free worker: with more clients than "
        "workers, requests wait their turn, so p95/p99 grow with the queue rather than with the text. "
        f"The machine's 1-minute load average was {r['loadavg_1min'][0]} when the requests started and "
        f"{r['loadavg_1min'][1]} when they ended (on {r['cpus']} cores: above {r['cpus']}, other processes "
        "were competing for the CPU and the figures are lower than on an idle machine).",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_section(section: str, path: Path = DOC) -> None:
    """Replace the section between :data:`START` and :data:`END` of ``path`` (append it if
    there is none; create the file if need be), atomically."""
    text = path.read_text(encoding="utf8") if path.exists() else "# hedgewatch: performance\n"
    if START in text and END in text:
        before, rest = text.split(START, 1)
        after = rest.split(END, 1)[1].lstrip("\n")
        text = before + section + ("\n" + after if after else "")
    else:
        text = text.rstrip("\n") + "\n\n" + section
    tmp = path.with_suffix(".md.tmp")
    tmp.write_text(text, encoding="utf8")
    tmp.replace(path)


def command_line(workers: int, clients: int, requests: int, model: Optional[str] = None) -> str:
    """The command that reproduces a run, as the report quotes it."""
    command = "python scripts/serve_load.py " + " ".join(
        f"--{k.replace('_', '-')} {v}" for k, v in (("workers", workers), ("clients", clients),
                                                     ("requests", requests)))
    if model:
        command += f" --model {model}"
    return command
