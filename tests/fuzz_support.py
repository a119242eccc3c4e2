"""Running a command on hostile input and judging its whole-process behaviour: exit status, Chinese message, no
traceback, no Rust text, bounded time and peak memory."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path

#: The longest a command may take on any input, and the most memory (resident) it may use.
TIMEOUT = 30
PEAK_MB = 1024
#: Hypothesis examples per property; SHUZHI_FUZZ_EXAMPLES=500 runs the long setting.
EXAMPLES = int(os.environ.get("SHUZHI_FUZZ_EXAMPLES", "12"))
#: The long setting also runs the heavy corpus entries through every command.
LONG = EXAMPLES > 12
#: What must never reach the user: a Python traceback, the catch-all message, Rust's panic and backtrace text.
FORBIDDEN = ("Traceback", "程序内部错误", "panicked", "RUST_BACKTRACE", "stack backtrace", "thread '", "Aborted!")
CHINESE = re.compile("[\u4e00-\u9fff]")
#: The installed command beside this interpreter (pip install -e puts it there), as a user runs it.
SHUZHI = str(Path(sys.executable).with_name("shuzhi"))


@dataclass
class Run:
    code: int | str
    stdout: str
    stderr: str
    seconds: float
    peak_mb: float


def shuzhi(*args: str | Path, cwd: Path | None = None, env: dict | None = None, timeout: float = TIMEOUT) -> Run:
    """Run ``shuzhi *args`` in a fresh interpreter (this checkout's code) and return how it ended, its output,
    its time and its own peak resident memory (from wait4, so other processes do not count)."""
    command = [SHUZHI, *map(str, args)]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd,
                            env={**os.environ, **(env or {})})
    output: dict[str, bytes] = {}
    readers = [threading.Thread(target=lambda name, stream: output.__setitem__(name, stream.read()), args=pair)
               for pair in (("out", proc.stdout), ("err", proc.stderr))]
    for reader in readers:
        reader.start()
    code: int | str = "timeout"
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            code = os.waitstatus_to_exitcode(status)
            break
        if time.perf_counter() - started > timeout:
            proc.kill()
            _, _, usage = os.wait4(proc.pid, 0)
            break
        time.sleep(0.02)
    proc.returncode = code if isinstance(code, int) else -9  # reaped here: Popen must not wait again
    for reader in readers:
        reader.join()
    return Run(code, output["out"].decode("utf-8", "replace"), output["err"].decode("utf-8", "replace"),
               time.perf_counter() - started, usage.ru_maxrss / 1024)


def assert_behaved(run: Run, codes: set[int], says: str = "", label: str = "") -> None:
    """Assert the run ended with one of *codes* within the time and memory bounds, with nothing forbidden in its
    output; a refusal (2) must be a Chinese message containing *says*."""
    where = f"{label}: exit {run.code}, {run.seconds:.1f} s, {run.peak_mb:.0f} MB\n{run.stderr[-2000:]}"
    assert run.code in codes, where
    assert not any(bad in run.stderr or bad in run.stdout for bad in FORBIDDEN), where
    assert run.peak_mb < PEAK_MB, where
    if run.code == 2:
        message = run.stderr or run.stdout
        assert CHINESE.search(message) and says in message, where


def temp_leftovers(*folders: Path) -> list[Path]:
    """Return temporary files an interrupted or failed write left behind (fileio's are named .shuzhi-*)."""
    return [p for folder in folders for p in folder.rglob(".shuzhi-*")]
