"""An invalid 述职年度 is one error, not a flood: the ledger and year checks that count against the year stand down
(issue 16: “24年” gave 69 findings after the one right error)."""

from __future__ import annotations

from collections import Counter

import pytest
from openpyxl import load_workbook

from checks_support import YEAR, clean_report, run_check
from shuzhi_xl import schema
from shuzhi_xl.xlsx.template import write_workbook

#: The codes that count against the report year: ledger dates outside it, frequencies per period, past years.
YEAR_DEPENDENT = {"LG001", "LG002", "PR010"}


def _workbook(tmp_path, year_cell: object):
    path = write_workbook(tmp_path / "年度.xlsx", clean_report())
    book = load_workbook(path)
    book[schema.INFO.name][schema.INFO.form_cell("year")] = year_cell
    book.save(path)
    return path


@pytest.mark.parametrize("typed", ["24年", 24, 1924, "二四年"])
def test_an_invalid_year_is_one_error_and_nothing_counts_against_it(tmp_path, typed):
    _, findings = run_check(_workbook(tmp_path, typed))
    codes = Counter(f["code"] for f in findings)
    year_errors = [f for f in findings if f["cell"] == schema.INFO.form_cell("year")]
    assert len(year_errors) == 1 and year_errors[0]["severity"] == "error", findings
    assert not YEAR_DEPENDENT & set(codes), codes


def test_a_valid_other_year_still_counts_every_ledger_date_against_it(tmp_path):
    # The clean ledger is dated in YEAR: against YEAR - 1 every dated row is outside, and every period short.
    _, findings = run_check(_workbook(tmp_path, YEAR - 1))
    codes = Counter(f["code"] for f in findings)
    assert codes["LG002"] == len(clean_report().ledger)
    assert codes["LG001"] == len({e.kind for e in clean_report().ledger})
