"""The ``._`` attributes of hedgewatch, declared once (like spacy-transformers'
``install_extensions``).

The ``hedgewatch_resolver`` component resolves the spans of its ``spans_key`` and
stores the results in ``doc.user_data[USER_DATA_KEY]`` as character offsets, keyed by
:func:`span_key` (msgpack-safe, so a DocBin with user data and ``nlp.pipe(n_process=...)``
keep them); ``hedgewatch_profile`` stores the profile under ``PROFILE_KEY``. The
getters are pure: they turn what was stored back into Spans and never compute or
write anything. A span the resolver did not see (another key, a span made by hand)
reads as None; run the resolver on a doc to resolve its spans.

    span._.source, span._.cue, span._.content, span._.source_kind,
    span._.source_resolved                         (ATTRIBUTION)
    span._.denier, span._.denied                   (DENIAL)
    span._.speaker  -> "author" or an ATTRIBUTION Span   (HEDGE)
    doc._.certainty_profile -> dict (JSON-serialisable)
"""
from typing import Any, Dict, Optional

from spacy.tokens import Doc, Span

USER_DATA_KEY = "hedgewatch_resolved"
PROFILE_KEY = "hedgewatch_profile"
# span-valued fields, in the order the app's records list them
SPAN_FIELDS = ("source", "cue", "content", "source_resolved", "denier", "denied")
# which fields apply to which label
LABEL_FIELDS = {
    "ATTRIBUTION": ("source", "cue", "content", "source_resolved", "source_kind"),
    "DENIAL": ("denier", "denied"),
    "HEDGE": ("speaker",),
}
SPAN_EXTENSIONS = SPAN_FIELDS + ("source_kind", "speaker")
DOC_EXTENSIONS = ("certainty_profile",)


def span_key(span: Span) -> str:
    """The key of a span's fields in the resolver's store."""
    return f"{span.start_char}:{span.end_char}:{span.label_}"


def stored_fields(span: Span) -> Dict[str, Any]:
    store = span.doc.user_data.get(USER_DATA_KEY)
    if not store:
        return {}
    return store.get(span_key(span), {})


def _span_getter(name: str):
    def get(span: Span) -> Optional[Span]:
        value = stored_fields(span).get(name)
        if value is None:
            return None
        return span.doc.char_span(value[0], value[1])

    return get


def _get_source_kind(span: Span) -> Optional[str]:
    return stored_fields(span).get("source_kind")


def _get_speaker(span: Span):
    value = stored_fields(span).get("speaker")
    if value is None or value == "author":
        return value
    return span.doc.char_span(value[0], value[1], label="ATTRIBUTION")


def _get_profile(doc: Doc) -> Optional[Dict[str, Any]]:
    return doc.user_data.get(PROFILE_KEY)


def install_extensions() -> None:
    """Register the Span/Doc extensions (idempotent)."""
    getters = {name: _span_getter(name) for name in SPAN_FIELDS}
    getters.update(source_kind=_get_source_kind, speaker=_get_speaker)
    for name in SPAN_EXTENSIONS:
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getters[name])
    if not Doc.has_extension("certainty_profile"):
        Doc.set_extension("certainty_profile", getter=_get_profile)
