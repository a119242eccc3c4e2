"""The outline tree onto the model: parts and sections in the author's order, numbering and placement as written.

Level 1 units are parts, level 2 their sections, level 3 the sections' points; deeper units stay in their point's
text as written. Text under a part before its first section is a section without heading. Points numbered inside
a section's paragraphs (一是… 二是…) are split out where the section has no level-3 units. Nothing is matched to
the 提纲 here (Part/Section.name stay ""): checks and consolidation pair headings with the outline in force.
"""

from __future__ import annotations

from ..model import Location, Part, Point, Section
from ..numerals import DEFAULT_NUMBERING, UNNUMBERED
from .document import SourceParagraph
from .points import EACH, first_point_label, section_body
from .tree import Node


def parts_of(roots: list[Node]) -> tuple[list[Part], dict[int, tuple[str, ...]]]:
    """Return the parts of the top-level units, and per section (by id) the layouts its points allow."""
    layouts: dict[int, tuple[str, ...]] = {}
    parts = []
    for node in roots:
        part = Part(node.heading, numbering=_numbering(node, "part"), where={"heading": Location(paragraph=node.number)})
        if node.paragraphs:
            part.sections.append(_text_section(node.paragraphs, node.number))
        for child in node.children:
            section, allowed = _section(child)
            part.sections.append(section)
            layouts[id(section)] = allowed
        parts.append(part)
    return parts, layouts


def _numbering(node: Node, level: str) -> str:
    """Return the numbering style of a unit as the model keeps it: "" for its level's default, 无 unnumbered."""
    style = node.style or UNNUMBERED
    return "" if style == DEFAULT_NUMBERING[level] else style


def _where(number: int) -> dict[str, Location]:
    return {"heading": Location(paragraph=number), "lead": Location(paragraph=number)}


def _text_section(paragraphs: list[SourceParagraph], number: int) -> Section:
    """Return the heading-less section of text standing directly under a part heading, kept as written."""
    return Section(lead="\n".join(p.text for p in paragraphs), where=_where(number))


def _section(node: Node) -> tuple[Section, tuple[str, ...]]:
    """Return a level-2 unit as a section, and the layouts its points allow."""
    section = Section(node.heading, numbering=_numbering(node, "section"), alone=node.alone, where=_where(node.number))
    if node.children:
        section.lead = "\n".join(p.text for p in node.paragraphs)
        section.points = [_point(child) for child in node.children]
        section.point_numbering = _numbering(node.children[0], "point")
        return section, (EACH,)
    # section_body reads the heading's own paragraph first: empty when the heading stood alone.
    paragraphs = ([SourceParagraph("", node.number)] if node.alone else []) + node.paragraphs
    section.lead, section.points, allowed = section_body(paragraphs)
    if section.points:
        label = first_point_label("\n".join(p.text for p in node.paragraphs))
        section.point_numbering = "" if label == DEFAULT_NUMBERING["point"] else label
    return section, allowed


def _point(node: Node) -> Point:
    """Return a level-3 unit as a point: a run-in heading is its lead; a heading alone goes first in the body."""
    lines = [p.text for p in node.paragraphs] + [line for child in node.children for line in child.lines()]
    where = {"lead": Location(paragraph=node.number), "body": Location(paragraph=node.number)}
    if node.alone:
        return Point("", "\n".join([node.heading, *lines]), where=where)
    return Point(node.heading, "\n".join(lines), where=where)
