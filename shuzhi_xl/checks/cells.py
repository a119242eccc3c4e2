"""The report's texts, each with the cell it came from and what the generator does with it."""

from __future__ import annotations

from typing import NamedTuple

from ..model import Location, Report

#: Where a value with no known cell is: nowhere (one shared instance).
_NOWHERE = Location()


class TextCell(NamedTuple):
    """One filled text value and how the report uses it (a named tuple: a report has about a hundred, made per
    check, and a tuple is made several times faster than a frozen dataclass)."""

    text: str
    where: Location
    #: a paragraph (or a point's body) that should end with a full stop
    paragraph: bool = False
    #: the generator puts 一、 / （一） / 一是 before it, so typed numbering is doubled
    numbered: bool = False


def _adder(out: list[TextCell]):
    """Return a function that appends to *out* a text, if not empty, as the TextCell of *key* in *where*."""
    def add(text: str, where: dict[str, Location], key: str, paragraph: bool = False, numbered: bool = False):
        if text:
            out.append(TextCell(text, where.get(key, _NOWHERE), paragraph, numbered))
    return add


class Texts:
    """A report's texts, gathered once per check and shared by every rule family: tuples, so that no family can
    change what the others read."""

    def __init__(self, report: Report):
        #: the texts printed in the report, in reading order
        self.printed: tuple[TextCell, ...] = tuple(report_cells(report))
        #: those, then the ledger's and the metrics' texts
        self.every: tuple[TextCell, ...] = self.printed + tuple(_table_cells(report))


def _table_cells(report: Report) -> list[TextCell]:
    """Return the non-empty texts of the ledger and the metrics with their locations."""
    out: list[TextCell] = []
    cell = _adder(out)
    for entry in report.ledger:
        cell(entry.topic, entry.where, "topic")
        cell(entry.note, entry.where, "note")
    for metric in report.metrics:
        for key in ("name", "unit", "note"):
            cell(getattr(metric, key), metric.where, key)
        if isinstance(metric.value, str):
            cell(metric.value, metric.where, "value")
    return out


def report_cells(report: Report) -> list[TextCell]:
    """Return the non-empty texts printed in the report, in reading order, with their locations."""
    info, out = report.info, []
    cell = _adder(out)
    for key in ("branch", "committee", "secretary", "title", "author", "salutation"):
        if key == "author" and info.hides_author:
            continue
        cell(getattr(info, key), info.where, key)
    cell(info.opening, info.where, "opening", paragraph=True)
    for part in report.parts:
        cell(part.heading, part.where, "heading", numbered=True)
        for section in part.sections:
            cell(section.heading, section.where, "heading", numbered=True)
            cell(section.lead, section.where, "lead", paragraph=True)
            for point in section.points:
                cell(point.lead, point.where, "lead", numbered=True)
                cell(point.body, point.where, "body", paragraph=True, numbered=not point.lead)
    cell(info.closing, info.where, "closing", paragraph=True)
    cell(info.signature, info.where, "signature")
    return out
