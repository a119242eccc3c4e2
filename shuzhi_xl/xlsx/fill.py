"""Fill the empty template with a report by writing values into its cells: ~30× faster than building anew.

``template.workbook_bytes(report)`` lays out and formats every row again (~0.6 s). Writing a thousand
sample workbooks instead takes the workbook of an empty report, built once by that same function, puts each form
value into the cell the schema names for it (keeping the cell's style), and appends each table row in
its columns' input styles. Layout, styles, validation and tables all come from the template; nothing
here restates them. When a table holds more rows than the template's table spans (the template writer
would grow it), the full writer is used.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

from .. import schema
from ..model import Report
from ..opc import repack
from . import cellxml
from .bounds import package_sheet_parts
from .rows import report_to_rows
from .template import table_rows, workbook_bytes

_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"(?: s="([0-9]+)")?[^>]*?(?:/>|>.*?</c>)', re.S)
_COL = re.compile(r"<col ([^>]*?)/>")
_ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')


@lru_cache(maxsize=1)
def _template() -> tuple[bytes, dict[str, str], dict[str, str]]:
    """Return an empty report's workbook (no 提纲 rows to fill in), its sheet part names by sheet name, and those
    parts' XML."""
    data = workbook_bytes(Report())
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = package_sheet_parts(z)
        xml = {part: z.read(part).decode("utf-8") for part in parts.values()}
    return data, parts, xml


def _fits(sheet: schema.Sheet, rows: list) -> bool:
    """Return True when the empty template's table spans *rows* as the full writer would lay them out."""
    return table_rows(sheet, len(rows)) == table_rows(sheet, 0)


def _column_styles(xml: str) -> dict[int, int]:
    """Return the style id of each styled column (1-based) declared in a sheet's ``<cols>``."""
    styles = {}
    for col in _COL.findall(xml):
        attributes = dict(_ATTRIBUTE.findall(col))
        if "style" in attributes:
            for index in range(int(attributes["min"]), int(attributes["max"]) + 1):
                styles[index] = int(attributes["style"])
    return styles


def _table_rows(sheet: schema.Sheet, records: list[dict], styles: dict[int, int]) -> str:
    """Return the ``<row>`` elements of a table's records, each cell in its column's input style."""
    rows = []
    for number, record in enumerate(records, start=sheet.first_data_row):
        values = [record.get(column.key) for column in sheet.columns]
        rows.append(cellxml.row(number, values, [styles.get(i) for i in range(1, len(values) + 1)]))
    return "".join(rows)


def filled_workbook_bytes(report: Report) -> bytes:
    """Return the template filled with *report* as .xlsx bytes, holding the same values as workbook_bytes(report)."""
    values = report_to_rows(report)
    if not all(_fits(s, values.get(s.key, {}).get("rows", [])) for s in schema.SHEETS if s.columns):
        return workbook_bytes(report)
    data, parts, xml = _template()
    replace = {}
    for sheet in schema.SHEETS:
        sheet_values = values.get(sheet.key, {})
        form = {sheet.form_cell(key): value for key, value in sheet_values.get("form", {}).items()}
        records = sheet_values.get("rows", [])
        if not form and not records:
            continue

        def put(match: re.Match) -> str:
            ref, style = match.group(1), match.group(2)
            if ref not in form:
                return match.group(0)
            return cellxml.cell(ref, form[ref], int(style) if style else None)

        part = xml[parts[sheet.name]]
        # The template holds cells for form values only; table rows below the header are appended.
        part = _CELL.sub(put, part).replace(
            "</sheetData>", _table_rows(sheet, records, _column_styles(part)) + "</sheetData>", 1)
        replace[parts[sheet.name]] = part.encode("utf-8")
    return repack(data, replace)
