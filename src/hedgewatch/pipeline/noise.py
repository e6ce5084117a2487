"""``hedgewatch_noise``: marks the non-article regions of scraped plain text.

Scraped pages bring more than the article: reader comments, donation and subscription
appeals, paywall notices, share and cookie prompts, image credits and "more from this
publisher" links. The component marks them as ``doc.spans["hw_noise"]`` (label: the
kind of noise, e.g. ``APPEAL``, ``COMMENTS``) and, unless ``keep_noise`` is set, takes
every span that starts inside noise out of the groups in ``filter_keys`` (default: the
merger's ``sc``), so the resolver, the certainty profile and ``compare`` never see them.
With ``keep_noise`` the regions are still marked but nothing is removed, and the group
carries ``attrs["keep"] = True`` so that :func:`noise_ranges` (used by the profile and
``compare``) reports no noise.

The rules are data (:data:`DEFAULT_PATTERNS`; saved by ``to_disk`` as
``patterns.jsonl``, loaded by ``from_disk``, like spaCy's SpanRuler). Each pattern is a
regular expression (case-insensitive) with

* ``kind``: the label of the region;
* ``scope``: ``segment`` (default): the sentence-like segment it matches in; the whole
  paragraph becomes noise when at least half of its characters are noise segments;
  ``paragraph``: the whole paragraph (an image caption with its credit);
  ``rest``: the paragraph and everything after it (a "Comments" heading), but only when
  at least half of the text comes before it (a "Comments" link at the top is not the
  end of the article);
* ``max_chars`` (optional): the pattern applies only to paragraphs up to that length.

Paragraphs are lines (scraped text puts one paragraph per line). Two structural rules
complete the patterns:

* a *comment thread*: at least two header lines ("• name": a bullet, at most four
  words, no sentence punctuation) each followed by a more indented line; the thread
  runs from the first header to the end, or to the first later line indented less
  than that header;
* a paragraph between two paragraphs of appeal/paywall/comment noise is noise too
  (the middle of a donation appeal says nothing a pattern could know).
"""

import re
from bisect import bisect_right
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

import srsly
from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from .. import DEFAULT_SPANS_KEY
from . import syntax

NOISE_SPANS_KEY = "hw_noise"
KINDS = ("APPEAL", "PAYWALL", "COMMENTS", "SHARE", "CREDIT", "PROMO")
FILL_KINDS = ("APPEAL", "PAYWALL", "COMMENTS")
SCOPES = ("segment", "paragraph", "rest")

DEFAULT_PATTERNS: List[Dict[str, Any]] = [
    # donation / subscription appeals
    {"kind": "APPEAL", "pattern": r"\byour (support|donation|contribution|gift|subscription)s? (helps?|allows?|makes?|means?|keeps?|enables?|powers?|funds?)\b"},
    {"kind": "APPEAL", "pattern": r"\b(please )?(consider )?(supporting|support|donate to|contribute to|donating to) (us|our (work|journalism|reporting|newsroom)|independent journalism|quality journalism)\b"},
    {"kind": "APPEAL", "pattern": r"\bquality journalism should be (available|free|open)\b"},
    {"kind": "APPEAL", "pattern": r"\bwe (choose|chose|have chosen|decided) not to (lock|put|hide)\b.{0,80}\bpaywalls?\b"},
    {"kind": "APPEAL", "pattern": r"\b(make|give) a (one-off |one-time |monthly )?(donation|contribution)\b"},
    {"kind": "APPEAL", "pattern": r"\bbecome an? (member|subscriber|supporter|patron|insider)\b"},
    {"kind": "APPEAL", "pattern": r"\bjoin [\w.&-]+( today| now)? for (insider|exclusive|full|unlimited) access\b"},
    {"kind": "APPEAL", "pattern": r"\b(subscribe|sign up) (now|today|here|and support|to (our|the) [\w ]{0,30}newsletter)\b"},
    {"kind": "APPEAL", "pattern": r"\bsign up (for|to) (our|the) [\w ]{0,30}newsletter\b"},
    {"kind": "APPEAL", "pattern": r"\bsupport (our|the) (veteran |independent )?(writing staff|journalists|newsroom|reporters)\b"},
    # paywall notices
    {"kind": "PAYWALL", "pattern": r"\byou('ve| have) (reached|used|read) (your|all your|all of your) (\w+ )?(free )?(articles?|stories|limit)\b"},
    {"kind": "PAYWALL", "pattern": r"\b(daily|monthly|weekly) (free )?(article|story) limit\b"},
    {"kind": "PAYWALL", "pattern": r"\balready (a|an) (subscriber|member)\b"},
    {"kind": "PAYWALL", "pattern": r"\b(to )?continue reading\b", "max_chars": 200},
    {"kind": "PAYWALL", "pattern": r"\btry \d+ (days?|weeks?|months?) (for )?free\b"},
    {"kind": "PAYWALL", "pattern": r"\b(this|the) (article|story|content) is (only )?(for|available to|reserved for) (subscribers|members)\b"},
    {"kind": "PAYWALL", "pattern": r"\b(log|sign) ?in to (read|continue|view|access)\b"},
    # reader comments
    {"kind": "COMMENTS", "pattern": r"^\s*((reader|user) )?comments?( \(\d+\))?\s*:?\s*$", "scope": "rest"},
    {"kind": "COMMENTS", "pattern": r"^\s*(\d+ comments?|view (all )?comments|show comments|leave a (comment|reply)|join the (discussion|conversation))\s*:?\s*$", "scope": "rest"},
    {"kind": "COMMENTS", "pattern": r"\bjoin (our|the) comment(ing|s)? (forum|section|community)\b"},
    {"kind": "COMMENTS", "pattern": r"\bjoin thought-provoking conversations\b"},
    {"kind": "COMMENTS", "pattern": r"\b(log ?in|sign ?in|subscriber|registered|logged in)\b.{0,40}\b(to|and) (view|post|read|leave|add|join) (or post )?(a )?comments?\b"},
    {"kind": "COMMENTS", "pattern": r"\bcomments (are|have been) (closed|moderated|disabled)\b"},
    # share and cookie prompts
    {"kind": "SHARE", "pattern": r"\bshare (this|the) (article|story|page|post)\b"},
    {"kind": "SHARE", "pattern": r"\bshare (on|via) (facebook|twitter|x|whatsapp|linkedin|email)\b"},
    {"kind": "SHARE", "pattern": r"^\s*(share|tweet|email|print|copy link|facebook|twitter|whatsapp|linkedin)(\s*[|/·•]?\s*(share|tweet|email|print|copy link|facebook|twitter|whatsapp|linkedin))*\s*$"},
    {"kind": "SHARE", "pattern": r"\b(we|this (site|website)) uses? cookies\b"},
    {"kind": "SHARE", "pattern": r"\b(accept|reject|manage) (all )?cookies\b"},
    {"kind": "SHARE", "pattern": r"\bcookie (policy|settings|preferences|consent)\b", "max_chars": 300},
    # image credits and captions
    {"kind": "CREDIT", "pattern": r"\[(featured |main |top )?(image|photo|picture|video|photograph)s? (by|credit|courtesy|via|source)\b[^\]]*\]", "scope": "paragraph"},
    {"kind": "CREDIT", "pattern": r"^\s*(featured |main |top )?(photo|image|picture|photograph|video)s?( credit)?\s*(:|by\b|courtesy\b|via\b)", "scope": "paragraph", "max_chars": 300},
    {"kind": "CREDIT", "pattern": r"\((photo|image|picture|photograph)s?:?\s[^)]{0,80}\)\s*$", "scope": "paragraph", "max_chars": 300},
    {"kind": "CREDIT", "pattern": r"(\||/|\(|photo:?|image:?|credit:?)\s*(getty images|afp|reuters|ap photo|shutterstock|alamy|epa)\b[^.]{0,40}\)?\s*$", "scope": "paragraph", "max_chars": 300},
    # links to more of the publisher's content
    {"kind": "PROMO", "pattern": r"\bmore (from|by) this (publisher|author|site)\b", "max_chars": 200},
    {"kind": "PROMO", "pattern": r"\bto read the (entire|full|whole|rest of the|original) (article|story|report)\b.{0,60}\bclick here\b", "max_chars": 200},
    {"kind": "PROMO", "pattern": r"^\s*(read more|related|recommended|most read|more stories|you may also like)\s*:?\s*$"},
    {"kind": "PROMO", "pattern": r"\bclick here (to|for) (read|see|view|subscribe|sign up|more)\b", "max_chars": 200},
]

_LINE = re.compile(r"[^\n]+")
# sentence-like segments: after . ! ? (and closing quotes) followed by a space or a capital
_SEG_END = re.compile(r"[.!?…][\"'”’)\]]*(?=\s|[A-Z“\"]|$)")
_BULLET = re.compile(r"([ \t]*)[•·▪◦●*–-][ \t]+(\S.*?)\s*$")


class NoisePattern:
    __slots__ = ("kind", "pattern", "scope", "max_chars", "regex")

    def __init__(self, kind: str, pattern: str, scope: str = "segment", max_chars: Optional[int] = None):
        if scope not in SCOPES:
            raise ValueError(f"noise pattern scope must be one of {SCOPES}, got {scope!r}")
        self.kind, self.pattern, self.scope, self.max_chars = kind, pattern, scope, max_chars
        self.regex = re.compile(pattern, re.IGNORECASE)

    def to_dict(self) -> Dict[str, Any]:
        d: Dict[str, Any] = {"kind": self.kind, "pattern": self.pattern}
        if self.scope != "segment":
            d["scope"] = self.scope
        if self.max_chars is not None:
            d["max_chars"] = self.max_chars
        return d

    def __reduce__(self):
        return (NoisePattern, (self.kind, self.pattern, self.scope, self.max_chars))


def _paragraphs(text: str) -> List[Tuple[int, int]]:
    """(start, end) of each non-blank line, without its surrounding whitespace."""
    out = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        line = m.group()
        if not line.strip():
            continue
        s += len(line) - len(line.lstrip())
        e -= len(line) - len(line.rstrip())
        out.append((s, e))
    return out


def _segments(text: str, s: int, e: int) -> List[Tuple[int, int]]:
    out = []
    pos = s
    for m in _SEG_END.finditer(text, s, e):
        out.append((pos, m.end()))
        pos = m.end()
        while pos < e and text[pos].isspace():
            pos += 1
    if pos < e:
        out.append((pos, e))
    return [(a, b) for a, b in out if b > a]


def _indent(text: str, line_start: int) -> int:
    """Indentation (in characters) of the line holding offset ``line_start``."""
    ls = text.rfind("\n", 0, line_start) + 1
    return line_start - ls


def _comment_thread(text: str, paras: Sequence[Tuple[int, int]]) -> Optional[Tuple[int, int]]:
    """Index range [first, last] of the paragraphs of a reader-comment thread, or None."""
    headers = []
    for k, (s, e) in enumerate(paras):
        ls = text.rfind("\n", 0, s) + 1
        m = _BULLET.match(text, ls, e)
        if not m:
            continue
        name = m.group(2)
        if len(name.split()) > 4 or name[-1] in ".!?:;,\"”" or len(name) > 40:
            continue
        if k + 1 < len(paras):
            ns, ne = paras[k + 1]
            nls = text.rfind("\n", 0, ns) + 1
            if ns - nls > len(m.group(1)) and not _BULLET.match(text, nls, ne):
                headers.append(k)
    if len(headers) < 2:
        return None
    first = headers[0]
    # the header's own indentation is that of its bullet
    base = len(_BULLET.match(text, text.rfind("\n", 0, paras[first][0]) + 1, paras[first][1]).group(1))
    last = first
    for k in range(first + 1, len(paras)):
        if _indent(text, paras[k][0]) < base:
            break
        last = k
    return first, last


def find_noise(text: str, patterns: Sequence[NoisePattern]) -> List[Tuple[int, int, str]]:
    """(start, end, kind) of the noise regions of ``text``, sorted and not overlapping."""
    paras = _paragraphs(text)
    whole: Dict[int, str] = {}  # paragraph index -> kind, for whole-paragraph noise
    parts: Dict[int, List[Tuple[int, int, str]]] = {}
    rest_from: Optional[Tuple[int, str]] = None
    n = len(text)
    for k, (s, e) in enumerate(paras):
        if rest_from is not None:
            break
        length = e - s
        segs = None
        noisy: Dict[Tuple[int, int], str] = {}
        for p in patterns:
            if p.max_chars is not None and length > p.max_chars:
                continue
            if p.scope == "segment":
                segs = segs if segs is not None else _segments(text, s, e)
                for a, b in segs:
                    if (a, b) not in noisy and p.regex.search(text[a:b]):
                        noisy[(a, b)] = p.kind
            elif p.regex.search(text[s:e]):
                if p.scope == "rest":
                    if s >= n // 2:
                        rest_from = (k, p.kind)
                        break
                    continue
                whole.setdefault(k, p.kind)
        if k in whole or not noisy:
            continue
        covered = sum(b - a for a, b in noisy)
        kind = max(set(noisy.values()), key=list(noisy.values()).count)
        if 2 * covered >= length:
            whole[k] = kind
        else:
            parts[k] = [(a, b, c) for (a, b), c in sorted(noisy.items())]
    thread = _comment_thread(text, paras)
    if thread is not None:
        for k in range(thread[0], thread[1] + 1):
            whole[k] = "COMMENTS"
    if rest_from is not None:
        for k in range(rest_from[0], len(paras)):
            whole.setdefault(k, rest_from[1])
    # a paragraph between two paragraphs of appeal/paywall/comment noise
    for k in range(1, len(paras) - 1):
        if k not in whole and whole.get(k - 1) in FILL_KINDS and whole.get(k + 1) in FILL_KINDS:
            whole[k] = whole[k - 1]
            parts.pop(k, None)
    regions: List[Tuple[int, int, str]] = []
    for k, (s, e) in enumerate(paras):
        if k in whole:
            kind = whole[k]
            if regions and regions[-1][2] == kind and not text[regions[-1][1]:s].strip():
                regions[-1] = (regions[-1][0], e, kind)  # one region per run of paragraphs
            else:
                regions.append((s, e, kind))
        elif k in parts:
            regions.extend(parts[k])
    return regions


def noise_ranges(doc: Doc, spans_key: str = NOISE_SPANS_KEY) -> List[Tuple[int, int]]:
    """Character ranges of the noise of ``doc`` that consumers should leave out: none
    when the group is missing or was marked with ``keep_noise``."""
    group = doc.spans.get(spans_key)
    if group is None or group.attrs.get("keep"):
        return []
    return sorted((s.start_char, s.end_char) for s in group)


class NoiseIndex:
    """``offset in index``: is a character offset inside one of ``ranges`` (sorted,
    not overlapping)? A bisection per lookup, so checking every span is linear-log."""

    def __init__(self, ranges: Iterable[Tuple[int, int]]):
        self.ranges = sorted(ranges)
        self.starts = [s for s, _ in self.ranges]

    def __bool__(self) -> bool:
        return bool(self.ranges)

    def __contains__(self, offset: int) -> bool:
        i = bisect_right(self.starts, offset) - 1
        return i >= 0 and offset < self.ranges[i][1]


class NoiseMarker:
    def __init__(self, name: str, spans_key: str = NOISE_SPANS_KEY, filter_keys: Sequence[str] = (DEFAULT_SPANS_KEY,),
                 keep_noise: bool = False, patterns: Optional[Iterable[Dict[str, Any]]] = None):
        self.name = name
        self.spans_key = spans_key
        self.filter_keys = list(filter_keys)
        self.keep_noise = keep_noise
        self.patterns: List[NoisePattern] = []
        self.set_patterns(DEFAULT_PATTERNS if patterns is None else patterns)

    def set_patterns(self, patterns: Iterable[Dict[str, Any]]) -> None:
        self.patterns = [NoisePattern(**p) for p in patterns]

    def add_patterns(self, patterns: Iterable[Dict[str, Any]]) -> None:
        self.patterns.extend(NoisePattern(**p) for p in patterns)

    def __call__(self, doc: Doc) -> Doc:
        regions = find_noise(syntax.doc_text(doc), self.patterns)
        spans = []
        for s, e, kind in regions:
            span = doc.char_span(s, e, label=kind, alignment_mode="expand")
            if span is not None and len(span):
                spans.append(span)
        doc.spans[self.spans_key] = spans
        if self.keep_noise:
            doc.spans[self.spans_key].attrs["keep"] = True
            return doc
        index = NoiseIndex((s, e) for s, e, _ in regions)
        if not index:
            return doc
        for key in self.filter_keys:
            group = doc.spans.get(key)
            if group is None or not len(group):
                continue
            scores = group.attrs.get("scores")
            keep = [i for i, span in enumerate(group) if span.start_char not in index]
            if len(keep) == len(group):
                continue
            attrs = dict(group.attrs)
            doc.spans[key] = [group[i] for i in keep]
            if scores is not None and len(scores) == len(group):
                attrs["scores"] = [scores[i] for i in keep]
            doc.spans[key].attrs.update(attrs)
        return doc

    # --- serialisation: the patterns are data, like the SpanRuler's -----------------
    def to_bytes(self, *, exclude: Iterable[str] = tuple()) -> bytes:
        return srsly.msgpack_dumps({"patterns": [p.to_dict() for p in self.patterns]})

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = tuple()) -> "NoiseMarker":
        self.set_patterns(srsly.msgpack_loads(data)["patterns"])
        return self

    def to_disk(self, path, *, exclude: Iterable[str] = tuple()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / "patterns.jsonl", [p.to_dict() for p in self.patterns])

    def from_disk(self, path, *, exclude: Iterable[str] = tuple()) -> "NoiseMarker":
        path = Path(ensure_path(path))
        file = path / "patterns.jsonl"
        if file.exists():
            self.set_patterns(srsly.read_jsonl(file))
        return self


@Language.factory(
    "hedgewatch_noise",
    default_config={"spans_key": NOISE_SPANS_KEY, "filter_keys": [DEFAULT_SPANS_KEY], "keep_noise": False},
    assigns=["doc.spans"],
    default_score_weights={},
)
def make_noise(nlp: Language, name: str, spans_key: str, filter_keys: List[str], keep_noise: bool) -> NoiseMarker:
    """Mark scraped-page noise (comments, appeals, paywall, share/cookie prompts, image
    credits) in ``doc.spans[spans_key]`` and drop the spans of ``filter_keys`` that
    start inside it (unless ``keep_noise``). Place it after ``hedgewatch_merger`` and
    before ``hedgewatch_resolver``."""
    return NoiseMarker(name, spans_key, filter_keys, keep_noise)
