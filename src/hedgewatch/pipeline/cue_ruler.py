"""``hedgewatch_cue_ruler``: lexicon + syntax rules that propose HEDGE, ATTRIBUTION and
DENIAL spans into their own span key (default ``hw_rules``).

The rules are a high-recall candidate source for the trained span categorizer (see
:mod:`hedgewatch.components.suggester`) and a baseline of their own. They never write
to ``doc.spans["sc"]``: the span categorizer decides what lands there.

Patterns come from the lexicons shipped as package data (``hedgewatch/lexicons``) and
are saved with the pipeline (``to_disk``), so a saved pipeline keeps the patterns it
was trained with even if the package's lexicons change later.
"""

from pathlib import Path
from typing import Callable, Iterable, List, Optional, Sequence, Union

import srsly
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import ensure_path, filter_spans

from .. import RULES_SPANS_KEY
from .lexicon import LEXICON_FILES, phrase_variants, read_lexicons
from . import syntax

# attribution verbs that need a clausal complement to count (else too ambiguous)
NEEDS_CLAUSE = {
    "show", "find", "reveal", "suggest", "believe", "think", "fear", "suspect", "note",
    "add", "predict", "conclude", "confirm", "acknowledge", "admit", "estimate",
    "indicate", "write", "post", "tweet", "observe", "recommend", "explain", "respond",
    "reply", "comment", "mention", "remark", "speculate", "doubt", "worry", "caution",
    "stress", "emphasise", "emphasize", "declare", "maintain", "announce", "report",
}
NOT_A_CLAIM = {
    "entry", "access", "bail", "visa", "request", "application", "budget", "offer", "bid",
    "proposal", "motion", "plan", "appeal", "permission", "admission", "service", "loan",
    "asylum", "parole", "license", "licence", "petition", "deal", "amendment", "bill",
    "funding", "transfer", "invitation", "merger", "takeover", "settlement", "contract",
    "nomination", "candidate", "candidacy", "treatment", "refund", "payment",
}
MONEY_CLAIM_WORDS = {
    "insurance", "compensation", "damage", "damages", "benefit", "benefits", "expense",
    "expenses", "warranty", "pay", "land", "territorial", "title", "injury", "tax",
    "refund", "welfare", "asylum", "unemployment", "pension", "lodge", "lodged", "file",
    "filed",
}
INTENSIFIERS = {
    "completely", "categorically", "utterly", "simply", "pure", "total", "absolute", "wholly",
    "totally", "flatly", "complete", "entirely", "absolutely", "utter", "demonstrably",
    "factually", "plainly", "patently", "wildly", "scientifically", "sheer", "blatantly",
}
# "science fiction", "garbage collection": the evaluation word as part of a compound
NOT_EVALUATIVE_BEFORE = {"science", "crime", "historical", "literary", "fan", "flash", "fantasy"}
NOT_EVALUATIVE_AFTER = {"collection", "collector", "collectors", "truck", "trucks", "bin", "bins", "disposal", "writer", "writers", "novel", "football", "league"}
CONCERN_NOUNS = ("concern", "concerns", "worry", "worries", "fears", "doubts", "issues")


# subjects that make a bare "may" + verb a permission ("Owners may contact their dealer",
# "Parents may keep using the cream"), not a hedge. In the annotated train+dev splits the
# rule's bare "may" was a hedge 11 times and a permission 32 times; the hedges have
# inanimate subjects ("a harness buckle may release", "outcomes may differ"), the
# permissions people and organisations (docs/error-analysis.md). Together with
# ``syntax.is_agentive`` (persons, organisations, agent nouns).
PERMISSION_SUBJECTS = {
    "customer", "owner", "parent", "patient", "passenger", "resident", "visitor", "member",
    "investor", "viewer", "shopper", "applicant", "user", "player", "buyer", "consumer",
    "student", "employee", "worker", "family", "driver", "traveller", "traveler", "tenant",
    "voter", "participant", "subscriber", "holder", "shareholder", "victim", "fan",
    "supporter", "candidate", "anyone", "everyone", "public", "journalist",
    "representative", "citizen", "pupil", "child", "athlete", "you", "i", "we", "hospital", "organisation", "organization", "firm", "committee", "commission",
    "journal", "army", "court", "judge", "author", "publisher", "truck", "diver", "hiker",
    "tourist", "homeowner", "policyholder", "rider", "line", "school", "airline",
}


def _is_permission_may(tok) -> bool:
    """Bare "may" + main verb whose subject is a person or a permission-type noun."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is None or nxt.lower_ in ("be", "have", "been", "well", "also", "never", "yet", "still", "soon", "even"):
        return False
    if not syntax.has_parse(tok.doc) or tok.head is tok:
        return False
    subj = syntax.subject(tok.head)
    if subj is None and tok.head.dep_ == "conj":  # "was granted bail and may travel abroad"
        subj = syntax.subject(tok.head.head)
    if subj is None or subj.tag_ in ("WDT", "WP"):
        return False
    lemma = (subj.lemma_ or subj.lower_).lower()
    return (lemma in PERMISSION_SUBJECTS or subj.lower_ in PERMISSION_SUBJECTS
            or syntax.is_agentive(subj))


def _is_reach_for_comment(doc, start: int) -> bool:
    words = [t.lower_ for t in doc[start + 1 : start + 4]]
    return words[:2] == ["be", "reached"] or words[:3] in (["not", "be", "reached"], ["n't", "be", "reached"])


class CueRuler:
    """Rule-based proposer of hedgewatch spans."""

    def __init__(
        self,
        nlp: Language,
        name: str = "hedgewatch_cue_ruler",
        *,
        spans_key: str = RULES_SPANS_KEY,
        lexicons: Sequence[str] = LEXICON_FILES,
    ) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.spans_key = spans_key
        self.lexicons = list(lexicons)
        self.patterns: List[dict] = []
        # every pattern is an exact sequence of lower-cased words, so a PhraseMatcher on
        # LOWER finds the same matches as token patterns [{"LOWER": w}, ...] would, in
        # time independent of the number of patterns (the Matcher tries each of the
        # ~1,000 expanded patterns at every token)
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")
        # convenient default: usable right after add_pipe; initialize()/from_disk()
        # replace the patterns
        self.add_patterns(read_lexicons(self.lexicons))

    # -- patterns ---------------------------------------------------------------
    def add_patterns(self, patterns: Iterable[dict]) -> None:
        for entry in patterns:
            for key in ("label", "phrase"):
                if key not in entry:
                    raise ValueError(f"[{self.name}] pattern without '{key}': {entry}")
            idx = len(self.patterns)
            self.patterns.append(dict(entry))
            self.matcher.add(str(idx), [Doc(self.vocab, words=words) for words in phrase_variants(entry)])

    def clear(self) -> None:
        self.patterns = []
        self.matcher = PhraseMatcher(self.vocab, attr="LOWER")

    def initialize(
        self,
        get_examples: Optional[Callable] = None,
        *,
        nlp: Optional[Language] = None,
        patterns: Optional[Sequence[dict]] = None,
    ) -> None:
        self.clear()
        self.add_patterns(patterns if patterns is not None else read_lexicons(self.lexicons))

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
        out: List[Span] = []
        for label, spans in (("HEDGE", hedges), ("ATTRIBUTION", attrs), ("DENIAL", denials)):
            for s in filter_spans(spans):
                out.append(Span(doc, s.start, s.end, label=label))
        out.sort(key=lambda s: (s.start, s.end, s.label_))
        return out

    def _hedge_ok(self, doc: Doc, start: int, end: int, kind: str) -> bool:
        tok = doc[start]
        nxt = doc[end] if end < len(doc) else None
        prev = doc[start - 1] if start > 0 else None
        low = tok.lower_
        if kind == "modal":
            if low == "may" and tok.text == "May" and (
                (prev is not None and not prev.is_sent_start and not tok.is_sent_start
                 and prev.text not in ("“", '"', "‘"))
                or (nxt is not None and (nxt.like_num or nxt.is_punct))
            ):
                return False  # the month
            if low in ("could", "might") and nxt is not None and nxt.lower_ in ("not", "n't", "never"):
                return False  # ability / negated
            if tok.tag_ == "NNP":
                return False
            if nxt is not None and _is_reach_for_comment(doc, start):
                return False  # "could (not) be reached": ability
            if end - start == 1 and low == "may" and _is_permission_may(tok):
                return False  # deontic "Customers may return unopened bottles"
            if end - start == 1 and nxt is not None and nxt.lower_ in ("also",):
                return True
        if kind in ("adjective", "adverb") and low == "possible":
            window = " ".join(t.lower_ for t in doc[max(0, start - 3) : start])
            if window.endswith(("as", "where", "if", "whenever", "soon as")) or "as soon" in window:
                return False
        if kind == "distancing_noun" and low.startswith("claim"):
            if prev is not None and prev.lower_ in MONEY_CLAIM_WORDS:
                return False
            if nxt is not None and nxt.lower_ in ("for", "process", "form", "forms", "handler"):
                return False
        if kind == "epistemic_verb" and syntax.has_parse(doc):
            if low.startswith("suggest") and not any(c.dep_ in ("ccomp", "xcomp") for c in tok.children) and any(
                c.dep_ == "dobj" for c in tok.children
            ):
                return False
            if syntax.is_negated(tok) and tok.lemma_ in ("doubt",):
                return False
        return True

    def _attribution(self, doc: Doc, start: int, end: int, kind: str, has_pos: bool) -> Optional[Span]:
        tok = doc[start]
        parsed = syntax.has_parse(doc)
        if kind == "verb":
            if has_pos and tok.pos_ not in ("VERB", "AUX"):
                return None
            lemma = (tok.lemma_ or tok.lower_).lower()
            if parsed:
                subj = syntax.subject(tok)
                if subj is not None and subj.lower_ in syntax.FIRST_PERSON:
                    return None
                if syntax.is_negated(tok):
                    return None
                if lemma in NEEDS_CLAUSE and not any(
                    c.dep_ in ("ccomp", "xcomp", "parataxis") for c in tok.children
                ) and not _after_quote(tok):
                    return None
                if tok.dep_ in ("amod", "compound"):
                    return None
            s, e, _ = syntax.source_cue_extent(tok)
            return doc[s:e]
        if kind == "prep":
            if tok.lower_ == "per" or (tok.lower_ == "according" and not parsed and (end - start) < 2):
                return None
            s, e, _ = syntax.prep_extent(tok)
            e = max(e, end)
            return doc[s:e] if e - s > end - start or kind == "prep" else None
        if kind == "noun":
            if has_pos and tok.pos_ not in ("NOUN", "PROPN"):
                return None
            ext = syntax.nominal_extent(tok)
            if ext is None:
                return None
            s, e, _ = ext
            return doc[s:e]
        if kind == "phrase":
            verb = doc[start]
            s, e, _ = syntax.source_cue_extent(verb, object_nouns=CONCERN_NOUNS)
            return doc[min(s, start) : max(e, end)]
        return None

    def _denial(self, doc: Doc, start: int, end: int, kind: str, has_pos: bool) -> Optional[Span]:
        tok = doc[start]
        if kind == "predicate":
            if has_pos and tok.pos_ != "VERB":
                return None
            if syntax.has_parse(doc):
                if syntax.is_negated(tok):
                    return None
                for c in tok.children:
                    if c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in NOT_A_CLAIM or c.lower_ in NOT_A_CLAIM):
                        return None
                    if c.dep_ == "aux" and c.lower_ == "to" and tok.dep_ == "advcl":
                        return None
                if tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children) and any(
                    c.dep_ in ("dobj", "dative") for c in tok.children
                ):
                    return None  # "was denied entry"
            else:
                nxt = doc[end] if end < len(doc) else None
                if nxt is not None and nxt.lower_ in NOT_A_CLAIM:
                    return None
            s, e, _ = syntax.source_cue_extent(tok, with_addressee=False)
            return doc[s:e]
        if kind == "evaluation":
            low = doc[start:end].text.lower()
            if low in ("lies",) and has_pos and tok.pos_ != "NOUN":
                return None
            if low in ("false", "incorrect", "untrue", "misleading", "inaccurate", "made up") and start > 0 and doc[start - 1].lower_ in ("not", "n't"):
                return None
            if low == "fabricated" and has_pos and tok.pos_ == "VERB" and any(c.dep_ == "dobj" for c in tok.children):
                return None  # "the researcher fabricated data": an accusation, not a denial
            if low == "made up" and (end >= len(doc) or doc[end].lower_ in ("of", "for", "the", "a", "an", "her", "his", "their", "its")):
                return None  # "made up of", "made up for"
            if low in ("fiction", "fantasy", "invention", "garbage") and (
                (start > 0 and doc[start - 1].lower_ in NOT_EVALUATIVE_BEFORE)
                or (end < len(doc) and doc[end].lower_ in NOT_EVALUATIVE_AFTER)
            ):
                return None  # "science fiction", "garbage collection", "fantasy football" ...
            # intensifiers belong to the evaluation: "[completely untrue]", "[a complete fiction]"
            while start > 0 and doc[start - 1].lower_ in INTENSIFIERS:
                start -= 1
            if start > 0 and start < end - 1 and doc[start - 1].lower_ in ("a", "an") and doc[start].lower_ in INTENSIFIERS:
                start -= 1
            s, e = syntax.quoted_extent(doc, start, end)
            return doc[s:e]
        return None

    # -- serialization ------------------------------------------------------------
    def to_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", self.patterns)
        srsly.write_json(path / "cfg", {"spans_key": self.spans_key, "lexicons": self.lexicons})

    def from_disk(self, path: Union[str, Path], *, exclude: Iterable[str] = tuple()) -> "CueRuler":
        path = ensure_path(path)
        self.clear()
        self.add_patterns(srsly.read_jsonl(path / "patterns.jsonl"))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"patterns": self.patterns})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "CueRuler":
        self.clear()
        self.add_patterns(srsly.msgpack_loads(data)["patterns"])
        return self


def _after_quote(tok) -> bool:
    """'“...,” he says' : the cue follows a closing quotation mark."""
    doc = tok.doc
    for i in range(tok.i - 1, max(-1, tok.i - 6), -1):
        if doc[i].text in syntax.CLOSE_QUOTES:
            return True
    return False


@Language.factory(
    "hedgewatch_cue_ruler",
    default_config={"spans_key": RULES_SPANS_KEY, "lexicons": list(LEXICON_FILES)},
    assigns=["doc.spans"],
    default_score_weights={},
)
def make_cue_ruler(nlp: Language, name: str, spans_key: str, lexicons: List[str]) -> CueRuler:
    """Create the lexicon + syntax rule component (writes ``doc.spans[spans_key]``)."""
    return CueRuler(nlp, name, spans_key=spans_key, lexicons=lexicons)
