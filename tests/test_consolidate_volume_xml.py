"""The volume writes each report's paragraphs as text; that text must be, byte for byte, what python-docx's
elements of the same paragraphs serialise to (docx_reference), for any text a user can type."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from docx.oxml.ns import qn
from lxml import etree

from shuzhi_xl.consolidate.volume import report_part
from shuzhi_xl.report.text import report_paragraphs
from docx_reference import VARIED_REPORTS, python_docx_report


def _element_xml(report) -> bytes:
    """Return the report's paragraphs as python-docx builds them into a document, serialised by lxml."""
    document = python_docx_report(report, dt.datetime(2024, 1, 1))
    paragraphs = document.element.body.findall(qn("w:p"))
    # lxml declares the document's namespaces on each serialised w:p; a part carries none
    return b"".join(re.sub(rb' xmlns:\w+="[^"]*"', b"", etree.tostring(p, encoding="utf-8")) for p in paragraphs)


@pytest.mark.parametrize("report", VARIED_REPORTS, ids=range(len(VARIED_REPORTS)))
def test_a_part_is_the_element_path_byte_for_byte(report):
    assert report_part(report, report_paragraphs(report)).xml == _element_xml(report)


def test_the_varied_reports_exercise_every_escape_and_run_rule():
    xml = b"".join(report_part(r, report_paragraphs(r)).xml for r in VARIED_REPORTS)
    for needle in (b"&amp;", b"&lt;", b"&gt;", b'"q"', b'xml:space="preserve"', b"<w:tab/>", b"<w:br/>",
                   b"<w:w w:val=", b"<w:keepNext/>", b"<w:ind w:left=", b"<w:rStyle "):
        assert needle in xml, needle
