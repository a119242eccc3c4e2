"""Whatever a user types into any input cell, the checker returns findings and never crashes."""

from __future__ import annotations

import datetime as dt
import io
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings, strategies as st
from openpyxl import load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from checks_support import run_check
from shuzhi_xl import schema
from shuzhi_xl.xlsx.template import workbook_bytes

#: Records per table that receive values (the template's first rows).
ROWS = 3


def input_cells() -> list[tuple[str, str]]:
    """Return every form value cell and the first ROWS cells of every table column, derived from the schema."""
    cells = [(s.name, s.form_cell(f.key)) for s in schema.SHEETS for f in s.form]
    cells += [(s.name, f"{s.column_letter(c.key)}{s.first_data_row + r}")
              for s in schema.SHEETS for c in s.columns for r in range(ROWS)]
    return cells


CELLS = input_cells()


def template_book():
    """Return the template loaded once; each example writes its values, saves, and puts the old values back.

    The empty formatted rows below the ones written are cut: saving them would dominate the run time.
    """
    wb = load_workbook(io.BytesIO(workbook_bytes()))
    for sheet in schema.SHEETS:
        if sheet.columns:
            wb[sheet.name].delete_rows(sheet.first_data_row + ROWS, wb[sheet.name].max_row)
    return wb


BOOK = template_book()
TEXT = st.text(max_size=60).map(lambda t: ILLEGAL_CHARACTERS_RE.sub("", t))
REPORT_TEXT = st.lists(st.sampled_from(["X", "XX", "某某", "，", ",", "。", "“", "》", "（", " ", "一是", "1.", "{指标}",
                                        "2019年", "21年3月", "主题党日", "12次", "严于律已", "习总书记", "党", "\n"]),
                       max_size=12).map("".join)
VALUE = st.one_of(
    st.none(), TEXT, REPORT_TEXT,
    st.integers(min_value=-10**12, max_value=10**12),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e15, max_value=1e15),
    st.dates(min_value=dt.date(1900, 3, 1), max_value=dt.date(2200, 12, 31)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1), max_value=dt.datetime(2200, 12, 31)),
    st.sampled_from(schema.LEDGER_KINDS + schema.LAYOUTS + ("2022", "２０２２", "-5", "0", "")),
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(st.sampled_from(CELLS), VALUE, min_size=1, max_size=25))
def test_any_cell_values_give_findings_not_crashes(values):
    original = {key: BOOK[key[0]][key[1]].value for key in values}
    try:
        for (sheet, cell), value in values.items():
            BOOK[sheet][cell].value = value
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "任意.xlsx"
            BOOK.save(path)
            code, findings = run_check(path)
    finally:
        for (sheet, cell), value in original.items():
            BOOK[sheet][cell].value = value
    # An internal error would print no JSON; an unreadable value is one structural finding (exit 2).
    assert findings and code in (0, 1, 2)
    assert all(f["severity"] in ("error", "warning", "info") and f["code"] and f["message"] for f in findings)
    assert code != 2 or [f["code"] for f in findings] == ["ST000"]
    assert (code == 1) == any(f["severity"] == "error" for f in findings) or code == 2
