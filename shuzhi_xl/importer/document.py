"""The plain form between reading a document and parsing it: numbered paragraphs in, a report and notes out."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Report


@dataclass(frozen=True)
class SourceParagraph:
    """One paragraph as read from a document.

    *number* counts every paragraph of the document body from 1, empty ones included, so a note's
    "第N段" can be found in the file. *level* is the heading level Word's styles give it (1 a part
    heading, 2 a sub-section heading, 0 none); plain text has none, nor bold.
    """

    text: str
    number: int
    level: int = 0
    #: the bold text the paragraph starts with ("" when it does not start bold): a heading set in bold
    bold_lead: str = ""

    @property
    def bold(self) -> bool:
        """Return True when the whole paragraph is bold."""
        return bool(self.bold_lead.strip()) and self.bold_lead.strip() == self.text.strip()


@dataclass(frozen=True)
class Note:
    """Something the user should know about an import: content not placed, or placed somewhere unusual."""

    message: str
    paragraph: int | None = None

    def __str__(self) -> str:
        return f"第{self.paragraph}段：{self.message}" if self.paragraph is not None else self.message


@dataclass
class ImportResult:
    """The imported report and the notes about it, in document order."""

    report: Report
    notes: list[Note] = field(default_factory=list)

    def counts(self) -> str:
        """Return what was imported as every door tells it: parts, sub-sections with content, points."""
        parts = self.report.parts
        sections = sum(1 for p in parts for s in p.sections if s.heading or s.lead or s.points)
        points = sum(len(s.points) for p in parts for s in p.sections)
        return f"{len(parts)} 个部分，{sections} 个小节，{points} 条要点"


def numbered(texts: list[str]) -> list[SourceParagraph]:
    """Return plain paragraph texts as SourceParagraphs numbered from 1."""
    return [SourceParagraph(text, number) for number, text in enumerate(texts, start=1)]
