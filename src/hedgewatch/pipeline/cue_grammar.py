"""The grammar of the cue ruler's decisions: parse tests on one token or verb, per label
(is this "may" a permission, is this verb's subject a person, where does a denier or a
source start and end). Every word they use comes from the saved word lists
(``words.jsonl``), passed in as ``words``; :mod:`.cue_ruler` holds the component, its
matching and its serialization.
"""
from typing import List, Optional, Tuple

from spacy.tokens import Doc, Span, Token

from . import syntax
from .lexicon import Words
from .resolution import clip_to_line, line_bounds

def lemma(tok) -> str:
    """The lower-cased lemma, or the lower-cased form where the pipeline has no lemmatizer."""
    return (tok.lemma_ or tok.lower_).lower()


def is_permission_may(tok, words: Words) -> bool:
    """Bare "may" + main verb whose subject is a person or a permission-type noun
    (``permission_subjects``: in the annotated train+dev splits the rule's bare "may"
    was a hedge 11 times and a permission 32 times; the hedges have inanimate subjects,
    the permissions people and organisations, docs/error-analysis.md); of the other
    agents only plural ones count (round 4, on the real train split)."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ in words["permission_may_next_excluded"]:
        return False
    if not syntax.has_parse(tok.doc) or tok.head.i == tok.i:  # "may" is the root: no verb to read a subject from
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


def is_option_could(tok, words: Words) -> bool:
    """Bare "could" + main verb of ability, option or wish, not of possibility (contract:
    "could" of ability, option or opportunity never hedges): a first/second-person subject
    ("you could support Cruz", "we could sneak in"), an if/unless/so-that clause ("if he
    could go back"), or the complement of a wish ("hoped that they could come together")."""
    verb = tok.head
    if verb.i == tok.i or verb.pos_ not in ("VERB", "AUX"):
        return False
    subj = syntax.subject(verb)
    if subj is not None and subj.lower_ in words.get("option_could_subjects", ()) and lemma(verb) not in words.get("person_outcome_verbs", ()):
        return True  # "we could sneak in"; not "a chance we [could] lose" (round 14)
    if any(c.dep_ == "mark" and c.lower_ in words.get("option_could_marks", ()) for c in verb.children):
        return True
    if any(c.dep_ == "mark" and c.lower_ in words.get("option_could_whether", ()) for c in verb.children) and not (
            (verb.lemma_ or "").lower() in words.get("outcome_verbs", ()) or subj is None or subj.lower_ in words.get("outcome_subjects", ())):
        return True  # "whether he could broker a deal" (GUIDELINES), not "whether this could mean", "whether she could lose"
    if is_option_wh(verb, words) or is_capacity_relative(verb, subj, words):
        return True
    if is_option_act(verb, subj, words) or is_option_means(verb, subj, words):
        return True  # round 9: "the board could veto it", "ways workers could become citizens"
    return verb.dep_ == "ccomp" and (verb.head.lemma_ or "").lower() in words.get("option_could_heads", ())


def is_option_wh(verb, words: Words) -> bool:
    """"could do/take" of an option: a wh-object with a person or agency (or no) subject ("what the
    agency could do to", "what could be done"), or a relative clause on a step/action noun ("steps
    the mayor could take"); "the damage tariffs could do" stays a possibility."""
    if (verb.lemma_ or "").lower() not in words.get("option_could_wh_verbs", ()):
        return False
    subj = syntax.subject(verb)
    if any(c.dep_ in ("dobj", "nsubjpass") and c.tag_ in ("WP", "WDT") for c in verb.children):
        return subj is None or subj.dep_ == "nsubjpass" or subj.pos_ == "PRON" or syntax.is_agentive(subj, words)
    return verb.dep_ == "relcl" and (verb.head.lemma_ or "").lower() in words.get("option_nouns", ()) and not any(
        c.dep_ == "dobj" for c in verb.children)


def is_subjunctive(verb, words: Words) -> bool:
    """A mandative clause ("that he pay", "the aide be fired", "that she should resign")."""
    auxes = [a for a in verb.children if a.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in words.get("obligation_modals", ()) for a in auxes):
        return True
    if any(a.tag_ in ("MD", "TO", "VBD", "VBZ", "VBP") for a in auxes):
        return False
    return verb.tag_ == "VB" or any(a.lower_ == "be" and a.tag_ == "VB" for a in auxes)


def is_concessive(tok, words: Words) -> bool:
    """A modal in a concessive clause ("While X may be ...", "whatever ... may be")."""
    head = tok.head
    if any(c.dep_ == "mark" and c.lower_ in words.get("concessive_marks", ()) for c in head.children):
        return True
    return any(t.lower_ in words.get("concessive_marks", ()) for t in tok.doc[head.left_edge.i : tok.i])


def is_claim_noun(tok, words: Words) -> bool:
    """A noun that names a claim ("report", "figures"), from the ``claim_nouns`` list."""
    return (tok.lemma_ or tok.lower_).lower() in words.get("claim_nouns", ())


def judges_a_claim(tok, words: Words) -> bool:
    """A verdict word ("wrong", "a plot") that counts only on a claim (GUIDELINES batch-3:
    "wrong" about a belief or statement, not moral "wrong"): the predicate of a claim noun
    ("those figures were [wrong]"), wrong about/in or wrong to say ("was [wrong] to claim"),
    the mistaken holder of a stated belief ("if they think ..., they're [wrong]"), or the Y of
    "call/dismiss a claim (as) Y" ("dismissed the story as [a Democratic trick]")."""
    subjects = set(words.get("claim_nouns", ())) | set(words.get("verdict_subjects", ()))
    while tok.dep_ == "conj" and tok.head.pos_ == "ADJ" and tok.head.i < tok.i:
        tok = tok.head  # "Akin's comments were offensive and [wrong]": judge where the first conjunct stands (round 13)
    if lemma(tok.head) in words.get("refuting_heads", ()) and tok.dep_ in ("oprd", "ccomp", "acomp", "advmod"):
        return True  # "[London has proved him wrong]", "assumptions that [proved wrong]"
    if tok.dep_ == "pobj" and tok.head.lower_ == "as":
        tok = tok.head  # "dismissed the story as a trick": judge the verb's object
    if tok.dep_ in ("oprd", "prep") and tok.head.pos_ == "VERB":
        return any(c.dep_ == "dobj" and lemma(c) in subjects for c in tok.head.children)
    cop = tok.head
    if tok.dep_ not in ("acomp", "attr") or lemma(cop) != "be":
        return False  # "what went wrong in Iraq"
    stated = set(words.get("speech_verbs", ())) | set(words.get("cognition_verbs", ()))
    for c in cop.children:
        if c.dep_ in ("nsubj", "nsubjpass") and (lemma(c) in subjects or any(g.dep_ == "relcl" and lemma(g) in stated for g in c.children)):
            return True  # "those figures were [wrong]", "candidates who think ... are [wrong]"
    if any(c.dep_ == "prep" and c.lower_ in words.get("verdict_preps", ()) and not any(
            g.dep_ == "pobj" and lemma(g) in words.get("adverbial_pobjs", ()) for g in c.children) for h in (tok, cop) for c in h.children):
        return True  # "wrong about the crowd size", "wrong in his claim"; not "in retrospect, ... was a mistake"
    if any(c.dep_ in ("xcomp", "acl", "relcl") and lemma(c) in stated for h in (tok, cop) for c in h.children):
        return True  # "was wrong to say", "it would be a stretch to say"
    if any(c.dep_ == "advcl" and lemma(c) in stated and any(m.dep_ == "mark" for m in c.children) for c in cop.children):
        return True  # "if they think ..., they're [wrong]"
    return mistaken_holder(tok, cop, words)


def mistaken_holder(tok, cop, words: Words) -> bool:
    """A person or body who is "wrong" (``holder_verdicts``): "Trump is [wrong]", "They'd be
    [wrong]" judge what they say or believe (on real train + dev it marks 5 spans, all gold
    DENIAL). Not the speaker's own "I was wrong" (an admission), not "wrong to" + an act (a
    moral verdict: "was wrong to invade"; "wrong to say" is taken above), not the content of
    a clause ("the idea that he has ever been wrong", "never admitting he was wrong") unless
    it is said ("the aide said Trump was [wrong]")."""
    if tok.dep_ != "acomp" or lemma(tok) not in words.get("holder_verdicts", ()):
        return False
    if any(c.dep_ in ("xcomp", "ccomp") for h in (tok, cop) for c in h.children):
        return False
    if any(c.dep_ == "prep" for c in tok.children):
        return False  # "wrong on the economy": a stand judged, not a claim (round 7); "wrong about/in" is taken above
    if cop.dep_ in ("ccomp", "acl", "xcomp", "csubj") and lemma(cop.head) not in words.get("speech_verbs", ()):
        return False  # content, not a verdict given: "the idea that he has ever been wrong", "never admitting he was wrong"
    return any(c.dep_ == "nsubj" and (syntax.is_agentive(c, words) or c.lower_ in words.get("holder_pronouns", ()))
               for c in cop.children)


def has_content_clause(noun) -> bool:
    """A noun with a that-clause of its content ("the idea that he would lose"): a
    proposition, whatever the noun ("the idea of a speech" is not one)."""
    return any(g.dep_ in ("acl", "ccomp") and any(m.lower_ == "that" and m.dep_ == "mark" for m in g.children) for g in noun.children)


def states_a_proposition(noun, words: Words) -> bool:
    """A noun with a that-clause stating a proposition ("the idea that he served in Vietnam"),
    which the parser often makes a relative clause ("that" as the clause's object); not a
    real relative ("an idea that sets people free": "that" its subject) nor a proposal ("the
    idea that the network should pay him": ``proposal_modals``)."""
    doc = noun.doc
    nxt = doc[noun.i + 1] if noun.i + 1 < len(doc) else None
    clauses = [g for g in noun.children if g.dep_ in ("acl", "ccomp", "relcl")]
    misparsed = nxt is not None and nxt.lower_ == "that" and nxt.head in clauses and nxt.head.dep_ == "relcl" \
        and not nxt.dep_.startswith("nsubj")
    if not (has_content_clause(noun) or misparsed):
        return False
    return not any(a.dep_ == "aux" and a.lower_ in words.get("proposal_modals", ()) for g in clauses for a in g.children)


def raises_an_open_question(noun, words: Words) -> bool:
    """"[raised new questions] about whether ...": the object of a raising verb
    (``question_raising_verbs``) before an open question; not a reporter's question
    ("declined a question about whether")."""
    doc = noun.doc
    return lemma(noun.head) in words.get("question_raising_verbs", ()) and noun.dep_ in ("dobj", "nsubjpass") and any(
        t.lower_ in words.get("open_question_words", ()) for t in doc[noun.i + 1 : min(noun.i + 4, len(doc))])


def says_something(noun, words: Words) -> bool:
    """People defined by what they say ("critics who called the remarks sexist"): denying
    or pushing back on them denies what they say."""
    return any(g.dep_ == "relcl" and g.lemma_.lower() in words.get("speech_verbs", ()) for g in noun.children)


def is_person(tok, words: Words) -> bool:
    """A person as the object of a rejection ("dismissed him", "rejecting Mr. Trump")."""
    return tok.lower_ in words.get("person_objects", ()) or (tok.ent_type_ == "PERSON" and tok.ent_iob_ != "O")


def starts_with_phrase(doc, start: int, phrases) -> bool:
    """Do the tokens from ``start`` begin with one of ``phrases`` (lower-cased)? None does when
    there are none (a pipeline saved before a word list existed loads without it)."""
    if not phrases:
        return False
    following = [t.lower_ for t in doc[start : start + max(len(p) for p in phrases)]]
    return any(following[: len(p)] == p for p in phrases)


def object_predicate_start(verb, words: Words) -> Optional[int]:
    """Where the Y of 'V X Y' begins: the verb's object predicate (``oprd``), or an opening
    quote right after its direct object ('calling the protester “a very obnoxious guy”');
    None when the verb has no such object and predicate ('called for', 'called him')."""
    if not syntax.has_parse(verb.doc):
        return None
    doc = verb.doc
    dobj = next((c for c in verb.children if c.dep_ == "dobj"), None)
    oprds = [c for c in verb.children if c.dep_ == "oprd"]
    if dobj is None:
        # round 20: 'labeling it the "wrong move"' read as a small clause (X the subject of Y)
        small = next((c for c in verb.children if c.dep_ == "ccomp" and (c.pos_ in ("ADJ", "NOUN") or c.tag_ == "VBN") and c.i > verb.i
                      and not any(m.dep_ == "mark" for m in c.children)), None)
        subj = next((c for c in small.children if c.dep_ == "nsubj" and c.i < small.i), None) if small is not None else None
        if subj is not None:
            return subj.right_edge.i + 1
        # round 18: the parser loses the object of "V X Y" in two ways
        if len(oprds) >= 2:
            return oprds[1].left_edge.i  # "called Trump “the orange prince”": X and Y both predicates
        if oprds:
            first = oprds[0].left_edge
            if first.dep_ == "det" and first.lower_ in words.get("demonstrative_objects", ()) and first.i + 1 < len(doc) \
                    and doc[first.i + 1].text in words["open_quotes"]:
                return first.i + 1  # "called this “an extraordinary blockade”": the object read as a determiner
        return None
    if oprds:
        return oprds[0].left_edge.i
    # the quoted Y is often parsed into the object's subtree (as an apposition)
    for i in range(dobj.i + 1, min(dobj.right_edge.i + 2, len(doc))):
        if doc[i].text in words["open_quotes"]:
            return i
    for appos in (c for c in dobj.children if c.dep_ == "appos" and c.i > dobj.i):
        edge = appos.left_edge
        if edge.i > 0 and doc[edge.i - 1].i == dobj.i and any(
                c.dep_ == "det" and c.lower_ in ("a", "an") for c in appos.children):
            return edge.i  # "called Mrs. Schlafly an Aunt Tom" (round 18); not "called Clinton, his rival, ..."
    return None


def denier_start(doc: Doc, verb, words: Words) -> int:
    """Start of the denier + predicate: the adjacent subject, also across interposed
    adverbials ("[Snyder, for his part, has denied]"); else the verb."""
    s, _, _ = syntax.source_cue_extent(verb, with_addressee=False, words=words)
    subj = syntax.subject(verb)
    if subj is not None and s < subj.i < verb.i and (doc[s].dep_ == "mark" or (s > 0 and doc[s - 1].is_sent_start
                                                                         and doc[s - 1].dep_ in ("mark", "prep", "advmod"))):
        commas = [i for i in range(s, subj.i) if doc[i].text == ","]
        if commas:
            s = commas[-1] + 1  # a misparsed leading connective stays out: "As such, [analysts have disputed]"
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


def is_capitalised(tokens, min_words: int) -> bool:
    """Title case: at least ``min_words`` words of more than three letters, and at least
    80% of them capitalised (headline_denial, is_headline_noun)."""
    content = [t for t in tokens if t.is_alpha and len(t) > 3]
    return len(content) >= min_words and sum(t.text[:1].isupper() for t in content) >= 0.8 * len(content)


def headline_denial(doc: Doc, start: int, end: int) -> Optional[Span]:
    """A title-case headline verb the tagger read as a noun: "[Mueller Disputes] BuzzFeed
    Report", "[Donald Trump Denies] ..." (contract: a headline "[Records Refute]")."""
    tok = doc[start]
    if end - start != 1 or start == 0 or end >= len(doc) or not tok.text[:1].isupper() or not tok.lower_.endswith("s"):
        return None
    if not doc[end].text[:1].isupper() or tok.pos_ not in ("NOUN", "PROPN"):
        return None
    if not is_capitalised(doc[max(0, start - 6) : min(len(doc), end + 6)], 4):
        return None
    s = start
    while s > 0 and s > start - 4 and doc[s - 1].is_alpha and doc[s - 1].text[:1].isupper() and not doc[s - 1].is_sent_start:
        s -= 1
    if s > 0 and doc[s - 1].is_alpha and doc[s - 1].text[:1].isupper() and doc[s - 1].is_sent_start:
        s -= 1
    return doc[s:end] if s < start else None


def whole_quote(doc: Doc, start: int, end: int, words: Words):
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


def evidence_with_object(verb, subj, words: Words) -> bool:
    """'leaked emails showed staff favoring ...', 'a poll found Trump ahead': an evidence
    source with show/reveal/find and a noun object (contract: evidence sources)."""
    if subj is None or (verb.lemma_ or "").lower() not in words.get("evidence_verbs", ()):
        return False
    if subj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl":
        subj = verb.head  # "video of the arrest that showed"
    return (subj.lemma_ or subj.lower_).lower() in words.get("evidence_sources", ()) and any(
        c.dep_ in ("dobj", "ccomp") for c in verb.children)


def postposed_report(verb, subj) -> bool:
    """'X, [the poll found].', 'Everything but immunity, [he added].': a report verb with its
    subject after the clause it reports, set off by a comma and ending the sentence, so the
    parser gives it no clause (round 20)."""
    if subj is None or subj.i > verb.i or any(c.dep_ in ("dobj", "ccomp", "xcomp", "prep", "prt", "auxpass") for c in verb.children):
        return False  # "Trump remarked upon a story", "those promises add up to", "troops are posted"
    doc = verb.doc
    first = subj.left_edge.i
    if first == 0 or doc[first - 1].text != ",":
        return False
    after = [c.right_edge.i for c in verb.children if c.i > verb.i and c.dep_ in ("npadvmod", "advmod")]
    j = max(after + [verb.i]) + 1
    return j < len(doc) and doc[j].text in (".", "!", "?", ";")


def reports_an_object(verb, subj, words: Words) -> bool:
    """'[Sanders acknowledged] a common political enemy', '[Obama has acknowledged]
    difficulties': an admission with a noun object said by a finite verb with its subject;
    not 'refuses to acknowledge reality' (no admission made), 'acknowledging mistakes', nor
    'the minority leader acknowledged them' (a greeting). Round 20 (docs/error-analysis.md)."""
    if lemma(verb) not in words.get("object_report_verbs", ()) or subj is None:
        return False
    if verb.tag_ not in ("VBD", "VBZ", "VBP", "VBN") or (verb.tag_ == "VBN" and not any(c.dep_ == "aux" for c in verb.children)):
        return False
    return any(c.dep_ == "dobj" and c.pos_ in ("NOUN", "PROPN") and not is_person(c, words) for c in verb.children)


def puts_a_figure(verb, subj, words: Words) -> bool:
    """'[Forbes put] his net worth at $45 billion', '[Gallup's own tracking poll puts] his
    approval at 50 percent': a source giving a figure, with an object and "at" + a number; not
    'put the issue at the center of', 'puts her at odds with'. Round 21 (docs/error-analysis.md)."""
    if lemma(verb) not in words.get("figure_verbs", ()) or subj is None:
        return False
    if not any(c.dep_ == "dobj" for c in verb.children):
        return False
    doc = verb.doc
    for prep in verb.children:
        if prep.dep_ == "prep" and prep.lower_ == "at":
            for obj in prep.children:  # the figure up to the object itself: not "at odds with 100 percent of"
                if obj.dep_ == "pobj" and any(t.like_num or t.lower_ in words.get("figure_words", ()) for t in doc[prep.i + 1 : obj.i + 1]):
                    return True
    return False


def concessive_that_said(verb) -> bool:
    """'[That said], Cruz cannot realistically get enough delegates': the set phrase 'that
    said,' (= nevertheless) opening a clause, not a report of speech (GUIDELINES batch 21;
    real train + dev gold 5 of 5 unmarked). Round 21 (docs/error-analysis.md)."""
    doc, i = verb.doc, verb.i
    if lemma(verb) != "say" or i < 1 or i + 1 >= len(doc) or doc[i + 1].text != ",":
        return False
    if doc[i - 1].lower_ not in ("that", "this"):
        return False
    return i < 2 or doc[i - 2].is_punct or doc[i - 2].is_sent_end or doc[i - 2].is_space


def raising_passive(verb) -> bool:
    """Agentless passive + to-infinitive ('is expected to win', 'was said to be', 'are
    found to have'): an evidential HEDGE, not an ATTRIBUTION (contract)."""
    return (any(c.dep_ == "auxpass" for c in verb.children) or (verb.tag_ == "VBN" and verb.dep_ in ("ROOT", "acl", "relcl"))) \
        and not any(c.dep_ == "agent" for c in verb.children) \
        and any(c.dep_ == "xcomp" and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children) for c in verb.children)


def first_person_judgement(verb, words: Words) -> bool:
    """'I find his message chilling': a first-person judgement with a small clause, a HEDGE
    only like 'I think' (contract: first-person cognition), not a finding ('we find that
    the evidence is weak') nor 'found the keys'. Present tense only: 'I found him dead'."""
    if lemma(verb) not in words.get("first_person_judgement_lemmas", ()) or verb.tag_ != "VBP":
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ in words.get("first_person", ()) for c in verb.children):
        return False
    return any((c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.pos_ == "ADJ")) and not any(m.dep_ == "mark" for m in c.children)
               for c in verb.children)


def expletive_passive(verb) -> bool:
    """'it was said that', 'it has been reported that': an agentless passive with an
    expletive subject and a clause is a weasel frame, a HEDGE only (GUIDELINES, batch 2's
    'it was reported that'; batch 17's '[it was said] that'), not an ATTRIBUTION."""
    return any(c.dep_ == "nsubjpass" and c.lower_ == "it" for c in verb.children) \
        and any(c.dep_ == "auxpass" for c in verb.children) \
        and not any(c.dep_ == "agent" for c in verb.children) \
        and any(c.dep_ == "ccomp" for c in verb.children)


def directive(verb, words: Words) -> bool:
    """'told residents not to drink', 'warning members not to cut': a directive, no
    propositional content (contract: directives are not ATTRIBUTION)."""
    if (verb.lemma_ or "").lower() not in words.get("directive_speech_verbs", ()):
        return False
    if any(c.dep_ in ("ccomp", "parataxis") for c in verb.children):
        return False
    return any(c.dep_ in ("xcomp", "advcl") and c.i > verb.i and any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children)
               for c in verb.children)


def infinitive_head(verb):
    """The word a to-infinitive cue depends on ('declined to say' -> declined), or None."""
    if verb.head.i == verb.i or not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return None
    return verb.head


def attribution_extent(verb, s: int, e: int, words: Words):
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
        if a < s and not any(syntax.is_line_break(t) or t.text in (".", "?", "!") for t in doc[a:ant.i]):
            s = a
    elif subj is not None and subj.i < verb.i and s == verb.i:
        # adverbials between the source and the cue: "[Trump, on Friday, described]"
        a, b = syntax.trim(doc, syntax.cut_dateline(doc, subj.left_edge.i, subj.i, words), subj.right_edge.i + 1)
        if b <= verb.i and all(is_adverbial_of(t, verb) for t in doc[b:verb.i]):
            s = a
    head = infinitive_head(verb)
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
    s = after_break(doc, s, verb.i)
    agent = next((c for c in verb.children if c.dep_ == "agent" and c.i > verb.i), None)
    pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent is not None else None
    if pobj is not None and e > pobj.i:
        e = min(e, max(np_end(pobj), verb.i + 1))  # "[criticized by colleagues] for the remark"
    return s, close_bracket(doc, s, addressee_end(verb, e, words))


def close_bracket(doc, s: int, e: int) -> int:
    """'[said Rep. Jason Chaffetz (R-Utah)]': a source keeps the closing bracket it opened."""
    if e < len(doc) and doc[e].text == ")" and sum(t.text == "(" for t in doc[s:e]) > sum(t.text == ")" for t in doc[s:e]):
        return e + 1
    return e


def as_complement(verb) -> bool:
    """'see/view X as Y', 'consider X (to be) Y': the judgement has a predicate."""
    for c in verb.children:
        if (verb.lemma_ or "").lower() == "consider" and (c.dep_ == "oprd" or (c.dep_ == "ccomp" and c.tag_ != "VBG")):
            return True
    # "as" on the verb, on its object or opening a predicate ("see X as honest")
    return any(t.lower_ == "as" and t.i > verb.i and verb.i in (t.head.i, t.head.head.i) for t in verb.subtree)


def characterises_as(verb) -> bool:
    """'cast / frame / present X as Y': the characterisation has its 'as' predicate, a
    preposition on the verb or on its object (round 20); not 'cast his vote as the polls
    closed' (a clause's 'as'), 'cast doubt on', 'presented the award'."""
    doc = verb.doc
    return any(t.lower_ == "as" and t.dep_ == "prep" and t.i > verb.i and doc[t.i - 1].text != "," and (
        t.head.i == verb.i or (t.head.head.i == verb.i and t.head.dep_ in ("dobj", "oprd"))
        or (t.head.dep_ == "pobj" and t.head.head.head.i == verb.i)) for t in verb.subtree)  # "referred to her as"


def repeats_speech(verb, words: Words) -> bool:
    """'[Other Republicans echoed] those comments', '[he was echoing] Ryan', 'echoed by
    Republican leaders', '[Jared Potts echoed]: “...”': what is repeated is someone's words
    (a speech noun, a person or an organisation, an agent, or a quote after a colon); not
    'echoed Trump's call for', 'echoed Sanders' success', 'echoed well outside' (round 20)."""
    if lemma(verb) not in words.get("repeating_verbs", ()):
        return False
    doc = verb.doc
    if any(c.dep_ == "agent" for c in verb.children):
        return True
    objs = [c for c in verb.children if c.dep_ == "dobj"]
    if not objs:
        return verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":"
    nouns = words.get("repeated_speech_nouns", ())
    return any(is_person(o, words) or o.ent_type_ in ("PERSON", "ORG", "NORP") or lemma(o) in nouns for o in objs)


def evaluation_target(verb, words: Words) -> bool:
    """An evaluative verb with explicit content: 'X for Y', 'X as Y', 'X over Y', 'compared X
    to Y' (contract: criticise X for, praise X as, liken X to)."""
    preps = words.get("evaluation_content_preps", ())
    return any(t.dep_ == "prep" and t.lower_ in preps and t.i > verb.i
               and verb.i in (t.head.i, t.head.head.i, t.head.head.head.i) for t in verb.subtree)


def quote_report(verb, subj, words: Words) -> bool:
    """'“Who pays?” [he asks].', '“...,” [she continued].', '[the letter reads]: “...”': a
    subject + verb (and its particle: '“...,” [he went on]') with no clause or object of its
    own, right after or before a quote."""
    if subj is None:
        return False
    doc, k = verb.doc, verb.i + 1
    if k < len(doc) and doc[k].dep_ == "prt" and doc[k].head.i == verb.i:
        k += 1  # '“...,” [she went on].' (round 21)
    nxt = doc[k] if k < len(doc) else None
    if nxt is not None and nxt.text in (":", ",") and before_quote(doc[k - 1], words):
        return True
    return after_quote(verb, words) and (nxt is None or nxt.is_punct) and not any(
        c.dep_ in ("xcomp", "ccomp", "dobj") and c.i > verb.i for c in verb.children)


def asks_a_question(verb, words: Words) -> bool:
    """An indirect question with the asker as subject: "[Paul also asked] how it’s
    conservative to ...", "[Graham questioned] why the military was read in"; not the
    reporter's "was asked if", nor "asked Pence whether" with the person asked as object
    (round 18, real train + dev gold)."""
    if lemma(verb) not in words.get("indirect_question_verbs", ()):
        return False
    kids = list(verb.children)
    if not any(c.dep_ == "nsubj" for c in kids) or any(c.dep_ in ("dobj", "dative", "nsubjpass", "auxpass") for c in kids):
        return False
    return any(c.dep_ == "ccomp" and c.i > verb.i and any(
        g.tag_ in ("WRB", "WP", "WDT") or g.lower_ in ("if", "whether") for g in c.children) for c in kids)


def before_quote(tok, words: Words) -> bool:
    """'the letter continues: “...' : an opening quotation mark right after the cue."""
    doc = tok.doc
    for i in range(tok.i + 1, min(len(doc), tok.i + 3)):
        if doc[i].text in words["open_quotes"]:
            return True
        if doc[i].text not in (":", ","):
            return False
    return False


def is_adverbial_of(tok, verb) -> bool:
    """Is ``tok`` inside a non-clausal dependent of ``verb`` (an adverbial) or punctuation?"""
    if tok.is_punct or tok.is_space:
        return True
    while tok.head.i != tok.i and tok.head.i != verb.i:
        tok = tok.head
    return tok.head.i == verb.i and tok.dep_ in ("prep", "advmod", "npadvmod", "advcl", "aux", "auxpass", "neg", "punct", "prt")


def after_break(doc, s: int, cue: int) -> int:
    """A source never runs back over a headline break (blank-line token) or the end of a
    quotation ('... every American,” [Chairman Mark Meadows said]'). A non-breaking space
    inside the line is no break: "[He\xa0said]", "[Sen.\xa0Sanders said]"."""
    for i in range(cue - 1, s - 1, -1):
        t = doc[i]
        if syntax.is_line_break(t) or (t.text in ("”", "''") and i > 0 and doc[i - 1].text in (",", ".", "?", "!")):
            return syntax.trim(doc, i + 1, cue + 1)[0]
    return s


def addressee_end(verb, e: int, words: Words) -> int:
    """'[confirmed to Fox News]', '[said to reporters]': a 'to' addressee right after the cue
    is inside; trailing places and topics of an addressee are not ('[told a crowd] in ...')."""
    if (verb.lemma_ or "").lower() in words.get("to_addressee_verbs", ()) and e == verb.i + 1:
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ == "to" and c.i == e:
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and pobj.pos_ in ("NOUN", "PROPN", "PRON") and not is_claim_noun(pobj, words):
                    return np_end(pobj)
    if (verb.lemma_ or "").lower() in words["addressee_verbs"]:
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "dative") and c.i >= verb.i), None)
        if obj is not None and e == obj.right_edge.i + 1 and obj.right_edge.i > obj.i:
            return max(verb.i + 1, np_end(obj))
    return e


def np_end(tok) -> int:
    """End of a noun phrase without its trailing prepositional, clausal or relative
    modifiers ('a crowd [in Green Bay]', 'officials [about the emails]')."""
    end = tok.i + 1
    for c in tok.children:
        if c.i > tok.i and c.dep_ not in ("prep", "relcl", "acl", "advcl", "ccomp", "punct", "cc", "conj"):
            end = max(end, c.right_edge.i + 1)
    return end


def after_quote(tok, words: Words) -> bool:
    """'“...,” he says' : the cue follows a closing quotation mark."""
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - 6), -1):
        if doc[i].text in words["close_quotes"]:
            return True
    return False


def has_that_clause(verb, words: Words) -> bool:
    """A clausal complement that is not a wh-clause: "vowed (that) it would", not
    "determine whether" or "knows how to"."""
    return any(c.dep_ == "ccomp" and c.left_edge.lower_ not in words.get("wh_words", ()) for c in verb.children)


PREDICATE_NOUN_MODIFIERS = ("det", "amod", "compound", "nmod", "punct", "cc", "conj", "advmod", "npadvmod", "nummod")


def predicate_noun_extent(doc: Doc, start: int, end: int, words: Words):
    """A predicate noun evaluation keeps its determiner and modifiers (contract: "[a total
    fabrication]", "[another smear]"): "it is [a tabloid smear]", "assailed the inquiry as [an
    illegitimate “witch hunt”]", "it was all [part of a hoax]". An attributive evaluation
    ("a [bogus] report") and a non-predicate noun ("the [disinformation]") stay as they are;
    quantifiers and possessives stay out."""
    head = doc[start:end].root
    if head.pos_ not in ("NOUN", "PROPN") or head.i != end - 1:
        return start, end
    top = head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and (head.head.head.lemma_ or "").lower() == "part":
        top = head.head.head  # "[part of a “witch hunt”]"
    if not (top.dep_ in ("attr", "oprd") or (top.dep_ == "pobj" and top.head.lower_ == "as")):
        return start, end
    s = min(start, top.i)
    while s > top.left_edge.i:
        t = doc[s - 1]
        if t.dep_ not in PREDICATE_NOUN_MODIFIERS or t.lower_ in words.get("quantifier_dets", ()) \
                or (t.dep_ == "advmod" and t.head.i in (head.i, top.i)) or t.tag_ == "VBG" \
                or (t.is_punct and t.text not in words["open_quotes"] and t.text != "-"):
            break
        s -= 1
    while s < start and (doc[s].is_punct or doc[s].dep_ in ("cc", "conj") and doc[s].head.i == top.i):
        s += 1
    q = next((t.i for t in doc[s:start] if t.text in words["open_quotes"]), None)
    if q is not None and all(t.dep_ == "det" for t in doc[s:q]):
        s = q  # the quote is the whole evaluation but its article: as an [“outrageous distortion”]
    e = end
    if any(t.text in words["open_quotes"] for t in doc[s:start]):
        # an opening quote inside the span is closed after it: "an illegitimate “witch hunt.”"
        c = next((i for i in range(end, min(len(doc), end + 3)) if doc[i].text in words["close_quotes"]), None)
        if c is None or not all(t.is_punct for t in doc[end:c]):
            return start, end
        e = c + 1
    return s, e


EVALUATION_TAGS = ("JJ", "JJR", "JJS", "VBG", "VBN")


def _coordinated_evaluations(doc: Doc, a: Span, b: Span, words: Words) -> bool:
    """``b`` is an adjective evaluation coordinated with ``a`` ("misleading and inaccurate",
    "false, false, false"), nothing but "and" / "or" / commas between them, and neither
    is quoted on its own (a quoted evaluation is a span of its own: '"baseless" and false')."""
    gap = doc[a.end:b.start]
    if not 1 <= len(gap) <= 2 or any(t.lower_ not in ("and", "or", ",") for t in gap):
        return False
    quotes = words["open_quotes"] | words["close_quotes"]
    if any(doc[i].text in quotes for i in (a.start, a.end - 1, b.start, b.end - 1)):
        return False
    if a.root.tag_ not in EVALUATION_TAGS or b.root.tag_ not in EVALUATION_TAGS:
        return False
    # a repetition is often parsed as stacked modifiers ("false, false, false")
    return (b.root.dep_ == "conj" and a.start <= b.root.head.i < a.end) or doc[a.end - 1].lower_ == b.root.lower_


def join_coordinated_evaluations(doc: Doc, spans: List[Span], words: Words) -> List[Span]:
    """One DENIAL span for coordinated adjective evaluations: the contract's "a repeated
    evaluation is one span" ("[false, false, false]"), and real dev's gold reads
    "[misleading and inaccurate]", "[absurd and factually inaccurate]" the same way."""
    out: List[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        joined = doc[out[-1].start:span.end] if out else None
        if out and syntax.has_parse(doc) and _coordinated_evaluations(doc, out[-1], span, words) and \
                clip_to_line(joined, out[-1]) == joined:  # not across a line (GUIDELINES rule 6)
            out[-1] = joined
        else:
            out.append(span)
    return out


def is_misparsed_linking(tok, words) -> bool:
    """seem / appear as a linking verb in parses that miss the acomp: "[appeared] paralyzed" (advcl),
    "has [seemed] caught" / "[appeared] aimed at" (parsed as a passive auxiliary), "[appears] closer"
    (advmod), "[seemed] an insult away" (dobj of "seem"), and the negated expletive "it does not
    [appear] that ..." (round 8; the affirmative "[it appears]" is a weasel frame)."""
    if tok.dep_ == "auxpass" and tok.head.i > tok.i:
        return True
    for c in tok.children:
        if c.i == tok.i + 1 and (c.dep_ == "advcl" and c.tag_ in ("VBN", "JJ") or c.dep_ == "advmod" and c.tag_ in ("JJR", "RBR")):
            return True
        if c.dep_ == "dobj" and lemma(tok) in words.get("objectless_linking_lemmas", ()):
            return True
    return any(c.dep_ == "nsubj" and c.lower_ == "it" for c in tok.children) and syntax.is_negated(tok, words) and any(
        c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in tok.children)


def passive_frame(doc, start: int, end: int, words) -> tuple:
    """Agentless evidential passives keep their auxiliaries, "not" and adverbs, and a following "to"
    (GUIDELINES: "[is not expected to]", "[was widely viewed as]", "[’s long been considered]";
    reduced relatives "entities [alleged to] have"), where the phrase list cannot match across the
    inserted words (round 8). Active "had expected to" and passives with an agent are left alone."""
    verb = next((t for t in reversed(doc[start:end]) if t.tag_ == "VBN" and lemma(t) in words.get("passive_frame_lemmas", ())), None)
    if verb is None or any(c.dep_ == "agent" for c in verb.children):
        return start, end
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    reduced = not any(c.dep_ in ("aux", "auxpass", "nsubj", "nsubjpass") for c in verb.children) and verb.dep_ in ("acl", "advcl", "relcl")
    if not (passive or reduced):
        return start, end
    s, e = start, end
    if e == verb.i + 1 and e + 1 < len(doc) and doc[e].lower_ == "to" and doc[e + 1].tag_ == "VB":
        e += 1
    if passive:
        while s > 0 and doc[s - 1].dep_ in ("aux", "auxpass", "neg", "advmod") and doc[s - 1].head.i == verb.i and doc[s - 1].tag_ != "TO":
            s -= 1
        while s < verb.i and doc[s].dep_ == "advmod":
            s += 1  # "Spouses [generally seen as]" has no auxiliary before the adverb: "generally" stays out
    return s, e


def is_capacity_relative(verb, subj, words: Words) -> bool:
    """A relative clause that says what a person or body is able to do ("a leader who could
    unite the party", "hopefuls who could still make a case"): the relative pronoun is the
    subject and the antecedent an agent (GPE antecedents, "Iran, which could ...", and
    outcome verbs, "a candidate who could lose", stay possibility hedges; so do inanimate
    antecedents, "a storm that could hit the coast")."""
    if verb.dep_ != "relcl" or subj is None or subj.lower_ not in words.get("capacity_relative_pronouns", ()):
        return False
    ante = verb.head
    return lemma(verb) not in words.get("outcome_verbs", ()) and ante.ent_type_ != "GPE" and (
        syntax.is_agentive(ante, words) or subj.lower_ in words.get("person_relative_pronouns", ()))


def is_counterfactual(verb, words: Words) -> bool:
    """A past unreal condition on the verb ("if he had run, he could have won", "had they
    known, ..."): the consequence is counterfactual, not a hedge (contract: counterfactual
    "would" and "could (have)" never hedge; GUIDELINES)."""
    for c in verb.children:
        if c.dep_ != "advcl":
            continue
        first = c.doc[c.left_edge.i]
        has_had = any(a.dep_ == "aux" and a.lower_ in words.get("counterfactual_auxes", ()) for a in c.children)
        if has_had and (first.lower_ in words.get("counterfactual_auxes", ()) or any(
                m.dep_ == "mark" and m.lower_ in words.get("counterfactual_marks", ()) for m in c.children)):
            return True
    return False


def evaluates_a_claim(tok, low: str, words: Words) -> bool:
    """An attributive evaluation ("a [bogus] report") that judges the noun it modifies: a claim
    noun, or a statement-type noun ("an [inaccurate] statement") unless the evaluation is the
    offence's wording ("false statements", GUIDELINES ruling 5); a misparse that hangs the claim
    noun as a compound on a later word ("a false narrative gains speed") still counts."""
    head = tok.head
    if is_claim_noun(head, words):
        return True
    if lemma(head) in words.get("judged_statement_nouns", ()) and low not in words.get("legal_evaluation_pairs", ()):
        return True
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or (nxt.i + 1 < len(tok.doc) and tok.doc[nxt.i + 1].text == "-"):
        return False  # "phony fact-checkers": the noun is part of a hyphenated word
    return nxt.dep_ == "compound" and is_claim_noun(nxt, words) and any(a.i == head.i for a in nxt.ancestors)


def negative_subject_start(tok, words: Words) -> Optional[int]:
    """Where a "true/accurate" verdict with a negative subject starts: "[None of this is
    true]", "[Nothing in the report is accurate]", "[Not a single thing he said is
    accurate]" (the whole clause, as annotated on real train); None otherwise ("it is true",
    "nobody is correct all the time": a person is no claim). A parse that hangs the copula
    as a clause of the subject's relative ("Not a single thing [he said is]") is followed up."""
    cop = tok.head
    if tok.dep_ != "acomp" or lemma(cop) != "be":
        return None
    subj = next((c for c in cop.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None and cop.dep_ == "ccomp" and cop.head.dep_ == "relcl" and cop.head.head.i < cop.i:
        subj = cop.head.head  # "Not a single thing he said is accurate": "thing" parsed as the root
    if subj is None or is_person(subj, words):
        return None
    first = subj.doc[subj.left_edge.i]  # the subject opens with its negation: "No part of", "Not one word of"
    negative = lemma(subj) in words.get("negative_pronouns", ()) or first.lower_ in words.get("negative_determiners", ())
    nxt = subj.doc[first.i + 1] if first.i + 1 < len(subj.doc) else None
    if first.lower_ == "not" and nxt is not None and (nxt.lower_ in words.get("quantifier_dets", ()) or lemma(nxt) in ("everything", "everyone")):
        return None  # "Not all of it is true": a partial concession, not a denial
    return subj.left_edge.i if negative else None


def is_option_act(verb, subj, words: Words) -> bool:
    """Round 9 (hedge9a): "could" + a deliberate act of an actor is an option, not a possibility
    (contract: "the board could veto it"; real train gold: "the committee could issue additional
    subpoenas", "Trump could pardon Stone", "they could use the territory to bomb"): the verb is
    one of ``option_act_verbs``, or carries an explicit means ("could fight it by arguing"), and
    the subject is an actor (a person, a body, a personal pronoun), never "it" / "this" or a thing
    ("the plan could raise taxes", "Russia could retaliate" stay hedges)."""
    if not is_actor(subj, words):
        return False
    if lemma(verb) in words.get("option_act_verbs", ()) and not any(c.dep_ == "prt" for c in verb.children):
        return True  # a phrasal verb is another verb: "Democrats could pick off states" is an outcome
    return any(c.dep_ == "prep" and c.i > verb.i and c.lower_ in words.get("means_preps", ()) and any(
        g.tag_ == "VBG" for g in c.children) for c in verb.children)  # a fronted "By doing X, they could win" stays


def is_option_means(verb, subj, words: Words) -> bool:
    """"ways (that) workers could become citizens", "areas where they could seek agreement", "the
    extent that it could": a relative clause on a means/opportunity noun with an actor subject."""
    if verb.dep_ != "relcl" or lemma(verb.head) not in words.get("option_means_nouns", ()):
        return False
    return is_actor(subj, words)


def is_actor(subj, words: Words) -> bool:
    """A subject that can choose an act: a person, a body, a personal pronoun (``option_actors``)."""
    return subj is not None and (syntax.is_agentive(subj, words) or lemma(subj) in words.get("option_actors", ()))


def is_purpose_modal(tok, words: Words) -> bool:
    """A modal in a purpose or opportunity clause ("so that talks may continue", "so he could sell
    us out", "before other funds could be found"): the clause states an aim, not a possibility."""
    verb = tok.head
    if verb.i == tok.i:
        return False
    if any(c.dep_ == "mark" and c.lower_ in words.get("opportunity_marks", ()) for c in verb.children):
        return True
    first = verb.left_edge.i
    subj = syntax.subject(verb)
    if subj is not None:
        first = min(first, subj.left_edge.i)
    before = " ".join(t.lower_ for t in tok.doc[max(0, first - 2) : first])
    lead = " ".join(t.lower_ for t in tok.doc[first : min(first + 2, tok.i)])
    return any(before.endswith(p) or lead.startswith(p + " ") or lead == p for p in words.get("purpose_openers", ()))


def is_non_epistemic_sense(tok, words: Words) -> bool:
    """True for a HEDGE verb, noun or adjective cue used in a sense that holds back nothing
    (round 9, HEDGE precision): incredulity ("I can't believe he won"), a demand or a
    pregnancy ("the honesty one would expect of a judge", "expecting a baby"), a proposal
    with a gerund ("suggested raising the age", GUIDELINES: proposal "suggest" is neither
    label), deliberation ("consider who would lead", "may consider pursuing", "would
    consider her as a running mate"), resemblance ("looks like a lawn mower", not "it looks
    like", "what looks like"), legal or money claims ("settle the claim", "waive a claim"),
    "about / to the possibility of" as a topic (as annotated on real train; the possibility
    itself, "raised the possibility of a strike", stays a hedge), the participle "the crime alleged"
    and the verb "the indictment alleged that" (the verb allege is ATTRIBUTION only)."""
    if not syntax.has_parse(tok.doc):
        return False
    w, lem, kids = words, lemma(tok), list(tok.children)
    clause = any(c.dep_ in ("ccomp", "xcomp") for c in kids)
    if lem in w.get("incredulity_lemmas", ()) and any(lemma(c) in w.get("incredulity_modals", ()) for c in kids if c.dep_ == "aux") and any(
            c.dep_ == "neg" or c.lower_ in w.get("incredulity_adverbs", ()) for c in kids):
        return True
    if lem in w.get("demand_lemmas", ()) and not clause and (
            any(c.dep_ == "prep" and c.lower_ in w.get("demand_preps", ()) for c in kids)
            or any(c.dep_ == "dobj" and lemma(c) in w.get("pregnancy_objects", ()) for c in kids)):
        return True
    if lem in w.get("proposal_lemmas", ()) and any(
            c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" and c.i <= tok.i + 2 and not any(g.dep_.startswith("nsubj") for g in c.children) for c in kids):
        return True
    if lem in w.get("deliberation_lemmas", ()):
        if any(c.dep_ == "xcomp" and c.tag_ == "VBG" for c in kids):
            return True  # "may consider pursuing"
        if any(c.dep_ == "ccomp" and any(g.tag_ in ("WP", "WRB", "WDT") or g.lower_ in ("whether", "if") for g in c.subtree) for c in kids):
            return True  # "began to consider who would lead"
        tentative = tok.tag_ == "VBG" or any(c.dep_ == "aux" and (lemma(c) in w.get("deliberation_auxes", ()) or c.tag_ == "TO") for c in kids)
        heads = [tok] + [c for c in kids if c.dep_ == "dobj"]
        if tentative and any(c.dep_ == "prep" and c.lower_ == "as" for h in heads for c in h.children):
            return True  # "would consider a woman as a running mate", "are considering X as an ally"
    if lem == "look" and tok.i + 1 < len(tok.doc) and tok.doc[tok.i + 1].lower_ == "like":
        subj = next((c for c in kids if c.dep_.startswith("nsubj")), None)
        like = tok.doc[tok.i + 1]
        if subj is not None and subj.lower_ not in w.get("look_like_subjects", ()) and any(c.dep_ == "pobj" for c in like.children):
            return True  # "people who don't look like him", "a machine that looks like a lawn mower"
    if tok.pos_ == "NOUN" and tok.dep_ == "dobj" and lemma(tok) in w.get("legal_claim_nouns", ()) and lemma(tok.head) in w.get("legal_claim_verbs", ()):
        return True  # "settle the claim", "waive a claim of immunity", "certify their claims"
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if tok.lower_ in w.get("possibility_of_nouns", ()) and nxt is not None and nxt.lower_ == "of" \
            and tok.dep_ == "pobj" and tok.head.lower_ in w.get("topic_preps", ()):
        return True  # "asked about the possibility of cuts": a topic; "raised the possibility of a strike" stays
    if tok.lower_ in w.get("participle_adjectives", ()) and (nxt is None or nxt.lower_ != "to"):
        if tok.dep_ == "acl" and tok.head.i < tok.i:
            return True  # "the crime alleged in the complaint"
        prev = tok.doc[tok.i - 1] if tok.i > 0 else None
        if (prev is None or prev.tag_ not in ("POS", "PRP$", "DT")) and (
                tok.tag_ == "VBD" or any(c.dep_ in ("nsubj", "aux") for c in kids)):
            return True  # "The complaint alleged that", "experts have alleged" (round 18); not "Rubio's alleged policy"
    if lem in w.get("forecast_sense_lemmas", ()) and not is_forecast(tok, w):
        return True  # "projects an image", "the projected gap" (round 18)
    return False


def responds_to_claim(verb: Token, words: Words) -> bool:
    """A reply verb (``reply_verbs``) answering a claim speaks even without a clause or a
    quote: "[Trump responded] to Cruz's allegations in a statement", "[Nehlen responded]
    Friday to reports that ..."; with its own subject, none of "no one" or "neither" (round 18,
    real train gold). A negated reply ("did not respond to the claims") is dropped like all
    negated speech."""
    if lemma(verb) not in words.get("reply_verbs", ()):
        return False
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or any(c.lower_ in ("neither", "no") for c in subj.children) or subj.lower_ in words.get("nobody_subjects", ()):
        return False  # "a statement responding to", "prevent and respond to attacks", "Neither campaign would respond"
    if any(c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" and is_claim_noun(g, words) for g in c.children)
           for c in verb.children):
        return True
    # round 21: the reply given as speech, "[Zucker responded] by saying that ...", "[Clinton
    # responded], remarking that ...", "[Trump swiftly responded] Tuesday, telling the Times"
    speech = words.get("reply_speech_verbs", ())
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "by" and any(g.dep_ == "pcomp" and g.tag_ == "VBG" and lemma(g) in speech for g in c.children):
            return True
        if c.dep_ in ("advcl", "xcomp") and c.tag_ == "VBG" and c.i > verb.i and lemma(c) in speech:
            return True
    return False


def is_forecast(tok: Token, words: Words) -> bool:
    """A verb of ``forecast_sense_lemmas`` ("project") used as a forecast: with a
    to-infinitive ("[is projected to] be $544 billion"), a that-clause ("a report
    [projecting] that the deal would increase ..."), an amount or outcome as object
    ("[projected] a Democratic pick-up", ``forecast_objects``) or no object at all
    ("more than [the budget office had projected]"); not "projects an image", "projecting
    weakness", nor the adjective "the projected gap" or the participle "the increase
    projected over the decade" (round 18, real train gold)."""
    kids = list(tok.children)
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.lower_ == "to" and any(c.dep_ == "xcomp" for c in kids):
        return True
    if tok.dep_ in ("amod", "acl"):
        return False
    if any(c.dep_ == "ccomp" for c in kids):
        return True  # a that-clause or any other clausal complement
    if tok.tag_ == "VB":
        return False  # "a firewall to project (protect) the House majority": a forecast has its forecaster
    nouns = words.get("forecast_objects", ())
    for obj in (c for c in kids if c.dep_ == "dobj"):
        first = min([obj.i] + [c.i for c in obj.children if c.dep_ == "compound" and c.i < obj.i])
        if lemma(obj) not in nouns and tok.doc[first : obj.i + 1].text.lower() not in nouns:
            return False  # "pick-up" is parsed as the compound "pick" + "up"
    return True


def word_before(doc, start: int) -> str:
    """The word a noun is compounded with, looking past a hyphen, a possessive or "of":
    "self-denial", "women's fiction", "Hollywood fantasy" give "self", "women", "hollywood"."""
    i = start - 1
    if i >= 0 and doc[i].lower_ in ("-", "'s", "’s", "of"):
        i -= 1
    return doc[i].lower_ if i >= 0 else ""


def shared_object(verb):
    """The direct object a coordinated verb shares with its conjunct ("discredit or
    harass dissenters"), or None when the verb has its own object or none is shared."""
    if any(c.dep_ in ("dobj", "ccomp") for c in verb.children):
        return None
    for c in verb.children:
        if c.dep_ == "conj" and c.pos_ in ("NOUN", "PROPN"):
            return c  # the small parser often hangs the shared object on the first verb as a conjunct
        if c.dep_ == "conj":
            return next((g for g in c.children if g.dep_ == "dobj"), None)
    return None


def is_generic_bare(tok, words: Words) -> bool:
    """A bare plural or mass noun of falsehood that names no claim ("the rise of
    misinformation", "counter lies and distortions"), not "the [disinformation]" or a
    predicate ("it is all [lies]")."""
    if tok.lower_ not in words.get("generic_when_bare", ()) or any(c.dep_ in ("det", "poss") for c in tok.children):
        return False
    head = tok
    while head.dep_ in ("conj", "appos") and head.head.i != head.i:
        head = head.head  # "It is garbage, complete and utter lies": the predicate's conjunct
    if head.dep_ == "pobj" and head.head.lower_ in ("with", "of") and lemma(head.head.head) in words.get("falsehood_containers", ()):
        return False  # "his remarks were replete with [misinformation]": about the remarks
    return not (head.dep_ in ("attr", "oprd", "ROOT") or (head.dep_ == "pobj" and head.head.lower_ == "as"))


def judges_a_fact_or_plan(tok, words: Words) -> bool:
    """An absurdity word ("absurd", "nonsense") that judges a fact it takes as given ("it is
    absurd that they signed up before anyone ran") or a plan ("the idea of expelling them all
    is absurd"): criticism of a policy or state of affairs, not a verdict on a claim's truth
    (GUIDELINES: "nonsense" about a policy is not DENIAL)."""
    cop = tok.head
    if tok.dep_ not in ("acomp", "attr") or lemma(cop) != "be":
        return False
    subjects = [c for c in cop.children if c.dep_ == "nsubj"]
    if any(s.lower_ == "it" for s in subjects) and any(
            c.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children) for c in cop.children):
        return True  # "it is absurd that X happened": X is taken as true
    return any(lemma(s) in words.get("not_a_claim", ()) and not has_content_clause(s) for s in subjects)


def has_negative_subject(modal, words: Words) -> bool:
    """Round 11 (ha11): the modal's verb has a negative-quantifier subject ("no law could have
    stopped it", "nothing could prepare them", "nobody could have predicted"): an impossibility,
    which asserts certainty like "could not" (contract), so the modal does not hedge. The noun
    right before the modal counts too (the parser can attach "no gun law" elsewhere)."""
    verb, neg = modal.head, words.get("negative_modal_subjects", ())
    subj = syntax.subject(verb) if verb.pos_ in ("VERB", "AUX") else None
    if subj is None and modal.i > 0 and modal.doc[modal.i - 1].pos_ in ("NOUN", "PRON"):
        subj = modal.doc[modal.i - 1]
    return subj is not None and (subj.lower_ in neg or any(c.dep_ == "det" and c.lower_ in neg for c in subj.children))


def negated_ground(tok, words: Words) -> bool:
    """A cue verb on a negated ground ("no reason to believe", "never given any reason to think",
    "no evidence to suggest"): it asserts certainty, so no HEDGE (GUIDELINES: "no reason to
    presume") and, as nothing suggests or is believed, no ATTRIBUTION either (round 11)."""
    head = tok.head
    if tok.dep_ == "xcomp" and lemma(head) == "be":  # "there is no data to suggest": parsed on "is"
        head = next((c for c in head.children if c.dep_ == "attr" and c.i < tok.i), head)
    if head.lower_ not in words.get("ground_nouns", ()) or tok.dep_ not in ("acl", "relcl", "xcomp"):
        return False
    return any(c.lower_ in words.get("no_ground_determiners", ()) for c in head.children) or any(
        c.dep_ == "neg" or c.lower_ in words["negators"] for c in head.head.children)


def passive_claim_subject(tok, words: Words) -> bool:
    """The passive "made up by X" is a DENIAL only when its subject is a claim ("the story
    was [made up] by a blogger") or unknown ("it was [made up] by ..."); a quantity made good
    ("the gap will be made up by new voters") is not (round 11, whole-article pool reading)."""
    subj = next((c for c in tok.children if c.dep_ == "nsubjpass"), None)
    if subj is not None and subj.pos_ not in ("NOUN", "PROPN"):  # "much of that gap"
        subj = next((g for c in subj.children if c.dep_ == "prep" and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"), subj)
    return subj is None or subj.pos_ not in ("NOUN", "PROPN") or is_claim_noun(subj, words)


def is_headline_noun(tok: Token, pos: Optional[str], kind: str, words: Words) -> bool:
    """A distancing noun the tagger reads as a name in a title-case headline ("Resigns
    After Sexual Harassment [Allegations]", "Supreme Court Questions [Claims] in ..."):
    capitalised, tagged PROPN, on a line whose longer words are (nearly) all capitalised.
    A name in running text ("the Court of Federal Claims said") is not on such a line
    (round 14: real train headlines)."""
    if pos != "NOUN" or tok.pos_ != "PROPN" or not tok.is_title or kind not in words.get("headline_noun_kinds", ()):
        return False
    lo, hi = line_bounds(tok.doc, tok.idx, tok.idx + len(tok))
    return is_capitalised(tok.doc.char_span(lo, hi, alignment_mode="expand"), 3)


def is_accusation_charge(tok: Token, words: Words) -> bool:
    """"charge" as an accusation (contract: "the charge" meaning an accusation is a HEDGE
    noun), not the legal charge ("criminal charges", "indicted on charges", "charges that
    include obstruction"): with a complement that-clause ("[charges] that he made
    misleading comments"), with "of" and an accused attitude or conduct ("[charges] of
    racism", "[charges] of insensitivity"), or defended against ("defend themselves
    against [charges]") (round 14: real train gold, 7 of 7 such uses HEDGE, none of the
    legal ones), or denied, answered or pushed back on ("He denied the [charges]", round 18).
    A compound names a legal count ("campaign finance [charges] or
    accusations that ...", "fraud charges")."""
    if any(c.dep_ == "compound" for c in tok.children):
        return False
    for child in tok.children:
        if child.dep_ in ("acl", "ccomp", "relcl") and any(c.dep_ == "mark" and c.lower_ == "that" for c in child.children):
            return True  # has_content_clause, plus "relcl": the parser reads "the charge that Obamacare raided ..." as a relative clause
        if child.dep_ == "prep" and child.lower_ == "of" and any(
                c.dep_ == "pobj" and lemma(c) in words.get("accused_conduct", ()) for c in child.children):
            return True
    head = tok.head
    if tok.dep_ == "dobj" and lemma(head) in words.get("charge_contest_verbs", ()):
        return True  # "He denied the [charges]", "needs to answer these [charges]" (round 18)
    if tok.dep_ == "pobj" and head.lower_ == "on" and lemma(head.head) == "push":
        return True  # "pushed back on those [charges]"
    return tok.dep_ == "pobj" and head.lower_ == "against" and lemma(head.head) in words.get("defence_verbs", ())


def ground_extent(doc: Doc, start: int, end: int, words: Words) -> Tuple[int, int]:
    """A verdict on a claim's grounds takes its "have" and its domain, as the contract spans
    it: "this theory [has no basis in fact]", "allegations [lack a basis in the law]" (round
    14); "no basis" alone stays as it is."""
    if start > 0 and doc[start].lower_ == "no" and lemma(doc[start - 1]) == "have":
        start -= 1
    if end + 1 < len(doc) and doc[end].lower_ == "in":
        i = end + 1
        if doc[i].lower_ in ("the", "any") and i + 1 < len(doc):
            i += 1
        if doc[i].lower_ in words.get("ground_domains", ()):
            end = i + 1
    return start, end


def is_claim_verdict_noun(tok: Token, words: Words) -> bool:
    """A noun that calls a belief false only when it is said of one ("myth"): with the
    belief as a that-clause or an about-phrase ("the [myth] that she will", "racist [myths]
    about crime"), as a predicate ("that is a [myth]") or after "as" ("dismissed as a
    [myth]"); not the stories of a mythology ("classical myth") (round 14: real dev gold, the
    reading pool)."""
    if has_content_clause(tok) or any(c.dep_ == "prep" and c.lower_ in words.get("verdict_about_preps", ()) for c in tok.children):
        return True
    if tok.dep_ in ("attr", "oprd"):
        return True
    return tok.dep_ == "pobj" and tok.head.lower_ == "as"


def past_close_quotes(doc: Doc, i: int, words: Words) -> int:
    """The first token at or after ``i`` that is not a closing quote ('“fake news” CNN',
    'he is “skeptical” that')."""
    while i < len(doc) and doc[i].text in words["close_quotes"]:
        i += 1
    return i


def is_outlet_epithet(doc: Doc, start: int, end: int, words: Words) -> bool:
    """"fake news" as an epithet for outlets rejects no specific claim (GUIDELINES: not
    DENIAL): a modifier of a following noun ("the Fake News media", "“fake news” CNN"), "The
    Fake News" as a name ("The Fake News is at it again"), or said of an outlet ("networks
    might be “fake news”", "blasted CNN as fake news"); not "the story was [fake news]",
    "the fake news about his health" (round 11, whole-article pool reading)."""
    nxt = past_close_quotes(doc, end, words)
    if nxt < len(doc) and doc[nxt].pos_ in ("NOUN", "PROPN") and not is_claim_noun(doc[nxt], words):
        return True  # "fake news media", "“fake news” CNN"; not "[fake news] stories" (a claim noun)
    if start > 0 and doc[start - 1].lower_ == "the" and not (nxt < len(doc) and doc[nxt].lower_ in ("about", "that", "of")):
        return True  # "The Fake News is ...": a name for the press
    root = doc[start:end].root
    if root.dep_ in ("attr", "oprd") or (root.dep_ == "pobj" and root.head.lower_ == "as"):
        verb = root.head if root.dep_ != "pobj" else root.head.head
        holder = next((c for c in verb.children if c.dep_ in (("nsubj",) if root.dep_ == "attr" else ("dobj", "nsubjpass", "nsubj"))), None)
        if holder is not None and (holder.pos_ == "PROPN" or lemma(holder) in words.get("outlet_nouns", ())):
            return True  # "networks might be fake news", "blasted CNN as fake news"
    return False


def there_frame_start(noun, words: Words) -> Optional[int]:
    """The index of "there" when ``noun`` ends a sourceless evidential frame "there BE
    (determiner / adjective / adverb)* NOUN that ..." ("[there are signs] that", "[There is
    a huge expectation] that", "[There is truly a sense] that"; GUIDELINES batches 8-10),
    else None. A modifier of certainty or absence ("clear evidence that", "no sign that")
    makes it no hedge. Round 16 (docs/error-analysis.md)."""
    doc = noun.doc
    k = noun.i + 1
    if k >= len(doc) or doc[k].lower_ != "that":
        return None
    not_mods = words.get("there_frame_not_modifiers", ())
    i = noun.i - 1
    while i >= 0 and noun.i - i <= 6 and doc[i].pos_ in ("DET", "ADJ", "ADV", "NUM", "PART") and doc[i].lemma_.lower() != "be":
        if doc[i].lower_ in not_mods:
            return None
        i -= 1
    # the verb "be", possibly after auxiliaries ("has been"); then "there"
    if i < 1 or not (lemma(doc[i]) == "be" or doc[i].lower_ in words.get("be_contractions", ())):
        return None  # "There’s" may keep the lemma "’s"
    j = i - 1
    while j >= 0 and doc[j].dep_ in ("aux", "neg"):
        j -= 1  # "there [has been] a sense that"
    if j < 0 or doc[j].lower_ != "there" or any(syntax.is_line_break(t) for t in doc[j : noun.i]):
        return None
    if any(t.dep_ == "neg" for t in doc[j : noun.i]):
        return None  # "there is not a sense that": absence, not a hedge
    return j
