"""xlsx/sniff.py: what a user is told when a path is no workbook, when the version marker is missing or another,
when calamine fails or panics, and that notes are read only when asked for. Each refusal is pinned whole."""

from __future__ import annotations

import re
import zipfile
import zlib
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.comments import Comment

import hostile
from shuzhi_xl import schema
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.xlsx import sniff
from shuzhi_xl.opc import FixedZip
from shuzhi_xl.xlsx.sniff import open_grids


def _refused(path: Path) -> WorkbookError:
    with pytest.raises(WorkbookError) as refused:
        open_grids(path)
    return refused.value


def _sample(tmp_path: Path, edit=None) -> Path:
    """Return the sample's path, its workbook part's XML changed by *edit* (bytes → bytes) when given."""
    path = tmp_path / "甲.xlsx"
    path.write_bytes(hostile.zipped([(i, edit(d) if edit and i.filename == "xl/workbook.xml" else d)
                                     for i, d in hostile.parts_of(hostile.sample_bytes())]))
    return path


def test_a_path_that_is_no_file_is_named_for_what_it_is(tmp_path):
    assert _refused(tmp_path / "无.xlsx").message == "文件不存在。请检查路径和文件名。"
    (tmp_path / "夹.xlsx").mkdir()
    assert _refused(tmp_path / "夹.xlsx").message == "这是一个文件夹，不是工作簿文件。"
    assert _refused(Path("/dev/null")).message == "这不是普通文件（可能是管道或设备），不是工作簿文件。"


def _marked(written: bytes):
    return lambda xml: re.sub(rb'(name="shuzhi_schema_version"[^>]*>)[^<]*', lambda m: m[1] + written, xml)


@pytest.mark.parametrize("written, found", [(b'"X3"', "X3"), (b'"3\xff"', "3\ufffd"), (b'"3\xff&nbsp;"', "3\ufffd&nbsp;"),
                                            (b"&quot;3&quot;", "3")])
def test_a_workbook_of_another_version_is_told_which(tmp_path, written, found):
    assert str(_refused(_sample(tmp_path, _marked(written)))) == (
        f"文件“甲.xlsx”：工作簿的结构版本是 {found}，本程序需要版本 {schema.SCHEMA_VERSION}。请用 shuzhi template 生成新模板，"
        "把内容复制过去，或安装与该工作簿相应版本的程序。")


def test_a_workbook_without_the_marker_is_told_to_start_from_the_template(tmp_path):
    path = _sample(tmp_path, lambda xml: re.sub(rb'<definedName [^>]*name="shuzhi_schema_version".*?</definedName>', b"",
                                                xml))
    assert str(_refused(path)) == ("文件“甲.xlsx”：这不是述职报告填报工作簿（没有结构版本标记）。请用 shuzhi template 生成模板，"
                                   "把内容复制进去后再试。")


def _panic(module: str = "pyo3_runtime") -> type[BaseException]:
    """Return a stand-in for pyo3's PanicException (python_calamine does not export it), from *module*."""
    return type("PanicException", (BaseException,), {"__module__": module})


def test_a_panic_while_opening_is_refused_naming_no_sheet(tmp_path, monkeypatch):
    import python_calamine

    def panic(*_):
        raise _panic()("index out of bounds")
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", panic)
    refused = _refused(_sample(tmp_path))
    assert (refused.message, refused.file, refused.sheet) == (
        "有单元格的数值无法读取，多半是日期栏中填了过大或为负的数字。请检查各日期栏，改为如 2024-03-15 的日期。",
        str(tmp_path / "甲.xlsx"), "")


def test_another_base_exception_of_that_name_is_no_panic_and_goes_on(tmp_path, monkeypatch):
    import python_calamine

    stop = _panic("elsewhere")

    def interrupted(*_):
        raise stop()
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "from_filelike", interrupted)
    with pytest.raises(stop):
        open_grids(_sample(tmp_path))


def test_what_calamine_says_reading_a_sheet_is_told_naming_the_sheet(tmp_path, monkeypatch):
    import python_calamine

    def refuse(*_):
        raise python_calamine.CalamineError("odd")
    monkeypatch.setattr(python_calamine.CalamineWorkbook, "get_sheet_by_name", refuse)
    refused = _refused(_sample(tmp_path))
    assert (refused.message, refused.file, refused.sheet) == (
        "文件已损坏，无法读取。请用 Excel 或 WPS 打开后另存为 .xlsx。（读取时的错误：odd）", str(tmp_path / "甲.xlsx"),
        schema.INFO.name)


def _with_note(tmp_path: Path) -> Path:
    path = _sample(tmp_path)
    book = load_workbook(path)
    book[schema.INFO.name]["B2"].comment = Comment("请核实", "张三")
    book.save(path)
    return path


def test_notes_are_read_only_when_asked_for(tmp_path):
    path = _with_note(tmp_path)
    assert sniff.open_sheets(path).notes == {(schema.INFO.name, "B2"): "请核实"}
    assert sniff.open_sheets(path, notes=False).notes == {}


@pytest.mark.parametrize("damaged", ["the notes part", "the sheet's relationships"])
def test_a_notes_part_that_does_not_inflate_is_passed_over_and_the_sheets_read(tmp_path, damaged):
    path, broken = _with_note(tmp_path), tmp_path / "乙.xlsx"
    with zipfile.ZipFile(path) as package, FixedZip(broken) as out:
        notes_rels = next(n for n in package.namelist() if n.startswith("xl/worksheets/_rels/")
                          and b"comments" in package.read(n))
        for info in package.infolist():
            data = package.read(info)
            wrong = ("comments" in info.filename if damaged == "the notes part" else info.filename == notes_rels)
            out.add_packed(info.filename, zipfile.ZIP_STORED, zlib.crc32(data) ^ wrong, len(data), data)
    sheets = sniff.open_sheets(broken)
    assert sheets.notes == {} and sheets.grids == sniff.open_sheets(path).grids


@pytest.mark.parametrize("damaged", ["the notes part", "the sheet's relationships"])
def test_a_notes_part_of_more_tags_than_a_tree_is_built_for_is_passed_over(tmp_path, damaged):
    from shuzhi_xl.limits import MAX_TREE_TAGS

    path, crowded = _with_note(tmp_path), tmp_path / "乙.xlsx"
    with zipfile.ZipFile(path) as package, zipfile.ZipFile(crowded, "w", zipfile.ZIP_DEFLATED) as out:
        for info in package.infolist():
            data = package.read(info)
            if ("comments" in info.filename if damaged == "the notes part"
                    else info.filename.startswith("xl/worksheets/_rels/") and b"comments" in data):
                end = data.rindex(b"</")
                data = data[:end] + b"<a/>" * MAX_TREE_TAGS + data[end:]
            out.writestr(info, data)
    sheets = sniff.open_sheets(crowded)
    assert sheets.notes == {} and sheets.grids == sniff.open_sheets(path).grids


def test_a_sheet_is_read_from_a1_whatever_its_first_filled_cell(tmp_path):
    path = _sample(tmp_path)
    book = load_workbook(path)
    book.create_sheet("额外")["C3"] = "x"
    book.save(path)
    # calamine gives "" for an empty cell
    assert sniff.open_sheets(path, ("额外",)).grids["额外"] == [["", "", ""], ["", "", ""], ["", "", "x"]]
