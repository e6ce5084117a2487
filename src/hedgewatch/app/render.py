"""Rendering annotated Docs: displaCy's span view and the profile as HTML, pipe tables
for the terminal (both also used by the compare report)."""
from __future__ import annotations

import html
import warnings
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.tokens import Doc

from .. import DEFAULT_SPANS_KEY, LABELS
from .records import doc_spans, profile_of, span_record

COLORS = {"HEDGE": "#ffd166", "ATTRIBUTION": "#8ecae6", "DENIAL": "#f4978e"}


HTML_HEAD = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title}</title>
<style>
body {{ font-family: -apple-system, "Segoe UI", Helvetica, Arial, sans-serif; margin: 2em auto; max-width: 1100px; padding: 0 1em; color: #222; }}
section.doc {{ border-top: 2px solid #ccc; margin-top: 2em; padding-top: 1em; }}
table {{ border-collapse: collapse; margin: 0.5em 0 1em; font-size: 0.9em; }}
th, td {{ border: 1px solid #ccc; padding: 3px 8px; text-align: left; vertical-align: top; }}
th {{ background: #f4f4f4; }}
.legend span {{ padding: 2px 6px; margin-right: 6px; border-radius: 3px; font-size: 0.85em; font-weight: bold; }}
.flag {{ color: #a4161a; font-weight: bold; }}
.muted {{ color: #777; }}
</style>
</head>
<body>
<h1>{title}</h1>
<p class="legend">{legend}</p>
"""
HTML_FOOT = "</body>\n</html>\n"
_BR = "\u2063BR\u2063"  # stands for a line break in displaCy's token stream


def html_head(title: str) -> str:
    legend = "".join(f'<span style="background: {c}">{html.escape(l)}</span>' for l, c in COLORS.items())
    return HTML_HEAD.format(title=html.escape(title), legend=legend)


def render_spans_html(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> str:
    """displaCy's span view of ``doc.spans[spans_key]`` (line breaks kept)."""
    from spacy import displacy

    options = {"spans_key": spans_key, "colors": COLORS}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # W117: a doc without spans
        parsed = displacy.parse_spans(doc, options)
    parsed["title"] = None
    parsed["tokens"] = [
        (_BR * min(2, t.count("\n"))) if ("\n" in t and not t.strip()) else t for t in parsed["tokens"]
    ]
    markup = displacy.render(parsed, style="span", manual=True, options=options, page=False, jupyter=False)
    return markup.replace(_BR, "<br>")


def html_table(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    out = ["<table>", "<tr>" + "".join(f"<th>{html.escape(str(h))}</th>" for h in header) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{html.escape('' if c is None else str(c))}</td>" for c in row) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def profile_rows(profile: Optional[Dict[str, Any]]) -> List[Tuple[str, str]]:
    """The certainty profile as (measure, value) rows."""
    if not profile:
        return []
    rows = [("words", str(profile.get("words"))), ("sentences", str(profile.get("sentences")))]
    for label in LABELS:
        rows.append((f"{label} spans (per 1000 words)",
                     f"{profile['counts'].get(label, 0)} ({profile['per_1000_words'].get(label, 0)})"))
    rows.append(("hedged sentence share", f"{profile.get('hedged_sentence_share', 0):.0%}"))
    sp = profile.get("hedges_by_speaker", {})
    rows.append(("hedges by the author / in quotes", f"{sp.get('author', 0)} / {sp.get('quoted', 0)}"))
    kinds = profile.get("attributions_by_source_kind", {})
    rows.append(("attributions named / anonymous / no source",
                 f"{kinds.get('named', 0)} / {kinds.get('anonymous', 0)} / {kinds.get('none', 0)}"))
    rows.append(("anonymous source share", f"{profile.get('anonymous_source_share', 0):.0%}"))
    for d in profile.get("denials", []):
        rows.append(("denial", f"{d['text']!r} by {d['denier'] or '?'} of {d['denied'] or '?'}"))
    un = profile.get("unhedged_unattributed_assertions", [])
    rows.append(("unhedged, unattributed assertions", str(len(un))))
    for a in un:
        rows.append(("", a["text"]))
    return rows


def render_doc_html(doc: Doc, number: int) -> str:
    meta = doc.user_data.get("meta", {})
    name = meta.get("source", f"document {number}")
    if "line" in meta:
        name = f"{name}:{meta['line']}"
    spans = [span_record(s, score) for s, score in doc_spans(doc)]
    span_rows = []
    for r in spans:
        detail = []
        if r["label"] == "ATTRIBUTION":
            detail.append(f"source: {r['source']['text'] if r['source'] else '-'} ({r['source_kind']})")
            if r["content"]:
                detail.append(f"content: {r['content']['text']}")
        elif r["label"] == "DENIAL":
            detail.append(f"denier: {r['denier']['text'] if r['denier'] else '-'}")
            if r["denied"]:
                detail.append(f"denied: {r['denied']['text']}")
        elif r["label"] == "HEDGE":
            sp = r["speaker"]
            detail.append(f"speaker: {sp if isinstance(sp, str) or sp is None else sp['text']}")
        span_rows.append((r["label"], r["text"], "" if r["score"] is None else f"{r['score']:.2f}", "; ".join(detail)))
    return "\n".join([
        f'<section class="doc" id="doc-{number}">',
        f"<h2>{html.escape(str(name))}</h2>",
        render_spans_html(doc),
        "<h3>Certainty profile</h3>",
        html_table(("measure", "value"), profile_rows(profile_of(doc))),
        "<details><summary>Spans</summary>",
        html_table(("label", "text", "score", "resolved"), span_rows),
        "</details>",
        "</section>",
    ])


def text_table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A pipe table padded for the terminal that is also valid Markdown."""
    cells = [[str(h) for h in header]] + [["" if c is None else str(c).replace("|", "\\|").replace("\n", " ") for c in r] for r in rows]
    widths = [max(len(row[i]) for row in cells) for i in range(len(header))]
    def line(row):
        return "| " + " | ".join(c.ljust(w) for c, w in zip(row, widths)) + " |"
    sep = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return "\n".join([line(cells[0]), sep] + [line(r) for r in cells[1:]])
