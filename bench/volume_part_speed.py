"""Print the CPU time of the report's Word output per report, over the sample and generated reports (synthetic.py),
each beside python-docx building the same styled paragraphs through its API:
- a worker's part of the bound volume (consolidate.volume.report_part: lay out, write the paragraphs' XML as
  text) beside the paragraphs added with python-docx and serialised by lxml;
- the layout alone (report.layout: GB/T 9704 line and page breaks, keep-with-next, tightening);
- the single report's .docx in memory (report.package.write_docx: committed skeleton + text) beside python-docx
  building the document (report.docx.new_document) with the same paragraphs and saving it.

Run: python bench/volume_part_speed.py [--reports 200] [--runs 5]
"""

from __future__ import annotations

import argparse
import io
import time

from docx.oxml.ns import qn
from lxml import etree

from baseline import print_table
from shuzhi_xl.consolidate.volume import report_part
from shuzhi_xl.report import styles as S
from shuzhi_xl.report.docx import new_document
from shuzhi_xl.report.layout import lay_out_report
from shuzhi_xl.report.package import write_docx
from shuzhi_xl.report.styled import styled_report
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


def add_paragraphs(document, report) -> list:
    """Add *report*'s laid out paragraphs to *document* with python-docx's API (styles by name); return them."""
    added = []
    for paragraph in styled_report(report_paragraphs(report))[1]:
        out = document.add_paragraph(style=S.STYLE_NAMES[paragraph.style])
        for run in paragraph.runs:
            out.add_run(run.text, style=S.STYLE_NAMES[run.style] if run.style else None)
        fmt = out.paragraph_format
        fmt.keep_with_next = paragraph.keep_with_next or None
        added.append(out._p)
    return added


def element_xml(document, report) -> bytes:
    """Return *report*'s paragraphs built as python-docx elements in *document*, serialised (then removed)."""
    paragraphs = add_paragraphs(document, report)
    xml = b"".join(etree.tostring(p, encoding="utf-8") for p in paragraphs)
    body = document.element.body
    for p in body.findall(qn("w:p")):
        body.remove(p)
    return xml


def python_docx_file(report) -> None:
    document = new_document(body_font=report.info.body_font, bold=report.info.bold)
    add_paragraphs(document, report)
    document.save(io.BytesIO())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reports", type=int, default=200, help="generated reports besides the sample")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    reports = [sample_report()] + [branch_report(0, index, 2024) for index in range(args.reports)]
    texts = [report_paragraphs(report) for report in reports]
    document, few = new_document(), reports[:max(1, len(reports) // 10)]  # python-docx files: slow, a tenth
    part_ms = cpu_ms(lambda report: report_part(report, report_paragraphs(report)), reports, args.runs)
    element_ms = cpu_ms(lambda report: element_xml(document, report), reports, args.runs)
    print(f"{len(reports)} 份报告（样例 + 生成），CPU 时间，每份报告（整份 .docx 取其中 {len(few)} 份）：")
    print_table([(label, value * 1000, baseline, baseline_value * 1000) for label, value, baseline, baseline_value in [
        ("卷册中的一份：排版 + 写出段落 XML（report_part）", part_ms, "排版 + python-docx 逐段生成并序列化", element_ms),
        ("其中排版（断行、分页、收紧）", cpu_ms(lay_out_report, texts, args.runs), "同上", element_ms),
        ("单份报告 .docx（骨架 + 文本，写入内存）", cpu_ms(lambda r: write_docx(r, io.BytesIO()), few, args.runs),
         "python-docx 建文档、逐段生成并保存", cpu_ms(python_docx_file, few, args.runs)),
    ]], unit="µs")


if __name__ == "__main__":
    main()
