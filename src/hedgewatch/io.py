"""Reading articles and writing annotated documents, for the command line.

Plain functions; ``hedgewatch.cli`` is a thin layer over them.

Reading (:func:`iter_inputs`) is a generator over the input arguments that yields an
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

:func:`annotate` runs the pipeline over the stream with ``nlp.pipe``; a text longer
than ``nlp.max_length`` is cut into pieces at paragraph, else sentence, else line or
word boundaries, processed piece by piece and joined back into one Doc whose offsets
refer to the whole text (the resolver and profile are re-run on the joined Doc).

Writers (:func:`write_docs`) stream Docs into ``jsonl``, ``html`` (one self-contained
file, displaCy's span view per document and the certainty profile as a table),
``spacy`` (a DocBin that keeps user data) or ``table`` (a terminal summary). Files are
written atomically and never overwritten unless ``force`` is set.
"""
from __future__ import annotations

import html
import json
import os
import re
import sys
import warnings
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, IO, Iterable, Iterator, List, Optional, Sequence, Tuple, Union

from spacy.language import Language
from spacy.tokens import Doc, DocBin

from . import DEFAULT_SPANS_KEY, LABELS
from .corpus import atomic_write

TEXT_SUFFIXES = (".txt",)
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES + JSONL_SUFFIXES
STDIN = "-"
FORMATS = ("jsonl", "html", "spacy", "table")
SUFFIX_FORMATS = {".jsonl": "jsonl", ".html": "html", ".htm": "html", ".spacy": "spacy",
                  ".md": "table", ".txt": "table"}
SNIFF_BYTES = 8192
RESOLVER_FIELDS = ("source", "cue", "content", "source_resolved", "denier", "denied")
COLORS = {"HEDGE": "#ffd166", "ATTRIBUTION": "#8ecae6", "DENIAL": "#f4978e"}


class OutputExistsError(FileExistsError):
    """The output file exists and ``force`` was not given."""


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


# --- long texts -------------------------------------------------------------------
_SENT_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_PARA = re.compile(r"\n\s*\n\s*")
_LINE = re.compile(r"\n\s*")
_SPACE = re.compile(r"\s+")


def split_text(text: str, max_length: int) -> List[str]:
    """Cut ``text`` into pieces of at most ``max_length`` characters whose concatenation
    is ``text``: at the last paragraph break in each window, else the last sentence end,
    else line break, else whitespace, else hard (a piece keeps its trailing whitespace)."""
    if max_length <= 0:
        raise ValueError("max_length must be positive")
    pieces: List[str] = []
    pos = 0
    n = len(text)
    while n - pos > max_length:
        window = text[pos : pos + max_length]
        cut = None
        for pattern in (_PARA, _SENT_END, _LINE, _SPACE):
            # not too early in the window, or the pieces get small
            ends = [m.end() for m in pattern.finditer(window) if m.end() > max_length // 4]
            if ends:
                cut = ends[-1]
                break
        if cut is None:
            cut = max_length
        pieces.append(text[pos : pos + cut])
        pos += cut
    if pos < n or not pieces:
        pieces.append(text[pos:])
    return pieces


def _join_pieces(nlp: Language, docs: List[Doc], spans_key: str = DEFAULT_SPANS_KEY) -> Doc:
    """One Doc from the Docs of consecutive pieces; span scores carried over, resolver and
    profile re-run so that their character offsets refer to the whole text."""
    if len(docs) == 1:
        return docs[0]
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data"])
    scores: List[Optional[float]] = []
    have_scores = False
    for d in docs:
        group = d.spans.get(spans_key)
        if group is None:
            continue
        s = group.attrs.get("scores")
        have_scores = have_scores or s is not None
        scores.extend(list(s) if s is not None and len(s) == len(group) else [None] * len(group))
    if have_scores and spans_key in joined.spans:
        joined.spans[spans_key].attrs["scores"] = scores
    for name in ("hedgewatch_resolver", "hedgewatch_profile"):
        if name in nlp.pipe_names:
            joined = nlp.get_pipe(name)(joined)
    return joined


def annotate(nlp: Language, items: Iterable[InputItem], *, n_process: int = 1, batch_size: int = 32,
             on_error: Optional[Callable[[InputError], None]] = None) -> Iterator[Doc]:
    """Annotated Docs for the InputDocs of ``items``, in order; ``doc.user_data["meta"]``
    holds the input's meta. InputErrors go to ``on_error`` as they are met."""

    def feed() -> Iterator[Tuple[str, Tuple[int, int, Optional[dict]]]]:
        for number, item in enumerate(items):
            if isinstance(item, InputError):
                if on_error is not None:
                    on_error(item)
                continue
            pieces = split_text(item.text, nlp.max_length)
            for k, piece in enumerate(pieces):
                yield piece, (k, len(pieces), item.meta if k == 0 else None)

    pending: List[Doc] = []
    meta: Optional[dict] = None
    for doc, (k, n, m) in nlp.pipe(feed(), as_tuples=True, n_process=n_process, batch_size=batch_size):
        if k == 0:
            pending, meta = [], m
        pending.append(doc)
        if k == n - 1:
            whole = _join_pieces(nlp, pending)
            whole.user_data["meta"] = dict(meta or {})
            pending = []
            yield whole


# --- records ----------------------------------------------------------------------
def _offsets(span) -> Optional[Dict[str, Any]]:
    if span is None:
        return None
    return {"start": span.start_char, "end": span.end_char, "text": span.text}


def span_record(span, score: Optional[float]) -> Dict[str, Any]:
    """A span with its score and resolver fields (None where a field does not apply)."""
    rec: Dict[str, Any] = {
        "start": span.start_char, "end": span.end_char, "label": span.label_, "text": span.text,
        "score": None if score is None else round(float(score), 4),
    }
    has_ext = span.has_extension("source")
    label = span.label_
    for name in RESOLVER_FIELDS:
        applies = (label == "ATTRIBUTION" and name in ("source", "cue", "content", "source_resolved")) or (
            label == "DENIAL" and name in ("denier", "denied"))
        rec[name] = _offsets(getattr(span._, name)) if (has_ext and applies) else None
    rec["source_kind"] = span._.source_kind if has_ext and label == "ATTRIBUTION" else None
    speaker = span._.speaker if has_ext and label == "HEDGE" else None
    rec["speaker"] = speaker if speaker is None or isinstance(speaker, str) else _offsets(speaker)
    return rec


def doc_spans(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> List[Tuple[Any, Optional[float]]]:
    """(span, score) pairs of ``doc.spans[spans_key]`` in document order."""
    group = doc.spans.get(spans_key)
    if group is None:
        return []
    scores = group.attrs.get("scores")
    if scores is None or len(scores) != len(group):
        scores = [None] * len(group)
    pairs = list(zip(group, scores))
    pairs.sort(key=lambda p: (p[0].start_char, -p[0].end_char, p[0].label_))
    return pairs


def profile_of(doc: Doc) -> Optional[Dict[str, Any]]:
    if Doc.has_extension("certainty_profile"):
        return doc._.certainty_profile
    return None


def doc_to_record(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> Dict[str, Any]:
    """The JSONL record of an annotated Doc: text, spans, profile, meta."""
    return {
        "text": doc.text,
        "spans": [span_record(s, score) for s, score in doc_spans(doc, spans_key)],
        "profile": profile_of(doc),
        "meta": doc.user_data.get("meta", {}),
    }


# --- writers ----------------------------------------------------------------------
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
    return _atomic_output(Path(output), "wb" if binary else "w")


@contextmanager
def _atomic_output(path: Path, mode: str):
    """``corpus.atomic_write``, then the permissions a plain ``open`` would give (the
    temporary file it renames into place is created private, 0600)."""
    with atomic_write(path, mode) as fh:
        yield fh
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(path, 0o666 & ~umask)


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


HTML_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }}
section.doc {{ border-top: 2px solid #ccc; margin-top: 2em; padding-top: 1em; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }}
th, td {{ border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }}
.legend span {{ padding: 2px 6px; margin-right: 6px; border-radius: 3px; font-size: 0.85em; font-weight: bold; }}
.flag {{ color: #a4161a; font-weight: bold; }}
.muted {{ color: #777; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="legend">{legend}</p>
"""
HTML_FOOT = "</body>\n</html>\n"
_BR = "\u2063BR\u2063"  # stands for a line break in displaCy's token stream


def html_head(title: str) -> str:
    legend = "".join(f'<span style="background: {c}">{html.escape(l)}</span>' for l, c in COLORS.items())
    return HTML_HEAD.format(title=html.escape(title), legend=legend)


def render_spans_html(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> str:
    """displaCy's span view of ``doc.spans[spans_key]`` (line breaks kept)."""
    from spacy import displacy

    options = {"spans_key": spans_key, "colors": COLORS}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W117: a doc without spans
        parsed = displacy.parse_spans(doc, options)
    parsed["title"] = None
    parsed["tokens"] = [
        (_BR * min(2, t.count("\n"))) if ("\n" in t and not t.strip()) else t for t in parsed["tokens"]
    ]
    markup = displacy.render(parsed, style="span", manual=True, options=options, page=False, jupyter=False)
    return markup.replace(_BR, "<br>")


def html_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = ["<table>", "<tr>" + "".join(f"<th>{html.escape(str(h))}</th>" for h in header) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{html.escape('' if c is None else str(c))}</td>" for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def profile_rows(profile: Optional[Dict[str, Any]]) -> List[Tuple[str, str]]:
    """The certainty profile as (measure, value) rows."""
    if not profile:
        return []
    rows = [("words", str(profile.get("words"))), ("sentences", str(profile.get("sentences")))]
    for label in LABELS:
        rows.append((f"{label} spans (per 1000 words)",
                     f"{profile['counts'].get(label, 0)} ({profile['per_1000_words'].get(label, 0)})"))
    rows.append(("hedged sentence share", f"{profile.get('hedged_sentence_share', 0):.0%}"))
    sp = profile.get("hedges_by_speaker", {})
    rows.append(("hedges by the author / in quotes", f"{sp.get('author', 0)} / {sp.get('quoted', 0)}"))
    kinds = profile.get("attributions_by_source_kind", {})
    rows.append(("attributions named / anonymous / no source",
                 f"{kinds.get('named', 0)} / {kinds.get('anonymous', 0)} / {kinds.get('none', 0)}"))
    rows.append(("anonymous source share", f"{profile.get('anonymous_source_share', 0):.0%}"))
    for d in profile.get("denials", []):
        rows.append(("denial", f"{d['text']!r} by {d['denier'] or '?'} of {d['denied'] or '?'}"))
    un = profile.get("unhedged_unattributed_assertions", [])
    rows.append(("unhedged, unattributed assertions", str(len(un))))
    for a in un:
        rows.append(("", a["text"]))
    return rows


def render_doc_html(doc: Doc, number: int) -> str:
    meta = doc.user_data.get("meta", {})
    name = meta.get("source", f"document {number}")
    if "line" in meta:
        name = f"{name}:{meta['line']}"
    spans = [span_record(s, score) for s, score in doc_spans(doc)]
    span_rows = []
    for r in spans:
        detail = []
        if r["label"] == "ATTRIBUTION":
            detail.append(f"source: {r['source']['text'] if r['source'] else '-'} ({r['source_kind']})")
            if r["content"]:
                detail.append(f"content: {r['content']['text']}")
        elif r["label"] == "DENIAL":
            detail.append(f"denier: {r['denier']['text'] if r['denier'] else '-'}")
            if r["denied"]:
                detail.append(f"denied: {r['denied']['text']}")
        elif r["label"] == "HEDGE":
            sp = r["speaker"]
            detail.append(f"speaker: {sp if isinstance(sp, str) or sp is None else sp['text']}")
        span_rows.append((r["label"], r["text"], "" if r["score"] is None else f"{r['score']:.2f}", "; ".join(detail)))
    return "\n".join([
        f'<section class="doc" id="doc-{number}">',
        f"<h2>{html.escape(str(name))}</h2>",
        render_spans_html(doc),
        "<h3>Certainty profile</h3>",
        html_table(("measure", "value"), profile_rows(profile_of(doc))),
        "<details><summary>Spans</summary>",
        html_table(("label", "text", "score", "resolved"), span_rows),
        "</details>",
        "</section>",
    ])


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


def text_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A pipe table padded for the terminal that is also valid Markdown."""
    cells = [[str(h) for h in header]] + [["" if c is None else str(c).replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    def line(row):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), sep] + [line(r) for r in cells[1:]])


TABLE_HEADER = ("document", "words", "HEDGE", "ATTRIBUTION", "DENIAL", "hedged sents",
                "anon. sources", "unhedged assertions")


def table_row(doc: Doc) -> List[Any]:
    meta = doc.user_data.get("meta", {})
    name = str(meta.get("source", "?")) + (f":{meta['line']}" if "line" in meta else "")
    p = profile_of(doc) or {}
    counts = p.get("counts") or {l: sum(1 for s in doc.spans.get(DEFAULT_SPANS_KEY, []) if s.label_ == l) for l in LABELS}
    return [name, p.get("words", len(doc)), counts.get("HEDGE", 0), counts.get("ATTRIBUTION", 0),
            counts.get("DENIAL", 0), f"{p.get('hedged_sentence_share', 0):.0%}",
            f"{p.get('anonymous_source_share', 0):.0%}", len(p.get("unhedged_unattributed_assertions", []))]


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
