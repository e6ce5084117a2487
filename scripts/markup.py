"""Inline span markup: an authoring and review format for the corpus.

The corpus of record is JSONL (``text``, ``spans``, ``meta``). Writing character offsets
by hand is error-prone, so annotators write inline markup and this script converts it:

    Russia [[HEDGE could be]] arming the Taliban, [[ATTRIBUTION US officials said]].
    [[ATTRIBUTION Investigators [[HEDGE believe]]]] it was arson.

``[[LABEL `` opens a span (LABEL is HEDGE, ATTRIBUTION or DENIAL, followed by one space),
``]]`` closes the innermost open span. Spans nest. Nothing else is markup.

Commands:
    python scripts/markup.py check RAW.txt MARKED.txt   # stripped markup == raw text?
    python scripts/markup.py to-jsonl OUT.jsonl MARKED.txt... [--meta-key source]
    python scripts/markup.py render CORPUS.jsonl          # JSONL back to markup (review)
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Dict, List, Tuple

import typer

LABELS = ("HEDGE", "ATTRIBUTION", "DENIAL")
OPEN_RE = re.compile(r"\[\[(" + "|".join(LABELS) + r") ")
app = typer.Typer(add_completion=False, help=__doc__)


class MarkupError(ValueError):
    pass


def parse(markup: str, where: str = "<markup>") -> Tuple[str, List[Dict]]:
    """Return (plain text, spans) for a marked-up string."""
    out: List[str] = []
    pos_out = 0
    stack: List[Tuple[str, int, int]] = []  # label, start offset in text, line
    spans: List[Dict] = []
    i = 0
    line = 1
    while i < len(markup):
        m = OPEN_RE.match(markup, i)
        if m:
            stack.append((m.group(1), pos_out, line))
            i = m.end()
            continue
        if markup.startswith("]]", i) and stack:
            label, start, _ = stack.pop()
            if start == pos_out:
                raise MarkupError(f"{where}:{line}: empty {label} span")
            spans.append({"start": start, "end": pos_out, "label": label})
            i += 2
            continue
        if markup.startswith("[[", i):
            raise MarkupError(
                f"{where}:{line}: '[[' not followed by a label and a space "
                f"(one of {', '.join(LABELS)})"
            )
        ch = markup[i]
        if ch == "\n":
            line += 1
        out.append(ch)
        pos_out += 1
        i += 1
    if stack:
        label, _, ln = stack[-1]
        raise MarkupError(f"{where}:{ln}: {label} span opened here is never closed")
    spans.sort(key=lambda s: (s["start"], -s["end"], s["label"]))
    return "".join(out), spans


def render(text: str, spans: List[Dict]) -> str:
    """Inverse of :func:`parse` (for review)."""
    opens: Dict[int, List[Dict]] = {}
    closes: Dict[int, int] = {}
    for s in sorted(spans, key=lambda s: (s["start"], -s["end"])):
        opens.setdefault(s["start"], []).append(s)
        closes[s["end"]] = closes.get(s["end"], 0) + 1
    out = []
    for i in range(len(text) + 1):
        out.append("]]" * closes.get(i, 0))
        for s in opens.get(i, []):
            out.append(f"[[{s['label']} ")
        if i < len(text):
            out.append(text[i])
    return "".join(out)


def check_alignment(text: str, spans: List[Dict], where: str) -> List[str]:
    import spacy

    nlp = spacy.blank("en")
    doc = nlp.make_doc(text)
    problems = []
    for s in spans:
        if doc.char_span(s["start"], s["end"]) is None:
            ln = text.count("\n", 0, s["start"]) + 1
            problems.append(
                f"{where}:{ln}: {s['label']} span {text[s['start']:s['end']]!r} "
                f"({s['start']}-{s['end']}) does not align to token boundaries"
            )
        frag = text[s["start"]:s["end"]]
        if frag != frag.strip():
            problems.append(f"{where}: span {frag!r} has surrounding whitespace")
    return problems


@app.command()
def check(raw: Path, marked: Path) -> None:
    """Check that MARKED, stripped of markup, is exactly RAW, and spans align."""
    text, spans = parse(marked.read_text(encoding="utf8"), str(marked))
    want = raw.read_text(encoding="utf8")
    problems = check_alignment(text, spans, str(marked))
    if text != want:
        for k, (a, b) in enumerate(zip(text, want)):
            if a != b:
                break
        else:
            k = min(len(text), len(want))
        problems.append(
            f"{marked}: text differs from {raw} at char {k}: "
            f"{text[max(0, k-30):k+30]!r} vs {want[max(0, k-30):k+30]!r}"
        )
    for p in problems:
        typer.echo(p, err=True)
    counts: Dict[str, int] = {}
    for s in spans:
        counts[s["label"]] = counts.get(s["label"], 0) + 1
    typer.echo(f"{marked}: {len(spans)} spans {counts}; {'OK' if not problems else 'FAILED'}")
    raise typer.Exit(1 if problems else 0)


@app.command("to-jsonl")
def to_jsonl(
    out: Path,
    marked: List[Path],
    source_prefix: str = typer.Option("", help="Prefix for meta.source"),
    append: bool = typer.Option(False, help="Append instead of refusing to overwrite"),
) -> None:
    """Convert marked-up files to corpus JSONL (one record per file)."""
    if out.exists() and not append:
        typer.echo(f"{out} exists; pass --append", err=True)
        raise typer.Exit(1)
    records = []
    bad = False
    for path in marked:
        text, spans = parse(path.read_text(encoding="utf8"), str(path))
        problems = check_alignment(text, spans, str(path))
        for p in problems:
            typer.echo(p, err=True)
        bad |= bool(problems)
        records.append({"text": text, "spans": spans, "meta": {"source": source_prefix + path.name}})
    if bad:
        raise typer.Exit(1)
    with out.open("a", encoding="utf8") as f:
        for r in records:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    typer.echo(f"wrote {len(records)} records to {out}")


@app.command("render")
def render_cmd(corpus: Path, source: str = typer.Option("", help="Only this meta.source")) -> None:
    """Print JSONL corpus records as inline markup (for review)."""
    for line in corpus.read_text(encoding="utf8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        if source and rec.get("meta", {}).get("source") != source:
            continue
        sys.stdout.write(f"### {rec.get('meta', {}).get('source')}\n")
        sys.stdout.write(render(rec["text"], rec["spans"]) + "\n\n")


if __name__ == "__main__":
    app()
