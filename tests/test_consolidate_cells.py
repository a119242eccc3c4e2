"""Cells written as strings (xlsx.cellxml) read back as the values written, through openpyxl."""

from __future__ import annotations

import datetime as dt
import io

import openpyxl

from shuzhi_xl.consolidate.summary import CHART_SHEET, Column, SheetData, write_summary

VALUES = [
    ("a & b <c> \"d\"", "text"), ("  前后有空格　", "text"), ("第一行\n第二行", "longtext"), (12, "int"),
    (3.25, "number"), (dt.date(2024, 2, 29), "date"), (dt.date(1900, 1, 5), "date"),
    (dt.datetime(2024, 3, 5, 10, 30), "datetime"), (None, "text"), (True, "text"),
]


def test_written_values_read_back_unchanged():
    columns = [Column(f"列{i}", kind=kind) for i, (_, kind) in enumerate(VALUES)]
    data = SheetData("表", "tbl_t", columns, [tuple(v for v, _ in VALUES), ("控制\x01字符\x1f", *[None] * 9)])
    out = io.BytesIO()
    write_summary(out, [data, SheetData(CHART_SHEET, "tbl_c", [Column("x")], [])], [])
    ws = openpyxl.load_workbook(out)["表"]
    row = [c.value for c in ws[2]]
    for (expected, kind), got in zip(VALUES, row):
        if kind == "date":
            got = got.date()
        assert got == expected, (kind, got)
    assert ws["A3"].value == "控制字符" and ws["A3"].data_type == "s"


def test_serial_numbers_count_excel_s_1900_leap_day():
    from shuzhi_xl.xlsx.cellxml import serial

    # Excel: 1900-01-01 is 1, 1900-02-28 is 59, a 1900-02-29 that never was is 60, 1900-03-01 is 61; noon is .5
    assert [serial(dt.date(1900, 1, 1)), serial(dt.date(1900, 2, 28)), serial(dt.date(1900, 3, 1))] == [1, 59, 61]
    assert serial(dt.date(2024, 1, 1)) == 45292
    assert serial(dt.datetime(2024, 1, 1, 12)) == 45292.5
