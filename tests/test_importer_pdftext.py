"""Text copied out of a PDF, as specifications: page-number lines, the width a text was wrapped at, and which lines
go on with the paragraph before them. Widths are counted by hand: a Chinese character or full-width mark takes two
columns, an ASCII character one."""

from __future__ import annotations

import pytest

from shuzhi_xl.importer.document import numbered
from shuzhi_xl.importer.pdftext import drop_page_markers, full_width, rejoin_wrapped, width

FULL = "乙" * 29 + "，"  # 60 columns, stopping mid-sentence


@pytest.mark.parametrize("text, columns", [("抓学习", 6), ("ab", 2), ("抓a", 3), ("\u3000抓", 4), ("抓  ", 2), ("  抓", 4),
                                           ("ＡＢ", 4), ("…", 1), ("", 0)])
def test_width_in_columns(text, columns):
    assert width(text) == columns


@pytest.mark.parametrize("marker", ["— 3 —", "-3-", "- 12 -", "第3页", "第 3 页 共 12 页", "第3页，共12页", "第3页/共12页",
                                    "3/12", "3 / 12", "~12~", "·3·", "－3－", "3", " 12 "])
def test_a_page_marker_between_text_lines_is_dropped_with_a_note(marker):
    notes = []
    kept = drop_page_markers(numbered(["正文一，", marker, "正文二。"]), notes)
    assert [p.text for p in kept] == ["正文一，", "正文二。"]
    assert [(n.paragraph, n.message) for n in notes] == [(2, f"第2段（{marker.strip()}）是页码，不属于正文，已删除。")]


@pytest.mark.parametrize("line", ["1234", "第1000页", "3。", "3个", "— 三 —", "第3章"])
def test_what_is_no_page_marker(line):
    notes = []
    assert len(drop_page_markers(numbered(["正文一，", line, "正文二。"]), notes)) == 3 and notes == []


def test_a_bare_number_first_or_last_is_kept_and_markers_are_named_in_one_note():
    notes = []
    kept = drop_page_markers(numbered(["1", "正文一，", "— 1 —", "正文二。", "第2页", "2"]), notes)
    assert [p.text for p in kept] == ["1", "正文一，", "正文二。", "2"]
    assert [(n.paragraph, n.message) for n in notes] == [(3, "第3段（— 1 —）、第5段（第2页）是页码，不属于正文，已删除。")]


def test_a_marker_with_dashes_is_dropped_even_first_or_last():
    kept = drop_page_markers(numbered(["— 1 —", "正文。", "— 2 —"]), [])
    assert [p.text for p in kept] == ["正文。"]


def lines(*texts: str):
    return numbered(list(texts))


@pytest.mark.parametrize("texts, common", [
    ([FULL] * 4 + ["乙" * 10 + "。"], 60),
    ([FULL] * 3 + ["乙" * 10 + "。"], None),  # too few full lines
    (["乙" * 19 + "，"] * 4, 40), (["乙" * 18 + "，"] * 4, None),  # wrapped at 20 Chinese characters at the narrowest
    ([FULL] * 4 + ["乙" * k + "。" for k in range(10, 16)], 60),  # 4 of 10 lines fill the width: 40%
    ([FULL] * 4 + ["乙" * k + "。" for k in range(10, 17)], None),  # 4 of 11
    ([FULL] * 2 + ["乙" * 29 + "。"] * 2, 60), ([FULL] + ["乙" * 29 + "。"] * 3, None),  # most full lines stop mid-sentence
    ([FULL] * 19 + ["乙" * 32 + "，"], 60), ([FULL] * 18 + ["乙" * 32 + "，"], None),  # hardly any line is wider
    ([FULL] * 2 + ["乙" * 27 + "，" + "a"] * 2, 60),  # 57 columns still fill a line of 60
    (["乙" * 9 + "。"] * 6, None),  # lines under 20 columns do not count at all
    ([FULL] * 4 + ["乙" * 31 + "，"] * 4, 64),  # a tie goes to the wider width
    ([FULL] * 4 + ["乙" * 31 + "a"], 60),  # 63 columns is within the slack, not wider
    ([FULL] * 4 + ["乙" * 9 + "。"] * 7, None),  # lines of 20 columns count: 4 of 11 fill the width
    ([FULL] * 4 + ["乙" * 8 + "。"] * 7, 60),  # lines of 18 columns do not
    ([FULL] * 2 + ["乙" * 29 + "。"] * 4, None),  # 2 of 6 full lines stop mid-sentence: too few
])
def test_the_width_text_was_wrapped_at(texts, common):
    assert full_width(lines(*texts)) == common


def test_a_line_under_the_slack_does_not_fill_the_line():
    texts = [FULL] * 3 + ["乙" * 27 + "，a"] + ["乙" * 27 + "，"] * 2  # 57 fills a line of 60; 56 does not
    assert full_width(lines(*texts)) == 60
    assert full_width(lines(*([FULL] * 3 + ["乙" * 27 + "，"] * 3))) is None


def test_wrapped_paragraphs_are_rejoined_and_the_note_names_them():
    notes = []
    out = rejoin_wrapped(lines(FULL, FULL, "乙乙。", FULL, "乙" * 29 + "。", "丙丙。", "丁丁。"), notes)
    assert [(p.number, p.text) for p in out] == [(1, FULL + FULL + "乙乙。"), (4, FULL + "乙" * 29 + "。" + "丙丙。"),
                                                 (7, "丁丁。")]
    assert [(n.paragraph, n.message) for n in notes] == [
        (1, "文本像是从PDF复制的，每行在页边处断开：已把第1—3段、第4—6段各自合并为一段，请核对分段。")]


def test_text_that_is_not_wrapped_is_returned_as_it_is():
    notes = []
    given = lines(FULL, FULL, "乙乙。")
    assert rejoin_wrapped(given, notes) is given and notes == []


def test_a_numbered_unit_starts_a_paragraph_but_a_point_goes_on():
    out = rejoin_wrapped(lines(FULL, "二、抓活动。", FULL, "二是抓活动，", FULL, FULL, "乙。"), [])
    assert [p.text for p in out] == [FULL, "二、抓活动。", FULL + "二是抓活动，", FULL + FULL + "乙。"]


def test_a_line_after_a_title_filling_the_width_starts_a_paragraph():
    title = "乙" * 30
    out = rejoin_wrapped(lines(title, "甲甲。", FULL, FULL, FULL, "乙。"), [])
    assert [p.text for p in out] == [title, "甲甲。", FULL * 3 + "乙。"]


def test_with_first_line_indents_an_indented_line_starts_a_paragraph():
    first = "\u3000\u3000" + "乙" * 27 + "，"  # 60 columns with its indent
    out = rejoin_wrapped(lines(first, FULL, "一、乙乙。", "    " + "乙" * 26 + "，", FULL, "乙。"), [])
    assert [p.text for p in out] == [first.strip() + FULL + "一、乙乙。", "乙" * 26 + "，" + FULL + "乙。"]


def test_a_line_at_the_slack_still_fills_the_width_and_goes_on():
    at_slack = "乙" * 27 + "，a"  # 57 columns
    out = rejoin_wrapped(lines(FULL, at_slack, "丙丙。", FULL, FULL, "乙。"), [])
    assert [p.text for p in out] == [FULL + at_slack + "丙丙。", FULL * 2 + "乙。"]


def test_a_paragraph_of_two_lines_is_named_in_the_note():
    notes = []
    out = rejoin_wrapped(lines(FULL, "乙乙。", FULL, FULL, "丙。", FULL), notes)
    assert [p.number for p in out] == [1, 3, 6]
    assert notes[0].message == "文本像是从PDF复制的，每行在页边处断开：已把第1—2段、第3—5段各自合并为一段，请核对分段。"


def test_one_indented_line_does_not_make_the_text_indented():
    first = "\u3000\u3000" + "乙" * 27 + "，"
    out = rejoin_wrapped(lines(first, FULL, "二、乙乙。", FULL, FULL, "乙。"), [])
    assert [p.text for p in out] == [first.strip() + FULL, "二、乙乙。", FULL * 2 + "乙。"]


def test_a_pdfs_lines_are_rejoined_by_their_indents_though_figures_make_widths_uneven():
    # Justified in print, a PDF's lines are uneven in columns (figures are narrower): only printed=True (pdf.py)
    # trusts the indents alone. A numbered line whose indent the page lost starts a paragraph all the same.
    first, figures = "  " + "乙" * 30 + "，", "乙" * 21 + "2023年12月31日，"
    text = lines(first, figures, "乙乙。", "  （二）" + "乙" * 26 + "，", "（三）乙乙。", "丙丙。")
    assert [width(p.text) for p in text] == [64, 58, 6, 62, 12, 6]
    notes = []
    out = rejoin_wrapped(text, notes, printed=True)
    assert [p.text for p in out] == [first.strip() + figures + "乙乙。", "（二）" + "乙" * 26 + "，", "（三）乙乙。", "丙丙。"]
    assert "已把第1—3段各自合并为一段" in notes[0].message
    assert rejoin_wrapped(text, [], printed=False) == text  # as text of no known origin: not wrapped


def test_a_pdfs_lines_without_indents_are_judged_by_width_as_any_text():
    text = lines("乙" * 30 + "，", "乙乙。", "丙丙。")
    assert rejoin_wrapped(text, [], printed=True) == text
