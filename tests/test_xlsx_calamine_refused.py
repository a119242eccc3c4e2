"""sniff.calamine_refused, the one way calamine reads a checked package: what calamine raises becomes the caller's
refusal, and Rust's stderr is silenced meanwhile only where the door says so (a command, its pool's workers): the
web server's stderr is a log its other threads write to."""

from __future__ import annotations

import os
import threading
from pathlib import Path

import pytest

import hostile
from shuzhi_xl.consolidate.followup import previous_problems
from shuzhi_xl.consolidate.summary import style_ids
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.xlsx.sniff import calamine_refused, open_sheets

#: What pyo3 raises for a Rust panic: a BaseException known by its module and name (sniff.RUST_PANIC).
PanicException = type("PanicException", (BaseException,), {"__module__": "pyo3_runtime"})


def refusal(exc: BaseException) -> WorkbookError:
    return WorkbookError(f"拒绝：{type(exc).__name__}", Path("甲.xlsx"))


@pytest.mark.parametrize("raised, says", [(ValueError("calamine"), "拒绝：ValueError"),
                                          (PanicException("panic"), "拒绝：PanicException"),
                                          (WorkbookError("表头缺少", Path("乙.xlsx")), "表头缺少")])
def test_what_calamine_raises_becomes_the_refusal_and_a_refusal_of_the_block_passes(raised, says):
    with pytest.raises(WorkbookError, match=says):
        with calamine_refused(refusal, silence_rust=False):
            raise raised


def test_an_interrupt_is_not_a_refusal():
    with pytest.raises(KeyboardInterrupt):
        with calamine_refused(refusal, silence_rust=False):
            raise KeyboardInterrupt


def test_stderr_is_silenced_only_when_the_door_says_so(capfd):
    with calamine_refused(refusal, silence_rust=True):
        os.write(2, b"silenced\n")
    # the web server's way: what its other threads write to stderr meanwhile is not lost
    stop = threading.Event()
    other = threading.Thread(target=lambda: (os.write(2, b"another thread\n"), stop.set()))
    with calamine_refused(refusal, silence_rust=False):
        other.start()
        stop.wait()
        os.write(2, b"kept\n")
    other.join()
    assert capfd.readouterr().err == "another thread\nkept\n"


@pytest.mark.parametrize("silence_rust", [True, False])
def test_a_rust_panic_is_refused_in_chinese_and_its_text_goes_only_where_the_door_lets_it(tmp_path, capfd,
                                                                                        silence_rust):
    path = tmp_path / "negative-date.xlsx"
    path.write_bytes(hostile.made(hostile.WORKBOOKS, path.name))
    with pytest.raises(WorkbookError, match="日期栏"):
        open_sheets(path, silence_rust=silence_rust)
    assert bool(capfd.readouterr().err) is not silence_rust  # Rust's own words: in the log, or nowhere


def test_a_rust_panic_in_last_years_summary_is_refused_naming_the_sheet(tmp_path):
    path = tmp_path / "去年汇总.xlsx"
    path.write_bytes(hostile.summary_row_added(b'<c s="%d" t="n"><v>-1e17</v></c>' % style_ids()["date", None])())
    with pytest.raises(WorkbookError) as refused:
        previous_problems(path, silence_rust=True)
    assert (refused.value.sheet, refused.value.message) == (
        "问题汇总", "上年度汇总工作簿已损坏，无法读取（程序读取时出错）。请选择完好的上年度汇总工作簿。")
