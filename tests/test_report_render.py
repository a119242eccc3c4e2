"""Render the report with LibreOffice under substitute fonts (tests/render.py) and measure the PDF: 22 lines
of at most 28 characters on every full page, the title centred, page numbers on the outer side, 7.3.5.2's
signature block. Substitutes stand in for the real fonts; this proves the layout, never the real fonts."""

from __future__ import annotations

import re

import pytest

from shuzhi_xl.report import layout
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.report.write import write_report
from shuzhi_xl.samples import sample_report
from shuzhi_xl.xlsx.reader import read_workbook
from shuzhi_xl.xlsx.template import write_workbook
from render import can_render, embedded_fonts, page_lines, render_pdf
from report_support import switched_workbook
from support import normalise

pytestmark = pytest.mark.skipif(bool(can_render()), reason=can_render() or "renders")

PT_PER_MM = 72 / 25.4
PAGE_W, PAGE_H = 210 * PT_PER_MM, 297 * PT_PER_MM
LEFT, RIGHT, BOTTOM = 28 * PT_PER_MM, PAGE_W - 26 * PT_PER_MM, PAGE_H - 35 * PT_PER_MM
PITCH, CELL, HANG = 28.95, 15.75, "，。、；：！？”’）》"


def _width(text: str) -> float:
    return sum(0.5 if c.isascii() else 1 for c in text)


@pytest.fixture(scope="module", params=["sample", "date-longer", "signature-longer"])
def rendered(request, tmp_path_factory):
    """Return (report, pages of lines, embedded fonts) of a rendered report."""
    folder = tmp_path_factory.mktemp("render")
    if request.param == "sample":
        workbook = write_workbook(folder / "示例.xlsx", sample_report())
    elif request.param == "date-longer":
        workbook = switched_workbook(folder, "仅序号", body_font="仿宋_GB2312")
    else:
        workbook = switched_workbook(folder, "不加粗", layout="另起一段", signature="中共某某市机关第一党支部委员会")
    report = read_workbook(workbook)
    pdf = render_pdf(write_report(report, folder / "报告.docx"), folder)
    return report, page_lines(pdf), embedded_fonts(pdf)


def _body(page):
    return [line for line in page if line.baseline < BOTTOM + 1]


def _footer(page):
    return [line for line in page if line.baseline > BOTTOM + 1]


def test_substitute_fonts_were_used(rendered):
    _, _, fonts = rendered
    print("embedded:", fonts)
    for family in ("FandolFang", "GBZenKai", "NotoSansCJK", "NotoSerifCJK", "LiberationSerif"):
        assert any(f.startswith(family) for f in fonts), (family, fonts)


@pytest.mark.parametrize("rendered", ["sample"], indirect=True)
def test_title_headings_and_body_print_in_four_distinct_faces(rendered):
    report, pages, _ = rendered
    paragraphs = report_paragraphs(report)
    starts = {"title": paragraphs[0].text, "一级标题": next(p.text for p in paragraphs if p.role == "part"),
              "二级标题": next(p.text for p in paragraphs if p.runs[0].kind == "heading" and p.role == "body"),
              "body": next(p.text for p in paragraphs if p.role == "opening")}
    lines = [line for page in pages for line in page]
    first_lines = {name: next(line for line in lines if line.text.startswith(normalise(text)[:6]))
                   for name, text in starts.items()}
    # The face of each line's first Chinese character (Latin letters and digits are in Times New Roman's stand-in)
    faces = {name: next(f for c, f in zip(line.text, line.faces) if not c.isascii())
             for name, line in first_lines.items()}
    print(faces)
    assert len(set(faces.values())) == 4, faces


def test_every_character_is_printed(rendered):
    report, pages, _ = rendered
    printed = "".join(line.text for page in pages for line in _body(page))
    assert normalise(printed) == normalise("".join(p.text for p in report_paragraphs(report)))


def test_every_full_page_has_22_lines_on_a_28_95_pt_pitch(rendered):
    _, pages, _ = rendered
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        baselines = [line.baseline for line in _body(page)]
        for a, b in zip(baselines, baselines[1:]):
            steps = round((b - a) / PITCH)
            assert abs((b - a) - steps * PITCH) <= 0.05 * steps + 1e-6, (number, a, b)
        slots = round((baselines[-1] - baselines[0]) / PITCH) + 1
        assert slots <= 22
        if number < len(pages):
            assert slots == 22, f"page {number} has {slots} lines"


def test_no_line_is_longer_than_28_characters(rendered):
    report, pages, _ = rendered
    # A paragraph tightened to lift a lone last character (report.layout) may set 29 on a line.
    tightened = {normalise(line) for laid in layout.lay_out_report(report_paragraphs(report)) if laid.scale
                 for line in laid.lines}
    for page in pages:
        for line in _body(page):
            hanging = 1 if line.text[-1] in HANG else 0
            limit = 29 if normalise(line.text) in tightened else 28
            assert _width(line.text) <= limit + hanging, line.text
            assert line.x0 >= LEFT - 0.5 and line.x1 <= RIGHT + 0.5 + hanging * CELL, line.text


def test_title_is_centred_in_the_text_block(rendered):
    report, pages, _ = rendered
    title = [line for line in pages[0] if line.size > 20]
    assert "".join(line.text for line in title) == normalise(report.info.display_title)
    for line in title:
        assert abs((line.x0 + line.x1) / 2 - (LEFT + RIGHT) / 2) < 1.5, line.text


def test_page_numbers_sit_on_the_outer_side_7mm_below_the_text(rendered):
    _, pages, _ = rendered
    for number, page in enumerate(pages, start=1):
        footer = _footer(page)
        assert len(footer) == 1 and re.fullmatch(rf"—{number}—", footer[0].text), footer
        line = footer[0]
        if number % 2:
            assert abs(line.x1 - (RIGHT - 14)) < 1.5  # 右空一字 (14 pt)
        else:
            assert abs(line.x0 - (LEFT + 14)) < 1.5  # 左空一字
        dash_centre = line.baseline - 0.3 * line.size
        assert abs(dash_centre - (BOTTOM + 7 * PT_PER_MM)) < 2.0


@pytest.mark.parametrize("rendered", ["date-longer", "signature-longer"], indirect=True)  # the sample has none
def test_signature_and_date_follow_7_3_5_2(rendered):
    report, pages, _ = rendered
    last = _body(pages[-1])
    signature, date = last[-2], last[-1]
    assert signature.text == report.info.signature
    # The signature 右空二字, unless the date is the longer: then the date 右空二字 and the signature moves in.
    assert abs(max(signature.x1, date.x1) - (RIGHT - 2 * CELL)) < 2
    assert abs(date.x0 - (signature.x0 + 2 * CELL)) < 2  # 首字比署名首字右移二字
    assert round((signature.baseline - last[-3].baseline) / PITCH) == 2  # 空一行 below the text
