"""Workbooks with a planted slip, and the three ways an author marks its findings 忽略, written with openpyxl
(never with the code under test)."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner
from openpyxl import load_workbook
from openpyxl.comments import Comment

from shuzhi_xl import schema
from shuzhi_xl.cli import main

#: The cell the slips go into: a body paragraph of the sample (and of the synthetic branches) with no finding.
PLACE = (schema.BODY.name, f"{schema.BODY.column_letter('body')}{schema.BODY.first_data_row + 2}")
#: Two wrong idioms, each an error of the proofreading lists: the cell has exactly these two findings.
SLIPS = "我们将再接再励，迫不急待地推进各项工作。"
WRONG = ("再接再励", "迫不急待")
RESULT_SHEET, REF_COLUMN, IGNORE_COLUMN = "检查结果", "编号", "忽略"


def cell_text(path: Path, place: tuple[str, str] = PLACE) -> str:
    return load_workbook(path)[place[0]][place[1]].value or ""


def set_cell(path: Path, text: str, place: tuple[str, str] = PLACE) -> None:
    wb = load_workbook(path)
    wb[place[0]][place[1]].value = text
    wb.save(path)


def plant(path: Path) -> Path:
    """Add the slips to the body cell of the workbook at *path*; return *path*."""
    set_cell(path, cell_text(path) + SLIPS)
    return path


def add_note(path: Path, text: str = "忽略：此处写法经核实无误", place: tuple[str, str] = PLACE) -> None:
    wb = load_workbook(path)
    wb[place[0]][place[1]].comment = Comment(text, "张三")
    wb.save(path)


def mark_in_result_sheet(path: Path, refs: set[str]) -> None:
    """Type 忽略 in the 忽略 column of the result sheet's rows of *refs*, as a user does in Excel."""
    wb = load_workbook(path)
    sheet = wb[RESULT_SHEET]
    header = [c.value for c in sheet[1]]
    for row in sheet.iter_rows(min_row=2):
        if row[header.index(REF_COLUMN)].value in refs:
            row[header.index(IGNORE_COLUMN)].value = "忽略"
    wb.save(path)


def result_rows(path: Path) -> list[dict]:
    """Return the result sheet's rows as dicts by header (openpyxl)."""
    rows = [[c.value for c in r] for r in load_workbook(path)[RESULT_SHEET].iter_rows()]
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def cli_check(path: Path, *more) -> tuple[list[dict], str, int]:
    """Run ``shuzhi check --json`` on *path*; return the findings, stderr and the exit code."""
    result = CliRunner().invoke(main, ["check", str(path), "--json", *map(str, more)])
    return json.loads(result.stdout), result.stderr, result.exit_code


def at_place(findings: list[dict], place: tuple[str, str] = PLACE) -> list[dict]:
    return [f for f in findings if (f["sheet"], f["cell"]) == place]


def said_ignored(text: str) -> int:
    """Return N of the sentence “另有 N 项检查结果已标记为“忽略”…” in *text*, 0 when it is absent."""
    marker = "项检查结果已标记为“忽略”"
    if marker not in text:
        return 0
    return int(text[:text.index(marker)].rsplit("另有", 1)[1].strip())
