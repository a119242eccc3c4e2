"""A sheet used past the rows the program reads gets one message, whether the workbook is read from its file or
from a live Excel: the same words, sheet and cell."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from excel_fake import open_in_excel
from shuzhi_xl import schema
from shuzhi_xl.errors import WorkbookError
from shuzhi_xl.excel import macros
from shuzhi_xl.limits import MAX_ROWS
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook


def test_the_file_reader_and_the_excel_button_say_the_same(tmp_path):
    path = write_workbook(tmp_path / "支部.xlsx", sample_report())
    wb = load_workbook(path)
    sheet = wb[schema.LEDGER.name]  # in the last column used: the corner of the range Excel reports
    cell = f"{get_column_letter(sheet.max_column)}{MAX_ROWS + 1}"
    sheet[cell] = "多出的一行"
    wb.save(path)
    with pytest.raises(WorkbookError) as from_file:
        read_workbook(path)
    app, book = open_in_excel(path)
    with pytest.raises(WorkbookError) as from_excel:
        macros.read_report(app, book)
    assert (from_file.value.sheet, from_file.value.cell) == (schema.LEDGER.name, cell)
    assert (from_excel.value.message, from_excel.value.sheet, from_excel.value.cell) == \
        (from_file.value.message, from_file.value.sheet, from_file.value.cell)
    assert f"最多 {MAX_ROWS} 行" in from_file.value.message
