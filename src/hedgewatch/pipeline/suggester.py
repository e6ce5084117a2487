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

from typing import Iterable, List, Optional, Set, Tuple

from spacy.attrs import IS_PUNCT, IS_SPACE
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Ops, get_current_ops
from thinc.types import Ragged

from .. import RULES_SPANS_KEY
from . import syntax


def _edge_ok(doc: Doc) -> List[bool]:
    """Can a span begin or end on each token? Not on spaces or punctuation, except quote
    marks (a quoted evaluation, '"utterly false"', keeps its quotes)."""
    # one array call instead of a Token object per token (this runs on every document)
    flags = doc.to_array([IS_PUNCT, IS_SPACE]).tolist()
    return [not (sp or (pu and doc[i].text not in syntax.WORDS["quotes"])) for i, (pu, sp) in enumerate(flags)]


def doc_candidates(
    doc: Doc, sizes: List[int], rules_key: Optional[str], use_parse: bool, max_length: int,
    skip_punct_edges: bool = False,
) -> List[Tuple[int, int]]:
    cands: Set[Tuple[int, int]] = set()
    n = len(doc)
    ok = _edge_ok(doc) if skip_punct_edges else None
    for size in sizes:
        for i in range(0, n - size + 1):
            if ok is None or (ok[i] and ok[i + size - 1]):
                cands.add((i, i + size))
    if rules_key and rules_key in doc.spans:
        for span in doc.spans[rules_key]:
            cands.add((span.start, span.end))
            s, e = syntax.quoted_extent(doc, span.start, span.end)
            cands.add((s, e))
    if use_parse and syntax.has_parse(doc):
        for tok in doc:
            if tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
                s, e, _ = syntax.source_cue_extent(tok)
                cands.add((s, e))
                s2, e2, _ = syntax.source_cue_extent(tok, with_addressee=False)
                cands.add((s2, e2))
            elif tok.pos_ in ("NOUN", "PROPN"):
                ext = syntax.nominal_extent(tok)
                if ext is not None:
                    cands.add((ext[0], ext[1]))
            elif tok.lower_ in ("according", "citing"):
                s, e, _ = syntax.prep_extent(tok)
                cands.add((s, e))
    return sorted((s, e) for s, e in cands if 0 < e - s <= max_length)


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
            if cands:
                spans.append(ops.asarray2i(cands))
        lengths_array = ops.asarray1i(lengths)
        if len(spans) > 0:
            output = Ragged(ops.xp.vstack(spans), lengths_array)
        else:
            output = Ragged(ops.xp.zeros((0, 0), dtype="i"), lengths_array)
        return output

    return candidate_suggester
