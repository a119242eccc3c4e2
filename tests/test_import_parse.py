"""The parser on report texts that differ from the seed: front and back matter, other numbering, extras."""

from __future__ import annotations

import datetime as dt

from shuzhi_xl.importer.document import numbered
from shuzhi_xl.importer.parse import parse_paragraphs
from shuzhi_xl.report.text import report_paragraphs
from support import part

VARIANT = """XX党支部书记
2023年度抓基层党建工作述职报告
——XX党支部书记 张三

各位领导、同志们：
2023年，在机关党委的坚强领导下，支部工作取得新进展。
一、基本情况
支部现有党员25名。
二、履职情况
（一）抓学习：一是学原文：读原著悟原理。二是抓研讨。组织研讨6次。
（二）加强理论武装。开展读书班1期。
三、存在的不足和问题
1、学习不深。
2、创新不够。
四、今后打算
（1）抓学习。
（2）抓活动。
以上报告，请予审议。
谢谢大家！
XX党支部书记：张三
二〇二四年一月五日""".splitlines()


def test_front_and_back_matter_of_a_variant_report():
    info = parse_paragraphs(numbered(VARIANT)).report.info
    # The title keeps its two lines; branch, year and name come from the title and the author line, and the
    # committee, which only the opening's sentence names, is left blank.
    assert (info.title, info.branch, info.year, info.secretary, info.committee) == (
        "XX党支部书记\n2023年度抓基层党建工作述职报告", "XX党支部", 2023, "张三", "")
    assert info.salutation == "各位领导、同志们："
    assert info.opening == "2023年，在机关党委的坚强领导下，支部工作取得新进展。"
    # The date in Chinese numerals ends the signature as written (成文日期 would print 2024年1月5日), with a note.
    assert (info.closing, info.signature) == ("以上报告，请予审议。\n谢谢大家！", "XX党支部书记：张三\n二〇二四年一月五日")
    assert info.date is None


def test_a_date_in_the_reports_own_form_is_the_report_date():
    lines = [*VARIANT[:-1], "2024年1月5日"]
    result = parse_paragraphs(numbered(lines))
    assert (result.report.info.date, result.report.info.where["date"].paragraph) == (dt.date(2024, 1, 5), 21)
    assert result.report.info.signature == "XX党支部书记：张三"
    verbatim = parse_paragraphs(numbered(VARIANT))
    assert any(n.paragraph == 21 and "“二〇二四年一月五日”照原样作为落款的最后一行保留" in str(n) for n in verbatim.notes)


def test_parts_in_the_authors_order_with_their_own_numbering():
    result = parse_paragraphs(numbered(VARIANT))
    report = result.report
    # Nothing is reordered: 基本情况 stays first, every part keeps its heading; those that are items of the default
    # 提纲 by a name or variant in their heading take its 栏目 name.
    assert [(p.heading, p.name, p.numbering) for p in report.parts] == [
        ("基本情况", "", ""), ("履职情况", "主要工作情况", ""), ("存在的不足和问题", "存在问题", ""), ("今后打算", "下步打算", "")]
    basics, work, problems, plans = report.parts
    assert [(s.heading, s.lead) for s in basics.sections] == [("", "支部现有党员25名。")]
    study, theory = work.sections
    assert study.heading == "抓学习：" and [(p.lead, p.body) for p in study.points] == [
        ("学原文：", "读原著悟原理。"), ("抓研讨", "组织研讨6次。")]
    assert (theory.heading, theory.lead) == ("加强理论武装。", "开展读书班1期。")
    # Items numbered 1、 and （1） keep that numbering.
    assert [(s.heading, s.numbering) for s in problems.sections] == [("学习不深。", "1、"), ("创新不够。", "1、")]
    assert [(s.heading, s.numbering) for s in plans.sections] == [("抓学习。", "（1）"), ("抓活动。", "（1）")]
    texts = [p.text for p in report_paragraphs(report)]
    assert texts[texts.index("二、履职情况") + 1] == "（一）抓学习：一是学原文：读原著悟原理。二是抓研讨。组织研讨6次。"
    assert ["1、学习不深。", "2、创新不够。", "四、今后打算", "（1）抓学习。", "（2）抓活动。"] == \
        texts[texts.index("三、存在的不足和问题") + 1:texts.index("（2）抓活动。") + 1]
    assert not any("移到" in str(n) or "新增" in str(n) for n in result.notes)


def test_a_year_given_for_the_new_report_is_set_and_the_old_one_listed():
    result = parse_paragraphs(numbered(VARIANT), year=2024)
    assert result.report.info.year == 2024
    # The old year stays where it is written, in the title and the opening, and the note says both.
    assert any("写到往年的第2段（2023年）、第6段（2023年）未自动修改" in str(n) for n in result.notes)


def test_a_range_of_numbers_and_a_number_out_of_sequence_stay_text_as_written():
    lines = ["今年以来，支部做了以下工作：", "一、二季度，支部重点抓了学习。", "三、四季度，支部重点抓了活动。",
             "一、主要工作", "支部全年学习12次。", "三、存在问题", "学习不深。"]
    result = parse_paragraphs(numbered(lines))
    # 一、二季度 is no label, and 三、 after 一、 would print as 二、: both stay text, the second with a note.
    assert [p.heading for p in result.report.parts] == ["主要工作"]
    assert [p.text for p in report_paragraphs(result.report)] == lines
    assert any(n.paragraph == 6 and "“三、”的编号没有接着" in str(n) for n in result.notes)
