"""A sub-section's points as specifications: where a point starts (一是/第一，/1./1、/（1）/① at a paragraph's start or
after a sentence's end), the short lead clause a point may open with, and the layout the document used."""

from __future__ import annotations

import pytest

from shuzhi_xl.importer.document import SourceParagraph
from shuzhi_xl.importer.points import first_point_label, has_point, make_point, section_body, split_points
from shuzhi_xl.model import Location

INLINE, SEPARATE, EACH = "同段连排", "另起一段", "逐条分段"  # the workbook's 要点排版 choices


@pytest.mark.parametrize("text, before, points", [
    ("一是抓学习。二是抓活动。", "", ["抓学习。", "抓活动。"]),
    ("支部开展工作。一是抓学习；二是抓活动。", "支部开展工作。", ["抓学习；", "抓活动。"]),
    ("主要做法：第一，抓学习。第二、抓活动。第三,抓作风。", "主要做法：", ["抓学习。", "抓活动。", "抓作风。"]),
    ("1.抓学习。2．抓活动。", "", ["抓学习。", "抓活动。"]),
    ("１、抓学习！２、抓活动。", "", ["抓学习！", "抓活动。"]),
    ("（1）抓学习？(2)抓活动。", "", ["抓学习？", "抓活动。"]),
    ("①抓学习。 ②抓活动。", "", ["抓学习。", "抓活动。"]),
    ("做法 一是抓学习", "做法", ["抓学习"]),
    # Points run on after a comma, as many authors list them in one sentence.
    ("全年学习12次。一是抓理论学习，二是抓医德教育,三是抓警示教育。", "全年学习12次。",
     ["抓理论学习，", "抓医德教育,", "抓警示教育。"]),
    ("重点做了两件事，1.建阵地，2.育队伍。", "重点做了两件事，", ["建阵地，", "育队伍。"]),
    # A number out of sequence, or one inside a sentence, starts nothing.
    ("一是抓学习。三是抓作风。", "", ["抓学习。三是抓作风。"]),
    ("他说一是好的。", "他说一是好的。", []),
    ("完成投资。1.5亿元用于建设。", "完成投资。1.5亿元用于建设。", []),
    ("成本下降了，1.5个百分点，2.3万元。", "成本下降了，1.5个百分点，2.3万元。", []),
    ("问题有二，一是学得浅，而唯一是办法，二是用得少。", "问题有二，", ["学得浅，而唯一是办法，", "用得少。"]),
    # The next number is looked for in every style; the earliest found is the next point.
    ("一是抓学习。2.抓活动。二是抓作风。", "", ["抓学习。", "抓活动。二是抓作风。"]),
    # The next point is looked for after the one before.
    ("二是前文。一是抓学习。二是抓活动。", "二是前文。", ["抓学习。", "抓活动。"]),
])
def test_points_start_in_sequence_where_a_sentence_may_start(text, before, points):
    assert split_points(text) == (before, points)


def test_points_may_be_looked_for_from_a_later_number():
    assert split_points("二是抓活动。三是抓作风。", 2) == ("", ["抓活动。", "抓作风。"])
    assert split_points("二是抓活动。三是抓作风。") == ("二是抓活动。三是抓作风。", [])


@pytest.mark.parametrize("text, family, n, found", [
    ("抓学习。（2）抓活动。", "（1）", 2, True), ("抓学习。（2）抓活动。", "（1）", 3, False),
    ("抓（2）活动。", "（1）", 2, False), ("甲。２．乙", "1.", 2, True), ("甲。二是乙", "一是", 2, True),
    ("甲。二、乙", "一、", 2, False), ("甲。⑳乙", "①", 20, True), ("甲。（21）乙", "①", 21, False),
])
def test_has_point_looks_for_the_nth_point_of_one_style(text, family, n, found):
    assert has_point(text, family, n) is found


@pytest.mark.parametrize("text, label", [
    ("支部：一是抓学习。", "一是"), ("做法。（1）抓学习。", "（1）"), ("学习。1．抓", "1．"), ("第一、抓", "第一、"),
    ("①抓学习。一是抓活动。", "①"), ("一是抓学习。①抓活动。", "一是"), ("二是抓学习。", ""), ("抓学习。", ""),
])
def test_the_first_points_label_as_written(text, label):
    assert first_point_label(text) == label


WHERE = {"lead": Location(paragraph=7)}


@pytest.mark.parametrize("text, more, lead, body", [
    # A lead alone on its line is followed by its body's paragraphs: up to 25 characters without a sentence mark.
    ("乙" * 25, ["正文。"], "乙" * 25, "正文。"),
    ("乙" * 26, ["正文。"], "", "乙" * 26 + "\n正文。"),
    ("抓学习。", ["每周学习。", "每月测试。"], "抓学习", "每周学习。\n每月测试。"),
    ("抓学习：", ["每周学习。"], "抓学习：", "每周学习。"),
    ("抓学习，促提升", ["每周学习。"], "", "抓学习，促提升\n每周学习。"),
    ("抓学习？", ["每周学习。"], "", "抓学习？\n每周学习。"),
    ("抓学习。。", ["每周学习。"], "抓学习", "每周学习。"),  # a doubled full stop (a typo) still ends the lead
    ("走访XX", ["每周走访。"], "走访XX", "每周走访。"),  # XX stands for a name: it is the lead's own text
    ("抓学习。X", ["每周学习。"], "抓学习", "X\n每周学习。"),  # text after the lead's mark begins its body
    # Else a first sentence of 1 to 25 characters before 。 or ： with text after it.
    ("抓学习。每周学习。", [], "抓学习", "每周学习。"),
    ("抓学习：每周学习。", [], "抓学习：", "每周学习。"),
    ("抓学习。每周学习。", ["继续。"], "抓学习", "每周学习。\n继续。"),
    ("乙" * 25 + "。正文。", [], "乙" * 25, "正文。"),
    ("乙" * 26 + "。正文。", [], "", "乙" * 26 + "。正文。"),
    ("。正文。", [], "", "。正文。"),
    ("抓学习。", [], "", "抓学习。"),
    ("抓学习，每周学习。", [], "", "抓学习，每周学习。"),
])
def test_a_points_lead_clause(text, more, lead, body):
    point = make_point(text, more, WHERE)
    assert (point.lead, point.body, point.where) == (lead, body, WHERE)
    assert point.where is not WHERE


def paragraphs(*texts: str) -> list[SourceParagraph]:
    return [SourceParagraph(text, number) for number, text in enumerate(texts, start=10)]


def test_points_run_on_after_the_heading_are_inline():
    lead, points, layouts = section_body(paragraphs("一年来，支部抓学习。一是抓理论。学原文。二是抓实践。"))
    assert lead == "一年来，支部抓学习。"
    assert [(p.lead, p.body) for p in points] == [("抓理论", "学原文。"), ("", "抓实践。")]
    assert layouts == (INLINE,)
    assert [p.where for p in points] == [{"lead": Location(paragraph=10), "body": Location(paragraph=10)}] * 2


def test_points_in_a_paragraph_of_their_own_after_the_heading():
    lead, points, layouts = section_body(paragraphs("", "一是抓理论。学原文。二是抓实践。"))
    assert (lead, [p.body for p in points], layouts) == ("", ["学原文。", "抓实践。"], (SEPARATE,))
    assert [p.where["lead"].paragraph for p in points] == [11, 11]


def test_one_point_on_its_own_line_may_be_either_layout():
    lead, points, layouts = section_body(paragraphs("一年来，支部抓学习。", "一是抓理论。学原文。"))
    assert (lead, len(points), layouts) == ("一年来，支部抓学习。", 1, (SEPARATE, EACH))


def test_points_run_on_after_a_lead_in_the_paragraph_after_the_heading_are_inline():
    lead, points, layouts = section_body(paragraphs("", "一年来，支部抓学习。一是抓理论。二是抓实践。"))
    assert (lead, [p.body for p in points], layouts) == ("一年来，支部抓学习。", ["抓理论。", "抓实践。"], (INLINE,))


def test_a_point_starting_the_heading_paragraph_is_inline():
    lead, points, layouts = section_body(paragraphs("一是抓理论。学原文。", "这是第一条的续段。"))
    assert (lead, layouts) == ("", (INLINE,))
    assert [(p.lead, p.body) for p in points] == [("抓理论", "学原文。\n这是第一条的续段。")]


def test_each_point_in_its_own_paragraph_with_continuations():
    lead, points, layouts = section_body(paragraphs("", "一年来，支部抓学习。", "一是抓理论。", "学原文，悟原理。",
                                                    "二是抓实践。到一线。", "三是抓作风。"))
    assert lead == "一年来，支部抓学习。" and layouts == (EACH,)
    assert [(p.lead, p.body) for p in points] == [("抓理论", "学原文，悟原理。"), ("抓实践", "到一线。"), ("", "抓作风。")]
    assert [p.where["body"].paragraph for p in points] == [12, 14, 15]


def test_without_points_every_layout_fits_and_the_text_is_the_lead():
    assert section_body(paragraphs("抓学习。", "每周学习。")) == ("抓学习。\n每周学习。", [], (INLINE, SEPARATE, EACH))
