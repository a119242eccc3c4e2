"""Output files are written atomically, never over the input, and around files open in Word."""

from __future__ import annotations

import pytest

from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.fileio import free_name, write_atomically


def test_a_target_open_in_word_gets_a_new_name(tmp_path):
    target = tmp_path / "述职报告.docx"
    target.write_text("old")
    (tmp_path / "~$职报告.docx").write_text("owner")  # Word's owner file drops two chars of a long name
    written = write_atomically(target, lambda tmp: tmp.write_text("new"))
    assert written == tmp_path / "述职报告(2).docx"
    assert target.read_text() == "old" and written.read_text() == "new"


def test_free_name_skips_every_locked_candidate(tmp_path):
    target = tmp_path / "a.docx"
    for name in ("~$a.docx", "~$a(2).docx"):
        (tmp_path / name).write_text("")
    assert free_name(target) == tmp_path / "a(3).docx"


def test_the_input_is_never_overwritten(tmp_path):
    source = tmp_path / "工作簿.xlsx"
    source.write_text("user data")
    with pytest.raises(ShuzhiError, match="不能与输入文件相同"):
        write_atomically(source, lambda tmp: tmp.write_text("x"), protect=source)
    assert source.read_text() == "user data"


def test_a_failed_write_leaves_no_file_behind(tmp_path):
    target = tmp_path / "out.docx"

    def fail(tmp):
        tmp.write_text("half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, fail)
    assert list(tmp_path.iterdir()) == []
