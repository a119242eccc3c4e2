"""Output files are written atomically, never over the input, and around files open in Word."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import pytest

from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.fileio import (ensure_writable, free_name, office_lock_names, require_suffix, same_file,
                             write_atomically)


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


def test_keep_existing_writes_beside_an_existing_file_and_leaves_it_alone(tmp_path):
    target = tmp_path / "工作簿.xlsx"
    target.write_text("filled in")
    (tmp_path / "工作簿(2).xlsx").write_text("also filled in")
    written = write_atomically(target, lambda tmp: tmp.write_text("new"), keep_existing=True)
    assert written == tmp_path / "工作簿(3).xlsx" and written.read_text() == "new"
    assert target.read_text() == "filled in" and (tmp_path / "工作簿(2).xlsx").read_text() == "also filled in"


def test_without_keep_existing_an_earlier_output_is_replaced(tmp_path):
    target = tmp_path / "报告.docx"
    target.write_text("old report")
    assert write_atomically(target, lambda tmp: tmp.write_text("new")) == target
    assert target.read_text() == "new"


def test_the_input_is_protected_under_another_spelling_of_its_path(tmp_path):
    source = tmp_path / "工作簿.xlsx"
    source.write_text("user data")
    (tmp_path / "子").mkdir()
    with pytest.raises(ShuzhiError, match="不能与输入文件相同"):
        write_atomically(tmp_path / "子" / ".." / "工作簿.xlsx", lambda tmp: tmp.write_text("x"), protect=source)
    assert source.read_text() == "user data"


def test_a_folder_that_cannot_be_made_is_a_chinese_error_naming_it(tmp_path):
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(ShuzhiError, match="无法在文件夹“.*不是文件夹”中写入文件"):
        write_atomically(blocker / "汇总.xlsx", lambda tmp: tmp.write_text("x"))
    with pytest.raises(ShuzhiError, match="不是文件夹"):
        ensure_writable(blocker / "汇总.xlsx")


def test_a_refused_temporary_file_is_a_chinese_error(tmp_path, monkeypatch):
    def refuse(path, *args):
        if Path(path).parent == tmp_path:
            raise PermissionError(13, "Permission denied")
        return os_open(path, *args)

    os_open = os.open
    monkeypatch.setattr(os, "open", refuse)
    with pytest.raises(ShuzhiError, match=r"无法在文件夹.*（Permission denied）"):
        write_atomically(tmp_path / "a.docx", lambda tmp: tmp.write_text("x"))


def test_a_target_that_cannot_be_replaced_is_a_chinese_error_and_leaves_no_temporary_file(tmp_path):
    target = tmp_path / "汇总.xlsx"
    target.mkdir()  # a folder of that name: moving the file there fails
    with pytest.raises(ShuzhiError, match="无法写入文件“.*汇总.xlsx”"):
        write_atomically(target, lambda tmp: tmp.write_text("x"))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["汇总.xlsx"]


def test_ensure_writable_leaves_nothing_behind(tmp_path):
    ensure_writable(tmp_path / "新文件夹" / "汇总.xlsx")
    assert list((tmp_path / "新文件夹").iterdir()) == []


def test_require_suffix_ignores_case_and_names_the_file(tmp_path):
    require_suffix(tmp_path / "汇总.XLSX", ".xlsx", what="汇总工作簿")
    with pytest.raises(ShuzhiError, match=r"汇总工作簿的文件名应以 \.xlsx 结尾：.*汇总\.docx"):
        require_suffix(tmp_path / "汇总.docx", ".xlsx", what="汇总工作簿")


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_the_file_written_has_the_permissions_a_new_file_gets(tmp_path, mask):
    previous = os.umask(mask)
    try:
        written = write_atomically(tmp_path / "报告.docx", lambda tmp: tmp.write_bytes(b"x"))
    finally:
        os.umask(previous)
    assert stat.S_IMODE(written.stat().st_mode) == 0o666 & ~mask


def test_a_temporary_name_in_use_is_passed_over(tmp_path):
    taken = [tmp_path / f".shuzhi-{os.getpid()}-{n}.docx" for n in range(2)]
    for path in taken:
        path.write_text("another writer's")
    seen = []
    written = write_atomically(tmp_path / "报告.docx", lambda tmp: (seen.append(tmp), tmp.write_text("ours")))
    assert written.read_text() == "ours" and seen[0] not in taken
    assert all(path.read_text() == "another writer's" for path in taken)


def test_folders_missing_at_any_depth_are_made(tmp_path):
    target = tmp_path / "汇总" / "2024年" / "报告.docx"
    assert write_atomically(target, lambda tmp: tmp.write_text("x")) == target and target.read_text() == "x"


def test_a_folder_that_cannot_be_written_is_named_in_the_whole_message(tmp_path):
    blocker = tmp_path / "不是文件夹"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(ShuzhiError) as raised:
        ensure_writable(blocker / "汇总.xlsx")
    assert str(raised.value) == (f"无法在文件夹“{blocker}”中写入文件（{os.strerror(errno.EEXIST)}）。"
                                 "请检查该文件夹是否有写入权限，或另选输出位置。")


def test_a_target_windows_holds_open_gets_the_next_free_name(tmp_path, monkeypatch):
    # Windows refuses to replace a file another program holds open (PermissionError): the output goes to name(2)
    target = tmp_path / "汇总.xlsx"
    target.write_text("open in Excel")
    (tmp_path / "汇总(2).xlsx").write_text("kept")
    replace = os.replace

    def held_open(source, destination):
        if Path(destination) == target:
            raise PermissionError(13, "Permission denied")
        replace(source, destination)

    monkeypatch.setattr(os, "replace", held_open)
    written = write_atomically(target, lambda tmp: tmp.write_text("new"), keep_existing=False)
    assert written == tmp_path / "汇总(2).xlsx" and written.read_text() == "new"
    (tmp_path / "汇总(3).xlsx").unlink(missing_ok=True)
    written = write_atomically(target, lambda tmp: tmp.write_text("newer"), keep_existing=True)
    assert written == tmp_path / "汇总(3).xlsx" and written.read_text() == "newer"
    assert target.read_text() == "open in Excel" and (tmp_path / "汇总(2).xlsx").read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["汇总(2).xlsx", "汇总(3).xlsx", "汇总.xlsx"]


def test_a_move_refused_outright_is_a_chinese_error_naming_the_target(tmp_path, monkeypatch):
    def refuse(source, destination):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    target = tmp_path / "汇总.xlsx"
    with pytest.raises(ShuzhiError) as raised:
        write_atomically(target, lambda tmp: tmp.write_text("x"))
    assert str(raised.value) == (f"无法写入文件“{tmp_path / '汇总(2).xlsx'}”（Permission denied）。请检查文件是否被其他"
                                 "程序占用、文件夹是否有写入权限，或另选输出位置。")
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_keeps_its_name_unless_kept(tmp_path):
    target = tmp_path / "报告.docx"
    target.write_text("earlier")
    assert free_name(target) == target
    assert free_name(target, keep_existing=True) == tmp_path / "报告(2).docx"


def test_word_drops_up_to_two_characters_of_the_name_in_its_owner_file(tmp_path):
    names = {p.name for p in office_lock_names(tmp_path / "述职报告.docx")}
    assert names == {"~$述职报告.docx", "~$职报告.docx", "~$报告.docx", ".~lock.述职报告.docx#"}


def test_same_file_is_false_for_a_path_that_does_not_exist(tmp_path):
    (tmp_path / "a.xlsx").write_text("x")
    assert same_file(tmp_path / "a.xlsx", tmp_path / "a.xlsx")
    assert not same_file(tmp_path / "a.xlsx", tmp_path / "没有.xlsx")


def test_same_file_takes_the_second_by_its_status_taken_once(tmp_path):
    (tmp_path / "a.xlsx").write_text("x")
    (tmp_path / "b.xlsx").write_text("x")
    (tmp_path / "子").mkdir()
    known = os.stat(tmp_path / "a.xlsx")
    assert same_file(str(tmp_path / "子" / ".." / "a.xlsx"), known)
    assert not same_file(tmp_path / "b.xlsx", known)  # the same content is not the same file
    assert not same_file(tmp_path / "没有.xlsx", known)


def test_require_suffix_lists_every_suffix_allowed(tmp_path):
    with pytest.raises(ShuzhiError) as raised:
        require_suffix(tmp_path / "报告.pdf", ".docx", ".txt", what="报告")
    expected = f"报告的文件名应以 .docx 或 .txt 结尾：{tmp_path / '报告.pdf'}。请改正后再试。"
    assert str(raised.value) == expected


def test_a_refused_move_never_puts_a_kept_workbook_over_an_existing_one(tmp_path, monkeypatch):
    # keep_existing (a workbook to fill in): the name tried after the refusal must not be an existing file either
    replace, refused = os.replace, []

    def held_once(source, destination):
        if not refused:
            refused.append(destination)
            raise PermissionError(13, "Permission denied")
        replace(source, destination)

    (tmp_path / "工作簿(2).xlsx").write_text("filled in")
    monkeypatch.setattr(os, "replace", held_once)
    written = write_atomically(tmp_path / "工作簿.xlsx", lambda tmp: tmp.write_text("new"), keep_existing=True)
    assert refused == [tmp_path / "工作簿.xlsx"]
    assert written == tmp_path / "工作簿(2)(2).xlsx" and written.read_text() == "new"
    assert (tmp_path / "工作簿(2).xlsx").read_text() == "filled in"
