"""The speed and memory targets (issue 14), checked here and only here, never in the tests."""
import os
from pathlib import Path
from typing import List, Optional

from .settings import (
    DEFAULT_CPU, DEFAULT_TRF, REFERENCE_LABEL, TARGET_CPU_BATCHES, TARGET_CPU_RATIO, TARGET_TRF_RSS_MIB,
    TARGET_TRF_WPS,
)


def configured_batch_size(model: str) -> Optional[int]:
    """``[nlp] batch_size`` of a pipeline directory's config (None for a package name)."""
    cfg = Path(model) / "config.cfg"
    if not cfg.exists():
        return None
    from spacy.util import load_config

    return int(load_config(cfg, interpolate=False)["nlp"]["batch_size"])


def check_targets(rows: List[dict], cpu_name: str = DEFAULT_CPU, trf_name: str = DEFAULT_TRF,
                  n_texts: Optional[int] = None) -> List[dict]:
    targets = []
    cpu_rows = [r for r in rows if r["name"] == cpu_name and "ratio" in r and r["n_process"] == 1
                and r["batch_size"] in TARGET_CPU_BATCHES]
    unfilled = [b for b in TARGET_CPU_BATCHES if n_texts is not None and n_texts < b]
    cpu_target = (f"default CPU pipeline ({cpu_name}), all components: >= {TARGET_CPU_RATIO}x "
                  f"{REFERENCE_LABEL} words/s at batch {' and '.join(map(str, TARGET_CPU_BATCHES))}, one process")
    if cpu_rows and unfilled:
        # fewer texts than the batch size: the row times a smaller batch, not this one
        targets.append({
            "target": cpu_target,
            "measured": f"not measured: the text set has {n_texts} texts, fewer than batch "
                        f"{' and '.join(map(str, unfilled))}",
            "met": None,
        })
    elif cpu_rows:
        targets.append({
            "target": cpu_target,
            "measured": ", ".join(f"{r['ratio']:.2f}x at batch {r['batch_size']}" for r in sorted(cpu_rows, key=lambda r: r["batch_size"])),
            "met": all(r["ratio"] >= TARGET_CPU_RATIO for r in cpu_rows) and len(cpu_rows) == len(TARGET_CPU_BATCHES),
        })
    else:
        targets.append({"target": f"default CPU pipeline ({cpu_name}) >= {TARGET_CPU_RATIO}x reference",
                        "measured": "not measured", "met": None})
    trf_rows = [r for r in rows if r["name"] == trf_name and "words_per_second" in r]
    if trf_rows:
        best = max(trf_rows, key=lambda r: r["words_per_second"])
        targets.append({
            "target": f"transformer pipeline ({trf_name}): >= {TARGET_TRF_WPS:,.0f} words/s on "
                      f"{os.cpu_count()} cores",
            "measured": f"{best['words_per_second']:,.0f} words/s (best: batch {best['batch_size']}, "
                        f"n_process {best['n_process']})",
            "met": best["words_per_second"] >= TARGET_TRF_WPS,
        })
        batch = configured_batch_size(trf_rows[0]["model"])
        at = [r for r in trf_rows if r["batch_size"] == batch and r["n_process"] == 1]
        targets.append({
            "target": f"transformer pipeline ({trf_name}): peak RSS < {TARGET_TRF_RSS_MIB / 1024:.0f} GB at its configured batch size"
                      + (f" ({batch})" if batch else ""),
            "measured": f"{at[0]['peak_rss_mib']:,.0f} MiB at batch {batch}, one process" if at else
                        f"not measured (configured batch {batch} not among the batch sizes run)",
            "met": (at[0]["peak_rss_mib"] < TARGET_TRF_RSS_MIB) if at else None,
        })
    else:
        targets.append({"target": f"transformer pipeline ({trf_name}) >= {TARGET_TRF_WPS:,.0f} words/s",
                        "measured": "not measured", "met": None})
    return targets
