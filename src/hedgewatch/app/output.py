"""Writing annotated Docs (``jsonl``, ``html``, ``spacy``, ``table``) and reports to a
file, atomically and never over an existing file unless ``force`` is set, or to stdout."""
from __future__ import annotations

import json
import sys
from contextlib import nullcontext
from pathlib import Path
from typing import IO, Iterable, Optional, Union

from spacy.tokens import Doc, DocBin

from ..files import atomic_write
from .readers import STDIN
from .records import TABLE_HEADER, doc_to_record, table_row
from .render import HTML_FOOT, html_head, render_doc_html, text_table

FORMATS = ("jsonl", "html", "spacy", "table")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".html": "html", ".htm": "html", ".spacy": "spacy",
                  ".md": "table", ".txt": "table"}


class OutputExistsError(FileExistsError):
    """The output file exists and ``force`` was not given."""


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


def open_output(output: Optional[Union[str, Path]], force: bool, binary: bool = False):
    """A context manager: an atomic file for ``output``, or stdout for None/``-``."""
    if output is None or str(output) == STDIN:
        if binary:
            raise ValueError("binary output needs a file (-o FILE)")
        return nullcontext(sys.stdout)
    check_output(output, force)
    return atomic_write(Path(output), "wb" if binary else "w")


def write_jsonl(docs: Iterable[Doc], fh: IO[str]) -> int:
    n = 0
    for doc in docs:
        fh.write(json.dumps(doc_to_record(doc), ensure_ascii=False) + "\n")
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


def write_docs(docs: Iterable[Doc], output: Optional[Union[str, Path]], fmt: str, force: bool = False) -> int:
    """Write ``docs`` as ``fmt`` to ``output`` (stdout when None or ``-``); returns the
    number of documents written."""
    with open_output(output, force, binary=(fmt == "spacy")) as fh:
        return WRITERS[fmt](docs, fh)


def write_text(text: str, output: Optional[Union[str, Path]], force: bool = False) -> None:
    """Write a finished report to ``output`` (atomically) or to stdout."""
    with open_output(output, force) as fh:
        fh.write(text)
