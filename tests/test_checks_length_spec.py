"""Length (LN…) specified on a small report whose printed characters are counted here by hand: the title block is
left out, spaces are not counted, cited figures count as printed, and each limit is met exactly or exceeded by one."""

from __future__ import annotations

from dataclasses import replace

from shuzhi_xl import schema
from shuzhi_xl.checks import length
from shuzhi_xl.checks.facts import Facts
from shuzhi_xl.checks.rules import load_rules
from shuzhi_xl.model import Info, Location, Metric, Part, Report, Section
from shuzhi_xl.report.text import report_paragraphs

BODY = schema.BODY.name


def _report() -> Report:
    """Printed, by hand: 述职报告 / 张三 (title block, not counted); 各位领导： 5; 现述职如下。 6;
    一、工作情况 6; 全年 学习24次。 8 (the space not counted, {次数} printed as 24); 第二段。 4; 二、存在问题 6; 不足。 3;
    特此报告。 5. Part 工作情况 6+8+4 = 18, part 存在问题 6+3 = 9, total 5+6+18+9+5 = 43."""
    info = Info(title="述职报告", author="张三", salutation="各位领导：", opening="现述职如下。", closing="特此报告。")
    parts = [Part("工作情况", [Section("", "全年 学习{次数}次。\n第二段。")], where={"heading": Location(BODY, "D2")}),
             Part("存在问题", [Section("", "不足。")], where={"heading": Location(BODY, "D6")})]
    return Report(info, parts, [], [Metric("次数", 24.0, "次")])


def _rules(tmp_path, text: str):
    path = tmp_path / "规则.toml"
    path.write_text(text, encoding="utf-8")
    return load_rules(path)


def _check(report: Report, rules=None):
    rules = rules or load_rules()
    return list(length.check(report, rules, Facts(report, rules)))


def test_characters_leave_out_every_kind_of_space():
    assert length.characters(" 一 二\n三\u3000四\t") == 4
    assert length.characters("") == 0


def test_part_lengths_count_the_printed_text_without_title_and_author():
    assert length.part_lengths(report_paragraphs(_report())) == (43, [18, 9])


def test_text_before_the_first_part_title_counts_in_the_total_only():
    report = _report()
    report.parts.insert(0, Part("", [Section("", "前言三字")]))  # 4 characters, under no part title
    assert length.part_lengths(report_paragraphs(report)) == (47, [18, 9])


def test_the_counts_are_one_information_finding_naming_each_part():
    found = _check(_report())
    assert [(f.code, f.severity, f.sheet, f.cell) for f in found] == [("LN001", "info", "", "")]
    assert found[0].message == "全文约 43 字（不含标题和署名，不计空格）：工作情况 18 字，存在问题 9 字。"


def test_a_total_limit_met_exactly_is_fine_and_one_character_over_is_a_warning(tmp_path):
    assert [f.code for f in _check(_report(), _rules(tmp_path, "[length]\ntotal = 43\n"))] == ["LN001"]
    found = _check(_report(), _rules(tmp_path, "[length]\ntotal = 42\n"))
    assert [(f.code, f.severity, f.cell) for f in found] == [("LN001", "info", ""), ("LN002", "warning", "")]
    assert found[1].message == "全文 43 字，超过规定的 42 字。"


def test_a_part_limit_by_role_is_a_warning_at_that_parts_title(tmp_path):
    assert [f.code for f in _check(_report(), _rules(tmp_path, "[length]\nwork = 18\nproblems = 9\n"))] == ["LN001"]
    found = _check(_report(), _rules(tmp_path, "[length]\nwork = 100\nproblems = 8\n"))
    assert [(f.code, f.severity, f.sheet, f.cell) for f in found[1:]] == [("LN002", "warning", BODY, "D6")]
    assert found[1].message == "“存在问题”部分 9 字，超过规定的 8 字。"


def test_a_limit_in_the_outline_takes_precedence_over_the_role_limit(tmp_path):
    outline = '[[outline.parts]]\nname = "工作情况"\nlimit = 17\n[[outline.parts]]\nname = "存在问题"\n'
    found = _check(_report(), _rules(tmp_path, "[length]\nwork = 100\nproblems = 8\n" + outline))
    # 工作情况 by its outline item (17 < 18); 存在问题's item has no limit, so its role's 8 applies
    assert [(f.code, f.cell) for f in found[1:]] == [("LN002", "D2"), ("LN002", "D6")]
    assert found[1].message == "“工作情况”部分 18 字，超过规定的 17 字。"
    relaxed = _check(_report(), _rules(tmp_path, "[length]\nwork = 10\n" + outline.replace("17", "18")))
    assert [f.code for f in relaxed] == ["LN001"]


def test_a_limit_in_the_outline_alone_is_a_warning_too(tmp_path):
    outline = '[[outline.parts]]\nname = "工作情况"\nlimit = 17\n[[outline.parts]]\nname = "存在问题"\n'
    rules = _rules(tmp_path, outline)._replace(length={})  # no [length] table at all
    assert [(f.code, f.cell) for f in _check(_report(), rules)] == [("LN001", ""), ("LN002", "D2")]


def test_no_limit_means_no_warning_however_long():
    report = _report()
    report.parts[0].sections[0].lead = "很长的内容。" * 500
    assert [f.code for f in _check(report)] == ["LN001"]


def test_what_each_finding_tells_the_author(tmp_path):
    found = _check(_report(), _rules(tmp_path, "[length]\ntotal = 10\nwork = 10\n"))
    assert [(f.code, f.suggestion) for f in found] == [
        ("LN001", "如上级规定了字数，可在规则文件的 [length] 中设置，超出时会提示。"),
        ("LN002", "精简内容。"),
        ("LN002", "精简这一部分的内容。"),
    ]


def test_a_part_of_no_known_role_has_no_limit_and_rules_without_a_length_table_limit_nothing():
    report = _report()
    report.parts[1].heading = "特色亮点"  # neither work, problems nor plans
    rules = load_rules()._replace(length={})
    assert [f.code for f in _check(report, rules)] == ["LN001"]
    assert [f.code for f in _check(report)] == ["LN001"]
