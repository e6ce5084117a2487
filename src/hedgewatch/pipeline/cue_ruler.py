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
from .cue_grammar import (
    there_frame_start,
    is_non_epistemic_sense,
    is_permission_may,
    is_option_could,
    is_misparsed_linking,
    passive_frame,
    is_counterfactual,
    has_negative_subject,
    negated_ground,
    is_purpose_modal,
    is_option_wh,
    is_subjunctive,
    is_concessive,
    is_claim_noun,
    passive_claim_subject,
    is_outlet_epithet,
    join_coordinated_evaluations,
    is_person,
    word_before,
    shared_object,
    is_generic_bare,
    judges_a_claim,
    judges_a_fact_or_plan,
    predicate_noun_extent,
    has_content_clause,
    raises_an_open_question,
    states_a_proposition,
    says_something,
    lemma,
    past_close_quotes,
    is_headline_noun,
    is_accusation_charge,
    is_forecast,
    asks_a_question,
    responds_to_claim,
    ground_extent,
    is_claim_verdict_noun,
    starts_with_phrase,
    object_predicate_start,
    denier_start,
    headline_denial,
    whole_quote,
    evidence_with_object,
    raising_passive,
    directive,
    expletive_passive,
    first_person_judgement,
    infinitive_head,
    attribution_extent,
    close_bracket,
    as_complement,
    characterises_as,
    repeats_speech,
    postposed_report,
    reports_an_object,
    puts_a_figure,
    concessive_that_said,
    evaluation_target,
    has_that_clause,
    quote_report,
    before_quote,
    after_quote,
    evaluates_a_claim,
    negative_subject_start,
)
from .resolution import clip_to_line
from .lexicon import LEXICON_FILES, WORD_LISTS_FILE, Words, as_words, phrase_variants, read_lexicons, read_word_lists

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
        syntax.mend_contraction_lemmas(doc)  # "they’re": lemma "be", as "they're" has
        hedges: List[Span] = []
        attrs: List[Span] = []
        denials: List[Span] = []
        verdicts: List[Span] = []  # evaluation DENIAL spans
        tags = syntax.markup_tags(doc)  # "<tweet author=...>": the tag name is no cue
        for match_id, start, end in self.matcher(doc):
            entry = self.patterns[int(self.vocab.strings[match_id])]
            label, kind = entry["label"], entry.get("kind", "")
            pos = entry.get("pos")
            head = doc[start]
            if tags and syntax.in_markup(head, tags):
                continue
            cue = doc[start:end]  # every span is cut to the line of its cue (GUIDELINES rule 6)
            if pos and has_pos and head.pos_ != pos and not (kind == "linking" and head.dep_ == "auxpass") \
                    and not is_headline_noun(head, pos, kind, self.words):
                continue  # a linking "seemed" misparsed as a passive auxiliary stays (is_misparsed_linking)
            if label == "HEDGE":
                if self._hedge_ok(doc, start, end, kind):
                    aux = self._aux_start(doc, start, kind)
                    s, e = passive_frame(doc, aux, end, self.words) if syntax.has_parse(doc) else (start, end)
                    hedges.append(clip_to_line(doc[min(s, aux) : e], cue))
            elif label == "ATTRIBUTION":
                span = self._attribution(doc, start, end, kind, has_pos)
                if span is not None:
                    attrs.append(clip_to_line(span, cue))
            elif label == "DENIAL":
                span = self._denial(doc, start, end, kind, has_pos)
                if span is not None:
                    span = clip_to_line(span, cue)
                    denials.append(span)
                    if kind == "evaluation":
                        verdicts.append(span)
        if denials and hedges:  # "Nothing could be further from the truth": the modal is part of the verdict
            hedges = [h for h in hedges if not (h[0].tag_ == "MD" and any(
                d.start <= h.start and h.end <= d.end for d in verdicts))]
        if denials and attrs:
            attrs = [a for a in attrs if not self._names_a_denial(a, denials)]
            predicates = {d.end for d in denials if d not in verdicts}  # "[The senator ridiculed] the report as ...":
            attrs = [a for a in attrs if a.end not in predicates]  # a denial predicate is not also an ATTRIBUTION
        denials = join_coordinated_evaluations(doc, filter_spans(denials), self.words)
        out: List[Span] = []
        for label, spans in (("HEDGE", hedges), ("ATTRIBUTION", attrs), ("DENIAL", denials)):
            for s in filter_spans(spans):
                start, end = s.start, s.end
                if tags and syntax.in_markup(doc[start], tags):
                    while start < end and syntax.in_markup(doc[start], tags):
                        start += 1  # a source never reaches back into a tag: '<tweet author="x">Officials said'
                    start, end = syntax.trim(doc, start, end)
                if start < end:
                    out.append(Span(doc, start, end, label=label))
        out.sort(key=lambda s: (s.start, s.end, s.label_))
        return out

    def _hedge_ok(self, doc: Doc, start: int, end: int, kind: str) -> bool:
        w = self.words
        tok = doc[start]
        nxt = doc[end] if end < len(doc) else None
        prev = doc[start - 1] if start > 0 else None
        low = tok.lower_
        if kind == "modal":
            title_modal = (low in w["month_modals"] and start + 1 < len(doc) and doc[start + 1].lower_ in w.get("month_may_modal_after", ())
                           and (prev is None or prev.tag_ not in ("IN", "DT", "JJ", "CD")))  # not "sales in May have risen"
            if low in w["month_modals"] and tok.text == tok.text.title() and not title_modal and (
                (prev is not None and not prev.is_sent_start and not tok.is_sent_start
                 and prev.text not in w["month_may_quote_before"])
                or (nxt is not None and (nxt.like_num or nxt.is_punct))
            ):
                return False  # the month
            if low in w["negatable_modals"] and nxt is not None and (nxt.lower_ in w["negators"] or nxt.lower_ in w.get("contracted_negators", ())):
                return False  # ability / negated ("could n’t recall")
            if low in w.get("concessive_modals", ()) and syntax.has_parse(doc) and is_concessive(tok, w):
                return False  # "While Obama may be able to ...", "wherever it may lead" (GUIDELINES ruling 16)
            if tok.tag_ == "NNP" and not title_modal:
                return False  # a name; but a title-case headline "Trump May Be ..." keeps the modal
            if nxt is not None and starts_with_phrase(doc, start + 1, w["ability_after_modal"]):
                return False  # "could (not) be reached": ability
            if end - start == 1 and nxt is not None and starts_with_phrase(doc, start + 1, w.get("advice_after_modal", ())):
                return False  # "Trump may want to check his stats": advice (round 18)
            if end - start == 1 and low in w["permission_modals"] and is_permission_may(tok, w):
                return False  # deontic "Customers may return unopened bottles"
            if (end - start == 1 or doc[end - 1].lower_ == "have") and low in w["negatable_modals"] and syntax.has_parse(doc) and is_option_could(tok, w):
                return False  # "you could support X", "if he could go back": ability or option
            if end - start == 1 and low in w["negatable_modals"] and start >= 2 and doc[start - 2].lower_ in w.get("elliptical_modal_openers", ()) \
                    and doc[start - 1].pos_ in ("PRON", "PROPN", "NOUN") and (nxt is None or nxt.is_punct or nxt.lower_ in w.get("elliptical_modal_before", ())):
                return False  # "as many men as she [could],", "if it could.", "what I could with what I had": ability, verb left out (round 20)
            if syntax.has_parse(doc) and is_purpose_modal(tok, w):
                return False  # "so that talks may continue", "before funds could be found": an aim or opportunity
            if syntax.has_parse(doc) and has_negative_subject(tok, w):
                return False  # "no law could have stopped it", "nothing could prepare them": impossibility (round 11)
            if low in w.get("counterfactual_modals", ()) and syntax.has_parse(doc) and is_counterfactual(tok.head, w):
                return False  # "if he had run, he could have won": counterfactual
            if end - start == 2 and low in w["negatable_modals"] and doc[end - 1].dep_ == "auxpass" and is_option_wh(tok.head, w):
                return False  # "what could be done": an option
            if end - start > 1 and doc[end - 1].lower_ == "have" and nxt is not None and nxt.lower_ in w.get("deontic_have_after", ()):
                return False  # "might not have to go": the modal alone hedges ("might" is matched on its own)
            if end - start == 1 and nxt is not None and nxt.lower_ in w["modal_hedge_before"]:
                return True
        if kind == "negated_adverb":  # "doesn't [necessarily] mean"
            return prev is not None and (prev.lower_ in w.get("contracted_negators", ()) or prev.lower_ == "never")
        if kind == "clause_adjective":  # "I'm [afraid] the president could be", not "afraid of terrorism"
            return syntax.has_parse(doc) and any(c.dep_ == "ccomp" for c in tok.children)
        if kind == "predicative_adjective":  # "his plans were [unknown]", not "unknown to anybody"
            return syntax.has_parse(doc) and tok.dep_ == "acomp" and (nxt is None or nxt.lower_ != "to")
        if kind == "attributive_participle":
            return syntax.has_parse(doc) and tok.dep_ == "amod" and tok.head.i > tok.i  # "the [reported] bomber", not "he reported"
        if low == "presumed" and any(t.lower_ in w.get("presumptive_heads", ()) for t in doc[end : end + 3]):
            return False  # "the presumed (Democratic) nominee": the presumptive nominee (round 18)
        if kind == "adjective" and nxt is not None and nxt.lower_ in w.get("legal_probable_after", ()) and low == "probable":
            return False  # legal "probable cause"
        if (kind == "adjective" or doc[end - 1].lower_ in w.get("feasibility_adjectives", ())) and not self._epistemic_adjective(doc, start, end):
            return False
        if low in w.get("content_hedges", ()) and end - start == 1:
            k = past_close_quotes(doc, end, w)  # he is “skeptical” that
            if k >= len(doc) or doc[k].lower_ not in w.get("content_hedge_after", ()):
                return False  # "a skeptical audience", "is facing skepticism": no doubted content (round 13)
        if low == "unlikely" and tok.dep_ == "amod" and (tok.head.lemma_ or tok.head.lower_).lower() in w.get("surprise_unlikely_heads", ()):
            return False  # "an unlikely alliance", "the unlikely hero": surprising, not improbable (round 11)
        if low == "likely" and kind in ("adjective", "adverb"):
            if prev is not None and prev.lower_ in w.get("statistical_likely_before", ()):
                return False  # "more likely to say"
            if nxt is not None and (nxt.lower_ in w.get("statistical_likely_heads", ()) or (
                    tok.dep_ == "amod" and tok.head.lower_ in w.get("statistical_likely_heads", ()))):
                return False  # "likely voters"
        if kind == "not_knowing":
            following = " ".join(t.lower_ for t in doc[end : end + 2])
            allowed = list(w.get("not_knowing_before", ()))
            if low in ("do", "does"):
                allowed += list(w.get("not_knowing_present_before", ()))  # "I don't know that he wants it"
            return any(following == a or following.startswith(a + " ") for a in allowed)
        if kind in w.get("sense_checked_kinds", ()) and is_non_epistemic_sense(tok, w):
            return False  # "can't believe", "expect X of Y", "consider who would lead", "settle the claim" (round 9)
        if kind == "raising_passive":
            if doc[end - 1].tag_ == "VBG":
                return False  # "are considering a coalition", "has been considering announcing"
            if doc[end - 1].lower_ == "considered" and (nxt is None or nxt.lower_ in w.get("considered_not_before", ()) or doc[end - 2].lower_ == "being"):
                return False  # "legislation is being considered.": deliberation, not judgement
        if kind == "judgement_verb":
            if lemma(tok) in w.get("first_person_judgement_lemmas", ()):
                return syntax.has_parse(doc) and first_person_judgement(tok, w)  # "I [find] his message chilling" (round 19)
            # "voters [see] Sanders as electable", "[consider] Clinton honest", "activities [viewed as]":
            # a judgement (GUIDELINES: see/view/consider X as Y), not "saw him", "consider the bill"
            if not syntax.has_parse(doc) or (tok.pos_ not in ("VERB", "AUX") and end - start == 1):
                return False
            if end - start > 1:
                return True
            heads = [tok] + [c for c in tok.children if c.dep_ == "dobj"]
            if any(c.dep_ == "prep" and c.lower_ == "as" and c.i > tok.i for h in heads for c in h.children):
                return True
            if any(c.dep_ in w.get("as_predicate_deps", ()) and c.i > tok.i and c.pos_ in ("ADJ", "NOUN", "PROPN") and any(
                    g.lower_ == "as" and g.i < c.i for g in c.children) for c in tok.children):
                return True  # "voters [see] her as dishonest" ("as" parsed as the adjective's modifier), not "see X as he spoke"
            return (tok.lemma_ or low).lower() in w.get("small_clause_lemmas", ()) and any(
                c.dep_ in ("oprd", "ccomp") and not any(m.dep_ == "mark" for m in c.children) for c in tok.children)
        if kind == "there_frame":  # "[there are signs] that ...", "[There is a huge expectation] that ..."
            return there_frame_start(tok, w) is not None
        if kind == "not_imagining":  # "I [can't imagine] what this place would be", not "can't imagine what to do"
            return nxt is not None and nxt.lower_ in w.get("not_imagining_before", ()) and not (
                end + 1 < len(doc) and doc[end + 1].lower_ == "to")
        if kind == "like_clause":  # "they [felt like] we didn't care", not "feels like an old challenge"
            like = doc[end - 1]
            return syntax.has_parse(doc) and like.dep_ == "mark" and like.head.i > like.i and like.head.pos_ in ("VERB", "AUX")
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
            if not syntax.has_parse(doc) or not (any(c.dep_ in ("acomp", "oprd", "attr") or (c.dep_ == "xcomp" and c.tag_ in ("VBN", "JJ"))
                                                     for c in tok.children) or is_misparsed_linking(tok, w)):
                return False  # "appeared on television"; "seem to" has its own entry
            return True
        if kind == "weasel" and doc[start].lower_ == "it" and nxt is not None and (doc[end - 1].lemma_ or "").lower() in ("seem", "appear") \
                and nxt.lower_ in w.get("expletive_frame_not_before", ()):
            return False  # "it appeared to undercut" is the raising "[appeared to]"; "it appeared on TV" is no frame
        if kind == "adverbial_phrase":
            return doc[end - 1].dep_ == "advmod" and doc[end - 1].head.pos_ in ("VERB", "AUX") and (nxt is None or nxt.lower_ != "to")
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
        if kind == "distancing_noun" and low in w.get("proposal_nouns", ()) and nxt is not None and nxt.lower_ in w.get("proposal_noun_before", ()):
            return False  # "suggestions on strategy", "suggestions for the speech": proposals, not claims
        if kind == "distancing_noun" and lemma(tok) in w.get("content_clause_nouns", ()) and not (
                syntax.has_parse(doc) and states_a_proposition(tok, w)):
            return False  # "the [idea] that he served in Vietnam"; not "the idea of a speech", "the idea that the network should pay"
        if kind == "distancing_noun" and lemma(tok) in w.get("raised_question_nouns", ()) and not (
                syntax.has_parse(doc) and raises_an_open_question(tok, w)):
            return False  # "[raised new questions] about whether"; not "declined a question about whether"
        if kind == "distancing_noun" and low in w.get("accusation_sense_nouns", ()) and not is_accusation_charge(tok, w):
            return False  # "criminal charges", "plead not guilty to the charges": legal, not "[charges] of racism"
        if kind == "distancing_noun" and low in w.get("clause_only_nouns", ()) and (
                (prev is not None and prev.lower_ in w.get("clause_only_nouns_not_after", ())) or not (
                any(c.dep_ == "poss" for c in tok.children) or any(t.lower_ == "that" for t in doc[end : min(end + 10, tok.sent.end)]))):
            return False  # "back in contention", "a point of contention": dispute, not "his (false) contention (that)"
        if kind == "epistemic_verb" and low in w.get("condition_participles", ()) and not any(
                c.dep_ in ("aux", "nsubj") for c in tok.children) and (
                prev is None or tok.is_sent_start or (prev.is_punct and prev.text != ",") or prev.lower_ in w.get("condition_participle_after", ())):
            return False  # clause-initial "Assuming the board agrees, ...": a condition (contract)
        if kind == "adverb" and low in w.get("intensifier_adverbs", ()) and (
                (nxt is not None and nxt.lower_ in w.get("intensifier_modals", ())) or (
                start > 1 and prev.lower_ in w["negators"] and doc[start - 2].lower_ in w.get("intensifier_modals", ()))):
            return False  # "as far as she possibly can", "you can't possibly be": an intensifier
        if kind == "epistemic_verb" and nxt is not None and nxt.lower_ in w.get("think_idiom_after", ()) and (tok.lemma_ or low).lower() == "think":
            return False  # "think twice", "think back to": reconsider, remember
        if kind == "epistemic_verb" and low in w.get("plan_participles", ()) and nxt is not None and nxt.lower_ == "to":
            return False  # "are not supposed to confer", "is supposed to arrive": a plan or duty (contract)
        if kind == "epistemic_verb" and syntax.has_parse(doc):
            if low in w.get("example_imperative_verbs", ()) and prev is not None and prev.text == "(":
                return False  # "(think Eleanor Roosevelt)": an imperative pointing to an example
            if negated_ground(tok, w):
                return False  # "no reason to believe", "never given any reason to believe": negated ground, certainty (GUIDELINES)
            if low.startswith(tuple(w["object_not_hedge_prefixes"])) and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children) and any(
                c.dep_ == "dobj" for c in tok.children
            ) and not evidence_with_object(tok, syntax.subject(tok), w):  # "the data suggest a shift" hedges (round 11)
                return False
            if syntax.is_negated(tok, w) and tok.lemma_ in w["negated_not_hedge_lemmas"]:
                return False
            verb_lemma = tok.lemma_.lower()
            clause = any(c.dep_ in ("ccomp", "xcomp") for c in tok.children)
            if verb_lemma in w.get("complement_verbs", ()) and not (clause or any(c.dep_ in ("dobj", "attr", "oprd") for c in tok.children)):
                return False  # "as indicated", not "indicated that ..."
            if verb_lemma in w.get("belief_in_lemmas", ()) and not clause and any(
                    c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in w.get("belief_preps", ("in",))) for c in tok.children):
                return False  # "believe in God", "believe me", "whatever we think about the war"
            if (verb_lemma in w.get("clause_only_lemmas", ()) or low in w.get("clause_only_lemmas", ())) and not any(
                    c.dep_ == "ccomp" for c in tok.children):
                return False  # "We felt the time had come", not "I feel badly"; "is worried that", not "worried about"
            if verb_lemma in w.get("proposal_lemmas", ()) and any(c.dep_ == "ccomp" and is_subjunctive(c, w) for c in tok.children):
                return False  # "suggested the speechwriter be fired": a proposal (GUIDELINES)
            if tok.dep_ == "xcomp" and (tok.head.lemma_ or "").lower() in w.get("refusal_heads", ()):
                return False  # "declined to speculate"
            if verb_lemma in w.get("expectation_lemmas", ()) and (tok.dep_ == "amod" or any(
                    t.lower_ in w.get("expectation_not_after", ()) for t in doc[max(0, start - 2) : start])):
                return False  # "a widely anticipated speech", "better-than-expected", "as expected"
        return True

    def _aux_start(self, doc: Doc, start: int, kind: str) -> int:
        """Agentless evidential passives keep their auxiliaries (GUIDELINES): "[might be seen as]",
        "[has been rumored to]", "[could be indicative of]"; a span starting with "be" takes in the
        contiguous auxiliaries and "not" of the same verb before it."""
        tok = doc[start]
        if kind == "there_frame":
            there = there_frame_start(tok, self.words)
            return there if there is not None else start
        if kind not in self.words.get("aux_keeping_kinds", ()) or (tok.lemma_ or "").lower() != "be" or not syntax.has_parse(doc):
            return start
        verb = tok.head if tok.dep_ in ("aux", "auxpass") else tok
        while start > 0 and doc[start - 1].dep_ in ("aux", "auxpass", "neg") and doc[start - 1].head.i == verb.i and doc[start - 1].tag_ != "TO":
            start -= 1
        return start

    def _epistemic_adjective(self, doc: Doc, start: int, end: int) -> bool:
        """False for adjective cues in a non-epistemic use: "heir apparent", "it became apparent that"
        (stated certainty, GUIDELINES), "(it is) possible to mount a campaign" (feasibility, not "possible that")."""
        w, tok = self.words, doc[start]
        low, prev = tok.lower_, (doc[start - 1] if start > 0 else None)
        if low in w.get("fixed_term_adjectives", ()) and prev is not None and prev.lower_ in w.get("fixed_term_heads", ()):
            return False
        if low in w.get("certainty_adjectives", ()) and tok.dep_ in ("acomp", "oprd", "ccomp") and (
                tok.head.lemma_ or "").lower() in w.get("certainty_adjective_heads", ()):
            return False
        if doc[end - 1].lower_ in w.get("feasibility_adjectives", ()) and end + 1 < len(doc) and doc[end].lower_ == "to" and (
                doc[end + 1].tag_ == "VB" and doc[end + 1].lower_ not in w.get("feasibility_knowing_verbs", ())):
            return False
        return True

    def _attribution(self, doc: Doc, start: int, end: int, kind: str, has_pos: bool) -> Optional[Span]:
        w = self.words
        tok = doc[start]
        parsed = syntax.has_parse(doc)
        if kind == "verb":
            if has_pos and tok.pos_ not in ("VERB", "AUX"):
                return None
            verb_lemma = (tok.lemma_ or tok.lower_).lower()
            if parsed:
                subj = syntax.subject(tok)
                cognition = verb_lemma in w.get("cognition_verbs", ())
                # first-person cognition ("I think", "I find his message chilling") is a HEDGE
                # only; first-person speech ("I said", "we can confirm") is an ATTRIBUTION
                # (contract, real news; the judgement "find": round 19)
                if subj is not None and subj.lower_ in w["first_person"] and (
                        cognition or "cognition_verbs" not in w or first_person_judgement(tok, w)):
                    return None
                # negated speech ("did not say which") is not; a negated belief is one
                if syntax.is_negated(tok, w) and not cognition:
                    return None
                as_y = verb_lemma in w.get("characterising_verbs", ()) and characterises_as(tok)
                if verb_lemma in w.get("needs_object_predicate", ()):
                    if object_predicate_start(tok, w) is None and not as_y:
                        return None  # "called him on Monday", not "called X Y" / "labeled X as Y"
                elif verb_lemma in w.get("characterising_verbs", ()) and not as_y:
                    return None  # "[Brat cast] the congressman as an insider", not "cast a vote" (round 20)
                if verb_lemma in w.get("object_characterising_verbs", ()) and not (
                        any(c.dep_ == "dobj" for c in tok.children) or (tok.dep_ == "relcl" and subj is not None)):
                    return None  # "[A law enforcement official identified] the suspect as", not "was identified as" (round 22)
                if concessive_that_said(tok):
                    return None  # "[That said], Cruz cannot ...": nevertheless, no speech (round 21)
                if verb_lemma in w.get("figure_verbs", ()) and not puts_a_figure(tok, subj, w):
                    return None  # "[Forbes put] his net worth at $45 billion", not "put the issue at the center" (round 21)
                if verb_lemma in w["needs_clause"] and not any(
                    c.dep_ in ("ccomp", "xcomp", "parataxis") for c in tok.children
                ) and not after_quote(tok, w) and not before_quote(tok, w) and not evidence_with_object(tok, subj, w) \
                        and not responds_to_claim(tok, w) and not (
                        tok.dep_ == "parataxis" and subj is not None) \
                        and not repeats_speech(tok, w) and not postposed_report(tok, subj) and not reports_an_object(tok, subj, w):
                    # kept: "The plan, his aides believe, would ..." (a parataxis, round 10); round 20: "[X echoed]
                    # those comments", "..., [the poll found].", "[X acknowledged] difficulties"
                    return None
                if verb_lemma in w.get("proposal_lemmas", ()) and is_non_epistemic_sense(tok, w):
                    return None  # "suggested raising the age": a proposal, neither label (GUIDELINES; round 10)
                if verb_lemma in w.get("quote_only_verbs", ()) and not (quote_report(tok, subj, w) or asks_a_question(tok, w)):
                    return None  # "“Who pays?” he asks.", "[Paul asked] how ...", "the sign read: “...”", not "asked him to leave"
                if verb_lemma in w.get("speaker_only_verbs", ()) and (subj is None or not (syntax.is_agentive(subj, w) or (subj.tag_ == "PRP" and subj.lower_ != "it"))):
                    return None  # "“...,” [he went on].", not "“The show must go on.”" (round 21)
                if verb_lemma in w.get("question_only_verbs", ()) and not asks_a_question(tok, w):
                    return None  # "[Graham questioned] why ...", not "questioned the figures" (round 18)
                if verb_lemma in w.get("factive_verbs", ()) and not has_that_clause(tok, w):
                    return None  # "everybody knows (that) ...", not "knows how to" / "knows him"
                if verb_lemma in w.get("needs_that_clause", ()) and not has_that_clause(tok, w):
                    return None  # "vowed that it would never happen", not "vowed to appeal"
                if verb_lemma in w.get("purpose_infinitive_verbs", ()) and any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
                    return None  # "used the event to signal his intention" (round 18)
                if verb_lemma == "find" and any(t.lower_ in w.get("reflexive_find_pronouns", ()) for t in doc[tok.i + 1 : tok.i + 3]):
                    return None  # "he found himself playing defense": a situation, not a finding (round 18)
                if verb_lemma in w.get("forecast_sense_lemmas", ()) and (tok.dep_ == "acl" or (end < len(doc) and doc[end].lower_ == "to") or not is_forecast(tok, w)):
                    return None  # "the budget office had projected", not "projects an image" nor agentless "X projected to swell" (round 18)
                if verb_lemma in w.get("needs_evaluation_target", ()) and (not evaluation_target(tok, w) or (
                        tok.tag_ == "VBN" and not any(c.dep_ in ("nsubj", "aux", "auxpass") for c in tok.children))):
                    return None  # "hammered X for his vote", not "praised the ruling"
                if verb_lemma in w.get("needs_as_complement", ()) and not as_complement(tok):
                    return None  # "voters see her as honest", "he considers her untrustworthy"
                participle = tok.tag_ == "VBN" and tok.dep_ == "acl"
                if ((cognition and (participle or any(c.dep_ == "auxpass" for c in tok.children)))
                        or (participle and verb_lemma in w.get("display_participle_lemmas", ()))) \
                        and not any(c.dep_ == "agent" for c in tok.children):
                    return None  # agentless "is considered", "was seen as": HEDGE only
                if tok.dep_ in ("amod", "compound"):
                    return None
                if negated_ground(tok, w) or (verb_lemma == "say" and tok.i + 1 < len(doc) and starts_with_phrase(doc, tok.i + 1, w.get("say_idiom_after", [["the", "least"]]))):
                    return None  # "no evidence to suggest", "to say the least" (round 11)
                if verb_lemma == "show" and any(c.dep_ == "prt" and c.lower_ in w.get("show_not_speech_particles", ()) for c in tok.children):
                    return None  # "voters will show up": arrive, not evidence (round 11)
                if verb_lemma in w.get("entry_sense_lemmas", ()) and (any(c.dep_ == "auxpass" for c in tok.children) or any(
                        c.dep_ == "prep" and c.lower_ in w.get("entry_preps", ()) and any(
                            g.dep_ == "pobj" and (g.ent_type_ in ("GPE", "LOC", "FAC") or (g.lemma_ or "").lower() in w.get("entry_places", ()))
                            for g in c.children) for c in tok.children)):
                    return None  # "Syrians have been admitted", "refugees admitted to the United States": entry, not speech (round 16)
                if raising_passive(tok) or expletive_passive(tok) or directive(tok, w):
                    return None  # "is expected to win", "it was said that" (HEDGE only), "told residents not to drink"
                inf = infinitive_head(tok)
                if inf is not None and (inf.lemma_ or inf.lower_).lower() in w.get("irrealis_speech_heads", ()):
                    return None  # "declined to say whether", "plans to testify": no speech happens
            s, e, _ = syntax.source_cue_extent(tok, words=w)
            if parsed:
                s, e = attribution_extent(tok, s, e, w)
            return doc[s : max(e, end)]  # a phrasal cue keeps its particle ("[she went on]")
        if kind == "prep":
            if tok.lower_ in w["never_prep_cues"] or (tok.lower_ == "according" and not parsed and (end - start) < 2):
                return None
            s, e, _ = syntax.prep_extent(tok)
            e = close_bracket(doc, s, max(e, end))
            return doc[s:e] if e - s > end - start or kind == "prep" else None
        if kind == "noun":
            if has_pos and tok.pos_ not in ("NOUN", "PROPN"):
                return None
            ext = syntax.nominal_extent(tok, w)
            if ext is None:
                return None
            s, e, _ = ext
            return doc[s:e]
        if kind in ("concern_verb", "citing_verb"):
            if not parsed or tok.pos_ != "VERB" or syntax.is_negated(tok, w):
                return None
            if kind == "concern_verb":  # "[others expressed concerns]", not "expressed support"
                nouns = tuple(w.get("voiced_concern_nouns", ()))
                concern = next((c for c in tok.children if c.dep_ == "dobj" and lemma(c) in nouns), None)
                if concern is None or any(c.dep_ == "det" and c.lower_ == "no" for c in concern.children):
                    return None  # "has expressed no fears": nothing attributed
                s, _, _ = syntax.source_cue_extent(tok, with_addressee=False, words=w)
                return doc[min(s, start) : concern.i + 1]  # what the concern is about stays out
            # "[Mr. Jaffer pointed to] documents showing ...", not "pointed to a man in the crowd"
            to = doc[end - 1]
            cited = [c for c in to.children if c.dep_ == "pobj"]
            if not cited or any(is_person(c, w) or c.ent_type_ == "PERSON" or any(
                    lemma(t) in w.get("pointed_at_nouns", ()) for t in c.subtree) for c in cited):
                return None
            s, e, _ = syntax.source_cue_extent(tok, with_addressee=False, words=w)
            return doc[min(s, start) : max(e, end)]
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
            start = object_predicate_start(verb, w)
            if start is not None and any(start <= d.start <= start + 1 for d in denials):
                return True
        return False

    def _denial(self, doc: Doc, start: int, end: int, kind: str, has_pos: bool) -> Optional[Span]:
        w = self.words
        tok = doc[start]
        if kind == "unsupported":  # "Trump claimed, [without evidence], that ...": the writer's verdict on a claim
            if not syntax.has_parse(doc) or tok.dep_ != "prep":
                return None
            claim_verbs = w.get("unsupported_claim_verbs", ())
            head = tok.head  # "portrayed protestors as undocumented [without offering proof]": via the predicate
            if lemma(head) not in claim_verbs and head.dep_ in ("advcl", "acomp", "oprd", "xcomp"):
                head = head.head
            # not "no precedent for prosecuting a case without evidence of her intent"
            return doc[start:end] if lemma(head) in claim_verbs else None
        if kind == "predicate":
            if has_pos and tok.pos_ != "VERB":
                return headline_denial(doc, start, end)
            if syntax.has_parse(doc):
                if syntax.is_negated(tok, w) or (start > 0 and doc[start - 1].lower_ == "no"):
                    return None  # "there is no denying he won": the fact is granted
                for c in tok.children:
                    if c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in w["not_a_claim"] or c.lower_ in w["not_a_claim"]) \
                            and (not has_content_clause(c) or lemma(c) in w.get("request_nouns", ())):
                        return None  # "rejected the idea of a speech", not "[rejected] the idea that he would lose"
                    if c.dep_ == "dobj" and is_person(c, w) and not says_something(c, w):
                        return None  # "rejecting Mr. Trump", "dismissed him"
                    if c.dep_ == "dobj" and c.pos_ == "PROPN" and not is_claim_noun(c, w) and any(
                            g.dep_ == "prep" and g.lower_ == "as" for g in tok.children):
                        return None  # "dismissing O'Donnell as a former employee": a person characterised (ruling 1)
                    if c.dep_ == "dative" and tok.lemma_.lower() == "deny":
                        return None  # "denying poor folks health care": a refusal
                    if c.dep_ == "aux" and (c.lower_ in w.get("obligation_modals", ()) or c.lower_ in w.get("hypothetical_modals", ())):
                        return None  # "Mexico must rebut", "said Wal-Mart could refute the claims at a trial"
                    if c.dep_ == "nsubjpass" and (is_person(c, w) or (c.pos_ == "PROPN" and not is_claim_noun(c, w))):
                        return None  # "Mr. Strzok was dismissed": fired, not a claim denied
                    if c.dep_ == "prep" and c.lower_ == "to" and tok.lemma_.lower() == "deny" and (
                            syntax.subject(tok) is None or any(g.dep_ in ("dobj", "nsubjpass", "auxpass") for g in tok.children)):
                        return None  # "protections previously denied to them": a refusal; not "[he denied] to the paper that ..."
                if tok.dep_ in ("relcl", "acl") and not any(c.dep_ == "ccomp" or (c.dep_ == "dobj" and c.tag_ not in ("WDT", "WP")) for c in tok.children) \
                        and lemma(tok.head) in w["not_a_claim"] and not has_content_clause(tok.head) \
                        and not any(is_claim_noun(c, w) for c in tok.children):  # not a misparsed "... disputed on Friday a report"
                    return None  # "the same approach that he rejected", "the plan rejected on Monday"
                shared = shared_object(tok)
                if shared is not None and is_person(shared, w):
                    return None  # "to discredit or harass dissenters"
                verb_lemma = tok.lemma_.lower()
                if verb_lemma in w.get("refusal_verbs", ()):
                    granted = doc[end - 1]  # "[refusing to acknowledge] that any facts were wrong": a claim refused
                    if not (has_that_clause(granted, w) or any(
                            c.dep_ == "dobj" and (is_claim_noun(c, w) or has_content_clause(c)) for c in granted.children)):
                        return None  # "refuses to acknowledge reality", "refuse to concede if he lost"
                objects = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
                objects += [g for h in [tok] + objects for c in h.children if c.dep_ == "prep" and c.lower_ in w.get("object_preps", ())
                            for g in c.children if g.dep_ == "pobj"]  # "took issue with the figures"
                if verb_lemma in w.get("claim_object_predicates", ()) and not any(is_claim_noun(c, w) or has_content_clause(c) for c in objects):
                    return None  # "[the company challenged] the figures", not "challenged the incumbent"
                if verb_lemma in w.get("claim_target_predicates", ()) and objects and not any(
                        is_claim_noun(c, w) or c.pos_ == "PRON" or c.lemma_.lower() in w.get("verdict_subjects", ()) or has_content_clause(c)
                        or says_something(c, w) for c in objects):
                    return None  # "push back against the legalizations"; not "[pushed back], saying ..."
                subj = syntax.subject(tok)
                if subj is not None and (subj.lower_ in w.get("nobody_subjects", ()) or any(c.lower_ == "no" and c.dep_ == "det" for c in subj.children)):
                    return None  # "No one has disputed a word": no denial happens
                if any(c.dep_ == "agent" and any(g.lemma_.lower() in w.get("voting_bodies", ()) for g in c.children) for c in tok.children):
                    return None  # "a deal rejected by majorities in Congress": a vote
                if verb_lemma == "deny" and sum(c.dep_ in ("dobj", "dative") for c in tok.children) >= 2:
                    return None  # "denied his party the victory", "deny the group sanctuary": a refusal
                if verb_lemma == "deny" and tok.dep_ == "conj" and (tok.head.lemma_ or "").lower() == "confirm":
                    return None  # "could neither confirm nor deny": no denial happens
                if tok.dep_ == "amod" and not is_claim_noun(tok.head, w):
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
                if tok.dep_ == "xcomp" and lemma(tok.head) in w.get("modal_concessive_heads", ()) and any(
                        c.tag_ == "MD" for c in tok.head.children):
                    return None  # "as easy as it may seem to laugh off the claims": no denial happens (round 11)
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
            while before > 0 and doc[before].lower_ in w["intensifiers"]:
                before -= 1  # "not [completely] unfounded", "not entirely false": a negated evaluation (round 11)
            if before > 0 and doc[before].lower_ in w["indefinite_articles"]:
                before -= 1  # "not a hoax"
            core = " ".join(low.split()[sum(1 for t in doc[start:end - 1] if t.lower_ in w["intensifiers"]):])  # "entirely false" -> "false"
            if (low in w["negatable_evaluations"] or core in w["negatable_evaluations"]) and before >= 0 and doc[before].lower_ in w["negators_short"]:
                return None
            if start >= 2 and doc[start - 1].lower_ == "to" and (
                    doc[start - 2].lower_ in w.get("understatement_heads", ()) or doc[start - 2].lower_ in w["negators_short"]):
                return None  # "it is hard to [overstate]", "took care not to overstate": nothing is rejected
            if low in w.get("overstatement_words", ()) and any(t.tag_ == "MD" for t in doc[max(0, start - 3):start]):
                return None  # "the threat may be overstated": a possibility, not a verdict
            if low in w["phrasal_evaluations"] and any(t.lemma_.lower() in w.get("not_made_up_after", ()) for t in doc[max(0, start - 2):start]):
                return None  # "have their minds made up"
            if low in w["accusation_verbs"] and has_pos and tok.pos_ == "VERB" and any(
                    c.dep_ == "dobj" and not is_claim_noun(c, w) for c in tok.children):
                return None  # "the researcher fabricated data": an accusation; not "had [fabricated] the story"
            if syntax.has_parse(doc) and low in w.get("predicate_only_evaluations", ()) and doc[end - 1].dep_ in ("dobj", "pobj") \
                    and doc[end - 1].head.lower_ != "as":  # "dismissed the report as [a blatant lie]" is a predicate
                return None  # "make up lies", "pled guilty to those lies"; not "that is [a lie]"
            if syntax.has_parse(doc) and low in w.get("attr_only_evaluations", ()) and not (
                    tok.dep_ in ("attr", "oprd") or (tok.dep_ == "pobj" and tok.head.lower_ == "as")):
                return None  # "where his allegiances lie"; not "it was [a complete and utter lie]"
            if low in w.get("content_verdict_nouns", ()) and not (syntax.has_parse(doc) and is_claim_verdict_noun(tok, w)):
                return None  # "classical myth", "Greek myths"; not "the [myth] that ...", "racist [myths] about", "it is a [myth]"
            if low in w.get("claim_verdicts", ()):
                head = doc[start:end].root
                if not (syntax.has_parse(doc) and judges_a_claim(head, w)):
                    return None  # moral "wrong", "the wrong track"; a "plot" that judges no claim
                if head.pos_ == "NOUN":
                    start = min(start, head.left_edge.i)  # "[a partisan plot]"
                elif (head.head.lemma_ or "").lower() in w.get("refuting_heads", ()):
                    verb = head.head  # "[London has proved him wrong]": the refuter + predicate
                    start = verb.i if any(c.dep_ == "oprd" for c in verb.children) else denier_start(doc, verb, w)
            if low in w.get("absurdity_evaluations", ()) and syntax.has_parse(doc) and judges_a_fact_or_plan(doc[start:end].root, w):
                return None  # "it is absurd that they won", "the idea of deporting them is absurd": not a truth verdict
            if low in w.get("epithet_evaluations", ()) and syntax.has_parse(doc) and is_outlet_epithet(doc, start, end, w):
                return None  # "the Fake News media", "networks might be “fake news”": an epithet (round 11)
            if low in w.get("negative_subject_verdicts", ()):
                s0 = negative_subject_start(tok, w) if syntax.has_parse(doc) else None
                if s0 is None:
                    return None  # "it is true", "is it accurate?"; not "[None of this is true]"
                start = s0
            if syntax.has_parse(doc) and tok.dep_ == "attr" and any(
                    c.dep_ == "nsubj" and (c.lower_ in w.get("person_subjects", ()) or is_person(c, w)) for c in tok.head.children):
                return None  # "She's a fake": name-calling, not a verdict on a claim
            if syntax.has_parse(doc) and end - start == 1 and tok.dep_ == "compound":
                return None  # "propaganda machine", "Propaganda Videos"
            if (syntax.has_parse(doc) and end - start == 1 and tok.dep_ == "amod" and tok.head.pos_ in ("NOUN", "PROPN")
                    and "claim_nouns" in w and not evaluates_a_claim(tok, low, w)):
                return None  # "phony fact-checkers", "the disputed territory", not "a [bogus] report"
            if low in w["phrasal_evaluations"] and (end >= len(doc) or doc[end].lower_ in w["phrasal_evaluation_not_before"]
                                                     or doc[end].like_num):  # "made up 40 percent of the voters"
                nxt = end
                while nxt < len(doc) and doc[nxt].lower_ in w["phrasal_evaluation_not_before"]:
                    nxt += 1
                if not (nxt < len(doc) and is_claim_noun(doc[nxt], w)):
                    return None  # "made up of", "made up for"; not "[made up] the story"
            if low in w["phrasal_evaluations"] and end < len(doc) and doc[end].lower_ == "by" and not passive_claim_subject(tok, w):
                return None  # "the gap will be made up by new voters" (made good); not "the story was [made up] by a blogger" (round 11)
            if syntax.has_parse(doc) and end - start == 1 and is_generic_bare(tok, w):
                return None  # "the rise of misinformation": generic, no claim rejected
            if end < len(doc) and doc[end - 1].lower_ == "true" and doc[end].lower_ in w.get("applicability_preps", ()):
                return None  # "that wasn't true of earlier nominees": applies to, not a truth verdict
            if low in w["compound_evaluations"] and (
                (start > 0 and word_before(doc, start) in w["not_evaluative_before"])
                or (end < len(doc) and doc[end].lower_ in w["not_evaluative_after"])
            ):
                return None  # "science fiction", "garbage collection", "fantasy football" ...
            if low in w.get("denial_nouns", ()) and end + 1 < len(doc) and doc[end].lower_ == "of" and (
                    doc[end + 1].lower_ in w["not_a_claim"] or doc[end + 1].lemma_.lower() in w["not_a_claim"]
                    or doc[end + 1].lower_ in w.get("person_objects", ())):
                return None  # "the DNC's denial of access": a refusal; "a rejection of him": a person
            pair = w.get("legal_evaluation_pairs", ())
            if low in pair and ((start >= 2 and doc[start - 1].lower_ == "or" and doc[start - 2].lower_ in pair)
                                or (end + 1 < len(doc) and doc[end].lower_ == "or" and doc[end + 1].lower_ in pair)):
                return None  # "false or misleading testimony/statements": the offence's wording (GUIDELINES ruling 5)
            if low in w.get("speech_verb_evaluations", ()) and not (
                    end < len(doc) and (doc[end].lemma_ or doc[end].lower_).lower() in w.get("speech_verbs", ())):
                return None  # "Clinton [wrongly] claimed", not "wrongly convicted"
            if low in w.get("claim_prep_evaluations", ()) and not any(
                    is_claim_noun(t, w) for t in doc[end : end + 5] if t.pos_ in ("NOUN", "PROPN")):
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
            if doc[end - 1].lower_ in w.get("verdict_ground_nouns", ()):
                start, end = ground_extent(doc, start, end, w)  # contract: "this theory [has no basis in fact]"
            if syntax.has_parse(doc):
                start, end = predicate_noun_extent(doc, start, end, w)  # "it is [a tabloid smear]"
            s, e = whole_quote(doc, start, end, w)
            return doc[s:e]
        return None

    def _denier_extent(self, doc: Doc, tok, end: int) -> Span:
        """The denier + predicate span of a parsed denial verb (contract: the denying party
        where it is the subject, with whatever stands between it and the predicate)."""
        w = self.words
        _, e, _ = syntax.source_cue_extent(tok, with_addressee=False, words=w)
        e = max(e, end)
        if any(c.dep_ == "auxpass" and c.lower_ not in w.get("contracted_has", ()) for c in tok.children):
            # passive: the subject is the denied claim ("[easily refuted]", "[contested by critics]")
            s = tok.i
            while s > 0 and doc[s - 1].dep_ == "advmod" and doc[s - 1].head.i == tok.i:
                s -= 1
            return doc[s:e]
        if tok.dep_ == "acl" and tok.head.i < tok.i and lemma(tok.head) in w.get("statement_nouns", ()):
            noun = tok.head  # "[Mueller's statement disputing]", "[Mueller releasing a statement disputing]"
            s = noun.left_edge.i
            if noun.dep_ == "dobj" and lemma(noun.head) in w.get("light_statement_verbs", ()):
                s = min(s, denier_start(doc, noun.head, w))
            return doc[s:e]
        top = tok  # "[The evidence ... appears to directly contradict]", "[he began dismissing]"
        while top.dep_ == "xcomp" and top.head.i < top.i and lemma(top.head) in w.get("catenative_heads", ()):
            top = top.head
        s = denier_start(doc, top, w)
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


@Language.factory(
    "hedgewatch_cue_ruler",
    default_config={"spans_key": RULES_SPANS_KEY, "lexicons": list(LEXICON_FILES), "word_lists": WORD_LISTS_FILE},
    assigns=["doc.spans", "token.lemma"],
    default_score_weights={},
)
def make_cue_ruler(nlp: Language, name: str, spans_key: str, lexicons: List[str], word_lists: str) -> CueRuler:
    """Create the lexicon + syntax rule component (writes ``doc.spans[spans_key]``)."""
    return CueRuler(nlp, name, spans_key=spans_key, lexicons=lexicons, word_lists=word_lists)
