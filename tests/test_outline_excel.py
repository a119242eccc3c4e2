"""The ribbon's buttons on a workbook of the author's own outline (fake Excel): the live read equals the file reader,
检查 marks 报告正文's cells, 生成报告 prints the outline as the author wrote it."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import pytest
import xlwings

from excel_fake import open_in_excel
from shuzhi_xl import schema
from shuzhi_xl.checks.plan import RESULT_SHEET
from shuzhi_xl.excel import live, macros
from shuzhi_xl.model import Info
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook
from test_outline_text import _report


@pytest.fixture
def excel(tmp_path, monkeypatch):
    report = _report()
    report.info = Info(branch="机关第一党支部", committee="机关党委", secretary="张三", year=2024,
                       opening="2024年，支部工作取得新进展，现将具体情况述职如下：", layout=report.info.layout)
    report.parts[0].sections[1].points[0].body = "组织党员X人参加培训。"  # a placeholder to be marked
    path = write_workbook(tmp_path / "自定提纲.xlsx", report)
    app, book = open_in_excel(Path(shutil.copy(path, tmp_path / "打开的.xlsx")))
    app.answers, app.opened_files = ["yes"], []
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: book))
    monkeypatch.setattr(live, "open_file", lambda p: app.opened_files.append(p))
    return app, book


def test_live_read_equals_the_file_reader(excel):
    app, book = excel
    assert macros.read_report(app, book) == read_workbook(book.fullname)


def test_check_marks_the_outline_rows_cells(excel):
    app, book = excel
    macros.check()
    table = book.sheets[RESULT_SHEET].used_range.value
    marked = [row for row in table[1:] if row[2] == "PH001"]
    assert [row[3] for row in marked] == [schema.BODY.name]
    letters, row = re.fullmatch(r"([A-Z]+)(\d+)", str(marked[0][4])).groups()  # the link shows the cell
    assert letters == schema.BODY.column_letter("body")
    assert book.sheets[schema.BODY.name].values[(int(row), ord(letters) - 64)] == "组织党员X人参加培训。"


def test_report_prints_the_authors_outline(excel):
    app, book = excel
    macros.report()
    written = app.opened_files[-1]
    texts = [p.text.replace("\n", "") for p in docx.Document(str(written)).paragraphs if p.text]  # title lines
    assert texts == [p.text for p in report_paragraphs(read_workbook(book.fullname))]
    assert "1.健全制度。制度导语。" in texts and "第一，思想上。重视不够。" in texts
