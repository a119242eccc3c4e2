"""Signals at the doors. A Ctrl+C or SIGTERM that lands while Python runs an at-fork callback (a consolidation's
worker starting) would only be reported there, not raised: the command must still stop with 130 or 143, not run
on, write its output and exit 0. The web server hands back the handlers it replaced when it stops."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).resolve().parents[1] / "workbook" / "示例-述职报告.xlsx"
#: Consolidate with two workers; each time a worker is forked, the parent sends itself *signum* from inside the
#: at-fork callback.
SCRIPT = """
import os, sys
from shuzhi_xl.cli import main

os.register_at_fork(after_in_parent=lambda: os.kill(os.getpid(), {signum}))
main(["consolidate", sys.argv[1], "-o", sys.argv[2], "--jobs", "2"])
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="at-fork callbacks need os.fork")
@pytest.mark.parametrize("signum, code, said", [(signal.SIGINT, 130, "已中断"), (signal.SIGTERM, 143, "已被终止")])
def test_a_signal_lost_in_an_at_fork_callback_still_stops_the_command(tmp_path, signum, code, said):
    folder = tmp_path / "各支部"
    folder.mkdir()
    for name in "甲乙丙丁":
        (folder / f"{name}.xlsx").write_bytes(SAMPLE.read_bytes())
    summary = tmp_path / "汇总.xlsx"
    run = subprocess.run([sys.executable, "-c", SCRIPT.format(signum=int(signum)), str(folder), str(summary)],
                         capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert (run.returncode, run.stdout) == (code, "") and said in run.stderr
    assert "Exception ignored" not in run.stderr and not summary.exists()


def blocked_in_worker(batch: list) -> list:
    return [sorted(signal.pthread_sigmask(signal.SIG_BLOCK, []))]


@pytest.mark.skipif(not hasattr(signal, "pthread_sigmask"), reason="POSIX signal masks")
def test_the_stop_signals_are_held_only_while_a_worker_starts():
    from shuzhi_xl.consolidate.mapping import _pool_results

    stop = {signal.SIGINT, signal.SIGTERM}
    masks = [mask for results in _pool_results(blocked_in_worker, [["甲"], ["乙"], ["丙"]], 2) for mask in results]
    assert len(masks) == 3 and all(stop.isdisjoint(mask) for mask in masks)  # the workers take SIGTERM again
    assert stop.isdisjoint(signal.pthread_sigmask(signal.SIG_BLOCK, []))  # and so does this process


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
