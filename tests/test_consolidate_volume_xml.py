"""The volume writes each report's paragraphs as text; that text must be, byte for byte, what python-docx's
elements of the same report serialise to (the single report's .docx path), for any text a user can type."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re

import pytest
from docx.oxml.ns import qn
from lxml import etree

from shuzhi_xl import schema
from shuzhi_xl.consolidate.volume import report_part
from shuzhi_xl.report.docx import append_report, new_document
from shuzhi_xl.samples import sample_report

#: Markup characters, quotes, edge spaces (ASCII and 全角), a tab, line breaks and an entity-looking string.
ODD = 'A&B <x> "q" \'a\' \t tab\nnl\r cr 　全角　 ]]> &amp; '


def _varied_reports():
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


REPORTS = list(_varied_reports())


def _element_xml(report) -> bytes:
    """Return the report's paragraphs as python-docx builds them into a document (the report's .docx path), serialised
    by lxml."""
    document = new_document()
    append_report(document, report)
    paragraphs = document.element.body.findall(qn("w:p"))
    # lxml declares the document's namespaces on each serialised w:p; a part carries none
    return b"".join(re.sub(rb' xmlns:\w+="[^"]*"', b"", etree.tostring(p, encoding="utf-8")) for p in paragraphs)


@pytest.mark.parametrize("report", REPORTS, ids=range(len(REPORTS)))
def test_a_part_is_the_element_path_byte_for_byte(report):
    assert report_part(report).xml == _element_xml(report)


def test_the_varied_reports_exercise_every_escape_and_run_rule():
    xml = b"".join(report_part(r).xml for r in REPORTS)
    for needle in (b"&amp;", b"&lt;", b"&gt;", b'"q"', b'xml:space="preserve"', b"<w:tab/>", b"<w:br/>",
                   b"<w:w w:val=", b"<w:keepNext/>", b"<w:ind w:left=", b"<w:rStyle "):
        assert needle in xml, needle
