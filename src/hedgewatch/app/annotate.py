"""Running the pipeline over a stream of inputs.

:func:`annotate` runs the pipeline over the stream with ``nlp.pipe``; a text longer
than ``nlp.max_length`` is cut into pieces at paragraph, else sentence, else line or
word boundaries, processed piece by piece and joined back into one Doc whose offsets
refer to the whole text (the resolver and profile are re-run on the joined Doc).
"""
from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator, List, Optional, Tuple

from spacy.language import Language
from spacy.tokens import Doc

from .. import DEFAULT_SPANS_KEY
from .readers import InputError, InputItem

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
