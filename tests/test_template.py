"""The template: written by the CLI, readable by openpyxl and calamine, laid out from the schema."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from click.testing import CliRunner
from python_calamine import CalamineWorkbook

from shuzhi_xl import schema
from shuzhi_xl.cli import main
from shuzhi_xl.model import Part, Section
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.fill import filled_workbook_bytes
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import SPARE_ROWS, workbook_bytes

SHEETS = ["填写说明", "基本信息", "报告正文", "活动台账", "指标数据"]
#: Rows the default 提纲 lays out in 报告正文: 主要工作情况 and its four sections with three point rows each, then
#: 存在的问题 and 下步工作打算 with three item rows each.
OUTLINE_ROWS = 1 + 4 * (1 + 3) + 2 * (1 + 3)


def test_cli_template_writes_a_workbook_both_readers_open(tmp_path):
    out = tmp_path / "t.xlsx"
    result = CliRunner().invoke(main, ["template", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert str(out) in result.output
    names_openpyxl = openpyxl.load_workbook(out).sheetnames
    names_calamine = CalamineWorkbook.from_path(str(out)).sheet_names
    assert names_openpyxl == names_calamine
    for name in SHEETS:
        assert name in names_openpyxl


def test_ledger_type_column_has_the_dropdown(template_xlsx):
    ws = openpyxl.load_workbook(template_xlsx)[schema.LEDGER.name]
    letter = schema.LEDGER.column_letter("kind")
    lists = [dv for dv in ws.data_validations.dataValidation if dv.type == "list"]
    covering = [dv for dv in lists if any(str(r).startswith(f"{letter}{schema.LEDGER.first_data_row}")
                                          for r in dv.sqref.ranges)]
    assert len(covering) == 1
    assert covering[0].formula1.strip('"').split(",") == list(schema.LEDGER_KINDS)
    assert covering[0].showInputMessage


def test_schema_version_marker_is_a_hidden_defined_name(template_xlsx):
    wb = openpyxl.load_workbook(template_xlsx)
    name = wb.defined_names[schema.VERSION_NAME]
    assert name.hidden
    assert name.attr_text == f'"{schema.SCHEMA_VERSION}"'


def test_headers_locked_inputs_unlocked_and_sheets_protected_without_password(template_xlsx):
    wb = openpyxl.load_workbook(template_xlsx)
    for sheet in schema.SHEETS:
        ws = wb[sheet.name]
        assert ws.protection.sheet and not ws.protection.password
        if sheet.columns:
            header, first = sheet.header_row, sheet.first_data_row
            assert ws.cell(header, 1).protection.locked
            assert ws.cell(header, 1).value == sheet.columns[0].label
            # Empty input rows have no cells: the column's own style makes a typed-in cell an unlocked,
            # wrapped input in the field's format (openpyxl itself does not apply column styles to new cells).
            for f in sheet.columns:
                column = ws.column_dimensions[sheet.column_letter(f.key)]
                assert not column.protection.locked and column.alignment.wrap_text and column.font.name == "宋体"
                assert column.number_format == {"date": "yyyy-mm-dd", "int": "General",
                                                "number": "General"}.get(f.kind, "@")
            # no styled empty cells below the header (or the 提纲's rows) for readers to walk
            assert ws.max_row == header + (OUTLINE_ROWS if sheet is schema.BODY else 0)
            assert ws.freeze_panes == f"A{first}"
            assert sheet.table_name in ws.tables
        for f in sheet.form:
            row = sheet.form_row(f.key)
            assert ws.cell(row, 1).protection.locked
            assert not ws.cell(row, 2).protection.locked


def test_every_schema_field_is_labelled_where_the_schema_says(template_xlsx):
    wb = openpyxl.load_workbook(template_xlsx)
    for sheet in schema.SHEETS:
        ws = wb[sheet.name]
        for f in sheet.form:
            assert ws.cell(sheet.form_row(f.key), 1).value.startswith(f.label)
        for f in sheet.columns:
            assert ws[f"{sheet.column_letter(f.key)}{sheet.header_row}"].value == f.label


def test_choice_fields_offer_exactly_the_schema_choices(template_xlsx):
    wb = openpyxl.load_workbook(template_xlsx)
    for sheet in schema.SHEETS:
        choices = {tuple(dv.formula1.strip('"').split(",")) for dv in wb[sheet.name].data_validations.dataValidation
                   if dv.type == "list"}
        expected = {f.choices for f in sheet.form + sheet.columns if f.kind == "choice"}
        assert choices == expected


def test_print_setup_is_a4_fit_to_width(template_xlsx):
    wb = openpyxl.load_workbook(template_xlsx)
    for sheet in schema.SHEETS:
        ws = wb[sheet.name]
        assert int(ws.page_setup.paperSize) == int(ws.PAPERSIZE_A4)
        assert ws.page_setup.fitToWidth == 1


def test_two_builds_are_byte_identical_and_carry_no_save_time():
    first, second = workbook_bytes(), workbook_bytes()
    assert first == second
    with zipfile.ZipFile(__import__("io").BytesIO(first)) as z:
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in z.infolist())
        assert z.namelist()[0] == "[Content_Types].xml"


def test_protection_lets_the_check_button_paint_and_comment_cells(template_xlsx):
    # The Excel layer highlights and comments cells of these protected sheets; Excel refuses both unless
    # the protection allows formatting cells and editing objects (comments are objects).
    wb = openpyxl.load_workbook(template_xlsx)
    for sheet in schema.SHEETS:
        protection = wb[sheet.name].protection
        assert protection.sheet and not protection.formatCells and not protection.objects


@pytest.mark.parametrize("extra", [0, 1], ids=["fits", "one-more"])
def test_the_filled_template_spans_the_table_the_full_writer_lays_out(tmp_path, extra):
    # A part title and as many problems as fill the empty template's table with its spare rows, and one more
    # (the full writer then grows the table): both ways of writing give the same table and the same report.
    report = sample_report()
    count = schema.BODY.input_rows - SPARE_ROWS + extra - 1
    report.parts = [Part("存在的问题", [Section(f"问题{n}", f"第{n}条的表现。") for n in range(1, count + 1)])]
    fast = tmp_path / "fast.xlsx"
    fast.write_bytes(filled_workbook_bytes(report))
    tables = [openpyxl.load_workbook(source)[schema.BODY.name].tables[schema.BODY.table_name].ref
              for source in (fast, io.BytesIO(workbook_bytes(report)))]
    assert tables[0] == tables[1]
    last = schema.column_letter(len(schema.BODY.columns))
    assert int(tables[0].split(f":{last}")[1]) >= schema.BODY.first_data_row + count  # spare rows below the last
    assert read_workbook(fast) == report
