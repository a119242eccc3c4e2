"""Workbooks of schema version 1, read into today's model: their fixed outline becomes parts and sections.

Version 1 hard-coded one outline: 基本信息 named the three parts' titles, each of 政治学习, 重点任务, 支部活动 and
中心工作 had its own sheet (heading, lead and layout in B1:B3, points below a header on row 5), 存在问题 and
下步打算 listed items, and 补充章节 placed extra sections and parts. Values keep their cells in the old sheets, so
findings still point where the user typed; the checks add a note (ST016) that the workbook can be upgraded.
"""

from __future__ import annotations

from collections.abc import Collection

from .. import schema
from ..model import Location, Part, Point, Section
from .form import label_rows, value_b
from .values import integer, text

VERSION = "1"
SECTIONS = ("政治学习", "重点任务", "支部活动", "中心工作")
PROBLEMS, PLANS, EXTRAS = "存在问题", "下步打算", "补充章节"
#: 基本信息's part title rows, the default titles and the 提纲 names of the three parts.
PARTS = (("第一部分标题", "主要工作情况", "主要工作情况"), ("第二部分标题", "存在的问题", "存在问题"),
         ("第三部分标题", "下步工作打算", "下步打算"))
PLACES = ("第一部分之内", "第一部分之后", "第二部分之后", "第三部分之后")
SHEET_NAMES = (*SECTIONS, PROBLEMS, PLANS, EXTRAS)


def is_v1(sheets: Collection[str]) -> bool:
    """Return True for the sheets (names, or grids by name) of a version-1 workbook: its section sheets, no 报告正文."""
    return schema.BODY.name not in sheets and all(name in sheets for name in SHEET_NAMES)


def parts_v1(grids: dict) -> list[Part]:
    """Return the parts of a version-1 workbook."""
    info = form_labels(grids, schema.INFO.name)
    parts = []
    for label, default, name in PARTS:
        value, where = info.get(label, (None, Location(schema.INFO.name)))
        parts.append(Part(text(value) or default, name=name, where={"heading": where}))
    parts[0].sections = [_section(grids, name) for name in SECTIONS]
    parts[1].sections = [Section(r["问题标题"], r["具体表现"], where=_item_where(r)) for r in _rows(grids, PROBLEMS)]
    parts[2].sections = [Section(r["打算标题"], r["具体措施"], where=_item_where(r)) for r in _rows(grids, PLANS)]
    _place_extras(parts, _rows(grids, EXTRAS))
    return parts


def form_labels(grids: dict, name: str) -> dict[str, tuple[object, Location]]:
    """Return {label in column A: (value in B, its location)} of a form sheet (基本信息 or a section's top rows)."""
    grid = grids[name]
    return {label: (value_b(grid, rows[0]), Location(name, f"B{rows[0]}")) for label, rows in label_rows(grid).items()}


def _section(grids: dict, name: str) -> Section:
    form = form_labels(grids, name)
    heading, lead, layout = (form.get(label, (None, Location(name))) for label in ("小节标题", "导语", "要点排版"))
    section = Section(text(heading[0]), text(lead[0]), name=name,
                      layout=text(layout[0]) if text(layout[0]) in schema.LAYOUTS else "",
                      where={"heading": heading[1], "lead": lead[1], "layout": layout[1], "name": Location(name)})
    section.points = [Point(r["要点引语"], r["要点正文"], where={"lead": r.where["要点引语"], "body": r.where["要点正文"]})
                      for r in _rows(grids, name)]
    return section


class _Row(dict):
    """A table row: text by header label, and each value's location in ``where``."""

    where: dict[str, Location]


def _rows(grids: dict, name: str) -> list[_Row]:
    """Return the filled rows of the table on sheet *name* (header: the row whose A is 序号), by order number
    (rows without one after the numbered ones, in their own order)."""
    grid = grids[name]
    header = next((r for r, row in enumerate(grid) if row and text(row[0]) == "序号"), None)
    if header is None:
        return []
    labels = [text(v) for v in grid[header]]
    rows = []
    for r, values in enumerate(grid[header + 1:], start=header + 2):
        row = _Row({label: text(values[i]) if i < len(values) else "" for i, label in enumerate(labels) if label})
        row.where = {label: Location(name, f"{schema.column_letter(i + 1)}{r}") for i, label in enumerate(labels)}
        if any(value for label, value in row.items() if label != "序号"):
            rows.append(row)
    ranked = [(integer(row.get("序号")), n, row) for n, row in enumerate(rows)]
    return [row for _, _, row in sorted(ranked, key=lambda t: (t[0] is None, t[0] or 0, t[1]))]


def _item_where(row: _Row) -> dict[str, Location]:
    labels = list(row.where)
    return {"heading": row.where[labels[1]], "lead": row.where[labels[2]]}


def _place_extras(parts: list[Part], rows: list[_Row]) -> None:
    """Put 补充章节's rows where their place says: into part 一, or as a part after the part it names."""
    anchors = {place: parts[n] for n, place in enumerate(PLACES[1:])}
    for row in rows:
        section = Section(row.get("小节标题", ""), row.get("正文", ""),
                          where={"heading": row.where.get("小节标题"), "lead": row.where.get("正文")})
        anchor = anchors.get(row.get("插入位置", ""))
        if anchor is None:
            parts[0].sections.append(section)
            continue
        title = row.get("部分标题", "")
        at = parts.index(anchor) + 1
        while at < len(parts) and parts[at] not in anchors.values():
            if parts[at].heading == title:
                parts[at].sections.append(section)
                break
            at += 1
        else:
            parts.insert(at, Part(title, [section], where={"heading": row.where.get("部分标题")}))
