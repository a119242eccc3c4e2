"""Plain-data helpers for the Excel door: everything macros.py does that needs no live Excel.

Kept apart so it is tested without xlwings: turning bulk reads into the reader's grids, laying out the
result sheet, remembering and restoring the fills the checker painted over.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from .. import schema
from ..xlsx import legacy
from ..xlsx.extent import beyond_range
from ..checks.plan import AnnotationPlan
from ..limits import MAX_COLUMNS, MAX_ROWS

#: Extra result-sheet column (kept narrow) holding the fill a highlighted cell had before, so the next run
#: can restore it: xlwings has no conditional formats, and a user's own fill must survive.
FILL_COLUMN = "原底色"
NO_FILL = "无"
#: In FILL_COLUMN for a cell whose note the checker wrote without painting the cell (all its findings ignored).
UNPAINTED = "未标色"
_FORMULA_START = ("=", "+", "-", "@")


def cell_value(value: object) -> object:
    """Return an xlwings cell value as the file reader gives it: integral floats (xlwings' 12.0) as int."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def grid(values: object, top: int, left: int) -> list[list[object]]:
    """Return the block *values* read at row *top*, column *left* (1-based) as a grid starting at A1."""
    rows = values if isinstance(values, list) else [[values]]
    rows = [r if isinstance(r, list) else [r] for r in rows]
    pad = [None] * (left - 1)
    return [[] for _ in range(top - 1)] + [pad + [cell_value(v) for v in row] for row in rows]


def check_extent(sheet: str, last_row: int, last_column: int, source: str) -> None:
    """Raise WorkbookError when *sheet*'s used range ends past the rows and columns the reader takes: reading it
    would move every cell of the block out of Excel (a value in XFD1048576 makes 17 billion)."""
    if last_row > MAX_ROWS or last_column > MAX_COLUMNS:
        raise beyond_range(source, sheet, f"{schema.column_letter(last_column)}{last_row}")


def missing_report_sheet(sheet_names: list[str]) -> str | None:
    """Return the first sheet that identifies a report workbook and is not among *sheet_names*, or None when
    the workbook is a report workbook (of this schema, or of schema 1, which the reader still reads)."""
    if legacy.is_v1(sheet_names):
        return None
    return next((s.name for s in schema.SHEETS if s.identifies_report and s.name not in sheet_names), None)


def data_sheets(sheet_names: list[str]) -> list[str]:
    """Return the names among *sheet_names* the reader uses, in workbook order."""
    known = {s.name for s in schema.SHEETS} | set(legacy.SHEET_NAMES)
    return [name for name in sheet_names if name in known]


def input_ranges(last_rows: dict[str, int], levels: list[object] = ()) -> list[tuple[str, str]]:
    """Return (sheet, A1 range) of every value a user fills in, given each sheet's last used row: form values
    and table rows, never labels or headers. In 报告正文 the outline stays (levels, 栏目, 编号, part titles, layout):
    only the text is the year's, its 正文 and the headings of the rows below the parts, whose *levels* (column A
    from the first data row) say which."""
    out = []
    for sheet in schema.SHEETS:
        if sheet.name not in last_rows:
            continue
        out += [(sheet.name, sheet.form_cell(f.key)) for f in sheet.form]
        if sheet is schema.BODY:
            out += _body_text(last_rows[sheet.name], levels)
        elif sheet.columns and last_rows[sheet.name] >= sheet.first_data_row:
            last = sheet.column_letter(sheet.columns[-1].key)
            out.append((sheet.name, f"A{sheet.first_data_row}:{last}{last_rows[sheet.name]}"))
    return out


def _body_text(last_row: int, levels: list[object]) -> list[tuple[str, str]]:
    first, name = schema.BODY.first_data_row, schema.BODY.name
    if last_row < first:
        return []
    body, heading = schema.BODY.column_letter("body"), schema.BODY.column_letter("heading")
    out = [(name, f"{body}{first}:{body}{last_row}")]
    for row in range(first, last_row + 1):
        level = levels[row - first] if row - first < len(levels) else None
        if level != schema.PART:
            out.append((name, f"{heading}{row}"))
    return out


def as_text(value: object) -> object:
    """Return *value* safe to write as a cell value: text that Excel would take for a formula or a number (a
    编号 such as 0123456789 or 12e4567890) is quoted, so it reads back as the same text."""
    if isinstance(value, str) and (value.startswith(_FORMULA_START) or _is_number(value)):
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def hex_fill(rgb: tuple[int, int, int] | None) -> str:
    """Return an xlwings colour as RRGGBB text, or NO_FILL."""
    return NO_FILL if rgb is None else "".join(f"{c:02X}" for c in rgb)


def rgb(fill: str) -> tuple[int, int, int] | None:
    """Return RRGGBB text as an xlwings colour tuple (None for NO_FILL)."""
    if not fill or fill == NO_FILL:
        return None
    return int(fill[0:2], 16), int(fill[2:4], 16), int(fill[4:6], 16)


def result_table(plan: AnnotationPlan, old_fills: dict[tuple[str, str], str]) -> list[list[object]]:
    """Return the result sheet as rows: the plan's header and rows, the cell column as an in-workbook link,
    and the fill each marked cell had before (in FILL_COLUMN)."""
    marked = {(m.sheet, m.cell) for m in plan.marks}
    table = [[*plan.header, FILL_COLUMN]]
    for row in plan.rows:
        values = [as_text(v) for v in row.values]
        sheet, cell = row.values[3], row.values[4]
        if row.link:
            # The link sits on the cell address, or on the sheet name when the finding is about a whole sheet.
            column = 4 if cell else 3
            shown = str(row.values[column]).replace('"', '""')
            values[column] = f'=HYPERLINK("#{row.link.replace(chr(34), chr(34) * 2)}","{shown}")'
        values.append(old_fills.get((sheet, cell), "") if (sheet, cell) in marked else "")
        table.append(values)
    return table


def previous_marks(table: list[list[object]]) -> dict[tuple[str, str], str]:
    """Return {(sheet, cell): fill before} recorded in an earlier result sheet read back as rows."""
    if not table or FILL_COLUMN not in table[0]:
        return {}
    col = table[0].index(FILL_COLUMN)
    out = {}
    for row in table[1:]:
        if len(row) > col and row[col]:
            out[(str(row[3]), str(row[4]))] = str(row[col])
    return out


def workbook_folder(workbook_fullname: str) -> Path | None:
    """Return the folder of a saved workbook; None for an unsaved one (its fullname is a bare name) or one
    whose folder is not on this computer (a web address)."""
    path = Path(workbook_fullname)
    return path.parent if path.is_absolute() and path.parent.is_dir() else None


def report_folder(workbook_fullname: str) -> Path:
    """Return where a report of this workbook goes: beside it when saved, else the user's Documents."""
    folder = workbook_folder(workbook_fullname)
    if folder is not None:
        return folder
    documents = Path.home() / "Documents"
    return documents if documents.is_dir() else Path.home()


def open_file(path: Path) -> None:
    """Open *path* in the program the system associates with it."""
    if sys.platform == "win32":
        os.startfile(path)  # noqa: S606 - the file was just written by us
    else:
        subprocess.Popen(["open" if sys.platform == "darwin" else "xdg-open", str(path)])
