"""The report as an ordered list of paragraphs with roles: pure text, no layout.

The .docx writer lays these out; the seed comparison and the import round trip test this middle form.
Numbering (一、 （一） 一是) is generated here and only here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .. import schema
from ..model import Metric, Point, Report, Section
from ..numerals import chinese_numeral  # noqa: F401 - re-exported: callers import it from here

CLAUSE_END = "。！？：；…"
_NUMERAL = "[一二三四五六七八九十][零一二三四五六七八九十百千]*"
_TYPED_ORDINAL = re.compile(rf"^\s*(?:{_NUMERAL}是|[（(]{_NUMERAL}[)）]|{_NUMERAL}、)[，、：:\s]*")
#: A metric cited in the text as {名称}.
CITATION = re.compile(r"\{([^{}]+)\}")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one role inside a paragraph: heading, ordinal, lead or text."""

    text: str
    kind: str = "text"


@dataclass
class Paragraph:
    """One paragraph of the report: its role (title, author, salutation, opening, part, body, closing,
    signature, date) and its runs."""

    role: str
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def strip_numbering(text: str) -> str:
    """Return *text* without numbering the user typed by hand (一是, （一）, 一、), which the generator adds."""
    return _TYPED_ORDINAL.sub("", text, count=1)


def clause(text: str) -> str:
    """Return a heading or lead clause ending in a full stop, unless it already ends in a closing mark."""
    text = text.strip()
    return text if not text or text[-1] in CLAUSE_END else text + "。"


def format_number(value: float) -> str:
    """Return a number as written in the text: integers bare, others with at most two decimals."""
    if float(value).is_integer():
        return str(int(value))
    return f"{value:.2f}".rstrip("0").rstrip(".")


def fill_metrics(text: str, metrics: dict[str, Metric]) -> str:
    """Replace each {name} in *text* with the metric's value; mark a missing one visibly as 【缺：name】."""
    def value(match: re.Match) -> str:
        metric = metrics.get(match.group(1).strip())
        if metric is None or metric.value is None:
            return f"【缺：{match.group(1).strip()}】"
        return format_number(metric.value) if isinstance(metric.value, float) else str(metric.value)
    return CITATION.sub(value, text)


def point_runs(index: int, point: Point) -> list[Run]:
    """Return the runs of the *index*-th point (1-based): 一是, its lead clause, its body."""
    runs = [Run(f"{chinese_numeral(index)}是", "ordinal")]
    lead, body = strip_numbering(point.lead), point.body if point.lead else strip_numbering(point.body)
    if lead:
        runs.append(Run(clause(lead), "lead"))
    if body:
        runs.append(Run(body))
    return runs


def section_paragraphs(section: Section, number: int | None, default_layout: str) -> list[Paragraph]:
    """Return the paragraphs of one sub-section: heading and lead, then its points as its layout says."""
    head: list[Run] = []
    if section.heading:
        label = f"（{chinese_numeral(number)}）" if number else ""
        head.append(Run(label + clause(strip_numbering(section.heading)), "heading"))
    if section.lead:
        head.append(Run(section.lead))
    points = [point_runs(i, p) for i, p in enumerate(section.points, start=1)]
    layout = section.layout or default_layout
    if layout == schema.LAYOUTS[0] or not head:
        return [Paragraph("body", head + [run for p in points for run in p])]
    if layout == schema.LAYOUTS[1]:
        return [Paragraph("body", head)] + ([Paragraph("body", [r for p in points for r in p])] if points else [])
    return [Paragraph("body", head)] + [Paragraph("body", p) for p in points]


def _has_content(section: Section) -> bool:
    return bool(section.heading or section.lead or section.points)


def report_paragraphs(report: Report) -> list[Paragraph]:
    """Return the whole report as paragraphs, metrics filled in, in reading order."""
    info = report.info
    out = [Paragraph("title", [Run(info.display_title)]), Paragraph("author", [Run(info.display_author)])]
    if info.salutation:
        out.append(Paragraph("salutation", [Run(info.salutation)]))
    out += [Paragraph("opening", [Run(line)]) for line in info.opening.split("\n") if line.strip()]
    for n, part in enumerate(report.parts, start=1):
        out.append(Paragraph("part", [Run(f"{chinese_numeral(n)}、{strip_numbering(part.heading)}", "heading")]))
        numbered = 0
        for section in filter(_has_content, part.sections):
            numbered += bool(section.heading)
            out += section_paragraphs(section, numbered if section.heading else None, info.layout)
    if info.closing:
        out.append(Paragraph("closing", [Run(info.closing)]))
    if info.signature:
        out.append(Paragraph("signature", [Run(info.signature)]))
    if info.date:
        out.append(Paragraph("date", [Run(f"{info.date.year}年{info.date.month}月{info.date.day}日")]))
    metrics = {m.name: m for m in report.metrics}
    for paragraph in out:
        paragraph.runs = [Run(fill_metrics(run.text, metrics), run.kind) for run in paragraph.runs]
    return out
