"""Convert the Szeged Uncertainty Corpus (Wikipedia part, BioScope-style XML) to HEDGE JSONL.

Reads ``wiki.xml`` from the path given on the command line (never copied into the
project). Structure: ``Annotation/DocumentSet/Document`` (``DocID``, ``DocumentPart``
of type Title or Text) ``/Sentence`` with inline ``<ccue type="...">`` cue elements.
Cue types (trailing " _" in the file is ignored): ``speculation_modal_probable``,
``speculation_hypo_doxastic``, ``speculation_hypo_condition``,
``speculation_hypo_investigation``.

Output: every sentence is kept (sentences without a cue are negatives), packed by
whole Wikipedia documents into records of at most ``--sentences`` sentences (a longer
document is split): sentences of a part joined by a space, parts by a line break,
documents by a blank line. Each record::

    {"text": ..., "spans": [{"start", "end", "label": "HEDGE"}],
     "meta": {"source": "szeged:<DocID>[,...]", "external": "szeged",
              "annotated_labels": ["HEDGE"]}}

Mapping to HEDGE (ANNOTATION.md and corpus/GUIDELINES.md). Only probable and doxastic
cues can become HEDGE; condition ("if", "would", "unless") and investigation
("whether", "examine") never do. Each probable/doxastic cue is then classified by its
text (``classify``):

* kept (``KEEP``): epistemic adverbs and adjectives (probably, possibly, perhaps,
  apparently, reportedly, allegedly, likely, possible, alleged, suspected...),
  distancing nouns (allegations, accusations, rumours, speculation, possibility),
  epistemic verbs of the guidelines (suggest, believe, think, suspect, fear, assume,
  presume, suppose, speculate). Extended to our span conventions: a modal takes the
  following auxiliary ("[may be]", "[might have]"); may/might/could only;
  "would" only in "[would appear]"/"[would seem]"; a raising verb takes "to"
  ("[appears to]"); a passive doxastic verb takes its auxiliaries, adverbs and a
  following "to", and a preceding "it" ("[is believed to]", "[It is well-believed]").
  "considered", "regarded", "seen", "viewed" count only in that passive frame, and
  "expected" only as "[it is expected]".
* not a hedge in our scheme (``NOT_HEDGE``): the cue is dropped and its sentence stays
  as a negative: can, must, will, should, other "would" (ability, deontic, future or
  conditional); "estimated" (numeric approximator); verbs "accuse", "allege" (an
  ATTRIBUTION cue, like "claim"); "little doubt"/"no doubt" (certainty); "indicate"
  (evidence ATTRIBUTION); prediction verbs; "concern", "worried"; "eventually".
* unsure (anything else, e.g. "unclear", "no evidence", "question", "feel", "imply",
  active "consider"/"regard", "idea", "belief"): its whole sentence is dropped, since
  leaving it as a negative could teach the model that a real hedge is not one.

Spans are aligned to spaCy's English tokenizer (``spacy.blank("en")``): a cue cutting a
token is snapped outward to it (counted), one that still does not align is dropped
(counted). Malformed XML or structure stops with ``FILE:LINE:COLUMN: reason``. The
output is written atomically and never overwritten without ``--force``.
"""
import json
import xml.parsers.expat
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import spacy

from .corpus import CorpusError, validate_record, write_json, write_jsonl  # noqa: F401

LABEL = "HEDGE"
HEDGE_TYPES = {"speculation_modal_probable", "speculation_hypo_doxastic"}
NOT_HEDGE_TYPES = {"speculation_hypo_condition", "speculation_hypo_investigation"}

KEEP = {
    # adverbs
    "probably", "possibly", "perhaps", "maybe", "presumably", "seemingly", "apparently",
    "reportedly", "reputedly", "supposedly", "allegedly", "purportedly", "potentially",
    "arguably", "conceivably", "likely", "almost certainly", "most likely", "very likely",
    # adjectives
    "unlikely", "possible", "probable", "apparent", "suspected", "rumored", "rumoured",
    "putative", "potential", "purported", "so-called", "alleged",
    # distancing nouns
    "possibility", "rumor", "rumors", "rumour", "rumours", "speculation", "allegation",
    "allegations", "accusation", "accusations", "suggestion", "suggestions",
    # epistemic verbs (guidelines' list)
    "suggest", "suggests", "suggested", "suggesting", "believe", "believes", "believed",
    "believing", "think", "thinks", "thought", "thinking", "suspect", "suspects",
    "suspecting", "fear", "fears", "feared", "fearing", "assume", "assumes", "assumed",
    "assuming", "presume", "presumes", "presumed", "suppose", "supposes", "supposed",
    "speculate", "speculates", "speculated", "speculating", "doubt", "doubts", "doubted",
    # modals and raising verbs (extended below)
    "may", "might", "could", "may or may not", "might or might not",
    "seem", "seems", "seemed", "appear", "appears", "appeared",
}
NOT_HEDGE = {
    "can", "cannot", "must", "will", "should", "would", "shall", "won't", "shouldn't",
    "wouldn't", "estimated", "estimate", "accuse", "accuses", "accused", "accusing",
    "allege", "alleges", "alleging", "little doubt", "no doubt", "indicate", "indicates",
    "indicated", "predict", "predicts", "predicted", "predicting", "forecasting",
    "forecast", "concern", "concerns", "worried", "eventually", "surprisingly", "touted",
    "expect", "expects", "expecting", "expectation",
}
PASSIVE_FRAME_ONLY = {"considered", "regarded", "seen", "viewed", "expected", "said", "understood"}
MODALS = {"may", "might", "could"}
MODAL_AUX = {"be", "have"}
RAISING = {"seem", "seems", "seemed", "appear", "appears", "appeared"}
BE_FORMS = {"is", "are", "was", "were", "be", "been", "being", "am"}
HAVE_FORMS = {"has", "have", "had"}
FRAME_ADVERBS = {"widely", "generally", "commonly", "long", "often", "also", "now", "still",
                 "well", "sometimes", "usually", "traditionally", "largely", "popularly",
                 "mostly", "strongly", "further", "originally", "previously"}
SUBJECT_PRONOUNS = {"he", "she", "they", "we", "i", "who", "it", "you", "which", "that"}


def norm_type(value: str) -> str:
    return value.strip().strip("_ ").strip()


def norm_text(text: str) -> str:
    return " ".join(text.lower().replace("\u2019", "'").split())


# --- XML reading --------------------------------------------------------------------------
@dataclass
class Cue:
    start: int  # within the sentence text
    end: int
    type: str
    where: str


@dataclass
class Sentence:
    sid: str
    text: str
    cues: List[Cue]
    part: str
    where: str


@dataclass
class Document:
    doc_id: str
    sentences: List[Sentence]
    where: str


def read_xml(path: Path) -> List[Document]:
    """Parse the corpus with expat, keeping LINE:COLUMN of each element for messages."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise CorpusError(f"{path}: cannot read ({err.strerror})") from None
    parser = xml.parsers.expat.ParserCreate()
    docs: List[Document] = []
    stack: List[str] = []
    state: Dict[str, object] = {"doc": None, "part": None, "sent": None, "cue": None, "docid": None}

    def where() -> str:
        return f"{path}:{parser.CurrentLineNumber}:{parser.CurrentColumnNumber + 1}"

    def start(name, attrs):
        lname = name.lower()
        parent = stack[-1].lower() if stack else None
        if lname == "document":
            if parent != "documentset":
                raise CorpusError(f"{where()}: <Document> outside <DocumentSet>")
            state["doc"] = Document("", [], where())
        elif lname == "docid":
            if parent != "document":
                raise CorpusError(f"{where()}: <DocID> outside <Document>")
            state["docid"] = []
        elif lname == "documentpart":
            if parent != "document":
                raise CorpusError(f"{where()}: <DocumentPart> outside <Document>")
            state["part"] = attrs.get("type", "")
        elif lname == "sentence":
            if parent != "documentpart":
                raise CorpusError(f"{where()}: <{name}> outside <DocumentPart>")
            if "id" not in attrs:
                raise CorpusError(f"{where()}: <{name}> without id")
            state["sent"] = Sentence(attrs["id"], "", [], str(state["part"]), where())
            state["buf"] = []
        elif lname == "ccue":
            sent = state["sent"]
            if sent is None or parent not in ("sentence", "xcope"):
                raise CorpusError(f"{where()}: <ccue> outside a sentence")
            if state["cue"] is not None:
                raise CorpusError(f"{where()}: nested <ccue>")
            if not attrs.get("type", "").strip():
                raise CorpusError(f"{where()}: <ccue> without a type (sentence {sent.sid})")
            state["cue"] = (len("".join(state["buf"])), norm_type(attrs["type"]), where())
        elif lname == "xcope":  # BioScope scope markup: its text belongs to the sentence
            if state["sent"] is None:
                raise CorpusError(f"{where()}: <xcope> outside a sentence")
        elif lname in ("annotation", "documentset"):
            pass
        else:
            raise CorpusError(f"{where()}: unexpected element <{name}>")
        stack.append(name)

    def end(name):
        lname = name.lower()
        stack.pop()
        if lname == "ccue":
            cstart, ctype, cwhere = state["cue"]
            cend = len("".join(state["buf"]))
            if cend == cstart:
                raise CorpusError(f"{cwhere}: empty <ccue>")
            state["sent"].cues.append(Cue(cstart, cend, ctype, cwhere))
            state["cue"] = None
        elif lname == "sentence":
            sent = state["sent"]
            sent.text = "".join(state["buf"])
            state["doc"].sentences.append(sent)
            state["sent"] = None
        elif lname == "docid":
            state["doc"].doc_id = "".join(state["docid"]).strip()
            state["docid"] = None
        elif lname == "document":
            doc = state["doc"]
            if not doc.doc_id:
                raise CorpusError(f"{doc.where}: <Document> without <DocID>")
            docs.append(doc)
            state["doc"] = None

    def chars(data):
        if state["sent"] is not None:
            state["buf"].append(data)
        elif state["docid"] is not None:
            state["docid"].append(data)
        elif data.strip():
            raise CorpusError(f"{where()}: text outside a sentence: {data.strip()[:40]!r}")

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = chars
    try:
        parser.Parse(data, True)
    except xml.parsers.expat.ExpatError as err:
        raise CorpusError(
            f"{path}:{err.lineno}:{err.offset + 1}: malformed XML ({xml.parsers.expat.ErrorString(err.code)})"
        ) from None
    if not docs:
        raise CorpusError(f"{path}: no <Document> elements")
    return docs


# --- mapping ---------------------------------------------------------------------------------
@dataclass
class Stats:
    documents: int = 0
    sentences_in: int = 0
    sentences_out: int = 0
    sentences_dropped_unsure: int = 0
    sentences_with_hedge: int = 0
    records: int = 0
    cues: Counter = field(default_factory=Counter)  # by type
    cues_not_hedge_type: int = 0
    cues_kept: int = 0
    cues_extended: int = 0
    cues_not_hedge_text: int = 0
    cues_unsure: int = 0
    cues_duplicate: int = 0
    cues_kept_in_dropped_sentences: int = 0
    snapped: int = 0
    dropped_misaligned: int = 0
    spans: int = 0
    dropped_texts: Counter = field(default_factory=Counter)
    unsure_texts: Counter = field(default_factory=Counter)

    def as_dict(self, top: int = 30) -> dict:
        d = {k: v for k, v in self.__dict__.items() if not isinstance(v, Counter)}
        d["cues_by_type"] = dict(self.cues)
        d["not_hedge_texts_top"] = self.dropped_texts.most_common(top)
        d["unsure_texts_top"] = self.unsure_texts.most_common(top)
        return d


def classify(text: str, words: List[str], i: int, j: int) -> Tuple[str, int, int]:
    """Classify the cue ``text`` (normalized) covering tokens words[i:j] (lower-cased).

    Returns (decision, start, end) with decision "keep", "not_hedge" or "unsure" and the
    (possibly extended) token range of the HEDGE span.
    """
    nxt = words[j] if j < len(words) else ""
    prev = words[i - 1] if i > 0 else ""
    # passive doxastic frame: [it] be-form [adverb] VERB [to]
    k = i
    while k > 0 and words[k - 1] in FRAME_ADVERBS | {"not"}:
        k -= 1
    if k > 0 and words[k - 1] in BE_FORMS and j - i == 1 and (
        text in PASSIVE_FRAME_ONLY or text in {"believed", "thought", "assumed", "presumed",
                                               "supposed", "rumored", "rumoured", "alleged", "suspected"}
    ):
        start = k - 1
        # further auxiliaries, with adverbs between them ("has often been thought to")
        s2 = start
        while s2 > 0 and words[s2 - 1] in BE_FORMS | HAVE_FORMS | FRAME_ADVERBS | {"not"}:
            s2 -= 1
            if words[s2] in BE_FORMS | HAVE_FORMS:
                start = s2
        if text == "expected" and not (start > 0 and words[start - 1] == "it"):
            return "unsure", i, j
        if start > 0 and words[start - 1] == "it":
            start -= 1
        end = j + 1 if nxt == "to" else j
        return "keep", start, end
    if text in PASSIVE_FRAME_ONLY or text in {"see", "sees", "view", "views", "consider", "considers",
                                              "considering", "regard", "regards"}:
        return "unsure", i, j
    if text == "would" and nxt in RAISING:
        return "keep", i, j + 1
    if text == "alleged" and (prev in SUBJECT_PRONOUNS | {"has", "have", "had"} or nxt in {"that", "to"}):
        return "not_hedge", i, j  # the verb "alleged": an ATTRIBUTION cue
    if text in NOT_HEDGE:
        return "not_hedge", i, j
    if text not in KEEP:
        return "unsure", i, j
    if text in MODALS and nxt in MODAL_AUX:
        return "keep", i, j + 1
    if text in RAISING and nxt == "to":
        return "keep", i, j + 1
    return "keep", i, j


class Converter:
    def __init__(self):
        self.nlp = spacy.blank("en")

    def sentence_spans(self, sent: Sentence, stats: Stats) -> Optional[List[Tuple[int, int]]]:
        """HEDGE char spans within the sentence, or None if the sentence is dropped."""
        text = sent.text
        doc = self.nlp.make_doc(text)
        words = [t.text.lower().replace("\u2019", "'") for t in doc]
        spans = []
        unsure = False
        extended = 0
        for cue in sent.cues:
            stats.cues[cue.type] += 1
            if cue.type not in HEDGE_TYPES:
                stats.cues_not_hedge_type += 1
                continue
            s, e = cue.start, cue.end
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            span = doc.char_span(s, e)
            if span is None:
                span = doc.char_span(s, e, alignment_mode="expand")
                if span is None or not len(span):
                    stats.dropped_misaligned += 1
                    continue
                stats.snapped += 1
            cue_text = norm_text(span.text)
            decision, i, j = classify(cue_text, words, span.start, span.end)
            if decision == "not_hedge":
                stats.cues_not_hedge_text += 1
                stats.dropped_texts[cue_text] += 1
                continue
            if decision == "unsure":
                stats.cues_unsure += 1
                stats.unsure_texts[cue_text] += 1
                unsure = True
                continue
            extended += (i, j) != (span.start, span.end)
            spans.append((doc[i].idx, doc[j - 1].idx + len(doc[j - 1])))
        if unsure:
            stats.cues_kept_in_dropped_sentences += len(spans)
            return None
        stats.cues_kept += len(spans)
        stats.cues_extended += extended
        stats.cues_duplicate += len(spans) - len(set(spans))
        return sorted(set(spans))


def convert(xml_path: Path, limit: int = 0, per_record: int = 20) -> Tuple[List[dict], Stats]:
    if per_record < 1:
        raise CorpusError("--sentences must be at least 1")
    docs = read_xml(xml_path)
    if limit:
        docs = docs[:limit]
    stats = Stats()
    conv = Converter()
    records: List[dict] = []
    current: List[Tuple[str, List[Tuple[str, List[Tuple[int, int]], str]]]] = []  # (doc id, sentences)
    count = 0

    def flush():
        nonlocal current, count
        if not current:
            return
        text, spans, ids = "", [], []
        for doc_id, sents in current:
            if text:
                text += "\n\n"
            ids.append(doc_id)
            prev_part = None
            for k, (stext, sspans, part) in enumerate(sents):
                if k:
                    text += " " if part == prev_part else "\n"
                prev_part = part
                spans.extend((len(text) + a, len(text) + b) for a, b in sspans)
                text += stext
        record = {"text": text, "spans": [{"start": a, "end": b, "label": LABEL} for a, b in spans],
                  "meta": {"source": "szeged:" + ",".join(ids), "external": "szeged",
                           "annotated_labels": [LABEL]}}
        validate_record(record, f"{xml_path} (record {len(records) + 1})")
        doc = conv.nlp.make_doc(text)
        kept = []
        for s in record["spans"]:
            if doc.char_span(s["start"], s["end"]) is None:  # tokenization changed by joining
                stats.dropped_misaligned += 1
                continue
            kept.append(s)
        record["spans"] = kept
        stats.spans += len(kept)
        records.append(record)
        current, count = [], 0

    for doc in docs:
        stats.documents += 1
        sents = []
        for sent in doc.sentences:
            stats.sentences_in += 1
            if not sent.text.strip():
                continue
            spans = conv.sentence_spans(sent, stats)
            if spans is None:
                stats.sentences_dropped_unsure += 1
                continue
            # strip the sentence's own leading/trailing whitespace, shifting its spans
            lead = len(sent.text) - len(sent.text.lstrip())
            stext = sent.text.strip()
            stats.sentences_out += 1
            stats.sentences_with_hedge += bool(spans)
            sents.append((stext, [(a - lead, b - lead) for a, b in spans], sent.part))
        # pack whole documents; split a document longer than per_record
        while sents:
            room = per_record - count
            if room <= 0 or (count and len(sents) > room):
                flush()
                room = per_record
            chunk, sents = sents[:room], sents[room:]
            current.append((doc.doc_id, chunk))
            count += len(chunk)
    flush()
    stats.records = len(records)
    return records, stats
