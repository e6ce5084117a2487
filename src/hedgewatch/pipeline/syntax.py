"""Dependency-parse helpers shared by the cue rules, the candidate suggester and the
resolvers. Every function degrades to the cue alone when the doc has no parse.

Dependency labels are grammar and live here; the words the helpers decide with
(quote marks, addressee verbs, agent nouns, dashes, negators) are word lists in
``lexicons/words.jsonl``. A function that takes ``words`` uses those lists (the cue
ruler passes the ones it saved with the pipeline); without it, the package's lists.
"""
from __future__ import annotations

import re
from typing import List, Optional, Tuple

from spacy.tokens import Doc, Span, Token

from .lexicon import Words, default_words

SUBJ_DEPS = {"nsubj", "nsubjpass", "csubj", "csubjpass", "expl"}
# dependents that may stand between a source and its cue without breaking contiguity
BETWEEN_DEPS = {"aux", "auxpass", "neg", "advmod", "prt", "punct", "npadvmod"}
OBJ_DEPS = {"dobj", "dative", "iobj"}
WORDS = default_words()
# an HTML/XML tag that scraped text keeps, e.g. a tweet embed: <tweet pic="" author="x">, </tweet>
MARKUP_TAG = re.compile(r"</?[A-Za-z][\w:-]*(?:\s+[\w:-]+(?:=(?:\"[^\"\n]*\"|'[^'\n]*'|[^\s>]+))?)*\s*/?>")


# contractions written with a typographic apostrophe, which en_core_web_sm leaves unlemmatised
# ("they’re" has the lemma "’re", "it’s" even "’"), mapped to the lemma spaCy gives the
# straight form ("'re" -> "be"); "’s" only as a verb (not the possessive). Real news writes
# most contractions this way (real train + dev: 3,450 curly against 2,550 straight).
CURLY_CONTRACTIONS = {"’re": "be", "’m": "be", "’s": "be", "’ve": "have", "’ll": "will", "’d": "would", "n’t": "not"}


def mend_contraction_lemmas(doc: Doc) -> None:
    """Give contractions with a typographic apostrophe the lemma of their straight form, so
    that "they’re [wrong]" and "it’s [unclear]" meet the rules that "they're wrong" meets."""
    if not doc.has_annotation("LEMMA"):
        return
    for i, text in enumerate(token_texts(doc)):  # a Token object only where a contraction stands
        lemma = CURLY_CONTRACTIONS.get(text.lower()) if "’" in text else None
        if lemma is not None:
            tok = doc[i]
            if tok.lemma_ != lemma and (tok.lower_ != "’s" or tok.pos_ in ("AUX", "VERB")):
                tok.lemma_ = lemma


def token_texts(doc: Doc) -> List[str]:
    """Every token's text, from the string store (no Token object per token)."""
    strings = doc.vocab.strings
    return [strings[o] for o in doc.to_array("ORTH").tolist()]


def doc_text(doc: Doc) -> str:
    """``doc.text`` without a Token object per token (the property builds one each)."""
    spaces = doc.to_array("SPACY").tolist()
    return "".join([t + " " if sp else t for t, sp in zip(token_texts(doc), spaces)])


def has_parse(doc: Doc) -> bool:
    return doc.has_annotation("DEP")


def subject(verb: Token) -> Optional[Token]:
    """The verb's subject; of several (a misparsed dateline, "DUBLIN, Feb 11 - A forensic
    scientist told", gives two), the one nearest the verb."""
    subjects = [c for c in verb.children if c.dep_ in SUBJ_DEPS and c.dep_ != "expl"]
    if len(subjects) > 1:
        before = [c for c in subjects if c.i < verb.i]
        return before[-1] if before else subjects[0]
    return subjects[0] if subjects else None


def markup_tags(doc: Doc) -> List[Tuple[int, int]]:
    """Character ranges of the markup tags in the text (``<tweet author="x">``,
    ``</tweet>``): scraped pages keep embeds as tags, and a tag name such as "tweet" is
    not a word of the article."""
    text = doc.text
    return [m.span() for m in MARKUP_TAG.finditer(text)] if "<" in text else []


def in_markup(tok: Token, tags: List[Tuple[int, int]]) -> bool:
    """Whether the token starts inside one of ``tags`` (from :func:`markup_tags`)."""
    return any(s <= tok.idx < e for s, e in tags)


def is_line_break(tok: Token) -> bool:
    """A whitespace token that breaks a line (a headline or paragraph break), as opposed
    to one a tokenizer keeps for a non-breaking or doubled space inside a sentence
    ("He\xa0said" is three tokens). Lines are split at "\n", as in ``resolution.line_bounds``."""
    return tok.is_space and "\n" in tok.text


def trim(doc: Doc, start: int, end: int) -> Tuple[int, int]:
    """Drop punctuation and spaces at the edges of [start, end)."""
    while start < end and (doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return start, end




def cut_dateline(doc: Doc, start: int, head: int, words: Optional[Words] = None) -> int:
    """Start of a subject phrase without a wire dateline the parser attached to it:
    "STOCKHOLM - [A national integrity board] has concluded", "Feb 11 - [A forensic
    scientist] told". A free-standing dash before the subject's head ends the dateline."""
    dashes = (words or WORDS)["dashes"]
    for i in range(head - 1, start - 1, -1):
        if doc[i].text in dashes and (i == 0 or doc[i - 1].whitespace_) and doc[i].whitespace_:
            return i + 1
    return start


def _contiguous(doc: Doc, start: int, end: int) -> bool:
    return all(t.dep_ in BETWEEN_DEPS or t.is_space for t in doc[start:end])


def source_cue_extent(
    cue: Token, *, with_addressee: bool = True, object_nouns: Tuple[str, ...] = (), words: Optional[Words] = None
) -> Tuple[int, int, Optional[Span]]:
    """Extent (start, end) of a verbal source+cue span and the source phrase.

    The source (subject subtree) is included when it is adjacent to the cue, with
    only auxiliaries, negation or adverbs between. Inverted order ("said the
    minister") is handled. The addressee of "told" and an object noun from
    ``object_nouns`` ("voiced concerns") are included. When the subject is not
    adjacent, the extent is the cue alone but the source is still returned.
    """
    doc = cue.doc
    start, end = cue.i, cue.i + 1
    source: Optional[Span] = None
    if not has_parse(doc):
        return start, end, None
    subj = subject(cue)
    if subj is None and cue.dep_ == "conj" and cue.head.pos_ in ("VERB", "AUX"):
        shared = subject(cue.head)
        if shared is not None:
            source = doc[shared.left_edge.i : shared.right_edge.i + 1]
    if subj is not None:
        s, e = trim(doc, cut_dateline(doc, subj.left_edge.i, subj.i, words), subj.right_edge.i + 1)
        if e <= s:
            s, e = subj.i, subj.i + 1
        source = doc[s:e]
        if subj.i < cue.i:
            if _contiguous(doc, e, cue.i):
                start = s
        else:
            if _contiguous(doc, cue.i + 1, s):
                end = e
    # passive agent: "confirmed verbally by another Afghan official"
    for child in cue.children:
        if child.dep_ == "agent" and child.i > cue.i and _contiguous(doc, cue.i + 1, child.i):
            end = max(end, trim(doc, child.i, child.right_edge.i + 1)[1])
            pobj = [c for c in child.children if c.dep_ == "pobj"]
            if pobj and source is None:
                p = pobj[0]
                source = doc[slice(*trim(doc, p.left_edge.i, p.right_edge.i + 1))]
    for child in cue.children:
        if child.i <= cue.i or child.dep_ not in OBJ_DEPS:
            continue
        lemma = child.lemma_.lower() or child.lower_
        if (with_addressee and cue.lemma_.lower() in (words or WORDS)["addressee_verbs"] and child.dep_ in ("dobj", "dative", "iobj")) or (
            object_nouns and (lemma in object_nouns or child.lower_ in object_nouns)
        ):
            if _contiguous(doc, end, child.left_edge.i):
                end = max(end, trim(doc, child.left_edge.i, _end_before_clause(child))[1])
    return start, end, source


def _end_before_clause(noun: Token) -> int:
    """End of an object noun's phrase without its content clause: "[expressed concern] that
    members could defect" (round 11: the attributed content stays outside the span)."""
    clauses = [c.left_edge.i for c in noun.children if c.i > noun.i and c.dep_ in ("acl", "ccomp", "relcl")]
    return min(clauses) if clauses else noun.right_edge.i + 1


def prep_extent(prep: Token) -> Tuple[int, int, Optional[Span]]:
    """'according to X', 'citing X': the phrase with its object subtree."""
    doc = prep.doc
    end = prep.i + 1
    source = None
    if not has_parse(doc):
        return prep.i, end, None
    heads = [prep]
    if prep.lower_ == "according":
        heads += [c for c in prep.children if c.lower_ == "to"]
    for h in heads:
        for c in h.children:
            if c.dep_ in ("pobj", "dobj") and c.i > prep.i:
                s, e = trim(doc, c.left_edge.i, c.right_edge.i + 1)
                if e > s:
                    end = max(end, e)
                    source = doc[s:e]
    return prep.i, end, source


def nominal_extent(noun: Token, words: Optional[Words] = None) -> Optional[Tuple[int, int, Span]]:
    """'allegations by X', 'accusations of X', 'suggestions made by X'."""
    doc = noun.doc
    if not has_parse(doc):
        return None
    for c in noun.children:
        if c.i < noun.i:
            continue
        pobj = None
        if c.dep_ == "prep" and c.lower_ in ("by", "of", "from"):
            pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
        elif c.dep_ == "acl":
            for g in c.children:
                if g.dep_ == "agent":
                    pobj = next((h for h in g.children if h.dep_ == "pobj"), None)
        if pobj is not None and is_agentive(pobj, words):
            s, e = trim(doc, pobj.left_edge.i, pobj.right_edge.i + 1)
            return noun.i, max(e, noun.i + 1), doc[s:e]
    return None


def is_agentive(tok: Token, words: Optional[Words] = None) -> bool:
    agents = (words or WORDS)["agent_nouns"]
    return (
        tok.pos_ == "PROPN"
        or tok.ent_type_ in ("PERSON", "ORG", "NORP", "GPE")
        or tok.lower_ in agents
        or (tok.lemma_.lower() in agents)
    )


def is_negated(tok: Token, words: Optional[Words] = None) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    return tok.i > 0 and tok.doc[tok.i - 1].lower_ in (words or WORDS)["negators"]


def quoted_extent(doc: Doc, start: int, end: int, words: Optional[Words] = None) -> Tuple[int, int]:
    """Widen [start, end) by one quotation mark on each side if both are there."""
    w = words or WORDS
    if start > 0 and end < len(doc) and doc[start - 1].text in w["open_quotes"] and doc[end].text in w["close_quotes"]:
        return start - 1, end + 1
    return start, end

