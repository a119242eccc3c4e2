"""What the reader makes of dates typed as Excel serial numbers and of rows' order numbers, as specifications.

Serial numbers are checked against days Microsoft documents for Excel's 1900 date system: serial 39448 is
1 January 2008, 2958465 is 31 December 9999 (the last day Excel holds), and 61 is 1 March 1900 (60 being the
29 February 1900 that Excel counts but that never was).
"""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from shuzhi_xl import schema
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.values import date, integer, number, text, texts, year

LEDGER = schema.LEDGER


def _ledger_row(path, date_value):
    wb = openpyxl.load_workbook(path)
    ws = wb[LEDGER.name]
    row = LEDGER.first_data_row
    cell = ws[f"{LEDGER.column_letter('date')}{row}"]
    cell.value, cell.number_format = date_value, "General"  # a plain number, as when the date format is lost
    ws[f"{LEDGER.column_letter('kind')}{row}"] = "党课"
    wb.save(path)
    return read_workbook(path)


@pytest.mark.parametrize("serial, day", [
    (39448, dt.date(2008, 1, 1)),
    (39448.75, dt.date(2008, 1, 1)),  # six in the evening is still that day
    (39448 + 366 + 59, dt.date(2009, 3, 1)),  # 2008 has 366 days, January and February 2009 have 59
    (61, dt.date(1900, 3, 1)),
    (2958465, dt.date(9999, 12, 31)),
])
def test_a_ledger_date_typed_as_a_serial_number_is_the_day_excel_shows(template_xlsx, serial, day):
    assert _ledger_row(template_xlsx, serial).ledger[0].date == day


@pytest.mark.parametrize("number", [2958466, 0, -5])
def test_a_number_beyond_excels_calendar_is_no_date_and_is_reported(template_xlsx, number):
    report = _ledger_row(template_xlsx, number)
    assert report.ledger[0].date is None
    where = f"{LEDGER.column_letter('date')}{LEDGER.first_data_row}"
    assert [(i.where.sheet, i.where.cell) for i in report.ignored] == [(LEDGER.name, where)]


def test_point_rows_keep_their_row_order_whatever_labels_they_carry(template_xlsx):
    # The template's rows 4 to 6 are the point rows under 政治学习: a label says the style, never the place.
    body = schema.BODY
    wb = openpyxl.load_workbook(template_xlsx)
    ws = wb[body.name]
    numbering, text = body.column_letter("numbering"), body.column_letter("body")
    for row, (label, value) in zip((4, 5, 6), [("三是", "甲"), ("1.", "乙"), (None, "丙")]):
        ws[f"{numbering}{row}"], ws[f"{text}{row}"] = label, value
    wb.save(template_xlsx)
    section = read_workbook(template_xlsx).parts[0].sections[0]
    assert [p.body for p in section.points] == ["甲", "乙", "丙"]
    assert section.point_numbering == ""  # the first point row's style: 一是, the default


def test_every_column_of_a_ledger_row_and_a_metric_is_read(template_xlsx):
    wb = openpyxl.load_workbook(template_xlsx)
    ledger, metrics = wb[LEDGER.name], wb[schema.METRICS.name]
    row = LEDGER.first_data_row
    for key, value in {"date": "2024-03-15", "kind": "党课", "topic": "学习党章", "participants": 23,
                       "note": "书记讲授"}.items():
        ledger[f"{LEDGER.column_letter(key)}{row}"] = value
    row = schema.METRICS.first_data_row
    for key, value in {"name": "发展党员", "value": 3, "unit": "名", "note": "含预备党员"}.items():
        metrics[f"{schema.METRICS.column_letter(key)}{row}"] = value
    wb.save(template_xlsx)
    report = read_workbook(template_xlsx)
    entry, metric = report.ledger[0], next(m for m in report.metrics if m.name == "发展党员")
    assert (entry.date, entry.kind, entry.topic, entry.participants, entry.note) == (
        dt.date(2024, 3, 15), "党课", "学习党章", 23, "书记讲授")
    assert (metric.value, metric.unit, metric.note) == (3.0, "名", "含预备党员")


#: Cell values and their text, worked out by hand: blanks of three kinds stripped, Windows line breaks made plain,
#: integral figures without ".0", dates in ISO form; then characters no file can hold (a vertical tab or form feed
#: is Word's line break, \x01 nothing).
CLEAN = [(" 甲\u3000", "甲"), ("乙\r\n丙\xa0", "乙\n丙"), ("丁 \r\n", "丁"), (3.0, "3"), (2.5, "2.5"), (None, ""), ("", ""),
         (dt.date(2024, 3, 5), "2024-03-05"), (dt.datetime(2024, 3, 5, 8, 30), "2024-03-05 08:30:00")]
UNSTORABLE = [("戊\x0b己\x01 ", "戊\n己"), ("\x0c", "")]
#: The usual column: no line break of Windows', nothing to remove.
PLAIN = [(value, expected) for value, expected in CLEAN if "\r" not in str(value)]


@pytest.mark.parametrize("cells", [CLEAN, CLEAN + UNSTORABLE, UNSTORABLE, PLAIN])
def test_a_columns_texts_are_each_values_text(cells):
    # texts() cleans a column at once; it must say what text() says of each value, with or without a character
    # no file can hold among them.
    values = [value for value, _ in cells]
    assert texts(values) == [expected for _, expected in cells] == [text(value) for value in values]


def test_a_count_or_year_of_thousands_of_digits_is_none():
    # int() refuses a text of over 4,300 digits: such a 参加人数 was an internal error, not a value noted as unread
    assert integer("1" * 18 + "人") == int("1" * 18)
    assert integer("1" * 19) is None and integer("1" * 5000) is None and year("1" * 5000) is None


def test_a_figure_typed_with_thousands_commas_is_a_number_and_other_text_stays_text():
    assert number("1，234") == number("1,234") == number("１，２３４") == number(1234) == 1234.0
    # words, and what float() would take but is no figure here, stay as written; a true/false cell is no figure
    assert [number(v) for v in ("约十二", "inf", "1e999", True)] == ["约十二", "inf", "1e999", "True"]
    assert number("") is None and number(None) is None and number("  ") is None


def test_a_fraction_is_no_count_and_a_datetime_at_midnight_is_its_date():
    assert integer(12.5) is None and integer(12.0) == 12 and integer(7) == 7
    assert text(dt.datetime(2024, 1, 2)) == "2024-01-02"
    assert text(dt.datetime(2024, 1, 2, 9, 30)) == "2024-01-02 09:30:00"


def test_a_year_in_chinese_numerals_and_the_first_serial_day():
    assert year("二〇二四年") == year("二〇二四年度") == year("２０２４") == year(2024) == 2024
    # Excel's serial 1 is its nonexistent 1900-01-00 (before it, nothing): 2 is 1900-01-01, the first day taken
    assert (date(1), date(2), date(2958465), date(2958466)) == (None, dt.date(1900, 1, 1), dt.date(9999, 12, 31), None)


def test_only_the_listed_blanks_are_stripped_from_a_text():
    # spaces, tabs, line breaks, the ideographic and the no-break space; an em space is kept as typed
    assert text(" \t\u3000\u00a0甲\n") == "甲" and text("\u2003甲") == "\u2003甲"
    assert texts(["\u2003甲 ", " 乙\u3000", None]) == ["\u2003甲", "乙", ""]
