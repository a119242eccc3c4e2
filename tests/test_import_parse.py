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
    assert (info.closing, info.signature) == ("以上报告，请予审议。\n谢谢大家！", "XX党支部书记：张三")
    assert info.date == dt.date(2024, 1, 5)
    assert info.where["date"].paragraph == 21


def test_parts_by_meaning_with_other_numbering_and_a_part_before_part_one():
    result = parse_paragraphs(numbered(VARIANT))
    report = result.report
    assert [(p.name, p.heading) for p in report.parts] == [
        ("主要工作情况", "履职情况"), ("", "基本情况"), ("存在问题", "存在的不足和问题"), ("下步打算", "今后打算")]
    study = part(report, "work").sections[0]
    assert study.heading == "抓学习：" and [(p.lead, p.body) for p in study.points] == [
        ("学原文：", "读原著悟原理。"), ("抓研讨", "组织研讨6次。")]
    # A second study-like sub-section cannot take the sheet twice: it is kept as an extra one.
    assert [(s.name, s.heading) for s in part(report, "work").sections[4:]] == [("", "加强理论武装")]
    assert [s.heading for s in part(report, "problems").sections] == ["学习不深", "创新不够"]
    assert [s.heading for s in part(report, "plans").sections] == ["抓学习", "抓活动"]
    notes = [str(n) for n in result.notes]
    assert any(n.startswith("第7段：") and "位于第一部分之前" in n for n in notes)
    assert any(n.startswith("第11段：") and "加强理论武装" in n for n in notes)
    # The heading's colon and the lead's colon print as they were written.
    assert any("（一）抓学习：一是学原文：读原著悟原理。" in p.text for p in report_paragraphs(report))


def test_a_year_given_for_the_new_report_is_set_and_the_old_one_listed():
    result = parse_paragraphs(numbered(VARIANT), year=2024)
    assert result.report.info.year == 2024
    # The old year stays where it is written, in the title and the opening, and the note says both.
    assert any("写到往年的第2段（2023年）、第6段（2023年）未自动修改" in str(n) for n in result.notes)
