"""The application layer: the ``hedgewatch`` command line (``cli``), input readers
(``readers``), running the pipeline over them (``annotate``), records (``records``),
rendering (``render``), output files (``output``) and version comparison (``compare``,
``compare_report``). Needs the ``cli`` extra: ``pip install "hedgewatch[cli]"``.
"""
import importlib.util
import sys

CLI_EXTRA_MODULES = ("typer", "trafilatura", "lxml_html_clean")
CLI_EXTRA_MISSING = (
    "hedgewatch: the command line needs the 'cli' extra (not installed: {missing}).\n"
    "Install it with:  pip install \"hedgewatch[cli]\"\n"
    "(The pipeline itself only needs spaCy: spacy.load(\"en_hedgewatch\") works without it.)"
)


def main() -> None:
    """Console-script entry point: the Typer app, or a clear message when the ``cli``
    extra (typer, trafilatura) is not installed."""
    # typer may be there without the extra (spaCy itself depends on it): check the
    # extra's own packages too
    missing = [name for name in CLI_EXTRA_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        sys.stderr.write(CLI_EXTRA_MISSING.format(missing=", ".join(missing)) + "\n")
        raise SystemExit(1)
    from .cli import main as cli_main

    cli_main()
