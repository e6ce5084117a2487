"""Bounded load test of `hedgewatch serve` on 127.0.0.1, written to docs/performance.md.

Thin CLI over :mod:`hedgewatch.project.serve_load` (which describes the test): starts
the server on a free loopback port, sends --requests POST /annotate requests from
--clients concurrent clients, stops after --requests or --max-seconds, prints the figures
as JSON and replaces the section "Web service load test" of docs/performance.md (or
--output); exits 1 if a request failed or the server was not healthy afterwards.

    python scripts/serve_load.py                       # the CLI's default pipeline
    python scripts/serve_load.py --model PATH --workers 2 --requests 500 --clients 8

Only loopback: the target is always 127.0.0.1.
"""
import json
import sys
from pathlib import Path
from typing import Optional

import typer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from hedgewatch.project.serve_load import (  # noqa: E402
    DOC, ServeLoadError, command_line, render, run_load_test, write_section,
)

app = typer.Typer(add_completion=False, context_settings={"help_option_names": ["-h", "--help"]})


@app.command(help=__doc__.split("\n\n")[0])
def main(
    model: Optional[str] = typer.Option(None, "--model", help="pipeline name or path (default: as the CLI finds it, else a rules-only pipeline)"),
    workers: int = typer.Option(2, "--workers"),
    clients: int = typer.Option(8, "--clients"),
    requests: int = typer.Option(500, "--requests"),
    max_seconds: float = typer.Option(900.0, "--max-seconds", help="stop sending after this long"),
    timeout: float = typer.Option(120.0, "--timeout", help="the server's --timeout"),
    output: Path = typer.Option(DOC, "--output", help="Markdown file whose section is replaced"),
    json_out: Optional[Path] = typer.Option(None, "--json", help="also write the figures as JSON here"),
) -> None:
    try:
        result = run_load_test(model, workers, clients, requests, max_seconds, timeout)
    except ServeLoadError as err:
        raise SystemExit(str(err)) from None
    print(json.dumps(result, indent=2))
    if json_out:
        json_out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf8")
    write_section(render(result, command_line(workers, clients, requests, model)), output)
    if result["errors"] or not result["alive_after"]:
        raise SystemExit(1)


if __name__ == "__main__":
    app()
