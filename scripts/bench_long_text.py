"""Long texts through ``hedgewatch annotate``'s code path: peak RSS and words/s against
a normal article (issue 14: a text over nlp.max_length must go through in bounded
memory and linear time).

Each case runs in a fresh process (so its peak RSS is its own): load the pipeline,
annotate the text with :func:`hedgewatch.app.annotate.annotate`, write the JSONL record
(to a temporary file) and report peak RSS (``ru_maxrss``), the seconds spent annotating
and words/s. Cases: a seed article (normal), the seeds repeated to ~5 MB with their
paragraphs, ~1.5 MB with no line breaks, ~1.4 MB of repeated "may be".

    python scripts/bench_long_text.py --model training/cpu/model-tuned [--out docs/long-texts.md]

Not a timed test: the tests check correctness and that a multi-MB text completes.
"""
import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RAW = ROOT / "corpus" / "raw"


def make_text(case: str) -> str:
    seeds = [p.read_text(encoding="utf8") for p in sorted(RAW.glob("*.txt"))]
    article = next(p for p in sorted(RAW.glob("003_*.txt"))).read_text(encoding="utf8")
    if case == "article":
        return article
    if case == "5mb":
        text, out = "\n\n".join(seeds), []
        size = 0
        while size < 5_000_000:
            out.append(text)
            size += len(text) + 2
        return "\n\n".join(out)
    if case == "1.5mb-one-line":
        flat = " ".join(article.split())
        return " ".join([flat] * (1_500_000 // (len(flat) + 1) + 1))
    if case == "may-be":
        return "may be " * 200_000
    raise ValueError(case)


def child(model: str, case: str) -> None:
    from hedgewatch.app.annotate import annotate, check_pipeline, prepare_pipeline
    from hedgewatch.app.output import write_jsonl
    from hedgewatch.app.readers import InputDoc
    import spacy

    nlp = spacy.load(model)
    check_pipeline(nlp, model)
    prepare_pipeline(nlp)
    nlp("Warm-up: officials said the report may be wrong.")
    text = make_text(case)
    rss_loaded = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    t0 = time.perf_counter()
    with tempfile.TemporaryFile("w+", encoding="utf8") as fh:
        docs = list(annotate(nlp, [InputDoc(text, {"case": case})]))
        write_jsonl(docs, fh)
        words = docs[0].user_data.get("hedgewatch_profile", {}).get("words") or len(docs[0])
        spans = len(docs[0].spans.get("sc", []))
    secs = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"case": case, "chars": len(text), "words": words, "spans": spans, "seconds": round(secs, 2),
                      "words_per_s": round(words / secs), "rss_loaded_mb": round(rss_loaded / 1024),
                      "peak_rss_mb": round(peak / 1024)}))


CASES = ("article", "5mb", "1.5mb-one-line", "may-be")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--model", required=True)
    ap.add_argument("--out", type=Path, default=None, help="write a Markdown table here")
    ap.add_argument("--cases", nargs="*", default=list(CASES))
    ap.add_argument("--child", default=None, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        child(args.model, args.child)
        return 0
    rows = []
    for case in args.cases:
        res = subprocess.run([sys.executable, __file__, "--model", args.model, "--child", case],
                             capture_output=True, text=True)
        if res.returncode != 0:
            sys.stderr.write(res.stderr)
            return 1
        rows.append(json.loads(res.stdout.strip().splitlines()[-1]))
        print(json.dumps(rows[-1]), flush=True)
    base = rows[0] if rows and rows[0]["case"] == "article" else None
    lines = [f"Long texts (`python scripts/bench_long_text.py --model {args.model}`), one process per case:", "",
             "| case | characters | words | seconds | words/s | peak RSS (MB) | RSS vs article | words/s vs article |",
             "|---|---|---|---|---|---|---|---|"]
    for r in rows:
        rel_rss = f"{r['peak_rss_mb'] / base['peak_rss_mb']:.2f}x" if base else "-"
        rel_wps = f"{r['words_per_s'] / base['words_per_s']:.2f}x" if base else "-"
        lines.append(f"| {r['case']} | {r['chars']:,} | {r['words']:,} | {r['seconds']} | {r['words_per_s']:,} | "
                     f"{r['peak_rss_mb']:,} | {rel_rss} | {rel_wps} |")
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        args.out.write_text(table, encoding="utf8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
