"""The annotation plan: what an annotated workbook shows for a list of findings, independent of how it is written.

Both the openpyxl copy writer (annotate/workbook.py) and the live-Excel layer apply this plan, so the result
sheet, the colours and the comment texts are the same whichever door the user came through; a Word copy's comments
(annotate/document.py) carry its AUTHOR.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import NamedTuple

from .finding import A1, SEVERITIES, Finding

RESULT_SHEET = "检查结果"
#: Author of every comment the tool writes; comments by anyone else are the user's and are kept.
AUTHOR = "shuzhi检查"
#: Opens the tool's text inside a comment; what follows it is replaced on the next run.
MARKER = "【shuzhi检查】"
#: The result sheet's columns of a finding's 编号 and of the author's 忽略 mark (checks.ignore reads them back).
REF_COLUMN, IGNORE_COLUMN = "编号", "忽略"
HEADER = ("序号", "级别", "代码", "工作表", "单元格", "问题", "修改建议", REF_COLUMN, IGNORE_COLUMN)
WIDTHS = (6, 8, 8, 12, 10, 70, 46, 12, 6)
#: What the result sheet's 忽略 column says of a finding ignored elsewhere: written by the tool, so not read back
#: as the author's mark (deleting the note or the list's line must bring the finding back).
BY_NOTE, BY_LIST = "批注中已忽略", "命令行已忽略"
#: Opens the line of a note's tool part naming the 编号 the user's 忽略 in it covers (checks.ignore reads it).
NOTE_STAMP = "按批注忽略的编号："
#: Cell fills by severity (RGB): the light red, yellow and blue Excel offers for "bad", "neutral", "note".
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}


class ResultRow(NamedTuple):
    """One row of the result sheet; *link* is an internal target like 'Sheet'!C6, or "" when there is none."""

    values: tuple[object, ...]
    link: str
    severity: str


class CellMark(NamedTuple):
    """A cell to highlight with *fill* ("" for none: all its findings ignored) and to comment with *comment* (all
    its findings, worst first, and the 编号 its note's 忽略 covers)."""

    sheet: str
    cell: str
    fill: str
    comment: str


class AnnotationPlan(NamedTuple):
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


def annotation_plan(findings: list[Finding], sheets: set[str] | None = None,
                    ignored: Sequence[tuple[Finding, str]] = (),
                    covered: Mapping[tuple[str, str], Iterable[str]] | None = None) -> AnnotationPlan:
    """Return the plan for *findings*; marks and links only go to sheets in *sheets* (all when None). The
    findings *ignored* (each with what its 忽略 column says) follow, unmarked, then a row counting them: so a
    忽略 typed in the result sheet is still there on the next run. The notes of the cells in *covered* say which
    编号 their 忽略 covers, so that a finding there after the text changes is shown."""
    rows, by_cell = [], {}
    covered = {place: refs for place, refs in (covered or {}).items()
               if place[0] and (sheets is None or place[0] in sheets) and A1.match(place[1])}
    listed = [(f, "") for f in findings] + list(ignored)
    for n, (f, mark) in enumerate(listed, start=1):
        known = bool(f.sheet) and (sheets is None or f.sheet in sheets)
        rows.append(ResultRow((n, f.severity_label, f.code, f.sheet, f.cell, f.message, f.suggestion, f.ref, mark),
                              link_target(f.sheet, f.cell) if known else "", f.severity))
        if known and A1.match(f.cell) and not mark:
            by_cell.setdefault((f.sheet, f.cell), []).append(f)
    marks = []
    for place in dict.fromkeys([*by_cell, *covered]):
        found = sorted(by_cell.get(place, []), key=lambda f: SEVERITIES.index(f.severity))
        lines = [f"{f.severity_label} {f.code}：{f.message}" + (f"\n建议：{f.suggestion}" if f.suggestion else "")
                 for f in found]
        if place in covered:
            lines.append(NOTE_STAMP + "、".join(sorted(covered[place])))
        marks.append(CellMark(*place, FILLS[found[0].severity] if found else "", MARKER + "\n" + "\n\n".join(lines)))
    if ignored:
        rows.append(ResultRow(("", "", "", "", "", ignored_line(len(ignored)), "", "", ""), "", "info"))
    return AnnotationPlan(tuple(rows), tuple(marks))


def ignored_line(count: int) -> str:
    """Return the sentence telling how many findings were left out as marked 忽略."""
    return f"另有 {count} 项检查结果已标记为“忽略”，不计入问题（单元格文字改动后会重新检查）。"
