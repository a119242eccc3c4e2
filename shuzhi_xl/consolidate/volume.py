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
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt, Twips

from ..fileio import write_atomically
from ..model import Report
from ..report import styles as S
from ..report.docx import append_report, new_document
from ..report.lines import text_width
from ..report.text import report_paragraphs

TOC_INSTRUCTION = ' TOC \\o "1-1" \\h \\z \\u '
TOC_HEADING = "目  录"
COVER_SIZE = 26  # 一号
TEXT_WIDTH = S.PAGE_WIDTH - S.MARGIN_LEFT - S.MARGIN_RIGHT
#: CT_Settings children that must follow w:updateFields (ECMA-376 Part 1, 17.15.1.78 sequence).
_AFTER_UPDATE_FIELDS = ("hdrShapeDefaults", "footnotePr", "endnotePr", "compat", "docVars", "rsids", "mathPr",
                        "attachedSchema", "themeFontLang", "clrSchemeMapping", "doNotIncludeSubdocsInStats",
                        "doNotAutoCompressPictures", "forceUpgrade", "captions", "readModeInkLockDown",
                        "smartTagType", "schemaLibrary", "shapeDefaults", "doNotEmbedSmartTags",
                        "decimalSymbol", "listSeparator")


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
    _update_fields_on_open(document)
    properties = document.core_properties
    properties.title, properties.author, properties.category = volume_title(reports), "shuzhi_xl", "述职报告汇编"
    properties.revision = 1
    return document


def write_volume(path: Path, reports: list[Report]) -> Path:
    """Write the bound volume of *reports* to *path* atomically; return the path written."""
    document = build_volume(reports)
    return write_atomically(path, lambda tmp: document.save(str(tmp)))


def _centered(document, text: str, size: float, style: str = "ShuzhiAuthor"):
    paragraph = document.add_paragraph(style=document.styles[S.STYLE_NAMES[style]])
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    return paragraph


def _cover(document, reports: list[Report]) -> None:
    """Write the cover page, which carries no page number."""
    document.sections[0].different_first_page_header_footer = True
    committees = Counter(r.info.committee for r in reports if r.info.committee)
    for _ in range(4):
        document.add_paragraph()
    _centered(document, volume_title(reports), COVER_SIZE).runs[0].font.bold = True
    if committees:
        _centered(document, max(committees.items(), key=lambda item: (item[1], item[0]))[0], S.BODY_SIZE + 2)
    _centered(document, f"共收录 {len(reports)} 个党支部的述职报告", S.BODY_SIZE)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)


def _contents(document, reports: list[Report]) -> None:
    """Write the table of contents: the TOC field whose current result is the entries written out."""
    _centered(document, TOC_HEADING, S.TITLE_SIZE)
    entries = [(r.info.display_title, page) for r, page in zip(reports, _estimated_first_pages(reports))]
    if not entries:
        entries = [("（未收录报告）", None)]
    paragraphs = []
    for title, page in entries:
        paragraph = document.add_paragraph(style=document.styles[S.STYLE_NAMES[S.BODY.style_id]])
        paragraph.paragraph_format.first_line_indent = Twips(0)
        paragraph.paragraph_format.tab_stops.add_tab_stop(Twips(TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT,
                                                          WD_TAB_LEADER.DOTS)
        paragraph.add_run(title if page is None else f"{title}\t{page}")
        paragraphs.append(paragraph)
    first, last = paragraphs[0]._p, paragraphs[-1]._p
    start = first.find(qn("w:r"))
    for element in (_field_char("begin"), _instruction(TOC_INSTRUCTION), _field_char("separate")):
        start.addprevious(element)
    last.append(_field_char("end"))


def _field_char(kind: str):
    run = OxmlElement("w:r")
    char = OxmlElement("w:fldChar")
    char.set(qn("w:fldCharType"), kind)
    run.append(char)
    return run


def _instruction(text: str):
    run = OxmlElement("w:r")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = text
    run.append(instr)
    return run


def _update_fields_on_open(document) -> None:
    """Set w:updateFields so Word refreshes the TOC (and page references) when the volume is opened."""
    settings = document.settings.element
    element = settings.find(qn("w:updateFields"))
    if element is None:
        element = OxmlElement("w:updateFields")
        later = {qn(f"w:{name}") for name in _AFTER_UPDATE_FIELDS}
        successor = next((child for child in settings if child.tag in later), None)
        if successor is None:
            settings.append(element)
        else:
            successor.addprevious(element)
    element.set(qn("w:val"), "true")


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
