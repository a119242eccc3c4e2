"""SpreadsheetML cells written as strings: fast, and text always stays text.

openpyxl spends ~30 µs per cell and turns any string starting with ``=`` into a formula. Sheets with
tens of thousands of rows (the consolidated summary) and bulk-filled workbooks (synthetic samples) write
their cells here instead: strings as inline strings (``t="inlineStr"``, never ``<f>``), numbers as
numbers, dates as serial numbers (the caller's style for the cell must carry a date format).
"""

from __future__ import annotations

import datetime as dt

from ..schema import column_letter
from ..storable import XML_UNSAFE, xml_text

_EXCEL_EPOCH = dt.date(1899, 12, 30)
#: From this day on a date's serial number is plain day arithmetic (Excel counts a nonexistent 1900-02-29).
_SERIAL_FROM = dt.date(1900, 3, 1)
_SPACE = " \t\n\r\u3000"
LETTERS = [column_letter(i) for i in range(1, 65)]
_EXCEL_EPOCH_TIME = dt.datetime(1899, 12, 30)


def cell(ref: str, value: object, style: int | None = None) -> str:
    """Return the ``<c>`` element for *value* at *ref* in cell style *style*: empty, number, date or inline text."""
    # Ordered by how often each type occurs in a summary; this runs for every cell of every row.
    s = f' r="{ref}" s="{style}"' if style is not None else f' r="{ref}"'
    if not ref:  # a cell placed by its order in the row
        s = s[len(' r=""'):]
    kind = type(value)
    if kind is str and value:
        text = xml_text(value)
        if not text:
            return f'<c{s}/>'
        space = ' xml:space="preserve"' if text[0] in _SPACE or text[-1] in _SPACE else ""
        return f'<c{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if value is None or value == "":
        return f'<c{s}/>'
    if kind is int or kind is float:
        return f'<c{s} t="n"><v>{value!r}</v></c>'
    if kind is dt.date and value >= _SERIAL_FROM:
        return f'<c{s} t="n"><v>{(value - _EXCEL_EPOCH).days}</v></c>'
    if kind is bool:
        return f'<c{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, dt.date):  # datetimes, and dates before Excel's 1900 leap-year quirk
        return f'<c{s} t="n"><v>{serial(value)!r}</v></c>'
    return cell(ref, str(value), style)


def serial(value: dt.date) -> float:
    """Return Excel's serial number of a date or datetime: days since 1899-12-30, one less before 1900-03-01 (Excel
    counts a 1900-02-29 that never was), and the time of day as a fraction (openpyxl's arithmetic, without
    importing openpyxl: 0.3 s a process)."""
    moment = value if isinstance(value, dt.datetime) else dt.datetime.combine(value, dt.time())
    days = (moment - _EXCEL_EPOCH_TIME).days
    if 0 < days <= 60:
        days -= 1
    return days + (moment.hour * 3600 + moment.minute * 60 + moment.second + moment.microsecond / 10**6) / 86400


def cells(values: tuple | list, styles: tuple | list) -> str:
    """Return the ``<c>`` elements of one row of *values* from column A, without references (optional in
    SpreadsheetML: each cell follows the one before), so a row can be rendered before its number is known."""
    out = []
    for value, style in zip(values, styles):
        # The common cases inline (a summary renders millions of cells): plain text, empty, whole numbers.
        kind = type(value)
        if (kind is str and value and not XML_UNSAFE.search(value) and value[0] not in _SPACE
                and value[-1] not in _SPACE):
            out.append(f'<c s="{style}" t="inlineStr"><is><t>{value}</t></is></c>')
        elif value is None or (kind is str and not value):
            out.append(f'<c s="{style}"/>')
        elif kind is int:
            out.append(f'<c s="{style}" t="n"><v>{value}</v></c>')
        else:
            out.append(cell("", value, style))
    return "".join(out)


def row(number: int, values: tuple | list, styles: tuple | list | None = None, height: float | None = None) -> str:
    """Return a ``<row>`` holding *values* from column A, each cell in the matching style of *styles*; *height*
    in points fixes the row's height."""
    styles = styles or (None,) * len(values)
    cells = "".join([cell(f"{LETTERS[i]}{number}", v, styles[i]) for i, v in enumerate(values)])
    ht = f' ht="{height}" customHeight="1"' if height else ""
    return f'<row r="{number}"{ht}>{cells}</row>'
