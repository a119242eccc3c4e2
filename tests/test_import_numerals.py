"""Digits as people type them in Chinese: one table serves the workbook reader and the report importer."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook

from checks_support import cell_of, clean_report
from shuzhi_xl import schema
from shuzhi_xl.importer.frontmatter import parse_date
from shuzhi_xl.model import Location
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook


@pytest.mark.parametrize("zero", ["〇", "○", "零", "Ｏ", "O"])
def test_every_way_of_typing_the_zero_of_a_chinese_year_reads_as_zero(zero: str):
    assert parse_date(f"二{zero}二四年一月五日") == dt.date(2024, 1, 5)
    assert parse_date(f"二{zero}二四年十二月三十一日") == dt.date(2024, 12, 31)


def test_full_width_digits_and_a_chinese_year_are_read_from_a_workbook(tmp_path: Path):
    path = write_workbook(tmp_path / "支部.xlsx", clean_report())
    book = load_workbook(path)
    book[schema.INFO.name][schema.INFO.form_cell("year")] = "二Ｏ二一年度"
    book[schema.INFO.name][schema.INFO.form_cell("date")] = "２０２１年１２月３１日"
    ledger = book[schema.LEDGER.name]
    ledger[cell_of(schema.LEDGER, "date")], ledger[cell_of(schema.LEDGER, "participants")] = "２０２１－３－５", "１２人"
    book[schema.METRICS.name][cell_of(schema.METRICS, "value")] = "１，２３４．５"
    book.save(path)

    report = read_workbook(path)
    assert (report.info.year, report.info.date) == (2021, dt.date(2021, 12, 31))
    edited = Location(schema.LEDGER.name, cell_of(schema.LEDGER, "date"))
    [entry] = [e for e in report.ledger if e.where.get("date") == edited]
    assert (entry.date, entry.participants) == (dt.date(2021, 3, 5), 12)
    assert report.metrics[0].value == 1234.5
