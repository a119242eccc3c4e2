"""The report built element by element with python-docx's API: the reference the project's text writers
(report.styled for the paragraphs, report.package for the package and its properties) are held to byte for byte.

It takes the same styled paragraphs (report.styled.styled_report: what to write) and builds them as python-docx
builds any document: add_paragraph, add_run, paragraph_format, core_properties; then python-docx serialises.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

from docx.document import Document
from docx.shared import Twips

from shuzhi_xl import schema
from shuzhi_xl.report import oxml
from shuzhi_xl.report.docx import new_document
from shuzhi_xl.report.package import properties
from shuzhi_xl.report.styled import StyledParagraph, styled_report
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.samples import sample_report

#: core.xml element → python-docx's core_properties attribute.
CORE_ATTRIBUTES = {"dc:title": "title", "dc:subject": "subject", "dc:creator": "author", "cp:keywords": "keywords",
                   "dc:description": "comments", "cp:lastModifiedBy": "last_modified_by", "cp:revision": "revision"}


def add_paragraph(document: Document, paragraph: StyledParagraph) -> None:
    """Add *paragraph* at the end of *document* through python-docx's API."""
    out = document.add_paragraph()
    out._p.style = paragraph.style  # by id: python-docx's ``style =`` looks styles up by name
    for item in paragraph.runs:
        run = out.add_run(item.text)
        if item.style:
            run._r.style = item.style
        oxml.set_hint(run._r.get_or_add_rPr())
        if item.scale is not None:
            oxml.set_char_scale(run._r.get_or_add_rPr(), item.scale)
        if item.line_break:
            run.add_break()
    fmt = out.paragraph_format
    if paragraph.space_before is not None:
        fmt.space_before = Twips(paragraph.space_before)
    if paragraph.left_indent is not None:
        fmt.left_indent = Twips(paragraph.left_indent)
    if paragraph.keep_with_next:
        fmt.keep_with_next = True


def python_docx_report(report, when: dt.datetime) -> Document:
    """Return *report* as python-docx builds it, created and modified at *when* (UTC, whole seconds)."""
    info = report.info
    document = new_document(body_font=info.body_font, bold=info.bold)
    for paragraph in styled_report(report_paragraphs(report))[1]:
        add_paragraph(document, paragraph)
    core = document.core_properties
    for name, value in properties(info).items():
        setattr(core, CORE_ATTRIBUTES[name], int(value) if name == "cp:revision" else value)
    core.created = core.modified = when.replace(tzinfo=None)
    core.category = "述职报告"
    return document


#: Markup characters, quotes, edge spaces (ASCII and 全角), a tab, line breaks and an entity-looking string.
ODD = 'A&B <x> "q" \'a\' \t tab\nnl\r cr 　全角　 ]]> &amp; '


def _varied_reports():
    """Yield the sample, then variants covering every layout, bold style and body font with text holding every
    escape and run rule: & < > \" ', tab, LF, CR, edge spaces, an entity-looking string, signatures, dates."""
    base = sample_report()
    yield base
    settings = [(layout, bold, font) for layout in schema.LAYOUTS for bold in schema.BOLD_STYLES
                for font in schema.BODY_FONTS]
    for n, (layout, bold, font) in enumerate(settings[::2]):
        info = dataclasses.replace(
            base.info, layout=layout, bold=bold, body_font=font, branch=f'第{n}<&>"党支部"',
            title=ODD if n % 2 else "", opening=base.info.opening + ODD * n, closing=ODD if n else "",
            signature=" 中共X&Y支部 " if n % 3 else "", date=dt.date(2021, 12, n + 1) if n % 2 else None,
            salutation=ODD.strip() if n == 3 else "")
        parts = [dataclasses.replace(part, heading=part.heading + ODD, sections=[
            dataclasses.replace(section, heading=section.heading + ("<&>" if n else ""), points=[
                dataclasses.replace(point, lead=" " + point.lead, body=point.body + ODD) for point in section.points])
            for section in part.sections]) for part in base.parts]
        yield dataclasses.replace(base, info=info, parts=parts)


VARIED_REPORTS = list(_varied_reports())
