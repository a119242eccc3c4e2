"""Write the workbook: the empty template, or the template filled with a report (the sample, an import).

Everything is laid out from ``schema``; only fonts, colours and sizes are decided here. All features
used (tables, list validation with input messages, sheet protection without password, frozen panes,
print titles) are ones WPS 表格 shows and edits.
"""

from __future__ import annotations

import io
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Protection, Side
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from .. import schema
from ..fields_doc import HEADER as FIELD_HEADER, field_rows
from ..fileio import require_suffix, write_atomically
from ..model import Report
from ..opc import repack
from ..outline import Outline
from .form import REQUIRED_MARK
from .rows import report_to_rows, skeleton_rows

FONT = "宋体"
BODY = Font(name=FONT, size=11)
HEAD = Font(name=FONT, size=11, bold=True, color="FFFFFF")
LABEL = Font(name=FONT, size=11, bold=True)
HINT = Font(name=FONT, size=10, color="7F7F7F")
TITLE = Font(name=FONT, size=16, bold=True, color="C00000")
HEAD_FILL = PatternFill("solid", fgColor="C00000")
LABEL_FILL = PatternFill("solid", fgColor="FBE5D6")
THIN = Side(style="thin", color="D9D9D9")
BOX = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="top")
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
UNLOCKED = Protection(locked=False)
#: Rows below the pre-formatted ones that carry the data validation, so a table can grow by hand.
VALIDATED_ROWS = 1000
#: Empty rows the table keeps below a filled report's records, so a filled workbook can still be added to.
SPARE_ROWS = 5
LONG_ROW_HEIGHT = 60
LINE_HEIGHT = 14.5  # points per line of 11 pt 宋体
LABEL_WIDTH = 16
FORM_VALUE_WIDTH = 60


def build_workbook(report: Report | None = None, outline: Outline | None = None) -> Workbook:
    """Return the template as an openpyxl workbook: filled with *report* when one is given, else with the rows
    of *outline* (the default 提纲 when None) to fill in."""
    wb = Workbook()
    wb.remove(wb.active)
    _guide(wb.create_sheet(schema.GUIDE_NAME))
    if report is None:
        from ..checks.rules import load_rules  # the default 提纲 is written in the shipped rules

        values = {schema.BODY.key: {"rows": skeleton_rows(outline or load_rules().outline)}}
    else:
        values = report_to_rows(report)
    for sheet in schema.SHEETS:
        ws = wb.create_sheet(sheet.name)
        if sheet.form:
            _form(ws, sheet, values.get(sheet.key, {}).get("form", {}))
        if sheet.columns:
            _table(ws, sheet, values.get(sheet.key, {}).get("rows", []))
        _protect_and_print(ws, sheet)
    wb.defined_names[schema.VERSION_NAME] = DefinedName(
        schema.VERSION_NAME, attr_text=f'"{schema.SCHEMA_VERSION}"', hidden=True)
    wb.active = 1 if report is None else 0
    wb.properties.title = "抓基层党建工作述职报告填报工作簿"
    wb.properties.creator = "shuzhi_xl"
    return wb


def workbook_bytes(report: Report | None = None, outline: Outline | None = None) -> bytes:
    """Return the workbook as .xlsx bytes, identical for identical input."""
    buffer = io.BytesIO()
    build_workbook(report, outline).save(buffer)
    return repack(buffer.getvalue())


def write_workbook(path: str | Path, report: Report | None = None, outline: Outline | None = None) -> Path:
    """Write the template (filled with *report*, else laid out with *outline*) to *path* atomically; return the
    path written.

    A workbook is for filling in, so an existing file is never replaced (nor the document an import read):
    the new workbook then goes to the next free name, ``名称(2).xlsx``.
    """
    path = Path(path)
    require_suffix(path, ".xlsx", what="填报工作簿")
    data = workbook_bytes(report, outline)
    return write_atomically(path, lambda tmp: tmp.write_bytes(data), keep_existing=True)


def table_rows(sheet: schema.Sheet, records: int) -> int:
    """Return how many rows *sheet*'s table spans below its header when it holds *records* filled rows."""
    return max(sheet.input_rows, records + SPARE_ROWS)


def _guide(ws: Worksheet) -> None:
    ws["A1"] = "抓基层党建工作述职报告填报工作簿"
    ws["A1"].font = TITLE
    ws.merge_cells("A1:E1")
    steps = [
        "1. 按工作表顺序填写：基本信息 → 报告正文 → 活动台账、指标数据。",
        "2. “报告正文”每行是报告的一个部分、小节、要点或段落，按报告中的顺序排列：增加一行、删除一行、"
        "剪切后插入到别处、改写标题，就改变了报告的提纲。没有填写内容的小节和要点不会印出。",
        "3. 编号（一、（一）一是 1. ……）只表示样式，程序按顺序重新编号；标题和正文中不要再写编号。",
        "4. 正文中可用 {指标名称} 引用“指标数据”中的数字，生成报告时自动替换。",
        "5. 点击“述职报告”选项卡中的“检查”，或在命令行运行 shuzhi check，查看需要修改的地方。",
        "6. 点击“生成报告”，或运行 shuzhi report 本工作簿.xlsx，得到按 GB/T 9704 排版的 Word 文档。",
        f"工作表已保护（无密码）以防误改表头；插入、删除行不受影响。结构版本：{schema.SCHEMA_VERSION}",
    ]
    for row, text in enumerate(steps, start=3):
        ws.cell(row, 1, text).font = BODY
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    start = len(steps) + 4
    ws.cell(start, 1, "各栏目说明").font = LABEL
    for col, label in enumerate(FIELD_HEADER, start=1):
        _head_cell(ws.cell(start + 1, col, label))
    for r, values in enumerate(field_rows(), start=start + 2):
        for col, value in enumerate(values, start=1):
            cell = ws.cell(r, col, value)
            cell.font, cell.alignment, cell.border = BODY, WRAP, BOX
    for col, width in zip("ABCDE", (12, 16, 6, 10, 70)):
        ws.column_dimensions[col].width = width
    ws.sheet_view.showGridLines = False
    ws.protection.sheet = True
    _print_setup(ws, landscape=True)


def _head_cell(cell) -> None:
    cell.font, cell.fill, cell.alignment, cell.border = HEAD, HEAD_FILL, CENTER, BOX


def _input_style(target, field: schema.Field) -> None:
    """Give a cell, or a whole column, the look and protection of an input: unlocked, wrapped, typed format."""
    target.font, target.protection, target.alignment = BODY, UNLOCKED, WRAP
    if field.kind == "date":
        target.number_format = "yyyy-mm-dd"
    elif field.kind in ("text", "longtext", "choice"):
        target.number_format = "@"


def _input_cell(cell, field: schema.Field, *, boxed: bool = True) -> None:
    if isinstance(cell.value, str):
        cell.data_type = "s"  # openpyxl would make text starting with "=" a formula; a user's text stays text
    _input_style(cell, field)
    if boxed:
        cell.border = BOX


def _guidance(field: schema.Field) -> str:
    """Return the field's hint followed by its example: the input message, and column C of a form."""
    return field.hint + (f"示例：{field.example}" if field.example else "")


def _validation(ws: Worksheet, field: schema.Field, ref: str) -> None:
    """Attach the field's input message (hint and example) and, for choices, a dropdown."""
    prompt = _guidance(field)
    if field.kind == "choice":
        dv = DataValidation(type="list", formula1='"' + ",".join(field.choices) + '"', allow_blank=True)
        dv.error, dv.errorTitle = "请从下拉列表中选择。", field.label
    elif field.kind == "int":
        dv = DataValidation(type="whole", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        dv.errorStyle, dv.error = "warning", "这里应填写整数。"
    elif field.kind == "date":
        dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True)
        dv.errorStyle, dv.error = "warning", "这里应填写日期，如 2024-03-15。"
    elif prompt:
        dv = DataValidation(allow_blank=True)
    else:
        return
    if prompt:
        dv.promptTitle, dv.prompt = field.label[:32], prompt[:255]
    dv.showInputMessage = dv.showErrorMessage = True
    ws.add_data_validation(dv)
    dv.add(ref)


def _form(ws: Worksheet, sheet: schema.Sheet, values: dict[str, object]) -> None:
    for col, label in enumerate(("项目", "内容", "填写说明"), start=1):
        _head_cell(ws.cell(1, col, label))
    for f in sheet.form:
        row = sheet.form_row(f.key)
        label = ws.cell(row, 1, f.label + (REQUIRED_MARK if f.required else ""))
        label.font, label.fill, label.alignment, label.border = LABEL, LABEL_FILL, CENTER, BOX
        value = ws.cell(row, 2, values.get(f.key, f.default or None))
        _input_cell(value, f)
        _validation(ws, f, f"B{row}")
        hint = ws.cell(row, 3, _guidance(f))
        hint.font, hint.alignment = HINT, WRAP
        fitted = _fitted_height(value.value, FORM_VALUE_WIDTH)
        if f.kind == "longtext" or fitted:
            ws.row_dimensions[row].height = max(fitted or 0, LONG_ROW_HEIGHT if f.kind == "longtext" else 0)
    for col, width in zip("ABC", (LABEL_WIDTH, FORM_VALUE_WIDTH, 46)):
        ws.column_dimensions[col].width = width
    ws.freeze_panes = "A2"


def _table(ws: Worksheet, sheet: schema.Sheet, rows: list[dict[str, object]]) -> None:
    header = sheet.header_row
    for col, f in enumerate(sheet.columns, start=1):
        _head_cell(ws.cell(header, col, f.label))
        ws.column_dimensions[ws.cell(header, col).column_letter].width = f.width
    first = sheet.first_data_row
    last = first + table_rows(sheet, len(rows)) - 1
    # Only filled rows get cells. Empty input rows take their look and protection from the column's style and
    # the table style draws them: every reader would otherwise walk thousands of styled empty cells per file
    # (half the reading time of a typical branch workbook).
    for r, record in enumerate(rows, start=first):
        for col, f in enumerate(sheet.columns, start=1):
            _input_cell(ws.cell(r, col, record.get(f.key)), f, boxed=False)
        fitted = max((_fitted_height(record.get(f.key), f.width) or 0 for f in sheet.columns), default=0)
        if fitted:
            ws.row_dimensions[r].height = fitted
    for col, f in enumerate(sheet.columns, start=1):
        letter = ws.cell(header, col).column_letter
        _validation(ws, f, f"{letter}{first}:{letter}{first + VALIDATED_ROWS}")
        _input_style(ws.column_dimensions[letter], f)
    last_col = ws.cell(header, len(sheet.columns)).column_letter
    table = Table(displayName=sheet.table_name, ref=f"A{header}:{last_col}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    ws.add_table(table)
    ws.freeze_panes = f"A{first}"
    ws.print_title_rows = f"{header}:{header}"


def _fitted_height(value: object, width: float) -> float | None:
    """Return a row height showing all of *value* wrapped in a column *width* wide, or None for one line.

    Spreadsheets do not grow rows for wrapped text written by a program, so filled rows get a height.
    A Chinese character takes about two width units.
    """
    if not isinstance(value, str):
        return None
    per_line = max(int(width / 2) - 1, 1)
    lines = sum(-(-max(len(part), 1) // per_line) for part in value.split("\n"))
    return lines * LINE_HEIGHT if lines > 1 else None


def _protect_and_print(ws: Worksheet, sheet: schema.Sheet) -> None:
    # Protection keeps labels and headers from being typed over; no password, so a user can lift it.
    p = ws.protection
    p.sheet = True
    p.formatCells = p.formatColumns = p.formatRows = False
    p.sort = p.autoFilter = p.insertRows = p.deleteRows = False
    _print_setup(ws, landscape=len(sheet.columns) > 3)


def _print_setup(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.gridLines = False
    ws.oddFooter.center.text = "&P / &N"
