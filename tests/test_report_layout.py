"""The layout model (report.layout) and the contents built on it, on cases counted by hand; the render tests
(test_consolidate_render.py, test_report_render.py) hold it against LibreOffice."""

from __future__ import annotations

from shuzhi_xl.consolidate import contents
from shuzhi_xl.report import layout
from shuzhi_xl.report.lines import ENDS_WORD, STARTS_WORD
from shuzhi_xl.report.text import Paragraph, Run

FIRST, FULL = 26, 28  # characters on an indented first line and on a full line of the grid


def _body(text: str) -> Paragraph:
    return Paragraph("body", [Run(text)])


def test_a_line_holds_28_characters_the_first_26():
    text = "党" * (FIRST + FULL + 5)
    assert [len(line) for line in layout.break_lines(text, layout.TEXT_WIDTH, 640)] == [FIRST, FULL, 5]


def test_a_closing_mark_never_starts_a_line_it_takes_the_character_before_it_down():
    text = "党" * (FIRST - 1) + "务。" + "建" * 10  # 。 would be the 27th of a 26-character line
    lines = layout.break_lines(text, layout.TEXT_WIDTH, 640)
    assert lines[0] == "党" * (FIRST - 1) and lines[1].startswith("务。")


def test_a_lone_last_character_is_lifted_by_narrowing_the_paragraph():
    lone = _body("党" * (FIRST + FULL) + "务。")
    assert layout.lone_last_line(layout.lay_out(lone, tighten=False).lines)
    laid = layout.lay_out(lone)
    assert laid.scale is not None and layout.TIGHTEST <= laid.scale < 100
    assert len(laid.lines) == 2 and "".join(laid.lines) == lone.text


def test_a_last_line_of_two_characters_is_left_alone():
    laid = layout.lay_out(_body("党" * (FIRST + FULL) + "任务。"))
    assert laid.scale is None and laid.lines[-1] == "任务。"


def test_a_heading_at_the_foot_of_a_page_moves_to_the_next_with_its_text():
    filler = layout.Laid(("党",) * 21)
    heading = layout.Laid(("一、主要工作情况",), keep_with_next=True)
    text = layout.Laid(("党",) * 3)
    assert layout.page_count([filler, text]) == 2
    assert layout.page_count([filler, heading, text]) == 2  # heading on line 22 would part: it goes to page 2
    assert layout.page_count([layout.Laid(("党",) * 44)]) == 2 and layout.page_count([layout.Laid(("党",) * 45)]) == 3


def test_a_long_contents_entry_breaks_between_words():
    title = "后勤服务中心第一党支部书记2024年度抓基层党建工作述职报告"
    lines = contents.entry_lines(title)
    assert "".join(lines) == title and len(lines) == 2
    assert lines[0].endswith(ENDS_WORD) or lines[1].startswith(STARTS_WORD)


def test_reports_start_on_odd_pages_after_the_cover_and_contents():
    # Cover page 1, contents page 2, first report on 3; 3 pages → 3-5, next odd 7; 4 pages → 7-10, next 11.
    assert list(contents.first_pages(3, [3, 4, 1])) == [3, 7, 11]  # three one-line entries


def test_advances_are_times_widths_with_a_gap_where_chinese_meets_letters_or_digits():
    # 16 pt = 320 twips an em, character spacing -5; Times: 2 is 0.5 em, a 0.444, "," and " " 0.25; gap 0.21 em = 67.2
    assert layout.advances("党") == [315]
    assert layout.advances("2021") == [155] * 4
    assert layout.advances("第2条") == [315, 155 + 67, 315 + 67]  # a gap on each change of script
    assert layout.advances("第 2") == [315, 75, 155]  # none across a blank
    assert layout.advances("a,党") == [137, 75, 315]  # none beside a Latin mark
    assert layout.advances("党2", scale=95) == [299, 147 + 67]  # glyphs at 95 %: 304 - 5 and 152 - 5, gap unscaled
