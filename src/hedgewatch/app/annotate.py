"""Running the pipeline over a stream of inputs.

:func:`annotate` runs the pipeline over the stream with ``nlp.pipe``. A long text is cut
into pieces of at most :data:`PIECE_CHARS` (20,000) characters (and never more than
``nlp.max_length``) at paragraph, else sentence, else line or word boundaries; the
pieces go through the pipeline like short documents and are joined back into one Doc
whose offsets refer to the whole text. The resolver's results are carried over from the
pieces (shifted), the profile is re-run on the joined Doc (it is linear in its length),
so a long text costs memory in proportion to one piece, not to the whole text, and time
in proportion to its length. Batches are bounded by characters as well as by count
(:data:`BATCH_CHARS`), so a batch of long pieces is no bigger than a batch of articles.

:func:`check_pipeline` refuses a pipeline without the hedgewatch components, and
:func:`prepare_pipeline` adds the scraped-text noise marker (``hedgewatch_noise``) to a
pipeline trained before it existed.
"""
import re
from typing import Callable, Iterable, Iterator, List, Optional, Tuple

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from .. import DEFAULT_SPANS_KEY
from .readers import InputError, InputItem

# a piece of a long text: what the pipeline holds comfortably (a 1,000,000-character
# piece, spaCy's max_length, needs several GB in the span categorizer; measured with the
# rule pipeline on the seeds, 100,000-character pieces still raised the peak RSS by
# ~600 MB on a 300,000-character text, 20,000-character pieces by ~130 MB)
PIECE_CHARS = 20_000
# the characters of one batch (at least one document): ~16 articles of ~6,000 characters
BATCH_CHARS = 100_000
MERGER_FACTORY = "hedgewatch_merger"
NOISE_FACTORY = "hedgewatch_noise"
RESOLVER_FACTORY = "hedgewatch_resolver"
PROFILE_FACTORY = "hedgewatch_profile"
USER_DATA_KEY = "hedgewatch_resolved"  # hedgewatch.pipeline's resolver store

_SENT_END = re.compile(r"[.!?][\"'”’)\]]*\s+")
_PARA = re.compile(r"\n\s*\n\s*")
_LINE = re.compile(r"\n\s*")
_SPACE = re.compile(r"\s+")


class NotAHedgewatchPipeline(ValueError):
    """The pipeline has none of the hedgewatch components: it would find no spans."""


def _factories(nlp: Language) -> List[Tuple[str, str]]:
    return [(name, nlp.get_pipe_meta(name).factory) for name in nlp.pipe_names]


def check_pipeline(nlp: Language, name: str = "the pipeline") -> None:
    """Raise NotAHedgewatchPipeline unless ``nlp`` writes hedgewatch spans (has the
    ``hedgewatch_merger``)."""
    factories = [f for _, f in _factories(nlp)]
    if MERGER_FACTORY not in factories:
        raise NotAHedgewatchPipeline(
            f"{name} is not a hedgewatch pipeline: it has no {MERGER_FACTORY} component "
            f"(its components: {', '.join(nlp.pipe_names) or 'none'}), so it would find no HEDGE, "
            "ATTRIBUTION or DENIAL spans. Pass a hedgewatch pipeline with --model "
            "(e.g. training/cpu/model-tuned or en_hedgewatch).")


def prepare_pipeline(nlp: Language, keep_noise: bool = False) -> Language:
    """Add ``hedgewatch_noise`` right after the merger when the pipeline lacks it (a
    pipeline trained before it existed), and set its ``keep_noise``."""
    names = [n for n, f in _factories(nlp) if f == NOISE_FACTORY]
    if not names:
        merger = next((n for n, f in _factories(nlp) if f == MERGER_FACTORY), None)
        if merger is None:
            return nlp
        nlp.add_pipe(NOISE_FACTORY, after=merger)
        names = [NOISE_FACTORY]
    for n in names:
        nlp.get_pipe(n).keep_noise = keep_noise
    return nlp


def split_text(text: str, max_length: int) -> List[str]:
    """Cut ``text`` into pieces of at most ``max_length`` characters whose concatenation
    is ``text``: at the last paragraph break in each window, else the last sentence end,
    else line break, else whitespace, else hard (a piece keeps its trailing whitespace).
    Linear in the length of ``text``."""
    if max_length <= 0:
        raise ValueError("max_length must be positive")
    pieces: List[str] = []
    pos = 0
    n = len(text)
    while n - pos > max_length:
        window_end = pos + max_length
        cut = None
        for pattern in (_PARA, _SENT_END, _LINE, _SPACE):
            # the last match in the window, not too early in it (or the pieces get small)
            last = None
            for m in pattern.finditer(text, pos + max_length // 4, window_end):
                last = m
            if last is not None:
                cut = last.end() - pos
                break
        if cut is None:
            cut = max_length
        pieces.append(text[pos : pos + cut])
        pos += cut
    if pos < n or not pieces:
        pieces.append(text[pos:])
    return pieces


def _shift_key(key: str, base: int) -> str:
    start, end, rest = key.split(":", 2)
    return f"{int(start) + base}:{int(end) + base}:{rest}"


def _shift_value(value, base: int):
    if isinstance(value, (list, tuple)) and len(value) == 2 and all(isinstance(v, int) for v in value):
        return [value[0] + base, value[1] + base]
    return value


def _join_pieces(nlp: Language, docs: List[Doc], bases: List[int]) -> Doc:
    """One Doc from the Docs of consecutive pieces (starting at ``bases`` in the text):
    span groups and their scores carried over, the resolver's results shifted, the
    profile re-run on the whole."""
    if len(docs) == 1:
        return docs[0]
    joined = Doc.from_docs(docs, ensure_whitespace=False, exclude=["user_data", "tensor"])
    for key in joined.spans:
        groups = [d.spans.get(key) for d in docs]
        attrs = {}
        for g in groups:
            if g is not None:
                attrs.update({k: v for k, v in g.attrs.items() if k != "scores"})
        if any(g is not None and g.attrs.get("scores") is not None for g in groups):
            scores: List[Optional[float]] = []
            for g in groups:
                if g is None:
                    continue
                s = g.attrs.get("scores")
                scores.extend(list(s) if s is not None and len(s) == len(g) else [None] * len(g))
            attrs["scores"] = scores
        joined.spans[key].attrs.update(attrs)
    store = {}
    for d, base in zip(docs, bases):
        for k, fields in (d.user_data.get(USER_DATA_KEY) or {}).items():
            store[_shift_key(k, base)] = {name: _shift_value(v, base) for name, v in fields.items()}
    if store:
        joined.user_data[USER_DATA_KEY] = store
    for name, factory in _factories(nlp):
        if factory == PROFILE_FACTORY:
            joined = nlp.get_pipe(name)(joined)
    return joined


def _batches(tuples: Iterable[Tuple[str, tuple]], batch_size: int, batch_chars: int) -> Iterator[List[Tuple[str, tuple]]]:
    batch: List[Tuple[str, tuple]] = []
    chars = 0
    for item in tuples:
        if batch and (len(batch) >= batch_size or chars + len(item[0]) > batch_chars):
            yield batch
            batch, chars = [], 0
        batch.append(item)
        chars += len(item[0])
    if batch:
        yield batch


def annotate(nlp: Language, items: Iterable[InputItem], *, n_process: int = 1, batch_size: int = 32,
             on_error: Optional[Callable[[InputError], None]] = None, piece_chars: int = PIECE_CHARS,
             batch_chars: int = BATCH_CHARS) -> Iterator[Doc]:
    """Annotated Docs for the InputDocs of ``items``, in order; ``doc.user_data["meta"]``
    holds the input's meta. InputErrors go to ``on_error`` as they are met."""
    max_piece = max(1, min(nlp.max_length, piece_chars))
    if n_process > 1:
        # spaCy batches by count across processes: keep a batch of pieces in bounds
        max_piece = max(1, min(max_piece, max(10_000, batch_chars // batch_size)))

    def feed() -> Iterator[Tuple[str, Tuple[int, int, int, Optional[dict]]]]:
        for item in items:
            if isinstance(item, InputError):
                if on_error is not None:
                    on_error(item)
                continue
            pieces = split_text(item.text, max_piece)
            base = 0
            for k, piece in enumerate(pieces):
                yield piece, (k, len(pieces), base, item.meta if k == 0 else None)
                base += len(piece)

    if n_process > 1:
        stream = nlp.pipe(feed(), as_tuples=True, n_process=n_process, batch_size=batch_size)
    else:
        stream = (pair for batch in _batches(feed(), batch_size, batch_chars)
                  for pair in nlp.pipe(batch, as_tuples=True, batch_size=len(batch)))
    pending: List[Doc] = []
    bases: List[int] = []
    meta: Optional[dict] = None
    for doc, (k, n, base, m) in stream:
        if k == 0:
            pending, bases, meta = [], [], m
        if n > 1:
            doc.tensor = numpy.zeros((0,), dtype="float32")  # not joined: free it now
        pending.append(doc)
        bases.append(base)
        if k == n - 1:
            whole = _join_pieces(nlp, pending, bases)
            whole.user_data["meta"] = dict(meta or {})
            pending, bases = [], []
            yield whole
