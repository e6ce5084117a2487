"""A reading pool: unannotated real articles that are safe to read for rule ideas.

Round 7 and later rounds of the cue rules read the rules' behaviour on real news that is
not annotated, as evidence beside the real train split. Reading such an article must not
leak anything about the held-out splits, so an article joins the pool only if

- it is not annotated (in no split of the real corpus);
- it is not one of a BASIL event whose articles sit in real dev or test;
- it shares no near-duplicate sentence with a dev or test article, at the split's own
  story threshold (``STORY_THRESHOLD`` containment of at least ``STORY_MIN_WORDS`` content
  stems), so the same wire story in another outlet stays out.

The pool holds article text: it is written outside git and never committed.
"""
import json
from pathlib import Path
from typing import Dict, Iterable, Iterator, List, Sequence, Set, Tuple

from hedgewatch.project.neardup import near_duplicate_pairs
from hedgewatch.project.realnews import STORY_MIN_WORDS, STORY_THRESHOLD, join_standoff, read_article

Candidate = Tuple[str, str, dict, str]  # corpus, article id, metadata, text


def held_out(split_report: dict) -> Tuple[Set[str], Set[str]]:
    """(dev + test article ids, every annotated article id) from the real split report."""
    splits = split_report["splits"]
    held = {a for name in ("dev", "test") for a in splits.get(name, {}).get("articles_list", [])}
    annotated = {a for s in splits.values() for a in s.get("articles_list", [])}
    return held, annotated


def select_pool(candidates: Sequence[Candidate], held_records: Sequence[dict], annotated: Set[str],
                threshold: float = STORY_THRESHOLD, min_words: int = STORY_MIN_WORDS) -> Tuple[List[Candidate], Dict[str, int]]:
    """Keep the candidates that are unannotated, outside the held-out BASIL events and free
    of near-duplicate sentences with the held-out articles. Returns the kept candidates and
    the count dropped for each reason."""
    held_events = {r["meta"].get("event") for r in held_records if r["meta"].get("event")}
    dropped = {"annotated": 0, "held-out event": 0, "near-duplicate": 0}
    fresh: List[Candidate] = []
    for cand in candidates:
        corpus, article, meta, _ = cand
        if f"{corpus}:{article}" in annotated:
            dropped["annotated"] += 1
        elif meta.get("event") and meta.get("event") in held_events:
            dropped["held-out event"] += 1
        else:
            fresh.append(cand)
    n = len(held_records)
    units = [r["text"] for r in held_records] + [c[3] for c in fresh]
    near = {j - n for i, j in near_duplicate_pairs(units, threshold=threshold, min_words=min_words) if i < n <= j}
    dropped["near-duplicate"] = len(near)
    return [c for k, c in enumerate(fresh) if k not in near], dropped


def candidates(polnear_dir: Path, basil_dir: Path) -> Iterator[Candidate]:
    """Every article of the two corpora, BASIL first, in a fixed order."""
    for path in sorted(Path(basil_dir).glob("articles/*/*.json")):
        text, meta = read_article("basil", path.stem, polnear_dir, basil_dir, path.parent.name)
        yield "basil", path.stem, meta, text
    for path in sorted((Path(polnear_dir) / "data/train/text").glob("*.txt")):
        text, meta = read_article("polnear", path.stem, polnear_dir, basil_dir)
        yield "polnear", path.stem, meta, text


def build_pool(standoff: Path, split_report: Path, polnear_dir: Path, basil_dir: Path) -> Tuple[List[Candidate], Dict[str, int]]:
    """The reading pool for the current real split (see the module docstring)."""
    report = json.loads(Path(split_report).read_text(encoding="utf8"))
    held, annotated = held_out(report)
    records = join_standoff(Path(standoff), Path(polnear_dir), Path(basil_dir))
    held_records = [r for r in records if r["meta"]["source"] in held]
    return select_pool(list(candidates(polnear_dir, basil_dir)), held_records, annotated)


def pool_lines(pool: Iterable[Candidate]) -> Iterator[str]:
    """JSONL lines in the shape ``hedgewatch annotate`` reads (``text`` plus metadata)."""
    for corpus, article, meta, text in pool:
        yield json.dumps({"id": f"{corpus}:{article}", "corpus": corpus, "article": article,
                          "outlet": meta.get("outlet"), "year": meta.get("year"), "text": text}) + "\n"
