"""Reading articles for the command line.

:func:`iter_inputs` is a generator over the input arguments that yields an
:class:`InputDoc` per document or an :class:`InputError` per bad input, so one bad file
never stops the others and memory stays flat in the number of documents:

- ``.txt``: the file is one document (UTF-8, a byte-order mark is dropped);
- ``.html`` / ``.htm``: the main text extracted by trafilatura (navigation, boilerplate,
  comment sections and tables dropped), headed by the page title when trafilatura finds
  one that the text does not already start with;
- ``.jsonl``: one document per line, the text under ``text_key``; the other keys go
  into ``meta`` (a ``meta`` object is merged in);
- a directory: walked recursively (sorted) for the extensions above;
- ``-``: standard input, one plain-text document.
"""
from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Dict, Iterator, Optional, Sequence, Tuple, Union

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
STDIN = "-"
SNIFF_BYTES = 8192


@dataclass
class InputDoc:
    text: str
    meta: Dict[str, Any] = field(default_factory=dict)


@dataclass
class InputError:
    where: str  # the file, with ":LINE" for a JSONL line
    reason: str

    def __str__(self) -> str:
        return f"{self.where}: {self.reason}"


InputItem = Union[InputDoc, InputError]


# --- reading ----------------------------------------------------------------------
def _open_binary(path: Path) -> IO[bytes]:
    return open(path, "rb")


def _read_bytes(path: Path) -> Union[bytes, InputError]:
    """The file's bytes, or why they cannot be a document (unreadable, empty, binary)."""
    try:
        with _open_binary(path) as fh:
            data = fh.read()
        return _check_bytes(data, str(path)) or data
    except FileNotFoundError:
        return InputError(str(path), "no such file")
    except IsADirectoryError:
        return InputError(str(path), "is a directory")
    except OSError as err:
        return InputError(str(path), f"cannot read ({err.strerror or err})")


def _check_bytes(data: bytes, where: str) -> Optional[InputError]:
    if not data.strip():
        return InputError(where, "empty (no text)")
    nul = data.find(b"\x00")
    if nul >= 0:
        return InputError(where, f"binary data (NUL byte at offset {nul}), not a text file")
    return None


def _decode(data: bytes, where: str) -> Union[str, InputError]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return InputError(where, f"not UTF-8 ({err.reason} at byte {err.start}); convert it to UTF-8")
    return text[1:] if text.startswith("\ufeff") else text


def read_text_file(path: Path) -> InputItem:
    """A ``.txt`` file as one document."""
    data = _read_bytes(path)
    if isinstance(data, InputError):
        return data
    text = _decode(data, str(path))
    if isinstance(text, InputError):
        return text
    if not text.strip():
        return InputError(str(path), "empty (only whitespace)")
    return InputDoc(text, {"source": str(path)})


def extract_html(markup: Union[str, bytes]) -> Tuple[Optional[str], Dict[str, Any]]:
    """Main text and metadata (title, author, date, url) of an HTML page, by trafilatura."""
    import trafilatura

    doc = trafilatura.bare_extraction(markup, include_comments=False, include_tables=False, with_metadata=True)
    result = doc.as_dict() if doc is not None and hasattr(doc, "as_dict") else doc
    if not result or not (result.get("text") or "").strip():
        return None, {}
    text = result["text"].strip()
    meta = {k: result.get(k) for k in ("title", "author", "date", "url", "sitename") if result.get(k)}
    title = (meta.get("title") or "").strip()
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return text, meta


def read_html_file(path: Path) -> InputItem:
    """The main text of an ``.html``/``.htm`` file as one document."""
    data = _read_bytes(path)
    if isinstance(data, InputError):
        return data
    # pages declare their own encoding: trafilatura detects it from the bytes
    try:
        text, meta = extract_html(data)
    except Exception as err:  # a parser failure on one page must not stop the others
        return InputError(str(path), f"cannot extract text from HTML ({type(err).__name__}: {err})")
    if text is None:
        return InputError(str(path), "no main text found in the HTML")
    return InputDoc(text, {"source": str(path), **meta})


def iter_jsonl(path: Path, text_key: str = "text") -> Iterator[InputItem]:
    """One document per JSONL line; a bad line is an InputError naming ``FILE:LINE``."""
    try:
        fh = _open_binary(path)
    except FileNotFoundError:
        yield InputError(str(path), "no such file")
        return
    except OSError as err:
        yield InputError(str(path), f"cannot read ({err.strerror or err})")
        return
    with fh:
        head = fh.read(SNIFF_BYTES)
        if not head.strip():
            yield InputError(str(path), "empty (no text)")
            return
        if b"\x00" in head:
            yield InputError(str(path), "binary data (NUL byte), not a JSONL file")
            return
        fh.seek(0)
        n_items = 0
        for line_no, raw in enumerate(fh, start=1):
            where = f"{path}:{line_no}"
            if not raw.strip():
                continue
            n_items += 1
            if b"\x00" in raw:
                yield InputError(where, "binary data (NUL byte)")
                continue
            line = _decode(raw, where)
            if isinstance(line, InputError):
                yield line
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                yield InputError(where, f"malformed JSON ({err.msg}, column {err.colno})")
                continue
            if not isinstance(record, dict):
                yield InputError(where, f"expected a JSON object, got {type(record).__name__}")
                continue
            text = record.get(text_key)
            if not isinstance(text, str):
                keys = ", ".join(sorted(record)) or "none"
                yield InputError(where, f"no string field {text_key!r} (keys: {keys}); see --text-key")
                continue
            if not text.strip():
                yield InputError(where, f"empty {text_key!r}")
                continue
            meta: Dict[str, Any] = {}
            for k, v in record.items():
                if k == text_key:
                    continue
                if k == "meta" and isinstance(v, dict):
                    meta.update(v)
                else:
                    meta[k] = v
            # the input location wins; a record's own "source"/"line" is kept aside
            for k in ("source", "line"):
                if k in meta:
                    meta[f"record_{k}"] = meta.pop(k)
            meta.update({"source": str(path), "line": line_no})
            yield InputDoc(text, meta)
        if n_items == 0:
            yield InputError(str(path), "empty (no records)")


def read_stdin(stream: Optional[IO] = None) -> InputItem:
    """Standard input as one plain-text document."""
    stream = stream if stream is not None else sys.stdin
    buf = getattr(stream, "buffer", None)
    data = buf.read() if buf is not None else stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8", "surrogateescape")
    bad = _check_bytes(data, "<stdin>")
    if bad is not None:
        return bad
    text = _decode(data, "<stdin>")
    if isinstance(text, InputError):
        return text
    return InputDoc(text, {"source": "<stdin>"})


def walk(directory: Path) -> Iterator[Path]:
    """Files with a known suffix under ``directory``, recursively, in sorted order."""
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                yield Path(root) / name


def iter_path(path: Path, text_key: str = "text") -> Iterator[InputItem]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(path, text_key)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path)
    else:
        yield read_text_file(path)


def iter_inputs(inputs: Sequence[Union[str, Path]], text_key: str = "text",
                stdin: Optional[IO] = None) -> Iterator[InputItem]:
    """InputDoc or InputError for each document of each input, lazily and in order."""
    for arg in inputs:
        if str(arg) == STDIN:
            yield read_stdin(stdin)
            continue
        path = Path(arg)
        if path.is_dir():
            found = False
            for file in walk(path):
                found = True
                yield from iter_path(file, text_key)
            if not found:
                yield InputError(str(path), f"directory holds no {'/'.join(SUFFIXES)} files")
        elif not path.exists() and not path.is_symlink():
            yield InputError(str(path), "no such file or directory")
        else:
            yield from iter_path(path, text_key)
