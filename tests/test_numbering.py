"""Numbering styles: each label style recognised from any of its labels, and the n-th label written back."""

from __future__ import annotations

import pytest

from shuzhi_xl.numerals import NUMBERINGS, numbering_style, ordinal_label

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
