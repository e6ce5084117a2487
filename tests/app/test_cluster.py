"""Archive-scale annotation (issue 12): partitions read with the app's readers, Parquet
rows from the CLI's record function, resumable and exactly once, on a real Dask cluster.

The pipeline is en_core_web_sm 3.8.0 plus the rule components (no trained model
needed), saved to tmp so that worker processes load it by path. The cluster tests run
real worker processes on 127.0.0.1: an embedded LocalCluster of two (client interrupted,
then resumed) and ``dask scheduler`` + two ``dask worker`` processes (one worker and its
nanny killed mid-run: 300 rows, each id once; the same command again rewrites nothing).
"""
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pa = pytest.importorskip("pyarrow")
pytest.importorskip("distributed")
import pyarrow.parquet as pq  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

from hedgewatch.app import cluster  # noqa: E402
from hedgewatch.app.annotate import annotate  # noqa: E402
from hedgewatch.app.cli import app  # noqa: E402
from hedgewatch.app.parquet import SCHEMA, record_to_row  # noqa: E402
from hedgewatch.app.readers import InputDoc, iter_inputs  # noqa: E402
from hedgewatch.app.records import doc_to_record  # noqa: E402

BIN = Path(sys.executable).parent
SENTENCES = [
    "Russia could be arming the Taliban, US officials said on {day}.",
    "Moscow has repeatedly denied providing the militant group with any aid.",
    "The rifles appear to have been stripped of markings, according to weapons experts.",
    "A spokesman for the ministry called the report utterly false.",
    "The council approved the budget for the new bridge on {day}.",
    "Officials who spoke on condition of anonymity said the talks may resume soon.",
    "Prices rose by three percent in the last quarter.",
]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"]


def article(i: int, n_sent: int = 4) -> str:
    return " ".join(SENTENCES[(i + k) % len(SENTENCES)].format(day=DAYS[(i + k) % len(DAYS)]) for k in range(n_sent))


def write_corpus(path: Path, n: int, n_sent: int = 4, bad=()) -> Path:
    with open(path, "w", encoding="utf8") as fh:
        for i in range(n):
            if i in bad:
                fh.write("{not json\n")
                continue
            rec = {"id": f"a{i:04d}", "outlet": ["nyt", "fox", "hpo"][i % 3],
                   "date": f"201{i % 4}-0{1 + i % 9}-15", "text": article(i, n_sent)}
            fh.write(json.dumps(rec) + "\n")
    return path


@pytest.fixture(scope="session")
def rules_model(tmp_path_factory):
    """en_core_web_sm + cue rules + merger (rule spans kept) + resolver + profile, on disk."""
    from hedgewatch.project.rules_pipeline import rules_pipeline

    nlp = rules_pipeline("hedgewatch_rules_test", "0.0.1")
    path = tmp_path_factory.mktemp("rules-model") / "rules"
    nlp.to_disk(path)
    return str(path)


def cli(*args):
    return CliRunner(mix_stderr=False).invoke(app, [str(a) for a in args], catch_exceptions=False)


def hw(*args, **kw):
    """The hedgewatch console script in a subprocess."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    # Ctrl-C as a user's shell delivers it: an ignored SIGINT is inherited by a child, and
    # in the full suite an earlier test can leave the pytest process ignoring it (then
    # Python installs no KeyboardInterrupt handler and the interrupt test sees no interrupt)
    kw.setdefault("preexec_fn", lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    return subprocess.Popen([str(BIN / "hedgewatch"), *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env=env, **kw)


def rows_of(out: Path):
    return pq.read_table(out)  # _manifest.json, _errors* are skipped by the dataset reader


def part_files(out: Path):
    return sorted(out.glob("part-*.parquet"))


def file_ids(out: Path):
    """(inode, mtime_ns) of each complete partition file: unchanged means not rewritten."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in part_files(out)}


def wait_for(predicate, timeout: float, what: str, proc=None):
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return
        if proc is not None and proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"process ended (rc={proc.returncode}) before {what}:\n{err[-3000:]}")
        time.sleep(0.1)
    pytest.fail(f"timed out waiting for {what}")


# --- planning and reading: the same items as the single-process readers ---------------
def test_partitions_read_what_iter_inputs_reads(tmp_path):
    corpus = tmp_path / "in.jsonl"
    with open(corpus, "w", encoding="utf8") as fh:
        fh.write(json.dumps({"id": "x1", "text": "One."}) + "\n\n")        # a blank line counts for line numbers
        fh.write("{broken\n")
        fh.write(json.dumps({"text": "Two.", "source": "wire"}) + "\n")
        fh.write(json.dumps({"body": "no text key"}) + "\n")
        fh.write(json.dumps({"text": "Three."}) + "\n")
    docs = tmp_path / "dir"
    docs.mkdir()
    (docs / "a.txt").write_text("A text article.", encoding="utf8")
    (docs / "b.txt").write_text("", encoding="utf8")
    inputs = [str(corpus), str(docs), str(tmp_path / "missing.txt")]
    expected = list(iter_inputs(inputs))
    for size in (1, 2, 3, 100):
        plan = cluster.plan_partitions(inputs, size)
        assert plan["items"] == len(expected) == 8
        assert all(p["items"] <= size for p in plan["partitions"])
        got = [item for p in plan["partitions"] for item in cluster.iter_partition(p)]
        assert [(type(g).__name__, vars(g)) for g in got] == [(type(e).__name__, vars(e)) for e in expected]
    assert cluster.plan_partitions(inputs, 3)["inputs_sha256"] == plan["inputs_sha256"]
    with open(corpus, "a", encoding="utf8") as fh:
        fh.write(json.dumps({"text": "Four."}) + "\n")
    assert cluster.plan_partitions(inputs, 3)["inputs_sha256"] != plan["inputs_sha256"]


def test_row_is_the_cli_record(rules_model):
    nlp = cluster.worker_pipeline(rules_model)
    doc = next(annotate(nlp, [InputDoc(article(0), {"id": "r1", "source": "x.jsonl", "line": 3, "outlet": "nyt"})]))
    record = doc_to_record(doc)
    row = record_to_row(record)
    table = pa.Table.from_pylist([row], schema=SCHEMA)  # fits the fixed schema
    assert table.num_rows == 1 and row["id"] == "r1" and row["outlet"] == "nyt"
    assert [(s["label"], s["start"], s["end"], s["text"]) for s in row["spans"]] == [
        (s["label"], s["start"], s["end"], s["text"]) for s in record["spans"]]
    assert row["hedges"] == record["profile"]["counts"]["HEDGE"] >= 1
    assert row["attributions"] >= 1 and row["denials"] >= 1
    attribution = next(s for s in row["spans"] if s["label"] == "ATTRIBUTION")
    assert attribution["source"]["text"] and attribution["source_kind"] in ("named", "anonymous")
    hedge = next(s for s in row["spans"] if s["label"] == "HEDGE")
    assert hedge["speaker"]["kind"] in ("author", "attribution")
    assert cluster.pipeline_loads()[rules_model] == 1


# --- in this process: errors file, resume, refusal ----------------------------------------
def test_parquet_in_process_errors_resume_and_refusal(tmp_path, rules_model):
    corpus = write_corpus(tmp_path / "c.jsonl", 9, n_sent=2, bad={4})
    out = tmp_path / "out"
    args = ["annotate", corpus, "-o", out, "--format", "parquet", "--partition-size", 4, "-m", rules_model, "--no-progress"]
    res = cli(*args)
    assert res.exit_code == 1, res.stderr  # one bad article: reported, exit 1, the job finished
    assert "1 input(s) failed" in res.stderr
    table = rows_of(out)
    assert table.num_rows == 8 and sorted(table["id"].to_pylist()) == [f"a{i:04d}" for i in range(9) if i != 4]
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert errors == [{"id": f"{corpus}:5", "source": str(corpus), "line": 5,
                       "reason": "malformed JSON (Expecting property name enclosed in double quotes, column 2)"}]
    manifest = json.loads((out / "_manifest.json").read_text())
    assert manifest["complete"] and manifest["done"] == [0, 1, 2]
    assert manifest["pipeline"]["name"] == "en_hedgewatch_rules_test" and manifest["pipeline"]["version"] == "0.0.1"
    assert manifest["partitioning"] == {"partition_size": 4, "text_key": "text", "partitions": 3, "items": 9}
    before = file_ids(out)

    res = cli(*args)
    assert "nothing to do" in res.stderr and file_ids(out) == before

    # other inputs: refused, nothing touched; --force starts again
    write_corpus(corpus, 10, n_sent=2)
    res = cli(*args)
    assert res.exit_code == 1 and "other inputs" in res.stderr and "--force" in res.stderr
    assert file_ids(out) == before
    res = cli(*args, "--force")
    assert res.exit_code == 0, res.stderr
    assert rows_of(out).num_rows == 10 and not (out / "_errors").exists()
    assert (out / "_errors.jsonl").read_text() == ""

    # another pipeline version: refused
    manifest = json.loads((out / "_manifest.json").read_text())
    manifest["pipeline"]["version"] = "9.9.9"
    (out / "_manifest.json").write_text(json.dumps(manifest))
    res = cli(*args)
    assert res.exit_code == 1 and "another pipeline" in res.stderr

    # a directory that is not ours is never cleared
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("keep me")
    res = cli("annotate", corpus, "-o", other, "--format", "parquet", "-m", rules_model, "--force")
    assert res.exit_code == 1 and "not a hedgewatch output directory" in res.stderr
    assert (other / "notes.txt").exists()

    # the cluster options need the parquet format
    res = cli("annotate", corpus, "-o", tmp_path / "x.jsonl", "--workers", 2, "-m", rules_model)
    assert res.exit_code == 2 and "--format parquet" in res.stderr


# --- an embedded LocalCluster of two worker processes ----------------------------------------
def test_local_cluster_interrupted_then_resumed_with_a_worker_killed(tmp_path, rules_model):
    import psutil

    # enough partitions that the interrupt and the kill land while the job still runs
    # (with 18 partitions a loaded CI machine once had all of them written before SIGINT)
    n = 200
    corpus = write_corpus(tmp_path / "c.jsonl", n, n_sent=3, bad={50})
    out = tmp_path / "out"
    args = ["annotate", corpus, "-o", out, "--format", "parquet", "--partition-size", 4, "-m", rules_model,
            "--workers", 2, "--no-progress"]
    total = n // 4

    # 1. the client is interrupted (Ctrl-C) once a partition is complete
    proc = hw(*args)
    wait_for(lambda: len(part_files(out)) >= 1, 240, "the first partition", proc)
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    done = file_ids(out)
    assert 1 <= len(done) < total, err
    assert "interrupted" in err and "run the same command again" in err

    # 2. the same command resumes; a worker process is killed while it runs
    proc = hw(*args)
    wait_for(lambda: len(part_files(out)) > len(done) + 1, 240, "a new partition", proc)
    workers = [p for p in psutil.Process(proc.pid).children(recursive=True) if "multiprocessing" in " ".join(p.cmdline())
               and "resource_tracker" not in " ".join(p.cmdline())]
    assert len(workers) >= 2, [p.cmdline() for p in psutil.Process(proc.pid).children(recursive=True)]
    done_at_kill = len(part_files(out))
    workers[0].kill()
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 1 and "1 input(s) failed" in err, err  # the bad article, reported
    assert f"resuming {out}: {len(done)} of {total} partition(s) already complete" in err
    assert done_at_kill < total, "the worker was killed after the job had finished"
    after = file_ids(out)
    assert {k: after[k] for k in done} == done  # complete partitions were not rewritten
    ids = rows_of(out)["id"].to_pylist()
    assert len(ids) == n - 1 and len(set(ids)) == n - 1  # every article exactly once
    assert set(ids) == {f"a{i:04d}" for i in range(n) if i != 50}
    errors = [json.loads(line) for line in (out / "_errors.jsonl").read_text().splitlines()]
    assert [(e["id"], e["line"]) for e in errors] == [(f"{corpus}:51", 51)]
    assert json.loads((out / "_manifest.json").read_text())["complete"]


# --- the "done when": dask scheduler + two dask workers, one killed with its nanny ----
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_dask_scheduler_and_workers_one_killed_with_its_nanny(tmp_path, rules_model):
    import psutil
    from distributed import Client

    n = 300
    corpus = write_corpus(tmp_path / "corpus.jsonl", n, n_sent=4)
    out = tmp_path / "out"
    port = _free_port()
    address = f"tcp://127.0.0.1:{port}"
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    procs = []
    try:
        procs.append(subprocess.Popen([str(BIN / "dask"), "scheduler", "--host", "127.0.0.1", "--port", str(port),
                                       "--no-dashboard"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env))
        for _ in range(2):
            procs.append(subprocess.Popen([str(BIN / "dask"), "worker", address, "--nthreads", "1", "--nworkers", "1",
                                           "--no-dashboard", "--host", "127.0.0.1"],
                                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env, cwd=str(tmp_path)))
        with Client(address, timeout="60s") as client:
            client.wait_for_workers(2, timeout=120)
        args = ["annotate", corpus, "-o", out, "--format", "parquet", "--scheduler", address, "-m", rules_model,
                "--partition-size", 10, "--no-progress"]
        proc = hw(*args)
        wait_for(lambda: len(part_files(out)) >= 2, 240, "two partitions", proc)
        nanny = psutil.Process(procs[1].pid)
        victims = nanny.children(recursive=True) + [nanny]
        done_at_kill = len(part_files(out))
        for p in victims:  # the worker process and its nanny
            p.kill()
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
        assert done_at_kill < n // 10, "the worker was killed after the job had finished"
        ids = rows_of(out)["id"].to_pylist()
        assert len(ids) == n and len(set(ids)) == n
        with Client(address, timeout="30s") as client:
            loads = client.run(cluster.pipeline_loads)
        assert len(loads) == 1 and list(loads.values())[0] == {rules_model: 1}  # once per worker, not per task

        before = file_ids(out)
        proc = hw(*args)
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        assert "nothing to do" in err and file_ids(out) == before
    finally:
        for p in reversed(procs):
            if p.poll() is None:
                p.terminate()
        for p in procs:
            try:
                p.wait(timeout=30)
            except subprocess.TimeoutExpired:
                p.kill()
