"""``hedgewatch.candidate_suggester.v1``: candidate spans for the span categorizer.

The union of
* all n-grams of the given sizes (short cues: "could be", "reportedly"),
* the spans the cue rules proposed (``doc.spans[rules_key]``), which reach long
  attributions ("Two separate sets of Taliban, one in the north ..., claim"),
* syntactic source+verb spans of every verb and nominal "X by Y" spans, so that the
  model can learn attributions the lexicon does not know.

Registered in ``registry.misc`` and exposed through the ``spacy_misc`` entry point, so a
saved config that names it loads in a fresh process.
"""

from typing import Iterable, List, Optional, Tuple

import numpy

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Ops, get_current_ops
from thinc.types import Ragged

from .. import RULES_SPANS_KEY
from . import syntax


def _edge_ok(doc: Doc) -> numpy.ndarray:
    """Can a span begin or end on each token? Not on spaces or punctuation, except quote
    marks (a quoted evaluation, '"utterly false"', keeps its quotes)."""
    # one array call instead of a Token object per token (this runs on every document)
    flags = doc.to_array([IS_PUNCT, IS_SPACE])
    ok = (flags[:, 0] == 0) & (flags[:, 1] == 0)
    quotes = syntax.WORDS["quotes"]
    for i in numpy.flatnonzero((flags[:, 0] != 0) & (flags[:, 1] == 0)).tolist():
        if doc[i].text in quotes:
            ok[i] = True
    return ok


def _ngrams(n: int, sizes: List[int], ok: Optional[numpy.ndarray]) -> numpy.ndarray:
    """(start, end) rows of every n-gram of ``sizes`` whose edges are ``ok``."""
    parts = []
    for size in sizes:
        starts = numpy.arange(0, max(n - size + 1, 0), dtype="i")
        if ok is not None and len(starts):
            starts = starts[ok[starts] & ok[starts + size - 1]]
        parts.append(numpy.stack([starts, starts + size], axis=1))
    return numpy.concatenate(parts) if parts else numpy.zeros((0, 2), dtype="i")


def _parse_candidates(doc: Doc) -> List[Tuple[int, int]]:
    """Source+verb extents of every verb (with and without its addressee), nominal
    "X by Y" extents and "according to X" / "citing X" phrases."""
    cands: List[Tuple[int, int]] = []
    addressee_verbs = syntax.WORDS["addressee_verbs"]
    for tok in doc:
        pos = tok.pos_
        if pos in ("VERB", "AUX"):
            if tok.dep_ in ("aux", "auxpass"):
                continue
            s, e, _ = syntax.source_cue_extent(tok)
            cands.append((s, e))
            # without the addressee the extent differs only for an addressee verb
            if tok.lemma_.lower() in addressee_verbs:
                s2, e2, _ = syntax.source_cue_extent(tok, with_addressee=False)
                cands.append((s2, e2))
        elif pos in ("NOUN", "PROPN"):
            if tok.n_rights:
                ext = syntax.nominal_extent(tok)
                if ext is not None:
                    cands.append((ext[0], ext[1]))
        elif tok.lower_ in ("according", "citing"):
            s, e, _ = syntax.prep_extent(tok)
            cands.append((s, e))
    return cands


def doc_candidates(
    doc: Doc, sizes: List[int], rules_key: Optional[str], use_parse: bool, max_length: int,
    skip_punct_edges: bool = False,
) -> numpy.ndarray:
    """Sorted, unique (start, end) rows (int32) of the document's candidate spans, none of
    which holds a line break."""
    n = len(doc)
    extra: List[Tuple[int, int]] = []
    if rules_key and rules_key in doc.spans:
        for span in doc.spans[rules_key]:
            extra.append((span.start, span.end))
            extra.append(syntax.quoted_extent(doc, span.start, span.end))
    if use_parse and syntax.has_parse(doc):
        extra.extend(_parse_candidates(doc))
    cands = _ngrams(n, sizes, _edge_ok(doc) if skip_punct_edges else None)
    if extra:
        cands = numpy.concatenate([cands, numpy.asarray(extra, dtype="i").reshape(-1, 2)])
    length = cands[:, 1] - cands[:, 0]
    cands = cands[(length > 0) & (length <= max_length)]
    # no span crosses a line (GUIDELINES rule 6): a headline parsed into the next
    # paragraph ("..., Trump Says\n\nPresident Trump ... told reporters") is no candidate
    # (one array call, then a Token object only for the few whitespace tokens)
    spaces = numpy.flatnonzero(doc.to_array([IS_SPACE]).reshape(-1)).tolist() if n else []
    breaks = [i for i in spaces if syntax.is_line_break(doc[i])]
    if breaks:
        before = numpy.zeros(n + 1, dtype="int64")  # line breaks in doc[:i]
        before[numpy.asarray(breaks) + 1] = 1
        before = numpy.cumsum(before)
        cands = cands[before[cands[:, 1]] == before[cands[:, 0]]]
    # unique and sorted by (start, end), as sorted() of the tuples would be
    keys = numpy.unique(cands[:, 0].astype("int64") * (n + 1) + cands[:, 1])
    return numpy.stack([keys // (n + 1), keys % (n + 1)], axis=1).astype("i")


@registry.misc("hedgewatch.candidate_suggester.v1")
def build_candidate_suggester(
    sizes: List[int],
    rules_key: Optional[str] = RULES_SPANS_KEY,
    use_parse: bool = True,
    max_length: int = 40,
    skip_punct_edges: bool = False,
):
    """Suggest n-grams of ``sizes`` plus rule and parse candidates.

    ``skip_punct_edges`` drops the n-grams that begin or end on punctuation (other than
    quote marks) or whitespace: no annotated span does (corpus/GUIDELINES.md), and they
    are a fifth of all n-grams, each of which costs the span categorizer's reducer a
    matrix row. Rule and parse candidates are kept as they are."""

    def candidate_suggester(docs: Iterable[Doc], *, ops: Optional[Ops] = None) -> Ragged:
        if ops is None:
            ops = get_current_ops()
        spans = []
        lengths = []
        for doc in docs:
            cands = doc_candidates(doc, sizes, rules_key, use_parse, max_length, skip_punct_edges)
            lengths.append(len(cands))
            if len(cands):
                spans.append(ops.asarray2i(cands))
        lengths_array = ops.asarray1i(lengths)
        if len(spans) > 0:
            output = Ragged(ops.xp.vstack(spans), lengths_array)
        else:
            output = Ragged(ops.xp.zeros((0, 0), dtype="i"), lengths_array)
        return output

    return candidate_suggester
