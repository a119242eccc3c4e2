"""The detail sheets of the summary (台账汇总, 工作要点, 问题汇总, 打算汇总, 检查结果): their columns, and one branch's
rows of each, rendered in the worker that read the branch's file."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import NamedTuple

from .. import schema
from ..checks.finding import Finding
from ..model import Location, Report, Section
from ..outline import Matched, part_role, section_name
from ..report.text import has_content
from .summary import FINDINGS_SHEET, PROBLEMS_SHEET, Column, render, render_rows, row_template

BRANCH, FILE, CELL = Column(schema.INFO.field("branch").label, 22), Column("源文件", 36), Column("单元格", 8)
YEAR = Column(schema.INFO.field("year").label, 8, "int")


#: Column labels of 问题汇总 and 打算汇总 (order, heading, body): also how 整改跟踪 finds last year's problems.
PROBLEM_LABELS = ("序号", "问题标题", "具体表现")
PLAN_LABELS = ("序号", "打算标题", "具体措施")
#: The 提纲 part and section (栏目) a row stands under: the office filters and sorts by them.
PART, GROUP = Column(schema.PART, 14), Column(schema.BODY.field("name").label, 14)


def _items_columns(labels: tuple[str, str, str]) -> list[Column]:
    order, heading, body = labels
    return [BRANCH, FILE, PART, GROUP, Column(order, 6, "int"), Column(heading, 30), Column(body, 70, "longtext"),
            CELL]


def _ledger_columns() -> list[Column]:
    kinds = {"date": "date", "int": "int"}
    return [BRANCH, YEAR, FILE, *(Column(f.label, f.width, kinds.get(f.kind, "text")) for f in schema.LEDGER.columns),
            CELL]


def _point_columns() -> list[Column]:
    return [BRANCH, FILE, PART, GROUP, Column("小节标题", 30), Column("序号", 6, "int"), Column("要点引语", 24),
            Column("要点正文", 70, "longtext"), CELL]


LEDGER_SHEET, POINTS_SHEET, PLANS_SHEET = "台账汇总", "工作要点", "打算汇总"
#: Each detail sheet in the summary's order: (name, table name, columns).
SHEETS = [
    (LEDGER_SHEET, "tbl_ledger", _ledger_columns()),
    (POINTS_SHEET, "tbl_points", _point_columns()),
    (PROBLEMS_SHEET, "tbl_problems", _items_columns(PROBLEM_LABELS)),
    (PLANS_SHEET, "tbl_plans", _items_columns(PLAN_LABELS)),
    (FINDINGS_SHEET, "tbl_findings", [FILE, BRANCH, Column("工作表", 10), CELL, Column("级别", 6), Column("代码", 8),
                                      Column("问题", 60, "longtext"), Column("建议", 40, "longtext")]),
]


_KINDS = [(name, [c.kind for c in columns]) for name, _, columns in SHEETS]


def page_name(name: str, n: int) -> str:
    """Return the name of page *n* (from 1) of detail sheet *name*: the sheet itself, then “名（2）”… (a sheet's rows
    past what Excel opens are continued on pages)."""
    return f"{name}（{n}）" if n > 1 else name


class Placed(NamedTuple):
    """A section with content and where the 提纲 places it: its part's role (outline.part_role), the part's and the
    section's names as the 提纲 gives them (else the report's own 栏目 or heading)."""

    role: str
    part: str
    group: str
    section: Section


def placed_sections(matched: Sequence[Matched]) -> list[Placed]:
    """Return every section with content of a report's parts paired with the 提纲's (*matched*: outline.match), in
    order: what a branch's detail rows (rendered_rows) and its problems (problem_titles) are made from."""
    out = []
    for m in matched:
        role, part = part_role(m.part), m.item.name if m.item else m.part.name or m.part.heading
        out += [Placed(role, part, section_name(section, item), section)
                for section, item in m.sections if has_content(section)]
    return out


def problem_titles(sections: Sequence[Placed]) -> tuple[str, ...]:
    """Return each problem's heading, or its text when it has none: the problems 整改跟踪 compares with last year's,
    the sections of 问题汇总's rows (*sections*: placed_sections)."""
    return tuple(s.heading or item_text(s) for role, _, _, s in sections if role == "problems")


def rendered_rows(file: str, report: Report, findings: list[Finding], sections: Sequence[Placed]) \
        -> dict[str, tuple[int, bytes]]:
    """Return, for each detail sheet, the number of this branch's rows and the rows rendered (summary.row_template).
    Points, problems and plans name the part and section of the 提纲 they stand under (*sections*: placed_sections)."""
    out, rows_of = {}, _rows(file, report, findings, sections)
    for name, kinds in _KINDS:
        lead, rows = rows_of[name]
        # The leading cells name the branch: the same in each of its rows, so rendered once.
        out[name] = len(rows), row_template(render_rows(rows, kinds[len(lead):], render(lead, kinds[:len(lead)])))
    return out


def _rows(file: str, report: Report, findings: list[Finding], sections: Sequence[Placed]) \
        -> dict[str, tuple[tuple, list[tuple]]]:
    """Return, by detail sheet, the values leading each of its rows and the rest of each row."""
    branch = report.info.branch
    points = [(part, group, section.heading, order, p.lead, p.body, _cell(p.where, "body"))
              for _, part, group, section in sections for order, p in enumerate(section.points, start=1)]
    return {
        LEDGER_SHEET: ((branch, report.info.year, file),
                       [(e.date, e.kind, e.topic, e.participants, e.note, _cell(e.where, "date")) for e in report.ledger]),
        POINTS_SHEET: ((branch, file), points),
        PROBLEMS_SHEET: ((branch, file), _items(sections, "problems")),
        PLANS_SHEET: ((branch, file), _items(sections, "plans")),
        FINDINGS_SHEET: ((file, branch),
                         [(f.sheet, f.cell, f.severity_label, f.code, f.message, f.suggestion) for f in findings]),
    }


def _items(sections: Sequence[Placed], role: str) -> list[tuple]:
    """Return the rows of the sections of the parts with *role*, numbered."""
    return [(part, group, order, s.heading, item_text(s), _cell(s.where, "heading"))
            for order, (_, part, group, s) in enumerate([s for s in sections if s.role == role], start=1)]


def item_text(section: Section) -> str:
    """Return a problem's or plan's text: its paragraphs and points, one per line."""
    points = [f"{p.lead}。{p.body}" if p.lead else p.body for p in section.points]
    return "\n".join(filter(None, [section.lead, *points]))


def _cell(where: Mapping[str, Location], key: str) -> str:
    location = where.get(key)
    return location.cell if location else ""
