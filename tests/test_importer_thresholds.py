"""Where the importer draws its lines, as specifications at the boundaries: a point's lead clause."""

from __future__ import annotations

import pytest

from shuzhi_xl.importer.document import numbered
from shuzhi_xl.importer.parse import parse_paragraphs

LEAD = 25  # characters: a first sentence up to this long before its full stop is a point's lead clause


def _points(first_point: str):
    text = f"""XX党支部书记2023年度抓基层党建工作述职报告
各位领导、同志们：
2023年，支部工作取得新进展。
一、主要工作情况
（一）抓学习。{first_point}二是短句。正文。
二、存在的问题
（一）学习不深。表现为学得不深。
三、下步工作打算
（一）抓学习。继续学习。
以上报告，请予审议。"""
    return parse_paragraphs(numbered(text.splitlines())).report.parts[0].sections[0].points


@pytest.mark.parametrize("length", [1, LEAD - 1, LEAD])
def test_a_short_first_sentence_is_the_lead(length):
    points = _points(f"一是{'乙' * length}。正文在这里。")
    assert [(p.lead, p.body) for p in points] == [("乙" * length, "正文在这里。"), ("短句", "正文。")]


@pytest.mark.parametrize("length", [LEAD + 1, LEAD + 10])
def test_a_longer_first_sentence_stays_in_the_body(length):
    points = _points(f"一是{'乙' * length}。正文在这里。")
    assert [(p.lead, p.body) for p in points] == [("", f"{'乙' * length}。正文在这里。"), ("短句", "正文。")]


def test_a_lead_closing_with_a_colon_keeps_it():
    points = _points("一是抓学习：每周学习。")
    assert (points[0].lead, points[0].body) == ("抓学习：", "每周学习。")
