"""The bound volume (汇编): cover, table of contents, then every branch's report from a new odd page.

Typesetting is report.docx's: one document from ``new_document``, each report added by ``append_report``.
Page numbers run on through the volume (no section restarts them); the cover shows none. The table of
contents is a TOC field Word refreshes on opening (``w:updateFields``); its entries are also written out,
with page numbers estimated from the 22 × 28 grid, so the volume reads right before any update.
"""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

from docx.enum.text import WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph as WordParagraph

from ..fileio import write_atomically
from ..model import Report
from ..report import oxml, styles as S
from ..report.docx import append_report, new_document
from ..report.lines import text_width
from ..report.text import report_paragraphs

TOC_INSTRUCTION = ' TOC \\o "1-1" \\h \\z \\u '
TOC_HEADING = "目  录"
COVER_SIZE = 26  # 一号
TEXT_WIDTH = S.PAGE_WIDTH - S.MARGIN_LEFT - S.MARGIN_RIGHT


def volume_title(reports: list[Report]) -> str:
    """Return the cover title, naming the year most reports are for."""
    years = Counter(r.info.year for r in reports if r.info.year)
    year = f"{max(years.items(), key=lambda item: (item[1], item[0]))[0]}年度" if years else ""
    return f"{year}党支部书记抓基层党建工作述职报告汇编"


def build_volume(reports: list[Report]):
    """Return the bound volume of *reports* (in order) as a python-docx Document."""
    document = new_document()
    _cover(document, reports)
    _contents(document, reports)
    for report in reports:
        append_report(document, report, start="odd")
    for section in document.sections[1:]:
        section.different_first_page_header_footer = False  # add_section copies the cover's setting
    oxml.set_update_fields(document.settings.element)
    properties = document.core_properties
    properties.title, properties.author, properties.category = volume_title(reports), "shuzhi_xl", "述职报告汇编"
    properties.revision = 1
    return document


def write_volume(path: Path, reports: list[Report]) -> Path:
    """Write the bound volume of *reports* to *path* atomically; return the path written."""
    document = build_volume(reports)
    return write_atomically(path, lambda tmp: document.save(str(tmp)))


def _paragraph(document, style_id: str | None = None) -> WordParagraph:
    """Return a new paragraph at the end of *document*, in the style *style_id* (one report.styles defines). As in
    report.docx, found and styled in one step: python-docx's add_paragraph searches the body and looks the style up
    among all styles, once for each of the contents' thousand entries."""
    paragraph = oxml.append_paragraph(document.element.body)
    if style_id:
        paragraph.style = style_id
    return WordParagraph(paragraph, document)


def _centered(document, text: str, size: float, style_id: str = "ShuzhiAuthor") -> WordParagraph:
    paragraph = _paragraph(document, style_id)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    return paragraph


def _cover(document, reports: list[Report]) -> None:
    """Write the cover page, which carries no page number."""
    document.sections[0].different_first_page_header_footer = True
    committees = Counter(r.info.committee for r in reports if r.info.committee)
    for _ in range(4):
        _paragraph(document)
    _centered(document, volume_title(reports), COVER_SIZE).runs[0].font.bold = True
    if committees:
        _centered(document, max(committees.items(), key=lambda item: (item[1], item[0]))[0], S.BODY_SIZE + 2)
    _centered(document, f"共收录 {len(reports)} 个党支部的述职报告", S.BODY_SIZE).add_run().add_break(WD_BREAK.PAGE)


def _contents(document, reports: list[Report]) -> None:
    """Write the table of contents: the TOC field whose current result is the entries written out."""
    _centered(document, TOC_HEADING, S.TITLE_SIZE)
    entries = [(r.info.display_title, page) for r, page in zip(reports, _estimated_first_pages(reports))]
    if not entries:
        entries = [("（未收录报告）", None)]
    paragraphs = []
    for title, page in entries:
        paragraph = _paragraph(document, S.BODY.style_id)
        paragraph.paragraph_format.first_line_indent = Twips(0)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT,
                                                          WD_TAB_LEADER.DOTS)
        paragraph.add_run(title if page is None else f"{title}\t{page}")
        paragraphs.append(paragraph)
    oxml.wrap_in_field(paragraphs[0].runs[0], paragraphs[-1].runs[-1], TOC_INSTRUCTION)


def _estimated_pages(report: Report) -> int:
    """Return how many pages *report* fills on the 22 × 28 grid (the title's size counted as two lines)."""
    lines = 0
    for paragraph in report_paragraphs(report):
        width = text_width(paragraph.text) + (2 if paragraph.role in ("opening", "body", "closing") else 0)
        lines += max(1, math.ceil(width / S.CHARS_PER_LINE)) * (2 if paragraph.role == "title" else 1)
        lines += 1 if paragraph.role in ("author", "signature") else 0  # the blank line before them
    return max(1, math.ceil(lines / S.LINES_PER_PAGE))


def _estimated_first_pages(reports: list[Report]) -> list[int]:
    """Return each report's estimated first page: after the cover and contents, each on a new odd page."""
    contents_pages = max(1, math.ceil((len(reports) + 2) / S.LINES_PER_PAGE))
    page, first_pages = 1 + contents_pages + 1, []
    for report in reports:
        page += page % 2 == 0  # odd-page start
        first_pages.append(page)
        page += _estimated_pages(report)
    return first_pages
