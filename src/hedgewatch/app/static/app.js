// hedgewatch page: plain JavaScript, no build step, nothing loaded from elsewhere.
"use strict";

const LABELS = ["HEDGE", "ATTRIBUTION", "DENIAL"];
const COLORS = { HEDGE: "#ffd166", ATTRIBUTION: "#8ecae6", DENIAL: "#f4978e" };
const FIELD_NAMES = {
  score: "score", source: "source", cue: "cue", content: "content", source_kind: "source kind",
  source_resolved: "source resolved to", denier: "denier", denied: "denied", speaker: "speaker",
};

const $ = (sel, root = document) => root.querySelector(sel);
function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") node.className = v;
    else if (k === "text") node.textContent = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}
const svgEl = (tag, attrs = {}) => {
  const node = document.createElementNS("http://www.w3.org/2000/svg", tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  return node;
};
const pct = (x) => (x === null || x === undefined ? "–" : `${Math.round(100 * x)}%`);

// --- requests ------------------------------------------------------------------
async function postJSON(url, body) {
  const res = await fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  let data = null;
  try { data = await res.json(); } catch (e) { /* not JSON */ }
  if (!res.ok) {
    const msg = (data && (data.error || data.detail)) || res.statusText;
    throw new Error(`${res.status}: ${typeof msg === "string" ? msg : JSON.stringify(msg)}`);
  }
  return data;
}

function setStatus(node, msg, error = false) {
  node.textContent = msg;
  node.classList.toggle("error", error);
}

// an input box remembers whether its content came from an HTML file
function article(textarea) {
  const value = textarea.value;
  return textarea.dataset.kind === "html" ? { html: value } : { text: value };
}

function wireFile(input, textarea, statusNode) {
  input.addEventListener("change", async () => {
    const file = input.files && input.files[0];
    if (!file) return;
    const content = await file.text();
    const isHtml = /\.html?$/i.test(file.name) || file.type === "text/html";
    textarea.value = content;
    textarea.dataset.kind = isHtml ? "html" : "text";
    if (statusNode) setStatus(statusNode, isHtml ? `${file.name}: HTML, the server extracts its main text.` : `${file.name} loaded.`);
  });
  textarea.addEventListener("input", () => { if (textarea.dataset.kind === "html" && !/<[a-z!]/i.test(textarea.value)) textarea.dataset.kind = "text"; });
}

// --- the span view (displaCy's span style, close) ------------------------------
// levels: each span gets the lowest bar slot free over its extent
function assignLevels(spans) {
  const ends = [];
  return spans.map((s) => {
    let level = ends.findIndex((end) => end <= s.start);
    if (level < 0) { level = ends.length; ends.push(s.end); } else ends[level] = s.end;
    return level;
  });
}

function fieldText(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === "object") return v.text !== undefined ? `“${v.text}” (${v.start}–${v.end})` : JSON.stringify(v);
  return String(v);
}

function describeSpan(s) {
  const rows = [["label", s.label], ["text", `“${s.text}”`], ["offsets", `${s.start}–${s.end}`]];
  for (const [k, name] of Object.entries(FIELD_NAMES)) {
    const v = fieldText(s[k]);
    if (v !== null) rows.push([name, v]);
  }
  return rows;
}

function showDetails(target, span) {
  target.replaceChildren(el("h2", { text: "Span details" }),
    el("dl", {}, describeSpan(span).flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: v })])));
}

/**
 * Render `text` (offsets shifted by `base`) with `spans` into `container`.
 * Every span gets a label button at its start (keyboard-focusable; click shows its fields
 * in `detailsTarget`) and a coloured bar under its words.
 */
function renderSpans(container, text, spans, base, detailsTarget, idPrefix) {
  const local = spans
    .map((s, i) => ({ ...s, i, s0: Math.max(0, s.start - base), e0: Math.min(text.length, s.end - base) }))
    .filter((s) => s.e0 > s.s0)
    .sort((a, b) => a.s0 - b.s0 || b.e0 - a.e0);
  const levels = assignLevels(local.map((s) => ({ start: s.s0, end: s.e0 })));
  local.forEach((s, k) => { s.level = levels[k]; });
  const cuts = new Set([0, text.length]);
  local.forEach((s) => { cuts.add(s.s0); cuts.add(s.e0); });
  const points = [...cuts].sort((a, b) => a - b);
  const frag = document.createDocumentFragment();
  const segsOf = new Map();
  for (let p = 0; p < points.length - 1; p++) {
    const a = points[p], b = points[p + 1];
    for (const s of local.filter((x) => x.s0 === a)) {
      const id = `${idPrefix}-${s.i}`;
      const btn = el("button", {
        type: "button", class: `tag ${s.label}`, id, "aria-pressed": "false", "data-label": s.label,
        title: describeSpan(s).slice(3).map(([k, v]) => `${k}: ${v}`).join("\n") || s.label,
        "aria-label": `${s.label}: ${s.text}`, text: s.label === "ATTRIBUTION" ? "ATTR" : s.label,
      });
      btn.addEventListener("click", () => {
        container.closest("main").querySelectorAll(".tag[aria-pressed=true]").forEach((t) => t.setAttribute("aria-pressed", "false"));
        container.closest("main").querySelectorAll(".seg.sel").forEach((t) => t.classList.remove("sel"));
        btn.setAttribute("aria-pressed", "true");
        (segsOf.get(s.i) || []).forEach((seg) => seg.classList.add("sel"));
        showDetails(detailsTarget(), s);
      });
      btn.addEventListener("mouseenter", () => (segsOf.get(s.i) || []).forEach((seg) => seg.classList.add("hl")));
      btn.addEventListener("mouseleave", () => (segsOf.get(s.i) || []).forEach((seg) => seg.classList.remove("hl")));
      frag.append(btn);
    }
    const covering = local.filter((s) => s.s0 <= a && s.e0 >= b);
    const pieces = text.slice(a, b).split(/(\n\s*)/);
    for (const piece of pieces) {
      if (!piece) continue;
      if (/^\n/.test(piece)) { frag.append((piece.match(/\n/g) || []).length > 1 ? el("span", { class: "para" }) : el("br")); continue; }
      if (!covering.length) { frag.append(document.createTextNode(piece)); continue; }
      // one bar per covering span, drawn as a background line (it follows the text across line wraps)
      const depth = Math.min(4, Math.max(...covering.map((s) => s.level)) + 1);
      const seg = el("span", { class: "seg", "data-labels": covering.map((s) => s.label).join(" ") }, piece);
      const bars = covering.filter((s) => s.level < 4);
      seg.style.paddingBottom = `${depth * 4}px`;
      seg.style.backgroundImage = bars.map((s) => `linear-gradient(${COLORS[s.label]}, ${COLORS[s.label]})`).join(", ");
      seg.style.backgroundSize = bars.map(() => "100% 3px").join(", ");
      seg.style.backgroundPosition = bars.map((s) => `0 calc(100% - ${s.level * 4}px)`).join(", ");
      for (const s of covering) {
        if (!segsOf.has(s.i)) segsOf.set(s.i, []);
        segsOf.get(s.i).push(seg);
      }
      frag.append(seg);
    }
  }
  container.replaceChildren(frag);
}

// --- the certainty profile as a small chart ----------------------------------
function profileChart(p) {
  const rows = [
    ...LABELS.map((l) => ({ name: `${l === "ATTRIBUTION" ? "ATTRIB." : l} per 1000 words`, value: (p.per_1000_words || {})[l] || 0, color: COLORS[l], kind: "rate" })),
    { name: "hedged sentences", value: p.hedged_sentence_share || 0, color: "#c9a227", kind: "share" },
    { name: "anonymous sources", value: p.anonymous_source_share || 0, color: "#5a8fa8", kind: "share" },
  ];
  const maxRate = Math.max(10, ...rows.filter((r) => r.kind === "rate").map((r) => r.value));
  const W = 320, rowH = 26, labelW = 152, barW = 118;
  const svg = svgEl("svg", { viewBox: `0 0 ${W} ${rows.length * rowH + 6}`, role: "img",
    "aria-label": "Certainty profile: " + rows.map((r) => `${r.name} ${r.kind === "share" ? pct(r.value) : r.value}`).join(", ") });
  rows.forEach((r, k) => {
    const y = k * rowH + 4;
    const frac = r.kind === "share" ? r.value : r.value / maxRate;
    const label = svgEl("text", { x: 0, y: y + 15, "font-size": 11, fill: "#333" });
    label.textContent = r.name;
    svg.append(label);
    svg.append(svgEl("rect", { x: labelW, y: y + 4, width: barW, height: 14, fill: "#eef0f3", rx: 2 }));
    svg.append(svgEl("rect", { x: labelW, y: y + 4, width: Math.max(1, Math.min(1, frac) * barW), height: 14, fill: r.color, rx: 2, class: "bar-value" }));
    const val = svgEl("text", { x: labelW + barW + 6, y: y + 15, "font-size": 11, fill: "#111" });
    val.textContent = r.kind === "share" ? pct(r.value) : r.value.toFixed(1);
    svg.append(val);
  });
  return svg;
}

function renderProfile(target, p) {
  if (!p) { target.replaceChildren(el("p", { class: "muted", text: "No profile (the pipeline has no hedgewatch_profile)." })); return; }
  const c = p.counts || {};
  const kinds = p.attributions_by_source_kind || {};
  const table = el("table", {},
    ...[
      ["words", p.words], ["sentences", p.sentences],
      ...LABELS.map((l) => [l, c[l] || 0]),
      ["hedges by the author / quoted", `${(p.hedges_by_speaker || {}).author || 0} / ${(p.hedges_by_speaker || {}).quoted || 0}`],
      ["sources named / anonymous", `${kinds.named || 0} / ${kinds.anonymous || 0}`],
      ["unhedged, unattributed assertions", (p.unhedged_unattributed_assertions || []).length],
    ].map(([k, v]) => el("tr", {}, el("td", { text: k }), el("td", { class: "n", text: String(v) }))));
  target.replaceChildren(profileChart(p), table);
}

// --- annotate ------------------------------------------------------------------
async function onAnnotate(ev) {
  ev.preventDefault();
  const ta = $("#text"), status = $("#annotate-status"), btn = $("#annotate-btn");
  if (!ta.value.trim()) { setStatus(status, "Paste a text or choose a file first.", true); ta.focus(); return; }
  btn.disabled = true;
  setStatus(status, "Annotating…");
  try {
    const rec = await postJSON("/annotate", article(ta));
    const n = rec.spans.length;
    const counts = LABELS.map((l) => `${rec.spans.filter((s) => s.label === l).length} ${l}`).join(", ");
    renderSpans($("#article"), rec.text, rec.spans, 0, () => $("#details"), "span");
    renderProfile($("#profile"), rec.profile);
    $("#details").replaceChildren(el("h2", { text: "Span details" }), el("p", { class: "muted", text: n ? "Select a label in the article." : "No spans found." }));
    $("#annotate-result").hidden = false;
    setStatus(status, `${n} span${n === 1 ? "" : "s"}: ${counts}.`);
  } catch (err) {
    setStatus(status, `Could not annotate: ${err.message}`, true);
  } finally {
    btn.disabled = false;
  }
}

// --- compare -------------------------------------------------------------------
function addVersion() {
  const box = $("#versions");
  const n = box.children.length;
  const id = `cmp-${n}`;
  const ta = el("textarea", { id, rows: 7, placeholder: "Another version of the story" });
  const file = el("input", { type: "file", accept: ".txt,.html,.htm,text/plain,text/html", "data-for": id });
  box.append(el("div", { class: "version-input" }, el("label", { for: id, text: `Version ${n}` }), ta,
    el("label", { class: "file" }, "File: ", file)));
  wireFile(file, ta, $("#compare-status"));
  ta.focus();
}

function unitView(unit, detailsTarget, prefix) {
  const div = el("div", { class: "spans-view" });
  renderSpans(div, unit.text, unit.spans, unit.start, detailsTarget, prefix);
  return div;
}

function renderComparison(result, k) {
  const s = result.summary;
  const section = el("section", { class: "cmp", "aria-labelledby": `cmp-h-${k}` });
  const details = el("div", { class: "details cmp-details", "aria-live": "polite", tabindex: "-1" });
  const target = () => details;
  section.append(el("h2", { id: `cmp-h-${k}`, text: `${result.version} vs ${result.original}` }));
  const items = [el("li", { class: "drift" }, `Certainty drift: ${s.drift} (hedges added − dropped = ${s.net_hedges > 0 ? "+" : ""}${s.net_hedges})`)];
  for (const [flag, count] of Object.entries(s.flags)) items.push(el("li", { class: count ? "on" : null, "data-flag": flag, text: `${flag}: ${count}` }));
  items.push(el("li", { text: `hedged units (aligned): ${pct(s.hedged_share_aligned.original)} → ${pct(s.hedged_share_aligned.version)}` }));
  items.push(el("li", { text: `aligned pairs: ${s.aligned_pairs}` }));
  section.append(el("ul", { class: "summary" }, items), details);
  const pairs = el("div", { class: "pairs" },
    el("div", { class: "pair pair-head", "aria-hidden": "true" }, el("div", { text: "original" }), el("div", { text: result.version }), el("div", { text: "flags" })));
  result.pairs.forEach((p, j) => {
    const flags = p.flags.length ? p.flags.map((f) => el("span", { class: "flag", text: f })) : [el("span", { class: "muted", text: "no flag" })];
    pairs.append(el("div", { class: `pair${p.flags.length ? " flagged" : ""}`, "data-flags": p.flags.join(";") },
      el("div", {}, el("span", { class: "col-label", text: p.original.kind === "headline" ? "original headline" : "original" }),
        unitView(p.original, target, `c${k}-${j}-o`)),
      el("div", {}, el("span", { class: "col-label", text: result.version }),
        ...p.version.map((u, m) => unitView(u, target, `c${k}-${j}-v${m}`))),
      el("div", { class: "flags" }, el("span", { class: "col-label", text: "flags" }), ...flags)));
  });
  section.append(pairs);
  if (result.version_unaligned.length) {
    section.append(el("h3", { text: "Version sentences without a counterpart in the original" }),
      el("div", { class: "unaligned" }, result.version_unaligned.map((u, m) => unitView(u, target, `c${k}-u${m}`))));
  }
  return section;
}

async function onCompare(ev) {
  ev.preventDefault();
  const status = $("#compare-status"), btn = $("#compare-btn");
  const boxes = [...document.querySelectorAll("#versions textarea")];
  const filled = boxes.filter((t) => t.value.trim());
  if (!boxes[0].value.trim() || filled.length < 2) {
    setStatus(status, "Give the original and at least one version.", true);
    (boxes[0].value.trim() ? boxes[1] : boxes[0]).focus();
    return;
  }
  btn.disabled = true;
  setStatus(status, "Comparing…");
  try {
    const versions = boxes.slice(1).filter((t) => t.value.trim()).map((t) => ({ ...article(t), name: $(`label[for=${t.id}]`).textContent }));
    const results = await postJSON("/compare", { original: { ...article(boxes[0]), name: "original" }, versions });
    const out = $("#compare-result");
    out.replaceChildren(...results.map(renderComparison));
    out.hidden = false;
    const flagged = results.reduce((n, r) => n + r.pairs.filter((p) => p.flags.length).length, 0);
    setStatus(status, `${results.length} version${results.length === 1 ? "" : "s"} compared; ${flagged} aligned pair${flagged === 1 ? "" : "s"} flagged.`);
  } catch (err) {
    setStatus(status, `Could not compare: ${err.message}`, true);
  } finally {
    btn.disabled = false;
  }
}

// --- tabs ----------------------------------------------------------------------
function selectTab(tab) {
  document.querySelectorAll("[role=tab]").forEach((t) => {
    const on = t === tab;
    t.setAttribute("aria-selected", on ? "true" : "false");
    t.tabIndex = on ? 0 : -1;
    document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
  });
  tab.focus();
}

document.addEventListener("DOMContentLoaded", () => {
  const tabs = [...document.querySelectorAll("[role=tab]")];
  tabs.forEach((t, i) => {
    t.addEventListener("click", () => selectTab(t));
    t.addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") {
        e.preventDefault();
        selectTab(tabs[(i + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length]);
      }
    });
  });
  $("#annotate-form").addEventListener("submit", onAnnotate);
  $("#text").addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) onAnnotate(e); });
  wireFile($("#file"), $("#text"), $("#annotate-status"));
  document.querySelectorAll("#versions input[type=file]").forEach((f) => wireFile(f, document.getElementById(f.dataset.for), $("#compare-status")));
  $("#add-version").addEventListener("click", addVersion);
  $("#compare-form").addEventListener("submit", onCompare);
});
