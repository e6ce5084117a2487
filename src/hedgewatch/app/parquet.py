"""Parquet rows for annotated articles (``annotate --format parquet``).

One row per article, built from the same JSONL record the CLI writes
(:func:`hedgewatch.app.records.doc_to_record`), so both outputs carry the same spans,
resolver fields and profile. The schema is fixed (every partition file of a run has the
same one, so a directory of them reads as one dataset):

- ``id``: the input record's ``id`` field, else ``source:line`` (JSONL), else the file path;
- ``source``, ``line``: where the article was read (``line`` only for JSONL);
- ``outlet``, ``date``, ``title``: from the record's meta when present (``outlet``, else
  ``sitename``/``publisher``/``record_source``; ``date``, else ``published``), for the report;
- ``text_sha256``, ``chars``;
- ``spans``: list of structs (label, start, end, text, score, and the resolver fields:
  source, cue, content, source_resolved, denier, denied as {start, end, text}; source_kind;
  speaker as {kind: "author"|"attribution", start, end, text});
- the certainty profile's scalar fields as columns (``words``, ``sentences``,
  ``hedges``, ``attributions``, ``denials``, ``hedges_per_1000_words``, ...) and the
  whole profile as JSON in ``profile``; the rest of the meta as JSON in ``meta``.

Errors (a bad article) are rows of a separate schema: id, source, line, reason.
"""
from __future__ import annotations

import hashlib
import json
from typing import Any, Dict, List, Optional

import pyarrow as pa

OFFSETS = pa.struct([("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
SPEAKER = pa.struct([("kind", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])
SPAN = pa.struct([
    ("label", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string()),
    ("score", pa.float32()),
    ("source", OFFSETS), ("cue", OFFSETS), ("content", OFFSETS), ("source_resolved", OFFSETS),
    ("source_kind", pa.string()), ("denier", OFFSETS), ("denied", OFFSETS), ("speaker", SPEAKER),
])
# (column, type, how to read it from the profile)
PROFILE_COLUMNS = [
    ("words", pa.int32(), ("words",)),
    ("sentences", pa.int32(), ("sentences",)),
    ("hedges", pa.int32(), ("counts", "HEDGE")),
    ("attributions", pa.int32(), ("counts", "ATTRIBUTION")),
    ("denials", pa.int32(), ("counts", "DENIAL")),
    ("hedges_per_1000_words", pa.float32(), ("per_1000_words", "HEDGE")),
    ("attributions_per_1000_words", pa.float32(), ("per_1000_words", "ATTRIBUTION")),
    ("denials_per_1000_words", pa.float32(), ("per_1000_words", "DENIAL")),
    ("hedged_sentence_share", pa.float32(), ("hedged_sentence_share",)),
    ("hedges_author", pa.int32(), ("hedges_by_speaker", "author")),
    ("hedges_quoted", pa.int32(), ("hedges_by_speaker", "quoted")),
    ("attributions_named", pa.int32(), ("attributions_by_source_kind", "named")),
    ("attributions_anonymous", pa.int32(), ("attributions_by_source_kind", "anonymous")),
    ("attributions_no_source", pa.int32(), ("attributions_by_source_kind", "none")),
    ("anonymous_source_share", pa.float32(), ("anonymous_source_share",)),
]
SCHEMA = pa.schema(
    [("id", pa.string()), ("source", pa.string()), ("line", pa.int64()),
     ("outlet", pa.string()), ("date", pa.string()), ("title", pa.string()),
     ("text_sha256", pa.string()), ("chars", pa.int64()),
     ("spans", pa.list_(SPAN))]
    + [(name, typ) for name, typ, _ in PROFILE_COLUMNS]
    + [("unhedged_unattributed_assertions", pa.int32()), ("profile", pa.string()), ("meta", pa.string())]
)
ERROR_SCHEMA = pa.schema([("id", pa.string()), ("source", pa.string()), ("line", pa.int64()), ("reason", pa.string())])

OUTLET_KEYS = ("outlet", "sitename", "publisher", "record_source")
DATE_KEYS = ("date", "published", "publish_date")
PROMOTED = {"id", "source", "line", "title"} | set(OUTLET_KEYS) | set(DATE_KEYS)


def _first(meta: Dict[str, Any], keys) -> Optional[str]:
    for k in keys:
        v = meta.get(k)
        if v is not None and v != "":
            return str(v)
    return None


def article_id(meta: Dict[str, Any]) -> str:
    """The record's ``id``, else ``source:line``, else the source (a file path)."""
    if meta.get("id") is not None and meta.get("id") != "":
        return str(meta["id"])
    source = str(meta.get("source", "?"))
    return f"{source}:{meta['line']}" if meta.get("line") is not None else source


def _dig(d: Optional[Dict[str, Any]], path) -> Any:
    for key in path:
        if not isinstance(d, dict):
            return None
        d = d.get(key)
    return d


def _speaker(value) -> Optional[Dict[str, Any]]:
    if value is None:
        return None
    if isinstance(value, str):
        return {"kind": value, "start": None, "end": None, "text": None}
    return {"kind": "attribution", "start": value.get("start"), "end": value.get("end"), "text": value.get("text")}


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)


def record_to_row(record: Dict[str, Any]) -> Dict[str, Any]:
    """A Parquet row from a :func:`~hedgewatch.app.records.doc_to_record` record."""
    meta = dict(record.get("meta") or {})
    text = record["text"]
    profile = record.get("profile") or {}
    spans = []
    for s in record.get("spans", []):
        span = {k: s.get(k) for k in ("label", "start", "end", "text", "score", "source", "cue", "content",
                                      "source_resolved", "source_kind", "denier", "denied")}
        span["speaker"] = _speaker(s.get("speaker"))
        spans.append(span)
    row = {
        "id": article_id(meta),
        "source": None if meta.get("source") is None else str(meta["source"]),
        "line": meta.get("line") if isinstance(meta.get("line"), int) else None,
        "outlet": _first(meta, OUTLET_KEYS),
        "date": _first(meta, DATE_KEYS),
        "title": _first(meta, ("title",)),
        "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        "chars": len(text),
        "spans": spans,
    }
    for name, _, path in PROFILE_COLUMNS:
        row[name] = _dig(profile, path)
    row["unhedged_unattributed_assertions"] = len(profile.get("unhedged_unattributed_assertions") or [])
    row["profile"] = _json(profile)
    row["meta"] = _json({k: v for k, v in meta.items() if k not in PROMOTED})
    return row


def error_row(where: str, reason: str, meta: Optional[Dict[str, Any]] = None) -> Dict[str, Any]:
    """An errors-file row; ``where`` is ``FILE`` or ``FILE:LINE`` as the readers name it."""
    source, line = where, None
    head, sep, tail = where.rpartition(":")
    if sep and tail.isdigit():
        source, line = head, int(tail)
    ident = article_id(meta) if meta else where
    return {"id": ident, "source": source, "line": line, "reason": reason}


def rows_table(rows: List[Dict[str, Any]]) -> pa.Table:
    return pa.Table.from_pylist(rows, schema=SCHEMA)
