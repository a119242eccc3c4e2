"""The annotated copy: the workbook with a 检查结果 sheet, highlighted cells and comments, written with openpyxl.

Highlights are conditional formats with a recognisable formula rather than cell fills, so the user's own
fills are never touched and an earlier run's highlights can be removed exactly. The tool's comments carry
the author ``plan.AUTHOR``; the user's own comments survive (the tool's text is appended after
``plan.MARKER`` when a cell already has one).
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from copy import copy
from pathlib import Path

from openpyxl import load_workbook
from openpyxl.comments import Comment
from openpyxl.formatting.formatting import ConditionalFormattingList
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.hyperlink import Hyperlink

from ..checks.finding import Finding
from ..checks.plan import AUTHOR, MARKER, RESULT_SHEET, AnnotationPlan, annotation_plan
from ..errors import WorkbookError
from ..fileio import require_suffix, write_atomically
from ..opc import CONTENT_TYPES
from ..storable import storable_xml
from ..xlsx.bounds import read_parts

_STYLED_TAG = re.compile(rb'<(?:\w+:)?(?:c|row|col|cfRule)\b[^>]*>')
_STYLE_REFERENCE = re.compile(rb'\s(?:s|style|dxfId)="[^"]*"')
_SPREADSHEET = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_PART_TYPES = (
    (r"xl/workbook\.xml", f"{_SPREADSHEET}.sheet.main+xml"),
    (r"xl/worksheets/[^/]+\.xml", f"{_SPREADSHEET}.worksheet+xml"),
    (r"xl/styles\.xml", f"{_SPREADSHEET}.styles+xml"),
    (r"xl/sharedStrings\.xml", f"{_SPREADSHEET}.sharedStrings+xml"),
    (r"xl/tables/[^/]+\.xml", f"{_SPREADSHEET}.table+xml"),
    (r"xl/comments[^/]*\.xml", f"{_SPREADSHEET}.comments+xml"),
    (r"xl/theme/[^/]+\.xml", "application/vnd.openxmlformats-officedocument.theme+xml"),
    (r"docProps/core\.xml", "application/vnd.openxmlformats-package.core-properties+xml"),
    (r"docProps/app\.xml", "application/vnd.openxmlformats-officedocument.extended-properties+xml"),
)
#: Always true, and names the tool: how a highlight of ours is recognised on the next run.
HIGHLIGHT_FORMULA = f'"{AUTHOR}"<>""'
HEAD = Font(bold=True, color="FFFFFF")
HEAD_FILL = PatternFill("solid", fgColor="C00000")
LINK = Font(color="0563C1", underline="single")
WRAP = Alignment(wrap_text=True, vertical="top")


def annotate_copy(source: str | Path, target: str | Path, findings: list[Finding],
                  ignored: Sequence[tuple[Finding, str]] = (),
                  covered: Mapping[tuple[str, str], Iterable[str]] | None = None) -> Path:
    """Write a copy of *source* annotated with *findings* to *target* (never *source*); return the path written.
    The findings *ignored* as marked 忽略 (each with its mark) are listed and counted on the result sheet; the
    notes of the cells in *covered* name the 编号 their 忽略 covers (checks.plan.annotation_plan).

    The copy keeps the macros only when *target* is an .xlsm: Excel refuses an .xlsx that holds a VBA project.
    """
    source, target = Path(source), Path(target)
    require_suffix(target, *((".xlsx", ".xlsm") if source.suffix.lower() == ".xlsm" else (".xlsx",)), what="标注副本")
    keep_vba = target.suffix.lower() == ".xlsm"

    def write(tmp: Path) -> None:
        try:
            with warnings.catch_warnings():  # e.g. a date cell out of range: the check has already said so at its cell
                warnings.simplefilter("ignore")
                wb = load_workbook(openable(source), keep_vba=keep_vba, rich_text=True)
        except Exception as exc:  # openpyxl is stricter than the reader in ways no repair below foresaw
            raise WorkbookError(f"检查已完成（结果见上），但无法生成标注副本：openpyxl 读不了这个文件（{exc}）。"
                                "请用 Excel 或 WPS 打开后另存为 .xlsx 再试。", source) from None
        remove_annotations(wb)
        apply_plan(wb, annotation_plan(findings, set(wb.sheetnames), ignored, covered))
        wb.save(tmp)

    return write_atomically(target, write, protect=source)


def openable(source: Path) -> io.BytesIO:
    """Return the package at *source* as openpyxl can load it, when the reader could: XML parts without the
    characters an XML parser refuses (storable_xml), a content-types part when it is missing, and no cell style
    references when the styles part is missing (Excel repairs both the same way). A part without a name is left out,
    as the reader passes it over (openpyxl would fail on it: "string index out of range")."""
    with source.open("rb") as raw, zipfile.ZipFile(raw) as package:
        parts = read_parts(source, package, raw)
    parts = {name: storable_xml(data) if name.endswith((".xml", ".rels")) else data
             for name, data in parts.items() if name}
    if "xl/styles.xml" not in parts:
        parts = {name: _STYLED_TAG.sub(lambda tag: _STYLE_REFERENCE.sub(b"", tag[0]), data)
                 if name.startswith("xl/worksheets/") else data for name, data in parts.items()}
    if CONTENT_TYPES not in parts:
        parts[CONTENT_TYPES] = content_types(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as package:
        for name, data in parts.items():
            package.writestr(name, data)
    return out


def content_types(parts: dict[str, bytes]) -> bytes:
    """Return a content-types part for *parts*, from the part names Excel uses."""
    overrides = "".join(f'<Override PartName="/{name}" ContentType="{kind}"/>' for name in parts
                        for pattern, kind in _PART_TYPES if re.fullmatch(pattern, name))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Default Extension="vml" ContentType="application/vnd.openxmlformats-officedocument.vmlDrawing"/>'
            '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>'
            f"{overrides}</Types>").encode()


def remove_annotations(wb: Workbook) -> None:
    """Remove an earlier run's result sheet, highlights and comments; leave everything else as it is."""
    if RESULT_SHEET in wb.sheetnames:
        wb.remove(wb[RESULT_SHEET])
    for ws in wb.worksheets:
        old = ws.conditional_formatting
        ws.conditional_formatting = ConditionalFormattingList()
        for cf in old:
            for rule in cf.rules:
                if HIGHLIGHT_FORMULA not in (rule.formula or []):
                    ws.conditional_formatting.add(str(cf.sqref), rule)
        for row in ws.iter_rows():
            for cell in row:
                comment = cell.comment
                if comment is None:
                    continue
                if MARKER in comment.text:  # what precedes the marker is the user's, even typed into ours (忽略)
                    own = comment.text.split(MARKER)[0].rstrip()
                    cell.comment = Comment(own, comment.author) if own else None
                elif comment.author == AUTHOR:
                    cell.comment = None


def apply_plan(wb: Workbook, plan: AnnotationPlan) -> None:
    """Add the plan's result sheet (first, active) and its highlights and comments to *wb*."""
    ws = wb.create_sheet(plan.sheet, 0)
    ws.append(plan.header)
    for cell in ws[1]:
        cell.font, cell.fill = HEAD, HEAD_FILL
    # Rows are addressed by number: openpyxl's max_row and ws[r] scan every cell, which made 10,000 findings take
    # minutes (quadratic).
    wrapped = None  # the wrapped style, set once and copied: setting a style looks it up in the workbook's list
    for r, row in enumerate(plan.rows, start=2):
        ws.append(row.values)
        cells = [ws.cell(r, c) for c in range(1, len(row.values) + 1)]
        for cell in cells:
            if wrapped is None:
                cell.alignment = WRAP
                wrapped = cell._style
            else:
                cell._style = copy(wrapped)
        if row.link:
            for cell in cells[3:5]:  # the sheet and cell columns jump to the cell
                if cell.value:
                    cell.hyperlink = Hyperlink(ref="", location=row.link)
                    cell.font = LINK
    for col, width in enumerate(plan.widths, start=1):
        ws.column_dimensions[ws.cell(1, col).column_letter].width = width
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{ws.cell(1, len(plan.header)).column_letter}{len(plan.rows) + 1}"
    for mark in plan.marks:
        target = wb[mark.sheet]
        if mark.fill:
            fill = PatternFill("solid", start_color=mark.fill, end_color=mark.fill)
            target.conditional_formatting.add(mark.cell, FormulaRule(formula=[HIGHLIGHT_FORMULA], fill=fill))
        cell = target[mark.cell]
        own = cell.comment
        comment = Comment(f"{own.text}\n\n{mark.comment}", own.author) if own else Comment(mark.comment, plan.author)
        comment.width, comment.height = 360, min(600, 60 + 18 * mark.comment.count("\n") + len(mark.comment) // 2)
        cell.comment = comment
    for sheet in wb.worksheets:
        sheet.sheet_view.tabSelected = False
    wb.active = 0
    ws.sheet_view.tabSelected = True
