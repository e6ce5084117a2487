"""Annotated Docs as JSON-serialisable records (the ``jsonl`` output, the compare
report and the tables): spans with their score and resolver fields, the profile, meta."""
from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from spacy.tokens import Doc

from .. import DEFAULT_SPANS_KEY, LABELS
from ..pipeline.extensions import LABEL_FIELDS, SPAN_FIELDS


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
    for name in SPAN_FIELDS:
        applies = name in LABEL_FIELDS.get(label, ())
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

