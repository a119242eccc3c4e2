"""Cells written as strings (xlsx.cellxml) read back as the values written, through openpyxl."""

from __future__ import annotations

import datetime as dt
import io
import random

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


def test_a_block_rendered_a_column_at_a_time_equals_each_row_rendered_alone():
    from shuzhi_xl.xlsx.cellxml import block, cells

    rnd = random.Random(17)
    # plain texts, texts with a space at an end, texts to escape or clean, whole numbers, dates before and after
    # Excel's 1900 leap day, and anything else
    plain = ["", None, "甲支部", "第一行\n第二行", "x"]
    spaced = [" 前", "后 ", "\u3000全角", "尾\t"]
    unsafe = ["a & b", "<c>", "控制\x01", "\ufffe", "孤\ud800", "x\uffff"]
    other = [0, 7, -3, 10**20, 2.5, True, dt.date(2024, 2, 29), dt.date(1900, 1, 5), dt.datetime(2024, 3, 5, 10, 30)]
    columns = {"text": plain + spaced, "whole": [None, 0, 12, -4], "date": [None, dt.date(2024, 1, 2), dt.date(1900, 2, 1)],
               "any": plain + spaced + other}
    for _ in range(3000):
        kinds = [rnd.choice(list(columns)) for _ in range(rnd.randint(0, 5))]
        dirty = rnd.random() < 0.2
        values = [tuple(rnd.choice(columns[k] + (unsafe if dirty else [])) for k in kinds)
                  for _ in range(rnd.randint(0, 5))]
        styles = [rnd.randint(1, 40) for _ in kinds]
        lead, end = rnd.choice(["", '<c s="9"/>']), rnd.choice(["", "\x00"])
        assert block(values, styles, lead, end) == "".join(lead + cells(row, styles) + end for row in values), \
            (values, styles, lead, end)


def test_a_block_writes_each_kind_of_cell_as_spreadsheetml():
    from shuzhi_xl.xlsx.cellxml import block

    assert block([("甲", 3, dt.date(2024, 1, 1), " 乙"), ("", None, None, "a<b")], [1, 2, 3, 4], "<L/>", "|") == (
        '<L/><c s="1" t="inlineStr"><is><t>甲</t></is></c><c s="2" t="n"><v>3</v></c><c s="3" t="n"><v>45292</v></c>'
        '<c s="4" t="inlineStr"><is><t xml:space="preserve"> 乙</t></is></c>|'
        '<L/><c s="1"/><c s="2"/><c s="3"/><c s="4" t="inlineStr"><is><t>a&lt;b</t></is></c>|')
    assert block([("a",), ("b",)], [], "<L/>", "|") == "<L/>|<L/>|" and block([], [1, 2], "<L/>", "|") == ""
