"""Child processes: run one with its wall time, exit code, output and peak RSS (its own,
from wait4, and its process tree's, sampled from /proc); the children's environment."""
import os
import signal
import subprocess
import tempfile
import threading
import time
from pathlib import Path
from typing import List, Optional

from .settings import CHILD_ENV, ROOT


def _children(pid: int) -> List[int]:
    kids: List[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                with open(f"/proc/{pid}/task/{tid}/children") as fh:
                    kids += [int(x) for x in fh.read().split()]
            except OSError:
                pass
    except OSError:
        pass
    return kids


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_kb(root: int) -> int:
    """Sum of the RSS of ``root`` and all its descendants (pages shared after a fork
    are counted once per process, so this overstates the memory actually used)."""
    total, stack, seen = 0, [root], set()
    while stack:
        pid = stack.pop()
        if pid in seen:
            continue
        seen.add(pid)
        total += _rss_kb(pid)
        stack += _children(pid)
    return total


def run_child(cmd: List[str], *, cwd: Optional[Path] = None, env: Optional[dict] = None,
              timeout: Optional[float] = None, poll: float = 0.1) -> dict:
    """Run ``cmd``; return its wall time, exit code, output, the peak RSS of the child
    (``ru_maxrss`` from wait4: the largest of the child and the descendants it waited
    for) and the peak summed RSS of its process tree (sampled from /proc)."""
    with tempfile.TemporaryFile("w+b") as out, tempfile.TemporaryFile("w+b") as err:
        start = time.perf_counter()
        # own session: on a time-out the child and its workers go together
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err, stdin=subprocess.DEVNULL,
                                start_new_session=True)
        peak = {"tree_kb": 0}
        done = threading.Event()

        def sample() -> None:
            while not done.is_set():
                peak["tree_kb"] = max(peak["tree_kb"], tree_rss_kb(proc.pid))
                done.wait(poll)

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        timed_out = False
        if timeout is not None:
            deadline = start + timeout
            while True:
                pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
                if pid:
                    break
                if time.perf_counter() > deadline:
                    timed_out = True
                    try:
                        os.killpg(proc.pid, signal.SIGKILL)
                    except ProcessLookupError:
                        pass
                    pid, status, usage = os.wait4(proc.pid, 0)
                    break
                time.sleep(0.05)
        else:
            pid, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        done.set()
        sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return {
            "returncode": proc.returncode,
            "timed_out": timed_out,
            "wall_seconds": wall,
            "peak_rss_mib": usage.ru_maxrss / 1024.0,
            "peak_tree_rss_mib": peak["tree_kb"] / 1024.0,
            "stdout": out.read().decode("utf8", "replace"),
            "stderr": err.read().decode("utf8", "replace"),
        }


def child_env() -> dict:
    env = dict(os.environ)
    env.update(CHILD_ENV)
    src = str(ROOT / "src")
    env["PYTHONPATH"] = src + (os.pathsep + env["PYTHONPATH"] if env.get("PYTHONPATH") else "")
    return env
