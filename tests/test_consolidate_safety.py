"""Consolidation never writes over a branch workbook, says so early when it cannot write, skips its own earlier
summaries, and survives a check that fails on one file."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from shuzhi_xl.checks import numbers
from shuzhi_xl.cli import main
from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.consolidate.summary import SUMMARY_MARKER, is_summary_workbook
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.synthetic import write_samples

BRANCHES = 3


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    folder = tmp_path / "各支部"
    write_samples(folder, BRANCHES, seed=5, jobs=1)
    return folder


def _consolidate(*args) -> object:
    return CliRunner().invoke(main, ["consolidate", *(str(a) for a in args), "--jobs", "1"])


def _rows(path: Path, sheet: str) -> list[tuple]:
    return [row for row in openpyxl.load_workbook(path)[sheet].iter_rows(min_row=2, values_only=True) if any(row)]


def test_an_output_that_is_a_branch_workbook_is_an_error_and_the_branch_is_kept(folder, tmp_path):
    branch = sorted(folder.iterdir())[0]
    before = branch.read_bytes()
    result = _consolidate(folder, "-o", branch)
    assert result.exit_code == 2
    assert "是要汇总的支部工作簿之一" in result.output and branch.name in result.output
    assert branch.read_bytes() == before


@pytest.mark.parametrize("options, expected", [
    (["-o", "X.xlsx", "--volume", "X.xlsx"], "述职报告汇编的文件名应以 .docx 结尾"),
    (["-o", "汇总.docx"], "汇总工作簿的文件名应以 .xlsx 结尾"),
    (["-o", "汇总", "--volume", "汇编.docx"], "汇总工作簿的文件名应以 .xlsx 结尾"),
])
def test_output_and_volume_need_their_own_suffixes(folder, tmp_path, options, expected):
    result = _consolidate(folder, *(str(tmp_path / o) if not o.startswith("-") else o for o in options))
    assert result.exit_code == 2 and expected in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["各支部"]


def test_an_unwritable_output_folder_is_named_before_any_file_is_read(folder, tmp_path, monkeypatch):
    read = []
    monkeypatch.setattr("shuzhi_xl.consolidate.run.collect_many", lambda *args, **kwargs: read.append(args))
    blocker = tmp_path / "只读"
    blocker.write_text("a file where the output folder should be")
    result = _consolidate(folder, "-o", blocker / "汇总.xlsx")
    assert result.exit_code == 2 and "无法在文件夹" in result.output and "只读" in result.output
    assert read == [] and "程序内部错误" not in result.output


def test_a_folder_without_workbooks_is_an_error_and_writes_nothing(tmp_path):
    empty = tmp_path / "空"
    empty.mkdir()
    (empty / "说明.txt").write_text("各支部材料", encoding="utf-8")
    result = _consolidate(empty, "-o", tmp_path / "汇总.xlsx")
    assert result.exit_code == 2 and "没有找到支部的填报工作簿" in result.output
    assert not (tmp_path / "汇总.xlsx").exists()


def test_earlier_summaries_in_the_folder_are_neither_counted_nor_listed(folder):
    first = consolidate(folder, folder / "汇总.xlsx", jobs=1)
    assert first.files == BRANCHES
    wb = openpyxl.load_workbook(first.output)
    assert SUMMARY_MARKER in wb.custom_doc_props.names and SUMMARY_MARKER not in wb.defined_names
    shutil.copy(first.output, folder / "汇总(2).xlsx")  # written when 汇总.xlsx was open in Excel
    again = consolidate(folder, folder / "汇总.xlsx", jobs=1)  # the Excel button writes into the folder each time
    assert again.output == folder / "汇总.xlsx"
    assert (again.files, again.branches, again.unreadable) == (BRANCHES, BRANCHES, 0)
    assert _rows(again.output, "未能读取") == []
    assert len(_rows(again.output, "总览")) == BRANCHES


def test_only_summaries_is_the_same_as_no_workbooks(folder, tmp_path):
    summary = consolidate(folder, tmp_path / "汇总.xlsx", jobs=1).output
    only = tmp_path / "只有汇总"
    only.mkdir()
    shutil.copy(summary, only / "汇总.xlsx")
    with pytest.raises(ShuzhiError, match="没有找到支部的填报工作簿"):
        consolidate(only, tmp_path / "再汇总.xlsx", jobs=1)


def test_the_summary_mark_is_told_apart_from_branch_and_other_workbooks(folder, tmp_path):
    summary = consolidate(folder, tmp_path / "汇总.xlsx", jobs=1).output
    other = tmp_path / "别的.xlsx"
    openpyxl.Workbook().save(other)
    assert is_summary_workbook(summary)
    assert not any(is_summary_workbook(p) for p in (other, sorted(folder.iterdir())[0], tmp_path / "无.xlsx"))
    with zipfile.ZipFile(summary) as package:
        assert f'name="{SUMMARY_MARKER}"' in package.read("docProps/custom.xml").decode("utf-8")


def _as_written_before_the_marker(summary: Path, target: Path) -> Path:
    """Copy *summary* without its marker, as versions before the marker wrote it."""
    with zipfile.ZipFile(summary) as source, zipfile.ZipFile(target, "w") as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "docProps/custom.xml":
                data = re.sub(rb'<property [^>]*name="' + SUMMARY_MARKER.encode() + rb'"[^>]*>.*?</property>', b"", data)
                assert SUMMARY_MARKER.encode() not in data
            copy.writestr(item, data)
    return target


def test_summaries_written_before_the_marker_are_known_by_their_sheets(folder, tmp_path):
    old = _as_written_before_the_marker(consolidate(folder, tmp_path / "汇总.xlsx", jobs=1).output,
                                        folder / "汇总.xlsx")
    assert is_summary_workbook(old)
    again = consolidate(folder, old, jobs=1)  # the Excel button's first click after an upgrade
    assert again.output == old and (again.files, again.unreadable) == (BRANCHES, 0)
    own = tmp_path / "自己的.xlsx"
    wb = openpyxl.Workbook()
    wb.active.title = "总览"
    wb.create_sheet("问题汇总")
    wb.save(own)
    assert not is_summary_workbook(own)


def test_a_check_failing_on_one_file_leaves_that_file_out_not_the_run(folder, tmp_path, monkeypatch):
    victim = sorted(folder.iterdir())[1]
    original = numbers.check

    def fragile(report, rules, texts):
        if Path(report.source).name == victim.name:
            raise ZeroDivisionError("division by zero")
        return original(report, rules, texts)

    monkeypatch.setattr(numbers, "check", fragile)
    summary = consolidate(folder, tmp_path / "汇总.xlsx", jobs=1)
    assert (summary.files, summary.branches, summary.unreadable) == (BRANCHES, BRANCHES - 1, 1)
    [(file, reason)] = _rows(summary.output, "未能读取")
    assert file == victim.name and "ZeroDivisionError" in reason and "检查本文件时程序出错" in reason


def test_a_part_past_the_limits_is_not_inflated_to_tell_a_summary(tmp_path):
    # The collector asks after the reader refused a file, perhaps for its size: 100 KB declaring 100 MB is no summary,
    # and its workbook part is never inflated.
    import tracemalloc

    from shuzhi_xl.limits import MAX_PART_BYTES

    bomb = tmp_path / "炸弹.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("xl/workbook.xml", bytes(MAX_PART_BYTES + 1))
    tracemalloc.start()
    try:
        assert not is_summary_workbook(bomb)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 2**20
