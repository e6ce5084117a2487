"""Reading and validating the annotated corpus (JSONL); writing DocBins atomically.

A corpus line is ``{"text": str, "spans": [{"start", "end", "label"}...], "meta": {...}}``.
Every problem is reported as ``FILE:LINE: reason`` and stops the conversion: a span
off token boundaries is never silently dropped.
"""
import json
from pathlib import Path
from typing import Dict, Iterator, List, Sequence, Tuple

from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span

from .. import DEFAULT_SPANS_KEY, LABELS
from ..files import atomic_write, write_json, write_jsonl  # noqa: F401  (re-exported for the scripts)

MAX_LINE_BYTES = 50_000_000


class CorpusError(ValueError):
    """A corpus file problem, with file and line in the message."""


def read_jsonl(path: Path) -> Iterator[Tuple[int, dict]]:
    """Yield (line number, record) for each non-blank line of a JSONL file."""
    path = Path(path)
    try:
        fh = path.open("rb")
    except OSError as err:
        raise CorpusError(f"{path}: cannot open ({err.strerror})") from None
    with fh:
        for line_no, raw in enumerate(fh, start=1):
            if len(raw) > MAX_LINE_BYTES:
                raise CorpusError(f"{path}:{line_no}: line longer than {MAX_LINE_BYTES} bytes")
            if b"\x00" in raw:
                raise CorpusError(f"{path}:{line_no}: binary data (NUL byte)")
            try:
                line = raw.decode("utf8")
            except UnicodeDecodeError as err:
                raise CorpusError(f"{path}:{line_no}: not UTF-8 ({err.reason} at byte {err.start})") from None
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as err:
                raise CorpusError(f"{path}:{line_no}: malformed JSON ({err.msg}, column {err.colno})") from None
            if not isinstance(record, dict):
                raise CorpusError(f"{path}:{line_no}: expected a JSON object, got {type(record).__name__}")
            yield line_no, record


def validate_record(record: dict, where: str, labels: Sequence[str] = LABELS) -> None:
    text = record.get("text")
    if not isinstance(text, str):
        raise CorpusError(f"{where}: missing or non-string 'text'")
    if not text.strip():
        raise CorpusError(f"{where}: empty 'text'")
    spans = record.get("spans", [])
    if not isinstance(spans, list):
        raise CorpusError(f"{where}: 'spans' must be a list")
    for k, s in enumerate(spans):
        if not isinstance(s, dict) or not {"start", "end", "label"} <= set(s):
            raise CorpusError(f"{where}: span #{k} needs 'start', 'end' and 'label': {s!r}")
        if not isinstance(s["start"], int) or not isinstance(s["end"], int):
            raise CorpusError(f"{where}: span #{k} offsets must be integers: {s!r}")
        if not 0 <= s["start"] < s["end"] <= len(text):
            raise CorpusError(
                f"{where}: span #{k} {s['start']}-{s['end']} outside the text (length {len(text)})"
            )
        if s["label"] not in labels:
            raise CorpusError(f"{where}: span #{k} has unknown label {s['label']!r} (known: {', '.join(labels)})")


def record_to_doc(nlp: Language, record: dict, where: str, spans_key: str = DEFAULT_SPANS_KEY) -> Doc:
    """Make a Doc with the record's spans in ``doc.spans[spans_key]``.

    Raises CorpusError naming the span if it does not align to token boundaries.
    """
    validate_record(record, where)
    text = record["text"]
    doc = nlp.make_doc(text)
    spans: List[Span] = []
    for s in record.get("spans", []):
        span = doc.char_span(s["start"], s["end"], label=s["label"])
        if span is None:
            line = text.count("\n", 0, s["start"]) + 1
            raise CorpusError(
                f"{where}: {s['label']} span {s['start']}-{s['end']} "
                f"{text[s['start']:s['end']]!r} (text line {line}) does not align to token boundaries"
            )
        spans.append(span)
    doc.spans[spans_key] = spans
    meta = record.get("meta") or {}
    doc.user_data["meta"] = meta
    return doc


def read_corpus_docs(nlp: Language, paths: Sequence[Path], spans_key: str = DEFAULT_SPANS_KEY) -> List[Doc]:
    docs = []
    for path in paths:
        for line_no, record in read_jsonl(path):
            doc = record_to_doc(nlp, record, f"{path}:{line_no}", spans_key)
            doc.user_data.setdefault("meta", {})
            doc.user_data["meta"].setdefault("source", Path(path).name)
            doc.user_data["meta"]["corpus_file"] = Path(path).name
            doc.user_data["meta"]["corpus_line"] = line_no
            docs.append(doc)
    return docs


def write_docbin(docs: Sequence[Doc], path: Path) -> None:
    db = DocBin(store_user_data=True, docs=docs)
    with atomic_write(path) as fh:
        fh.write(db.to_bytes())


def span_counts(docs: Sequence[Doc], spans_key: str = DEFAULT_SPANS_KEY) -> Dict[str, int]:
    counts = {label: 0 for label in LABELS}
    for doc in docs:
        for span in doc.spans.get(spans_key, []):
            counts[span.label_] = counts.get(span.label_, 0) + 1
    return counts
