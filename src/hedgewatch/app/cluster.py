"""Archive-scale annotation: partitions of articles, one Parquet file each, on a Dask
distributed cluster (``hedgewatch annotate ... --format parquet --workers N`` or
``--scheduler ADDRESS``), or in this process when neither is given.

The job, end to end:

1. **Plan** (:func:`plan_partitions`, on the client, cheap): the inputs are expanded the
   way :func:`~hedgewatch.app.readers.iter_inputs` expands them (directories walked in
   sorted order) and cut into partitions of ``partition_size`` items. A JSONL file is cut
   at line boundaries by byte offset (the client counts lines, it does not parse them), so
   a worker reads only its slice; a .txt/.html file is one item.
2. **Check DIR** (:func:`prepare_dir`): ``_manifest.json`` records the inputs (paths, sizes,
   mtimes and a hash of them), the partitioning, the pipeline's name and version. A DIR
   made from other inputs, another partitioning or another pipeline is refused unless
   ``force``; a DIR from the same job is resumed: a partition whose Parquet file exists is
   complete and is never written again.
3. **Run** (:func:`run_partition`, on a worker): the slice is read with the app's readers,
   annotated with :func:`~hedgewatch.app.annotate.annotate` and turned into rows with
   :func:`~hedgewatch.app.records.doc_to_record` -- the same functions as the single-process
   CLI. The pipeline is loaded once per worker process (:func:`worker_pipeline`, a
   process-local cache), never per task. A bad article becomes an error row; it never
   stops the partition.
4. **Write**: ``_errors/part-NNNNN.parquet`` (only when the partition has errors), then
   ``part-NNNNN.parquet``, each to a temporary name renamed into place when complete.
   The data file's rename is the partition's commit: the same partition always gets the
   same name, so a task that runs twice (its worker died after writing, the scheduler
   ran it again) replaces the file with the same rows, and every article is in the
   dataset exactly once.
5. **Finish**: the errors are gathered into ``errors.jsonl`` and the manifest lists the
   complete partitions and the totals.
"""
from __future__ import annotations

import glob
import hashlib
import json
import os
import resource
import shutil
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, Iterator, List, Optional, Sequence

from .. import __version__
from ..files import atomic_write, write_json
from .readers import JSONL_SUFFIXES, SNIFF_BYTES, STDIN, InputDoc, InputError, InputItem, iter_inputs, iter_jsonl, walk

MANIFEST = "_manifest.json"  # "_" and "." names are skipped by Parquet dataset readers (pyarrow, Spark)
ERRORS_FILE = "_errors.jsonl"
ERRORS_DIR = "_errors"
MANIFEST_VERSION = 1
DEFAULT_PARTITION_SIZE = 500


class JobRefused(RuntimeError):
    """DIR cannot be used for this job (other inputs, another pipeline, not ours)."""


# --- planning ---------------------------------------------------------------------
def _expand(inputs: Sequence[str], exclude: Optional[Path] = None) -> List[Path]:
    """The files (or missing paths, which read as an error) in iter_inputs' order,
    leaving out those under ``exclude`` (the output directory)."""
    files: List[Path] = []
    skip = Path(exclude).resolve() if exclude is not None else None
    for arg in inputs:
        if str(arg) == STDIN:
            raise JobRefused("standard input cannot be partitioned: save it to a file (- is not supported with --format parquet)")
        path = Path(arg)
        if path.is_dir():
            found = [f for f in walk(path) if skip is None or skip not in f.resolve().parents]
            files.extend(found if found else [path])  # an empty directory: its error, from the reader
        else:
            files.append(path)
    return files


def _jsonl_lines(path: Path) -> Optional[List[int]]:
    """Byte offsets of the non-blank lines of a JSONL file (plus the end offset last), or
    None when the reader refuses the whole file (unreadable, empty, binary head)."""
    try:
        with open(path, "rb") as fh:
            head = fh.read(SNIFF_BYTES)
            if not head.strip() or b"\x00" in head:
                return None
            fh.seek(0)
            offsets: List[int] = []
            pos = 0
            for raw in fh:
                if raw.strip():
                    offsets.append(pos)
                pos += len(raw)
            offsets.append(pos)
            return offsets if len(offsets) > 1 else None
    except OSError:
        return None


def _line_numbers(path: Path, offsets: List[int]) -> List[int]:
    """1-based line number of each offset (counting blank lines too)."""
    numbers = []
    with open(path, "rb") as fh:
        data_pos, line_no, i = 0, 1, 0
        for raw in fh:
            while i < len(offsets) - 1 and offsets[i] == data_pos:
                numbers.append(line_no)
                i += 1
            data_pos += len(raw)
            line_no += 1
    return numbers


def plan_partitions(inputs: Sequence[str], partition_size: int, exclude: Optional[Path] = None) -> Dict[str, Any]:
    """The job's partitions: each a list of segments, ``{"path", "kind": "file"}`` (one
    item: a .txt/.html file, or a file the reader refuses whole) or ``{"path", "kind":
    "jsonl", "start", "end", "first_line", "n"}`` (a byte range of whole lines), holding
    ``partition_size`` items together; and the input files' identity."""
    if partition_size < 1:
        raise ValueError("partition size must be at least 1")
    partitions: List[Dict[str, Any]] = []
    current: List[Dict[str, Any]] = []
    count = 0
    files_info: List[Dict[str, Any]] = []

    def close() -> None:
        nonlocal current, count
        if current:
            partitions.append({"index": len(partitions), "segments": current, "items": count})
        current, count = [], 0

    for path in _expand(inputs, exclude):
        try:
            st = path.stat()
            files_info.append({"path": str(path.resolve()), "size": st.st_size, "mtime_ns": st.st_mtime_ns})
        except OSError:
            files_info.append({"path": str(path), "size": None, "mtime_ns": None})
        offsets = _jsonl_lines(path) if path.suffix.lower() in JSONL_SUFFIXES and path.is_file() else None
        if offsets is None:
            current.append({"path": str(path), "open": str(path.absolute()), "kind": "file", "n": 1})
            count += 1
            if count >= partition_size:
                close()
            continue
        lines = _line_numbers(path, offsets)
        i = 0
        n_lines = len(offsets) - 1
        while i < n_lines:
            take = min(partition_size - count, n_lines - i)
            current.append({"path": str(path), "open": str(path.absolute()), "kind": "jsonl", "start": offsets[i], "end": offsets[i + take],
                            "first_line": lines[i], "n": take})
            count += take
            i += take
            if count >= partition_size:
                close()
    close()
    digest = hashlib.sha256(json.dumps(files_info, sort_keys=True).encode()).hexdigest()
    return {"partitions": partitions, "files": files_info, "inputs_sha256": digest,
            "items": sum(p["items"] for p in partitions)}


# --- reading a partition (the app's readers) ----------------------------------------
class _Named(os.PathLike):
    """A path that opens one file but is named as another: the JSONL reader opens the
    partition's slice (a temporary file) while its records and errors name the input."""

    def __init__(self, real: str, name: str):
        self.real, self.name = real, name

    def __fspath__(self) -> str:
        return self.real

    def __str__(self) -> str:
        return self.name

    __format__ = lambda self, spec: format(self.name, spec)  # noqa: E731


def _shift(item: InputItem, name: str, offset: int) -> InputItem:
    """Line numbers of a slice read as a file -> line numbers of the input file."""
    if isinstance(item, InputDoc):
        if isinstance(item.meta.get("line"), int):
            item.meta["line"] += offset
        return item
    head, sep, tail = item.where.rpartition(":")
    if sep and head == name and tail.isdigit():
        item.where = f"{name}:{int(tail) + offset}"
    return item


def _read_slice(seg: Dict[str, Any], text_key: str, tmpdir: str) -> Iterator[InputItem]:
    name = seg["path"]
    with open(seg.get("open", name), "rb") as fh:
        fh.seek(seg["start"])
        data = fh.read(seg["end"] - seg["start"])
    tmp = os.path.join(tmpdir, "slice.jsonl")
    with open(tmp, "wb") as out:
        out.write(data)
    items = list(iter_jsonl(_Named(tmp, name), text_key))
    offset = seg["first_line"] - 1
    if len(items) == 1 and isinstance(items[0], InputError) and items[0].where == name and seg["n"] > 1:
        # the slice as a whole was refused (e.g. a NUL byte in its head): read line by line
        items = []
        line_no = seg["first_line"]
        for raw in data.splitlines(keepends=True):
            if raw.strip():
                with open(tmp, "wb") as out:
                    out.write(raw)
                one = list(iter_jsonl(_Named(tmp, name), text_key))
                for item in one:
                    if isinstance(item, InputError) and item.where == name:
                        item.where = f"{name}:{line_no}"
                        item.reason = item.reason.replace(", not a JSONL file", "")
                    else:
                        _shift(item, name, line_no - 1)
                    items.append(item)
            line_no += 1
        return iter(items)
    return (_shift(item, name, offset) for item in items)


def iter_partition(part: Dict[str, Any], text_key: str = "text") -> Iterator[InputItem]:
    """InputDoc/InputError for each item of a partition, read by the app's readers."""
    with tempfile.TemporaryDirectory(prefix="hw-slice-") as tmpdir:
        for seg in part["segments"]:
            if seg["kind"] == "jsonl":
                yield from _read_slice(seg, text_key, tmpdir)
            else:
                # opened by its absolute path (a worker may run in another directory),
                # named as the user gave it, like the single-process CLI names it
                name, real = seg["path"], seg.get("open", seg["path"])
                for item in iter_inputs([real], text_key):
                    if isinstance(item, InputDoc):
                        if item.meta.get("source") == real:
                            item.meta["source"] = name
                    elif item.where.startswith(real):
                        item.where = name + item.where[len(real):]
                    yield item


# --- the pipeline, once per worker process -------------------------------------------
_PIPELINES: Dict[str, Any] = {}
_PIPELINE_LOCK = threading.Lock()
LOADS: Dict[str, int] = {}


def worker_pipeline(model: str):
    """The pipeline ``model``, loaded once per process (tasks of a worker share it)."""
    nlp = _PIPELINES.get(model)
    if nlp is not None:
        return nlp
    with _PIPELINE_LOCK:
        if model not in _PIPELINES:
            import spacy

            nlp = spacy.load(model)
            from . import annotate as app_annotate

            # what the CLI does to a loaded pipeline, where this version of the app has it
            check = getattr(app_annotate, "check_pipeline", None)
            prepare = getattr(app_annotate, "prepare_pipeline", None)
            if check is not None:
                check(nlp, repr(model))
            if prepare is not None:
                nlp = prepare(nlp)
            _PIPELINES[model] = nlp
            LOADS[model] = LOADS.get(model, 0) + 1
        return _PIPELINES[model]


def pipeline_loads() -> Dict[str, int]:
    """How often each pipeline was loaded in this process (for tests: once per worker)."""
    return dict(LOADS)


def pipeline_identity(model: str) -> Dict[str, Any]:
    """Name and version of a pipeline from its meta.json, without loading it."""
    import spacy.util

    path = Path(model)
    try:
        meta_path = (path if path.exists() else spacy.util.get_package_path(model)) / "meta.json"
        meta: Dict[str, Any] = spacy.util.load_meta(meta_path)
    except Exception:
        meta = {}
    lang = meta.get("lang")
    name = meta.get("name")
    return {"model": model, "name": f"{lang}_{name}" if lang and name else (name or str(model)),
            "version": meta.get("version"), "spacy_version": meta.get("spacy_version")}


# --- one partition ------------------------------------------------------------------
def part_name(index: int) -> str:
    return f"part-{index:05d}.parquet"


def _write_parquet(table, path: Path, metadata: Dict[str, str]) -> None:
    import pyarrow.parquet as pq

    table = table.replace_schema_metadata({**(table.schema.metadata or {}), **{k.encode(): v.encode() for k, v in metadata.items()}})
    with atomic_write(path, "wb") as fh:  # a temporary name beside it, renamed when complete
        pq.write_table(table, fh, compression="zstd")


def _annotate_items(nlp, items: List[InputItem], batch_size: int):
    """(records, errors) for the items; if the pipeline fails on the batch, each
    article is run alone so that only the bad one becomes an error."""
    from .annotate import annotate
    from .records import doc_to_record

    errors: List[Dict[str, Any]] = []
    from .parquet import error_row

    def on_error(err: InputError) -> None:
        errors.append(error_row(err.where, err.reason))

    try:
        records = [doc_to_record(doc) for doc in annotate(nlp, items, batch_size=batch_size, on_error=on_error)]
        return records, errors
    except Exception:
        pass
    records, errors = [], []
    for item in items:
        if isinstance(item, InputError):
            on_error(item)
            continue
        try:
            records.extend(doc_to_record(doc) for doc in annotate(nlp, [item], batch_size=1))
        except Exception as err:
            meta = item.meta
            where = f"{meta.get('source')}:{meta['line']}" if meta.get("line") is not None else str(meta.get("source"))
            errors.append(error_row(where, f"the pipeline failed on this article ({type(err).__name__}: {err})", meta))
    return records, errors


def run_partition(part: Dict[str, Any], out_dir: str, model: str, text_key: str = "text",
                  run_id: str = "", batch_size: int = 32) -> Dict[str, Any]:
    """Annotate one partition and commit its Parquet file(s); returns its statistics.
    Runs on a worker (or in the client process without a cluster)."""
    import pyarrow as pa

    from .parquet import ERROR_SCHEMA, record_to_row, rows_table

    t0 = time.perf_counter()
    nlp = worker_pipeline(model)
    t_load = time.perf_counter() - t0
    items = list(iter_partition(part, text_key))
    records, errors = _annotate_items(nlp, items, batch_size)
    rows = []
    for rec in records:
        try:
            rows.append(record_to_row(rec))
        except Exception as err:
            meta = rec.get("meta") or {}
            errors.append({"id": str(meta.get("id") or meta.get("source")), "source": str(meta.get("source")),
                           "line": meta.get("line"), "reason": f"cannot build the row ({type(err).__name__}: {err})"})
    out = Path(out_dir)
    name = part_name(part["index"])
    meta = {"hedgewatch.run": run_id, "hedgewatch.partition": str(part["index"]),
            "hedgewatch.items": str(part["items"])}
    if errors:
        (out / ERRORS_DIR).mkdir(exist_ok=True)
        _write_parquet(pa.Table.from_pylist(errors, schema=ERROR_SCHEMA), out / ERRORS_DIR / name, meta)
    else:
        try:
            (out / ERRORS_DIR / name).unlink()  # from an earlier attempt that failed differently
        except FileNotFoundError:
            pass
    _write_parquet(rows_table(rows), out / name, meta)
    return {
        "index": part["index"], "rows": len(rows), "errors": len(errors), "items": part["items"],
        "words": sum(r["words"] or 0 for r in rows), "chars": sum(r["chars"] for r in rows),
        "seconds": round(time.perf_counter() - t0, 4), "load_seconds": round(t_load, 4),
        "pid": os.getpid(), "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }


# --- the output directory -----------------------------------------------------------
def complete_partitions(out_dir: Path) -> List[int]:
    done = []
    for p in out_dir.glob("part-*.parquet"):
        stem = p.name[len("part-"):-len(".parquet")]
        if stem.isdigit():
            done.append(int(stem))
    return sorted(done)


def _job_key(manifest: Dict[str, Any]) -> Dict[str, Any]:
    """What must match for DIR to be resumed."""
    return {
        "inputs_sha256": manifest["inputs"]["sha256"],
        "partition_size": manifest["partitioning"]["partition_size"],
        "text_key": manifest["partitioning"]["text_key"],
        "pipeline": (manifest["pipeline"]["name"], manifest["pipeline"]["version"]),
        "hedgewatch": manifest.get("hedgewatch_version"),
    }


def _mismatch(old: Dict[str, Any], new: Dict[str, Any]) -> List[str]:
    try:
        a, b = _job_key(old), _job_key(new)
    except (KeyError, TypeError):
        return ["its manifest is not a hedgewatch manifest this version can read"]
    why = []
    if a["inputs_sha256"] != b["inputs_sha256"]:
        why.append("it was made from other inputs (file list, sizes or modification times differ)")
    if a["partition_size"] != b["partition_size"] or a["text_key"] != b["text_key"]:
        why.append(f"its partitioning differs (partition size {a['partition_size']}, text key {a['text_key']!r})")
    if a["pipeline"] != b["pipeline"]:
        why.append(f"it was annotated by another pipeline ({a['pipeline'][0]} {a['pipeline'][1]})")
    if a["hedgewatch"] != b["hedgewatch"]:
        why.append(f"it was written by hedgewatch {a['hedgewatch']}")
    return why


def _ours(name: str) -> bool:
    return (name in (MANIFEST, ERRORS_FILE, ERRORS_DIR) or (name.startswith(("part-", ".part-")) and ".parquet" in name)
            or (name.startswith(("._manifest.json.", "._errors.jsonl.")) and name.endswith(".tmp")))


def build_manifest(plan: Dict[str, Any], inputs: Sequence[str], partition_size: int, text_key: str,
                   pipeline: Dict[str, Any]) -> Dict[str, Any]:
    return {
        "manifest_version": MANIFEST_VERSION,
        "hedgewatch_version": __version__,
        "inputs": {"arguments": [str(i) for i in inputs], "files": plan["files"], "sha256": plan["inputs_sha256"]},
        "partitioning": {"partition_size": partition_size, "text_key": text_key, "partitions": len(plan["partitions"]),
                         "items": plan["items"]},
        "pipeline": pipeline,
        "partitions": [{"index": p["index"], "file": part_name(p["index"]), "items": p["items"],
                        "segments": p["segments"]} for p in plan["partitions"]],
        "done": [],
        "complete": False,
    }


def prepare_dir(out_dir: Path, manifest: Dict[str, Any], force: bool) -> List[int]:
    """Check (or clear, with ``force``) DIR for this job; returns the partitions already complete."""
    if out_dir.exists() and not out_dir.is_dir():
        raise JobRefused(f"{out_dir} exists and is not a directory")
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / MANIFEST
    entries = [e for e in os.listdir(out_dir)]
    if path.exists():
        try:
            old = json.loads(path.read_text(encoding="utf8"))
            why = _mismatch(old, manifest)
        except (OSError, ValueError) as err:
            why = [f"its manifest cannot be read ({err})"]
        if why and not force:
            raise JobRefused(f"{out_dir} holds another job's output: " + "; ".join(why)
                             + ". Use another directory, or --force to delete its partitions and start again.")
        if why:
            _clear(out_dir)
    elif entries:
        if not force or any(not _ours(e) for e in entries):
            raise JobRefused(f"{out_dir} is not empty and has no {MANIFEST}: not a hedgewatch output directory"
                             + ("" if any(not _ours(e) for e in entries) else "; use --force to clear it"))
        _clear(out_dir)
    # temporary files of an interrupted run (never a complete partition)
    for tmp in glob.glob(str(out_dir / ".part-*.tmp")) + glob.glob(str(out_dir / ERRORS_DIR / ".part-*.tmp")):
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
    n = manifest["partitioning"]["partitions"]
    return [i for i in complete_partitions(out_dir) if i < n]


def _clear(out_dir: Path) -> None:
    for e in os.listdir(out_dir):
        if _ours(e):
            p = out_dir / e
            shutil.rmtree(p) if p.is_dir() else p.unlink()


def gather_errors(out_dir: Path) -> int:
    """All partitions' error rows into ``errors.jsonl`` (atomically); returns their number."""
    import pyarrow.parquet as pq

    from ..files import atomic_write

    n = 0
    with atomic_write(out_dir / ERRORS_FILE, "w") as fh:
        for p in sorted((out_dir / ERRORS_DIR).glob("part-*.parquet")):
            for row in pq.read_table(p).to_pylist():
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
                n += 1
    return n


# --- the job ------------------------------------------------------------------------
@dataclass
class JobResult:
    partitions: int
    skipped: int  # complete before this run, not rewritten
    written: int
    failed: List[Dict[str, Any]] = field(default_factory=list)
    rows: int = 0
    errors: int = 0
    words: int = 0
    seconds: float = 0.0
    stats: List[Dict[str, Any]] = field(default_factory=list)


def _progress_bar(total_items: int, total_parts: int, show: bool):
    from tqdm import tqdm

    bar = tqdm(total=total_items, file=sys.stderr, unit="doc", desc="annotate", disable=not show,
               dynamic_ncols=True, smoothing=0.1, leave=True)
    bar.set_postfix_str(f"partitions 0/{total_parts}")
    return bar


def _connect(workers: Optional[int], scheduler: Optional[str], threads_per_worker: int = 1):
    from distributed import Client, LocalCluster

    if scheduler:
        return Client(scheduler, timeout="30s"), None
    cluster = LocalCluster(n_workers=workers, threads_per_worker=threads_per_worker, processes=True,
                           host="127.0.0.1", dashboard_address="127.0.0.1:0", silence_logs=40)
    return Client(cluster), cluster


def run_job(inputs: Sequence[str], out_dir: Path, *, model: str, text_key: str = "text",
            partition_size: int = DEFAULT_PARTITION_SIZE, workers: Optional[int] = None,
            scheduler: Optional[str] = None, force: bool = False, progress: bool = True,
            batch_size: int = 32, echo: Callable[[str], None] = lambda m: print(m, file=sys.stderr),
            plan: Optional[Dict[str, Any]] = None) -> JobResult:
    """Annotate ``inputs`` into Parquet partitions under ``out_dir`` (see the module doc).

    With ``workers``: an embedded LocalCluster of that many worker processes; with
    ``scheduler``: an existing cluster; with neither: in this process."""
    out_dir = Path(out_dir)
    plan = plan or plan_partitions(inputs, partition_size, exclude=out_dir)
    pipeline = pipeline_identity(model)
    manifest = build_manifest(plan, inputs, partition_size, text_key, pipeline)
    done_before = set(prepare_dir(out_dir, manifest, force))
    manifest["done"] = sorted(done_before)
    write_json(out_dir / MANIFEST, manifest)
    parts = plan["partitions"]
    todo = [p for p in parts if p["index"] not in done_before]
    result = JobResult(partitions=len(parts), skipped=len(done_before), written=0)
    if done_before:
        if todo:
            echo(f"hedgewatch: resuming {out_dir}: {len(done_before)} of {len(parts)} partition(s) already complete "
                 f"(kept, not rewritten); annotating the other {len(todo)}")
        else:
            echo(f"hedgewatch: nothing to do: all {len(parts)} partition(s) in {out_dir} are complete (nothing rewritten)")
    run_id = hashlib.sha256(json.dumps(_job_key(manifest), sort_keys=True).encode()).hexdigest()[:16]
    t0 = time.perf_counter()
    done = set(done_before)
    last_manifest = time.monotonic()

    def finished(stat: Dict[str, Any]) -> None:
        nonlocal last_manifest
        done.add(stat["index"])
        result.written += 1
        result.rows += stat["rows"]
        result.errors += stat["errors"]
        result.words += stat["words"]
        result.stats.append(stat)
        bar.update(stat["items"])
        bar.set_postfix_str(f"partitions {len(done)}/{len(parts)}")
        if time.monotonic() - last_manifest > 5:
            manifest["done"] = sorted(done)
            write_json(out_dir / MANIFEST, manifest)
            last_manifest = time.monotonic()

    bar = _progress_bar(plan["items"], len(parts), progress and bool(todo))
    bar.update(sum(p["items"] for p in parts if p["index"] in done_before))
    bar.set_postfix_str(f"partitions {len(done)}/{len(parts)}")
    interrupted = False
    try:
        if todo and (workers or scheduler):
            client, cluster = _connect(workers, scheduler)
            try:
                from distributed import as_completed

                futures = [client.submit(run_partition, p, str(out_dir.resolve()), model, text_key, run_id, batch_size,
                                         key=f"hedgewatch-{run_id}-{p['index']:05d}", pure=False, retries=1)
                           for p in todo]
                by_key = {f.key: p for f, p in zip(futures, todo)}
                for fut in as_completed(futures):
                    try:
                        finished(fut.result())
                    except Exception as err:
                        p = by_key[fut.key]
                        result.failed.append({"index": p["index"], "reason": f"{type(err).__name__}: {err}"})
                        bar.write(f"error: partition {p['index']} failed: {type(err).__name__}: {err}", file=sys.stderr)
            finally:
                client.close()
                if cluster is not None:
                    cluster.close()
        else:
            for p in todo:
                try:
                    finished(run_partition(p, str(out_dir), model, text_key, run_id, batch_size))
                except Exception as err:
                    result.failed.append({"index": p["index"], "reason": f"{type(err).__name__}: {err}"})
                    bar.write(f"error: partition {p['index']} failed: {type(err).__name__}: {err}", file=sys.stderr)
    except KeyboardInterrupt:
        interrupted = True
    finally:
        bar.close()
        result.seconds = time.perf_counter() - t0
        manifest["done"] = sorted(set(complete_partitions(out_dir)) & {p["index"] for p in parts})
        manifest["complete"] = len(manifest["done"]) == len(parts)
        if manifest["complete"]:
            result.errors = gather_errors(out_dir)
            manifest["errors"] = result.errors
        write_json(out_dir / MANIFEST, manifest)
    if interrupted:
        echo(f"hedgewatch: interrupted: {len(manifest['done'])} of {len(parts)} partition(s) complete in {out_dir}; "
             "run the same command again to finish the others")
        raise KeyboardInterrupt
    return result
