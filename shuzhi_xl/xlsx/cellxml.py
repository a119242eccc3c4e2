"""SpreadsheetML cells written as strings: fast, and text always stays text.

openpyxl spends ~30 µs per cell and turns any string starting with ``=`` into a formula. Sheets with
tens of thousands of rows (the consolidated summary) and bulk-filled workbooks (synthetic samples) write
their cells here instead: strings as inline strings (``t="inlineStr"``, never ``<f>``), numbers as
numbers, dates as serial numbers (the caller's style for the cell must carry a date format).
"""

from __future__ import annotations

import datetime as dt
import html
import re
import zipfile

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

# Characters XML 1.0 forbids; a branch file may carry them (pasted from other programs).
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_ESCAPE = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;"})
LETTERS = [get_column_letter(i) for i in range(1, 65)]
_SHEET = re.compile(r'<sheet [^>]*name="([^"]+)"[^>]*r:id="([^"]+)"')
_TARGET = re.compile(r'<Relationship [^>]*Target="([^"]+)"[^>]*Id="([^"]+)"')


def sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Return the part name of each worksheet (``xl/worksheets/sheet1.xml``) by sheet name."""
    targets = {rid: target.lstrip("/") for target, rid in _TARGET.findall(
        package.read("xl/_rels/workbook.xml.rels").decode("utf-8"))}
    sheets = _SHEET.findall(package.read("xl/workbook.xml").decode("utf-8"))
    return {html.unescape(name): targets[rid] if targets[rid].startswith("xl/") else "xl/" + targets[rid]
            for name, rid in sheets}


def escape(text: str) -> str:
    """Return *text* safe inside an XML element: markup escaped, forbidden control characters dropped."""
    return _ILLEGAL.sub("", text).translate(_ESCAPE)


def cell(ref: str, value: object, style: int | None = None) -> str:
    """Return the ``<c>`` element for *value* at *ref* in cell style *style*: empty, number, date or inline text."""
    s = f' s="{style}"' if style is not None else ""
    if value is None or value == "":
        return f'<c r="{ref}"{s}/>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{s} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"{s} t="n"><v>{value!r}</v></c>'
    if isinstance(value, (dt.date, dt.datetime)):
        return f'<c r="{ref}"{s} t="n"><v>{to_excel(value)!r}</v></c>'
    text = escape(str(value))
    space = ' xml:space="preserve"' if text != text.strip() else ""
    return f'<c r="{ref}"{s} t="inlineStr"><is><t{space}>{text}</t></is></c>'


def row(number: int, values: tuple | list, styles: tuple | list | None = None) -> str:
    """Return a ``<row>`` holding *values* from column A, each cell in the matching style of *styles*."""
    styles = styles or (None,) * len(values)
    cells = "".join(cell(f"{LETTERS[i]}{number}", v, styles[i]) for i, v in enumerate(values))
    return f'<row r="{number}">{cells}</row>'
