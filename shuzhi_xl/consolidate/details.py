"""The detail sheets of the summary (台账汇总, 工作要点, 问题汇总, 打算汇总, 检查结果): their columns, and one branch's
rows of each, rendered in the worker that read the branch's file."""

from __future__ import annotations

from .. import schema
from ..checks.finding import Finding
from ..model import Report
from .summary import FINDINGS_SHEET, PROBLEMS_SHEET, Column, render

BRANCH, FILE, CELL = Column(schema.INFO.field("branch").label, 22), Column("源文件", 36), Column("单元格", 8)
YEAR = Column(schema.INFO.field("year").label, 8, "int")
#: Ends each rendered row in a sheet's block; text never holds it (cellxml drops control characters).
ROW_END = "\x00"


def _items_columns(sheet: schema.Sheet) -> list[Column]:
    return [BRANCH, FILE, Column(sheet.field("order").label, 6, "int"), Column(sheet.field("heading").label, 30),
            Column(sheet.field("body").label, 70, "longtext"), CELL]


def _ledger_columns() -> list[Column]:
    kinds = {"date": "date", "int": "int"}
    return [BRANCH, YEAR, FILE, *(Column(f.label, f.width, kinds.get(f.kind, "text")) for f in schema.LEDGER.columns),
            CELL]


def _point_columns() -> list[Column]:
    points = schema.STUDY
    return [BRANCH, FILE, Column("工作表", 10), Column(points.field("heading").label, 30),
            Column(points.field("order").label, 6, "int"), Column(points.field("lead").label, 24),
            Column(points.field("body").label, 70, "longtext"), CELL]


#: Each detail sheet in the summary's order: (name, table name, columns).
SHEETS = [
    ("台账汇总", "tbl_ledger", _ledger_columns()),
    ("工作要点", "tbl_points", _point_columns()),
    (PROBLEMS_SHEET, "tbl_problems", _items_columns(schema.PROBLEMS)),
    ("打算汇总", "tbl_plans", _items_columns(schema.PLANS)),
    (FINDINGS_SHEET, "tbl_findings", [FILE, BRANCH, Column("工作表", 10), CELL, Column("级别", 6), Column("代码", 8),
                                      Column("问题", 60, "longtext"), Column("建议", 40, "longtext")]),
]


def rendered_rows(file: str, report: Report, findings: list[Finding]) -> dict[str, tuple[int, bytes]]:
    """Return, for each detail sheet, the number of this branch's rows and their cells rendered, each row ended by
    ROW_END."""
    rows = _rows(file, report, findings)
    rendered = {}
    for name, _, columns in SHEETS:
        kinds = [c.kind for c in columns]
        rendered[name] = (len(rows[name]), "".join([render(row, kinds) + ROW_END for row in rows[name]]).encode())
    return rendered


def _rows(file: str, report: Report, findings: list[Finding]) -> dict[str, list[tuple]]:
    branch = report.info.branch
    work = report.part("work")
    points = []
    for section in work.sections if work else []:
        sheet = schema.sheet(section.key).name if section.key else schema.EXTRAS.name
        points += [(branch, file, sheet, section.heading, order, p.lead, p.body, _cell(p.where, "body"))
                   for order, p in enumerate(section.points, start=1)]
    return {
        "台账汇总": [(branch, report.info.year, file, e.date, e.kind, e.topic, e.participants, e.note,
                  _cell(e.where, "date")) for e in report.ledger],
        "工作要点": points,
        PROBLEMS_SHEET: _items(branch, file, report, "problems"),
        "打算汇总": _items(branch, file, report, "plans"),
        FINDINGS_SHEET: [(file, branch, f.sheet, f.cell, f.severity_label, f.code, f.message, f.suggestion)
                         for f in findings],
    }


def _items(branch: str, file: str, report: Report, key: str) -> list[tuple]:
    part = report.part(key)
    return [(branch, file, order, s.heading, s.lead, _cell(s.where, "heading"))
            for order, s in enumerate(part.sections if part else [], start=1)]


def _cell(where: dict, key: str) -> str:
    location = where.get(key)
    return location.cell if location else ""
