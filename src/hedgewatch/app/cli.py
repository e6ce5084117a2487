"""The ``hedgewatch`` command line (also ``python -m hedgewatch``).

A thin Typer layer over plain functions: reading in :mod:`.readers`, running the pipeline in
:mod:`.annotate`, writing in :mod:`.output`, version comparison in :mod:`.compare`, model lookup in :func:`find_model`.
"""
from __future__ import annotations

import importlib.util
import os
import sys
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator, List, Optional

import typer

from .. import __version__

DEFAULT_MODEL_PACKAGE = "en_hedgewatch"
WORKFLOW_MODEL = Path("training") / "cpu" / "model-tuned"
HOW_TO_GET_ONE = (
    "Train one: in the hedgewatch project directory run `spacy project run all` (it writes "
    "training/cpu/model-tuned and the package wheel under packages/); or install the packaged "
    "pipeline: `pip install packages/en_hedgewatch-0.1.0/dist/en_hedgewatch-0.1.0-py3-none-any.whl`; "
    "or pass --model NAME_OR_PATH."
)
NO_MODEL = (
    "No hedgewatch pipeline found: no --model given, the package en_hedgewatch is not "
    "installed, and there is no ./training/cpu/model-tuned. " + HOW_TO_GET_ONE
)

app = typer.Typer(
    name="hedgewatch",
    help="Hedges, attributions and denials in news text.\n\n"
         "annotate: run the pipeline over articles (.txt, .html, .jsonl, directories, stdin) and write JSONL, HTML, "
         "a DocBin or a table.\n"
         "report: an HTML report (per outlet and month, charts) over annotate's Parquet output.\n"
         "compare: align versions of one story to the original and flag dropped or added hedges, attributions "
         "and denials.\n"
         "serve: the pipeline over HTTP (POST /annotate, /compare) and a page to paste articles into.\n\n"
         "Run `hedgewatch COMMAND --help` for the inputs, outputs and an example of each command.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_show_locals=False,
)


class ModelNotFound(RuntimeError):
    pass


class AnnotateFormat(str, Enum):
    jsonl = "jsonl"
    html = "html"
    spacy = "spacy"
    table = "table"
    parquet = "parquet"


class AlignMethod(str, Enum):
    auto = "auto"
    semantic = "semantic"
    lexical = "lexical"


class CompareFormat(str, Enum):
    table = "table"
    json = "json"
    html = "html"


COMPARE_SUFFIXES = {".md": "table", ".txt": "table", ".json": "json", ".html": "html", ".htm": "html"}


# --- plain functions --------------------------------------------------------------
def find_model(model: Optional[str] = None) -> str:
    """``model``, else the installed ``en_hedgewatch``, else ``./training/cpu/model-tuned`` (the workflow's pipeline, merger thresholds tuned on dev)."""
    if model:
        return model
    if importlib.util.find_spec(DEFAULT_MODEL_PACKAGE) is not None:
        return DEFAULT_MODEL_PACKAGE
    if (WORKFLOW_MODEL / "config.cfg").exists():
        return str(WORKFLOW_MODEL)
    raise ModelNotFound(NO_MODEL)


@lru_cache(maxsize=4)
def _load(name: str):
    import spacy

    return spacy.load(name)


def load_model(model: Optional[str] = None):
    """Load (once per process) the pipeline :func:`find_model` picks."""
    name = find_model(model)
    path = Path(name)
    key = str(path.resolve()) if path.exists() else name
    try:
        return _load(key)
    except Exception as err:  # spaCy raises OSError for a missing model, others for broken ones
        hint = "" if path.exists() else f" {HOW_TO_GET_ONE}"
        raise ModelNotFound(f"cannot load the pipeline {name!r}: {err}{hint}") from None


def load_hedgewatch(model: Optional[str] = None, keep_noise: bool = False):
    """:func:`load_model`, refused when it is not a hedgewatch pipeline, with the
    scraped-text noise marker added when the pipeline predates it."""
    from .annotate import NotAHedgewatchPipeline, check_pipeline, prepare_pipeline

    nlp = load_model(model)
    try:
        check_pipeline(nlp, repr(find_model(model)))
    except NotAHedgewatchPipeline as err:
        raise ModelNotFound(str(err)) from None
    return prepare_pipeline(nlp, keep_noise)


def _interrupted(n_process: int = 1) -> None:
    """Ctrl-C / SIGINT: the output's temporary files are gone already; exit 130. After
    worker processes, leave without waiting on their queues' feeder threads."""
    typer.echo("hedgewatch: interrupted; nothing written", err=True)
    if n_process > 1:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(130)
    raise typer.Exit(130)


def _stderr_line(message: str, bar=None) -> None:
    if bar is not None and not bar.disable:
        bar.write(message, file=sys.stderr)
        sys.stderr.flush()
    else:
        typer.echo(message, err=True)


def _is_multi(inputs: List[str]) -> bool:
    return len(inputs) > 1 or any(Path(i).is_dir() or Path(i).suffix.lower() == ".jsonl" for i in inputs if i != "-")


def _with_progress(docs: Iterable, bar) -> Iterator:
    for doc in docs:
        bar.update(1)
        yield doc


def _fail(message: str, code: int = 1) -> None:
    typer.echo(f"error: {message}", err=True)
    raise typer.Exit(code)


# --- annotate ---------------------------------------------------------------------
@app.command(no_args_is_help=True)
def annotate(
    inputs: List[str] = typer.Argument(
        ..., metavar="INPUT...",
        help="Files (.txt, .html/.htm, .jsonl), directories (walked recursively for those extensions) or - for standard input.", show_default=False),
    output: Optional[Path] = typer.Option(
        None, "--output", "-o", help="Output file; standard output when omitted (not for --format spacy).", show_default=False),
    model: Optional[str] = typer.Option(
        None, "--model", "-m",
        help="Pipeline name or path; default: the installed en_hedgewatch, else ./training/cpu/model-tuned.", show_default=False),
    fmt: Optional[AnnotateFormat] = typer.Option(
        None, "--format", "-f", case_sensitive=False,
        help="Output format; default: from the output suffix (.jsonl .html .spacy .md/.txt), else jsonl.", show_default=False),
    text_key: str = typer.Option("text", "--text-key", help="JSONL field holding the text; the other fields go to meta."),
    n_process: int = typer.Option(1, "--n-process", min=1, help="Processes for nlp.pipe."),
    batch_size: int = typer.Option(32, "--batch-size", min=1, help="Documents per batch for nlp.pipe."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    progress: Optional[bool] = typer.Option(
        None, "--progress/--no-progress", help="Progress bar on stderr; default: on for multi-document runs.", show_default=False),
    keep_noise: bool = typer.Option(
        False, "--keep-noise",
        help="Keep spans inside scraped-page noise (reader comments, donation/paywall notices, share prompts, "
             "image credits); by default they are left out of the spans and the profile."),
    workers: Optional[int] = typer.Option(
        None, "--workers", min=1,
        help="--format parquet: run on an embedded Dask cluster of N worker processes (one thread each).", show_default=False),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler",
        help="--format parquet: run on an existing Dask cluster, e.g. tcp://10.0.0.5:8786 (inputs, -o DIR and the "
             "pipeline must be at the same paths on the workers).", show_default=False),
    partition_size: int = typer.Option(
        500, "--partition-size", min=1, help="--format parquet: documents per partition (one Parquet file each)."),
) -> None:
    """Annotate articles with HEDGE, ATTRIBUTION and DENIAL spans and a certainty profile.

    Inputs: .txt files (one article each, UTF-8); .html/.htm pages (main text extracted by
    trafilatura: navigation, boilerplate and comments dropped); .jsonl files (one article
    per line under --text-key, other fields kept in meta); directories, walked recursively
    for those extensions; - for standard input (one plain-text article).

    Outputs: jsonl, one record per article: text, spans (start, end, label, text, score,
    and the resolved source, cue, content, source_kind, source_resolved, denier, denied,
    speaker), profile, meta (the input path). html: one self-contained page with
    displaCy's span view and the profile table per article. spacy: a DocBin that keeps
    user data (resolver fields, profile, meta). table: one summary row per article.
    Files are written atomically and never overwritten without --force.
    parquet (-o DIR): one Parquet file per partition of --partition-size documents, one
    row per article (id, source, text SHA-256, spans as structs, profile columns), bad
    articles in DIR/_errors.jsonl; in this process, or on Dask with --workers N /
    --scheduler ADDRESS. Re-running the same command resumes: complete partitions are
    kept; a DIR from other inputs or another pipeline is refused unless --force.

    Scraped-page noise (reader comments, donation and subscription appeals, paywall
    notices, share/cookie prompts, image credits) is marked (doc.spans["hw_noise"]) and
    its spans are left out of the spans and the profile; --keep-noise keeps them.

    A bad input (missing, empty, binary, not UTF-8, unreadable, a malformed JSONL line,
    a JSONL record with a lone surrogate) gets one line on stderr naming it and the
    reason; the others are still processed and the exit code is 1. Long texts are
    processed in pieces of up to 20,000 characters (offsets refer to the whole text).
    A directory's walk skips this run's output file and files hedgewatch wrote. Two
    runs cannot write the same output file at once; a run that wrote nothing leaves no
    file.

    \b
    Examples:
      hedgewatch annotate corpus/raw/ -o raw.jsonl
      hedgewatch annotate article.html story.txt -o report.html
      cat article.txt | hedgewatch annotate - --format table
      hedgewatch annotate archive.jsonl -o archive/ --format parquet --workers 2
    """
    if fmt == AnnotateFormat.parquet or workers or scheduler:
        _annotate_parquet(inputs, output, model, fmt, text_key, batch_size, force, progress, workers, scheduler,
                          partition_size)
        return
    from .output import check_output, claim_output, infer_format, interruptible

    try:
        fmt_name = infer_format(output, fmt.value if fmt else None)
    except ValueError as err:
        _fail(str(err))
    to_stdout = output is None or str(output) == "-"
    if fmt_name == "spacy" and to_stdout:
        _fail("--format spacy writes a binary DocBin: give an output file with -o FILE.spacy", 2)
    try:
        check_output(output, force)  # before the pipeline loads; claimed below
    except OSError as err:
        _fail(str(err))
    try:
        nlp = load_hedgewatch(model, keep_noise)
    except ModelNotFound as err:
        _fail(str(err))
    from tqdm import tqdm

    from .annotate import annotate as run
    from .output import write_docs
    from .readers import iter_inputs

    try:
        target = claim_output(output, force, binary=fmt_name == "spacy")
    except OSError as err:
        _fail(str(err))
    show = _is_multi(inputs) if progress is None else progress
    bar = tqdm(file=sys.stderr, unit="doc", desc="annotate", disable=not show, leave=False, dynamic_ncols=True)
    errors: List[str] = []

    def on_error(err) -> None:
        errors.append(str(err))
        _stderr_line(f"error: {err}", bar)

    try:
        with interruptible():
            items = iter_inputs(inputs, text_key, exclude=[] if to_stdout else [output])
            docs = run(nlp, items, n_process=n_process, batch_size=batch_size, on_error=on_error)
            try:
                n = write_docs(_with_progress(docs, bar), output, fmt_name, force, target=target)
            finally:
                bar.close()
    except KeyboardInterrupt:
        _interrupted(n_process)
    except OSError as err:  # the output: appeared meanwhile, disk full, ...
        _fail(str(err))
    finally:
        if target is not None:
            target.close()
    if output is not None or errors:
        where = output if output is not None else "standard output"
        failed = f"; {len(errors)} input(s) failed" if errors else ""
        if n == 0 and not to_stdout:
            typer.echo(f"hedgewatch: no document written; {output} not created{failed}", err=True)
        else:
            typer.echo(f"hedgewatch: {n} document(s) written to {where} ({fmt_name}){failed}", err=True)
    if errors or n == 0:
        raise typer.Exit(1)


def _annotate_parquet(inputs, output, model, fmt, text_key, batch_size, force, progress, workers, scheduler,
                      partition_size) -> None:
    """``annotate --format parquet``: partitions of Parquet files under -o DIR (hedgewatch.app.cluster)."""
    if fmt != AnnotateFormat.parquet:
        _fail("--workers/--scheduler write Parquet partitions: add --format parquet -o DIR", 2)
    if output is None:
        _fail("--format parquet writes a directory of Parquet files: give it with -o DIR", 2)
    if workers and scheduler:
        _fail("give --workers (an embedded cluster) or --scheduler (an existing one), not both", 2)
    try:
        from .cluster import JobRefused, plan_partitions, run_job
    except ImportError as err:
        _fail(f"--format parquet needs the 'cluster' extra ({err.name} is not installed): "
              'pip install "hedgewatch[cluster]"')
    try:
        name = find_model(model)
    except ModelNotFound as err:
        _fail(str(err))
    path = Path(name)
    if path.exists():
        name = str(path.resolve())  # workers may run in another directory
    try:
        plan = plan_partitions(inputs, partition_size, exclude=output)
    except (JobRefused, ValueError) as err:
        _fail(str(err), 2)
    typer.echo(f"hedgewatch: {plan['items']} document(s) in {len(plan['partitions'])} partition(s) of up to "
               f"{partition_size}; " + (f"Dask scheduler {scheduler}" if scheduler else
                                        f"{workers} Dask worker process(es)" if workers else "in this process"), err=True)
    try:
        result = run_job(inputs, output, model=name, text_key=text_key, partition_size=partition_size,
                         workers=workers, scheduler=scheduler, force=force,
                         progress=True if progress is None else progress, batch_size=batch_size,
                         echo=lambda m: typer.echo(m, err=True), plan=plan)
    except JobRefused as err:
        _fail(str(err))
    except KeyboardInterrupt:
        raise typer.Exit(130)
    except OSError as err:
        _fail(str(err))
    if result.written:
        rate = f", {result.words / result.seconds:,.0f} words/s" if result.seconds > 0 else ""
        typer.echo(f"hedgewatch: {result.written} partition(s) written to {output} ({result.rows} document(s), "
                   f"{result.seconds:.1f} s{rate}); {result.skipped} kept from an earlier run", err=True)
    if result.errors:
        typer.echo(f"hedgewatch: {result.errors} input(s) failed: see {Path(output) / '_errors.jsonl'}", err=True)
    if result.failed:
        typer.echo(f"hedgewatch: {len(result.failed)} partition(s) failed; run the same command again to retry them",
                   err=True)
        raise typer.Exit(1)
    if result.errors:
        raise typer.Exit(1)


# --- report -----------------------------------------------------------------------
@app.command(no_args_is_help=True)
def report(
    directory: Path = typer.Argument(..., metavar="DIR", help="A directory written by annotate --format parquet.",
                                     show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="The HTML report; standard output when omitted.",
                                          show_default=False),
    top: int = typer.Option(20, "--top", min=1, help="How many of the most hedged articles to list."),
    min_words: int = typer.Option(150, "--min-words", min=0,
                                  help="Articles shorter than this are left out of the most-hedged list."),
    title: str = typer.Option("hedgewatch report", "--title", help="The page title."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
) -> None:
    """A self-contained HTML report over annotate's Parquet output: per outlet and per
    month, hedges per 1,000 words, the share of anonymous attributions and denials (tables
    and inline SVG charts), and the most hedged articles.

    \b
    Example:
      hedgewatch annotate archive.jsonl -o archive/ --format parquet --workers 2
      hedgewatch report archive/ -o report.html
    """
    from .output import check_output, write_text

    try:
        check_output(output, force)
        from .report import build_report, render_report
    except OSError as err:
        _fail(str(err))
    except ImportError as err:
        _fail(f"report needs the 'cluster' extra ({err.name} is not installed): pip install \"hedgewatch[cluster]\"")
    try:
        data = build_report(directory, top=top, min_words=min_words)
    except (OSError, ValueError) as err:
        _fail(str(err))
    write_text(render_report(data, title=title), output, force)
    if output is not None:
        typer.echo(f"hedgewatch: report over {data['totals']['articles']} article(s) written to {output}", err=True)


# --- compare ----------------------------------------------------------------------
@app.command(no_args_is_help=True)
def compare(
    original: str = typer.Argument(..., help="The original article (.txt, .html/.htm, or a one-line .jsonl).", show_default=False),
    versions: List[str] = typer.Argument(
        ..., metavar="VERSION...", help="Versions of the story: files, directories or .jsonl (one version per line).", show_default=False),
    fmt: Optional[CompareFormat] = typer.Option(
        None, "--format", "-f", case_sensitive=False,
        help="table (Markdown), json or html; default: from the output suffix (.md .json .html), else table.", show_default=False),
    output: Optional[Path] = typer.Option(None, "--output", "-o", help="Output file; standard output when omitted.", show_default=False),
    model: Optional[str] = typer.Option(
        None, "--model", "-m",
        help="Pipeline name or path; default: the installed en_hedgewatch, else ./training/cpu/model-tuned.", show_default=False),
    text_key: str = typer.Option("text", "--text-key", help="JSONL field holding the text."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing output file."),
    keep_noise: bool = typer.Option(
        False, "--keep-noise",
        help="Keep spans inside scraped-page noise (reader comments, donation/paywall notices, share prompts, "
             "image credits); by default they are left out of the spans and the profile."),
    align: AlignMethod = typer.Option(
        AlignMethod.auto, "--align", case_sensitive=False,
        help="semantic (MiniLM sentence embeddings + shared words; needs the semantic or trf extra), lexical "
             "(shared words), or auto: semantic when installed."),
) -> None:
    """Compare versions of one story with the original: where did the hedges go?

    Inputs: ORIGINAL, one article; VERSION..., one or more retellings of the same story
    (same input kinds as annotate). The headline (first line) and every sentence of each
    version is aligned to its counterpart(s) in the original by meaning (sentence
    embeddings combined with shared words, order-aware; --align), so independent
    retellings align too; a version sentence may merge two original ones, or split one.

    Outputs: per aligned pair, the HEDGE, ATTRIBUTION and DENIAL spans on each side and
    the flags hedge dropped, hedge added, attribution dropped, source turned anonymous,
    source turned named, denial dropped, and the claim's certainty on each side (hedged;
    attributed to a named or anonymous source; asserted by the outlet; denied) with its
    change; per version a certainty-drift summary, the headline against the claims it
    summarises, and the strongest certainty upgrades (hedged or attributed claims now
    asserted as fact). html also puts the versions side by side, claim by claim.
    table: Markdown tables (readable in a terminal); json: the full result; html: one
    self-contained page with the spans highlighted. Files are written atomically and
    never overwritten without --force. Scraped-page noise (reader comments, appeals,
    paywall notices, ...) is not compared (--keep-noise compares it too); a version of
    which nothing aligns (another story, another language) says so.

    \b
    Examples:
      hedgewatch compare corpus/raw/003_*.txt corpus/raw/002_*.txt
      hedgewatch compare corpus/raw/003_*.txt corpus/raw/00[0124]_*.txt -o seeds.md
      hedgewatch compare original.txt v1.html v2.txt -o report.html
    """
    from .output import check_output, claim_output, interruptible
    from .readers import InputError, iter_inputs

    fmt_name = fmt.value if fmt else (COMPARE_SUFFIXES.get(output.suffix.lower(), "table") if output else "table")
    try:
        check_output(output, force)
    except OSError as err:
        _fail(str(err))
    errors: List[str] = []

    def on_error(err) -> None:
        errors.append(str(err))
        _stderr_line(f"error: {err}")

    # the original must be one article: read it (without annotating anything) first
    read = []
    for item in iter_inputs([original], text_key):
        if isinstance(item, InputError):
            on_error(item)
            continue
        read.append(item)
        if len(read) > 1:
            _fail(f"ORIGINAL must be one article; {original} holds more than one (give one line of it)")
    if not read:
        if errors:
            raise typer.Exit(1)  # the reason is on stderr already
        _fail(f"ORIGINAL must be one article; {original} holds none")
    try:
        nlp = load_hedgewatch(model, keep_noise)
    except ModelNotFound as err:
        _fail(str(err))
    from .alignment import SemanticUnavailable
    from .compare import compare_versions
    from .compare_report import render_html, render_json, render_table
    from .annotate import annotate as run
    from .output import write_text

    try:
        target = claim_output(output, force)
    except OSError as err:
        _fail(str(err))
    try:
        with interruptible():
            [orig] = list(run(nlp, read))
            exclude = [] if output is None or str(output) == "-" else [output]
            try:
                results = compare_versions(orig, run(nlp, iter_inputs(versions, text_key, exclude=exclude),
                                                     on_error=on_error), align.value)
            except SemanticUnavailable as err:
                _fail(str(err))
            if not results:
                _fail("no version could be read")
            for r in results:
                if r["summary"]["aligned_pairs"] == 0:
                    _stderr_line(f"warning: nothing of {r.get('version', 'a version')} aligned with the original "
                                 "(another story, or not English?): nothing to compare")
            if fmt_name == "json":
                text = render_json(results)
            elif fmt_name == "html":
                text = render_html(results, title=f"hedgewatch compare: versions of {Path(original).name}")
            else:
                text = render_table(results, title=f"Versions of {original} compared") + "\n"
            write_text(text, output, force, target=target)
    except KeyboardInterrupt:
        _interrupted()
    except OSError as err:
        _fail(str(err))
    finally:
        if target is not None:
            target.close()
    if output is not None:
        typer.echo(f"hedgewatch: {len(results)} version(s) compared, written to {output} ({fmt_name})", err=True)
    if errors:
        raise typer.Exit(1)


# --- serve ------------------------------------------------------------------------
@app.command()
def serve(
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (loopback by default)."),
    port: int = typer.Option(8080, "--port", min=0, max=65535, help="Port to listen on."),
    model: Optional[str] = typer.Option(
        None, "--model", "-m",
        help="Pipeline name or path; default: the installed en_hedgewatch, else ./training/cpu/model-tuned.", show_default=False),
    workers: int = typer.Option(1, "--workers", min=1, help="Pipeline worker processes (each loads the model once)."),
    timeout: float = typer.Option(60.0, "--timeout", min=0.1, help="Seconds a request may take before it gets 504."),
    max_body: int = typer.Option(5 * 1024 * 1024, "--max-body", min=1, help="Largest request body in bytes (413 above)."),
) -> None:
    """Serve the pipeline over HTTP and the page: paste or upload an article, see its spans.

    GET / is the page, GET /healthz is 200 once the model is loaded, /docs the OpenAPI
    documentation; POST /annotate and POST /compare return what `annotate --format jsonl`
    and `compare --format json` write. Needs the serve extra: pip install "hedgewatch[serve]".

    \b
    Example:
      hedgewatch serve --port 8080 --workers 2
    """
    try:
        from .serve import serve as run_server
    except ImportError as err:
        _fail(f"serve needs the 'serve' extra ({err.name or err} is not installed): pip install \"hedgewatch[serve]\"")
    try:
        name = find_model(model)
    except ModelNotFound as err:
        _fail(str(err))
    try:
        installed = importlib.util.find_spec(name.replace("-", "_")) is not None
    except (ImportError, ValueError):
        installed = False
    if not Path(name).exists() and not installed:
        _fail(f"no pipeline {name!r}: neither a directory nor an installed package. {HOW_TO_GET_ONE}")
    run_server(host=host, port=port, model=model, workers=workers, timeout=timeout, max_body=max_body)


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"hedgewatch {__version__}")
        raise typer.Exit()


@app.callback()
def _main(version: bool = typer.Option(False, "--version", callback=version_callback, is_eager=True,
                                       help="Show the version and exit.")) -> None:
    """Hedges, attributions and denials in news text."""


def main() -> None:
    app(prog_name="hedgewatch")


if __name__ == "__main__":
    main()
