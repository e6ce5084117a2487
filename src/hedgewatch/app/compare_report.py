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
    hk = s["hedges_per_1000_words"]
    an = s["anonymous_source_share"]
    fmt = lambda x: "-" if x is None else f"{x:.0%}"
    return [
        ("certainty drift", f"{s['drift']} (hedges added - dropped = {s['net_hedges']:+d})"),
        ("headline", ", ".join(s["headline_flags"]) if s["headline_flags"] else ("no flag" if s["headline_flags"] is not None else "not aligned")),
        ("aligned pairs", f"{s['aligned_pairs']} ({s['version_units']} version units, {s['version_units_unaligned']} unaligned; "
                          f"{s['original_units_without_counterpart']} of {s['original_units']} original units without counterpart)"),
        *[(flag, str(f[flag])) for flag in FLAGS],
        ("hedged units among aligned pairs", f"original {fmt(hs['original'])}, version {fmt(hs['version'])}"),
        ("HEDGE per 1000 words (whole text)", f"original {hk['original']}, version {hk['version']}"),
        ("anonymous source share (whole text)", f"original {fmt(an['original'])}, version {fmt(an['version'])}"),
    ]


def render_table(results: Sequence[Dict[str, Any]], title: Optional[str] = None) -> str:
    """Markdown (pipe tables, also readable in a terminal)."""
    out: List[str] = []
    if title:
        out += [f"# {title}", ""]
    for r in results:
        out += [f"## {r['version']} vs {r['original']}", ""]
        out += [text_table(("summary", ""), summary_rows(r)), ""]
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
            ))
        out += [text_table(("#", "sim", "original", "original spans", "version", "version spans", "flags"), rows), ""]
        if r["version_unaligned"]:
            out += ["Version units without a counterpart in the original:", ""]
            out += [f"- {_clean(u['text'])} ({spans_summary(u['spans'])})" for u in r["version_unaligned"]]
            out.append("")
    return "\n".join(out)


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


def render_html(results: Sequence[Dict[str, Any]], title: str = "hedgewatch compare") -> str:
    """One self-contained HTML page."""
    out = [html_head(title)]
    for n, r in enumerate(results, start=1):
        out.append(f'<section class="doc" id="version-{n}">')
        out.append(f"<h2>{html.escape(r['version'])} vs {html.escape(r['original'])}</h2>")
        out.append(html_table(("summary", ""), summary_rows(r)))
        out.append("<table><tr><th>#</th><th>sim</th><th>original</th><th>version</th><th>flags</th></tr>")
        for k, p in enumerate(r["pairs"], start=1):
            kind = "headline" if p["original"]["kind"] == "headline" else str(k)
            flags = "".join(f'<div class="flag">{html.escape(f)}</div>' for f in p["flags"]) or '<span class="muted">-</span>'
            out.append(
                f'<tr data-flags="{html.escape(";".join(p["flags"]))}"><td>{kind}</td>'
                f"<td>{'/'.join(f'{x:.2f}' for x in p['similarity'])}</td>"
                f"<td>{_unit_html(p['original'])}</td>"
                f"<td>{''.join(_unit_html(u) for u in p['version'])}</td><td>{flags}</td></tr>"
            )
        out.append("</table>")
        if r["version_unaligned"]:
            out.append("<h3>Version units without a counterpart in the original</h3>")
            out.append(html_table(("text", "spans"), [(_clean(u["text"]), spans_summary(u["spans"])) for u in r["version_unaligned"]]))
        out.append("</section>")
    out.append(HTML_FOOT)
    return "\n".join(out)
