"""Odd but plausible input: the reader never drops a value silently; it reads it, or says at its cell why not."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook

from checks_support import YEAR, body_cell, cell_of, clean_report, run_check
from shuzhi_xl import schema as S
from shuzhi_xl.checks import check_report
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.model import Section
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.report.write import write_report
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook

YEAR_CELL = (S.INFO.name, S.INFO.form_cell("year"))


@pytest.fixture(scope="module")
def clean_xlsx(tmp_path_factory) -> Path:
    return write_workbook(tmp_path_factory.mktemp("robust") / "clean.xlsx", clean_report())


def edited(clean: Path, tmp_path: Path, edits: dict[tuple[str, str], object]) -> Path:
    """Return a copy of *clean* with *edits* ({(sheet, cell): value}) written by openpyxl."""
    wb = load_workbook(clean)
    for (sheet, cell), value in edits.items():
        wb[sheet][cell].value = value
    out = tmp_path / "支部.xlsx"
    wb.save(out)
    return out


def findings_at(path: Path, sheet: str, cell: str) -> list:
    report = read_workbook(path)
    return [f for f in check_report(report) if (f.sheet, f.cell) == (sheet, cell)]


# --- sheets and headers -----------------------------------------------------------------------------------


@pytest.mark.parametrize("sheet", S.SHEETS, ids=lambda s: s.key)
def test_every_renamed_sheet_is_an_error_naming_file_and_sheet(clean_xlsx, tmp_path, sheet):
    wb = load_workbook(clean_xlsx)
    wb[sheet.name].title = "改名"
    wb.save(path := tmp_path / "支部.xlsx")
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    message = str(info.value)
    assert "支部.xlsx" in message and f"缺少工作表“{sheet.name}”" in message and f"改回“{sheet.name}”" in message


@pytest.mark.parametrize("sheet, column", [(s, c) for s in S.SHEETS for c in s.columns],
                         ids=lambda v: v.key)
def test_every_renamed_column_header_is_an_error_naming_the_header_cell(clean_xlsx, tmp_path, sheet, column):
    cell = f"{sheet.column_letter(column.key)}{sheet.header_row}"
    path = edited(clean_xlsx, tmp_path, {(sheet.name, cell): "我改的表头"})
    with pytest.raises(WorkbookError) as info:
        read_workbook(path)
    assert (info.value.sheet, info.value.cell) == (sheet.name, cell)
    assert f"表头应为“{column.label}”，现在是“我改的表头”" in str(info.value)


def test_a_renamed_optional_ledger_column_is_reported_by_check(clean_xlsx, tmp_path):
    cell = f"{S.LEDGER.column_letter('topic')}{S.LEDGER.header_row}"
    code, findings = run_check(edited(clean_xlsx, tmp_path, {(S.LEDGER.name, cell): "会议主题"}))
    assert code == 2
    assert [(f["code"], f["sheet"], f["cell"]) for f in findings] == [("ST000", S.LEDGER.name, cell)]
    assert "会议主题" in findings[0]["message"]


def test_a_duplicated_column_is_an_error_naming_both_cells(clean_xlsx, tmp_path):
    body = f"{S.BODY.column_letter('body')}{S.BODY.header_row}"
    copy = f"{S.column_letter(len(S.BODY.columns) + 1)}{S.BODY.header_row}"
    with pytest.raises(WorkbookError) as info:
        read_workbook(edited(clean_xlsx, tmp_path, {(S.BODY.name, copy): S.BODY.field("body").label}))
    assert (info.value.sheet, info.value.cell) == (S.BODY.name, copy)
    assert f"（{body}、{copy}）" in str(info.value)


def test_a_duplicated_form_label_is_an_error_naming_both_cells(clean_xlsx, tmp_path):
    label = f"A{S.INFO.form_row('branch')}"
    with pytest.raises(WorkbookError) as info:
        read_workbook(edited(clean_xlsx, tmp_path, {(S.INFO.name, "A40"): S.INFO.field("branch").label}))
    assert (info.value.sheet, info.value.cell) == (S.INFO.name, "A40") and f"（{label}、A40）" in str(info.value)


@pytest.mark.parametrize("key", [f.key for f in S.INFO.form if not f.required])
def test_a_renamed_optional_form_label_is_an_error(clean_xlsx, tmp_path, key):
    label_cell = f"A{S.INFO.form_row(key)}"
    with pytest.raises(WorkbookError) as info:
        read_workbook(edited(clean_xlsx, tmp_path, {(S.INFO.name, label_cell): "改过的栏目"}))
    assert (info.value.sheet, info.value.cell) == (S.INFO.name, label_cell)
    assert f"找不到“{S.INFO.field(key).label}”一栏" in str(info.value)


# --- choices ----------------------------------------------------------------------------------------------


def test_an_unknown_level_is_a_finding_naming_the_choices_and_the_row_is_not_lost(clean_xlsx, tmp_path):
    level = body_cell(clean_xlsx, "思想认识高度不够", "level")
    path = edited(clean_xlsx, tmp_path, {(S.BODY.name, level): "章节"})
    report = read_workbook(path)
    # Without a usable level the row's label （一） says what it is: still the first problem.
    assert report.parts[1].sections[0].heading == "思想认识高度不够"
    [finding] = findings_at(path, S.BODY.name, level)
    assert (finding.code, finding.severity) == ("ST009", "error")
    assert "“章节”不是可选的值" in finding.message and "、".join(S.LEVELS) in finding.suggestion


def test_an_unknown_numbering_is_a_warning_and_the_default_is_used(clean_xlsx, tmp_path):
    cell = body_cell(clean_xlsx, "存在的问题", "numbering")
    path = edited(clean_xlsx, tmp_path, {(S.BODY.name, cell): "第二部分"})
    report = read_workbook(path)
    assert report.parts[1].numbering == ""
    assert "二、存在的问题" in [p.text for p in report_paragraphs(report) if p.role == "part"]
    [finding] = findings_at(path, S.BODY.name, cell)
    assert (finding.code, finding.severity) == ("ST009", "warning") and "“第二部分”" in finding.message


@pytest.mark.parametrize("sheet", [S.INFO, S.BODY], ids=lambda s: s.key)
def test_an_unknown_layout_is_a_finding_and_the_default_is_used(clean_xlsx, tmp_path, sheet):
    cell = sheet.form_cell("layout") if sheet.form else body_cell(clean_xlsx, "政治学习", "layout")
    path = edited(clean_xlsx, tmp_path, {(sheet.name, cell): "逐条"})
    report = read_workbook(path)
    assert (report.info.layout, report.parts[0].sections[0].layout) == (S.LAYOUTS[0], "")
    [finding] = findings_at(path, sheet.name, cell)
    assert (finding.code, finding.severity) == ("ST009", "error")
    assert "“逐条”不是可选的值" in finding.message and "、".join(S.LAYOUTS) in finding.suggestion


def test_every_valid_choice_is_read_without_findings(clean_xlsx, tmp_path):
    edits = {(S.INFO.name, S.INFO.form_cell("bold")): S.BOLD_STYLES[0],
             (S.INFO.name, S.INFO.form_cell("body_font")): S.BODY_FONTS[1],
             (S.BODY.name, body_cell(clean_xlsx, "重点任务", "layout")): S.LAYOUTS[2],
             (S.BODY.name, body_cell(clean_xlsx, "重点任务", "alone")): S.ALONE[1]}
    report = read_workbook(edited(clean_xlsx, tmp_path, edits))
    assert (report.info.bold, report.info.body_font) == (S.BOLD_STYLES[0], S.BODY_FONTS[1])
    assert (report.parts[0].sections[1].layout, report.parts[0].sections[1].alone) == (S.LAYOUTS[2], True)
    assert not report.ignored
    assert not [f for f in check_report(report) if f.code.startswith("ST")]


# --- years, numbers, dates --------------------------------------------------------------------------------


@pytest.mark.parametrize("typed", [f"{YEAR}年度", f"{YEAR}年", f"{YEAR} 年度", str(YEAR).translate(
    str.maketrans("0123456789", "０１２３４５６７８９")), "二〇二二年", float(YEAR)])
def test_a_year_written_as_people_write_it_is_read(clean_xlsx, tmp_path, typed):
    path = edited(clean_xlsx, tmp_path, {YEAR_CELL: typed})
    report = read_workbook(path)
    assert report.info.year == YEAR
    assert f"{YEAR}年度" in report_paragraphs(report)[0].text
    assert not findings_at(path, *YEAR_CELL)


@pytest.mark.parametrize("typed", ["去年", "2O22", "22-23年"])
def test_an_unreadable_year_is_called_unreadable_not_empty(clean_xlsx, tmp_path, typed):
    code, findings = run_check(edited(clean_xlsx, tmp_path, {YEAR_CELL: typed}))
    at_year = [f for f in findings if (f["sheet"], f["cell"]) == YEAR_CELL]
    assert code == 1 and [f["code"] for f in at_year] == ["ST009"]
    assert f"“{typed}”无法识别为年份" in at_year[0]["message"] and "没有填写" not in at_year[0]["message"]


def test_an_empty_year_is_still_called_empty(clean_xlsx, tmp_path):
    [finding] = findings_at(edited(clean_xlsx, tmp_path, {YEAR_CELL: None}), *YEAR_CELL)
    assert finding.code == "ST001" and "还没有填写" in finding.message


def test_unreadable_dates_counts_and_order_numbers_are_named_at_their_cells(clean_xlsx, tmp_path):
    cells = {(S.INFO.name, S.INFO.form_cell("date")): "2022年12月",
             (S.LEDGER.name, cell_of(S.LEDGER, "date", 5)): "三月上旬",
             (S.LEDGER.name, cell_of(S.LEDGER, "participants", 5)): "十二人"}
    report = read_workbook(edited(clean_xlsx, tmp_path, cells))
    findings = {(f.sheet, f.cell): f for f in check_report(report)}
    for (sheet, cell), typed in cells.items():
        finding = findings[sheet, cell]
        assert finding.code == "ST009" and f"“{typed}”无法识别为" in finding.message, finding
        assert finding.severity == ("warning" if sheet == S.LEDGER.name else "error")
    assert "日期" in findings[S.INFO.name, S.INFO.form_cell("date")].message
    assert "整数" in findings[S.LEDGER.name, cell_of(S.LEDGER, "participants", 5)].message
    # The ledger row's date is reported once, as unreadable, not also as missing.
    assert not [f for f in check_report(report) if f.code == "LG004"]


def test_counts_with_units_are_read(clean_xlsx, tmp_path):
    report = read_workbook(edited(clean_xlsx, tmp_path, {(S.LEDGER.name, cell_of(S.LEDGER, "participants")): "15人"}))
    assert report.ledger[0].participants == 15 and not report.ignored


@pytest.mark.parametrize("typed", ["inf", "nan", "1e999"])
def test_a_metric_that_float_would_take_as_infinite_is_not_a_number(clean_xlsx, tmp_path, typed):
    cell = cell_of(S.METRICS, "value")
    [finding] = [f for f in findings_at(edited(clean_xlsx, tmp_path, {(S.METRICS.name, cell): typed}),
                                        S.METRICS.name, cell)]
    assert finding.code == "NU003" and typed in finding.message


# --- rows -------------------------------------------------------------------------------------------------


def test_rows_labelled_in_advance_but_empty_are_not_points(clean_xlsx, tmp_path):
    points = len(clean_report().parts[2].sections)
    last = load_workbook(clean_xlsx)[S.BODY.name].max_row
    level, numbering = (S.BODY.column_letter(key) for key in ("level", "numbering"))
    edits = {(S.BODY.name, f"{column}{last + i}"): value for i in range(1, 6)
             for column, value in ((level, S.POINT), (numbering, f"{'六七八九十'[i - 1]}是"))}
    report = read_workbook(edited(clean_xlsx, tmp_path, edits))
    assert len(report.parts[2].sections) == points and not report.parts[2].sections[-1].points
    assert "六是" not in "".join(p.text for p in report_paragraphs(report))


def test_a_part_row_without_a_title_prints_its_text_without_any_heading(clean_xlsx, tmp_path):
    cells = {(S.BODY.name, body_cell(clean_xlsx, "下步工作打算", column)): value
             for column, value in (("heading", None), ("body", "一段没有标题的文字。"), ("numbering", None))}
    report = read_workbook(edited(clean_xlsx, tmp_path, cells))
    texts = [p.text for p in report_paragraphs(report)]
    assert "一段没有标题的文字。" in texts and not any(t.startswith("三、") for t in texts)
    assert not [f for f in check_report(report) if f.code.startswith("ST")]


def test_more_than_a_hundred_problems_are_numbered_checked_and_written(tmp_path):
    report = clean_report()
    report.parts[1].sections = [Section(f"问题{n}", f"第{n}条问题的具体表现。") for n in range(1, 121)]
    path = write_workbook(tmp_path / "多.xlsx", report)
    code, findings = run_check(path)
    assert code == 0 and findings
    written = write_report(read_workbook(path), tmp_path / "多.docx")
    texts = [p.text for p in docx.Document(str(written)).paragraphs]
    for label in ("（九十九）问题99。", "（一百）问题100。", "（一百零一）问题101。", "（一百一十）问题110。",
                  "（一百二十）问题120。"):
        assert any(t.startswith(label) for t in texts), label
