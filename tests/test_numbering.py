"""Numbering styles: each label style recognised from any of its labels, and the n-th label written back."""

from __future__ import annotations

import pytest

from shuzhi_xl.numerals import NUMBERINGS, numbering_style, ordinal_label, written_style

#: (style, the 1st, 2nd, 10th and 12th labels as an author writes them), typed out by hand.
WRITTEN = [
    ("一、", ["一、", "二、", "十、", "十二、"]),
    ("（一）", ["（一）", "（二）", "（十）", "（十二）"]),
    ("一是", ["一是", "二是", "十是", "十二是"]),
    ("第一，", ["第一，", "第二，", "第十，", "第十二，"]),
    ("1.", ["1.", "2.", "10.", "12."]),
    ("1、", ["1、", "2、", "10、", "12、"]),
    ("（1）", ["（1）", "（2）", "（10）", "（12）"]),
    ("①", ["①", "②", "⑩", "⑫"]),
]


@pytest.mark.parametrize("style, labels", WRITTEN)
def test_each_label_is_recognised_and_written_back(style, labels):
    assert [ordinal_label(style, n) for n in (1, 2, 10, 12)] == labels
    assert {numbering_style(label) for label in labels} == {style}


def test_every_style_is_covered_and_unnumbered_prints_no_label():
    assert {style for style, _ in WRITTEN} | {"无"} == set(NUMBERINGS)
    assert ordinal_label("无", 3) == ""
    assert numbering_style("无") == "无" and numbering_style("  ") == ""


@pytest.mark.parametrize("label", ["(3)", "3．", "（ 三 ）"])
def test_half_width_and_spaced_labels_count(label):
    assert numbering_style(label) is not None


@pytest.mark.parametrize("label", ["甲、", "A.", "3", "一是二"])
def test_unknown_labels_are_none(label):
    assert numbering_style(label) is None


@pytest.mark.parametrize("label, style, third", [("(三)", "(一)", "(三)"), ("3．", "1．", "3．"), ("（二）", "（一）", "（三）"),
                                                 ("三.", "一.", "三."), ("2、", "1、", "3、"), ("（ 4 ）", "（1）", "（3）"),
                                                 ("〔二〕", "〔一〕", "〔三〕")])
def test_the_authors_form_of_a_label_is_kept_when_renumbered(label, style, third):
    # An imported "(一)" prints "(二)" "(三)" again, not the full-width form: the report keeps the author's marks.
    assert written_style(label) == style and ordinal_label(style, 3) == third


@pytest.mark.parametrize("label", ["", "无", "①", "甲、"])
def test_written_style_agrees_with_numbering_style_where_there_is_no_form_to_keep(label):
    assert written_style(label) == numbering_style(label)


@pytest.mark.parametrize("label, style, written", [("壹、", "一、", "一、"), ("叁．", "一、", "一．"), ("拾贰、", "一、", "一、"),
                                                   ("（贰）", "（一）", "（一）"), ("(肆)", "（一）", "(一)"), ("伍是", "一是", "一是"),
                                                   ("第陆，", "第一，", "第一，")])
def test_labels_in_financial_numerals_are_their_plain_styles(label, style, written):
    # 壹贰叁 are 一二三 written as on a cheque: the report numbers parts 一、 whichever the author typed.
    assert (numbering_style(label), written_style(label)) == (style, written)
