"""``hedgewatch_resolver``: source, cue, content, source kind, denier, denied and hedge
speaker of the spans of ``doc.spans[spans_key]``; ``hedgewatch_profile``: the document
certainty profile of ``doc.spans[spans_key]``.

Both compute in ``__call__`` and store their results in ``doc.user_data``; the ``._``
attributes (:mod:`.extensions`) are pure getters over what they stored.
"""
from spacy.language import Language
from spacy.tokens import Doc

from .. import DEFAULT_SPANS_KEY
from .extensions import PROFILE_KEY, USER_DATA_KEY, install_extensions
from .profile import build_profile
from .resolution import resolve_doc

__all__ = ["Resolver", "Profiler", "install_extensions", "make_resolver", "make_profile"]


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
