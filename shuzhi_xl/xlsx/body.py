"""报告正文's rows → the report's parts: the outline exactly as the rows give it, in their order.

A 部分 row starts a part (its 正文 is text directly under the title); a 小节 row a sub-section; a 段落 row text
without a heading; a 要点 row a point of the sub-section or text above it. A row without 层级 takes it from its
编号 (一、 → 部分, （一） → 小节, 一是 / 1. … → 要点), else it is a 段落. Each value keeps its cell.
"""

from __future__ import annotations

import functools

from .. import schema
from ..model import IgnoredValue, Part, Point, Section
from ..numerals import DEFAULT_NUMBERING, numbering_style, written_style

#: The level a row without 层级 has, by the style of its 编号.
_LEVEL_OF_STYLE = {"一、": schema.PART, "（一）": schema.SECTION}
_LEVEL_KEYS = {schema.PART: "part", schema.SECTION: "section", schema.POINT: "point"}
_FIELDS = {f.key: f for f in schema.BODY.columns}


@functools.lru_cache(maxsize=1024)
def _styles(numbering: str) -> tuple[str | None, str | None]:
    """Return the written and the canonical numbering style of a typed 编号: a few labels recur in every report,
    and telling one costs a regular expression per style tried."""
    return written_style(numbering), numbering_style(numbering)


#: The columns of 报告正文 a row is read from, in this order.
_KEYS = ("level", "name", "numbering", "heading", "body", "alone", "layout")
#: Where each record's values are: the record's key → the column it comes from (each also keeps its row's level).
_PART_WHERE = {"heading": "heading", "name": "name", "numbering": "numbering", "level": "level"}
_LEAD_WHERE = {"lead": "body", "level": "level"}
_POINT_WHERE = {"lead": "heading", "body": "body", "numbering": "numbering", "level": "level"}
_SECTION_WHERE = {"heading": "heading", "name": "name", "numbering": "numbering", "layout": "layout", "alone": "alone",
                  "lead": "body", "level": "level"}


def body_parts(reader) -> list[Part]:
    """Return the parts the records of 报告正文 describe; *reader* (a reader.SheetReader) notes values it cannot
    use."""
    parts: list[Part] = []
    section: Section | None = None
    for (level, name, raw_numbering, heading, body, alone, layout), where in reader.records(schema.BODY, _KEYS):
        level = reader.choice(level, where["level"], _FIELDS["level"])
        style, canonical = _styles(raw_numbering)
        if style is None:
            reader.ignored.append(IgnoredValue(where["numbering"], _FIELDS["numbering"], raw_numbering))
            style = canonical = ""
        level = level or _LEVEL_OF_STYLE.get(canonical, schema.POINT if style else schema.TEXT)
        if style == DEFAULT_NUMBERING.get(_LEVEL_KEYS.get(level, ""), None):
            style = ""  # the level's default is no choice of the author's: a model says so with ""
        if level == schema.PART:
            parts.append(Part(heading, numbering=style, name=name, where=_where(where, _PART_WHERE)))
            section = None
            if body:
                section = Section(lead=body, layout=_layout(layout, where, reader), where=_where(where, _LEAD_WHERE))
                parts[-1].sections.append(section)
            _unused(reader, where, alone=alone)
            continue
        if not parts:  # text before any part heading: a part without a title holds it
            parts.append(Part(""))
        if level == schema.POINT:
            if section is None:
                section = Section(where={"level": where["level"]})
                parts[-1].sections.append(section)
            if not section.points:  # the first point's label gives the style of them all
                section.point_numbering = style
            section.points.append(Point(heading, body, where=_where(where, _POINT_WHERE)))
            _unused(reader, where, alone=alone, layout=layout)
            continue
        alone = reader.choice(alone, where["alone"], _FIELDS["alone"]) == schema.ALONE[1]
        section = Section(heading, body, layout=_layout(layout, where, reader), name=name, alone=alone,
                          numbering=style if level == schema.SECTION else "", where=_where(where, _SECTION_WHERE))
        parts[-1].sections.append(section)
    return parts


def _where(where, columns: dict[str, str]) -> dict:
    """Return the locations of a record's values: *columns* says from which of the row's columns each comes."""
    return {key: where[column] for key, column in columns.items()}


def _layout(layout: str, where, reader) -> str:
    return reader.choice(layout, where["layout"], _FIELDS["layout"])


def _unused(reader, where, **values: str) -> None:
    """Note *values* (by column key) filled in columns that do nothing on this row's level (the checks say so at
    their cells)."""
    for key, value in values.items():
        if value:
            reader.ignored.append(IgnoredValue(where[key], _FIELDS[key], value))
