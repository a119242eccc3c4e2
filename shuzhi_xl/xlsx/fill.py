"""Fill the empty template with a report by writing values into its cells: ~30× faster than building anew.

``template.workbook_bytes(report)`` lays out and formats every row again (~0.6 s). Writing a thousand
sample workbooks instead takes the empty template, built once by that same function, and puts each
value into the pre-formatted input cell the schema names for it, keeping the cell's style. Layout,
styles, validation and tables all come from the template; nothing here restates them. When a table
holds more rows than the template formats (the template would grow it), the full writer is used.
"""

from __future__ import annotations

import io
import re
import zipfile
from functools import lru_cache

from .. import schema
from ..model import Report
from . import cellxml
from .package import repack
from .rows import report_to_rows
from .template import workbook_bytes

_CELL = re.compile(r'<c r="([A-Z]+[0-9]+)"(?: s="([0-9]+)")?[^>]*?(?:/>|>.*?</c>)', re.S)


@lru_cache(maxsize=1)
def _template() -> tuple[bytes, dict[str, str], dict[str, str]]:
    """Return the empty template's bytes, its sheet part names by sheet name, and those parts' XML."""
    data = workbook_bytes()
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        parts = cellxml.sheet_parts(z)
        xml = {part: z.read(part).decode("utf-8") for part in parts.values()}
    return data, parts, xml


def _fits(sheet: schema.Sheet, rows: list) -> bool:
    """Return True when the template's formatted rows hold *rows* as the full writer would lay them out."""
    return len(rows) + 5 <= sheet.input_rows


def _cell_values(sheet: schema.Sheet, values: dict) -> dict[str, object]:
    """Return ``{A1 reference: value}`` for one sheet's form fields and table rows."""
    out = {sheet.form_cell(key): value for key, value in values.get("form", {}).items()}
    for index, record in enumerate(values.get("rows", [])):
        row = sheet.first_data_row + index
        out.update({f"{sheet.column_letter(key)}{row}": value for key, value in record.items()})
    return out


def filled_workbook_bytes(report: Report) -> bytes:
    """Return the template filled with *report* as .xlsx bytes, holding the same values as workbook_bytes(report)."""
    values = report_to_rows(report)
    if not all(_fits(s, values.get(s.key, {}).get("rows", [])) for s in schema.SHEETS if s.columns):
        return workbook_bytes(report)
    data, parts, xml = _template()
    replace = {}
    for sheet in schema.SHEETS:
        cells = _cell_values(sheet, values.get(sheet.key, {}))
        if not cells:
            continue

        def put(match: re.Match) -> str:
            ref, style = match.group(1), match.group(2)
            if ref not in cells:
                return match.group(0)
            return cellxml.cell(ref, cells[ref], int(style) if style else None)

        part = parts[sheet.name]
        replace[part] = _CELL.sub(put, xml[part]).encode("utf-8")
    return repack(data, replace)
