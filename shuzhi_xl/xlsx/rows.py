"""The model laid out as sheet values keyed by schema field: the inverse of the reader's assembly.

报告正文 gets one row per part, sub-section, point and headingless text, in reading order; its 编号 column shows the
label each row prints with (the reader takes the style back from it, so renumbering after a move is automatic).
"""

from __future__ import annotations

from .. import schema
from ..model import Part, Report, Section
from ..numerals import DEFAULT_NUMBERING, UNNUMBERED, ordinal_label
from ..outline import Outline

SheetValues = dict[str, dict]
#: Empty point rows a new template offers under each sub-section, and item rows under a part without any.
POINT_ROWS, ITEM_ROWS = 3, 3


class _Counter:
    """Numbers the labelled siblings of one level, as report.text does: unnumbered ones are skipped."""

    def __init__(self, level: str):
        self.level, self.n = level, 0

    def label(self, style: str) -> str:
        style = style or DEFAULT_NUMBERING[self.level]
        if style == UNNUMBERED:
            return UNNUMBERED
        self.n += 1
        return ordinal_label(style, self.n)


def report_to_rows(report: Report) -> dict[str, SheetValues]:
    """Return ``{sheet key: {"form": {field: value}, "rows": [{field: value}, …]}}`` for *report*."""
    info = report.info
    out: dict[str, SheetValues] = {"info": {"form": {f.key: getattr(info, f.key, None) for f in schema.INFO.form}}}
    out["body"] = {"rows": body_rows(report.parts)}
    out["ledger"] = {"rows": [{"date": e.date, "kind": e.kind, "topic": e.topic,
                               "participants": e.participants, "note": e.note} for e in report.ledger]}
    out["metrics"] = {"rows": [{"name": m.name, "value": m.value, "unit": m.unit, "note": m.note}
                               for m in report.metrics]}
    return out


def body_rows(parts: list[Part]) -> list[dict]:
    """Return 报告正文's rows for *parts*: a part's first headingless text goes into the part's own row."""
    rows: list[dict] = []
    parts_counter = _Counter("part")
    for part in parts:
        sections = list(part.sections)
        row = {"level": schema.PART, "name": part.name or None, "heading": part.heading or None,
               "numbering": parts_counter.label(part.numbering) if part.heading else None}
        if sections and not sections[0].heading and not sections[0].name and sections[0].lead:
            row["body"], row["layout"] = sections[0].lead, sections[0].layout or None
            rows.append(row)
            rows += _point_rows(sections.pop(0))
        else:
            rows.append(row)
        counter = _Counter("section")
        for section in sections:
            rows.append(_section_row(section, counter))
            rows += _point_rows(section)
    return rows


def _section_row(section: Section, counter: _Counter) -> dict:
    headed = bool(section.heading or section.name)
    return {"level": schema.SECTION if headed else schema.TEXT, "name": section.name or None,
            "numbering": counter.label(section.numbering) if section.heading else None,
            "heading": section.heading or None, "body": section.lead or None,
            "alone": schema.ALONE[1] if section.alone else None, "layout": section.layout or None}


def _point_rows(section: Section) -> list[dict]:
    counter = _Counter("point")
    return [{"level": schema.POINT, "numbering": counter.label(section.point_numbering),
             "heading": p.lead or None, "body": p.body or None} for p in section.points]


def skeleton_rows(outline: Outline) -> list[dict]:
    """Return 报告正文's rows of a new template: each 提纲 part and sub-section with its name and label, empty point
    rows under each sub-section, and empty item rows under a part that has no sub-sections."""
    rows: list[dict] = []
    parts_counter = _Counter("part")
    for part in outline.parts:
        rows.append({"level": schema.PART, "name": part.name, "numbering": parts_counter.label(part.numbering),
                     "heading": part.title or part.name})
        counter = _Counter("section")
        for section in part.sections:
            rows.append({"level": schema.SECTION, "name": section.name,
                         "numbering": counter.label(section.numbering)})
            points = _Counter("point")
            rows += [{"level": schema.POINT, "numbering": points.label("")} for _ in range(POINT_ROWS)]
        if not part.sections:
            rows += [{"level": schema.SECTION, "numbering": counter.label("")} for _ in range(ITEM_ROWS)]
    return rows
