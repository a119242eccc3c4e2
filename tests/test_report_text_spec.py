"""The report's words as specifications: numbers cited from 指标数据, generated numbering, clause endings, layouts,
and the order of the paragraphs. Expected strings are written out by hand."""

from __future__ import annotations

import datetime as dt

import pytest

from checks_support import SECTION_NAMES, clean_report
from shuzhi_xl import schema
from shuzhi_xl.model import Metric, Point, Section
from shuzhi_xl.report.text import (clause, fill_metrics, format_number, report_paragraphs, section_paragraphs,
                                   strip_numbering)

SAME, NEW_PARAGRAPH, EACH = schema.LAYOUTS


@pytest.mark.parametrize("value, shown", [
    (12.0, "12"), (0.0, "0"), (-3.0, "-3"), (1e6, "1000000"), (1234.5, "1234.5"), (3.14159, "3.14"),
    (10.10, "10.1"), (0.1 + 0.2, "0.3"), (2.999, "3"), (0.05, "0.05"),
])
def test_numbers_are_written_bare_with_at_most_two_decimals(value, shown):
    assert format_number(value) == shown


def test_cited_metrics_are_filled_and_missing_ones_marked():
    metrics = {"签约总投资": Metric("签约总投资", 10.0, "亿元"), "完成率": Metric("完成率", 96.5, "%"),
               "备注项": Metric("备注项", "约十个", ""), "空值": Metric("空值", None, "")}
    text = "签约{签约总投资}亿元，完成{ 完成率 }%，{备注项}，{空值}，{没有的}。"
    assert fill_metrics(text, metrics) == "签约10亿元，完成96.5%，约十个，【缺：空值】，【缺：没有的】。"
    assert fill_metrics("没有引用{}也没有{未闭合", metrics) == "没有引用{}也没有{未闭合"


@pytest.mark.parametrize("text, expected", [
    ("抓学习", "抓学习。"), ("  抓学习  ", "抓学习。"), ("抓学习：", "抓学习："), ("好！", "好！"), ("吗？", "吗？"),
    ("一是；", "一是；"), ("等等…", "等等…"), ("完成。", "完成。"), ("", "")
])
def test_a_clause_ends_with_a_full_stop_unless_it_already_closes(text, expected):
    assert clause(text) == expected


@pytest.mark.parametrize("text, expected", [
    ("一是抓学习", "抓学习"), ("十二是，抓学习", "抓学习"), ("（一）加强", "加强"), ("(二) 加强", "加强"),
    ("三、加强", "加强"), ("一是一是", "一是"), ("第一条", "第一条"), ("一流", "一流"), ("是非", "是非"),
    ("  一、 加强", "加强"), ("第一，加强", "加强"), ("1.加强", "加强"), ("２、加强", "加强"), ("(3)加强", "加强"),
    ("（１）加强", "加强"), ("②加强", "加强"), ("\u3000四是加强", "加强"), ("1.5倍", "1.5倍"), ("２０２４年", "２０２４年"),
])
def test_only_the_first_hand_typed_ordinal_is_removed(text, expected):
    assert strip_numbering(text) == expected


def _runs(points: list[Point]) -> list[tuple[str, str]]:
    return [(r.text, r.kind) for p in section_paragraphs(Section("", "", points), "", SAME) for r in p.runs]


def test_points_are_numbered_in_chinese_and_their_lead_is_a_clause():
    points = [Point("", f"第{n}条。") for n in range(1, 12)] + [Point("抓学习", "每周学习一次。")]
    assert _runs(points)[-5:] == [("十一是", "ordinal"), ("第11条。", "text"),
                                  ("十二是", "ordinal"), ("抓学习。", "lead"), ("每周学习一次。", "text")]
    assert _runs([Point("", "一是每周学习。")]) == [("一是", "ordinal"), ("每周学习。", "text")]
    assert _runs([Point("二是重复", "正文")]) == [("一是", "ordinal"), ("重复。", "lead"), ("正文", "text")]


def test_unnumbered_points_have_no_ordinal_run():
    section = Section("", "", [Point("抓学习", "每周学习一次。"), Point("", "抓研讨。")], point_numbering="无")
    runs = [(r.text, r.kind) for p in section_paragraphs(section, "", SAME) for r in p.runs]
    assert runs == [("抓学习。", "lead"), ("每周学习一次。", "text"), ("抓研讨。", "text")]


def test_a_cited_metric_is_filled_in_any_run_which_keeps_its_kind():
    report = clean_report()
    report.info.opening = "签约总投资{签约总投资}亿元。"  # a paragraph whose one run cites
    report.parts[0].sections.insert(0, Section("签约{签约总投资}亿元", "", [Point("到位{已到位资金}亿元", "")]))
    paragraphs = report_paragraphs(report)
    assert [(r.text, r.kind) for r in next(p for p in paragraphs if p.role == "opening").runs] == [
        ("签约总投资10亿元。", "text")]
    assert [(r.text, r.kind) for r in next(p for p in paragraphs if p.role == "body").runs] == [
        ("（一）签约10亿元。", "heading"), ("一是", "ordinal"), ("到位8亿元。", "lead")]


def _section(heading="抓学习", lead="支部坚持学习。"):
    return Section(heading, lead, [Point("学原文", "读原著。"), Point("", "抓研讨。")])


@pytest.mark.parametrize("layout, texts", [
    (SAME, ["（二）抓学习。支部坚持学习。一是学原文。读原著。二是抓研讨。"]),
    (NEW_PARAGRAPH, ["（二）抓学习。支部坚持学习。", "一是学原文。读原著。二是抓研讨。"]),
    (EACH, ["（二）抓学习。支部坚持学习。", "一是学原文。读原著。", "二是抓研讨。"]),
])
def test_the_three_layouts_of_points(layout, texts):
    section = _section()
    section.layout = layout
    assert [p.text for p in section_paragraphs(section, "（二）", SAME)] == texts


def test_report_paragraphs_in_reading_order():
    report = clean_report()
    report.info.date = dt.date(2022, 1, 5)
    work = report.parts[0]
    work.sections.insert(1, Section("", "", []))  # empty: printed not at all
    work.sections.insert(2, Section("", "没有标题的段落。", []))  # printed, takes no number
    paragraphs = report_paragraphs(report)
    roles = [p.role for p in paragraphs]
    assert roles[:3] == ["title", "author", "opening"]
    assert roles[-2:] == ["closing", "date"]
    assert paragraphs[-1].text == "2022年1月5日"
    parts = [p.text for p in paragraphs if p.role == "part"]
    assert parts == ["一、主要工作情况", "二、存在的问题", "三、下步工作打算"]
    body = [p.text for p in paragraphs if p.role == "body"]
    ordinals = ["（一）", "（二）", "（三）", "（四）", "（五）", "（六）", "（七）", "（八）", "（九）", "（十）"]
    headed = [t[:3] for t in body if t.startswith("（")]
    assert headed == ordinals[:len(SECTION_NAMES)] + ordinals[:2] + ordinals[:2]  # numbering restarts per part
    assert "没有标题的段落。" in body
    assert "签约总投资10亿元" in "".join(body) and "{" not in "".join(body)


def test_a_heading_without_a_number_has_no_label_and_a_headed_section_without_points_is_one_paragraph():
    section = Section("抓学习", "支部坚持学习。", [], layout=NEW_PARAGRAPH)
    paragraphs = section_paragraphs(section, "", SAME)
    assert [p.text for p in paragraphs] == ["抓学习。支部坚持学习。"]
    assert [(r.text, r.kind) for r in paragraphs[0].runs] == [("抓学习。", "heading"), ("支部坚持学习。", "text")]


def test_a_body_after_a_lead_keeps_its_own_enumeration():
    assert [text for text, _ in _runs([Point("抓学习", "一是学原文，二是学讲话。")])] == ["一是", "抓学习。", "一是学原文，二是学讲话。"]


def test_every_paragraph_keeps_its_role_text_and_run_kinds():
    report = clean_report()
    info = report.info
    info.salutation, info.signature = "各位领导、同志们：", "机关第一党支部 张三"
    info.opening = "2022年，支部 认真落实要求。\n现将具体情况述职如下："
    report.parts[0].sections.insert(0, Section("", "", []))  # no content: no paragraph at all
    paragraphs = report_paragraphs(report)
    by_role = {}
    for p in paragraphs:
        by_role.setdefault(p.role, []).append(p.text)
    assert by_role["author"] == ["机关第一党支部书记 张三"]
    assert by_role["salutation"] == ["各位领导、同志们："]
    assert by_role["opening"] == ["2022年，支部 认真落实要求。", "现将具体情况述职如下："]
    assert by_role["closing"] == ["特此报告，请予评议。"] and by_role["signature"] == ["机关第一党支部 张三"]
    assert all(p.text for p in paragraphs)
    parts = [p for p in paragraphs if p.role == "part"]
    assert all([r.kind for r in p.runs] == ["heading"] for p in parts)
    first_body = next(p for p in paragraphs if p.role == "body")
    assert [r.kind for r in first_body.runs] == ["heading", "text", "ordinal", "lead", "text", "ordinal", "text"]


def test_a_heading_alone_is_its_own_paragraph_without_a_full_stop():
    section = Section("抓学习", "支部坚持学习。", [Point("", "学原文。")], alone=True)
    paragraphs = section_paragraphs(section, "（三）", SAME)
    assert [[(r.text, r.kind) for r in p.runs] for p in paragraphs] == [
        [("（三）抓学习", "heading")], [("支部坚持学习。", "text"), ("一是", "ordinal"), ("学原文。", "text")]]


def test_each_further_line_of_a_point_is_a_paragraph_of_its_own():
    section = Section("", "", [Point("抓学习", "第一行。\n\n第二行。\n第三行。")])
    assert [p.text for p in section_paragraphs(section, "", SAME)] == ["一是抓学习。第一行。", "第二行。", "第三行。"]


def test_chosen_numbering_styles_and_unnumbered_headings():
    report = clean_report()
    report.parts[0].numbering = "第一，"
    report.parts[1].numbering = "无"  # 存在的问题 printed without a label; the next part is still 二、
    report.parts[0].sections[0].numbering = "1."
    report.parts[0].sections[1].numbering = "无"  # takes no number: the one after it is 2.
    report.parts[0].sections[2].numbering = "1."
    parts = [p.text for p in report_paragraphs(report) if p.role == "part"]
    assert parts == ["第一，主要工作情况", "存在的问题", "二、下步工作打算"]
    headings = [p.runs[0].text for p in report_paragraphs(report) if p.role == "body" and p.runs[0].kind == "heading"]
    assert headings[:3] == ["1.政治学习扎实有效，支部建设不断加强。", "重点任务扎实有效，支部建设不断加强。",
                            "2.支部活动扎实有效，支部建设不断加强。"]
