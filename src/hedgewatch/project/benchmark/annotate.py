"""``hedgewatch annotate`` over .txt files: wall time and peak RSS of the child, and
whether memory stays flat from the smaller run to the larger."""
import importlib.util
import sys
import tempfile
from pathlib import Path
from typing import List, Optional, Sequence, Tuple

from .processes import child_env, run_child
from .settings import FLAT_MEMORY_RATIO, ROOT


def annotate_available() -> Tuple[bool, str]:
    try:
        if importlib.util.find_spec("hedgewatch.app.cli") is None:
            return False, "hedgewatch.app.cli is not importable"
        if importlib.util.find_spec("hedgewatch.__main__") is None:
            return False, "hedgewatch has no __main__ (python -m hedgewatch)"
    except (ImportError, ValueError) as err:
        return False, f"hedgewatch.app.cli is not importable ({err})"
    return True, ""


def run_annotate(model: str, texts: List[str], counts: List[int], sizes: Sequence[int],
                 timeout: Optional[float] = None, log=print) -> dict:
    ok, why = annotate_available()
    result: dict = {"model": model, "available": ok, "runs": []}
    if not ok:
        result["reason"] = why
        log(f"  hedgewatch annotate: not available ({why})")
        return result
    for n in sizes:
        with tempfile.TemporaryDirectory(prefix=f"hw-annotate-{n}-") as tmp:
            docs_dir = Path(tmp) / "docs"
            docs_dir.mkdir()
            words = 0
            for i in range(n):
                (docs_dir / f"doc{i:05d}.txt").write_text(texts[i % len(texts)], encoding="utf8")
                words += counts[i % len(texts)]
            out = Path(tmp) / "out.jsonl"
            cmd = [sys.executable, "-m", "hedgewatch", "annotate", str(docs_dir), "-o", str(out),
                   "--model", model, "--force"]
            log(f"  hedgewatch annotate: {n} documents ({words:,} words)")
            res = run_child(cmd, cwd=ROOT, env=child_env(), timeout=timeout)
            lines = 0
            if out.exists():
                with out.open("rb") as fh:
                    lines = sum(1 for line in fh if line.strip())
            run = {
                "documents": n, "words": words, "wall_seconds": res["wall_seconds"],
                "peak_rss_mib": res["peak_rss_mib"],
                "peak_tree_rss_mib": max(res["peak_tree_rss_mib"], res["peak_rss_mib"]),
                "returncode": res["returncode"], "output_lines": lines,
            }
            if res["returncode"] != 0 or res["timed_out"]:
                run["error"] = "timed out" if res["timed_out"] else (
                    (res["stderr"].strip().splitlines() or ["failed"])[-1][:300])
                log(f"    failed: {run['error']}")
            else:
                log(f"    {res['wall_seconds']:.1f} s, peak RSS {res['peak_rss_mib']:,.0f} MiB, {lines} output lines")
            result["runs"].append(run)
    good = [r for r in result["runs"] if "error" not in r]
    if len(good) >= 2:
        small, large = good[0], good[-1]
        result["memory_ratio"] = large["peak_rss_mib"] / small["peak_rss_mib"]
        result["memory_flat"] = result["memory_ratio"] <= FLAT_MEMORY_RATIO
        if large["documents"] > small["documents"]:
            result["marginal_seconds_per_doc"] = (large["wall_seconds"] - small["wall_seconds"]) / (
                large["documents"] - small["documents"])
            result["marginal_words_per_second"] = (large["words"] - small["words"]) / max(
                1e-9, large["wall_seconds"] - small["wall_seconds"])
    return result
