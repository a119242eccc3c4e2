"""xlsx.cellxml's cells as SpreadsheetML: each kind of value in its element, at its reference and style, and date
serial numbers as openpyxl (an independent implementation) computes them."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from openpyxl.utils.datetime import to_excel

from shuzhi_xl.xlsx.cellxml import cell, row, serial


@pytest.mark.parametrize("moment", [
    dt.date(1899, 12, 30), dt.date(1899, 12, 31), dt.date(1900, 1, 1), dt.date(1900, 2, 28), dt.date(1900, 3, 1),
    dt.date(1800, 1, 1), dt.date(2024, 2, 29), dt.datetime(1900, 2, 28, 23, 59, 59, 999999),
    dt.datetime(2024, 3, 5, 10, 30, 15, 250000), dt.datetime(2024, 3, 5, 0, 0, 1), dt.datetime(1899, 12, 31, 6)])
def test_a_serial_number_is_openpyxls(moment):
    assert serial(moment) == pytest.approx(to_excel(moment), abs=1e-9)


def test_each_kind_of_value_in_its_element():
    assert cell("A1", 7) == '<c r="A1" t="n"><v>7</v></c>'  # no style: no s attribute
    assert cell("B2", 2.5, 3) == '<c r="B2" s="3" t="n"><v>2.5</v></c>'
    assert cell("", "甲", 4) == '<c s="4" t="inlineStr"><is><t>甲</t></is></c>'
    assert cell("C3", " 乙", None) == '<c r="C3" t="inlineStr"><is><t xml:space="preserve"> 乙</t></is></c>'
    assert cell("D4", "", 1) == cell("D4", None, 1) == cell("D4", "\x01", 1) == '<c r="D4" s="1"/>'
    assert cell("E5", True, 2) == '<c r="E5" s="2" t="b"><v>1</v></c>'
    # 1900-03-01 is the first day counted as plain days: a whole number, as openpyxl writes it
    assert cell("F6", dt.date(1900, 3, 1), 5) == '<c r="F6" s="5" t="n"><v>61</v></c>'
    assert cell("G7", dt.date(1900, 2, 28), 5) == '<c r="G7" s="5" t="n"><v>59.0</v></c>'
    # anything else as its text, in the cell and style asked for
    assert cell("H8", Decimal("1.50"), 6) == '<c r="H8" s="6" t="inlineStr"><is><t>1.50</t></is></c>'


def test_a_row_is_numbered_and_its_cells_placed_and_styled():
    assert row(3, ["甲", 2, None]) == ('<row r="3"><c r="A3" t="inlineStr"><is><t>甲</t></is></c>'
                                       '<c r="B3" t="n"><v>2</v></c><c r="C3"/></row>')
    assert row(12, [1, "a"], [None, 7], height=30) == ('<row r="12" ht="30" customHeight="1"><c r="A12" t="n"><v>1</v>'
                                                       '</c><c r="B12" s="7" t="inlineStr"><is><t>a</t></is></c></row>')


def test_a_row_reads_back_through_openpyxl():
    sheet = ('<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             f'{row(2, ["前 ", 3.5, True, None, "x<y"], height=20)}</sheetData></worksheet>')
    wb = openpyxl.Workbook()
    out = io.BytesIO()
    wb.save(out)
    patched = io.BytesIO()
    with zipfile.ZipFile(out) as source, zipfile.ZipFile(patched, "w") as target:
        for info in source.infolist():
            data = sheet.encode() if info.filename == "xl/worksheets/sheet1.xml" else source.read(info)
            target.writestr(info, data)
    ws = openpyxl.load_workbook(patched).active
    assert [c.value for c in ws[2]] == ["前 ", 3.5, True, None, "x<y"]
    assert ws.row_dimensions[2].height == 20
