"""Unfinished marks, span by span: what is a mark, where it starts and ends, and the terms that only look like one.
Each expected span is counted by hand in its text."""

from __future__ import annotations

import pytest

from checks_support import clean_report
from shuzhi_xl.checks import check_report
from shuzhi_xl.checks.placeholders import find_marks


@pytest.mark.parametrize("text, spans", [
    ("完成X个项目", [(2, 3)]),
    ("XX街社区和XXX党支部", [(0, 2), (6, 9)]),
    ("ＸＸ单位", [(0, 2)]),  # full-width X
    ("ｘｘ单位和Ｘｘ人", [(0, 2), (5, 7)]),  # full-width, in either case
    ("xx街道", [(0, 2)]),  # two lower-case x are a mark
    ("××单位", [(0, 2)]),
    ("评为优秀等次的×名", [(7, 8)]),  # one × stands for a figure too
    ("于×月×日召开", [(1, 2), (3, 4)]),
    ("某某同志", [(0, 2)]),
    ("〇〇公司和○○同志", [(0, 2), (5, 7)]),
    ("数据【待核实】", [(2, 7)]),
    ("见（待补充）", [(1, 6)]),
    ("见(待确认)", [(1, 6)]),
    ("帮助解决实际困难（待统计）个", [(8, 13)]),
    ("见（待更新）和（人数待统计）", [(1, 6), (7, 14)]),
    ("todo：补数字", [(0, 4)]),
    ("ToDo 和 tBd", [(0, 4), (7, 10)]),
    ("TBD", [(0, 3)]),
    ("学习《》精神", [(2, 4)]),
    ("“ ”", [(0, 3)]),
    ("3x4，走访XX社区", [(6, 8)]),  # a lone x before a mark is passed over, the mark still found
    ("共有**人参加", [(2, 4)]),  # runs of * next to ideographs or figures stand for names and numbers
    ("张*同志", [(1, 2)]),
    ("完成***%", [(2, 5)]),
    ("得分：**5", [(3, 5)]),
    ("签字**", [(2, 4)]),
    ("签字****", [(2, 5)]),  # at most three, the rest is no mark
    ("XX单位**人", [(0, 2), (4, 6)]),
    ("姓名：＿＿＿，电话：__", [(3, 6), (10, 12)]),
    ("□□单位", [(0, 2)]),
])
def test_marks_and_their_spans(text, spans):
    assert find_marks(text) == spans


@pytest.mark.parametrize("text", [
    "安全事故〇起",  # a single 〇 is the numeral zero
    "二〇〇八年", "二〇二〇年度",  # 〇〇 inside a year written in numerals
    "拍X线片", "X射线检查", "X型钢", "X轴方向", "X光",  # terms
    "3×4", "3 × 4", "5×", "×3倍",  # × multiplying figures
    "3x4", "x 轴", "Xx", "xX", "XML", "Xbox", "ID: X-1024", "X_1", "X/Y",  # a letter or code beside the X
    "《中国共产党支部工作条例（试行）》", "（一）",
    "5*3", "a*b", "**", "*Note", "A**字", "5** 人", "姓名：＿",  # * beside letters, figures or nothing; one ＿
])
def test_terms_that_only_look_like_marks(text):
    assert find_marks(text) == []


def test_each_cell_with_marks_is_one_error_quoting_them():
    report = clean_report()
    report.parts[0].sections[0].points[0].body = "走访XX社区，慰问〇〇户，二〇二二年共计某某人次。"
    found = [f for f in check_report(report) if f.code == "PH001"]
    assert len(found) == 1 and found[0].severity == "error"
    assert all(mark in found[0].message for mark in ("XX", "〇〇", "某某"))
    assert found[0].suggestion == "把占位符换成实际的名称、数字或内容；确实不需要的请删除。"
    assert (found[0].found, found[0].offset) == ("XX", 2)  # the first mark, where it starts


def test_marks_are_found_in_any_of_many_cells_and_never_across_two():
    from shuzhi_xl.checks.cells import TextCell
    from shuzhi_xl.checks.placeholders import check_cells
    from shuzhi_xl.model import Location

    def found(*texts):
        cells = [TextCell(text, Location("报告正文", f"E{row}")) for row, text in enumerate(texts, start=3)]
        return [(f.cell, f.found) for f in check_cells(cells)]

    assert found("全年学习十二次。", "走访群众。") == []
    assert found("全年学习十二次。", "走访群众。", "慰问XX户。") == [("E5", "XX")]
    # "【" ending one cell and "待核实】" opening the next are no mark together; the 某某 after them is one
    assert found("详见【", "待核实】", "某某同志") == [("E5", "某某")]
    assert found("见（", "）某某", "共有**人") == [("E4", "某某"), ("E5", "**")]
