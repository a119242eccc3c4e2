"""The report as an ordered list of paragraphs with roles: pure text, no layout.

The .docx writer lays these out; the seed comparison and the import round trip test this middle form.
Numbering is generated here and only here, in each heading's style (一、 （一） 一是 1. …), by position among the
numbered headings of its level. What is empty prints nothing: no empty heading, no title or author line made up.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from .. import schema
from ..model import Metric, Point, Report, Section
from ..numerals import CIRCLED, DEFAULT_NUMBERING, UNNUMBERED, label_patterns, ordinal_label
from ..patterns import compiled, first_chars

CLAUSE_END = "。！？：；…"
_NUMERAL = "[一二三四五六七八九十][零一二三四五六七八九十百千]*"
_LABELS = "|".join(pattern for _, pattern in label_patterns(_NUMERAL, "[0-9０-９]+", f"[{CIRCLED}]"))
#: What a typed label starts with (after spaces). Most texts start otherwise, and then the pattern is not needed:
#: its ten classes of CJK numerals cost ~1 ms a process to compile.
_LABEL_STARTS = frozenset(first_chars(_LABELS))
#: A label typed by hand and the spaces and marks after it (typed_label).
_TYPED_LABEL = rf"^\s*(?:{_LABELS})[，、：:\s]*"
#: A metric cited in the text as {名称}.
CITATION = re.compile(r"\{([^{}]+)\}")


class Run(NamedTuple):
    """A stretch of text with one role inside a paragraph: heading, ordinal, lead or text."""

    text: str
    kind: str = "text"


class Paragraph(NamedTuple):
    """One paragraph of the report: its role (title, author, salutation, opening, part, body, closing,
    signature, date) and its runs."""

    role: str
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def typed_label(text: str) -> str:
    """Return the label the user typed by hand at the start of *text* (一是, （一）, 一、, 1. …, with the spaces
    and marks after it), which the generator adds, or "". Most texts start with no character a label can start
    with, and the pattern is then not compiled (see _LABEL_STARTS)."""
    if text.lstrip()[:1] not in _LABEL_STARTS:
        return ""
    typed = compiled(_TYPED_LABEL).match(text)
    return typed.group(0) if typed else ""


def strip_numbering(text: str) -> str:
    """Return *text* without a label the user typed by hand (see ``typed_label``)."""
    return text[len(typed_label(text)):]


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


def lines(text: str) -> list[str]:
    """Return the paragraphs of a multi-line value: its non-empty lines, stripped."""
    return [line.strip() for line in text.split("\n") if line.strip()]


class _Flow:
    """Paragraphs being built: runs go into the open paragraph, ``end`` closes it. Never an empty paragraph."""

    def __init__(self) -> None:
        self.paragraphs: list[Paragraph] = []
        self.open: list[Run] | None = None

    def add(self, runs: list[Run]) -> None:
        if self.open is None:
            self.open = []
            self.paragraphs.append(Paragraph("body", self.open))
        self.open.extend(runs)

    def end(self) -> None:
        self.open = None


def _point(flow: _Flow, label: str, point: Point) -> None:
    """Add a point to the open paragraph: its label, lead clause and first line; further lines as paragraphs."""
    lead = strip_numbering(point.lead)
    body = lines(point.body if lead else strip_numbering(point.body))
    runs = [Run(label, "ordinal")] if label else []
    if lead:
        runs.append(Run(clause(lead), "lead"))
    if body:
        runs.append(Run(body[0]))
    flow.add(runs)
    for line in body[1:]:
        flow.end()
        flow.add([Run(line)])


def section_paragraphs(section: Section, label: str, default_layout: str) -> list[Paragraph]:
    """Return the paragraphs of one sub-section: its heading (*label* before it) alone or running on into its
    first lead paragraph, its lead paragraphs, then its points as its layout says."""
    flow = _Flow()
    heading = strip_numbering(section.heading)
    if heading and section.alone:
        flow.add([Run(label + heading, "heading")])
        flow.end()
    elif heading:
        flow.add([Run(label + clause(heading), "heading")])
    for k, line in enumerate(lines(section.lead)):
        if k:
            flow.end()
        flow.add([Run(line)])
    layout = section.layout or default_layout
    if layout != schema.LAYOUTS[0]:
        flow.end()
    style = section.point_numbering or DEFAULT_NUMBERING["point"]
    for n, point in enumerate(section.points, start=1):
        if layout == schema.LAYOUTS[2]:
            flow.end()
        _point(flow, ordinal_label(style, n), point)
    return flow.paragraphs


def has_content(section: Section) -> bool:
    """Return True when *section* prints anything: a heading, a lead or a point."""
    return bool(section.heading or lines(section.lead) or section.points)


class Numbers:
    """Numbers the headings of one level in order; an unnumbered heading takes no number."""

    def __init__(self, level: str):
        self.default, self.n = DEFAULT_NUMBERING[level], 0

    def label(self, style: str) -> str:
        style = style or self.default
        if style == UNNUMBERED:
            return ""
        self.n += 1
        return ordinal_label(style, self.n)


def report_paragraphs(report: Report) -> list[Paragraph]:
    """Return the whole report as paragraphs, metrics filled in, in reading order: exactly what is filled."""
    info = report.info
    out = [Paragraph(role, [Run(line)]) for role, text in
           (("title", info.display_title), ("author", info.display_author), ("salutation", info.salutation))
           for line in lines(text)]
    out += [Paragraph("opening", [Run(line)]) for line in lines(info.opening)]
    parts = Numbers("part")
    for part in report.parts:
        heading = strip_numbering(part.heading)
        if heading:
            out.append(Paragraph("part", [Run(parts.label(part.numbering) + heading, "heading")]))
        sections = Numbers("section")
        for section in filter(has_content, part.sections):
            label = sections.label(section.numbering) if section.heading else ""
            out += section_paragraphs(section, label, info.layout)
    out += [Paragraph(role, [Run(line)]) for role, text in (("closing", info.closing), ("signature", info.signature))
            for line in lines(text)]
    if info.date:
        out.append(Paragraph("date", [Run(f"{info.date.year}年{info.date.month}月{info.date.day}日")]))
    metrics = {m.name: m for m in report.metrics}
    for n, (role, runs) in enumerate(out):
        # a run citing no metric stays as it is (most do; a run is made per call to fill_metrics otherwise)
        if any("{" in run.text for run in runs):
            out[n] = Paragraph(role, [Run(fill_metrics(run.text, metrics), run.kind) if "{" in run.text else run
                                      for run in runs])
    return out
