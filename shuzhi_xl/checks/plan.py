"""The annotation plan: what an annotated workbook shows for a list of findings, independent of how it is written.

Both the openpyxl copy writer (xlsx/annotate.py) and the live-Excel layer apply this plan, so the result
sheet, the colours and the comment texts are the same whichever door the user came through.
"""

from __future__ import annotations

from dataclasses import dataclass

from .finding import A1, SEVERITIES, Finding

RESULT_SHEET = "检查结果"
#: Author of every comment the tool writes; comments by anyone else are the user's and are kept.
AUTHOR = "shuzhi检查"
#: Opens the tool's text inside a comment; what follows it is replaced on the next run.
MARKER = "【shuzhi检查】"
HEADER = ("序号", "级别", "代码", "工作表", "单元格", "问题", "修改建议", "编号", "忽略")
WIDTHS = (6, 8, 8, 12, 10, 70, 46, 12, 6)
#: Cell fills by severity (RGB): the light red, yellow and blue Excel offers for "bad", "neutral", "note".
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


@dataclass(frozen=True)
class ResultRow:
    """One row of the result sheet; *link* is an internal target like 'Sheet'!C6, or "" when there is none."""

    values: tuple[object, ...]
    link: str
    severity: str


@dataclass(frozen=True)
class CellMark:
    """A cell to highlight with *fill* and to comment with *comment* (all its findings, worst first)."""

    sheet: str
    cell: str
    fill: str
    comment: str


@dataclass(frozen=True)
class AnnotationPlan:
    """The result sheet's rows and the marks on the data sheets."""

    rows: tuple[ResultRow, ...]
    marks: tuple[CellMark, ...]
    sheet: str = RESULT_SHEET
    header: tuple[str, ...] = HEADER
    widths: tuple[int, ...] = WIDTHS
    author: str = AUTHOR


def link_target(sheet: str, cell: str) -> str:
    """Return the internal hyperlink location of *cell* on *sheet* (A1 of the sheet when *cell* is not a cell)."""
    return f"'{sheet.replace(chr(39), chr(39) * 2)}'!{cell if A1.match(cell) else 'A1'}" if sheet else ""


def annotation_plan(findings: list[Finding], sheets: set[str] | None = None, ignored: int = 0) -> AnnotationPlan:
    """Return the plan for *findings*; marks and links only go to sheets in *sheets* (all when None). *ignored*
    findings the author marked 忽略 are counted in a last row."""
    rows, by_cell = [], {}
    for n, f in enumerate(findings, start=1):
        known = bool(f.sheet) and (sheets is None or f.sheet in sheets)
        rows.append(ResultRow((n, f.severity_label, f.code, f.sheet, f.cell, f.message, f.suggestion, f.ref, ""),
                              link_target(f.sheet, f.cell) if known else "", f.severity))
        if known and A1.match(f.cell):
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    marks = []
    for (sheet, cell), found in by_cell.items():
        found.sort(key=lambda f: SEVERITIES.index(f.severity))
        lines = [f"{f.severity_label} {f.code}：{f.message}" + (f"\n建议：{f.suggestion}" if f.suggestion else "")
                 for f in found]
        marks.append(CellMark(sheet, cell, FILLS[found[0].severity], MARKER + "\n" + "\n\n".join(lines)))
    if ignored:
        rows.append(ResultRow(("", "", "", "", "", ignored_line(ignored), "", "", ""), "", "info"))
    return AnnotationPlan(tuple(rows), tuple(marks))


def ignored_line(count: int) -> str:
    """Return the sentence telling how many findings were left out as marked 忽略."""
    return f"另有 {count} 项检查结果已标记为“忽略”，未列出（单元格文字改动后会重新检查）。"
