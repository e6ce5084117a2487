"""Comparing versions of one story: where did hedges, attributions and denials go?

Each document is cut into *units*: the headline (its first non-empty line) and the
sentences of the rest (spaCy's sentences, also cut at line breaks, which in news text
are paragraph breaks). The units of a version are aligned to the units of the original
(:mod:`.alignment`): by meaning (all-MiniLM-L6-v2 sentence embeddings combined with the
lexical score) when the ``semantic``/``trf`` extra is installed, else by shared words.
One original unit may take several version units (a split) and one version unit two
neighbouring original units (a merge); the units of one alignment are a *pair* (a
claim), whose spans are pooled on each side, so a hedge kept in either half counts as
kept. For each pair the spans of the model (``doc.spans["sc"]``) give the flags:

- ``hedge dropped``: the original has a HEDGE, the version none;
- ``hedge added``: the version has a HEDGE, the original none;
- ``attribution dropped``: the original has an ATTRIBUTION, the version none;
- ``source turned anonymous``: the original attributes to a named source, the version
  only to anonymous ones; ``source turned named``: the reverse;
- ``denial dropped``: the original has a DENIAL, the version none.

and the claim's *certainty* on each side (:func:`certainty`): denied by someone,
attributed to a named source, to an anonymous source, or asserted by the outlet; hedged
or not. A *certainty upgrade* is a claim the version states more firmly than the
original; the strongest, a claim hedged or attributed in the original and asserted
bare by the outlet in the version, are ranked first (:func:`certainty_upgrades`).

The version's headline is also compared with the claims it summarises: the original's
headline and the body units of the original (and of the version itself) closest to it.

Per version, a certainty-drift summary counts the flags, compares the share of hedged
units over the aligned pairs, and the whole-document profile rates.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Dict, Iterable, List, Optional, Sequence, Tuple

from spacy.tokens import Doc, Span

from .. import DEFAULT_SPANS_KEY
from ..pipeline.noise import NoiseIndex, noise_ranges
from .alignment import (  # noqa: F401  (re-exported: the similarity measures live there)
    MIN_CONTENT_WORDS, PARAMS, Embedder, Link, align_units, content_features, lexical_matrix,
    resolve_method, similarity_matrix,
)

FLAGS = ("hedge dropped", "hedge added", "attribution dropped", "source turned anonymous",
         "source turned named", "denial dropped")
# how firmly the outlet commits to a claim (higher: more certain); a hedge lowers it by 1
LEVELS = {"asserted by the outlet": 3.0, "attributed to a named source": 2.0,
          "attributed to an anonymous source": 1.5, "denied by someone": 1.0}
HEADLINE_CLAIMS = 2  # body units a headline is compared with, per side


@dataclass
class Unit:
    kind: str  # "headline" or "sentence"
    index: int
    start: int
    end: int
    text: str
    spans: List[Dict[str, Any]] = field(default_factory=list)

    def labels(self, label: str) -> List[Dict[str, Any]]:
        return [s for s in self.spans if s["label"] == label]


# --- units ------------------------------------------------------------------------
def _span_info(span: Span) -> Dict[str, Any]:
    info: Dict[str, Any] = {"label": span.label_, "text": span.text, "start": span.start_char, "end": span.end_char}
    if span.label_ == "ATTRIBUTION" and span.has_extension("source_kind"):
        src = span._.source
        info["source"] = src.text if src is not None else None
        info["source_kind"] = span._.source_kind or "none"
    return info


def _has_words(text: str) -> bool:
    return any(c.isalpha() for c in text)


def doc_units(doc: Doc, spans_key: str = DEFAULT_SPANS_KEY) -> List[Unit]:
    """The headline (first non-empty line) and the sentences of the rest, each with the
    spans that start in it; units inside scraped-page noise (``hedgewatch_noise``:
    reader comments, appeals, ...) are left out unless the noise was kept."""
    text = doc.text
    first = len(text) - len(text.lstrip())
    nl = text.find("\n", first)
    head_end = len(text) if nl < 0 else nl
    while head_end > first and text[head_end - 1].isspace():
        head_end -= 1
    bounds: List[Tuple[str, int, int]] = []
    if head_end > first:
        bounds.append(("headline", first, head_end))
    sents = list(doc.sents) if (doc.has_annotation("SENT_START") or doc.has_annotation("DEP")) else [doc[:]]
    for sent in sents:
        piece: List = []
        for tok in list(sent) + [None]:
            if tok is None or (tok.is_space and "\n" in tok.text):
                words = [t for t in piece if not t.is_space]
                if words:
                    s, e = words[0].idx, words[-1].idx + len(words[-1].text)
                    if e > head_end:  # else: inside the headline
                        bounds.append(("sentence", max(s, head_end), e))
                piece = []
            else:
                piece.append(tok)
    noise = NoiseIndex(noise_ranges(doc))
    units: List[Unit] = []
    for kind, s, e in bounds:
        t = text[s:e].strip()
        if noise and (s + len(text[s:e]) - len(text[s:e].lstrip())) in noise:
            continue
        if t and _has_words(t):
            units.append(Unit(kind, len(units), s, e, text[s:e]))
    spans = sorted(doc.spans.get(spans_key, []), key=lambda sp: (sp.start_char, -sp.end_char))
    for sp in spans:
        for u in units:
            if u.start <= sp.start_char < u.end:
                u.spans.append(_span_info(sp))
                break
    return units


def _kinds(spans: Iterable[Dict[str, Any]]) -> set:
    return {s.get("source_kind", "none") for s in spans if s["label"] == "ATTRIBUTION"}


def pair_flags(orig: Sequence[Dict[str, Any]], ver: Sequence[Dict[str, Any]]) -> List[str]:
    """The flags for the pooled spans of an original unit and its version unit(s)."""
    def has(spans, label):
        return any(s["label"] == label for s in spans)

    flags = []
    if has(orig, "HEDGE") and not has(ver, "HEDGE"):
        flags.append("hedge dropped")
    if has(ver, "HEDGE") and not has(orig, "HEDGE"):
        flags.append("hedge added")
    if has(orig, "ATTRIBUTION") and not has(ver, "ATTRIBUTION"):
        flags.append("attribution dropped")
    ko, kv = _kinds(orig), _kinds(ver)
    if "named" in ko and "named" not in kv and "anonymous" in kv:
        flags.append("source turned anonymous")
    if "anonymous" in ko and "named" not in ko and "named" in kv:
        flags.append("source turned named")
    if has(orig, "DENIAL") and not has(ver, "DENIAL"):
        flags.append("denial dropped")
    return flags


def _profile(doc: Doc) -> Dict[str, Any]:
    return (doc._.certainty_profile or {}) if Doc.has_extension("certainty_profile") else {}


def _meta_name(doc: Doc, default: str) -> str:
    meta = doc.user_data.get("meta", {}) or {}
    name = str(meta.get("source", default))
    return f"{name}:{meta['line']}" if "line" in meta else name


def _unit_json(u: Unit) -> Dict[str, Any]:
    return asdict(u)


# --- claim certainty -----------------------------------------------------------------
def certainty(spans: Sequence[Dict[str, Any]]) -> Dict[str, Any]:
    """How a claim (the pooled spans of its units) is put: ``status`` (denied by someone /
    attributed to a named source / to an anonymous source / asserted by the outlet),
    ``hedged``, the sources and hedges, a ``level`` (:data:`LEVELS`, minus 1 when hedged)
    and a one-line ``description``."""
    hedges = [" ".join(s["text"].split()) for s in spans if s["label"] == "HEDGE"]
    atts = [s for s in spans if s["label"] == "ATTRIBUTION"]
    named = [s for s in atts if s.get("source_kind") == "named"]
    denied = [" ".join(s["text"].split()) for s in spans if s["label"] == "DENIAL"]
    if denied:
        status = "denied by someone"
    elif named:
        status = "attributed to a named source"
    elif atts:
        status = "attributed to an anonymous source"
    else:
        status = "asserted by the outlet"
    sources = [" ".join((s.get("source") or s["text"]).split()) for s in (named or atts)]
    level = LEVELS[status] - (1.0 if hedges else 0.0)
    desc = status
    if status.startswith("attributed") and sources:
        desc += f" ({'; '.join(dict.fromkeys(sources))})"
    if status == "denied by someone":
        desc += f" ({'; '.join(dict.fromkeys(denied))})"
    desc += f", hedged ({', '.join(dict.fromkeys(hedges))})" if hedges else (", not hedged" if status != "asserted by the outlet" else ", no hedge")
    if status == "asserted by the outlet" and not hedges:
        desc = "asserted as fact by the outlet"
    return {"status": status, "hedged": bool(hedges), "hedges": hedges, "sources": sources,
            "level": level, "description": desc}


def drift(orig: Dict[str, Any], ver: Dict[str, Any]) -> Dict[str, Any]:
    """The change in certainty of one claim: ``delta`` (version level - original level),
    ``kind`` (upgrade / downgrade / unchanged), ``bare_assertion`` (hedged or attributed in
    the original, asserted as fact by the outlet in the version) and a sentence."""
    delta = ver["level"] - orig["level"]
    bare = (ver["status"] == "asserted by the outlet" and not ver["hedged"]
            and (orig["hedged"] or orig["status"] != "asserted by the outlet"))
    kind = "upgrade" if delta > 0 else "downgrade" if delta < 0 else "unchanged"
    text = f"original: {orig['description']}; version: {ver['description']}"
    return {"kind": kind, "delta": delta, "bare_assertion": bare, "text": text}


def certainty_upgrades(pairs: Sequence[Dict[str, Any]], limit: Optional[int] = None) -> List[Dict[str, Any]]:
    """The pairs whose claim the version states more firmly, strongest first: bare
    assertions of hedged/attributed claims, then by the size of the change, then by
    similarity."""
    ups = [p for p in pairs if p["drift"]["kind"] == "upgrade"]
    ups.sort(key=lambda p: (not p["drift"]["bare_assertion"], -p["drift"]["delta"], -max(p["similarity"])))
    out = [{"original": " ".join(p["original"]["text"].split()),
            "version": " / ".join(" ".join(u["text"].split()) for u in p["version"]),
            "similarity": max(p["similarity"]), **p["drift"]} for p in ups]
    return out[:limit] if limit else out


# --- comparison -------------------------------------------------------------------------
def _merged(units: Sequence[Unit], text: str) -> Dict[str, Any]:
    """One original unit, or two or more neighbouring ones merged into one (a version unit
    that merges original sentences); ``units`` lists the indices."""
    if len(units) == 1:
        return dict(asdict(units[0]), units=[units[0].index])
    first, last = units[0], units[-1]
    return {"kind": first.kind, "index": first.index, "start": first.start, "end": last.end,
            "text": text[first.start:last.end], "spans": [s for u in units for s in u.spans],
            "units": [u.index for u in units]}


def _headline_check(ou: Sequence[Unit], vu: Sequence[Unit], m: Sequence[Sequence[float]], vm, pairs) -> Optional[Dict[str, Any]]:
    """The version's headline against the original's headline and the body claims (of
    the original and of the version) closest to it."""
    hv = next((i for i, u in enumerate(vu) if u.kind == "headline"), None)
    if hv is None:
        return None
    cert_v = certainty(vu[hv].spans)

    def closest(units, row) -> List[Dict[str, Any]]:
        body = [j for j, u in enumerate(units) if u.kind == "sentence"]
        top = sorted(body, key=lambda j: -row[j])[:HEADLINE_CLAIMS]
        return [{"text": " ".join(units[j].text.split()), "similarity": round(row[j], 3),
                 "certainty": certainty(units[j].spans)} for j in top if row[j] > 0]

    orig_claims = closest(ou, m[hv]) if ou else []
    own_claims = closest(vu, vm[0]) if vm else []
    ho = next((u for u in ou if u.kind == "headline"), None)
    levels = [c["certainty"]["level"] for c in orig_claims + own_claims]
    firmer = bool(levels) and cert_v["level"] > max(levels)
    return {
        "headline": " ".join(vu[hv].text.split()),
        "certainty": cert_v,
        "original_headline": {"text": " ".join(ho.text.split()), "certainty": certainty(ho.spans)} if ho else None,
        "original_claims": orig_claims,
        "own_claims": own_claims,
        "firmer_than_claims": firmer,
        "text": (f"headline: {cert_v['description']}; "
                 + ("firmer than every claim it summarises" if firmer else "no firmer than the claims it summarises")),
    }


def compare_units(ou: Sequence[Unit], vu: Sequence[Unit], original_text: str, method: str = "auto",
                  embedder: Optional[Embedder] = None, params: Optional[Dict[str, float]] = None) -> Dict[str, Any]:
    """Align version units to original units; the pairs with flags and claim drift, the
    unaligned units, and the per-version summary (without the document profiles)."""
    method = resolve_method(method)
    weight = (params or {}).get("weight")
    m = similarity_matrix([u.text for u in ou], [u.text for u in vu], method, embedder, weight)
    links, method = align_units(ou, vu, method, embedder, params, matrix=m)
    # a pair: the original units of one alignment and the version units aligned to them
    owner: Dict[int, int] = {}  # original unit -> pair id
    groups: List[Tuple[set, List[int]]] = []
    for i, link in enumerate(links):
        if not link.originals:
            continue
        gid = next((owner[j] for j in link.originals if j in owner), None)
        if gid is None:
            gid = len(groups)
            groups.append((set(), []))
        groups[gid][0].update(link.originals)
        groups[gid][1].append(i)
        for j in link.originals:
            owner[j] = gid
    pairs: List[Dict[str, Any]] = []
    for origs, members in sorted(groups, key=lambda g: g[1][0]):
        o = _merged([ou[j] for j in sorted(origs)], original_text)
        v_spans = [s for i in members for s in vu[i].spans]
        co, cv = certainty(o["spans"]), certainty(v_spans)
        pairs.append({
            "original": o,
            "version": [asdict(vu[i]) for i in members],
            "similarity": [round(links[i].score, 3) for i in members],
            "flags": pair_flags(o["spans"], v_spans),
            "certainty": {"original": co, "version": cv},
            "drift": drift(co, cv),
        })
    unaligned = [dict(asdict(vu[i]), best_similarity=round(link.score, 3)) for i, link in enumerate(links) if not link.originals]
    uncovered = [asdict(ou[j]) for j in range(len(ou)) if j not in owner]
    flag_counts = {f: sum(1 for p in pairs if f in p["flags"]) for f in FLAGS}
    n = len(pairs)
    hedged_o = sum(1 for p in pairs if p["certainty"]["original"]["hedged"])
    hedged_v = sum(1 for p in pairs if p["certainty"]["version"]["hedged"])
    net = flag_counts["hedge added"] - flag_counts["hedge dropped"]
    upgrades = certainty_upgrades(pairs)
    hv = [i for i, u in enumerate(vu) if u.kind == "headline"]
    vm = similarity_matrix([u.text for u in vu], [vu[hv[0]].text], method, embedder, weight) if hv else []
    summary = {
        "alignment": method,
        "aligned_pairs": n,
        "version_units": len(vu),
        "version_units_unaligned": len(unaligned),
        "original_units": len(ou),
        "original_units_without_counterpart": len(uncovered),
        "flags": flag_counts,
        "hedged_share_aligned": {"original": round(hedged_o / n, 4) if n else 0.0,
                                 "version": round(hedged_v / n, 4) if n else 0.0},
        "net_hedges": net,
        # nothing aligned (another story, another language): there is nothing to compare
        "drift": ("nothing aligned" if n == 0 else
                  "more certain" if net < 0 else "less certain" if net > 0 else "no net change"),
        "certainty_upgrades": len(upgrades),
        "bare_assertions": sum(1 for u in upgrades if u["bare_assertion"]),
        "certainty_downgrades": sum(1 for p in pairs if p["drift"]["kind"] == "downgrade"),
    }
    headline = next((p for p in pairs if p["original"]["kind"] == "headline"), None)
    summary["headline_flags"] = headline["flags"] if headline else None
    return {
        "summary": summary,
        "pairs": pairs,
        "upgrades": upgrades,
        "headline": _headline_check(ou, vu, m, vm, pairs),
        "version_unaligned": unaligned,
        "original_without_counterpart": uncovered,
    }


def compare_docs(original: Doc, version: Doc, method: str = "auto", embedder: Optional[Embedder] = None,
                 params: Optional[Dict[str, float]] = None) -> Dict[str, Any]:
    """Align ``version`` to ``original`` and flag certainty changes (a JSON-able dict)."""
    result = compare_units(doc_units(original), doc_units(version), original.text, method, embedder, params)
    po, pv = _profile(original), _profile(version)
    result["summary"]["hedges_per_1000_words"] = {"original": po.get("per_1000_words", {}).get("HEDGE"),
                                                  "version": pv.get("per_1000_words", {}).get("HEDGE")}
    result["summary"]["anonymous_source_share"] = {"original": po.get("anonymous_source_share"),
                                                   "version": pv.get("anonymous_source_share")}
    return {"original": _meta_name(original, "original"), "version": _meta_name(version, "version"), **result}


def compare_versions(original: Doc, versions: Iterable[Doc], method: str = "auto", embedder: Optional[Embedder] = None,
                     params: Optional[Dict[str, float]] = None) -> List[Dict[str, Any]]:
    """:func:`compare_docs` for each version; with the semantic aligner the units of all
    documents are embedded first, once each, in batches."""
    method = resolve_method(method)
    versions = list(versions)
    if method == "semantic":
        from .alignment import _clean, default_embedder

        embedder = embedder or default_embedder()
        embedder.encode([_clean(u.text) for d in [original, *versions] for u in doc_units(d)])
    return [compare_docs(original, v, method, embedder, params) for v in versions]
