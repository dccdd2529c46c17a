"""Run one pipeline stage as a command and measure what a person waiting for it sees: its wall time and the
peak of the memory of all its processes together, as the sum of their proportional set sizes (a page a forked
process shares with its parent counts once). The release's second process, the two MkDocs builds of the site
and Pagefind run beside the first: the issue counts their sum, which no single getrusage figure gives.

Linux only: it reads /proc every SAMPLE_S seconds; a process that lives shorter than that may be missed.
"""

from __future__ import annotations

import re
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_S = 0.05


@dataclass(frozen=True)
class Run:
    seconds: float
    peak_mb: float  # the largest sum of the processes' proportional set sizes seen
    returncode: int
    output: str


def children_of() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # the process ended while we looked
            continue
        # the command name (field 2) may hold spaces and parentheses: the parent id follows its last ")"
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        tree.setdefault(parent, []).append(int(entry.name))
    return tree


def tree_pss_kb(root: int) -> int:
    tree, total, todo = children_of(), 0, [root]
    while todo:
        pid = todo.pop()
        todo.extend(tree.get(pid, []))
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        # PSS, not RSS: a page a forked process shares with its parent counts once, split between them
        found = re.search(r"^Pss:\s+(\d+) kB", rollup, re.M)
        total += int(found.group(1)) if found else 0
    return total


def run(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> Run:
    """Run `command` in `cwd`; its wall time and the peak of its process tree's memory (PSS summed)."""
    start = time.perf_counter()
    proc = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        while not stop.is_set():
            peak = max(peak, tree_pss_kb(proc.pid))
            stop.wait(SAMPLE_S)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    output, _ = proc.communicate()
    seconds = time.perf_counter() - start
    stop.set()
    sampler.join()
    return Run(seconds, round(peak / 1024, 1), proc.returncode, output)
