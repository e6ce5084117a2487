"""Writing annotated Docs (``jsonl``, ``html``, ``spacy``, ``table``) and reports to a
file, atomically and never over an existing file unless ``force`` is set, or to stdout.

A file output is *claimed* when the run starts (:func:`claim_output`): a lock file
``.NAME.hedgewatch.lock`` beside it is created exclusively (it holds the run's pid), so
a second run writing to the same file fails at once with a one-line error instead of
replacing the first run's output at the end. The output is written to
``.NAME.PID.hedgewatch.tmp`` and published at the end by a hard link (which fails if a
file appeared at the target meanwhile: not overwritten without ``force``) or, with
``force``, a rename. A run that wrote no document publishes nothing (no empty file at
the target). SIGTERM and SIGINT (:func:`interruptible`) remove the temporary and lock
files on the way out; after SIGKILL they stay, and the next run that claims a file in
that directory removes the ones whose pid is dead.
"""
from __future__ import annotations

import errno
import json
import math
import multiprocessing
import os
import re
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, Iterable, Iterator, List, Optional, Union

from spacy.tokens import Doc, DocBin

from .readers import STDIN
from .records import TABLE_HEADER, doc_to_record, table_row
from .render import HTML_FOOT, html_head, render_doc_html, text_table

FORMATS = ("jsonl", "html", "spacy", "table")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".html": "html", ".htm": "html", ".spacy": "spacy",
                  ".md": "table", ".txt": "table"}


LOCK_SUFFIX = ".hedgewatch.lock"
TMP_SUFFIX = ".hedgewatch.tmp"
# our temporary and lock files: .NAME.PID.hedgewatch.tmp, .NAME.hedgewatch.lock
TMP_RE = re.compile(r"^\..+\.(\d+)\.hedgewatch\.tmp$")
LOCK_RE = re.compile(r"^\..+\.hedgewatch\.lock$")


class OutputExistsError(FileExistsError):
    """The output file exists and ``force`` was not given."""


class OutputError(OSError):
    """The output cannot be written (a one-line reason)."""


class OutputBusyError(OutputError):
    """Another run is writing the same output file."""


def _finite(value: Any) -> Any:
    """``value`` with NaN and infinite floats replaced by None (JSON has no such numbers)."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _read_pid(path: Path) -> int:
    try:
        return int(path.read_text(encoding="ascii").strip() or 0)
    except (OSError, ValueError):
        return 0


def clean_stale(directory: Path) -> List[Path]:
    """Remove our temporary and lock files in ``directory`` whose pid is dead (left by
    a run that was killed); returns what was removed."""
    removed = []
    try:
        names = os.listdir(directory)
    except OSError:
        return removed
    for name in names:
        m = TMP_RE.match(name)
        if m:
            pid = int(m.group(1))
        elif LOCK_RE.match(name):
            pid = _read_pid(directory / name)
        else:
            continue
        if not _pid_alive(pid):
            try:
                os.unlink(directory / name)
                removed.append(directory / name)
            except OSError:
                pass
    return removed


def _open_exclusive(path: Path) -> int:
    """``os.open`` create-exclusive (a seam for the tests)."""
    return os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)


def _why(err: OSError, directory: Path) -> str:
    if err.errno == errno.EROFS:
        return f"cannot write to {directory}: read-only file system"
    if err.errno in (errno.EACCES, errno.EPERM):
        return f"cannot write to {directory}: permission denied (a read-only directory?)"
    if err.errno == errno.ENOSPC:
        return f"cannot write to {directory}: no space left on the device"
    return f"cannot write to {directory}: {err.strerror or err}"


class OutputTarget:
    """An output file claimed by this run (see the module docstring)."""

    def __init__(self, path: Union[str, Path], force: bool = False, binary: bool = False):
        self.path = Path(path)
        self.force = force
        self.binary = binary
        self.dir = self.path.parent
        self.lock = self.dir / f".{self.path.name}{LOCK_SUFFIX}"
        self.tmp = self.dir / f".{self.path.name}.{os.getpid()}{TMP_SUFFIX}"
        self.fh: Optional[IO] = None
        self.claimed = self.published = False

    def claim(self) -> "OutputTarget":
        check_output(self.path, self.force)
        try:
            self.dir.mkdir(parents=True, exist_ok=True)
        except OSError as err:
            raise OutputError(_why(err, self.dir)) from None
        clean_stale(self.dir)
        for attempt in (1, 2):
            try:
                fd = _open_exclusive(self.lock)
            except FileExistsError:
                pid = _read_pid(self.lock)
                if attempt == 1 and not _pid_alive(pid):
                    try:
                        os.unlink(self.lock)  # left by a killed run
                    except FileNotFoundError:
                        pass
                    continue
                raise OutputBusyError(
                    f"{self.path} is being written by another hedgewatch run (pid {pid or '?'}); "
                    "wait for it to finish or choose another output file") from None
            except OSError as err:
                raise OutputError(_why(err, self.dir)) from None
            with os.fdopen(fd, "w", encoding="ascii") as fh:
                fh.write(f"{os.getpid()}\n")
            break
        self.claimed = True
        try:
            check_output(self.path, self.force)  # it may have appeared before the lock
            fd = _open_exclusive(self.tmp)
        except OutputExistsError:
            self.release()
            raise
        except OSError as err:
            self.release()
            raise OutputError(_why(err, self.dir)) from None
        self.fh = os.fdopen(fd, "wb" if self.binary else "w", **({} if self.binary else {"encoding": "utf8"}))
        return self

    def publish(self) -> None:
        """Move the finished file into place: never over a file that appeared
        meanwhile, unless ``force``."""
        assert self.fh is not None
        self.fh.close()
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(self.tmp, 0o666 & ~umask)
        try:
            if self.force:
                os.replace(self.tmp, self.path)
            else:
                try:
                    os.link(self.tmp, self.path)
                except FileExistsError:
                    raise OutputExistsError(
                        f"{self.path} appeared while this run was writing it (another program?); "
                        "not overwritten: use --force to overwrite it") from None
                except OSError as err:
                    if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                        raise
                    if self.path.exists():  # no hard links here: check, then rename
                        raise OutputExistsError(f"{self.path} appeared while this run was writing it; "
                                                "not overwritten: use --force to overwrite it") from None
                    os.replace(self.tmp, self.path)
                os.unlink(self.tmp) if self.tmp.exists() else None
        except OutputExistsError:
            raise
        except OSError as err:
            raise OutputError(_why(err, self.dir)) from None
        self.published = True

    def discard(self) -> None:
        if self.fh is not None and not self.fh.closed:
            try:
                self.fh.close()
            except OSError:
                pass
        try:
            os.unlink(self.tmp)
        except FileNotFoundError:
            pass

    def release(self) -> None:
        if self.claimed and _read_pid(self.lock) == os.getpid():
            try:
                os.unlink(self.lock)
            except FileNotFoundError:
                pass
        self.claimed = False

    def close(self) -> None:
        if not self.published:
            self.discard()
        self.release()

    def __enter__(self) -> "OutputTarget":
        if not self.claimed:
            self.claim()
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def claim_output(output: Optional[Union[str, Path]], force: bool, binary: bool = False) -> Optional[OutputTarget]:
    """Claim ``output`` for this run (None for standard output); raises
    OutputExistsError, OutputBusyError or OutputError with a one-line reason."""
    if output is None or str(output) == STDIN:
        return None
    return OutputTarget(output, force, binary).claim()


def _stop_children() -> None:
    for proc in multiprocessing.active_children():
        proc.terminate()
    for proc in multiprocessing.active_children():
        proc.join(timeout=5)


@contextmanager
def interruptible() -> Iterator[None]:
    """While a run writes: SIGTERM and SIGINT stop the worker processes of
    ``nlp.pipe(n_process=...)`` (which would otherwise block the parent forever on a
    pipe) and raise SystemExit(143) / KeyboardInterrupt, so that temporary files are
    removed on the way out. Only in the main thread; elsewhere a no-op."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(signum, frame):
        _stop_children()
        raise SystemExit(128 + signum)

    def on_int(signum, frame):
        _stop_children()
        raise KeyboardInterrupt

    old_term = signal.signal(signal.SIGTERM, on_term)
    old_int = signal.signal(signal.SIGINT, on_int)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old_term)
        signal.signal(signal.SIGINT, old_int)


def infer_format(output: Optional[Union[str, Path]], fmt: Optional[str]) -> str:
    """The explicit format, else the one the output suffix implies, else ``jsonl``."""
    if fmt:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
        return fmt
    if output is not None and str(output) != STDIN:
        return SUFFIX_FORMATS.get(Path(output).suffix.lower(), "jsonl")
    return "jsonl"


def check_output(output: Optional[Union[str, Path]], force: bool) -> None:
    """Raise OutputExistsError if ``output`` exists and ``force`` is not set."""
    if output is None or str(output) == STDIN:
        return
    path = Path(output)
    if path.is_dir():
        raise OutputExistsError(f"{path} is a directory; give a file name")
    if path.exists() and not force:
        raise OutputExistsError(f"{path} exists; use --force to overwrite it")


def write_jsonl(docs: Iterable[Doc], fh: IO[str]) -> int:
    """One record per line; NaN/infinite numbers (from an input's meta) become null, so
    every line is valid JSON."""
    n = 0
    for doc in docs:
        fh.write(json.dumps(_finite(doc_to_record(doc)), ensure_ascii=False, allow_nan=False) + "\n")
        n += 1
    return n


def write_docbin(docs: Iterable[Doc], fh: IO[bytes]) -> int:
    """A DocBin keeping user data (resolver fields, profile, meta). A DocBin is built in
    memory, compactly (arrays, not Python objects), before it is written."""
    db = DocBin(store_user_data=True)
    for doc in docs:
        db.add(doc)
    fh.write(db.to_bytes())
    return len(db)


def write_html(docs: Iterable[Doc], fh: IO[str], title: str = "hedgewatch") -> int:
    fh.write(html_head(title))
    n = 0
    for doc in docs:
        n += 1
        fh.write(render_doc_html(doc, n) + "\n")
    if n == 0:
        fh.write("<p>No documents.</p>\n")
    fh.write(HTML_FOOT)
    return n


def write_table(docs: Iterable[Doc], fh: IO[str]) -> int:
    """Rows are collected (one short row per document) so that columns line up."""
    rows = [table_row(doc) for doc in docs]
    fh.write(text_table(TABLE_HEADER, rows) + "\n")
    return len(rows)


WRITERS = {"jsonl": write_jsonl, "html": write_html, "spacy": write_docbin, "table": write_table}


def write_docs(docs: Iterable[Doc], output: Optional[Union[str, Path]], fmt: str, force: bool = False,
               target: Optional[OutputTarget] = None) -> int:
    """Write ``docs`` as ``fmt`` to ``output`` (stdout when None or ``-``), through the
    claimed ``target`` if given; returns the number of documents written. With no
    document, no file is left at ``output``."""
    binary = fmt == "spacy"
    if target is None and (output is None or str(output) == STDIN):
        if binary:
            raise ValueError("--format spacy writes a binary DocBin: give an output file with -o FILE.spacy")
        return WRITERS[fmt](docs, sys.stdout)
    with (target if target is not None else OutputTarget(output, force, binary)) as t:
        n = WRITERS[fmt](docs, t.fh)
        if n:
            t.publish()
    return n


def write_text(text: str, output: Optional[Union[str, Path]], force: bool = False,
               target: Optional[OutputTarget] = None) -> None:
    """Write a finished report to ``output`` (through the claimed ``target`` if given)
    or to stdout."""
    if target is None and (output is None or str(output) == STDIN):
        sys.stdout.write(text)
        return
    with (target if target is not None else OutputTarget(output, force)) as t:
        t.fh.write(text)
        t.publish()
