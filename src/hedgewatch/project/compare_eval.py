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
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Dict, Iterable, List, Optional, Sequence, Set, Tuple

from .realnews import RealNewsError, basil_text, sha256


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


def tune(pairs, method: str, matrices, grid: Dict[str, Sequence[float]]) -> Tuple[Dict[str, float], Dict[str, float]]:
    """The parameters (from ``grid``, a value list per parameter) with the best F1 on
    ``pairs``; ties go to the first in grid order."""
    import itertools

    from ..app.alignment import PARAMS

    keys = list(grid)
    best: Tuple[float, Dict[str, float], Dict[str, float]] = (-1.0, {}, {})
    for values in itertools.product(*(grid[k] for k in keys)):
        params = dict(PARAMS[method], **dict(zip(keys, values)))
        if params["anchor"] < params["min"]:
            continue
        s = score([p[0] for p in pairs], align_pairs(pairs, method, params=params, matrices=matrices))
        if s["f"] > best[0] + 1e-9:
            best = (s["f"], params, s)
    return best[1], best[2]
