"""``hedgewatch_cue_ruler``: lexicon + syntax rules that propose HEDGE, ATTRIBUTION and
DENIAL spans into their own span key (default ``hw_rules``).

The rules are a high-recall candidate source for the trained span categorizer (see
:mod:`hedgewatch.components.suggester`) and a baseline of their own. They never write
to ``doc.spans["sc"]``: the span categorizer decides what lands there.

Everything that decides a match is data, like spaCy's ``SpanRuler`` and
``AttributeRuler``: the patterns (the lexicons ``hedges.jsonl``, ``reporting.jsonl``,
``denials.jsonl``, each entry with its source) and the word lists the rules decide
with (``words.jsonl``: hard negatives such as "denied entry", permission subjects,
intensifiers, quote marks, agent nouns ..., each list with its source), all package
data in ``hedgewatch/pipeline/lexicons``. ``initialize`` reads them; ``to_disk`` saves
them with the pipeline (``patterns.jsonl``, ``words.jsonl``, ``cfg``) and
``from_disk`` reads them back, so a saved pipeline keeps the rules it was trained with
even if the package's data change later. The code below holds only the grammar
(which dependency relation or part of speech a rule looks at).
"""

from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Union

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, filter_spans

from .. import RULES_SPANS_KEY
from . import syntax
from .lexicon import LEXICON_FILES, WORD_LISTS_FILE, Words, as_words, phrase_variants, read_lexicons, read_word_lists

def _is_permission_may(tok, words: Words) -> bool:
    """Bare "may" + main verb whose subject is a person or a permission-type noun
    (``permission_subjects``: in the annotated train+dev splits the rule's bare "may"
    was a hedge 11 times and a permission 32 times; the hedges have inanimate subjects,
    the permissions people and organisations, docs/error-analysis.md); of the other
    agents only plural ones count (round 4, on the real train split)."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ in words["permission_may_next_excluded"]:
        return False
    if not syntax.has_parse(tok.doc) or tok.head is tok:
        return False
    subj = syntax.subject(tok.head)
    if subj is None and tok.head.dep_ == "conj":  # "was granted bail and may travel abroad"
        if (tok.head.head.lemma_ or "").lower() in words.get("permission_grant_verbs", ()):
            return True
        subj = syntax.subject(tok.head.head)
    if subj is None or subj.tag_ in ("WDT", "WP"):
        return False
    lemma = (subj.lemma_ or subj.lower_).lower()
    subjects = words["permission_subjects"]
    # a plural agent ("Customers may return", "Shipping lines may resume") grants a
    # permission; a named or singular one ("Sanders may not fully understand", "the next
    # president may get") is the epistemic "may" of news (real train split: 6 of 6 hedges)
    return lemma in subjects or subj.lower_ in subjects or (
        syntax.is_agentive(subj, words) and subj.tag_ in ("NNS", "NNPS") and subj.ent_type_ != "PERSON")


def _is_subjunctive(verb, words: Words) -> bool:
    """A mandative clause ("that he pay", "the aide be fired", "that she should resign")."""
    auxes = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in words.get("obligation_modals", ()) for a in auxes):
        return True
    if any(a.tag_ in ("MD", "TO", "VBD", "VBZ", "VBP") for a in auxes):
        return False
    return verb.tag_ == "VB" or any(a.lower_ == "be" and a.tag_ == "VB" for a in auxes)


def _is_concessive(tok, words: Words) -> bool:
    """A modal in a concessive clause ("While X may be ...", "whatever ... may be")."""
    head = tok.head
    if any(c.dep_ == "mark" and c.lower_ in words.get("concessive_marks", ()) for c in head.children):
        return True
    return any(t.lower_ in words.get("concessive_marks", ()) for t in tok.doc[head.left_edge.i : tok.i])


def _is_claim_noun(tok, words: Words) -> bool:
    """A noun that names a claim ("report", "figures"), from the ``claim_nouns`` list."""
    return (tok.lemma_ or tok.lower_).lower() in words.get("claim_nouns", ())


def _is_person(tok, words: Words) -> bool:
    """A person as the object of a rejection ("dismissed him", "rejecting Mr. Trump")."""
    return tok.lower_ in words.get("person_objects", ()) or (tok.ent_type_ == "PERSON" and tok.ent_iob_ != "O")


def _starts_with_phrase(doc, start: int, phrases) -> bool:
    """Do the tokens from ``start`` begin with one of ``phrases`` (lower-cased)?"""
    following = [t.lower_ for t in doc[start : start + max(len(p) for p in phrases)]]
    return any(following[: len(p)] == p for p in phrases)


class CueRuler:
    """Rule-based proposer of hedgewatch spans."""

    def __init__(
        self,
        nlp: Language,
        name: str = "hedgewatch_cue_ruler",
        *,
        spans_key: str = RULES_SPANS_KEY,
        lexicons: Sequence[str] = LEXICON_FILES,
        word_lists: str = WORD_LISTS_FILE,
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.spans_key = spans_key
        self.lexicons = list(lexicons)
        self.word_lists = word_lists
        self.patterns: List[dict] = []
        self.word_list_records: List[dict] = []
        self.words: Words = {}
        # every pattern is an exact sequence of lower-cased words, so a PhraseMatcher on
        # LOWER finds the same matches as token patterns [{"LOWER": w}, ...] would, in
        # time independent of the number of patterns (the Matcher tries each of the
        # ~1,000 expanded patterns at every token)
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        # convenient default: usable right after add_pipe; initialize()/from_disk()
        # replace the patterns
        self.add_patterns(read_lexicons(self.lexicons))
        self.set_word_lists(read_word_lists(self.word_lists))

    # -- patterns ---------------------------------------------------------------
    def add_patterns(self, patterns: Iterable[dict]) -> None:
        for entry in patterns:
            for key in ("label", "phrase"):
                if key not in entry:
                    raise ValueError(f"[{self.name}] pattern without '{key}': {entry}")
            idx = len(self.patterns)
            self.patterns.append(dict(entry))
            self.matcher.add(str(idx), [Doc(self.vocab, words=words) for words in phrase_variants(entry)])

    def set_word_lists(self, records: Iterable[dict]) -> None:
        """Replace the word lists (records as in ``words.jsonl``)."""
        self.word_list_records = [dict(r) for r in records]
        self.words = as_words(self.word_list_records)

    def clear(self) -> None:
        self.patterns = []
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")

    def initialize(
        self,
        get_examples: Optional[Callable] = None,
        *,
        nlp: Optional[Language] = None,
        patterns: Optional[Sequence[dict]] = None,
        word_lists: Optional[Sequence[dict]] = None,
    ) -> None:
        self.clear()
        self.add_patterns(patterns if patterns is not None else read_lexicons(self.lexicons))
        self.set_word_lists(word_lists if word_lists is not None else read_word_lists(self.word_lists))

    # -- processing ---------------------------------------------------------------
    def __call__(self, doc: Doc) -> Doc:
        doc.spans[self.spans_key] = self.find(doc)
        return doc

    def pipe(self, stream: Iterable[Doc], batch_size: int = 128) -> Iterable[Doc]:
        for doc in stream:
            yield self(doc)

    def find(self, doc: Doc) -> List[Span]:
        has_pos = doc.has_annotation("POS")
        hedges: List[Span] = []
        attrs: List[Span] = []
        denials: List[Span] = []
        for match_id, start, end in self.matcher(doc):
            entry = self.patterns[int(self.vocab.strings[match_id])]
            label, kind = entry["label"], entry.get("kind", "")
            pos = entry.get("pos")
            head = doc[start]
            if pos and has_pos and end - start == 1 and head.pos_ != pos:
                continue
            if label == "HEDGE":
                if self._hedge_ok(doc, start, end, kind):
                    hedges.append(doc[start:end])
            elif label == "ATTRIBUTION":
                span = self._attribution(doc, start, end, kind, has_pos)
                if span is not None:
                    attrs.append(span)
            elif label == "DENIAL":
                span = self._denial(doc, start, end, kind, has_pos)
                if span is not None:
                    denials.append(span)
        if denials and attrs:
            attrs = [a for a in attrs if not self._names_a_denial(a, denials)]
        out: List[Span] = []
        for label, spans in (("HEDGE", hedges), ("ATTRIBUTION", attrs), ("DENIAL", denials)):
            for s in filter_spans(spans):
                out.append(Span(doc, s.start, s.end, label=label))
        out.sort(key=lambda s: (s.start, s.end, s.label_))
        return out

    def _hedge_ok(self, doc: Doc, start: int, end: int, kind: str) -> bool:
        w = self.words
        tok = doc[start]
        nxt = doc[end] if end < len(doc) else None
        prev = doc[start - 1] if start > 0 else None
        low = tok.lower_
        if kind == "modal":
            if low in w["month_modals"] and tok.text == tok.text.title() and (
                (prev is not None and not prev.is_sent_start and not tok.is_sent_start
                 and prev.text not in w["month_may_quote_before"])
                or (nxt is not None and (nxt.like_num or nxt.is_punct))
            ):
                return False  # the month
            if low in w["negatable_modals"] and nxt is not None and (nxt.lower_ in w["negators"] or nxt.lower_ in w.get("contracted_negators", ())):
                return False  # ability / negated ("could n’t recall")
            if low in w.get("concessive_modals", ()) and syntax.has_parse(doc) and _is_concessive(tok, w):
                return False  # "While Obama may be able to ...", "wherever it may lead" (GUIDELINES ruling 16)
            if tok.tag_ == "NNP":
                return False
            if nxt is not None and _starts_with_phrase(doc, start + 1, w["ability_after_modal"]):
                return False  # "could (not) be reached": ability
            if end - start == 1 and low in w["permission_modals"] and _is_permission_may(tok, w):
                return False  # deontic "Customers may return unopened bottles"
            if end - start == 1 and nxt is not None and nxt.lower_ in w["modal_hedge_before"]:
                return True
        if low == "likely" and kind in ("adjective", "adverb"):
            if prev is not None and prev.lower_ in w.get("statistical_likely_before", ()):
                return False  # "more likely to say"
            if nxt is not None and (nxt.lower_ in w.get("statistical_likely_heads", ()) or (
                    tok.dep_ == "amod" and tok.head.lower_ in w.get("statistical_likely_heads", ()))):
                return False  # "likely voters"
        if kind == "not_knowing":
            following = " ".join(t.lower_ for t in doc[end : end + 2])
            return any(following == a or following.startswith(a + " ") for a in w.get("not_knowing_before", ()))
        if kind == "raising_passive":
            if doc[end - 1].tag_ == "VBG":
                return False  # "are considering a coalition", "has been considering announcing"
            if doc[end - 1].lower_ == "considered" and (nxt is None or nxt.lower_ in w.get("considered_not_before", ())):
                return False  # "legislation is being considered.": deliberation, not judgement
        if kind == "judgement_verb":
            # "voters [see] Sanders as electable", "[consider] Clinton honest", "activities [viewed as]":
            # a judgement (GUIDELINES: see/view/consider X as Y), not "saw him", "consider the bill"
            if not syntax.has_parse(doc) or (tok.pos_ not in ("VERB", "AUX") and end - start == 1):
                return False
            if end - start > 1:
                return True
            heads = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
            if any(c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i for h in heads for c in h.children):
                return True
            return (tok.lemma_ or low).lower() in w.get("small_clause_lemmas", ()) and any(
                c.dep_ in ("oprd", "ccomp") and not any(m.dep_ == "mark" for m in c.children) for c in tok.children)
        if kind == "wait_and_see":
            return prev is not None and prev.lower_ in w.get("wait_and_see_subjects", ()) and (
                nxt is None or nxt.is_punct or nxt.lower_ in w.get("wait_and_see_before", ()))
        if kind == "perspective":
            if nxt is None or not (nxt.lower_ == "," or nxt.pos_ == "AUX"):
                return False
            return prev is None or prev.is_punct or prev.pos_ not in ("VERB", "AUX", "NOUN", "ADP", "PROPN")
        if kind == "hedge_phrase":
            if prev is not None and (prev.lower_ in w.get("kind_of_not_after", ()) or prev.pos_ in ("DET", "ADJ", "NUM")):
                return False  # "this kind of outcry"
            return True
        if kind == "linking":
            if not syntax.has_parse(doc) or not any(c.dep_ in ("acomp", "oprd", "attr") or (c.dep_ == "xcomp" and c.tag_ in ("VBN", "JJ"))
                                                    for c in tok.children):
                return False  # "appeared on television"; "seem to" has its own entry
            return True
        if kind in ("adjective", "adverb") and low in w["conditional_adjectives"]:
            window = " ".join(t.lower_ for t in doc[max(0, start - 3) : start])
            if window.endswith(tuple(w["possible_conditional_endings"])) or any(
                c in window for c in w["possible_conditional_contains"]
            ):
                return False
            if any(t.tag_ == "JJS" or t.lower_ in w.get("possible_superlative_before", ()) for t in doc[max(0, start - 4) : start]):
                return False  # "the best, strongest deal possible", "every delegate possible"
        if kind == "distancing_noun" and low.startswith(tuple(w["claim_prefixes"])):
            if prev is not None and prev.lower_ in w["money_claim_words"]:
                return False
            if nxt is not None and nxt.lower_ in w["claim_not_before"]:
                return False
        if kind == "epistemic_verb" and syntax.has_parse(doc):
            if low.startswith(tuple(w["object_not_hedge_prefixes"])) and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children) and any(
                c.dep_ == "dobj" for c in tok.children
            ):
                return False
            if syntax.is_negated(tok, w) and tok.lemma_ in w["negated_not_hedge_lemmas"]:
                return False
            lemma = tok.lemma_.lower()
            clause = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
            if lemma in w.get("complement_verbs", ()) and not (clause or any(c.dep_ in ("dobj", "attr", "oprd") for c in tok.children)):
                return False  # "as indicated", not "indicated that ..."
            if lemma in w.get("belief_in_lemmas", ()) and not clause and any(
                    c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in w.get("belief_preps", ("in",))) for c in tok.children):
                return False  # "believe in God", "believe me", "whatever we think about the war"
            if (lemma in w.get("clause_only_lemmas", ()) or low in w.get("clause_only_lemmas", ())) and not any(
                    c.dep_ == "ccomp" for c in tok.children):
                return False  # "We felt the time had come", not "I feel badly"; "is worried that", not "worried about"
            if lemma in w.get("proposal_lemmas", ()) and any(c.dep_ == "ccomp" and _is_subjunctive(c, w) for c in tok.children):
                return False  # "suggested the speechwriter be fired": a proposal (GUIDELINES)
            if tok.dep_ == "xcomp" and (tok.head.lemma_ or "").lower() in w.get("refusal_heads", ()):
                return False  # "declined to speculate"
            if lemma in w.get("expectation_lemmas", ()) and (tok.dep_ == "amod" or any(
                    t.lower_ in w.get("expectation_not_after", ()) for t in doc[max(0, start - 2) : start])):
                return False  # "a widely anticipated speech", "better-than-expected", "as expected"
        return True

    def _attribution(self, doc: Doc, start: int, end: int, kind: str, has_pos: bool) -> Optional[Span]:
        w = self.words
        tok = doc[start]
        parsed = syntax.has_parse(doc)
        if kind == "verb":
            if has_pos and tok.pos_ not in ("VERB", "AUX"):
                return None
            lemma = (tok.lemma_ or tok.lower_).lower()
            if parsed:
                subj = syntax.subject(tok)
                cognition = lemma in w.get("cognition_verbs", ())
                # first-person cognition ("I think") is a HEDGE only; first-person speech
                # ("I said", "we can confirm") is an ATTRIBUTION (contract, real news)
                if subj is not None and subj.lower_ in w["first_person"] and (cognition or "cognition_verbs" not in w):
                    return None
                # negated speech ("did not say which") is not; a negated belief is one
                if syntax.is_negated(tok, w) and not cognition:
                    return None
                if lemma in w.get("needs_object_predicate", ()) and _object_predicate_start(tok, w) is None:
                    return None
                if lemma in w["needs_clause"] and not any(
                    c.dep_ in ("ccomp", "xcomp", "parataxis") for c in tok.children
                ) and not _after_quote(tok, w) and not _before_quote(tok, w) and not _evidence_with_object(tok, subj, w):
                    return None
                if lemma in w.get("quote_only_verbs", ()) and not _quote_report(tok, subj, w):
                    return None  # "“Who pays?” he asks." / "the sign read: “...”", not "asked him to leave"
                if lemma in w.get("factive_verbs", ()) and not any(
                        c.dep_ == "ccomp" and c.left_edge.lower_ not in w.get("wh_words", ()) for c in tok.children):
                    return None  # "everybody knows (that) ...", not "knows how to" / "knows him"
                if lemma in w.get("needs_that_clause", ()) and not any(
                        c.dep_ == "ccomp" and c.left_edge.lower_ not in w.get("wh_words", ()) for c in tok.children):
                    return None  # "vowed that it would never happen", not "vowed to appeal"
                if lemma in w.get("needs_evaluation_target", ()) and (not _evaluation_target(tok, w) or (
                        tok.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux", "auxpass") for c in tok.children))):
                    return None  # "hammered X for his vote", not "praised the ruling"
                if lemma in w.get("needs_as_complement", ()) and not _as_complement(tok):
                    return None  # "voters see her as honest", "he considers her untrustworthy"
                if cognition and (any(c.dep_ == "auxpass" for c in tok.children) or (tok.tag_ == "VBN" and tok.dep_ == "acl")) \
                        and not any(c.dep_ == "agent" for c in tok.children):
                    return None  # agentless "is considered", "was seen as": HEDGE only
                if tok.dep_ in ("amod", "compound"):
                    return None
                if _raising_passive(tok) or _directive(tok, w):
                    return None  # "is expected to win" (HEDGE only), "told residents not to drink"
                inf = _infinitive_head(tok)
                if inf is not None and (inf.lemma_ or inf.lower_).lower() in w.get("irrealis_speech_heads", ()):
                    return None  # "declined to say whether", "plans to testify": no speech happens
            s, e, _ = syntax.source_cue_extent(tok, words=w)
            if parsed:
                s, e = _attribution_extent(tok, s, e, w)
            return doc[s:e]
        if kind == "prep":
            if tok.lower_ in w["never_prep_cues"] or (tok.lower_ == "according" and not parsed and (end - start) < 2):
                return None
            s, e, _ = syntax.prep_extent(tok)
            e = _close_bracket(doc, s, max(e, end))
            return doc[s:e] if e - s > end - start or kind == "prep" else None
        if kind == "noun":
            if has_pos and tok.pos_ not in ("NOUN", "PROPN"):
                return None
            ext = syntax.nominal_extent(tok, w)
            if ext is None:
                return None
            s, e, _ = ext
            return doc[s:e]
        if kind == "phrase":
            verb = doc[start]
            s, e, _ = syntax.source_cue_extent(verb, object_nouns=tuple(w["concern_nouns"]), words=w)
            return doc[min(s, start) : max(e, end)]
        return None

    def _names_a_denial(self, attr: Span, denials: List[Span]) -> bool:
        """'called claims “utterly false”': the Y of a 'call X Y' attribution is a denial,
        and a denial predicate is not also an ATTRIBUTION."""
        w = self.words
        verbs = [t for t in attr if (t.lemma_ or t.lower_).lower() in w.get("needs_object_predicate", ()) and t.pos_ in ("VERB", "AUX", "")]
        for verb in verbs:
            start = _object_predicate_start(verb, w)
            if start is not None and any(start <= d.start <= start + 1 for d in denials):
                return True
        return False

    def _denial(self, doc: Doc, start: int, end: int, kind: str, has_pos: bool) -> Optional[Span]:
        w = self.words
        tok = doc[start]
        if kind == "predicate":
            if has_pos and tok.pos_ != "VERB":
                return _headline_denial(doc, start, end)
            if syntax.has_parse(doc):
                if syntax.is_negated(tok, w):
                    return None
                for c in tok.children:
                    if c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in w["not_a_claim"] or c.lower_ in w["not_a_claim"]):
                        return None
                    if c.dep_ == "dobj" and _is_person(c, w):
                        return None  # "rejecting Mr. Trump", "dismissed him"
                    if c.dep_ == "dative" and tok.lemma_.lower() == "deny":
                        return None  # "denying poor folks health care": a refusal
                    if c.dep_ == "aux" and (c.lower_ in w.get("obligation_modals", ()) or c.lower_ in w.get("hypothetical_modals", ())):
                        return None  # "Mexico must rebut", "said Wal-Mart could refute the claims at a trial"
                    if c.dep_ == "nsubjpass" and (_is_person(c, w) or (c.pos_ == "PROPN" and not _is_claim_noun(c, w))):
                        return None  # "Mr. Strzok was dismissed": fired, not a claim denied
                    if c.dep_ == "prep" and c.lower_ == "to" and tok.lemma_.lower() == "deny":
                        return None  # "protections previously denied to them": a refusal
                lemma = tok.lemma_.lower()
                objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
                objects += [g for h in [tok] + objects for c in h.children if c.dep_ == "prep" and c.lower_ in w.get("object_preps", ())
                            for g in c.children if g.dep_ == "pobj"]  # "took issue with the figures"
                if lemma in w.get("claim_object_predicates", ()) and not any(_is_claim_noun(c, w) for c in objects):
                    return None  # "[the company challenged] the figures", not "challenged the incumbent"
                if lemma == "deny" and tok.dep_ == "conj" and (tok.head.lemma_ or "").lower() == "confirm":
                    return None  # "could neither confirm nor deny": no denial happens
                if tok.dep_ == "amod" and not _is_claim_noun(tok.head, w):
                    return None  # "the disputed territory", not "the disputed report"
                if (tok.dep_ == "xcomp" or (tok.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children))) \
                        and (tok.head.lemma_ or "").lower() in w.get("irrealis_heads", ()):
                    return None  # "urged the governor to reject the measure"
                if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" and c.lower_ not in w.get("contracted_has", ()) for c in tok.children) and any(
                    c.dep_ in ("dobj", "dative") for c in tok.children
                ):
                    return None  # "was denied entry", not "He's always denied it"
                subj = syntax.subject(tok)
                if subj is not None and (subj.lemma_ or subj.lower_).lower() in w.get("legal_subjects", ()):
                    return None  # "Courts have dismissed their claims": a ruling on a legal claim
                if any(t.lower_ in w.get("irrealis_before", ()) for t in doc[max(0, start - 3) : start]):
                    return None  # "rather than publicly challenging Trump's claims"
                span = self._denier_extent(doc, tok, end)
                if span is not None:
                    return span
            else:
                nxt = doc[end] if end < len(doc) else None
                if nxt is not None and nxt.lower_ in w["not_a_claim"]:
                    return None
            s, e, _ = syntax.source_cue_extent(tok, with_addressee=False, words=w)
            return doc[min(s, start):max(e, end)]  # a multi-word predicate keeps its particle ("pushed back")
        if kind == "evaluation":
            low = doc[start:end].text.lower()
            if low in w["noun_only_evaluations"] and has_pos and tok.pos_ != "NOUN":
                return None
            before = start - 1
            if before > 0 and doc[before].lower_ in w["indefinite_articles"]:
                before -= 1  # "not a hoax"
            if low in w["negatable_evaluations"] and before >= 0 and doc[before].lower_ in w["negators_short"]:
                return None
            if low in w["phrasal_evaluations"] and any(t.lemma_.lower() in w.get("not_made_up_after", ()) for t in doc[max(0, start - 2):start]):
                return None  # "have their minds made up"
            if low in w["accusation_verbs"] and has_pos and tok.pos_ == "VERB" and any(c.dep_ == "dobj" for c in tok.children):
                return None  # "the researcher fabricated data": an accusation, not a denial
            if syntax.has_parse(doc) and low in w.get("predicate_only_evaluations", ()) and doc[end - 1].dep_ in ("dobj", "pobj"):
                return None  # "make up lies", "pled guilty to those lies"; not "that is [a lie]"
            if syntax.has_parse(doc) and end - start == 1 and tok.dep_ == "compound":
                return None  # "propaganda machine", "Propaganda Videos"
            if (syntax.has_parse(doc) and end - start == 1 and tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN")
                    and "claim_nouns" in w and (tok.head.lemma_ or tok.head.lower_).lower() not in w["claim_nouns"]):
                return None  # "phony fact-checkers", "the disputed territory", not "a [bogus] report"
            if low in w["phrasal_evaluations"] and (end >= len(doc) or doc[end].lower_ in w["phrasal_evaluation_not_before"]):
                nxt = end
                while nxt < len(doc) and doc[nxt].lower_ in w["phrasal_evaluation_not_before"]:
                    nxt += 1
                if not (nxt < len(doc) and _is_claim_noun(doc[nxt], w)):
                    return None  # "made up of", "made up for"; not "[made up] the story"
            if low in w["compound_evaluations"] and (
                (start > 0 and doc[start - 1].lower_ in w["not_evaluative_before"])
                or (end < len(doc) and doc[end].lower_ in w["not_evaluative_after"])
            ):
                return None  # "science fiction", "garbage collection", "fantasy football" ...
            if low in w.get("denial_nouns", ()) and end + 1 < len(doc) and doc[end].lower_ == "of" and (
                    doc[end + 1].lower_ in w["not_a_claim"] or doc[end + 1].lemma_.lower() in w["not_a_claim"]):
                return None  # "the DNC's denial of access": a refusal
            pair = w.get("legal_evaluation_pairs", ())
            if low in pair and ((start >= 2 and doc[start - 1].lower_ == "or" and doc[start - 2].lower_ in pair)
                                or (end + 1 < len(doc) and doc[end].lower_ == "or" and doc[end + 1].lower_ in pair)):
                return None  # "false or misleading testimony/statements": the offence's wording (GUIDELINES ruling 5)
            if low in w.get("speech_verb_evaluations", ()) and not (
                    end < len(doc) and (doc[end].lemma_ or doc[end].lower_).lower() in w.get("speech_verbs", ())):
                return None  # "Clinton [wrongly] claimed", not "wrongly convicted"
            if low in w.get("claim_prep_evaluations", ()) and not any(
                    _is_claim_noun(t, w) for t in doc[end : end + 5] if t.pos_ in ("NOUN", "PROPN")):
                return None  # "[Contrary to] her claims", not "contrary to her promises"
            if doc[start].lower_ in w.get("contracted_negators", ()) and start > 0:
                start -= 1  # "[isn't true]"
            if start >= 2 and doc[start - 1].lower_ in w.get("percent_words", ()) and doc[start - 2].like_num:
                start -= 2  # "[100 percent false]"
            # intensifiers belong to the evaluation: "[completely untrue]", "[complete and utter lies]"
            while start > 0 and doc[start - 1].lower_ in w["intensifiers"]:
                start -= 1
                if start > 1 and doc[start - 1].lower_ in w.get("coordinators", ()) and doc[start - 2].lower_ in w["intensifiers"]:
                    start -= 1
            if (start > 0 and start < end - 1 and doc[start - 1].lower_ in w["indefinite_articles"] and doc[start].lower_ in w["intensifiers"]
                    and (not has_pos or doc[end - 1].pos_ == "NOUN")):
                start -= 1  # "[a complete fiction]", not "a [demonstrably false] narrative"
            s, e = _whole_quote(doc, start, end, w)
            return doc[s:e]
        return None

    def _denier_extent(self, doc: Doc, tok, end: int) -> Span:
        """The denier + predicate span of a parsed denial verb (contract: the denying party
        where it is the subject, with whatever stands between it and the predicate)."""
        w = self.words
        _, e, _ = syntax.source_cue_extent(tok, with_addressee=False, words=w)
        e = max(e, end)
        lemma = lambda t: (t.lemma_ or t.lower_).lower()
        if any(c.dep_ == "auxpass" and c.lower_ not in w.get("contracted_has", ()) for c in tok.children):
            # passive: the subject is the denied claim ("[easily refuted]", "[contested by critics]")
            s = tok.i
            while s > 0 and doc[s - 1].dep_ == "advmod" and doc[s - 1].head is tok:
                s -= 1
            return doc[s:e]
        if tok.dep_ == "acl" and tok.head.i < tok.i and lemma(tok.head) in w.get("statement_nouns", ()):
            noun = tok.head  # "[Mueller's statement disputing]", "[Mueller releasing a statement disputing]"
            s = noun.left_edge.i
            if noun.dep_ == "dobj" and lemma(noun.head) in w.get("light_statement_verbs", ()):
                s = min(s, _denier_start(doc, noun.head, w))
            return doc[s:e]
        top = tok  # "[The evidence ... appears to directly contradict]", "[he began dismissing]"
        while top.dep_ == "xcomp" and top.head.i < top.i and lemma(top.head) in w.get("catenative_heads", ()):
            top = top.head
        s = _denier_start(doc, top, w)
        if s == top.i:
            s = tok.i
        while s < tok.i and doc[s].tag_ in ("WP", "WDT"):
            s += 1  # "what [he's disputing]"
        return doc[s:e]

    # -- serialization ------------------------------------------------------------
    def _cfg(self) -> dict:
        return {"spans_key": self.spans_key, "lexicons": self.lexicons, "word_lists": self.word_lists}

    def _set_cfg(self, cfg: dict) -> None:
        self.spans_key = cfg.get("spans_key", self.spans_key)
        self.lexicons = list(cfg.get("lexicons", self.lexicons))
        self.word_lists = cfg.get("word_lists", self.word_lists)

    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", self.patterns)
        srsly.write_jsonl(path / "words.jsonl", self.word_list_records)
        srsly.write_json(path / "cfg", self._cfg())

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> "CueRuler":
        path = ensure_path(path)
        if (path / "cfg").exists():
            self._set_cfg(srsly.read_json(path / "cfg"))
        self.clear()
        self.add_patterns(srsly.read_jsonl(path / "patterns.jsonl"))
        # a pipeline saved before the word lists were data keeps the package's lists
        words = path / "words.jsonl"
        self.set_word_lists(srsly.read_jsonl(words) if words.exists() else read_word_lists(self.word_lists))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"patterns": self.patterns, "words": self.word_list_records, "cfg": self._cfg()})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "CueRuler":
        msg = srsly.msgpack_loads(data)
        self._set_cfg(msg.get("cfg", {}))
        self.clear()
        self.add_patterns(msg["patterns"])
        self.set_word_lists(msg["words"] if "words" in msg else read_word_lists(self.word_lists))
        return self


def _object_predicate_start(verb, words: Words) -> Optional[int]:
    """Where the Y of 'V X Y' begins: the verb's object predicate (``oprd``), or an opening
    quote right after its direct object ('calling the protester “a very obnoxious guy”');
    None when the verb has no such object and predicate ('called for', 'called him')."""
    if not syntax.has_parse(verb.doc):
        return None
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    if dobj is None:
        return None
    oprd = next((c for c in verb.children if c.dep_ == "oprd"), None)
    if oprd is not None:
        return oprd.left_edge.i
    # the quoted Y is often parsed into the object's subtree (as an apposition)
    for i in range(dobj.i + 1, min(dobj.right_edge.i + 2, len(verb.doc))):
        if verb.doc[i].text in words["open_quotes"]:
            return i
    return None


def _denier_start(doc: Doc, verb, words: Words) -> int:
    """Start of the denier + predicate: the adjacent subject, also across interposed
    adverbials ("[Snyder, for his part, has denied]"); else the verb."""
    s, _, _ = syntax.source_cue_extent(verb, with_addressee=False, words=words)
    subj = syntax.subject(verb)
    if s < verb.i or subj is None or subj.i > verb.i or subj.dep_ != "nsubj":
        return min(s, verb.i)
    subj_end = subj.right_edge.i + 1
    allowed = set()
    for c in verb.children:
        if c.dep_ in words.get("interposed_deps", ()) and subj_end <= c.i < verb.i:
            allowed.update(range(c.left_edge.i, c.right_edge.i + 1))
    if verb.i - subj_end <= 12 and all(i in allowed or doc[i].is_punct for i in range(subj_end, verb.i)):
        return syntax.trim(doc, syntax.cut_dateline(doc, subj.left_edge.i, subj.i, words), subj_end)[0]
    return verb.i


def _headline_denial(doc: Doc, start: int, end: int) -> Optional[Span]:
    """A title-case headline verb the tagger read as a noun: "[Mueller Disputes] BuzzFeed
    Report", "[Donald Trump Denies] ..." (contract: a headline "[Records Refute]")."""
    tok = doc[start]
    if end - start != 1 or start == 0 or end >= len(doc) or not tok.text[:1].isupper() or not tok.lower_.endswith("s"):
        return None
    if not doc[end].text[:1].isupper() or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    line = doc[max(0, start - 6) : min(len(doc), end + 6)]
    content = [t for t in line if t.is_alpha and len(t) > 3]
    if len(content) < 4 or sum(t.text[:1].isupper() for t in content) < 0.8 * len(content):
        return None
    s = start
    while s > 0 and s > start - 4 and doc[s - 1].is_alpha and doc[s - 1].text[:1].isupper() and not doc[s - 1].is_sent_start:
        s -= 1
    if s > 0 and doc[s - 1].is_alpha and doc[s - 1].text[:1].isupper() and doc[s - 1].is_sent_start:
        s -= 1
    return doc[s:end] if s < start else None


def _whole_quote(doc: Doc, start: int, end: int, words: Words):
    """A whole quoted evaluation keeps its quote marks and the punctuation inside them
    ("[“absurd.”]", "[“inaccurate and incomplete”]", "[“Greatest Witch Hunt ...!”]"), when the
    quote is a phrase (no finite verb, no subject): "This is simply not [true]" stays bare."""
    s, e = syntax.quoted_extent(doc, start, end, words)
    if (s, e) != (start, end):
        return s, e
    o = next((i for i in range(start - 1, max(-1, start - 6), -1) if doc[i].text in words["open_quotes"]), None)
    c = next((i for i in range(end, min(len(doc), end + 8)) if doc[i].text in words["close_quotes"]), None)
    if o is None or c is None or doc[o].whitespace_ or (c > 0 and doc[c - 1].whitespace_):
        return start, end
    inside = doc[o + 1 : c]
    if any(t.tag_ in ("VBD", "VBZ", "VBP", "MD") or t.dep_ in ("nsubj", "nsubjpass", "expl") or t.text in words["quotes"]
           or t.is_space for t in inside):
        return start, end
    # the quote is the evaluation's own phrase, not a larger one it modifies ("the Buzzfeed [false] story")
    if syntax.has_parse(doc) and not {t.i for t in inside if not t.is_punct} <= {t.i for t in doc[start:end].root.subtree}:
        return start, end
    return o, c + 1


def _evidence_with_object(verb, subj, words: Words) -> bool:
    """'leaked emails showed staff favoring ...', 'a poll found Trump ahead': an evidence
    source with show/reveal/find and a noun object (contract: evidence sources)."""
    if subj is None or (verb.lemma_ or "").lower() not in words.get("evidence_verbs", ()):
        return False
    if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subj = verb.head  # "video of the arrest that showed"
    return (subj.lemma_ or subj.lower_).lower() in words.get("evidence_sources", ()) and any(
        c.dep_ in ("dobj", "ccomp") for c in verb.children)


def _raising_passive(verb) -> bool:
    """Agentless passive + to-infinitive ('is expected to win', 'was said to be', 'are
    found to have'): an evidential HEDGE, not an ATTRIBUTION (contract)."""
    return (any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ in ("ROOT", "acl", "relcl"))) \
        and not any(c.dep_ == "agent" for c in verb.children) \
        and any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in verb.children)


def _directive(verb, words: Words) -> bool:
    """'told residents not to drink', 'warning members not to cut': a directive, no
    propositional content (contract: directives are not ATTRIBUTION)."""
    if (verb.lemma_ or "").lower() not in words.get("directive_speech_verbs", ()):
        return False
    if any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return False
    return any(c.dep_ in ("xcomp", "advcl") and c.i > verb.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
               for c in verb.children)


def _infinitive_head(verb):
    """The word a to-infinitive cue depends on ('declined to say' -> declined), or None."""
    if verb.head.i == verb.i or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return verb.head


def _attribution_extent(verb, s: int, e: int, words: Words):
    """ATTRIBUTION boundaries beyond the subject + cue of ``source_cue_extent``
    (contract, 'Decisions for real news'): a relative-clause source runs from its
    antecedent ('[analysts who expect]'); adverbials between source and cue are inside
    ('[the mayor on Monday said]'); a passive subject is the target, not the source
    ('was [criticized]'); 'went on to say' takes the subject of 'went on'."""
    doc = verb.doc
    subj = syntax.subject(verb)
    if subj is not None and subj.dep_ == "nsubjpass" and s < verb.i:
        s = verb.i  # "[criticized] by X" keeps its agent (e), not the passive subject
    elif subj is not None and subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and s == subj.i:
        ant = verb.head
        a = syntax.cut_dateline(doc, ant.left_edge.i, ant.i, words)
        if a < s and not any(t.is_space or t.text in (".", "?", "!") for t in doc[a:ant.i]):
            s = a
    elif subj is not None and subj.i < verb.i and s == verb.i:
        # adverbials between the source and the cue: "[Trump, on Friday, described]"
        a, b = syntax.trim(doc, syntax.cut_dateline(doc, subj.left_edge.i, subj.i, words), subj.right_edge.i + 1)
        if b <= verb.i and all(_is_adverbial_of(t, verb) for t in doc[b:verb.i]):
            s = a
    head = _infinitive_head(verb)
    if head is not None and (head.lemma_ or head.lower_).lower() in words.get("infinitive_attribution_heads", ()) and s == verb.i:
        carrier = head.head if head.dep_ in ("acomp", "attr") else head  # "was quick to", "the first to"
        hs, _, _ = syntax.source_cue_extent(carrier, with_addressee=False, words=words)
        if hs < carrier.i:
            s = hs
    if verb.tag_ == "VBG" and verb.dep_ == "acl" and s == verb.i and verb.head.i < verb.i:
        # "[comments Trump made in 2006 saying]", "[Steele issued a statement saying]"
        noun = verb.head
        s = syntax.cut_dateline(doc, noun.left_edge.i, noun.i, words)
        light = noun.head
        if noun.dep_ == "dobj" and (light.lemma_ or "").lower() in words.get("statement_light_verbs", ()):
            ls, _, _ = syntax.source_cue_extent(light, with_addressee=False, words=words)
            s = min(s, ls)
    s = _after_break(doc, s, verb.i)
    agent = next((c for c in verb.children if c.dep_ == "agent" and c.i > verb.i), None)
    pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if pobj is not None and e > pobj.i:
        e = min(e, max(_np_end(pobj), verb.i + 1))  # "[criticized by colleagues] for the remark"
    return s, _close_bracket(doc, s, _addressee_end(verb, e, words))


def _close_bracket(doc, s: int, e: int) -> int:
    """'[said Rep. Jason Chaffetz (R-Utah)]': a source keeps the closing bracket it opened."""
    if e < len(doc) and doc[e].text == ")" and sum(t.text == "(" for t in doc[s:e]) > sum(t.text == ")" for t in doc[s:e]):
        return e + 1
    return e


def _as_complement(verb) -> bool:
    """'see/view X as Y', 'consider X (to be) Y': the judgement has a predicate."""
    for c in verb.children:
        if (verb.lemma_ or "").lower() == "consider" and (c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.tag_ != "VBG")):
            return True
    # "as" on the verb, on its object or opening a predicate ("see X as honest")
    return any(t.lower_ == "as" and t.i > verb.i and verb.i in (t.head.i, t.head.head.i) for t in verb.subtree)


def _evaluation_target(verb, words: Words) -> bool:
    """An evaluative verb with explicit content: 'X for Y', 'X as Y', 'X over Y', 'compared X
    to Y' (contract: criticise X for, praise X as, liken X to)."""
    preps = words.get("evaluation_content_preps", ())
    return any(t.dep_ == "prep" and t.lower_ in preps and t.i > verb.i
               and verb.i in (t.head.i, t.head.head.i, t.head.head.head.i) for t in verb.subtree)


def _quote_report(verb, subj, words: Words) -> bool:
    """'“Who pays?” [he asks].', '“...,” [she continued].', '[the letter reads]: “...”': a
    subject + verb with no clause or object of its own, right after or before a quote."""
    if subj is None:
        return False
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.text in (":", ",") and _before_quote(verb, words):
        return True
    return _after_quote(verb, words) and (nxt is None or nxt.is_punct) and not any(
        c.dep_ in ("xcomp", "ccomp", "dobj") and c.i > verb.i for c in verb.children)


def _before_quote(tok, words: Words) -> bool:
    """'the letter continues: “...' : an opening quotation mark right after the cue."""
    doc = tok.doc
    for i in range(tok.i + 1, min(len(doc), tok.i + 3)):
        if doc[i].text in words["open_quotes"]:
            return True
        if doc[i].text not in (":", ","):
            return False
    return False


def _is_adverbial_of(tok, verb) -> bool:
    """Is ``tok`` inside a non-clausal dependent of ``verb`` (an adverbial) or punctuation?"""
    if tok.is_punct or tok.is_space:
        return True
    while tok.head.i != tok.i and tok.head.i != verb.i:
        tok = tok.head
    return tok.head.i == verb.i and tok.dep_ in ("prep", "advmod", "npadvmod", "advcl", "aux", "auxpass", "neg", "punct", "prt")


def _after_break(doc, s: int, cue: int) -> int:
    """A source never runs back over a headline break (blank-line token) or the end of a
    quotation ('... every American,” [Chairman Mark Meadows said]')."""
    for i in range(cue - 1, s - 1, -1):
        t = doc[i]
        if t.is_space or (t.text in ("”", "''") and i > 0 and doc[i - 1].text in (",", ".", "?", "!")):
            return syntax.trim(doc, i + 1, cue + 1)[0]
    return s


def _addressee_end(verb, e: int, words: Words) -> int:
    """'[confirmed to Fox News]', '[said to reporters]': a 'to' addressee right after the cue
    is inside; trailing places and topics of an addressee are not ('[told a crowd] in ...')."""
    if (verb.lemma_ or "").lower() in words.get("to_addressee_verbs", ()) and e == verb.i + 1:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "to" and c.i == e:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN", "PRON") and not _is_claim_noun(pobj, words):
                    return _np_end(pobj)
    if (verb.lemma_ or "").lower() in words["addressee_verbs"]:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i >= verb.i), None)
        if obj is not None and e == obj.right_edge.i + 1 and obj.right_edge.i > obj.i:
            return max(verb.i + 1, _np_end(obj))
    return e


def _np_end(tok) -> int:
    """End of a noun phrase without its trailing prepositional, clausal or relative
    modifiers ('a crowd [in Green Bay]', 'officials [about the emails]')."""
    end = tok.i + 1
    for c in tok.children:
        if c.i > tok.i and c.dep_ not in ("prep", "relcl", "acl", "advcl", "ccomp", "punct", "cc", "conj"):
            end = max(end, c.right_edge.i + 1)
    return end


def _after_quote(tok, words: Words) -> bool:
    """'“...,” he says' : the cue follows a closing quotation mark."""
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - 6), -1):
        if doc[i].text in words["close_quotes"]:
            return True
    return False


@Language.factory(
    "hedgewatch_cue_ruler",
    default_config={"spans_key": RULES_SPANS_KEY, "lexicons": list(LEXICON_FILES), "word_lists": WORD_LISTS_FILE},
    assigns=["doc.spans"],
    default_score_weights={},
)
def make_cue_ruler(nlp: Language, name: str, spans_key: str, lexicons: List[str], word_lists: str) -> CueRuler:
    """Create the lexicon + syntax rule component (writes ``doc.spans[spans_key]``)."""
    return CueRuler(nlp, name, spans_key=spans_key, lexicons=lexicons, word_lists=word_lists)
