"""Print the CPU time a worker spends on one report's part of the bound volume (consolidate.volume.report_part: lay
out, then write the paragraphs' XML as text) beside the element path (the same paragraphs built as python-docx
elements and serialised by lxml), and the layout alone (report.layout, GB/T 9704 line and page breaks) beside a
plain python-docx document of the same text; per report, over the sample and generated reports (synthetic.py).

Run: python bench/volume_part_speed.py [--reports 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import time

import docx
from docx.oxml.ns import qn
from lxml import etree

from baseline import print_table
from shuzhi_xl.consolidate.volume import report_part
from shuzhi_xl.report.docx import _add_paragraph as add_paragraph, new_document, styled_report
from shuzhi_xl.report.layout import lay_out_report
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.samples import sample_report
from shuzhi_xl.synthetic import branch_report


def cpu_ms(action, items, runs: int) -> float:
    """Return the least CPU time of *runs* passes of *action* over *items*, per item, in milliseconds."""
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        for item in items:
            action(item)
        best = min(best, time.process_time() - start)
    return best * 1000 / len(items)


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


def plain_document(paragraphs) -> None:
    """Build the paragraphs' text as a plain python-docx document, one run per run: no layout at all."""
    document = docx.Document()
    for paragraph in paragraphs:
        out = document.add_paragraph()
        for run in paragraph.runs:
            out.add_run(run.text)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=200, help="generated reports besides the sample")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    reports = [sample_report()] + [branch_report(0, index, 2024) for index in range(args.reports)]
    texts = [report_paragraphs(report) for report in reports]
    document = new_document()
    part_ms = cpu_ms(report_part, reports, args.runs)
    layout_ms = cpu_ms(lay_out_report, texts, args.runs)
    element_ms = cpu_ms(lambda report: element_xml(document, styled_report(report)[1]), reports, args.runs)
    plain_ms = cpu_ms(plain_document, texts, args.runs)
    print(f"{len(reports)} 份报告（样例 + 生成），CPU 时间，每份报告：")
    print_table([(label, value * 1000, baseline, baseline_value * 1000) for label, value, baseline, baseline_value in [
        ("排版 + 写出段落 XML（report_part）", part_ms, "排版 + python-docx 元素生成并序列化", element_ms),
        ("仅排版（report.layout：断行、分页、收紧）", layout_ms, "python-docx 新建文档写入同样文字，不排版", plain_ms),
    ]], unit="µs")


if __name__ == "__main__":
    main()
