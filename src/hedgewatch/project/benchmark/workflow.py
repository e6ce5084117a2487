"""Per-step wall times of ``spacy project run all``, as scripts/time_workflow.py writes them."""
import json
from pathlib import Path
from typing import Optional


class WorkflowTimesError(ValueError):
    """The workflow times file is not a JSON object ``{step: seconds}``."""


def read_workflow_times(path: Optional[Path]) -> Optional[dict]:
    """``{"step": seconds}``; a ``"total"`` entry is read as the total, not as a step, and
    a ``"_skipped"`` list (steps spaCy skipped as up to date, written by
    scripts/time_workflow.py) as a note. Anything else than a JSON object raises
    :class:`WorkflowTimesError`."""
    if path is None:
        return None
    if not Path(path).exists():
        return {"path": str(path), "missing": True}
    data = json.loads(Path(path).read_text(encoding="utf8"))
    if not isinstance(data, dict):
        raise WorkflowTimesError(f"{path}: expected a JSON object {{step: seconds}}")
    steps = {k: float(v) for k, v in data.items()
             if k != "total" and not k.startswith("_") and isinstance(v, (int, float))}
    total = data.get("total")
    return {"path": str(path), "steps": steps, "skipped": list(data.get("_skipped", [])),
            "total": float(total) if isinstance(total, (int, float)) else sum(steps.values())}
