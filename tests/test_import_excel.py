"""The Excel ribbon's 导入往年报告 button, on a fake Excel: the workbook is written and the notes are shown."""

from __future__ import annotations

from pathlib import Path

import xlwings

from excel_fake import App, Book
from shuzhi_xl.excel import macros
from shuzhi_xl.xlsx.reader import read_workbook
from test_import_docx import report_with_auto_numbering
from support import part


def test_import_button_writes_the_workbook_opens_it_and_shows_the_notes(tmp_path: Path, monkeypatch):
    document = report_with_auto_numbering(tmp_path / "去年.docx")
    app = App()
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: Book(app, "x.xlsx", "x.xlsx", {})))
    monkeypatch.setattr(macros, "_pick", lambda *args, **kwargs: document)
    macros.import_report()
    written = document.with_suffix(".xlsx")
    assert app.books.opened == [str(written)]
    assert part(read_workbook(written), "work").sections[0].heading == "加强理论学习，筑牢思想根基。"
    (message, _, _), = app.alerts
    assert "已导入为新工作簿" in message and "表格（2行×3列）" in message and "“上级党组织”" in message
