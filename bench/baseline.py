"""What the bench scripts share: median timings, the CPU time of child processes and the environment they run in
(as installed), the plain openpyxl read they compare reading against, and the table that prints every figure beside
its baseline.

Absolute times move by a factor of two or three from one machine to the next; the ratio to a baseline run in the
same process on the same files is what carries over, so no figure is printed without one. Not a test: nothing
here fails on a slow machine.
"""

from __future__ import annotations

import os
import resource
import statistics
import time
from collections.abc import Callable
from pathlib import Path

#: One printed row: (what was timed, its ms, the baseline's name, the baseline's ms).
Row = tuple[str, float, str, float]


def median_ms(action: Callable[[], object], runs: int) -> float:
    """Return the median wall time of *runs* calls of *action*, in milliseconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def children_cpu() -> float:
    """Return the CPU seconds (user + system) of the finished child processes, to the microsecond (os.times counts
    10 ms ticks)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def installed_env(cache: Path) -> dict[str, str]:
    """Return this environment as an installed program runs: with bytecode caches (kept under *cache*), even where
    PYTHONDONTWRITEBYTECODE is set (compiling the project's sources anew each time costs ~0.7 s)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(cache)}


def openpyxl_grids(path: Path) -> dict[str, list[list[object]]]:
    """Return every sheet's values as openpyxl reads them (read-only): the plain way to read a workbook."""
    import openpyxl

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return {ws.title: [list(row) for row in ws.iter_rows(values_only=True)] for ws in wb.worksheets}
    finally:
        wb.close()


def print_table(rows: list[Row], unit: str = "ms") -> None:
    """Print each figure beside its baseline and the ratio baseline ÷ figure (above 1: faster than the baseline).
    Numbers come first so that they line up whatever the width of the Chinese labels."""
    print(f"{'用时':>8}    {'基线':>8}    {'基线/用时':>6}  项目（基线）")
    for label, value, baseline, baseline_value in rows:
        print(f"{value:8.1f} {unit:<2} {baseline_value:8.1f} {unit:<2} {baseline_value / value:8.2f}×  {label}（{baseline}）")
