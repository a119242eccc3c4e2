"""Every kind of unusable file gets a Chinese message naming the file (and sheet/cell), and nothing is written."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

import badfiles
from shuzhi_xl import schema
from shuzhi_xl.cli import main
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.soffice import find_soffice
from shuzhi_xl.xlsx.reader import read_workbook

CASES = {
    "missing": (lambda p: p, "文件不存在"),
    "text": (badfiles.plain_text, "不是 Excel 工作簿"),
    "docx": (badfiles.renamed_docx, "这是 Word 文档"),
    "encrypted": (badfiles.encrypted, "设置了打开密码"),
    "truncated": (badfiles.truncated, "文件已损坏"),
    "no_sheet": (lambda p: badfiles.without_sheet(p, schema.BODY.name), f"缺少工作表“{schema.BODY.name}”"),
    "header": (lambda p: badfiles.renamed_header(p, schema.BODY, "heading", "题目"),
               f"工作表“{schema.BODY.name}”，单元格 D1：表头应为“标题”，现在是“题目”"),
    "version": (lambda p: badfiles.other_version(p, "0"), "结构版本是 0，本程序需要版本 2"),
    "no_marker": (badfiles.without_marker, "没有结构版本标记"),
}


@pytest.mark.parametrize("case", CASES)
def test_reader_names_the_problem(tmp_path, case):
    make, expected = CASES[case]
    path = make(tmp_path / "输入.xlsx")
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    assert expected in str(info.value)
    assert "输入.xlsx" in str(info.value)


@pytest.mark.skipif(find_soffice() is None, reason="LibreOffice is needed to write a real .xls")
def test_a_legacy_xls_is_named_as_such(tmp_path):
    with pytest.raises(WorkbookError, match="97-2003"):
        read_workbook(badfiles.legacy_xls(tmp_path / "旧版.xls"))


@pytest.mark.parametrize("case", CASES)
def test_commands_exit_2_with_the_message_and_write_nothing(tmp_path, case):
    make, expected = CASES[case]
    path = make(tmp_path / "输入.xlsx")
    before = sorted(p.name for p in tmp_path.iterdir())
    output = tmp_path / "报告.docx"
    result = CliRunner().invoke(main, ["report", str(path), "-o", str(output)])
    assert result.exit_code == 2
    assert expected in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before
