"""A Ctrl+C or SIGTERM that lands while Python runs an at-fork callback (a worker starting) is only reported
there, not raised: the command must still stop with 130 or 143, not run on and exit 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

#: A command that sends itself *signum* from inside an at-fork callback, then would run on and print.
SCRIPT = """
import os, signal, sys, time
from shuzhi_xl.cli import main

@main.command("forks")
def forks():
    os.register_at_fork(after_in_parent=lambda: os.kill(os.getpid(), {signum}))
    child = os.fork()
    if child == 0:
        os._exit(0)
    os.waitpid(child, 0)
    time.sleep(2)
    print("ran on")

main(["forks"])
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="at-fork callbacks need os.fork")
@pytest.mark.parametrize("signum, code, said", [(signal.SIGINT, 130, "已中断"), (signal.SIGTERM, 143, "已被终止")])
def test_a_signal_lost_in_an_at_fork_callback_still_stops_the_command(signum, code, said):
    run = subprocess.run([sys.executable, "-c", SCRIPT.format(signum=int(signum))], capture_output=True,
                         text=True, encoding="utf-8", timeout=60)
    assert (run.returncode, run.stdout) == (code, "") and said in run.stderr
    assert "Exception ignored" not in run.stderr
