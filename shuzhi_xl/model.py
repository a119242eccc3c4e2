"""The report as plain data.

Every record keeps, in ``where``, the location each of its values came from (a cell of a workbook, or a
paragraph of an imported document), so that findings can point at it. ``where`` never takes part in
equality: a report read from a workbook equals the same report imported from a document. A table row's ``where``
(ledger, metrics) is read-only: the reader shares each row's locations between the workbooks it reads.

Without ``from __future__ import annotations``: with the fields' types as objects, not strings, dataclass need not
parse each to tell a ClassVar (0.2 of the 1.6 ms this module takes to import, on every command's path).
"""

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from typing import NamedTuple

from .schema import Field


class Location(NamedTuple):
    """Where a value came from: a sheet and cell, or a paragraph of a document.

    A named tuple rather than a frozen dataclass: a tuple is made several times faster, and the reader shares
    each cell's between the workbooks it reads.
    """

    sheet: str = ""
    cell: str = ""
    paragraph: int | None = None

    def __str__(self) -> str:
        if self.paragraph is not None:
            return f"第{self.paragraph}段"
        return f"{self.sheet}!{self.cell}" if self.cell else self.sheet


class _Record:
    """A record of the model: a class deriving from it is made a mutable dataclass (its __init__, fields(),
    replace()) whose equality and repr are these, by its fields as a dataclass's (``where`` takes no part:
    compare=False), written once rather than generated per class (0.9 of the 2.2 ms this module took to import).
    Deriving is the one way to declare a record, so no record can have other equality than the rest."""

    __hash__ = None  # mutable: like a dataclass with eq, not hashable

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        dataclass(eq=False, repr=False)(cls)

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        return all(getattr(self, f.name) == getattr(other, f.name) for f in fields(self) if f.compare)

    def __repr__(self) -> str:
        shown = ", ".join(f"{f.name}={getattr(self, f.name)!r}" for f in fields(self) if f.repr)
        return f"{type(self).__name__}({shown})"


def _where() -> dict[str, Location]:
    return field(default_factory=dict, compare=False, repr=False)


class Point(_Record):
    """One 一是/1./（1） point: an optional short lead clause (run on, "。" added) and its body, whose further
    lines ("\n") are paragraphs of their own."""

    lead: str = ""
    body: str = ""
    where: Mapping[str, Location] = _where()


class Section(_Record):
    """A sub-section of a part: its heading (without label), lead paragraphs ("\n"-separated) and points.

    A section without a heading is text standing directly under the part heading (or between sub-sections).
    Items of 存在的问题 and 下步工作打算 are sections too: a heading and its paragraphs.
    """

    heading: str = ""
    lead: str = ""
    points: list[Point] = field(default_factory=list)
    #: one of schema.LAYOUTS, or "" to follow the report's default
    layout: str = ""
    #: numbering style of the heading's label (numerals.NUMBERINGS); "" for the default （一）
    numbering: str = ""
    #: numbering style of the points; "" for the default 一是
    point_numbering: str = ""
    #: the heading is a paragraph of its own, printed as written; otherwise it runs on into the first paragraph
    alone: bool = False
    #: the 提纲 item this section stands for (栏目, e.g. 政治学习); "" to match by heading
    name: str = ""
    where: Mapping[str, Location] = _where()


class Part(_Record):
    """A part of the report (一、主要工作情况 …): its title (without label) and its sections in the author's order."""

    heading: str
    sections: list[Section] = field(default_factory=list)
    #: numbering style of the title's label (numerals.NUMBERINGS); "" for the default 一、
    numbering: str = ""
    #: the 提纲 item this part stands for (栏目, e.g. 存在问题); "" to match by heading
    name: str = ""
    where: Mapping[str, Location] = _where()


#: 署名行 holding this prints no author line: the report keeps a source's shape that had none.
NO_AUTHOR = "无"


class Info(_Record):
    """基本信息: who reports, for which year, and how the report is laid out."""

    branch: str = ""
    committee: str = ""
    secretary: str = ""
    year: int | None = None
    title: str = ""
    author: str = ""
    salutation: str = ""
    opening: str = ""
    closing: str = ""
    signature: str = ""
    date: dt.date | None = None
    layout: str = "同段连排"
    bold: str = "序号及引语"
    body_font: str = "仿宋_GB2312"
    where: dict[str, Location] = _where()

    @property
    def display_title(self) -> str:
        """Return the title as printed: the user's, else one derived from the branch and year, else "".

        Derived rather than left out, also for an imported report whose source had none (unlike its author line,
        NO_AUTHOR): a 述职报告 is never handed in untitled, the derived title is the genre's standard one, and it
        follows the branch and year as the user corrects them. A title the user types wins."""
        if self.title or not self.branch:
            return self.title
        year = f"{self.year}年度" if self.year else "年度"
        return f"{self.branch}书记{year}抓基层党建工作述职报告"

    @property
    def hides_author(self) -> bool:
        """Whether the report prints no author line on purpose (NO_AUTHOR: an imported report whose source had
        none): then the value 无 is no text of the report either."""
        return self.author == NO_AUTHOR

    @property
    def display_author(self) -> str:
        """Return the author line as printed: the user's, else branch, 书记 and the secretary's name when there is
        a name, else ""; none when it ``hides_author``."""
        if self.hides_author:
            return ""
        if self.author or not self.secretary:
            return self.author
        return f"{self.branch}书记 {self.secretary}"


class LedgerEntry(_Record):
    """One meeting or activity of the branch's ledger (台账)."""

    date: dt.date | None = None
    kind: str = ""
    topic: str = ""
    participants: int | None = None
    note: str = ""
    where: Mapping[str, Location] = _where()


class Metric(_Record):
    """A named figure the text can cite as {name}; value is a number, or the raw text when not one."""

    name: str = ""
    value: float | str | None = None
    unit: str = ""
    note: str = ""
    where: Mapping[str, Location] = _where()


class IgnoredValue(NamedTuple):
    """A filled value the reader could not use as typed: a year or date it cannot recognise, a choice outside
    its list. The checks report each one at its cell; *used* is what the reader took instead ("" for nothing)."""

    where: Location
    field: Field
    value: str
    used: str = ""


class Report(_Record):
    """Everything one branch's workbook says."""

    info: Info = field(default_factory=Info)
    parts: list[Part] = field(default_factory=list)
    ledger: list[LedgerEntry] = field(default_factory=list)
    metrics: list[Metric] = field(default_factory=list)
    #: the file it was read from, for messages
    source: str = field(default="", compare=False)
    #: values of the workbook the reader had to ignore, for the checks to report
    ignored: list[IgnoredValue] = field(default_factory=list, compare=False, repr=False)
    #: the schema version of the workbook it was read from ("" when it was not read from one)
    version: str = field(default="", compare=False, repr=False)

    @property
    def ignored_cells(self) -> set[Location]:
        """Return where the ignored values are: reported there once, so other checks pass those cells over."""
        return {value.where for value in self.ignored}
