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


def body_parts(records, reader) -> list[Part]:
    """Return the parts the records of 报告正文 describe; *reader* notes values it cannot use."""
    parts: list[Part] = []
    section: Section | None = None
    for values, where in records:
        level = reader.choice(values["level"], where["level"], _FIELDS["level"])
        raw_numbering = values["numbering"]
        style, canonical = _styles(raw_numbering)
        if style is None:
            reader.ignored.append(IgnoredValue(where["numbering"], _FIELDS["numbering"], raw_numbering))
            style = canonical = ""
        level = level or _LEVEL_OF_STYLE.get(canonical, schema.POINT if style else schema.TEXT)
        if style == DEFAULT_NUMBERING.get(_LEVEL_KEYS.get(level, ""), None):
            style = ""  # the level's default is no choice of the author's: a model says so with ""
        heading, body, name = values["heading"], values["body"], values["name"]
        if level == schema.PART:
            parts.append(Part(heading, numbering=style, name=name, where=_where(where, "heading", "name", "numbering")))
            section = None
            if body:
                section = Section(lead=body, layout=_layout(values, where, reader), where=_where(where, lead="body"))
                parts[-1].sections.append(section)
            _unused(values, where, reader, "alone")
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
            _unused(values, where, reader, "alone", "layout")
            continue
        alone = reader.choice(values["alone"], where["alone"], _FIELDS["alone"]) == schema.ALONE[1]
        section = Section(heading, body, layout=_layout(values, where, reader), name=name, alone=alone,
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


def _layout(values: dict, where: dict, reader) -> str:
    return reader.choice(values["layout"], where["layout"], _FIELDS["layout"])


def _unused(values: dict, where: dict, reader, *keys: str) -> None:
    """Note values filled in columns that do nothing on this row's level (the checks say so at their cells)."""
    for key in keys:
        value = values[key]
        if value:
            reader.ignored.append(IgnoredValue(where[key], _FIELDS[key], value))
