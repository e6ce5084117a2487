"""The real-news corpus: standoff annotations of PolNeAR and BASIL articles.

The article texts are copyrighted and never committed. ``corpus/real/standoff.jsonl``
holds one record per article::

    {"corpus": "polnear" | "basil", "article": ID, "sha256": HEX, "outlet": ..., "year": ...,
     "event": GROUP, "words": N, "spans": [[start, end, label, text], ...]}

``join_standoff`` reads the texts from local copies of the two public repositories
(``project.yml`` assets), checks each text's SHA-256 and returns ordinary corpus
records (``{"text", "spans", "meta"}``); a missing article or a changed text stops with
an error naming the record.

Annotation is done on inline markup (``{{H|could be}}``, ``{{A|officials {{H|believe}}}}``,
``{{D|denied}}``), which ``parse_markup`` turns back into offsets, checking that the
text without the markup is exactly the article's text.
"""
import hashlib
import json
import re
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Optional, Sequence, Set, Tuple

LABEL_CODES = {"H": "HEDGE", "A": "ATTRIBUTION", "D": "DENIAL"}
CODE_OF = {v: k for k, v in LABEL_CODES.items()}
OPEN_RE = re.compile(r"\{\{([HAD])\|")
CLOSE = "}}"

BASIL_OUTLETS = {"fox": "fox", "nyt": "nyt", "hpo": "hpo"}


class RealNewsError(ValueError):
    """A problem with a standoff record, an article or a markup file."""


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf8")).hexdigest()


def basil_text(article: dict) -> str:
    """Title, blank line, then paragraphs (sentences joined by a space) separated by blank lines."""
    paras = [" ".join(s.strip() for s in p if s and s.strip()) for p in article.get("body-paragraphs", [])]
    paras = [p for p in paras if p]
    title = (article.get("title") or "").strip()
    return "\n\n".join(([title] if title else []) + paras)


def polnear_path(root: Path, article: str) -> Path:
    return Path(root) / "data" / "train" / "text" / f"{article}.txt"


def basil_path(root: Path, article: str, year: str) -> Path:
    return Path(root) / "articles" / str(year) / f"{article}.json"


def read_article(corpus: str, article: str, polnear_dir: Path, basil_dir: Path, year: Optional[str] = None) -> Tuple[str, dict]:
    """The article's text as annotated, and its metadata (outlet, year, event, title)."""
    if corpus == "polnear":
        path = polnear_path(polnear_dir, article)
        if not path.exists():
            raise RealNewsError(f"polnear article {article!r}: {path} not found (run 'spacy project assets' or set vars.polnear_dir)")
        text = path.read_text(encoding="utf8")
        outlet, date = article.split("_")[:2]
        return text, {"outlet": outlet, "year": date[:4], "date": date}
    if corpus == "basil":
        candidates = [basil_path(basil_dir, article, year)] if year else sorted(Path(basil_dir).glob(f"articles/*/{article}.json"))
        path = next((p for p in candidates if p.exists()), None)
        if path is None:
            raise RealNewsError(f"basil article {article!r}: not found under {Path(basil_dir) / 'articles'} (run 'spacy project assets' or set vars.basil_dir)")
        data = json.loads(path.read_text(encoding="utf8"))
        return basil_text(data), {
            "outlet": BASIL_OUTLETS.get(str(data.get("source", "")).lower(), str(data.get("source", "")).lower()),
            "year": path.parent.name,
            "date": data.get("date"),
            "event": data.get("triplet-uuid"),
            "title": data.get("title"),
        }
    raise RealNewsError(f"unknown corpus {corpus!r} (known: polnear, basil)")


# --- inline markup -----------------------------------------------------------------

def parse_markup(marked: str) -> Tuple[str, List[Tuple[int, int, str]]]:
    """Strip ``{{X|...}}`` markup; return the plain text and (start, end, label) spans."""
    out: List[str] = []
    pos = 0  # position in plain text
    i = 0
    stack: List[Tuple[int, str, int]] = []
    spans: List[Tuple[int, int, str]] = []
    n = len(marked)
    while i < n:
        m = OPEN_RE.match(marked, i)
        if m:
            stack.append((pos, LABEL_CODES[m.group(1)], i))
            i = m.end()
            continue
        if marked.startswith(CLOSE, i) and stack:
            start, label, at = stack.pop()
            if pos == start:
                raise RealNewsError(f"empty {label} span at markup offset {at}")
            spans.append((start, pos, label))
            i += len(CLOSE)
            continue
        out.append(marked[i])
        pos += 1
        i += 1
    if stack:
        start, label, at = stack[-1]
        line = marked.count("\n", 0, at) + 1
        raise RealNewsError(f"unclosed {label} span opened at markup line {line}: {marked[at:at + 60]!r}")
    return "".join(out), sorted(spans)


def render_markup(text: str, spans: Iterable[Tuple[int, int, str]]) -> str:
    """Inline markup for ``text``; crossing (non-nested) spans are dropped from the inner one."""
    events: Dict[int, List[str]] = {}
    ordered = sorted(set(spans), key=lambda s: (s[0], -s[1]))
    kept: List[Tuple[int, int, str]] = []
    for s in ordered:
        if any(k[0] < s[0] < k[1] < s[1] for k in kept):
            continue  # crosses an earlier span: markup cannot express it
        kept.append(s)
    opens: Dict[int, List[Tuple[int, str]]] = {}
    closes: Dict[int, int] = {}
    for start, end, label in kept:
        opens.setdefault(start, []).append((end, label))
        closes[end] = closes.get(end, 0) + 1
    parts: List[str] = []
    for i in range(len(text) + 1):
        if i in closes:
            parts.append(CLOSE * closes[i])
        if i in opens:
            for end, label in sorted(opens[i], key=lambda x: -x[0]):
                parts.append("{{" + CODE_OF[label] + "|")
        if i < len(text):
            parts.append(text[i])
    del events
    return "".join(parts)


def first_difference(a: str, b: str) -> int:
    for k, (x, y) in enumerate(zip(a, b)):
        if x != y:
            return k
    return min(len(a), len(b))


def check_markup(marked: str, text: str, tokenizer=None, where: str = "") -> List[Tuple[int, int, str]]:
    """Parse markup, check it reproduces ``text`` exactly and that spans align to tokens."""
    plain, spans = parse_markup(marked)
    if plain != text:
        k = first_difference(plain, text)
        line = text.count("\n", 0, k) + 1
        raise RealNewsError(
            f"{where}: text differs from the article at line {line}, offset {k}: "
            f"markup has {plain[max(0, k - 30):k + 30]!r}, article has {text[max(0, k - 30):k + 30]!r}"
        )
    problems = []
    doc = tokenizer(text) if tokenizer is not None else None
    for start, end, label in spans:
        frag = text[start:end]
        if frag != frag.strip():
            problems.append(f"{label} {frag!r}: starts or ends with whitespace")
        elif doc is not None and doc.char_span(start, end) is None:
            problems.append(f"{label} {frag!r} (offset {start}): not on token boundaries")
    if problems:
        raise RealNewsError(f"{where}: " + "; ".join(problems))
    return spans


# --- standoff records ------------------------------------------------------------

def standoff_record(corpus: str, article: str, text: str, meta: dict, spans: Sequence[Tuple[int, int, str]]) -> dict:
    rec = {
        "corpus": corpus,
        "article": article,
        "sha256": sha256(text),
        "outlet": meta.get("outlet"),
        "year": meta.get("year"),
        "event": meta.get("event") or f"{corpus}:{article}",
        "words": len(text.split()),
        "spans": [[s, e, label, span_check(text[s:e])] for s, e, label in sorted(spans)],
    }
    if meta.get("split"):
        # annotated after the real split was fixed: pinned to that side (``split_real``)
        rec["split"] = meta["split"]
    return rec


MAX_CHECK_CHARS = 40


def span_check(fragment: str) -> str:
    """What a standoff record keeps of a span's text to check the offsets: the text itself
    when short (a cue), else a hash, so no long stretch of article text is committed."""
    if len(fragment) <= MAX_CHECK_CHARS:
        return fragment
    return "sha256:" + hashlib.sha256(fragment.encode("utf8")).hexdigest()[:16]


def read_standoff(path: Path) -> Iterator[Tuple[int, dict]]:
    path = Path(path)
    with path.open(encoding="utf8") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                rec = json.loads(line)
            except json.JSONDecodeError as err:
                raise RealNewsError(f"{path}:{line_no}: malformed JSON ({err.msg}, column {err.colno})") from None
            for key in ("corpus", "article", "sha256", "spans"):
                if key not in rec:
                    raise RealNewsError(f"{path}:{line_no}: record without {key!r}")
            yield line_no, rec


def join_standoff(path: Path, polnear_dir: Path, basil_dir: Path) -> List[dict]:
    """Corpus records (text, spans, meta) for every standoff record in ``path``."""
    records = []
    for line_no, rec in read_standoff(path):
        where = f"{path}:{line_no} ({rec['corpus']} {rec['article']})"
        try:
            text, meta = read_article(rec["corpus"], rec["article"], polnear_dir, basil_dir, rec.get("year") if rec["corpus"] == "basil" else None)
        except RealNewsError as err:
            raise RealNewsError(f"{where}: {err}") from None
        digest = sha256(text)
        if digest != rec["sha256"]:
            raise RealNewsError(
                f"{where}: the article text differs from the annotated one (SHA-256 {digest[:12]}..., "
                f"expected {rec['sha256'][:12]}...): wrong version of the corpus?"
            )
        spans = []
        for k, sp in enumerate(rec["spans"]):
            start, end, label = sp[0], sp[1], sp[2]
            if len(sp) > 3 and span_check(text[start:end]) != sp[3]:
                raise RealNewsError(f"{where}: span #{k} {start}-{end} reads {text[start:end][:60]!r}, which does not match the record ({sp[3]!r})")
            spans.append({"start": start, "end": end, "label": label})
        records.append({
            "text": text,
            "spans": spans,
            "meta": {
                "source": f"{rec['corpus']}:{rec['article']}",
                "corpus": rec["corpus"],
                "article": rec["article"],
                "outlet": rec.get("outlet"),
                "year": rec.get("year"),
                "event": rec.get("event"),
                "real": True,
                **({"split": rec["split"]} if rec.get("split") else {}),
            },
        })
    return records


# --- annotation workflow -----------------------------------------------------------

def preannotate(nlp, texts: Sequence[str], spans_key: str) -> List[List[Tuple[int, int, str]]]:
    """Spans proposed by a pipeline (rules or a trained model), for a person to correct."""
    out = []
    for doc in nlp.pipe(texts):
        out.append(sorted({(s.start_char, s.end_char, s.label_) for s in doc.spans.get(spans_key, [])}))
    return out


def span_agreement(a: Sequence[Sequence[Tuple[int, int, str]]], b: Sequence[Sequence[Tuple[int, int, str]]], labels: Sequence[str]) -> Dict[str, Dict[str, float]]:
    """Exact and overlap F1 per label between two annotators (a as reference; F1 is symmetric)."""
    result: Dict[str, Dict[str, float]] = {}
    for label in list(labels) + ["micro"]:
        tp_e = n_a = n_b = 0
        tp_oa = tp_ob = 0
        for sa, sb in zip(a, b):
            xa = [s for s in sa if label == "micro" or s[2] == label]
            xb = [s for s in sb if label == "micro" or s[2] == label]
            n_a += len(xa)
            n_b += len(xb)
            tp_e += len(set(xa) & set(xb))
            tp_oa += sum(1 for s in xa if any(t[2] == s[2] and t[0] < s[1] and s[0] < t[1] for t in xb))
            tp_ob += sum(1 for s in xb if any(t[2] == s[2] and t[0] < s[1] and s[0] < t[1] for t in xa))
        exact = 2 * tp_e / (n_a + n_b) if n_a + n_b else 1.0
        p_o = tp_ob / n_b if n_b else 1.0
        r_o = tp_oa / n_a if n_a else 1.0
        overlap = 2 * p_o * r_o / (p_o + r_o) if p_o + r_o else 0.0
        result[label] = {"a": n_a, "b": n_b, "exact_f": exact, "overlap_f": overlap,
                         "exact_tp": tp_e, "overlap_tp_a": tp_oa, "overlap_tp_b": tp_ob}
    return result


def agreement_groups(data: dict) -> List[dict]:
    """The groups of an agreement file: ``{"groups": [{"name", "articles", "scores"}]}``, or
    the older one-group shape ``{"articles", "scores"}`` (batches 1-3, whose span counts
    were not kept, so later batches are reported beside it rather than pooled)."""
    if "groups" in data:
        return data["groups"]
    return [{"name": "batches 1-3", "articles": data["articles"], "scores": data["scores"]}]


def agreement_cells(scores: dict, percent: bool = False) -> Tuple[str, str]:
    """The exact and overlap F1 cells of one agreement row; a dash when neither annotator
    marked the label (F1 is then undefined, and 1.0 would claim an agreement that was never
    tested: batch 5's double-annotated articles hold no DENIAL)."""
    if not scores["a"] and not scores["b"]:
        return "-", "-"
    if percent:
        return f"{100 * scores['exact_f']:.1f}", f"{100 * scores['overlap_f']:.1f}"
    return f"{scores['exact_f']:.3f}", f"{scores['overlap_f']:.3f}"


def agreement_rows(data: dict) -> Tuple[int, List[Tuple[str, int, str, dict]]]:
    """(articles annotated twice, [(group name, its articles, label, scores)]) of an agreement
    file, for the corpus README and docs/metrics.md."""
    groups = agreement_groups(data)
    rows = [(g["name"], len(g["articles"]), lb, sc) for g in groups for lb, sc in g["scores"].items()]
    return sum(len(g["articles"]) for g in groups), rows


def english_tokenizer():
    """spaCy's English tokenizer without building a Language (so no entry points load)."""
    from spacy.lang.en import English
    from spacy.tokenizer import Tokenizer
    from spacy.util import compile_infix_regex, compile_prefix_regex, compile_suffix_regex
    from spacy.vocab import Vocab

    d = English.Defaults
    return Tokenizer(
        Vocab(),
        rules=d.tokenizer_exceptions,
        prefix_search=compile_prefix_regex(d.prefixes).search,
        suffix_search=compile_suffix_regex(d.suffixes).search,
        infix_finditer=compile_infix_regex(d.infixes).finditer,
        token_match=d.token_match,
        url_match=d.url_match,
    )


# --- story groups ----------------------------------------------------------------

STORY_THRESHOLD = 0.7
STORY_MIN_WORDS = 8


def story_groups(records: Sequence[dict], threshold: float = STORY_THRESHOLD, min_words: int = STORY_MIN_WORDS) -> List[int]:
    """A group id per record: a BASIL event's three articles, and articles of any corpus
    that share a near-duplicate sentence (the same quote or wire paragraph) are one group.

    Sentence containment is stricter here (>= 0.7 of >= 8 content stems) than for the
    written corpus: at 0.55 / 4 stems, stock political phrases chain 155 of the 161 real
    articles into one group; at 0.7 / 8 the links are shared quotes and shared wire copy.
    """
    from .neardup import components

    return components(len(records), story_pairs(records, threshold, min_words))


def story_pairs(records: Sequence[dict], threshold: float = STORY_THRESHOLD, min_words: int = STORY_MIN_WORDS) -> Set[Tuple[int, int]]:
    """The direct story links behind ``story_groups``: (i, j) with i < j for records that
    share a near-duplicate sentence, and each record of a BASIL event linked to the event's
    first record."""
    from .neardup import near_duplicate_pairs

    pairs = set(near_duplicate_pairs([r["text"] for r in records], threshold=threshold, min_words=min_words))
    first: Dict[str, int] = {}
    for i, r in enumerate(records):
        event = r["meta"].get("event")
        if event:
            if event in first:
                pairs.add((first[event], i))
            else:
                first[event] = i
    return pairs


def unmarked_occurrences(docs: Sequence[Tuple[str, str, Sequence[Tuple[int, int, str]]]], labels: Sequence[str] = ("HEDGE", "DENIAL"), min_count: int = 2) -> List[Tuple[str, str, int, str, str]]:
    """Consistency review: phrases marked as LABEL in at least ``min_count`` places that also
    occur unmarked (not inside a LABEL span) elsewhere. ``docs`` are (key, text, spans);
    returns (key, label, offset, phrase, context) for a reviewer to decide one by one."""
    from collections import Counter

    marked: Dict[str, Counter] = {lb: Counter() for lb in labels}
    for _, text, spans in docs:
        for s, e, lb in spans:
            if lb in marked and e - s <= 40:
                marked[lb][text[s:e].strip("\"'“”‘’. ").lower()] += 1
    out = []
    for key, text, spans in docs:
        low = text.lower()
        for lb in labels:
            covered = [(s, e) for s, e, l in spans if l == lb]
            for phrase, n in marked[lb].items():
                if n < min_count or len(phrase) < 3:
                    continue
                for m in re.finditer(r"(?<![\w-])" + re.escape(phrase) + r"(?![\w-])", low):
                    if not any(s <= m.start() and m.end() <= e for s, e in covered):
                        ctx = text[max(0, m.start() - 60): m.end() + 60].replace("\n", " ")
                        out.append((key, lb, m.start(), text[m.start():m.end()], ctx))
    return out


def split_real(corpus: Path, output_dir: Path, seed: int = 0, dev: float = 0.15, test: float = 0.30,
               spans_key: str = "sc", avoid: Sequence[Path] = ()) -> dict:
    """Split the real articles by story group into ``output_dir``/{train,dev,test}/real.spacy.

    Groups are ``story_groups`` (a BASIL event's three outlets, articles sharing a quote or
    wire paragraph); a group linked in the same way to any document in ``avoid`` (the
    written corpus) goes to train, so no held-out real article shares a near-duplicate
    sentence with training text. The rest are assigned like the written corpus
    (``split.assign``: largest groups first, then seeded order, each to the split
    furthest below its target share of spans).

    Articles whose record is pinned (``"split"``: annotated after this split was fixed)
    take no part in the assignment, so the assigned articles stay where they were. One
    pinned to train (added training data) is left out (and counted in the report) when it
    shares a story sentence with a dev or test article, rather than put next to its
    near-duplicate. One pinned to dev or test (a held-out side enlarged) must share no
    story, by event or sentence, with any article on another side: that is an error.
    """
    from spacy.lang.en import English
    from spacy.tokens import DocBin

    from .. import LABELS
    from .corpus import span_counts, write_docbin
    from .neardup import near_duplicate_pairs
    from .split import assign

    nlp = English()
    all_docs = list(DocBin().from_disk(corpus).get_docs(nlp.vocab))
    pinned = [d for d in all_docs if d.user_data.get("meta", {}).get("split")]
    docs = [d for d in all_docs if not d.user_data.get("meta", {}).get("split")]
    records = [{"text": d.text, "meta": d.user_data.get("meta", {})} for d in docs]
    comp = story_groups(records)
    groups: Dict[int, List[int]] = {}
    for i, g in enumerate(comp):
        groups.setdefault(g, []).append(i)
    others = [d.text for p in avoid for d in DocBin().from_disk(p).get_docs(nlp.vocab)]
    forced = set()
    if others:
        texts = [d.text for d in docs] + others
        for a, b in near_duplicate_pairs(texts, threshold=STORY_THRESHOLD, min_words=STORY_MIN_WORDS):
            if a < len(docs) <= b:
                forced.add(comp[a])
    weights = [span_counts([d], spans_key) for d in docs]
    fractions = {"train": 1.0 - dev - test, "dev": dev, "test": test}
    free = {g: m for g, m in groups.items() if g not in forced}
    where = assign(free, weights, fractions, seed)
    where.update({g: "train" for g in forced})
    members_of = {name: [docs[i] for g, m in sorted(groups.items()) if where[g] == name for i in m] for name in fractions}
    excluded = []
    for d in pinned:
        side = d.user_data["meta"]["split"]
        if side not in fractions:
            raise RealNewsError(f"{d.user_data['meta'].get('source')}: unknown split {side!r} (known: {', '.join(fractions)})")
    # pinned to dev or test (annotated later to enlarge a held-out side): its story must
    # reach no article on another side, or the split would leak; that is a selection
    # mistake, so it stops the split instead of silently moving the article
    held_pinned = [d for d in pinned if d.user_data["meta"]["split"] != "train"]
    if held_pinned:
        placed = [(name, d) for name in fractions for d in members_of[name]]
        sides = [d.user_data["meta"]["split"] for d in held_pinned] + [name for name, _ in placed]
        docs_all = held_pinned + [d for _, d in placed]
        pairs = story_pairs([{"text": d.text, "meta": d.user_data.get("meta", {})} for d in docs_all])
        for a, b in sorted(pairs):
            if a < len(held_pinned) and sides[a] != sides[b]:
                src = lambda k: docs_all[k].user_data.get("meta", {}).get("source", "?")
                raise RealNewsError(
                    f"{src(a)}: pinned to {sides[a]} but shares a story (event or sentence) with {src(b)} in {sides[b]}")
        for d in held_pinned:
            members_of[d.user_data["meta"]["split"]].append(d)
    train_pinned = [d for d in pinned if d.user_data["meta"]["split"] == "train"]
    if train_pinned:
        held = [d for name in fractions for d in members_of[name] if name != "train"]
        texts = [d.text for d in train_pinned] + [d.text for d in held]
        linked = {a for a, b in near_duplicate_pairs(texts, threshold=STORY_THRESHOLD, min_words=STORY_MIN_WORDS)
                  if a < len(train_pinned) <= b}
        for i, d in enumerate(train_pinned):
            if i in linked:
                excluded.append(d.user_data["meta"].get("source", "?"))
            else:
                members_of["train"].append(d)
    summary = {}
    for name in fractions:
        members = members_of[name]
        (output_dir / name).mkdir(parents=True, exist_ok=True)
        write_docbin(members, output_dir / name / "real.spacy")
        metas = [d.user_data.get("meta", {}) for d in members]
        summary[name] = {
            "articles": len(members),
            "pinned_articles": sum(1 for m in metas if m.get("split")),
            "words": sum(len(d.text.split()) for d in members),
            "spans": span_counts(members, spans_key),
            "by_corpus": {c: sum(1 for m in metas if m.get("corpus") == c) for c in ("polnear", "basil")},
            "by_outlet": {o: sum(1 for m in metas if m.get("outlet") == o) for o in sorted({m.get("outlet") for m in metas})},
            "articles_list": sorted(m.get("source", "?") for m in metas),
        }
    return {
        "seed": seed,
        "story_threshold": STORY_THRESHOLD,
        "story_min_words": STORY_MIN_WORDS,
        "articles": len(all_docs),
        "pinned_articles": len(pinned),
        "pinned_left_out_near_duplicate_of_held_out": sorted(excluded),
        "groups": len(groups),
        "largest_group": max(len(m) for m in groups.values()) if groups else 0,
        "groups_linked_to_written_corpus": len(forced),
        "labels": list(LABELS),
        "splits": summary,
    }


REAL_README = """# The real-news corpus (standoff)

{n} published news articles annotated with HEDGE, ATTRIBUTION and DENIAL by
`../GUIDELINES.md` (which follows the contract, `ANNOTATION.md`, and its decisions for
real news). The article texts are copyrighted and are **not** in this repository:
`standoff.jsonl` holds, per article, the corpus and article id, the SHA-256 of the text
as annotated, and the spans as `[start, end, label, check]` character offsets, where
`check` is the span's text when it is at most 40 characters (a cue) and a hash of it
otherwise. `spacy project run convert` joins them with the texts from local copies of
the two public repositories (`vars.polnear_dir`, `vars.basil_dir`; `spacy project assets`
fetches them) and stops on a missing article or a changed text.

Batch 1 (161 articles; split into train/dev/test by story, `../split/report-real.json`):
- PolNeAR (Newell, Margolin & Ruths, LREC 2018), training split: 98 articles of 2015-16
  US political news, 14 from each of its seven outlets, 250-1,000 words; per outlet the 9
  with the most denial and rebuttal words and 5 drawn at random.
- BASIL (Fan et al., EMNLP 2019): 21 events of 2010-2019 (two per year, three in 2019),
  each with its three articles (Fox News, New York Times, Huffington Post): per year the
  event with the most denial and rebuttal words and one drawn at random. The text as
  annotated is the title, a blank line, then the body paragraphs (sentences joined by a
  space) separated by blank lines (`hedgewatch.project.realnews.basil_text`).

Batch 2 (44 articles, annotated after the split was fixed, pinned to train: their records
carry `"split": "train"`, so dev and test are exactly batch 1's): per year of BASIL the
unused event with the highest density of denial and rebuttal words (10 events, 30
articles), and per PolNeAR outlet the 2 unused articles of 250-1,000 words with the highest
density; none shares a story sentence with any batch-1 article.

Batch 3 (44 articles, pinned to train like batch 2): chosen by the same rule from the
articles still unused (10 BASIL events, 30 articles; 2 PolNeAR articles per outlet).

Batch 4 (37 articles, pinned to train like batch 2): from the reading pool
(`scripts/realnews.py pool`: unannotated articles outside the held-out BASIL events that
share no story sentence with a dev or test article), per year of BASIL the event with the
highest density of denial and rebuttal words (10 events, 30 articles) and per PolNeAR
outlet the article of 250-1,000 words with the highest density (7 articles).

Batch 5 (24 articles, pinned to **dev**: their records carry `"split": "dev"`, so train
and test are unchanged and dev doubles): drawn at random (seed 5), not for any cue words,
so dev holds articles like those a user brings: 4 BASIL events of different years (12
articles) and 2 PolNeAR articles of 250-900 words from each of six outlets, all from the
reading pool and sharing no story (event or sentence) with any annotated article; `split`
stops with an error if a dev-pinned article shares a story with another side.

Batch 6 (37 articles, pinned to train like batch 2): chosen like batch 4 from what the
reading pool still held after batch 5 (per BASIL year the event densest in denial and
rebuttal words, per PolNeAR outlet the densest article of 250-1,000 words); none shares
a story with a dev or test article. The pool's denial-dense events were used up by then:
these articles are mostly ordinary coverage.

Batch 7 (30 articles, pinned to train like batch 2): PolNeAR still held unused articles
with denials, so per PolNeAR outlet the 3 unused articles of 250-1,000 words densest in
denial and rebuttal words (21; the New York Times' three have none), plus the 3 BASIL
events the pool still held that were densest in them (9 articles); none shares a story with
a dev or test article. Two annotators ran the checker on a glob that also listed other
annotators' spans after their own decisions were made; one of them annotated a
double-annotated article, so batch 7's agreement may be slightly high.

Batch 8 (34 articles, pinned to train like batch 2): the next 4 unused PolNeAR articles of
250-1,000 words per outlet by the same density (28; most have few or no denial words by
now) and the 2 densest BASIL events left in the pool (6 articles); none shares a story
with a dev or test article. The annotators' instructions now forbid running the checker
on a glob.

Batch 9 (34 articles, pinned to train like batch 2): drawn at random (seed 9), not for any
cue words, from what the reading pool still held: 4 PolNeAR articles of 250-1,000 words per
outlet (28) and 2 BASIL events (6 articles); none shares a story with a dev or test
article.

Batch 10 (33 articles, pinned to train like batch 2): drawn the same way with seed 10 (the
New York Times' pool held 3 articles of that length by then).

Batch 11 (30 articles, pinned to train like batch 2): the pool's unused articles densest in
denial and hedge words (a denial word counting three times a hedge word, per word): the 4
densest PolNeAR articles of 250-1,000 words per outlet (24; the New York Times' pool held
none of that length by then) and the 2 densest BASIL events left (6 articles); none shares
a story with a dev or test article. The pool's denial words were nearly used up: the
selection holds 8 of them in 30 articles.

Batch 12 (30 articles, pinned to train like batch 2): chosen the same way from what the pool
held after batch 11 (6 denial words in 30 articles).

Batch 13 (26 articles, pinned to **dev** like batch 5, which it joins): drawn at random
(seed 13), not for any cue words, from pool articles whose story shares nothing with any
annotated article: the 3 BASIL events the pool still held with all three articles of
200-1,100 words (9 articles; two years only, 2010 and 2014) and 3 PolNeAR articles of
250-900 words per outlet (17; the Washington Post's pool held 2, the New York Times' none).
Dev grows from 48 to 74 articles, so the thresholds are tuned on more text like a user's.
One annotator ran `grep -c` on a glob that printed only counts of non-breaking spaces in
other annotators' files, no text or spans.

Batch 14 (30 articles, pinned to train like batch 2): chosen like batches 11 and 12 from
what the pool held after batch 13 (4 denial words in 30 articles).

Batch 15 (10 articles, pinned to train like batch 2): the pool's articles of 250-1,000
words held 2 denial words in 26 articles by then, so batch 15 took the pool's articles
with the most denial words (at least 5; at most 2,100 words, which lets in the long
articles the earlier batches left): 9 PolNeAR articles (the Washington Post 4, Politico 2,
the New York Times 2, the Huffington Post 1) and 1 BASIL article (an event whose other
two articles stay in the pool), leaving out the second of two near-duplicate versions of
one Washington Post story; none shares a story with a dev or test article.

Batch 16 (18 articles, pinned to train like batch 2): drawn at random (seed 16), not for any
cue words, like batches 9 and 10: 2 BASIL events with all three articles in the pool (6
articles) and 2 PolNeAR articles of 250-1,000 words per outlet (the New York Times' and the
Washington Post's pools held none that short, so 1 article of 1,000-1,300 words each; 12);
none shares a story with a dev or test article. Before it entered training, the pipelines
of the time were scored on it as articles no rule or model had seen
(`docs/error-analysis.md`, round 19).

Batch 17 (19 articles, pinned to train like batch 2): drawn the same way with seed 17, but
only from pool articles whose story shares nothing with any annotated article (like batch
13): the one BASIL event left with all three articles of at most 1,100 words (3 articles)
and 3 PolNeAR articles of 250-1,000 words per outlet (Politico's pool held 2), 1 of
1,000-1,300 words each for the New York Times and the Washington Post (16). It too was
scored as unseen articles before it entered training (round 19).

Batch 18 (15 articles, pinned to train like batch 2): drawn like batch 17 with seed 18: 3
PolNeAR articles of 250-1,000 words per outlet and 1 of 1,000-1,300 words each for the New
York Times, the Washington Post and Politico (whose pool held none of 250-1,000 words by
then); the pool held no BASIL event free of annotated stories. Scored as unseen
articles before it entered training, with the round-19 rules too (round 19).

Batch 19 (14 articles, pinned to train like batch 2): drawn like batch 18 with seed 19, 2
PolNeAR articles per outlet: of 250-1,000 words for Breitbart, the Huffington Post, USA
Today and the Western Journal, of 1,000-1,300 words for the New York Times, the Washington
Post and Politico (whose pools held none shorter). Scored as unseen articles before it
entered training (round 19).

Batch 20 (14 articles, pinned to train like batch 2): drawn like batch 19 with seed 20 (2
PolNeAR articles per outlet, the same word ranges). Scored as unseen articles before it
entered training, with the rules of session 18 and with the round-20 rules written before
it was annotated (`docs/error-analysis.md`, round 20).

Batch 21 (13 articles, pinned to train like batch 2): the pool's PolNeAR articles of 250-1,300
words densest in denial words (hedge words counting a third), 2 per outlet (Breitbart's pool
held 1), from stories no annotated article shares: chosen for denials, the real test's weakest
label. Scored as unseen articles before it entered training (round 21).

Batch 22 (15 articles, pinned to train like batch 2): every article left in the pool by now
shares at least one sentence (a quote, a wire paragraph) with an annotated article, so batch 22
drew from the whole pool, which excludes everything near a dev or test article: the pool's
PolNeAR articles of 200-1,300 words densest in denial words (hedge words counting a third), 2
per outlet (Breitbart's pool held 1; 12 articles), and the one BASIL event with all three
articles in the pool that was densest in them (2019, 3 articles). A 13th PolNeAR article,
chosen the same way, was annotated and then left out: it is a near-verbatim second version of
a batch-15 article. Pre-annotated by the cue rules (no trained pipeline was on the machine);
scored as unseen articles before it entered training (round 22).

Batch 23 (15 articles, pinned to train like batch 2): drawn at random (seed 23), not for any
cue words, like batches 16-20, from the pool left after batch 22: 2 PolNeAR articles of
250-1,300 words per outlet, skipping any whose sentences are more than 30% near-duplicates of
annotated ones (Breitbart's pool held none under that; 12 articles), and one BASIL event with
all three articles in the pool (2018, 3 articles). Pre-annotated by the round-22 cue rules;
scored as unseen articles before it entered training (round 22).

How it was annotated: batch 1 was pre-annotated by the cue rules (en_core_web_sm + the
cue ruler), batches 2 to 21 by the trained CPU pipeline of their time, batches 22 and 23 by the
cue rules again; then seven annotators (eight for batches 4 to 23) corrected it in inline markup, each article in three passes (a full read; one
pass per label for misses only; a boundary pass), with a checker that the text is
unchanged and every span sits on token boundaries. 77 articles (10%: 17 of batch 1, 4 each
of batches 2, 3, 4 and 6, 3 each of batches 5 and 7 to 14, 1 of batch 15, 2 each of batches 16 to 23) were annotated a second time, independently, for the agreement below.
One reviewer per batch then went through every span by label (ATTRIBUTION by pattern and
search) and applied the rulings now in `../GUIDELINES.md` ("Real news").
`selection.json` records each article's batch, annotator and second annotator;
`agreement.json` the agreement.

Generated by `scripts/realnews.py stats`; the tables below are not edited by hand.
"""


def standoff_stats(standoff: Path, agreement: Optional[Path] = None) -> List[str]:
    from collections import Counter, defaultdict

    labels = list(LABEL_CODES.values())
    recs = [r for _, r in read_standoff(standoff)]
    lines = [REAL_README.replace("{n}", str(len(recs)))]

    def table(title: str, key) -> List[str]:
        rows: Dict[str, Counter] = defaultdict(Counter)
        arts: Counter = Counter()
        words: Counter = Counter()
        for r in recs:
            k = key(r)
            arts[k] += 1
            words[k] += r.get("words", 0)
            rows[k].update(sp[2] for sp in r["spans"])
        out = [f"## {title}", "", f"| {title.split()[-1]} | articles | words | " + " | ".join(labels) + " |",
               "|---|---|---|" + "---|" * len(labels)]
        for k in sorted(rows):
            out.append(f"| {k} | {arts[k]} | {words[k]} | " + " | ".join(str(rows[k][lb]) for lb in labels) + " |")
        total = Counter(sp[2] for r in recs for sp in r["spans"])
        out.append(f"| all | {len(recs)} | {sum(words.values())} | " + " | ".join(str(total[lb]) for lb in labels) + " |")
        return out + [""]

    # the batch of each article, from selection.json beside the records (later batches
    # are pinned to one side; without the file they show as one "2+" row per side)
    sel_path = Path(standoff).parent / "selection.json"
    batch_of = {(it["corpus"], it["article"]): it.get("batch") for it in json.loads(sel_path.read_text(encoding="utf8"))} if sel_path.exists() else {}

    def batch(r: dict) -> str:
        if not r.get("split"):
            return "1 (train/dev/test)"
        return f"{batch_of.get((r['corpus'], r['article']), '2+')} ({r['split']} only)"

    lines += table("By batch", batch)
    lines += table("By corpus", lambda r: r["corpus"])
    lines += table("By corpus and outlet", lambda r: f"{r['corpus']} / {r.get('outlet')}")
    lines += table("By year", lambda r: str(r.get("year")))
    if agreement is not None and agreement.exists():
        n, rows = agreement_rows(json.loads(agreement.read_text(encoding="utf8")))
        lines += ["## Agreement", "", f"{n} articles annotated twice, independently, before the review "
                  "(both annotators of an article from the same pre-annotation); F1 between the two annotators:", "",
                  "| batches | articles | label | spans A / B | exact F1 | overlap F1 |", "|---|---|---|---|---|---|"]
        for name, articles, lb, sc in rows:
            exact, overlap = agreement_cells(sc)
            lines.append(f"| {name} | {articles} | {lb} | {sc['a']} / {sc['b']} | {exact} | {overlap} |")
        lines.append("")
    return lines
