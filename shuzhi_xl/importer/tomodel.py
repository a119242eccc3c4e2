"""The outline tree onto the model: parts and sections in the author's order, numbering and placement as written.

Level 1 units are parts, level 2 their sections, level 3 the sections' points; deeper units stay in their point's
text as written. Text under a part before its first section is a section without heading. Points numbered inside
a section's paragraphs (一是… 二是…) are split out where the section has no level-3 units. A part or section whose
heading is one of the default 提纲's items (by outline.match: its name or a variant in the heading) takes that
item's name (栏目); nothing else is matched, moved or added.
"""

from __future__ import annotations

from ..model import Location, Part, Point, Report, Section
from ..numerals import DEFAULT_NUMBERING, UNNUMBERED
from .document import SourceParagraph
from .points import EACH, first_point_label, section_body
from .tree import Node


def parts_of(roots: list[Node]) -> tuple[list[Part], dict[int, tuple[str, ...]]]:
    """Return the parts of the top-level units, and per section (by id) the layouts its points allow."""
    layouts: dict[int, tuple[str, ...]] = {}
    parts = []
    for node in roots:
        heading, numbering = _labelled(node, "part")
        part = Part(heading, numbering=numbering, where={"heading": Location(paragraph=node.number)})
        if node.paragraphs:
            section, allowed = _text_section(node.paragraphs, node.number)
            part.sections.append(section)
            layouts[id(section)] = allowed
        for child in node.children:
            section, allowed = _section(child)
            part.sections.append(section)
            layouts[id(section)] = allowed
        parts.append(part)
    return parts, layouts


def name_default_items(parts: list[Part]) -> None:
    """Give the parts and sections that are items of the default 提纲 that item's name (栏目)."""
    from ..checks.rules import load_rules  # the default 提纲 is data in checks/defaults.toml
    from ..outline import match

    for matched in match(Report(parts=parts), load_rules().outline):
        matched.part.name = matched.item.name if matched.item else ""
        for section, item in matched.sections:
            section.name = item.name if item else ""


def _labelled(node: Node, level: str) -> tuple[str, str]:
    """Return a unit's heading and numbering style as the model keeps them: "" for its level's default style,
    无 for none. A label the workbook cannot renumber (第一部分) stays in the heading's text, unnumbered."""
    style = node.style
    if style is None:
        return f"{node.label.written} {node.heading}", UNNUMBERED
    style = style or UNNUMBERED
    return node.heading, "" if style == DEFAULT_NUMBERING[level] else style


def _where(number: int) -> dict[str, Location]:
    return {"heading": Location(paragraph=number), "lead": Location(paragraph=number)}


def _text_section(paragraphs: list[SourceParagraph], number: int) -> tuple[Section, tuple[str, ...]]:
    """Return the heading-less section of text standing directly under a part heading (its points split out as
    in any section), and the layouts its points allow."""
    section = Section(where=_where(number))
    section.lead, section.points, allowed = section_body(paragraphs)
    _number_points(section, paragraphs)
    return section, allowed


def _section(node: Node) -> tuple[Section, tuple[str, ...]]:
    """Return a level-2 unit as a section, and the layouts its points allow."""
    heading, numbering = _labelled(node, "section")
    section = Section(heading, numbering=numbering, alone=node.alone, where=_where(node.number))
    if node.children:
        section.lead = "\n".join(p.text for p in node.paragraphs)
        section.points = [_point(child) for child in node.children]
        section.point_numbering = _labelled(node.children[0], "point")[1]
        return section, (EACH,)
    # section_body reads the heading's own paragraph first: empty when the heading stood alone.
    paragraphs = ([SourceParagraph("", node.number)] if node.alone else []) + node.paragraphs
    section.lead, section.points, allowed = section_body(paragraphs)
    _number_points(section, node.paragraphs)
    return section, allowed


def _number_points(section: Section, paragraphs: list[SourceParagraph]) -> None:
    """Keep the label style of the points read from *paragraphs* ("" for the default 一是)."""
    if section.points:
        label = first_point_label("\n".join(p.text for p in paragraphs))
        section.point_numbering = "" if label == DEFAULT_NUMBERING["point"] else label


def _point(node: Node) -> Point:
    """Return a level-3 unit as a point: a run-in heading is its lead; a heading alone goes first in the body."""
    lines = [p.text for p in node.paragraphs] + [line for child in node.children for line in child.lines()]
    where = {"lead": Location(paragraph=node.number), "body": Location(paragraph=node.number)}
    heading = _labelled(node, "point")[0]
    if node.alone:
        return Point("", "\n".join([heading, *lines]), where=where)
    # A lead keeps a mark other than 。, which the report adds again (as for points read from a paragraph).
    return Point(heading.removesuffix("。"), "\n".join(lines), where=where)
