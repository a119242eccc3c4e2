"""Workbooks of schema version 1 keep reading: the committed sample of that version (tests/data, as built by
`git show eda16d8:workbook/示例-述职报告.xlsx`) prints the seed, its values keep their old cells, the checks say it is
old, and `shuzhi upgrade` writes a version-2 workbook printing the same report."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from shuzhi_xl import schema
from shuzhi_xl.checks import check_report
from shuzhi_xl.cli import main
from shuzhi_xl.model import Location
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.xlsx.reader import read_workbook
from support import normalise, seed_paragraphs

V1 = Path(__file__).parent / "data" / "schema1-示例.xlsx"


@pytest.fixture
def v1(tmp_path) -> Path:
    return Path(shutil.copy(V1, tmp_path / "去年的工作簿.xlsx"))


def _texts(report) -> list[str]:
    return [normalise(p.text) for p in report_paragraphs(report) if p.role != "title"]


def test_a_version_1_workbook_prints_the_seed_and_says_it_is_old(v1):
    report = read_workbook(v1)
    assert _texts(report) == seed_paragraphs()
    [note] = [f for f in check_report(report) if f.code == "ST016"]
    assert note.severity == "info" and "结构版本 1" in note.message and "shuzhi upgrade" in note.suggestion


def test_version_1_values_keep_their_old_cells(v1):
    report = read_workbook(v1)
    ws = openpyxl.load_workbook(v1)["中心工作"]
    central = report.parts[0].sections[3]
    # version 1: a section sheet's heading in B1, its points' bodies in column C from row 6
    assert central.where["heading"] == Location("中心工作", "B1") and ws["B1"].value == central.heading
    assert central.points[0].where["body"] == Location("中心工作", "C6") and ws["C6"].value == central.points[0].body
    problem = report.parts[1].sections[0]
    assert problem.where["heading"] == Location("存在问题", "B2")


def test_version_1_extra_parts_land_where_their_place_says(v1):
    wb = openpyxl.load_workbook(v1)
    ws = wb["补充章节"]
    ws["A2"], ws["B2"], ws["C2"], ws["D2"], ws["E2"] = 1, "第二部分之后", "原因分析", "主观原因", "学习不够深入。"
    ws["A3"], ws["B3"], ws["E3"] = 2, "第一部分之内", "另一段。"
    wb.save(v1)
    report = read_workbook(v1)
    assert [p.heading for p in report.parts] == ["主要工作情况", "存在的问题", "原因分析", "下步工作打算"]
    assert (report.parts[2].sections[0].heading, report.parts[2].sections[0].lead) == ("主观原因", "学习不够深入。")
    assert report.parts[0].sections[-1].lead == "另一段。"


def test_upgrade_writes_a_version_2_workbook_printing_the_same_report(v1):
    result = CliRunner().invoke(main, ["upgrade", str(v1)])
    assert result.exit_code == 0, result.output
    upgraded = v1.with_name("去年的工作簿-新版.xlsx")
    assert str(upgraded) in result.output and V1.read_bytes() == v1.read_bytes()  # the old file untouched
    wb = openpyxl.load_workbook(upgraded)
    assert wb.sheetnames == [schema.GUIDE_NAME, *(s.name for s in schema.SHEETS)]
    new = read_workbook(upgraded)
    assert _texts(new) == _texts(read_workbook(v1)) and new.parts == read_workbook(v1).parts
    assert not [f for f in check_report(new) if f.code == "ST016"]


def test_the_ribbon_reads_and_checks_a_version_1_workbook_and_will_not_clear_it(v1, monkeypatch):
    import xlwings

    from excel_fake import open_in_excel
    from shuzhi_xl.checks.plan import RESULT_SHEET
    from shuzhi_xl.excel import macros

    app, book = open_in_excel(v1)
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: book))
    assert macros.read_report(app, book) == read_workbook(v1)
    macros.check()
    assert "ST016" in str(book.sheets[RESULT_SHEET].used_range.value)
    before = dict(book.sheets["政治学习"].values)
    app.answers = ["yes"]
    macros.clear_inputs()
    assert "shuzhi upgrade" in app.alerts[-1][0] and book.sheets["政治学习"].values == before
