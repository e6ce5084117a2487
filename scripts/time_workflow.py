"""Run the commands of a project.yml workflow one by one, timing each, and write
``{"step": seconds}`` as JSON (read by ``scripts/benchmark.py --workflow-times``).

Each step runs as ``python -m spacy project run STEP`` in the project directory, in
the workflow's order, so spaCy's usual rules apply: a step whose deps and outputs are
unchanged is skipped. Skipped steps are listed under ``"_skipped"`` (a key the
benchmark reads as a note, not as a step); delete ``project.lock`` or the outputs for a
full run. Stops at the first failing step, after writing the times measured so far.
"""
import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Dict, List

import srsly
import typer

ROOT = Path(__file__).resolve().parent.parent


def workflow_steps(project_dir: Path, workflow: str) -> List[str]:
    config = srsly.read_yaml(project_dir / "project.yml")
    workflows = config.get("workflows", {})
    if workflow not in workflows:
        raise typer.BadParameter(f"no workflow {workflow!r} in {project_dir / 'project.yml'} "
                                 f"(has: {', '.join(workflows) or 'none'})")
    return list(workflows[workflow])


def run_step(step: str, project_dir: Path) -> tuple:
    """Run one command, echoing its output; return (seconds, return code, skipped)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-m", "spacy", "project", "run", step], cwd=project_dir,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
    skipped = False
    assert proc.stdout is not None
    for line in proc.stdout:
        sys.stdout.write(line)
        if f"Skipping '{step}'" in line:
            skipped = True
    code = proc.wait()
    return time.perf_counter() - start, code, skipped


def write_times(path: Path, times: Dict[str, float], skipped: List[str]) -> None:
    from hedgewatch.project.corpus import atomic_write

    data: dict = {step: round(sec, 2) for step, sec in times.items()}
    if skipped:
        data["_skipped"] = skipped
    with atomic_write(path, "w") as fh:
        fh.write(json.dumps(data, indent=2) + "\n")


def main(
    output: Path = typer.Argument(..., help="JSON file to write: {step: seconds}"),
    workflow: str = typer.Option("all", help="Workflow in project.yml"),
    project_dir: Path = typer.Option(ROOT, help="Project directory"),
) -> None:
    steps = workflow_steps(project_dir, workflow)
    times: Dict[str, float] = {}
    skipped: List[str] = []
    for step in steps:
        typer.echo(f"== {step}", err=True)
        seconds, code, was_skipped = run_step(step, project_dir)
        times[step] = seconds
        if was_skipped:
            skipped.append(step)
        write_times(output, times, skipped)
        typer.echo(f"== {step}: {seconds:.1f} s{' (skipped: up to date)' if was_skipped else ''}", err=True)
        if code != 0:
            typer.echo(f"{step} failed with exit code {code}; times so far in {output}", err=True)
            raise typer.Exit(code)
    typer.echo(f"{workflow}: {sum(times.values()):.1f} s in {len(steps)} steps; wrote {output}", err=True)


if __name__ == "__main__":
    typer.run(main)
