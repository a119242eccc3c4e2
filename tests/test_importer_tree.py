"""The body as an outline tree, as specifications: which paragraphs head a unit (a label, a Word heading level, a short
unnumbered line followed by text, a bold lead) and at which level, from the layout alone."""

from __future__ import annotations

import pytest

from shuzhi_xl.importer.document import SourceParagraph, numbered
from shuzhi_xl.importer.tree import heading_line, outline, split_clause


def shape(nodes) -> list[tuple]:
    """Return each node as (level, written label or "", heading, alone, number, [paragraph texts], [children])."""
    return [(n.level, n.label.written if n.label else "", n.heading, n.alone, n.number, [p.text for p in n.paragraphs],
             shape(n.children)) for n in nodes]


def read(*lines: str):
    preamble, roots, irregular = outline(numbered(list(lines)))
    return [p.text for p in preamble], shape(roots), [p.number for p in irregular]


@pytest.mark.parametrize("text, clause, rest", [
    ("抓学习。每周学习。", "抓学习。", "每周学习。"), ("抓学习：每周", "抓学习：", "每周"), ("抓学习！每周", "抓学习！", "每周"),
    ("抓学习?每周", "抓学习?", "每周"), ("抓学习。", "抓学习。", ""), ("抓学习", "抓学习", ""),
    ("  抓学习。  每周  ", "抓学习。", "每周"), ("抓学习。  ", "抓学习。", ""), ("抓学习，促提升；每周。", "抓学习，促提升；每周。", ""),
])
def test_a_heading_clause_ends_at_its_first_full_stop_colon_or_exclamation(text, clause, rest):
    assert split_clause(text) == (clause, rest)


@pytest.mark.parametrize("text, bold, heading", [
    ("抓学习", False, True), ("抓学", False, True), ("抓", False, False), ("乙" * 30, False, True), ("乙" * 31, False, False),
    ("乙" * 40, True, True), ("乙" * 41, True, False),
    ("抓学习，促提升，强作风", False, True), ("甲，乙，丙，丁", False, False),
    ("抓学习。", False, False), ("抓学习：", False, False), ("抓学习；", False, False), ("抓学习？", False, False),
    ("抓学习，", False, False), ("抓学习,", False, False),
    ("2022年1月5日", False, False), ("完成时间为", False, False), ("第一党支部", False, False), ("第一党支部工作", False, True),
])
def test_an_unnumbered_heading_line_is_short_and_no_sentence(text, bold, heading):
    assert heading_line(SourceParagraph(text, 1, bold_lead=text if bold else "")) is heading


def test_labels_open_levels_in_the_order_the_document_uses_them():
    preamble, roots, irregular = read("2023年，支部工作取得新进展。", "一、主要工作", "（一）抓学习。每周学习。", "一是学理论。",
                                      "（二）抓活动", "每月活动。", "二、存在问题", "（一）学得不深。表现为学得浅。")
    assert preamble == ["2023年，支部工作取得新进展。"] and irregular == []
    assert roots == [
        (1, "一、", "主要工作", True, 2, [], [
            (2, "（一）", "抓学习。", False, 3, ["每周学习。", "一是学理论。"], []),
            (2, "（二）", "抓活动", True, 5, ["每月活动。"], [])]),
        (1, "二、", "存在问题", True, 7, [], [(2, "（一）", "学得不深。", False, 8, ["表现为学得浅。"], [])])]


def test_three_levels_and_a_higher_label_closing_the_deeper_ones():
    _, roots, _ = read("一、工作", "1.抓学习", "（1）学理论", "正文。", "（2）学业务", "正文。", "2.抓活动", "正文。", "二、问题",
                       "正文。")
    assert [(n[1], [(c[1], [g[1] for g in c[6]]) for c in n[6]]) for n in roots] == [
        ("一、", [("1.", ["（1）", "（2）"]), ("2.", [])]), ("二、", [])]


def test_a_number_out_of_sequence_is_body_text_and_listed():
    preamble, roots, irregular = read("一、工作", "正文。", "三、问题", "正文。", "（二）打算", "正文。")
    assert roots == [(1, "一、", "工作", True, 1, ["正文。", "三、问题", "正文。", "（二）打算", "正文。"], [])]
    assert irregular == [3, 5]


def test_a_second_first_label_is_body_text():
    _, roots, irregular = read("一、工作", "1.抓学习", "正文。", "1.抓活动", "正文。")
    assert roots[0][6] == [(2, "1.", "抓学习", True, 2, ["正文。", "1.抓活动", "正文。"], [])] and irregular == [4]


def test_word_heading_levels_count_from_the_highest_used():
    body = [SourceParagraph("主要工作", 1, level=2), SourceParagraph("抓学习", 2, level=3), SourceParagraph("正文。", 3),
            SourceParagraph("存在问题", 4, level=2), SourceParagraph("正文。", 5)]
    _, roots, _ = outline(body)
    assert shape(roots) == [(1, "", "主要工作", True, 1, [], [(2, "", "抓学习", True, 2, ["正文。"], [])]),
                            (1, "", "存在问题", True, 4, ["正文。"], [])]


def test_a_word_heading_level_deeper_than_the_open_units_goes_one_level_down():
    body = [SourceParagraph("主要工作", 1, level=1), SourceParagraph("抓学习：每周。", 2, level=3)]
    _, roots, _ = outline(body)
    assert shape(roots) == [(1, "", "主要工作", True, 1, [], [(2, "", "抓学习：", False, 2, ["每周。"], [])])]


def test_unnumbered_heading_lines_followed_by_text():
    preamble, roots, _ = read("主要工作", "抓学习", "正文。", "抓活动", "正文。", "结尾")
    assert preamble == ["主要工作"]
    assert roots == [(1, "", "抓学习", True, 2, ["正文。"], []), (1, "", "抓活动", True, 4, ["正文。", "结尾"], [])]


def test_a_heading_line_before_a_points_lead_alone_on_its_line_is_a_heading_and_the_point_is_text():
    _, roots, _ = read("抓学习", "一是学理论", "正文。", "二是学业务", "正文。")
    assert roots == [(1, "", "抓学习", True, 1, ["一是学理论", "正文。", "二是学业务", "正文。"], [])]


def test_points_and_inline_items_never_head_a_unit():
    _, roots, _ = read("一、工作", "一是抓学习。", "（1）抓学习。（2）抓活动。", "第一，抓作风。")
    assert roots == [(1, "一、", "工作", True, 1, ["一是抓学习。", "（1）抓学习。（2）抓活动。", "第一，抓作风。"], [])]


def test_chinese_numbered_sub_sections_run_on_inline_are_still_units():
    _, roots, _ = read("一、工作", "（一）抓学习。（二）抓活动。")
    assert roots[0][6] == [(2, "（一）", "抓学习。", False, 2, ["（二）抓活动。"], [])]


def test_a_bold_lead_ending_in_a_mark_is_a_run_in_heading():
    body = [SourceParagraph("一、工作", 1), SourceParagraph("抓学习。每周学习。", 2, bold_lead="抓学习。"),
            SourceParagraph("（一）抓活动：每月活动。", 3, bold_lead="（一）抓活动："),
            SourceParagraph("（二）抓作风，严纪律。正文。", 4, bold_lead="（二）抓作风")]
    _, roots, _ = outline(body)
    assert shape(roots)[0][6] == [(2, "", "抓学习。", False, 2, ["每周学习。"], [
                                      (3, "（一）", "抓活动：", False, 3, ["每月活动。"], []),
                                      (3, "（二）", "抓作风，严纪律。", False, 4, ["正文。"], [])])]


@pytest.mark.parametrize("lead, heads", [("乙" * 39 + "。", True), ("乙" * 40 + "。", False)])
def test_a_bold_lead_is_at_most_40_characters(lead, heads):
    _, roots, _ = outline([SourceParagraph("一、工作", 1), SourceParagraph(lead + "正文。", 2, bold_lead=lead)])
    assert bool(roots[0].children) is heads


def test_a_bold_paragraph_wholly_bold_is_no_lead():
    text = "抓学习，每周学习，每月测试，年底考核。"
    _, roots, _ = outline([SourceParagraph("一、工作", 1), SourceParagraph(text, 2, bold_lead=text)])
    assert roots[0].children == [] and [p.text for p in roots[0].paragraphs] == [text]


def test_a_unit_gives_back_its_lines_as_written():
    _, roots, _ = outline(numbered(["一、工作", "（一）抓学习。每周学习。", "一是学理论。", "（二）抓活动", "每月活动。"]))
    assert roots[0].lines() == ["一、工作", "（一）抓学习。每周学习。", "一是学理论。", "（二）抓活动", "每月活动。"]
    assert [c.style for c in roots[0].children] == ["（一）", "（一）"] and roots[0].style == "一、"


def test_word_headings_at_one_level_are_siblings_whatever_their_labels():
    body = [SourceParagraph("一、工作", 1, level=1), SourceParagraph("正文。", 2), SourceParagraph("1.问题", 3, level=1),
            SourceParagraph("正文。", 4)]
    _, roots, _ = outline(body)
    assert [(n[0], n[1], n[2]) for n in shape(roots)] == [(1, "一、", "工作"), (1, "1.", "问题")]


def test_a_higher_word_heading_after_a_lower_one_closes_it():
    body = [SourceParagraph("抓学习", 1, level=2), SourceParagraph("正文。", 2), SourceParagraph("主要工作", 3, level=1),
            SourceParagraph("正文。", 4)]
    _, roots, _ = outline(body)
    assert shape(roots) == [(1, "", "抓学习", True, 1, ["正文。"], []), (1, "", "主要工作", True, 3, ["正文。"], [])]


def test_a_word_heading_two_levels_down_is_one_level_down():
    body = [SourceParagraph("主要工作", 1, level=1), SourceParagraph("细则", 2, level=3), SourceParagraph("正文。", 3),
            SourceParagraph("抓学习", 4, level=2), SourceParagraph("正文。", 5)]
    _, roots, _ = outline(body)
    assert shape(roots) == [(1, "", "主要工作", True, 1, [], [(2, "", "细则", True, 2, ["正文。"], []),
                                                         (2, "", "抓学习", True, 4, ["正文。"], [])])]


def test_unnumbered_heading_lines_and_bold_leads_are_one_style():
    body = [SourceParagraph("抓学习", 1), SourceParagraph("正文。", 2), SourceParagraph("抓活动。正文。", 3, bold_lead="抓活动。"),
            SourceParagraph("抓作风", 4), SourceParagraph("正文。", 5)]
    _, roots, _ = outline(body)
    assert [(n[0], n[2], n[3]) for n in shape(roots)] == [(1, "抓学习", True), (1, "抓活动。", False), (1, "抓作风", True)]
    assert [(p.number, p.text) for p in roots[1].paragraphs] == [(3, "正文。")]  # the rest keeps its paragraph


def test_items_numbered_1_run_on_in_one_paragraph_are_text():
    _, roots, _ = read("一、工作", "1.抓学习。2.抓活动。")
    assert roots == [(1, "一、", "工作", True, 1, ["1.抓学习。2.抓活动。"], [])]


@pytest.mark.parametrize("text, bold, heading, rest", [
    ("（一）抓作风！严纪律：正文。", "（一）抓作风！严纪律：", "抓作风！严纪律：", "正文。"),
    ("（一）抓作风！严纪律：正文。", "抓作风！严纪律：", "抓作风！严纪律：", "正文。"),  # the label itself not bold
    ("抓作风！严纪律：正文。", "抓作风！严纪律：", "抓作风！严纪律：", "正文。"),
])
def test_a_bold_lead_ending_in_a_mark_is_the_whole_heading_though_a_mark_stands_inside(text, bold, heading, rest):
    _, roots, _ = outline([SourceParagraph("一、工作", 1), SourceParagraph(text, 2, bold_lead=bold)])
    child = roots[0].children[0]
    assert (child.heading, [p.text for p in child.paragraphs]) == (heading, [rest])


@pytest.mark.parametrize("lines, levels", [
    # A label of a higher rank than the open ones closes them: （一） after 一、 1. （1） goes under 一、.
    (["一、工作", "1.学理论", "（1）细则", "正文。", "（一）抓学习", "正文。"], [("一、", 1), ("1.", 2), ("（1）", 3), ("（一）", 2)]),
    (["1.学理论", "（1）细则", "正文。", "（一）抓学习", "正文。"], [("1.", 1), ("（1）", 2), ("（一）", 1)]),
    (["（一）抓学习", "1.学理论", "（1）细则", "正文。", "一、问题", "正文。"], [("（一）", 1), ("1.", 2), ("（1）", 3), ("一、", 1)]),
    # 1、 ranks with 1.: it takes 1.'s place rather than going under it.
    (["一、工作", "1.学理论", "正文。", "1、学业务", "正文。"], [("一、", 1), ("1.", 2), ("1、", 2)]),
])
def test_the_level_of_a_label_style_opened_later(lines, levels):
    _, roots, _ = outline(numbered(lines))
    assert [(n.label.written, n.level) for n in _walk(roots)] == levels


def _walk(nodes):
    for node in nodes:
        yield node
        yield from _walk(node.children)


def test_an_unnumbered_units_lines_and_a_unit_with_children():
    body = [SourceParagraph("主要工作", 1, level=1), SourceParagraph("抓学习：每周学习。", 2, level=2),
            SourceParagraph("正文。", 3)]
    _, roots, _ = outline(body)
    assert roots[0].lines() == ["主要工作", "抓学习：每周学习。", "正文。"]
    assert (roots[0].style, roots[0].children[0].style) == ("", "")


def test_a_line_before_a_word_heading_is_no_heading():
    body = [SourceParagraph("抓学习", 1), SourceParagraph("主要工作：总体情况。", 2, level=1), SourceParagraph("正文。", 3)]
    preamble, roots, _ = outline(body)
    assert [p.text for p in preamble] == ["抓学习"]
    assert shape(roots) == [(1, "", "主要工作：", False, 2, ["总体情况。", "正文。"], [])]
