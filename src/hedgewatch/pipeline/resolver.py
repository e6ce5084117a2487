"""``hedgewatch_resolver``: source, cue, content, source kind, denier, denied and hedge
speaker on the spans of ``doc.spans[spans_key]``; ``hedgewatch_profile``: the document
certainty profile.

Results live in ``doc.user_data`` as character offsets (so a DocBin with user data
keeps them); the extensions turn them back into Spans:

    span._.source, span._.cue, span._.content, span._.source_kind,
    span._.source_resolved                         (ATTRIBUTION)
    span._.denier, span._.denied                   (DENIAL)
    span._.speaker  -> "author" or an ATTRIBUTION Span   (HEDGE)
    doc._.certainty_profile -> dict (JSON-serialisable)

Extensions are installed idempotently when a component is created (or by calling
:func:`install_extensions`).
"""
from typing import Any, Dict, Optional

from spacy.language import Language
from spacy.tokens import Doc, Span

from .. import DEFAULT_SPANS_KEY
from .profile import build_profile
from .resolution import key, resolve_doc

USER_DATA_KEY = "hedgewatch_resolved"
PROFILE_KEY = "hedgewatch_profile"
SPAN_FIELDS = ("source", "cue", "content", "source_resolved", "denier", "denied")


def _fields(span: Span) -> Dict[str, Any]:
    doc = span.doc
    store = doc.user_data.get(USER_DATA_KEY)
    k = key(span)
    if store is None or k not in store:
        # not resolved by the pipeline (e.g. a span the user made): resolve it now
        spans = list(doc.spans.get(DEFAULT_SPANS_KEY, []))
        if all(key(s) != k for s in spans):
            spans.append(span)
        new = resolve_doc(doc, spans)
        store = dict(store or {}, **new)
        doc.user_data[USER_DATA_KEY] = store
    return store.get(k, {})


def _span_getter(name: str):
    def get(span: Span) -> Optional[Span]:
        value = _fields(span).get(name)
        if value is None:
            return None
        return span.doc.char_span(value[0], value[1])

    return get


def _get_source_kind(span: Span) -> Optional[str]:
    return _fields(span).get("source_kind")


def _get_speaker(span: Span):
    value = _fields(span).get("speaker")
    if value is None or value == "author":
        return value
    return span.doc.char_span(value[0], value[1], label="ATTRIBUTION")


def _get_profile(doc: Doc) -> Dict[str, Any]:
    prof = doc.user_data.get(PROFILE_KEY)
    if prof is None:
        prof = build_profile(doc, DEFAULT_SPANS_KEY)
        doc.user_data[PROFILE_KEY] = prof
    return prof


def install_extensions() -> None:
    """Register the Span/Doc extensions (idempotent)."""
    for name in SPAN_FIELDS:
        if not Span.has_extension(name):
            Span.set_extension(name, getter=_span_getter(name))
    if not Span.has_extension("source_kind"):
        Span.set_extension("source_kind", getter=_get_source_kind)
    if not Span.has_extension("speaker"):
        Span.set_extension("speaker", getter=_get_speaker)
    if not Doc.has_extension("certainty_profile"):
        Doc.set_extension("certainty_profile", getter=_get_profile)


class Resolver:
    def __init__(self, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        install_extensions()

    def __call__(self, doc: Doc) -> Doc:
        spans = list(doc.spans.get(self.spans_key, []))
        doc.user_data[USER_DATA_KEY] = resolve_doc(doc, spans)
        return doc


class Profiler:
    def __init__(self, name: str, spans_key: str) -> None:
        self.name = name
        self.spans_key = spans_key
        install_extensions()

    def __call__(self, doc: Doc) -> Doc:
        doc.user_data[PROFILE_KEY] = build_profile(doc, self.spans_key)
        return doc


@Language.factory(
    "hedgewatch_resolver",
    default_config={"spans_key": DEFAULT_SPANS_KEY},
    assigns=["span._.source", "span._.cue", "span._.content", "span._.source_kind",
             "span._.source_resolved", "span._.denier", "span._.denied", "span._.speaker"],
    requires=["doc.spans", "token.dep", "token.pos"],
    default_score_weights={},
)
def make_resolver(nlp: Language, name: str, spans_key: str) -> Resolver:
    """Resolve ATTRIBUTION, DENIAL and HEDGE spans against the parse."""
    return Resolver(name, spans_key)


@Language.factory(
    "hedgewatch_profile",
    default_config={"spans_key": DEFAULT_SPANS_KEY},
    assigns=["doc._.certainty_profile"],
    requires=["doc.spans"],
    default_score_weights={},
)
def make_profile(nlp: Language, name: str, spans_key: str) -> Profiler:
    """Compute ``doc._.certainty_profile``."""
    return Profiler(name, spans_key)
