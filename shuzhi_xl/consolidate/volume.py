"""The bound volume (汇编): cover, table of contents, then every branch's report from a new odd page.

Built in two halves so that the reports are laid out in parallel (issue 17): ``report_part`` runs in the worker
that read the workbook and returns the report's paragraphs as WordprocessingML with its page count
(report.layout); ``VolumeWriter`` in the parent spills the parts to disk as they arrive, then writes the cover and
the contents with true page numbers and joins the parts' XML into document.xml without parsing it. The volume is
the same, byte for byte, however many workers made the parts.

Typesetting is the single report's (report.docx's styles, report.styled's paragraphs). Page numbers run on through the volume; the cover shows none. The contents is a TOC
field Word refreshes on opening (``w:updateFields``); its entries are written out with the computed pages, so
LibreOffice and WPS, which do not refresh it, show the right ones.
"""

from __future__ import annotations

import functools
import io
import itertools
import tempfile
import threading
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.shared import Pt, Twips
from docx.text.paragraph import Paragraph as WordParagraph
from lxml import etree

from ..fileio import write_atomically
from ..model import Report
from ..opc import fast_zlib
from ..report import layout, oxml, package, styles as S
from ..report.docx import new_document
from ..report.styled import StyledRun, field_xml, report_xml, run_xml
from ..report.text import Paragraph
from . import contents
from .spill import Records, Selection

TOC_INSTRUCTION = ' TOC \\o "1-1" \\h \\z \\u '
TOC_HEADING = "目  录"
#: Word's own name for the style of first-level contents entries: a refreshed TOC field keeps using it.
TOC_STYLE = ("TOC1", "toc 1")
COVER_SIZE = 26  # 一号
_W_DECLARATION = b' xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
#: Where the contents' entries go in the skeleton's document.xml.
_CONTENTS = b"<!--shuzhi-contents-->"


@dataclass(frozen=True)
class VolumePart:
    """One report as the volume takes it: title, pages it fills, its paragraphs' XML (w:p elements), and its entry's
    lines in the contents (contents.entry_lines: worked out where the report is laid out, not in the parent)."""

    title: str
    pages: int
    xml: bytes
    lines: tuple[str, ...]


def report_part(report: Report, paragraphs: Sequence[Paragraph]) -> VolumePart:
    """Return *report*, its *paragraphs* (report.text.report_paragraphs, built once for the checks as well) laid
    out once, as the part of the volume that is its own."""
    laid, xml = report_xml(paragraphs)
    title = report.info.display_title
    return VolumePart(title, layout.page_count(laid), xml, tuple(contents.entry_lines(title)))


class Stopped(Exception):
    """The volume was given up before it was written."""


class _Entry(NamedTuple):  # a tuple: a volume's thousands of them are unpickled several times
    lines: tuple[str, ...]
    pages: int
    length: int
    year: int | None
    committee: str


class VolumeWriter:
    """Collect the parts as they arrive (their XML spilled to a temporary file, what the contents and the cover need
    of each to another: memory stays flat), then write the volume of all of them, or all but some, in that order."""

    def __init__(self) -> None:
        self._spill = tempfile.TemporaryFile(prefix="shuzhi-volume-")
        self._entries: Records[_Entry] = Records()

    def __enter__(self) -> VolumeWriter:
        return self

    def __exit__(self, *_exc) -> None:
        self.close()

    def close(self) -> None:
        self._spill.close()
        self._entries.close()

    def add(self, part: VolumePart, *, year: int | None = None, committee: str = "") -> None:
        """Keep *part*, the next report, for the volume."""
        self._spill.write(part.xml)
        self._entries.append(_Entry(part.lines, part.pages, len(part.xml), year, committee))

    def write(self, path: Path, skip: Collection[int] = (), stop: threading.Event | None = None) -> Path:
        """Write the volume of the reports added, in their order, but those numbered (from 0) in *skip*, to *path*
        atomically; return the path. Once *stop* is set, raise Stopped (between two reports) instead."""
        entries = Selection(self._entries, skip)
        skeleton = io.BytesIO()
        _skeleton(entries).save(skeleton)
        # Thousands of reports deflated by the parent: as the summary's rows are (ISA-L's level 1, 0.05 ms a report
        # less than zlib's default level, for about twice the bytes: ~1.1 KB a report)
        return write_atomically(path, lambda tmp: package.fill(
            skeleton, tmp, {_CONTENTS: _entries_xml(entries), package.MARKER: self._parts(skip, len(entries), stop)},
            level=1, codec=fast_zlib()))

    def _parts(self, skip: Collection[int], count: int, stop: threading.Event | None) -> Iterator[bytes]:
        """Yield the reports' XML from the spill file, each report but the last ending its section (the next report
        starts on an odd page)."""
        section_end = _report_section_end()
        self._spill.seek(0)
        taken = 0
        for n, entry in enumerate(self._entries):
            if stop is not None and stop.is_set():
                raise Stopped
            if n in skip:
                self._spill.seek(entry.length, io.SEEK_CUR)
                continue
            xml = self._spill.read(entry.length)
            taken += 1
            if taken < count:  # the section break goes in the report's last paragraph
                at = xml.rindex(b"</w:pPr>")
                xml = xml[:at] + section_end + xml[at:]
            yield xml


def volume_title(entries) -> str:
    """Return the cover title, naming the year most reports are for."""
    years = Counter(e.year for e in entries if e.year)
    year = f"{max(years.items(), key=lambda item: (item[1], item[0]))[0]}年度" if years else ""
    return f"{year}党支部书记抓基层党建工作述职报告汇编"


def _skeleton(entries: Selection[_Entry]):
    """Return the volume without its reports: cover, contents, a marker where the reports go, and the final
    section (a report's: from an odd page, its page numbers running on)."""
    document = new_document()
    _cover(document, entries)
    last = _contents(document)
    body = document.element.body
    if entries:
        final = body[-1]
        last.set_sectPr(final.clone())  # the cover and contents end their section here
        _make_report_section(final)
        body[-1].addprevious(etree.Comment(package.MARKER_TEXT))
    oxml.set_update_fields(document.settings.element)
    properties = document.core_properties
    properties.title, properties.author, properties.category = volume_title(entries), "shuzhi_xl", "述职报告汇编"
    properties.revision = 1
    return document


def _make_report_section(sect_pr) -> None:
    """Turn a copy of the first section's properties into a report's: starts on an odd page, inherits the page
    number footers, no separate first page."""
    for child in sect_pr.xpath("w:headerReference|w:footerReference|w:titlePg"):
        sect_pr.remove(child)
    sect_pr.start_type = WD_SECTION.ODD_PAGE


@functools.cache
def _report_section_end() -> bytes:
    sect_pr = new_document().element.body[-1]
    _make_report_section(sect_pr)
    return etree.tostring(sect_pr, encoding="utf-8").replace(_W_DECLARATION, b"")


def _paragraph(document, style_id: str | None = None) -> WordParagraph:
    """Return a new paragraph at the end of *document*, in the style *style_id*."""
    paragraph = oxml.append_paragraph(document.element.body)
    if style_id:
        paragraph.style = style_id
    return WordParagraph(paragraph, document)


def _centered(document, text: str, size: float, style_id: str = "ShuzhiAuthor") -> WordParagraph:
    paragraph = _paragraph(document, style_id)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    return paragraph


def _cover(document, entries: Selection[_Entry]) -> None:
    """Write the cover page, which carries no page number."""
    document.sections[0].different_first_page_header_footer = True
    committees = Counter(e.committee for e in entries if e.committee)
    for _ in range(4):
        _paragraph(document)
    _centered(document, volume_title(entries), COVER_SIZE).runs[0].font.bold = True
    if committees:
        _centered(document, max(committees.items(), key=lambda item: (item[1], item[0]))[0], S.BODY_SIZE + 2)
    _centered(document, f"共收录 {len(entries)} 个党支部的述职报告", S.BODY_SIZE).add_run().add_break(WD_BREAK.PAGE)


def _toc_style(document) -> None:
    """Add the style of the contents entries (Word's 'toc 1'): hanging indent, room on the right, a dotted
    right tab at the margin for the page number."""
    style = document.styles.add_style(TOC_STYLE[1], WD_STYLE_TYPE.PARAGRAPH)
    style.style_id, style.base_style = TOC_STYLE[0], document.styles[S.BODY.name]
    fmt = style.paragraph_format
    fmt.alignment = WD_ALIGN_PARAGRAPH.LEFT  # justified, a line ending in a manual break would be spread out
    fmt.left_indent, fmt.first_line_indent = Twips(contents.HANGING), Twips(-contents.HANGING)
    fmt.right_indent = Twips(contents.RIGHT_ROOM)
    fmt.tab_stops.add_tab_stop(Twips(layout.TEXT_WIDTH), WD_TAB_ALIGNMENT.RIGHT, WD_TAB_LEADER.DOTS)


def _contents(document):
    """Write the table of contents' heading and style and mark where its entries go (``_entries_xml``); return
    the empty paragraph after them (w:p), where the front matter's section ends."""
    heading = _centered(document, TOC_HEADING, S.TITLE_SIZE)
    heading.paragraph_format.space_before = Twips(0)
    heading.paragraph_format.space_after = Twips(S.LINE_PITCH)
    _toc_style(document)
    document.element.body[-1].addprevious(etree.Comment(_CONTENTS[4:-3].decode()))
    # The section ends in a paragraph of its own: ended inside the field, LibreOffice prints no page number there.
    return _paragraph(document)._p


def _entries_xml(entries: Selection[_Entry]) -> Iterator[bytes]:
    """Yield the contents' entries as w:p elements written out as text (a volume has thousands): the TOC field
    whose current result they are, each entry's lines (contents.entry_lines) and its first page after a tab."""
    lines = sum(len(e.lines) for e in entries)
    first, second = itertools.tee(entries)  # one reading of the entries, in step
    pages = contents.first_pages(lines, (e.pages for e in first))
    rows = zip((e.lines for e in second), pages) if len(entries) else [(("（未收录报告）",), None)]
    last = max(len(entries), 1) - 1
    for n, (lines, page) in enumerate(rows):
        runs = [StyledRun(line, line_break=k < len(lines) - 1) for k, line in enumerate(lines)]
        xml = [_FIELD[0] if n == 0 else "", *map(run_xml, runs),
               f"<w:r><w:tab/><w:t>{page}</w:t></w:r>" if page is not None else "", _FIELD[1] if n == last else ""]
        yield f'<w:p><w:pPr><w:pStyle w:val="{TOC_STYLE[0]}"/></w:pPr>{"".join(xml)}</w:p>'.encode()


#: What opens the TOC field, before the first entry's first run, and what closes it after the last entry's page.
_FIELD = field_xml(TOC_INSTRUCTION)
