"""The 提纲: which parts and sub-sections a report is expected to have, and how a report's own outline meets it.

The report's outline is data in the model (Report.parts); the 提纲 is what a new template starts from and what
the checks and consolidation measure a report against. The default 提纲 (the seed's: 主要工作情况 with 政治学习,
重点任务, 支部活动, 中心工作, then 存在问题 and 下步打算, none required) is written in checks/defaults.toml; a
committee's rules file replaces it with its own, whose items are required unless it says otherwise.
"""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from .model import Part, Report, Section

#: What a part is for, by words of its name or title: the answers check pairs problems with plans, consolidation
#: gathers them into 问题汇总 / 打算汇总, and the rules' [length] keys work / problems / plans apply by it.
ROLE_WORDS = (("problems", ("问题", "不足", "差距", "短板")), ("plans", ("打算", "计划", "思路", "举措", "下步", "下一步")),
              ("work", ("工作情况", "主要工作", "履职", "工作开展")))
_NOISE = re.compile(r"[\s\u3000。，、：；！？,.:;!?“”\"'（）()]")


class Heading(NamedTuple):
    """One item of a 提纲: a part, or a sub-section of a part."""

    name: str
    #: the title a template prints for it ("" for a sub-section: its author writes the heading clause)
    title: str = ""
    #: other names a report may use for it (a heading containing one of them is this item)
    variants: tuple[str, ...] = ()
    required: bool = False
    #: most characters the part may have in print; 0 for no limit
    limit: int = 0
    #: numbering style of its label ("" for the level's default)
    numbering: str = ""
    sections: tuple[Heading, ...] = ()

    @property
    def names(self) -> tuple[str, ...]:
        """Return every name the item is known by, normalised, longest first."""
        return _names(self.name, self.title, self.variants)


class Outline(NamedTuple):
    """A 提纲: its parts in order. *committee* when a committee's rules file prescribes it."""

    parts: tuple[Heading, ...]
    committee: bool = False


@functools.lru_cache(maxsize=256)
def _names(name: str, title: str, variants: tuple[str, ...]) -> tuple[str, ...]:
    """Return Heading.names, worked out once per item rather than at each fits() call (~40 a workbook)."""
    found = {normal(n) for n in (name, title, *variants)} - {""}
    return tuple(sorted(found, key=len, reverse=True))


def normal(text: str) -> str:
    """Return *text* without spaces and punctuation, for comparing names and headings."""
    return _NOISE.sub("", text)


def role(text: str) -> str:
    """Return what a part named or titled *text* is for: "work", "problems", "plans", or "" (anything else)."""
    return next((key for key, words in ROLE_WORDS if any(w in text for w in words)), "")


def part_role(part: Part) -> str:
    """Return the role of *part*, by its 栏目 name when it has one, else by its title."""
    return role(part.name or part.heading)


def fits(item: Heading, name: str, heading: str) -> bool:
    """Return True when a part or section with 栏目 *name* and *heading* stands for *item*: its name is one of the
    item's names, or (without a name) its heading contains one."""
    if name:
        return normal(name) in item.names
    text = normal(heading)
    return bool(text) and any(n in text for n in item.names)


class Matched(NamedTuple):
    """A report part and the 提纲 item it stands for (None: not in the 提纲), with its sections likewise."""

    part: Part
    item: Heading | None
    sections: tuple[tuple[Section, Heading | None], ...]


def match(report: Report, outline: Outline) -> list[Matched]:
    """Pair each part of *report* with the first unused 提纲 part it fits, and each of its sections with the
    first unused sub-section of that item; sections without heading or name are paired with None."""
    free = list(outline.parts)
    out = []
    for part in report.parts:
        item = _take(free, part.name, part.heading)
        children = list(item.sections) if item else []
        sections = tuple((s, _take(children, s.name, s.heading)) for s in part.sections)
        out.append(Matched(part, item, sections))
    return out


def _take(items: list[Heading], name: str, heading: str) -> Heading | None:
    for i, item in enumerate(items):
        if fits(item, name, heading):
            return items.pop(i)
    return None


def section_name(section: Section, item: Heading | None) -> str:
    """Return the name a section is grouped under: its 提纲 item's, its own 栏目, or its heading."""
    return item.name if item else section.name or section.heading
