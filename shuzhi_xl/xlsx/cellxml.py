"""SpreadsheetML cells written as strings: fast, and text always stays text.

openpyxl spends ~30 µs per cell and turns any string starting with ``=`` into a formula. Sheets with
tens of thousands of rows (the consolidated summary) and bulk-filled workbooks (synthetic samples) write
their cells here instead: strings as inline strings (``t="inlineStr"``, never ``<f>``), numbers as
numbers, dates as serial numbers (the caller's style for the cell must carry a date format).
"""

from __future__ import annotations

import datetime as dt
from itertools import chain, repeat

from ..schema import column_letter
from ..storable import XML_UNSAFE, xml_plain, xml_text
from .values import EXCEL_EPOCH

#: From this day on a date's serial number is plain day arithmetic (Excel counts a nonexistent 1900-02-29).
_SERIAL_FROM = dt.date(1900, 3, 1)
_SPACE = " \t\n\r\u3000"
LETTERS = [column_letter(i) for i in range(1, 65)]
_EXCEL_EPOCH_TIME = dt.datetime.combine(EXCEL_EPOCH, dt.time())


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
        return f'<c{s} t="n"><v>{(value - EXCEL_EPOCH).days}</v></c>'
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
        # The common cases inline (a summary renders millions of cells): plain text, empty, numbers.
        kind = type(value)
        if (kind is str and value and not XML_UNSAFE.search(value) and value[0] not in _SPACE
                and value[-1] not in _SPACE):
            out.append(f'<c s="{style}" t="inlineStr"><is><t>{value}</t></is></c>')
        elif value is None or (kind is str and not value):
            out.append(f'<c s="{style}"/>')
        elif kind is int or kind is float:
            out.append(f'<c s="{style}" t="n"><v>{value!r}</v></c>')
        else:
            out.append(cell("", value, style))
    return "".join(out)


def block(values: list[tuple | list], styles: tuple | list, lead: str, end: str) -> str:
    """Return ``lead + cells(row, styles) + end`` for each row of *values* (rows of one length), joined: a block
    of rows whose cells *lead*, already rendered, open each row. Worked out a column at a time: the texts of all
    the rows are searched for anything to escape at once, and a column of texts or of whole numbers, the common
    case, is rendered by one comprehension."""
    columns = list(zip(*values))
    types = [set(map(type, column)) for column in columns]
    texts = ["".join(filter(None, column)) if kinds <= _TEXT else "".join([v for v in column if type(v) is str])
             for column, kinds in zip(columns, types)]
    if not xml_plain("".join(texts)):
        return "".join([f"{lead}{cells(row, styles)}{end}" for row in values])
    columns = [_column(*column) for column in zip(columns, types, styles)]
    count = len(values)
    return "".join(chain.from_iterable(zip(repeat(lead, count), *columns, repeat(end, count))))


def _column(values: tuple, types: set[type], style: int) -> list[str]:
    """Return the cells of one column of *values* of *types* holding nothing to escape (a text may start or end
    with a space)."""
    empty = f'<c s="{style}"/>'
    if types <= _TEXT:
        start = f'<c s="{style}" t="inlineStr"><is><t>'
        return [(f"{start}{v}</t></is></c>" if v[0] not in _SPACE and v[-1] not in _SPACE else cell("", v, style))
                if v else empty for v in values]
    if types <= _WHOLE:
        start = f'<c s="{style}" t="n"><v>'
        return [empty if v is None else f"{start}{v}</v></c>" for v in values]
    if types <= _DATES:
        start = f'<c s="{style}" t="n"><v>'
        return [empty if v is None else f"{start}{(v - EXCEL_EPOCH).days}</v></c>" if v >= _SERIAL_FROM
                else cell("", v, style) for v in values]
    return [cell("", v, style) for v in values]


_TEXT, _WHOLE, _DATES = {str, type(None)}, {int, type(None)}, {dt.date, type(None)}


def row(number: int, values: tuple | list, styles: tuple | list | None = None, height: float | None = None) -> str:
    """Return a ``<row>`` holding *values* from column A, each cell in the matching style of *styles*; *height*
    in points fixes the row's height."""
    styles = styles or (None,) * len(values)
    cells = "".join([cell(f"{LETTERS[i]}{number}", v, styles[i]) for i, v in enumerate(values)])
    ht = f' ht="{height}" customHeight="1"' if height else ""
    return f'<row r="{number}"{ht}>{cells}</row>'
