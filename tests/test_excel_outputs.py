"""What the output buttons write and say, through the fake Excel: the rules file beside the workbook, the
report, the PDF and the committee's summary with its volume."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest
import xlwings

from excel_fake import open_in_excel
from shuzhi_xl import soffice
from shuzhi_xl.checks import check_report, load_rules
from shuzhi_xl.checks.rules import RULES_FILE, rules_for
from shuzhi_xl.checks.plan import RESULT_SHEET
from shuzhi_xl.consolidate.views import OVERVIEW, requirement
from shuzhi_xl.excel import live, macros
from shuzhi_xl.samples import sample_report
from shuzhi_xl.synthetic import write_samples
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook

STRICT_LENGTH = "[length]\ntotal = 100\n"


@pytest.fixture(scope="module")
def sample_file(tmp_path_factory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("wb") / "支部.xlsx", sample_report())


@pytest.fixture
def excel(sample_file, tmp_path, monkeypatch):
    """Return (app, book): a sample workbook alone in its folder, open and active in a fake Excel, the error
    prompt answered yes and opening files recorded in app.opened_files."""
    app, book = open_in_excel(Path(shutil.copy(sample_file, tmp_path)))
    app.answers = ["yes"]
    app.opened_files = []
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: book))
    monkeypatch.setattr(live, "open_file", lambda path: app.opened_files.append((path, len(app.alerts))))
    return app, book


def _docx_text(path: Path) -> str:
    return re.sub(r"\s", "", "".join(p.text for p in docx.Document(str(path)).paragraphs))


def test_check_uses_the_rules_file_in_the_workbooks_folder_and_says_so(excel):
    app, book = excel
    rules_file = Path(book.fullname).parent / RULES_FILE
    macros.check()
    assert "LN002" not in str(book.sheets[RESULT_SHEET].used_range.value)  # no length limit by default
    assert "内置默认规则" in app.alerts[-1][0]

    rules_file.write_text(STRICT_LENGTH, encoding="utf-8")
    macros.check()
    table = book.sheets[RESULT_SHEET].used_range.value
    expected = check_report(read_workbook(book.fullname), load_rules(rules_file))
    assert len(table) == len(expected) + 1 and "LN002" in str(table)
    assert str(rules_file) in app.alerts[-1][0]
    assert f"正在检查（{RULES_FILE}）……" in app.statuses and app.status_bar is False


def test_a_bad_rules_file_gets_a_message_naming_it_and_the_workbook_is_left_alone(excel):
    app, book = excel
    rules_file = Path(book.fullname).parent / RULES_FILE
    rules_file.write_text("[length]\ntotal = \"很多\"\n", encoding="utf-8")
    sheets = [s.name for s in book.sheets]
    macros.check()
    (prompt, _, mode), = app.alerts
    assert "规则文件" in prompt and str(rules_file) in prompt and "length.total" in prompt
    assert mode == "critical" and "Traceback" not in prompt and "内部错误" not in prompt
    assert [s.name for s in book.sheets] == sheets


def test_report_says_where_the_file_went_then_opens_it(excel):
    app, book = excel
    rules_file = Path(book.fullname).parent / RULES_FILE
    rules_file.write_text(STRICT_LENGTH, encoding="utf-8")
    macros.report()
    report = read_workbook(book.fullname)
    written = Path(book.fullname).parent / f"{report.info.display_title}.docx"
    prompt, buttons, mode = app.alerts[-1]
    assert f"报告已生成：\n{written}" in prompt and str(rules_file) in prompt and mode == "info"
    assert app.opened_files == [(written, len(app.alerts))]  # opened after the message
    assert re.sub(r"\s", "", report.info.display_title) in _docx_text(written)
    assert app.status_bar is False


@pytest.mark.skipif(soffice.find_soffice() is None, reason="LibreOffice (soffice) is not installed")
def test_export_pdf_writes_the_pdf_beside_the_report_and_names_both(excel):
    app, book = excel
    macros.export_pdf()
    prompt, _, mode = app.alerts[-1]
    assert mode == "info", prompt
    written = Path(book.fullname).parent / f"{read_workbook(book.fullname).info.display_title}.docx"
    pdf = written.with_suffix(".pdf")
    assert f"PDF 已生成：\n{pdf}" in prompt and f"Word 报告：\n{written}" in prompt
    assert pdf.read_bytes().startswith(b"%PDF-") and docx.Document(str(written)).paragraphs
    assert app.opened_files == [(pdf, len(app.alerts))]
    assert "正在转换为 PDF……" in app.statuses and app.status_bar is False


def test_export_pdf_without_a_converter_names_the_word_report(excel, monkeypatch):
    app, book = excel
    monkeypatch.setattr(soffice, "find_soffice", lambda: None)
    macros.export_pdf()
    prompt, _, mode = app.alerts[-1]
    written = Path(book.fullname).parent / f"{read_workbook(book.fullname).info.display_title}.docx"
    assert mode == "critical" and str(written) in prompt and "另存为" in prompt
    assert written.is_file() and not written.with_suffix(".pdf").exists() and app.opened_files == []


@pytest.fixture
def committee(tmp_path, monkeypatch):
    """Return (app, folder): three synthetic branch workbooks in a folder the user picks."""
    folder = tmp_path / "各支部"
    paths = write_samples(folder, 3, jobs=1)
    app, book = open_in_excel(paths[0])
    monkeypatch.setattr(xlwings.Book, "caller", classmethod(lambda cls: book))
    monkeypatch.setattr(macros, "_pick", lambda folder_wanted, *a, **k: folder if folder_wanted else None)
    return app, folder


def test_consolidate_writes_the_summary_and_the_volume_and_names_both(committee):
    app, folder = committee
    branches = [read_workbook(p) for p in sorted(folder.glob("*.xlsx"))]
    macros.consolidate()
    summary, volume = folder / macros.SUMMARY_NAME, folder / macros.VOLUME_NAME
    prompt, _, mode = app.alerts[-1]
    assert mode == "info" and f"汇总工作簿：\n{summary}" in prompt and f"述职报告汇编：\n{volume}" in prompt
    assert "内置默认规则" in prompt and app.books.opened == [str(summary)]
    rows = list(openpyxl.load_workbook(summary, read_only=True)[OVERVIEW].values)
    assert {r.info.branch for r in branches} <= {cell for row in rows for cell in row}
    text = _docx_text(volume)
    assert all(re.sub(r"\s", "", r.info.display_title) in text for r in branches)
    progress = [s for s in app.statuses if isinstance(s, str) and s.startswith("正在汇总")]
    assert progress[-1].startswith("正在汇总（3/3）") and len(progress) == 3 and app.status_bar is False


def test_consolidate_applies_the_folders_rules_file(committee):
    app, folder = committee
    rules_file = folder / RULES_FILE
    rules_file.write_text('[ledger.frequency]\n"党课" = { per = "月", min = 1 }\n', encoding="utf-8")
    macros.consolidate()
    header = next(openpyxl.load_workbook(folder / macros.SUMMARY_NAME, read_only=True)[OVERVIEW].values)
    strict, default = requirement(load_rules(rules_file), "党课"), requirement(load_rules(), "党课")
    assert strict != default and f"党课（{strict}）" in header
    assert str(rules_file) in app.alerts[-1][0]


def test_consolidate_with_a_bad_rules_file_writes_nothing(committee):
    app, folder = committee
    (folder / RULES_FILE).write_text("[ledger\n", encoding="utf-8")
    macros.consolidate()
    (prompt, _, mode), = app.alerts
    assert mode == "critical" and str(folder / RULES_FILE) in prompt and "TOML" in prompt
    assert not (folder / macros.SUMMARY_NAME).exists() and not (folder / macros.VOLUME_NAME).exists()


def test_an_unsaved_workbook_uses_the_default_rules(tmp_path):
    assert live.workbook_folder("工作簿1") is None
    assert rules_for(None) == (load_rules(), None)
    assert rules_for(tmp_path) == (load_rules(), None)
