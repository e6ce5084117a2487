"""Reading articles for the command line.

:func:`iter_inputs` is a generator over the input arguments that yields an
:class:`InputDoc` per document or an :class:`InputError` per bad input, so one bad file
never stops the others and memory stays flat in the number of documents:

- ``.txt``: the file is one document (UTF-8; a file that starts with a UTF-16 or UTF-32
  byte-order mark is decoded as such, a UTF-8 byte-order mark is dropped);
- ``.html`` / ``.htm``: the main text extracted by trafilatura (navigation, boilerplate,
  comment sections and tables dropped), headed by the page title when trafilatura finds
  one that the text does not already start with; a page nested too deeply for lxml
  (more than ~250 levels) goes through a plain fallback extractor instead;
- ``.jsonl``: one document per line, the text under ``text_key``; the other keys go
  into ``meta`` (a ``meta`` object is merged in); a line with a lone surrogate
  (``"\\ud800"``: valid JSON, invalid Unicode) in any field is a bad record, ``NaN`` and
  ``Infinity`` become null;
- a directory: walked recursively (sorted) for the extensions above, leaving out the
  paths in ``exclude`` (this run's output) and files hedgewatch wrote (a JSONL of
  annotate records, an annotate table), so a run never reads its own output back;
- ``-``: standard input, one plain-text document.
"""
from __future__ import annotations

import codecs
import io
import json
import os
import re
import sys
from html.parser import HTMLParser
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Dict, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
STDIN = "-"
SNIFF_BYTES = 8192
# byte-order marks, longest first (a UTF-32-LE mark starts with the UTF-16-LE one)
BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
SURROGATE = re.compile("[\ud800-\udfff]")
# what lxml (trafilatura) parses; deeper pages go to the fallback extractor
MAX_HTML_DEPTH = 250
# the first line of a JSONL file read to tell whether hedgewatch wrote it
OWN_OUTPUT_SNIFF = 16 * 1024 * 1024
OWN_RECORD_KEYS = {"text", "spans", "profile", "meta"}
OWN_TABLE_HEAD = re.compile(r"^\|\s*document\s*\|\s*words\s*\|\s*HEDGE\s*\|")


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


def bom_encoding(data: bytes) -> Optional[str]:
    """The encoding a byte-order mark at the start of ``data`` names, or None."""
    for bom, name in BOMS:
        if data.startswith(bom):
            return name
    return None


def _check_bytes(data: bytes, where: str) -> Optional[InputError]:
    if not data.strip():
        return InputError(where, "empty (no text)")
    if bom_encoding(data) in ("utf-16", "utf-32"):
        return None  # NUL bytes are part of the encoding
    nul = data.find(b"\x00")
    if nul >= 0:
        return InputError(where, f"binary data (NUL byte at offset {nul}), not a text file")
    return None


def _decode(data: bytes, where: str) -> Union[str, InputError]:
    enc = bom_encoding(data)
    if enc in ("utf-16", "utf-32"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError as err:
            return InputError(where, f"starts with a {enc.upper()} byte-order mark but is not valid {enc.upper()} "
                                     f"({err.reason} at byte {err.start}); convert it to UTF-8")
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


class _PlainText(HTMLParser):
    """The fallback extractor: the text of the block elements of a page of any depth,
    without scripts, styles, navigation, headers, footers, asides, forms and comment
    sections; also measures the page's nesting depth."""

    SKIP = {"script", "style", "noscript", "nav", "header", "footer", "aside", "form", "template", "svg",
            "button", "select", "iframe"}
    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "br", "tr", "section", "article",
             "blockquote", "pre", "figcaption", "main", "title", "dd", "dt"}
    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: List[Tuple[str, bool]] = []
        self.depth = self.max_depth = 0
        self.parts: List[str] = []
        self.title: List[str] = []

    def _skipping(self) -> bool:
        return bool(self.stack) and self.stack[-1][1]

    def handle_starttag(self, tag, attrs):
        if tag in self.VOID:
            if tag == "br":
                self.parts.append("\n")
            return
        marks = " ".join(v or "" for k, v in attrs if k in ("id", "class")).lower()
        skip = self._skipping() or tag in self.SKIP or "comment" in marks
        self.stack.append((tag, skip))
        self.max_depth = max(self.max_depth, len(self.stack))
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                break
        if tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if self.stack and self.stack[-1][0] == "title":
            self.title.append(data)
            return
        if not self._skipping():
            self.parts.append(data)

    def text(self) -> str:
        lines = (" ".join(line.split()) for line in "".join(self.parts).split("\n"))
        return "\n\n".join(line for line in lines if line)


def html_depth_and_text(markup: str) -> Tuple[int, str, str]:
    """(nesting depth, plain text, title) of ``markup`` by the fallback extractor."""
    p = _PlainText()
    p.feed(markup)
    p.close()
    return p.max_depth, p.text(), " ".join("".join(p.title).split())


def _markup_str(data: bytes) -> str:
    enc = bom_encoding(data)
    if enc:
        return data.decode(enc, errors="replace").lstrip("\ufeff")
    m = re.search(rb"""<meta[^>]+charset=["']?([A-Za-z0-9_-]+)""", data[:4096], re.IGNORECASE)
    try:
        return data.decode(m.group(1).decode("ascii") if m else "utf-8", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def read_html_file(path: Path) -> InputItem:
    """The main text of an ``.html``/``.htm`` file as one document."""
    data = _read_bytes(path)
    if isinstance(data, InputError):
        return data
    # pages declare their own encoding: trafilatura detects it from the bytes; a page
    # with a UTF-16/32 byte-order mark is decoded first
    markup: Union[str, bytes] = _markup_str(data) if bom_encoding(data) in ("utf-16", "utf-32") else data
    text, meta, failure = None, {}, None
    try:
        text, meta = extract_html(markup)
    except Exception as err:  # a parser failure on one page must not stop the others
        failure = f"{type(err).__name__}: {err}"
    # lxml gives up on pages nested deeper than ~255 levels (trafilatura then finds little
    # or nothing): those go through the fallback extractor
    depth, plain, title = html_depth_and_text(markup if isinstance(markup, str) else _markup_str(markup))
    if text is None or depth > MAX_HTML_DEPTH:
        if depth > MAX_HTML_DEPTH:
            if not plain.strip():
                return InputError(str(path), f"no text found in the HTML (nested {depth} levels deep)")
            if title and not plain.startswith(title):
                plain = f"{title}\n\n{plain}"
            meta = {"title": title} if title else {}
            return InputDoc(plain, {"source": str(path), **meta, "extractor": f"fallback (nested {depth} levels)"})
        if failure:
            return InputError(str(path), f"cannot extract text from HTML ({failure})")
        return InputError(str(path), "no main text found in the HTML")
    return InputDoc(text, {"source": str(path), **meta})


def _bad_unicode(value: Any, field: str) -> Optional[str]:
    """The first field of a JSON value holding a lone surrogate, as ``'field'`` (with
    ``.key``/``[i]`` for nested values), or None."""
    if isinstance(value, str):
        m = SURROGATE.search(value)
        return f"{field!r} (U+{ord(m.group()):04X})" if m else None
    if isinstance(value, dict):
        for k, v in value.items():
            bad = _bad_unicode(k, f"{field}.<key>") or _bad_unicode(v, f"{field}.{k}")
            if bad:
                return bad
    elif isinstance(value, list):
        for i, v in enumerate(value):
            bad = _bad_unicode(v, f"{field}[{i}]")
            if bad:
                return bad
    return None


def _lines(fh: IO[bytes], head: bytes) -> Iterator[Union[bytes, str]]:
    enc = bom_encoding(head)
    if enc in ("utf-16", "utf-32"):
        yield from io.TextIOWrapper(fh, encoding=enc, newline="")
    else:
        yield from fh


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
        wide = bom_encoding(head) in ("utf-16", "utf-32")
        if b"\x00" in head and not wide:
            yield InputError(str(path), "binary data (NUL byte), not a JSONL file")
            return
        fh.seek(0)
        n_items = 0
        try:
            for line_no, raw in enumerate(_lines(fh, head), start=1):
                where = f"{path}:{line_no}"
                if not raw.strip():
                    continue
                n_items += 1
                if isinstance(raw, bytes):
                    if b"\x00" in raw:
                        yield InputError(where, "binary data (NUL byte)")
                        continue
                    line = _decode(raw, where)
                    if isinstance(line, InputError):
                        yield line
                        continue
                else:
                    line = raw.lstrip("\ufeff")
                yield _jsonl_record(line, where, str(path), line_no, text_key)
        except UnicodeDecodeError as err:
            yield InputError(str(path), f"not valid {bom_encoding(head).upper()} ({err.reason}); convert it to UTF-8")
        if n_items == 0:
            yield InputError(str(path), "empty (no records)")


def _null_constant(name: str) -> None:
    """NaN, Infinity, -Infinity in a record: JSON has no such numbers; read as null."""
    return None


def _jsonl_record(line: str, where: str, path: str, line_no: int, text_key: str) -> InputItem:
    """The InputDoc of one JSONL line, or the InputError that costs only this line."""
    try:
        record = json.loads(line, parse_constant=_null_constant)
    except json.JSONDecodeError as err:
        return InputError(where, f"malformed JSON ({err.msg}, column {err.colno})")
    if not isinstance(record, dict):
        return InputError(where, f"expected a JSON object, got {type(record).__name__}")
    bad = _bad_unicode(record, "record")
    if bad:
        field = bad.replace("'record.", "'", 1)
        return InputError(where, f"lone surrogate in field {field}: not valid Unicode")
    text = record.get(text_key)
    if not isinstance(text, str):
        keys = ", ".join(sorted(record)) or "none"
        return InputError(where, f"no string field {text_key!r} (keys: {keys}); see --text-key")
    if not text.strip():
        return InputError(where, f"empty {text_key!r}")
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
    meta.update({"source": path, "line": line_no})
    return InputDoc(text, meta)


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
    if not text.strip():
        return InputError("<stdin>", "empty (only whitespace)")
    return InputDoc(text, {"source": "<stdin>"})


def _resolved(path: Union[str, Path]) -> Path:
    try:
        return Path(path).resolve()
    except (OSError, RuntimeError):
        return Path(os.path.abspath(path))


def is_own_output(path: Path) -> bool:
    """Did hedgewatch write ``path``: a JSONL whose first record is an annotate record
    (text, spans, profile, meta), or an annotate table?"""
    suffix = path.suffix.lower()
    try:
        with open(path, "rb") as fh:
            if suffix in JSONL_SUFFIXES:
                first = fh.readline(OWN_OUTPUT_SNIFF)
                try:
                    rec = json.loads(first)
                except ValueError:
                    return False
                return isinstance(rec, dict) and set(rec) == OWN_RECORD_KEYS
            if suffix in TEXT_SUFFIXES:
                return bool(OWN_TABLE_HEAD.match(fh.read(512).decode("utf-8", "replace")))
    except OSError:
        return False
    return False


def walk(directory: Path, exclude: Iterable[Union[str, Path]] = ()) -> Iterator[Path]:
    """Files with a known suffix under ``directory``, recursively, in sorted order;
    hidden files (temporary files), the paths in ``exclude`` and hedgewatch's own
    outputs (:func:`is_own_output`) are left out."""
    skip = {_resolved(p) for p in exclude}
    for root, dirs, files in os.walk(directory):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and Path(name).suffix.lower() in SUFFIXES:
                path = Path(root) / name
                if _resolved(path) in skip or is_own_output(path):
                    continue
                yield path


def iter_path(path: Path, text_key: str = "text") -> Iterator[InputItem]:
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        yield from iter_jsonl(path, text_key)
    elif suffix in HTML_SUFFIXES:
        yield read_html_file(path)
    else:
        yield read_text_file(path)


def iter_inputs(inputs: Sequence[Union[str, Path]], text_key: str = "text",
                stdin: Optional[IO] = None, exclude: Sequence[Union[str, Path]] = ()) -> Iterator[InputItem]:
    """InputDoc or InputError for each document of each input, lazily and in order;
    ``exclude``: this run's output file(s), never read as input."""
    skip = {_resolved(p) for p in exclude}
    for arg in inputs:
        if str(arg) == STDIN:
            yield read_stdin(stdin)
            continue
        path = Path(arg)
        if path.is_dir():
            found = False
            for file in walk(path, skip):
                found = True
                yield from iter_path(file, text_key)
            if not found:
                yield InputError(str(path), f"directory holds no {'/'.join(SUFFIXES)} files")
        elif not path.exists() and not path.is_symlink():
            yield InputError(str(path), "no such file or directory")
        elif _resolved(path) in skip:
            yield InputError(str(path), "is this run's output file; not read as input")
        else:
            yield from iter_path(path, text_key)
