"""报告正文's rows → the report's parts: the outline exactly as the rows give it, in their order.

A 部分 row starts a part (its 正文 is text directly under the title); a 小节 row a sub-section; a 段落 row text
without a heading; a 要点 row a point of the sub-section or text above it. A row without 层级 takes it from its
编号 (一、 → 部分, （一） → 小节, 一是 / 1. … → 要点), else it is a 段落. Each value keeps its cell.
"""

from __future__ import annotations

from .. import schema
from ..model import IgnoredValue, Part, Point, Section
from ..numerals import DEFAULT_NUMBERING, numbering_style, written_style
from .values import text

#: The level a row without 层级 has, by the style of its 编号.
_LEVEL_OF_STYLE = {"一、": schema.PART, "（一）": schema.SECTION}
_LEVEL_KEYS = {schema.PART: "part", schema.SECTION: "section", schema.POINT: "point"}


def body_parts(records, reader) -> list[Part]:
    """Return the parts the records of 报告正文 describe; *reader* notes values it cannot use."""
    parts: list[Part] = []
    section: Section | None = None
    fields = schema.BODY.field
    for rec in records:
        level = reader.choice(rec.get("level"), rec.where["level"], fields("level"))
        raw_numbering = text(rec.get("numbering"))
        style, canonical = written_style(raw_numbering), numbering_style(raw_numbering)
        if style is None:
            reader.ignored.append(IgnoredValue(rec.where["numbering"], fields("numbering"), raw_numbering))
            style = canonical = ""
        level = level or _LEVEL_OF_STYLE.get(canonical, schema.POINT if style else schema.TEXT)
        if style == DEFAULT_NUMBERING.get(_LEVEL_KEYS.get(level, ""), None):
            style = ""  # the level's default is no choice of the author's: a model says so with ""
        heading, body, name = text(rec.get("heading")), text(rec.get("body")), text(rec.get("name"))
        where = rec.where
        if level == schema.PART:
            parts.append(Part(heading, numbering=style, name=name, where=_where(where, "heading", "name", "numbering")))
            section = None
            if body:
                section = Section(lead=body, layout=_layout(rec, reader), where=_where(where, lead="body"))
                parts[-1].sections.append(section)
            _unused(rec, reader, "alone")
            continue
        if not parts:  # text before any part heading: a part without a title holds it
            parts.append(Part(""))
        if level == schema.POINT:
            if section is None:
                section = Section(where=_where(where))
                parts[-1].sections.append(section)
            if not section.points:  # the first point's label gives the style of them all
                section.point_numbering = style
            section.points.append(Point(heading, body, where=_where(where, lead="heading", body="body",
                                                                     numbering="numbering")))
            _unused(rec, reader, "alone", "layout")
            continue
        section = Section(heading, body, layout=_layout(rec, reader), name=name,
                          alone=reader.choice(rec.get("alone"), where["alone"], fields("alone")) == schema.ALONE[1],
                          numbering=style if level == schema.SECTION else "",
                          where=_where(where, "heading", "name", "numbering", "layout", "alone", lead="body"))
        parts[-1].sections.append(section)
    return parts


def _where(where: dict, *keys: str, **renamed: str) -> dict:
    """Return the locations of *keys* (and of model keys from other columns, *renamed*), plus the row's level."""
    out = {key: where[key] for key in keys}
    out.update({model: where[column] for model, column in renamed.items()})
    out["level"] = where["level"]
    return out


def _layout(rec, reader) -> str:
    return reader.choice(rec.get("layout"), rec.where["layout"], schema.BODY.field("layout"))


def _unused(rec, reader, *keys: str) -> None:
    """Note values filled in columns that do nothing on this row's level (the checks say so at their cells)."""
    for key in keys:
        value = text(rec.get(key))
        if value:
            reader.ignored.append(IgnoredValue(rec.where[key], schema.BODY.field(key), value))
