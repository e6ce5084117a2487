"""``hedgewatch report DIR``: a self-contained HTML report over the Parquet partitions
that ``annotate --format parquet`` writes.

pyarrow reads only the columns it needs (never the spans or texts) and aggregates with
its group-by, so the report's cost grows with the number of articles, not their length:

- per outlet and per month (``YYYY-MM`` of the article's date): articles, words,
  hedges per 1,000 words, the share of attributions whose source is anonymous, denials
  (count and per 1,000 words), the share of hedged sentences;
- the most hedged articles (hedges per 1,000 words, articles of at least ``min_words``);
- charts as inline SVG (no script, no CDN): a bar chart per measure per outlet, and a
  line per outlet over time (by month, or by year when the archive spans more than four
  years, so lines are not mostly gaps).

Rates are ratios of sums (all hedges of an outlet over all its words), not means of
per-article rates, so long articles weigh what they contain.
"""
from __future__ import annotations

import datetime
import html
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

COLUMNS = ["id", "outlet", "date", "title", "source", "words", "hedges", "attributions",
           "attributions_anonymous", "denials", "hedges_per_1000_words", "hedged_sentence_share", "sentences"]
UNKNOWN = "(unknown)"
PALETTE = ["#1b6ca8", "#d1495b", "#edae49", "#00798c", "#66a182", "#8d6a9f", "#2e4057", "#c36f09"]
MAX_LINES = 8


def _read(directory: Path):
    import pyarrow.dataset as ds

    directory = Path(directory)
    if not directory.is_dir():
        raise ValueError(f"{directory} is not a directory (give the -o DIR of annotate --format parquet)")
    files = sorted(directory.glob("part-*.parquet"))
    if not files:
        raise ValueError(f"{directory} holds no part-*.parquet files: run hedgewatch annotate ... -o {directory} --format parquet first")
    return ds.dataset([str(f) for f in files], format="parquet").to_table(columns=COLUMNS)


def _with_keys(table):
    """Add ``outlet_key`` (outlet, else unknown) and ``month`` (YYYY-MM, else unknown)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    outlet = pc.fill_null(table["outlet"], UNKNOWN)
    date = pc.fill_null(table["date"], "")
    iso = pc.match_substring_regex(date, r"^\d{4}-\d{2}")
    month = pc.if_else(iso, pc.utf8_slice_codeunits(date, 0, 7), pa.scalar(UNKNOWN))
    return table.append_column("outlet_key", outlet).append_column("month", month)


def _aggregate(table, keys: Sequence[str]) -> List[Dict[str, Any]]:
    grouped = table.group_by(list(keys)).aggregate([
        ("id", "count"), ("words", "sum"), ("hedges", "sum"), ("attributions", "sum"),
        ("attributions_anonymous", "sum"), ("denials", "sum"), ("sentences", "sum"),
        ("hedged_sentence_share", "mean"),
    ])
    rows = []
    for r in grouped.to_pylist():
        words = r["words_sum"] or 0
        attributions = r["attributions_sum"] or 0
        rows.append({
            **{k: r[k] for k in keys},
            "articles": r["id_count"], "words": words, "hedges": r["hedges_sum"] or 0,
            "attributions": attributions, "anonymous": r["attributions_anonymous_sum"] or 0,
            "denials": r["denials_sum"] or 0,
            "hedges_per_1000_words": round(1000.0 * (r["hedges_sum"] or 0) / words, 2) if words else 0.0,
            "anonymous_share": round((r["attributions_anonymous_sum"] or 0) / attributions, 4) if attributions else None,
            "denials_per_1000_words": round(1000.0 * (r["denials_sum"] or 0) / words, 3) if words else 0.0,
            "hedged_sentence_share": round(r["hedged_sentence_share_mean"] or 0.0, 4),
        })
    return rows


def build_report(directory: Path, top: int = 20, min_words: int = 150) -> Dict[str, Any]:
    """The report's numbers (JSON-serialisable): totals, per outlet, per month, per
    outlet and month, per outlet and chart period, the most hedged articles."""
    import pyarrow.compute as pc

    table = _with_keys(_read(directory))
    n = table.num_rows
    words = pc.sum(table["words"]).as_py() or 0
    hedges = pc.sum(table["hedges"]).as_py() or 0
    attributions = pc.sum(table["attributions"]).as_py() or 0
    anonymous = pc.sum(table["attributions_anonymous"]).as_py() or 0
    denials = pc.sum(table["denials"]).as_py() or 0
    totals = {
        "articles": n, "words": words, "hedges": hedges, "attributions": attributions, "anonymous": anonymous,
        "denials": denials,
        "hedges_per_1000_words": round(1000.0 * hedges / words, 2) if words else 0.0,
        "anonymous_share": round(anonymous / attributions, 4) if attributions else None,
        "denials_per_1000_words": round(1000.0 * denials / words, 3) if words else 0.0,
        "articles_with_denial": int(pc.sum(pc.greater(table["denials"], 0)).as_py() or 0),
    }
    outlets = sorted(_aggregate(table, ["outlet_key"]), key=lambda r: (-r["articles"], r["outlet_key"]))
    months = sorted(_aggregate(table, ["month"]), key=lambda r: r["month"])
    outlet_months = sorted(_aggregate(table, ["outlet_key", "month"]), key=lambda r: (r["month"], r["outlet_key"]))
    known = [m["month"] for m in months if m["month"] != UNKNOWN]
    period = "month"
    if known:
        first, last = known[0], known[-1]
        span = (int(last[:4]) - int(first[:4])) * 12 + int(last[5:7]) - int(first[5:7]) + 1
        if span > 48:
            period = "year"
    year = pc.if_else(pc.equal(table["month"], UNKNOWN), table["month"], pc.utf8_slice_codeunits(table["month"], 0, 4))
    by_period = sorted(_aggregate(table.append_column("period", year if period == "year" else table["month"]),
                                  ["outlet_key", "period"]), key=lambda r: (r["period"], r["outlet_key"]))
    eligible = table.filter(pc.greater_equal(pc.fill_null(table["words"], 0), min_words))
    ranked = eligible.sort_by([("hedges_per_1000_words", "descending"), ("hedges", "descending"), ("id", "ascending")])
    most = [{k: r[k] for k in ("id", "outlet", "date", "title", "source", "words", "hedges", "hedges_per_1000_words",
                               "hedged_sentence_share")} for r in ranked.slice(0, top).to_pylist()]
    return {"directory": str(directory), "totals": totals, "outlets": outlets, "months": months,
            "outlet_months": outlet_months, "period": period, "by_period": by_period, "most_hedged": most,
            "min_words": min_words, "generated": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


# --- SVG charts -----------------------------------------------------------------------
def _e(value: Any) -> str:
    return html.escape(str(value), quote=True)


def bar_chart(title: str, items: List[Tuple[str, Optional[float]]], fmt: str = "{:.1f}", width: int = 420) -> str:
    """Horizontal bars, one per label."""
    bar_h, gap, left, right = 22, 8, 130, 60
    height = 34 + len(items) * (bar_h + gap)
    top = max([v for _, v in items if v is not None] or [0]) or 1.0
    out = [f'<svg class="chart" role="img" aria-label="{_e(title)}" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
           f'<text x="0" y="16" class="ct">{_e(title)}</text>']
    for i, (label, value) in enumerate(items):
        y = 28 + i * (bar_h + gap)
        w = 0 if value is None else (width - left - right) * value / top
        out.append(f'<text x="{left - 6}" y="{y + 15}" text-anchor="end" class="cl">{_e(label)}</text>')
        out.append(f'<rect x="{left}" y="{y}" width="{w:.1f}" height="{bar_h}" fill="{PALETTE[i % len(PALETTE)]}">'
                   f'<title>{_e(label)}: {"n/a" if value is None else fmt.format(value)}</title></rect>')
        out.append(f'<text x="{left + w + 5:.1f}" y="{y + 15}" class="cv">{"n/a" if value is None else fmt.format(value)}</text>')
    out.append("</svg>")
    return "".join(out)


def line_chart(title: str, series: Dict[str, List[Tuple[str, Optional[float]]]], periods: List[str],
               fmt: str = "{:.1f}", width: int = 860, height: int = 260) -> str:
    """One line per series over ``periods`` (gaps where a series has no value)."""
    left, right, top_pad, bottom = 50, 130, 28, 40
    values = [v for pts in series.values() for _, v in pts if v is not None]
    vmax = max(values or [1.0]) or 1.0
    pw, ph = width - left - right, height - top_pad - bottom
    x_of = {p: left + (pw * i / max(1, len(periods) - 1)) for i, p in enumerate(periods)}

    def y_of(v: float) -> float:
        return top_pad + ph - ph * v / vmax

    out = [f'<svg class="chart" role="img" aria-label="{_e(title)}" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" xmlns="http://www.w3.org/2000/svg">',
           f'<text x="0" y="16" class="ct">{_e(title)}</text>',
           f'<line x1="{left}" y1="{top_pad + ph}" x2="{left + pw}" y2="{top_pad + ph}" class="ax"/>',
           f'<line x1="{left}" y1="{top_pad}" x2="{left}" y2="{top_pad + ph}" class="ax"/>']
    for frac in (0.0, 0.5, 1.0):
        v = vmax * frac
        out.append(f'<text x="{left - 5}" y="{y_of(v) + 4:.1f}" text-anchor="end" class="cv">{fmt.format(v)}</text>')
    step = max(1, len(periods) // 12)
    for i, p in enumerate(periods):
        if i % step == 0 or i == len(periods) - 1:
            out.append(f'<text x="{x_of[p]:.1f}" y="{top_pad + ph + 16}" text-anchor="middle" class="cv">{_e(p)}</text>')
    for k, (name, pts) in enumerate(series.items()):
        color = PALETTE[k % len(PALETTE)]
        segment: List[str] = []
        segments = []
        known = dict(pts)
        for p in periods:
            v = known.get(p)
            if v is None:
                if segment:
                    segments.append(segment)
                segment = []
            else:
                segment.append(f"{x_of[p]:.1f},{y_of(v):.1f}")
        if segment:
            segments.append(segment)
        for seg in segments:
            if len(seg) > 1:
                out.append(f'<polyline points="{" ".join(seg)}" fill="none" stroke="{color}" stroke-width="2"/>')
        for p, v in pts:
            if v is not None and p in x_of:
                out.append(f'<circle cx="{x_of[p]:.1f}" cy="{y_of(v):.1f}" r="3" fill="{color}">'
                           f'<title>{_e(name)} {_e(p)}: {fmt.format(v)}</title></circle>')
        ly = top_pad + 14 * k
        out.append(f'<rect x="{width - right + 12}" y="{ly}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{width - right + 26}" y="{ly + 9}" class="cl">{_e(name)}</text>')
    out.append("</svg>")
    return "".join(out)


# --- HTML -----------------------------------------------------------------------------
CSS = """body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
h1{font-size:1.6em}h2{margin-top:2em;border-bottom:1px solid #ddd}table{border-collapse:collapse;margin:.6em 0}
td,th{border:1px solid #ddd;padding:3px 8px;text-align:right}td:first-child,th:first-child,td.t{text-align:left}td:first-child{white-space:nowrap}
th{background:#f4f4f4}.charts{display:flex;flex-wrap:wrap;gap:18px}.ct{font-weight:600;font-size:13px}
.cl{font-size:12px}.cv{font-size:11px;fill:#555}.ax{stroke:#999}.kpi{display:flex;gap:24px;flex-wrap:wrap}
.kpi div{background:#f6f8fa;border:1px solid #e1e4e8;padding:8px 14px;border-radius:6px}.kpi b{display:block;font-size:1.5em}
.note{color:#555;font-size:.92em}"""


def _pct(v: Optional[float]) -> str:
    return "n/a" if v is None else f"{100 * v:.1f}%"


def _table(headers: Sequence[str], rows: List[List[Any]], text_cols: Sequence[int] = (0,)) -> str:
    out = ["<table><thead><tr>", "".join(f"<th>{_e(h)}</th>" for h in headers), "</tr></thead><tbody>"]
    for r in rows:
        out.append("<tr>" + "".join(f'<td{" class=t" if i in text_cols else ""}>{_e(c)}</td>' for i, c in enumerate(r)) + "</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def _group_rows(rows: List[Dict[str, Any]], first: Sequence[str]) -> List[List[Any]]:
    return [[r[k] for k in first] + [r["articles"], f"{r['words']:,}", r["hedges"], f"{r['hedges_per_1000_words']:.2f}",
                                     f"{r['anonymous']}/{r['attributions']}", _pct(r["anonymous_share"]), r["denials"],
                                     f"{r['denials_per_1000_words']:.2f}", _pct(r["hedged_sentence_share"])]
            for r in rows]


GROUP_HEADERS = ["articles", "words", "hedges", "hedges / 1k words", "anonymous / attributions", "anonymous share",
                 "denials", "denials / 1k words", "hedged sentences (mean)"]


def _period_range(periods: List[str]) -> List[str]:
    """Every month (YYYY-MM) or year (YYYY) from the first to the last, so the x axis is
    proportional to time and a period without articles is a gap."""
    if not periods:
        return []
    first, last = periods[0], periods[-1]
    if len(first) == 4:
        return [str(y) for y in range(int(first), int(last) + 1)]
    out, (y, m) = [], (int(first[:4]), int(first[5:7]))
    while (y, m) <= (int(last[:4]), int(last[5:7])):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def render_report(data: Dict[str, Any], title: str = "hedgewatch report") -> str:
    t = data["totals"]
    outlets = data["outlets"]
    parts = [f"<!DOCTYPE html><html lang=en><head><meta charset=utf-8><title>{_e(title)}</title>"
             f"<style>{CSS}</style></head><body>",
             f"<h1>{_e(title)}</h1>",
             f'<p class=note>{t["articles"]:,} articles from <code>{_e(data["directory"])}</code>, '
             f'generated {data["generated"]}. Rates are totals over totals (all hedges of a group over all its words).</p>',
             '<div class=kpi>',
             f'<div><b>{t["articles"]:,}</b>articles</div>',
             f'<div><b>{t["words"]:,}</b>words</div>',
             f'<div><b>{t["hedges_per_1000_words"]:.2f}</b>hedges per 1,000 words</div>',
             f'<div><b>{_pct(t["anonymous_share"])}</b>of {t["attributions"]:,} attributions anonymous</div>',
             f'<div><b>{t["denials"]:,}</b>denials ({t["articles_with_denial"]:,} articles)</div>',
             "</div>"]
    parts.append("<h2>Per outlet</h2><div class=charts>")
    parts.append(bar_chart("Hedges per 1,000 words", [(r["outlet_key"], r["hedges_per_1000_words"]) for r in outlets], "{:.2f}"))
    parts.append(bar_chart("Anonymous share of attributions",
                           [(r["outlet_key"], None if r["anonymous_share"] is None else 100 * r["anonymous_share"]) for r in outlets],
                           "{:.1f}%"))
    parts.append(bar_chart("Denials per 1,000 words", [(r["outlet_key"], r["denials_per_1000_words"]) for r in outlets], "{:.2f}"))
    parts.append("</div>")
    parts.append(_table(["outlet"] + GROUP_HEADERS, _group_rows(outlets, ["outlet_key"])))

    by_period = data["by_period"]
    periods = _period_range(sorted({r["period"] for r in by_period if r["period"] != UNKNOWN}))
    shown = [r["outlet_key"] for r in outlets][:MAX_LINES]
    parts.append(f"<h2>Over time (by {data['period']})</h2>")
    if periods:
        def series(metric, scale=1.0):
            return {o: [(r["period"], None if r[metric] is None else scale * r[metric])
                        for r in by_period if r["outlet_key"] == o and r["period"] != UNKNOWN] for o in shown}
        parts.append('<div class=charts>')
        parts.append(line_chart(f"Hedges per 1,000 words, by {data['period']}", series("hedges_per_1000_words"), periods, "{:.1f}"))
        parts.append(line_chart(f"Anonymous share of attributions (%), by {data['period']}", series("anonymous_share", 100.0),
                                periods, "{:.0f}"))
        parts.append(line_chart(f"Denials per 1,000 words, by {data['period']}", series("denials_per_1000_words"), periods, "{:.2f}"))
        parts.append("</div>")
        if len(outlets) > MAX_LINES:
            parts.append(f"<p class=note>Lines for the {MAX_LINES} outlets with the most articles.</p>")
    else:
        parts.append("<p class=note>No article has an ISO date (YYYY-MM-DD): nothing to plot over time.</p>")
    parts.append("<h2>Per month</h2>")
    parts.append(_table(["month"] + GROUP_HEADERS, _group_rows(data["months"], ["month"])))
    parts.append("<details><summary>Per outlet and month</summary>")
    parts.append(_table(["month", "outlet"] + GROUP_HEADERS, _group_rows(data["outlet_months"], ["month", "outlet_key"]),
                        text_cols=(0, 1)))
    parts.append("</details>")
    parts.append(f"<h2>Most hedged articles</h2><p class=note>Hedges per 1,000 words; articles of at least "
                 f"{data['min_words']} words.</p>")
    parts.append(_table(["id", "outlet", "date", "title", "words", "hedges", "hedges / 1k words", "hedged sentences"],
                        [[r["id"], r["outlet"] or "", r["date"] or "", r["title"] or r["source"] or "", r["words"],
                          r["hedges"], f"{r['hedges_per_1000_words']:.2f}", _pct(r["hedged_sentence_share"])]
                         for r in data["most_hedged"]], text_cols=(0, 1, 2, 3)))
    parts.append("</body></html>\n")
    return "\n".join(parts)
