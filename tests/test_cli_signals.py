"""Signals at the doors. A Ctrl+C or SIGTERM that lands while Python runs an at-fork callback (a worker starting)
is only reported there, not raised: the command must still stop with 130 or 143, not run on and exit 0. The web
server hands back the handlers it replaced when it stops."""

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


def test_the_web_server_puts_back_the_signal_handlers_it_replaced():
    from shuzhi_xl.web.app import STOP_SIGNALS, serve

    def before(signum, frame):  # a caller's own handlers, as a test runner or an embedding program has
        pass

    names = [name for name in STOP_SIGNALS if hasattr(signal, name)]
    saved = {name: signal.signal(getattr(signal, name), before) for name in names}
    said = []

    def say(text):  # Ctrl+C as soon as the address is shown
        said.append(text)
        if len(said) == 1:
            assert all(signal.getsignal(getattr(signal, name)) is not before for name in names)
            raise KeyboardInterrupt

    try:
        serve(open_browser=False, say=say)
        assert [signal.getsignal(getattr(signal, name)) for name in names] == [before] * len(names)
        assert said[-1] == "已停止，临时文件已删除。"
    finally:
        for name, handler in saved.items():
            signal.signal(getattr(signal, name), handler)
