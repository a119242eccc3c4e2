"""Print the time a worker spends on one report's part of the bound volume (consolidate.volume.report_part: lay out,
then write the paragraphs' XML as text) beside the element path it replaced (the same layout, the paragraphs built
as python-docx elements and serialised by lxml), and the layout alone; medians over the sample's report.

Run: python bench/volume_part_speed.py [--runs 40]
"""

from __future__ import annotations

import argparse

from docx.oxml.ns import qn
from lxml import etree

from baseline import median_ms, print_table
from shuzhi_xl.consolidate.volume import _paragraph_xml as paragraph_xml
from shuzhi_xl.report.docx import _add_paragraph as add_paragraph, new_document, styled_report
from shuzhi_xl.samples import sample_report


def element_xml(document, paragraphs) -> bytes:
    """Return *paragraphs* (report.docx's StyledParagraph) built as python-docx elements in *document*, serialised
    (then removed): the volume's path before it wrote text."""
    for paragraph in paragraphs:
        add_paragraph(document, paragraph)
    body = document.element.body
    paragraphs = body.findall(qn("w:p"))
    xml = b"".join(etree.tostring(p, encoding="utf-8") for p in paragraphs)
    for p in paragraphs:
        body.remove(p)
    return xml


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=40)
    runs = parser.parse_args().runs
    report, document = sample_report(), new_document()
    paragraphs = styled_report(report)[1]
    layout_ms = median_ms(lambda: styled_report(report), runs)
    text_ms = median_ms(lambda: "".join(map(paragraph_xml, paragraphs)).encode(), runs)
    element_ms = median_ms(lambda: element_xml(document, paragraphs), runs)
    print_table([(label, value * 1000, baseline, baseline_value * 1000) for label, value, baseline, baseline_value in [
        ("每份报告：写出段落 XML（文本）", text_ms, "python-docx 元素生成并序列化", element_ms),
        ("每份报告：排版 + 写出（report_part）", layout_ms + text_ms, "排版 + 元素", layout_ms + element_ms),
    ]], unit="µs")


if __name__ == "__main__":
    main()
