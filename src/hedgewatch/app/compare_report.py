"""The compare report: the results of :func:`hedgewatch.app.compare.compare_docs` as
Markdown tables, JSON or one self-contained HTML page (displaCy's span view)."""
from __future__ import annotations

import html
import json
import re
from typing import Any, Dict, List, Optional, Sequence, Tuple

from .. import LABELS
from .compare import FLAGS
from .render import COLORS, HTML_FOOT, html_head, html_table, text_table

SHORT = {"HEDGE": "HEDGE", "ATTRIBUTION": "ATTR", "DENIAL": "DENIAL"}


def spans_summary(spans: Sequence[Dict[str, Any]]) -> str:
    """``HEDGE: suggest, may be; ATTR: Videos suggest (named)``"""
    parts = []
    for label in LABELS:
        items = []
        for s in spans:
            if s["label"] != label:
                continue
            t = " ".join(s["text"].split())
            items.append(f"{t} ({s['source_kind']})" if label == "ATTRIBUTION" and s.get("source_kind") else t)
        if items:
            parts.append(f"{SHORT[label]}: " + ", ".join(items))
    return "; ".join(parts) or "-"


def _clean(text: str) -> str:
    return " ".join(text.split())


def summary_rows(result: Dict[str, Any]) -> List[Tuple[str, str]]:
    s = result["summary"]
    f = s["flags"]
    hs = s["hedged_share_aligned"]
    hk = s.get("hedges_per_1000_words", {"original": None, "version": None})
    an = s.get("anonymous_source_share", {"original": None, "version": None})
    fmt = lambda x: "-" if x is None else f"{x:.0%}"
    return [
        ("alignment", s.get("alignment", "lexical")),
        ("certainty drift", f"{s['drift']} (hedges added - dropped = {s['net_hedges']:+d})"),
        ("certainty upgrades", f"{s.get('certainty_upgrades', 0)} claims stated more firmly, {s.get('bare_assertions', 0)} of them "
                               f"now bare assertions; {s.get('certainty_downgrades', 0)} stated less firmly"),
        ("headline", ", ".join(s["headline_flags"]) if s["headline_flags"] else ("no flag" if s["headline_flags"] is not None else "not aligned")),
        ("aligned pairs", f"{s['aligned_pairs']} ({s['version_units']} version units, {s['version_units_unaligned']} unaligned; "
                          f"{s['original_units_without_counterpart']} of {s['original_units']} original units without counterpart)"),
        *[(flag, str(f[flag])) for flag in FLAGS],
        ("hedged units among aligned pairs", f"original {fmt(hs['original'])}, version {fmt(hs['version'])}"),
        ("HEDGE per 1000 words (whole text)", f"original {hk['original']}, version {hk['version']}"),
        ("anonymous source share (whole text)", f"original {fmt(an['original'])}, version {fmt(an['version'])}"),
    ]


TOP_UPGRADES = 10


def upgrade_rows(result: Dict[str, Any], limit: int = TOP_UPGRADES) -> List[Tuple[str, ...]]:
    return [(str(k), f"{u['similarity']:.2f}", _clean(u["original"]), _clean(u["version"]),
             ("**bare assertion** " if u["bare_assertion"] else "") + u["text"])
            for k, u in enumerate(result.get("upgrades", [])[:limit], start=1)]


def headline_lines(result: Dict[str, Any]) -> List[str]:
    h = result.get("headline")
    if not h:
        return []
    out = [f"- version headline: {h['headline']} — {h['certainty']['description']}"]
    if h.get("original_headline"):
        out.append(f"- original headline: {h['original_headline']['text']} — {h['original_headline']['certainty']['description']}")
    for side, key in (("original", "original_claims"), ("version", "own_claims")):
        for c in h.get(key, []):
            out.append(f"- claim in the {side} it summarises ({c['similarity']:.2f}): {c['text']} — {c['certainty']['description']}")
    out.append(f"- {'**firmer than every claim it summarises**' if h['firmer_than_claims'] else 'no firmer than the claims it summarises'}")
    return out


def render_table(results: Sequence[Dict[str, Any]], title: Optional[str] = None) -> str:
    """Markdown (pipe tables, also readable in a terminal)."""
    out: List[str] = []
    if title:
        out += [f"# {title}", ""]
    for r in results:
        out += [f"## {r['version']} vs {r['original']}", ""]
        out += [text_table(("summary", ""), summary_rows(r)), ""]
        if r.get("headline"):
            out += ["The version's headline and the claims it summarises:", "", *headline_lines(r), ""]
        if r.get("upgrades"):
            out += [f"Strongest certainty upgrades (of {len(r['upgrades'])}):", ""]
            out += [text_table(("rank", "sim", "original", "version", "certainty change"), upgrade_rows(r)), ""]
        rows = []
        for k, p in enumerate(r["pairs"], start=1):
            v_text = " / ".join(_clean(u["text"]) for u in p["version"])
            v_spans = [s for u in p["version"] for s in u["spans"]]
            kind = "headline" if p["original"]["kind"] == "headline" else str(k)
            rows.append((
                kind, "/".join(f"{x:.2f}" for x in p["similarity"]),
                _clean(p["original"]["text"]), spans_summary(p["original"]["spans"]),
                v_text, spans_summary(v_spans),
                ", ".join(f"**{f}**" for f in p["flags"]) or "-",
                _drift_cell(p),
            ))
        out += [text_table(("#", "sim", "original", "original spans", "version", "version spans", "flags", "certainty"), rows), ""]
        if r["version_unaligned"]:
            out += ["Version units without a counterpart in the original:", ""]
            out += [f"- {_clean(u['text'])} ({spans_summary(u['spans'])})" for u in r["version_unaligned"]]
            out.append("")
    return "\n".join(out)


def _drift_cell(p: Dict[str, Any]) -> str:
    d = p.get("drift")
    if not d or d["kind"] == "unchanged":
        return "-"
    return f"{d['kind']}: {d['text']}"


def render_json(results: Sequence[Dict[str, Any]]) -> str:
    """A JSON list, one comparison per version."""
    return json.dumps(list(results), ensure_ascii=False, indent=2) + "\n"


def _unit_html(u: Dict[str, Any]) -> str:
    """A unit with its spans in displaCy's span view."""
    from spacy import displacy

    text, base = u["text"], u["start"]
    # tokens: split on whitespace, keeping span boundaries as token boundaries
    cuts = {0, len(text)}
    for s in u["spans"]:
        cuts.update((max(0, s["start"] - base), min(len(text), s["end"] - base)))
    for m in re.finditer(r"\s+", text):
        cuts.update((m.start(), m.end()))
    cuts = sorted(cuts)
    toks = [(a, b) for a, b in zip(cuts, cuts[1:]) if text[a:b].strip()]
    spans = []
    for s in u["spans"]:
        a, b = s["start"] - base, s["end"] - base
        idx = [k for k, (x, y) in enumerate(toks) if x >= a and y <= b]
        if idx:
            spans.append({"start_token": idx[0], "end_token": idx[-1] + 1, "label": s["label"]})
    data = {"text": text, "tokens": [text[a:b] for a, b in toks], "spans": spans}
    return displacy.render(data, style="span", manual=True, options={"colors": COLORS}, page=False, jupyter=False)


STYLE = """<style>
tr.upgrade td { background: #fde2e1; }
tr.downgrade td { background: #e3f2fd; }
td.upgrade { background: #fde2e1; }
td.bare { background: #f8b4b0; font-weight: bold; }
td.downgrade { background: #e3f2fd; }
.drift { font-size: 0.85em; }
table.side td { width: 20%; }
</style>
"""


def _short(c: Dict[str, Any]) -> str:
    return c["description"]


def side_by_side_html(results: Sequence[Dict[str, Any]]) -> str:
    """The original's claims (rows) against the versions (columns): how each version puts
    the claim, upgrades and downgrades highlighted."""
    if not results:
        return ""
    rows: Dict[int, Dict[str, Any]] = {}
    for n, r in enumerate(results):
        for p in r["pairs"]:
            j = p["original"]["index"]
            row = rows.setdefault(j, {"original": p["original"], "cert": p["certainty"]["original"], "cells": {}})
            row["cells"][n] = p
    out = ["<h2>Claims of the original across the versions</h2>",
           '<table class="side"><tr><th>original claim</th>'
           + "".join(f"<th>{html.escape(r['version'])}</th>" for r in results) + "</tr>"]
    for j in sorted(rows):
        row = rows[j]
        cells = [f"<td>{html.escape(_clean(row['original']['text']))}<div class=\"drift muted\">{html.escape(_short(row['cert']))}</div></td>"]
        for n in range(len(results)):
            p = row["cells"].get(n)
            if p is None:
                cells.append('<td class="muted">not reported</td>')
                continue
            d = p["drift"]
            cls = "bare" if d["bare_assertion"] else d["kind"] if d["kind"] != "unchanged" else ""
            text = " / ".join(_clean(u["text"]) for u in p["version"])
            cells.append(f'<td class="{cls}">{html.escape(text)}<div class="drift">{html.escape(d["kind"])}: '
                         f'{html.escape(_short(p["certainty"]["version"]))}</div></td>')
        out.append("<tr>" + "".join(cells) + "</tr>")
    out.append("</table>")
    return "\n".join(out)


def render_html(results: Sequence[Dict[str, Any]], title: str = "hedgewatch compare") -> str:
    """One self-contained HTML page: the claims side by side across the versions, then per
    version the summary, the strongest certainty upgrades and the aligned pairs."""
    out = [html_head(title).replace("</head>", STYLE + "</head>", 1)]
    out.append(side_by_side_html(results))
    for n, r in enumerate(results, start=1):
        out.append(f'<section class="doc" id="version-{n}">')
        out.append(f"<h2>{html.escape(r['version'])} vs {html.escape(r['original'])}</h2>")
        out.append(html_table(("summary", ""), summary_rows(r)))
        if r.get("headline"):
            out.append("<h3>Headline and the claims it summarises</h3><ul>"
                       + "".join(f"<li>{html.escape(line[2:].replace('**', ''))}</li>" for line in headline_lines(r)) + "</ul>")
        if r.get("upgrades"):
            out.append(f"<h3>Strongest certainty upgrades (of {len(r['upgrades'])})</h3>")
            out.append(html_table(("rank", "sim", "original", "version", "certainty change"),
                                  [(a, b, c, d, e.replace("**", "")) for a, b, c, d, e in upgrade_rows(r)]))
        out.append("<table><tr><th>#</th><th>sim</th><th>original</th><th>version</th><th>flags</th><th>certainty</th></tr>")
        for k, p in enumerate(r["pairs"], start=1):
            kind = "headline" if p["original"]["kind"] == "headline" else str(k)
            flags = "".join(f'<div class="flag">{html.escape(f)}</div>' for f in p["flags"]) or '<span class="muted">-</span>'
            d = p.get("drift", {"kind": "unchanged"})
            out.append(
                f'<tr class="{d["kind"]}" data-flags="{html.escape(";".join(p["flags"]))}"><td>{kind}</td>'
                f"<td>{'/'.join(f'{x:.2f}' for x in p['similarity'])}</td>"
                f"<td>{_unit_html(p['original'])}</td>"
                f"<td>{''.join(_unit_html(u) for u in p['version'])}</td><td>{flags}</td>"
                f'<td class="drift">{html.escape(_drift_cell(p))}</td></tr>'
            )
        out.append("</table>")
        if r["version_unaligned"]:
            out.append("<h3>Version units without a counterpart in the original</h3>")
            out.append(html_table(("text", "spans"), [(_clean(u["text"]), spans_summary(u["spans"])) for u in r["version_unaligned"]]))
        out.append("</section>")
    out.append(HTML_FOOT)
    return "\n".join(out)
