"""The numbering labels a paragraph may begin with, as specifications: each family's written forms, its number and
what follows it; and what looks like a label but is text (一、二季度, 1.5亿元, 第三方)."""

from __future__ import annotations

import pytest

from shuzhi_xl.importer.labels import chinese_count, leading_label


@pytest.mark.parametrize("written, value", [("一", 1), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20),
                                            ("二十三", 23), ("九十九", 99)])
def test_chinese_counts_up_to_ninety_nine(written, value):
    assert chinese_count(written) == value


#: (paragraph, family, rank, number, written label, text after it), worked out by hand from how 公文 number.
LABELLED = [
    ("第三部分 主要工作", "第一部分", 0, 3, "第三部分", "主要工作"),
    ("第二部分：存在问题", "第一部分", 0, 2, "第二部分：", "存在问题"),
    ("三、抓学习", "一、", 1, 3, "三、", "抓学习"),
    ("十二．抓活动", "一、", 1, 12, "十二．", "抓活动"),
    ("二. 抓活动", "一、", 1, 2, "二.", "抓活动"),
    ("  四、 抓作风", "一、", 1, 4, "四、", "抓作风"),
    ("（一）抓学习", "（一）", 2, 1, "（一）", "抓学习"),
    ("( 二 )，抓活动", "（一）", 2, 2, "( 二 )，", "抓活动"),
    ("（十一）、抓", "（一）", 2, 11, "（十一）、", "抓"),
    ("1.抓学习", "1.", 3, 1, "1.", "抓学习"),
    ("12．抓活动", "1.", 3, 12, "12．", "抓活动"),
    ("２、抓活动", "1、", 3, 2, "２、", "抓活动"),
    ("10、抓", "1、", 3, 10, "10、", "抓"),
    ("（3）抓", "（1）", 4, 3, "（3）", "抓"),
    ("(１０)，抓", "（1）", 4, 10, "(１０)，", "抓"),
    ("③抓", "①", 5, 3, "③", "抓"),
    ("⑳．抓", "①", 5, 20, "⑳．", "抓"),
    ("二是抓", "一是", 6, 2, "二是", "抓"),
    ("第三，抓", "第一，", 6, 3, "第三，", "抓"),
    ("第四、抓", "第一，", 6, 4, "第四、", "抓"),
    ("第五,抓", "第一，", 6, 5, "第五,", "抓"),
    ("壹、主要工作情况", "一、", 1, 1, "壹、", "主要工作情况"),
    ("拾贰．抓", "一、", 1, 12, "拾贰．", "抓"),
    ("（叁）抓", "（一）", 2, 3, "（叁）", "抓"),
]


@pytest.mark.parametrize("text, family, rank, number, written, rest", LABELLED)
def test_each_family_with_its_number_written_form_and_rest(text, family, rank, number, written, rest):
    label = leading_label(text)
    assert (label.family, label.rank, label.number, label.written, label.rest) == (family, rank, number, written, rest)


@pytest.mark.parametrize("text", ["一、二季度召开党员大会", "一、二等奖各一名", "三、四月开展活动", "一、二年级", "一、二季",
                                  "1.5亿元投资", "一.5亿元", "123.抓学习", "第三方评估", "第一次会议", "一年来，支部",
                                  "甲、抓学习", "A.抓学习", "抓学习", "十十、抓学习", "（十一十）抓", "九九九、抓",
                                  "壹、贰季度召开党员大会", "壹号楼"])
def test_text_that_only_looks_numbered_has_no_label(text):
    assert leading_label(text) is None


@pytest.mark.parametrize("text, style", [("（三）抓", "（一）"), ("(3)抓", "(1)"), ("３．抓", "1．"), ("十二、抓", "一、"),
                                         ("⑤抓", "①"), ("第三，抓", "第一，"), ("四是抓", "一是"), ("2、抓", "1、"),
                                         ("贰、抓", "一、"), ("(叁)抓", "(一)"),
                                         # tortoise-shell brackets, as in copies of 公文 (〔一〕压实责任)
                                         ("〔三〕抓", "〔一〕"), ("〔3〕抓", "〔1〕")])
def test_a_labels_style_is_its_first_label_in_the_authors_marks(text, style):
    assert leading_label(text).style == style


@pytest.mark.parametrize("text", ["第二部分 工作", "（二），抓", "③、抓"])
def test_a_label_the_workbook_cannot_number_has_no_style(text):
    assert leading_label(text).style is None
