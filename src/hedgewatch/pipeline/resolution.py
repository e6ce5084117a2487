"""Resolution of ATTRIBUTION, DENIAL and HEDGE spans against the dependency parse.

Plain functions over a Doc; the ``hedgewatch_resolver`` component calls
:func:`resolve_doc` and stores the results as character offsets in ``doc.user_data``
(msgpack-safe, so a DocBin keeps them), and the Span extensions
(:mod:`.extensions`) read them back as Spans.

ATTRIBUTION -> source, cue, content, source_kind (named | anonymous | none),
               source_resolved (pronoun -> nearest preceding named speaker)
DENIAL      -> denier, denied
HEDGE       -> speaker: "author" or the ATTRIBUTION whose content holds the hedge
"""
import re
import weakref
from bisect import bisect_right
from typing import Dict, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span, Token

from . import syntax
from .extensions import span_key
from .lexicon import default_words, inflect, lexicon_lemmas

Offsets = Optional[Tuple[int, int]]

W = default_words()
# one home: the lexicons' reporting verbs and denial predicates, plus the lists of
# verbs only the resolver uses (lexicons/words.jsonl)
REPORTING_LEMMAS = lexicon_lemmas("reporting.jsonl", "verb") | W["reporting_verbs_extra"]
REPORTING_FORMS = {f for lemma in REPORTING_LEMMAS for f in inflect(lemma)}
DENIAL_LEMMAS = lexicon_lemmas("denials.jsonl", "predicate") | W["denial_verbs_extra"]
DENIAL_FORMS = {f for lemma in DENIAL_LEMMAS for f in inflect(lemma)}
ATTRIBUTION_NOUNS = W["attribution_nouns"]
PRONOUNS = W["pronouns"]
ANONYMOUS_HEADS = W["anonymous_heads"]
INSTITUTION_HEADS = W["institution_heads"]
QUOTE_OPEN = W["paired_open_quotes"]
QUOTE_CLOSE = W["paired_close_quotes"]
REGION_OPEN = W["region_open_quotes"]
REGION_CLOSE = W["region_close_quotes"]
CALL_FORMS = frozenset(inflect("call"))


def _span(doc: Doc, start: int, end: int) -> Optional[Span]:
    start, end = syntax.trim(doc, start, end)
    if end <= start:
        return None
    return doc[start:end]


def _offsets(span: Optional[Span]) -> Offsets:
    return None if span is None else (span.start_char, span.end_char)


def _subtree_span(tok: Token, exclude: Optional[Span] = None) -> Optional[Span]:
    doc = tok.doc
    start, end = tok.left_edge.i, tok.right_edge.i + 1
    if exclude is not None:
        # cut the subtree where it runs into the excluded span
        if exclude.start <= start < exclude.end:
            start = exclude.end
        if exclude.start < end <= exclude.end:
            end = exclude.start
        if start < exclude.start < end and tok.i < exclude.start:
            end = exclude.start
    return _span(doc, start, end)


# --- quotes -----------------------------------------------------------------------
def quote_regions(doc: Doc) -> List[Tuple[int, int]]:
    """Token ranges [start, end) inside paired quotation marks (content only)."""
    regions = []
    open_at = None
    for i, txt in enumerate(syntax.token_texts(doc)):
        if txt in REGION_OPEN or (txt == '"' and open_at is None):
            open_at = i
        elif (txt in REGION_CLOSE or txt == '"') and open_at is not None:
            if i - open_at > 1:
                regions.append((open_at + 1, i))
            open_at = None
        elif "\n\n" in txt:
            open_at = None
    return regions


# --- attribution ------------------------------------------------------------------
def find_cue(span: Span) -> Tuple[Optional[Span], str]:
    """The cue inside an ATTRIBUTION span and the kind of construction."""
    doc = span.doc
    toks = list(span)
    for i, t in enumerate(toks):
        if t.lower_ == "according" and i + 1 < len(toks) and toks[i + 1].lower_ == "to":
            return doc[t.i : t.i + 2], "prep"
        if t.lower_ in ("inning", "in") and i + 2 < len(toks) and toks[i + 1].lower_ == "accordance":
            return doc[t.i : toks[i + 2].i + 1], "prep"
        if t.lower_ in ("citing", "quoting"):
            return doc[t.i : t.i + 1], "prep"
    # nominal attribution: "allegations by X", "suggestions made by X"
    nominal = [t for t in toks[:2] if t.lower_ in ATTRIBUTION_NOUNS and t.pos_ in ("NOUN", "PROPN")]
    if nominal and any(t.lower_ in ("by", "of", "from") for t in toks[1:]):
        return doc[nominal[0].i : nominal[0].i + 1], "noun"
    verbs = [t for t in toks if t.pos_ in ("VERB", "AUX") and t.dep_ not in ("aux", "auxpass")]
    rep = [t for t in verbs if t.lower_ in REPORTING_FORMS]
    cands = rep or [t for t in verbs if t.dep_ not in ("relcl", "acl", "amod")] or verbs
    if not cands:
        cands = [t for t in toks if t.lower_ in REPORTING_FORMS]
    if cands:
        # prefer the verb that is highest in the tree within the span
        def depth(t: Token) -> int:
            d = 0
            while t.head.i != t.i and d < 50:
                t, d = t.head, d + 1
            return d

        verb = min(cands, key=lambda t: (t.lower_ not in REPORTING_FORMS, depth(t), -t.i))
        end = verb.i + 1
        # "voiced concerns", "noted their concerns": the object noun belongs to the cue
        for c in verb.children:
            if c.dep_ == "dobj" and c.i > verb.i and c.lower_ in ATTRIBUTION_NOUNS and c.i < span.end:
                end = c.i + 1
        # "responded by affirming"
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "by" and c.i < span.end:
                for g in c.children:
                    if g.dep_ == "pcomp" and g.lower_ in REPORTING_FORMS and g.i < span.end:
                        end = g.i + 1
        return doc[verb.i : end], "verb"
    nouns = [t for t in toks if t.lower_ in ATTRIBUTION_NOUNS]
    if nouns:
        return doc[nouns[0].i : nouns[0].i + 1], "noun"
    return None, "none"


def attribution_source(span: Span, cue: Optional[Span], kind: str) -> Optional[Span]:
    doc = span.doc
    if cue is None:
        return None
    if kind == "prep":
        src = _span(doc, cue.end, span.end)
        if src is not None:
            return src
        _, _, s = syntax.prep_extent(cue[0])
        return s
    if kind == "noun":
        ext = syntax.nominal_extent(cue[0])
        if ext is not None:
            return ext[2]
        src = _span(doc, cue.end, span.end)
        if src is not None and src[0].lower_ in ("by", "of", "from"):
            return _span(doc, src.start + 1, src.end)
        return None
    verb = cue[0]
    _, _, source = syntax.source_cue_extent(verb)
    # the annotated span holds the source when it is adjacent: prefer material inside
    # the span around the cue over a parse subject outside it
    before = _span(doc, span.start, cue.start)
    after = _span(doc, cue.end, span.end)
    if verb.lower_ in W["addressee_verbs"] or verb.lemma_ in W["addressee_verbs"]:
        after = None  # "told reporters": the addressee is not the source
    inside = before or after
    if source is None or (inside is not None and not (span.start <= source.start and source.end <= span.end)):
        source = inside if inside is not None else source
    return source


def attribution_content(span: Span, cue: Optional[Span], kind: str,
                        regions: Optional[List[Tuple[int, int]]] = None) -> Optional[Span]:
    doc = span.doc
    if cue is None:
        return None
    head = cue[0]
    if kind == "verb":
        for c in head.children:
            if c.dep_ in ("ccomp", "xcomp") and not (span.start <= c.i < span.end):
                return _subtree_span(c, exclude=span)
        # "The report found that ..." parsed as prep/mark + clause
        for c in head.children:
            if c.dep_ in ("dobj", "attr") and c.i >= span.end:
                return _subtree_span(c, exclude=span)
        # attribution in parataxis to the quoted main clause: "“...,” he says."
        if head.dep_ in ("parataxis", "ccomp", "advcl") and head.head.i < span.start:
            main = head.head
            region = _quote_before(doc, span.start, regions)
            if region:
                return _span(doc, *region)
            return _span(doc, main.left_edge.i, span.start)
    if kind == "noun":
        for c in head.children:
            if c.dep_ in ("acl", "ccomp", "relcl") and c.i > span.end - 1:
                return _subtree_span(c, exclude=span)
            if c.dep_ == "acl":
                for g in c.children:
                    if g.dep_ in ("ccomp", "advcl") and g.i >= span.end:
                        return _subtree_span(g, exclude=span)
        for t in doc[span.end : min(len(doc), span.end + 3)]:
            if t.lower_ == "that" and t.head.i >= span.end:
                return _subtree_span(t.head, exclude=span)
        return None
    region = _quote_before(doc, span.start, regions) or _quote_after(doc, span.end, regions)
    if region:
        return _span(doc, *region)
    sent = span.sent if doc.has_annotation("SENT_START") else None
    if sent is None:
        return None
    # the rest of the sentence: "X, according to Y" / "According to Y, X"
    left = clip_to_line(_span(doc, sent.start, span.start), span)
    right = clip_to_line(_span(doc, span.end, sent.end), span)
    cands = [s for s in (left, right) if s is not None and len(s) > 1]
    return max(cands, key=len) if cands else None


def _quote_before(doc: Doc, start: int, regions: Optional[List[Tuple[int, int]]] = None) -> Optional[Tuple[int, int]]:
    """A quotation ending right before the attribution ("“...,” he says")."""
    i = start - 1
    while i >= 0 and (doc[i].is_punct and doc[i].text not in QUOTE_CLOSE) or (i >= 0 and doc[i].is_space):
        i -= 1
    if i >= 0 and doc[i].text in QUOTE_CLOSE:
        for s, e in (quote_regions(doc) if regions is None else regions):
            if e == i:
                return s, e
    return None


def _quote_after(doc: Doc, end: int, regions: Optional[List[Tuple[int, int]]] = None) -> Optional[Tuple[int, int]]:
    """A quotation right after the attribution ("he said: “...”")."""
    i = end
    while i < len(doc) and (doc[i].is_punct and doc[i].text not in QUOTE_OPEN or doc[i].is_space):
        i += 1
    if i < len(doc) and doc[i].text in QUOTE_OPEN:
        for s, e in (quote_regions(doc) if regions is None else regions):
            if s == i + 1:
                return s, e
    return None


def source_kind(source: Optional[Span]) -> str:
    if source is None:
        return "none"
    root = source.root
    low = root.lower_
    if low in PRONOUNS:
        return "anonymous"
    if root.ent_type_ in ("PERSON", "ORG") or any(t.ent_type_ == "PERSON" for t in source):
        return "named"
    if root.pos_ == "PROPN":
        return "named"
    if low in INSTITUTION_HEADS and (
        any(t.ent_type_ in ("GPE", "NORP", "ORG") or t.pos_ == "PROPN" for t in source if t is not root)
        or any(t.lower_ in ("the", "its", "their") for t in source[:1])
    ) and low not in ("group", "groups"):
        return "named"
    if root.ent_type_ in ("GPE", "NORP") and root.tag_ in ("NNPS", "NNP", "NNS"):
        return "named"  # "The Russians", "the US"
    if any(t.ent_type_ in ("ORG",) and t.pos_ == "PROPN" for t in source) and low not in ANONYMOUS_HEADS:
        return "named"
    return "anonymous"


def _is_pronoun_source(source: Optional[Span]) -> bool:
    return source is not None and len(source) <= 2 and source.root.lower_ in PRONOUNS


# --- denial -----------------------------------------------------------------------
def denial_parts(span: Span, attributions: Sequence[Tuple[Span, dict]]) -> Tuple[Optional[Span], Optional[Span]]:
    """(denier, denied) for a DENIAL span."""
    doc = span.doc
    verb = next((t for t in span if t.lower_ in DENIAL_FORMS and t.pos_ in ("VERB", "AUX")), None)
    if verb is None:
        verb = next((t for t in span if t.lower_ in DENIAL_FORMS), None)
    if verb is not None and verb.lower_ not in CALL_FORMS:
        _, _, denier = syntax.source_cue_extent(verb, with_addressee=False)
        denied = None
        for c in verb.children:
            if c.i >= span.end and c.dep_ in ("dobj", "ccomp", "xcomp", "pcomp", "attr"):
                denied = _subtree_span(c, exclude=span)
                break
        if denied is None and verb.dep_ == "relcl" and verb.head.i < span.start:
            h = verb.head
            denied = _span(doc, h.left_edge.i, min(verb.left_edge.i, span.start))
            for c in verb.children:
                if c.dep_ == "dobj" and c.i >= span.end and denied is None:
                    denied = _subtree_span(c, exclude=span)
        return denier, denied
    # evaluative denial: climb from the evaluation to the governing verb
    heads = [t for t in span if not (span.start <= t.head.i < span.end) and t.dep_ not in ("neg", "advmod", "punct", "det")]
    tok = heads[0] if heads else span.root
    steps = 0
    while tok.dep_ in ("pobj", "prep", "acomp", "oprd", "attr", "amod", "xcomp", "ccomp", "dobj", "appos", "npadvmod", "advmod", "punct", "conj") and tok.head.i != tok.i and steps < 4:
        if tok.head.pos_ in ("VERB", "AUX") and tok.dep_ not in ("pobj",):
            tok = tok.head
            break
        tok = tok.head
        steps += 1
    denier = denied = None
    if tok.pos_ in ("VERB", "AUX"):
        for c in tok.children:
            if c.dep_ == "dobj" and not (span.start <= c.i < span.end):
                denied = _subtree_span(c, exclude=span)
                break
        subj = syntax.subject(tok)
        if tok.lemma_ == "be" or tok.pos_ == "AUX":
            if denied is None and subj is not None:
                denied = _subtree_span(subj, exclude=span)
        else:
            _, _, denier = syntax.source_cue_extent(tok, with_addressee=False)
    if denier is None:
        # "“This is simply not true,” the minister said": the quoted speaker denies
        sent = span.sent if doc.has_annotation("SENT_START") else doc[:]
        best = None
        for att, info in attributions:
            if att.sent == sent or (info.get("content") and info["content"][0] <= span.start_char < info["content"][1]):
                best = info.get("source_span")
                if best is not None:
                    break
        denier = best
    return denier, denied


# the line starts of a doc, computed once per doc (a rfind/find of the line break
# around every span scans the whole text: quadratic on a long text without breaks)
_LINE_STARTS: "weakref.WeakKeyDictionary[Doc, Tuple[List[int], int]]" = weakref.WeakKeyDictionary()


def line_bounds(doc: Doc, start_char: int, end_char: int, text: Optional[str] = None) -> Tuple[int, int]:
    """(start, end) of the line around ``start_char:end_char``: after the last line
    break before ``start_char``, up to the first one at or after ``end_char``."""
    cached = _LINE_STARTS.get(doc)
    if cached is None:
        text = syntax.doc_text(doc) if text is None else text
        cached = ([0] + [m.end() for m in re.finditer("\n", text)], len(text))
        _LINE_STARTS[doc] = cached
    starts, n = cached
    lo = starts[bisect_right(starts, start_char) - 1]
    j = bisect_right(starts, end_char)
    return lo, (starts[j] - 1 if j < len(starts) else n)


def clip_to_line(span: Optional[Span], anchor: Span, text: Optional[str] = None) -> Optional[Span]:
    """Cut ``span`` to the line (paragraph) of ``anchor``: a headline or a reader
    comment is never the source, content or denied claim of the next paragraph,
    even where the parser runs sentences together across line breaks.

    ``text`` is ``anchor.doc.text``, for callers that clip many spans of one doc
    (``doc.text`` joins every token, so computing it per span is quadratic)."""
    if span is None:
        return None
    doc = anchor.doc
    lo, hi = line_bounds(doc, anchor.start_char, anchor.end_char, text)
    if span.start_char >= lo and span.end_char <= hi:
        return span
    start = next((t.i for t in span if t.idx >= lo), None)
    end = next((t.i + 1 for t in reversed(span) if t.idx + len(t.text) <= hi), None)
    if start is None or end is None or end <= start:
        return None
    return _span(doc, start, end)


# --- the whole doc ----------------------------------------------------------------
def resolve_doc(doc: Doc, spans: Sequence[Span]) -> Dict[str, dict]:
    """Resolve all spans; returns ``{"start:end:LABEL": fields}`` with char offsets."""
    out: Dict[str, dict] = {}
    attributions: List[Tuple[Span, dict]] = []
    # earlier speakers, outside quotations: (source span, kind, plural)
    speakers: List[Tuple[Span, str, bool]] = []
    regions = quote_regions(doc)
    text = syntax.doc_text(doc)
    for span in sorted(spans, key=lambda s: (s.start, s.end)):
        if span.label_ != "ATTRIBUTION":
            continue
        cue, kind = find_cue(span)
        source = clip_to_line(attribution_source(span, cue, kind), span, text)
        content = clip_to_line(attribution_content(span, cue, kind, regions), span, text)
        kind_s = source_kind(source)
        resolved = None
        quoted = any(a <= span.start and span.end <= b for a, b in regions)
        if _is_pronoun_source(source):
            want_plural = source.root.lower_ in ("they", "them", "we")
            for spk, spk_kind, plural in reversed(speakers):
                if plural == want_plural:
                    # the nearest speaker of the same number: resolved only if named
                    if spk_kind == "named":
                        resolved = spk
                        kind_s = "named"
                    break
            if not quoted:
                speakers.append((resolved if resolved is not None else source, kind_s, want_plural))
        elif source is not None and not quoted:
            root = source.root
            plural = root.tag_ in ("NNS", "NNPS") or (" and " in source.text) or (
                root.ent_type_ in ("NORP", "ORG", "GPE") and root.lower_.endswith("s") and root.tag_ != "NNP")
            speakers.append((source, kind_s, plural))
        info = {
            "source": _offsets(source),
            "cue": _offsets(cue),
            "content": _offsets(content),
            "source_kind": kind_s,
            "source_resolved": _offsets(resolved),
        }
        out[span_key(span)] = info
        attributions.append((span, dict(info, source_span=source)))
    for span in spans:
        if span.label_ == "DENIAL":
            denier, denied = denial_parts(span, attributions)
            denier, denied = clip_to_line(denier, span, text), clip_to_line(denied, span, text)
            out[span_key(span)] = {"denier": _offsets(denier), "denied": _offsets(denied)}
    for span in spans:
        if span.label_ != "HEDGE":
            continue
        owner = None
        best_len = None
        for att, info in attributions:
            c = info.get("content")
            inside_content = c is not None and c[0] <= span.start_char and span.end_char <= c[1]
            inside_span = att.start <= span.start and span.end <= att.end
            if inside_content or inside_span:
                length = (c[1] - c[0]) if inside_content else len(att.text)
                if best_len is None or length < best_len:
                    owner, best_len = att, length
        if owner is None:
            for s, e in regions:
                if s <= span.start and span.end <= e:
                    owner = _nearest_attribution(doc, attributions, s, e)
                    break
        out[span_key(span)] = {"speaker": "author" if owner is None else [owner.start_char, owner.end_char]}
    return out


def _nearest_attribution(doc: Doc, attributions, qs: int, qe: int) -> Optional[Span]:
    best = None
    best_d = None
    for att, _ in attributions:
        d = min(abs(att.start - qe), abs(qs - att.end))
        if d <= 6 and (best_d is None or d < best_d):
            best, best_d = att, d
    return best

