"""Structure checks (ST…) specified on small hand-built reports: each required field, the year's bounds, an empty
body, a committee's 提纲 (missing, empty and extra parts and sections), headings without content, and the values the
reader had to ignore. Cells are chosen here and every expectation is written out by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from shuzhi_xl import schema
from shuzhi_xl.checks import structure
from shuzhi_xl.checks.facts import Facts
from shuzhi_xl.checks.rules import load_rules
from shuzhi_xl.model import IgnoredValue, Info, Location, Part, Point, Report, Section

INFO, BODY, LEDGER = schema.INFO.name, schema.BODY.name, schema.LEDGER.name
#: 基本信息's value cells, row by row as a user would see them.
INFO_CELLS = {key: Location(INFO, f"B{row}") for row, key in enumerate(
    ("branch", "committee", "secretary", "year", "title", "author", "salutation", "opening"), start=2)}
#: A committee's 提纲: 工作情况 with 政治学习 and 支部活动 required, 特色工作 optional; 存在问题 required.
COMMITTEE = """
[[outline.parts]]
name = "工作情况"
title = "主要工作情况"
[[outline.parts.sections]]
name = "政治学习"
[[outline.parts.sections]]
name = "支部活动"
[[outline.parts.sections]]
name = "特色工作"
required = false
[[outline.parts]]
name = "存在问题"
title = "存在的问题"
"""


def _at(row: int, column: str = "D") -> Location:
    return Location(BODY, f"{column}{row}")


def _info(**changes) -> Info:
    values = dict(branch="第一党支部", committee="机关党委", secretary="李四", year=2023, opening="现述职如下：")
    return Info(**{**values, **changes}, where=dict(INFO_CELLS))


def _section(heading: str, row: int, lead: str = "全年学习二十四次。", points=(), name: str = "") -> Section:
    return Section(heading, lead, list(points), name=name,
                   where={"heading": _at(row), "name": _at(row, "B"), "lead": _at(row, "E")})


def _part(heading: str, row: int, sections=(), name: str = "") -> Part:
    return Part(heading, list(sections), name=name, where={"heading": _at(row), "name": _at(row, "B")})


def _report(parts, **info) -> Report:
    return Report(_info(**info), list(parts))


def _plain_report() -> Report:
    return _report([_part("主要工作情况", 2, [_section("抓学习", 3)])])


def _check(report: Report, rules):
    return structure.check(report, rules, Facts(report, rules))


def _findings(report: Report, rules=None) -> list[tuple[str, str, str, str]]:
    rules = rules or load_rules()
    return sorted((f.code, f.severity, f.sheet, f.cell) for f in _check(report, rules))


def _committee(tmp_path: Path):
    path = tmp_path / "规则.toml"
    path.write_text(COMMITTEE, encoding="utf-8")
    return load_rules(path)


def test_a_complete_report_under_the_default_outline_has_no_structural_finding():
    assert _findings(_plain_report()) == []


@pytest.mark.parametrize("key, label, advice", [
    ("branch", "支部名称", "在此填写支部名称。示例：机关第一党支部"),
    ("committee", "上级党组织", "在此填写上级党组织。示例：机关党委"),
    ("secretary", "书记姓名", "在此填写书记姓名。示例：张三"),
    ("year", "述职年度", "在此填写述职年度。示例：2024"),
    ("opening", "开篇段落", "在此填写开篇段落。"),
])
def test_each_required_field_left_empty_is_one_error_at_its_cell(key, label, advice):
    report = _plain_report()
    setattr(report.info, key, None if key == "year" else "")
    found = list(_check(report, load_rules()))
    assert [(f.code, f.severity, f.sheet, f.cell) for f in found] == [("ST001", "error", INFO, INFO_CELLS[key].cell)]
    assert found[0].message == f"必填项“{label}”还没有填写。"
    assert found[0].suggestion == advice


def test_optional_fields_left_empty_raise_nothing():
    assert _findings(_report(_plain_report().parts, title="", author="", salutation="")) == []


def test_a_required_field_the_reader_could_not_use_is_reported_once_as_unreadable_not_as_empty():
    report = _plain_report()
    report.info.year = None
    report.ignored = [IgnoredValue(INFO_CELLS["year"], schema.INFO.field("year"), "二〇二三")]
    found = list(_check(report, load_rules()))
    assert [(f.code, f.cell) for f in found] == [("ST009", "B5")]
    assert found[0].message == "“述职年度”填的“二〇二三”无法识别为年份。"
    assert found[0].suggestion == "只填阿拉伯数字，如 2024。"


@pytest.mark.parametrize("year, valid", [(1999, False), (2000, True), (2099, True), (2100, False), (23, False)])
def test_the_year_must_be_between_2000_and_2099(year, valid):
    report = _plain_report()
    report.info.year = year
    assert structure.checked_year(report) == (year if valid else None)
    expected = [] if valid else [("ST007", "error", INFO, "B5")]
    assert _findings(report) == expected


def test_an_invalid_year_is_named_in_the_message():
    report = _plain_report()
    report.info.year = 1999
    (found,) = _check(report, load_rules())
    assert found.message == "述职年度“1999”不是有效的四位年份。"


def test_a_missing_year_is_no_checked_year():
    report = _plain_report()
    report.info.year = None
    assert structure.checked_year(report) is None


def test_an_empty_body_is_one_error_on_the_body_sheet():
    found = _findings(_report([]))
    assert found == [("ST004", "error", BODY, "")]


def test_a_body_of_headings_only_is_not_empty_but_each_heading_is_warned():
    report = _report([_part("主要工作情况", 2), _part("存在的问题", 7)])
    assert _findings(report) == [("ST010", "warning", BODY, "D2"), ("ST010", "warning", BODY, "D7")]


def test_a_body_of_text_without_any_heading_is_not_empty():
    report = _report([_part("", 2, [_section("", 3, lead="一年来，支部扎实开展工作。")])])
    assert _findings(report) == []


def test_an_old_workbook_is_told_it_can_be_upgraded():
    report = _plain_report()
    report.version = "1"
    found = list(_check(report, load_rules()))
    assert [(f.code, f.severity, f.sheet, f.cell) for f in found] == [("ST016", "info", "", "")]
    assert "结构版本 1" in found[0].message


def test_a_current_or_unversioned_workbook_is_not_told_to_upgrade():
    for version in ("", schema.SCHEMA_VERSION):
        report = _plain_report()
        report.version = version
        assert _findings(report) == []


def _committee_report() -> Report:
    work = _part("主要工作情况", 2, [_section("学习抓得紧", 3, name="政治学习"),
                                  _section("活动有特色", 5, name="支部活动")])
    problems = _part("存在的问题", 8, [_section("学习不深入", 9)])
    return _report([work, problems])


def test_a_report_meeting_the_committees_outline_has_no_structural_finding(tmp_path):
    assert _findings(_committee_report(), _committee(tmp_path)) == []


def test_a_required_part_missing_is_an_error_on_the_body_sheet_naming_its_title(tmp_path):
    report = _committee_report()
    del report.parts[1]
    found = [f for f in _check(report, _committee(tmp_path))]
    assert [(f.code, f.severity, f.sheet, f.cell) for f in found] == [("ST012", "error", BODY, "")]
    assert found[0].message == "提纲要求的部分“存在的问题”没有找到。"


def test_a_required_part_present_but_empty_is_an_error_at_its_heading_not_a_heading_only_warning(tmp_path):
    report = _committee_report()
    report.parts[1].sections = []
    found = [f for f in _check(report, _committee(tmp_path))]
    assert [(f.code, f.severity, f.cell) for f in found] == [("ST014", "error", "D8")]
    assert found[0].message == "提纲要求的部分“存在的问题”还没有内容。"


def test_a_required_section_missing_is_an_error_at_its_parts_heading(tmp_path):
    report = _committee_report()
    del report.parts[0].sections[1]
    found = [f for f in _check(report, _committee(tmp_path))]
    assert [(f.code, f.severity, f.cell) for f in found] == [("ST013", "error", "D2")]
    assert found[0].message == "提纲要求“主要工作情况”下有小节“支部活动”，没有找到。"


def test_an_optional_section_of_the_outline_may_be_missing(tmp_path):
    # 特色工作 (required = false) is absent from the committee report already
    assert not [f for f in _findings(_committee_report(), _committee(tmp_path)) if f[0] == "ST013"]


@pytest.mark.parametrize("heading, lead, points", [
    ("学习抓得紧", "", []),            # a heading and no content
    ("", "全年学习二十四次。", []),      # content without a heading
])
def test_a_required_section_without_heading_or_without_content_is_an_error_at_its_heading(tmp_path, heading, lead,
                                                                                          points):
    report = _committee_report()
    report.parts[0].sections[0] = _section(heading, 3, lead=lead, points=points, name="政治学习")
    assert _findings(report, _committee(tmp_path)) == [("ST014", "error", BODY, "D3")]


def test_a_required_section_with_points_but_no_lead_is_complete(tmp_path):
    report = _committee_report()
    report.parts[0].sections[0] = _section("学习抓得紧", 3, lead="", points=[Point("", "每周学习一次。")], name="政治学习")
    assert _findings(report, _committee(tmp_path)) == []


def test_a_part_the_committees_outline_lacks_is_a_hint_at_its_heading(tmp_path):
    report = _committee_report()
    report.parts.append(_part("特色亮点", 12, [_section("品牌建设", 13)]))
    found = [f for f in _check(report, _committee(tmp_path))]
    assert [(f.code, f.severity, f.cell) for f in found] == [("ST015", "info", "D12")]
    assert found[0].message == "部分“特色亮点”不在上级党组织规定的提纲中。"


def test_a_part_outside_the_default_outline_or_without_heading_is_no_hint(tmp_path):
    extra = _part("特色亮点", 12, [_section("品牌建设", 13)])
    report = _plain_report()
    report.parts.append(extra)
    assert _findings(report) == []
    report = _committee_report()
    report.parts.append(_part("", 12, [_section("品牌建设", 13)]))
    assert _findings(report, _committee(tmp_path)) == []


def test_a_section_outside_a_committees_list_of_sections_is_a_hint_at_its_heading(tmp_path):
    report = _committee_report()
    report.parts[0].sections.append(_section("服务群众", 7))
    found = [f for f in _check(report, _committee(tmp_path))]
    assert [(f.code, f.severity, f.cell) for f in found] == [("ST015", "info", "D7")]
    assert found[0].message == "小节“服务群众”不在上级党组织规定的“主要工作情况”提纲中。"


def test_a_section_under_a_committee_part_without_listed_sections_is_no_hint(tmp_path):
    # 存在问题 lists no sections: its items are the author's own
    report = _committee_report()
    report.parts[1].sections.append(_section("作风不扎实", 10))
    assert _findings(report, _committee(tmp_path)) == []


def test_an_extra_section_under_the_default_outline_is_no_hint():
    report = _report([_part("主要工作情况", 2, [_section("抓学习", 3, name="政治学习"), _section("服务群众", 5)])])
    assert _findings(report) == []


def test_a_heading_only_part_that_is_not_required_is_a_warning_naming_it():
    report = _report([_part("主要工作情况", 2, [_section("抓学习", 3)]), _part("存在的问题", 7)])
    found = list(_check(report, load_rules()))
    assert [(f.code, f.severity, f.cell) for f in found] == [("ST010", "warning", "D7")]
    assert found[0].message == "部分“存在的问题”只有标题，没有内容。"


def test_a_named_section_left_unfilled_is_a_warning_at_its_name_cell():
    report = _report([_part("主要工作情况", 2, [_section("抓学习", 3),
                                           Section(name="支部活动", where={"name": _at(4, "B")})])])
    found = list(_check(report, load_rules()))
    assert [(f.code, f.severity, f.cell) for f in found] == [("ST003", "warning", "B4")]
    assert found[0].message == "“支部活动”小节还没有填写，报告中不会出现。"


def test_a_section_with_only_a_heading_is_a_warning_at_its_heading():
    report = _report([_part("主要工作情况", 2, [_section("抓学习", 3), _section("抓活动", 4, lead="")])])
    found = list(_check(report, load_rules()))
    assert [(f.code, f.severity, f.cell) for f in found] == [("ST008", "warning", "D4")]
    assert found[0].message == "“抓活动”只有标题，没有具体内容。"


def test_a_section_with_a_heading_and_points_or_a_lead_is_complete():
    with_points = _section("抓活动", 4, lead="", points=[Point("", "开展主题党日。")])
    assert _findings(_report([_part("主要工作情况", 2, [_section("抓学习", 3), with_points])])) == []


def test_a_required_section_empty_is_not_also_warned_as_unfilled_or_heading_only(tmp_path):
    report = _committee_report()
    report.parts[0].sections[0] = _section("学习抓得紧", 3, lead="", name="政治学习")
    report.parts[0].sections[1] = _section("", 5, lead="", name="支部活动")
    assert _findings(report, _committee(tmp_path)) == [("ST014", "error", BODY, "D3"), ("ST014", "error", BODY, "D5")]


def test_a_point_with_a_lead_and_no_body_is_an_error_at_its_body_cell():
    points = [Point("学在经常", "每周一学。", where={"lead": _at(4), "body": _at(4, "E")}),
              Point("用在实处", "", where={"lead": _at(5), "body": _at(5, "E")}),
              Point("", "", where={"lead": _at(6), "body": _at(6, "E")})]
    report = _report([_part("主要工作情况", 2, [_section("抓学习", 3, points=points)])])
    found = list(_check(report, load_rules()))
    assert [(f.code, f.severity, f.cell) for f in found] == [("ST006", "error", "E5")]
    assert found[0].message == "要点“用在实处”只有引语，没有正文。"


def _ignored(where: Location, field: schema.Field, value: str, used: str = ""):
    report = _plain_report()
    report.ignored = [IgnoredValue(where, field, value, used)]
    (found,) = _check(report, load_rules())
    return found


def test_a_choice_outside_its_list_names_the_choices_and_what_was_used_instead():
    found = _ignored(Location(INFO, "B13"), schema.INFO.field("layout"), "混排", used="同段连排")
    assert (found.code, found.severity, found.cell) == ("ST009", "error", "B13")
    assert found.message == "“要点排版”填的“混排”不是可选的值，没有采用，暂按“同段连排”处理。"
    assert found.suggestion == "从下拉列表中选择：同段连排、另起一段、逐条分段。"


def test_a_choice_outside_its_list_with_nothing_used_instead_says_only_that_it_was_not_used():
    found = _ignored(Location(LEDGER, "B4"), schema.LEDGER.field("kind"), "座谈会")
    assert (found.code, found.severity, found.cell) == ("ST009", "warning", "B4")
    assert found.message == "“活动类型”填的“座谈会”不是可选的值，没有采用。"


def test_an_unreadable_ledger_date_is_a_warning_with_the_date_advice():
    found = _ignored(Location(LEDGER, "A4"), schema.LEDGER.field("date"), "三月")
    assert (found.code, found.severity, found.sheet, found.cell) == ("ST009", "warning", LEDGER, "A4")
    assert found.message == "“日期”填的“三月”无法识别为日期。"
    assert found.suggestion == "填写完整的日期，如 2024-03-15 或 2024年3月15日。"


def test_an_unreadable_integer_without_example_gets_no_example():
    found = _ignored(Location(LEDGER, "D4"), schema.LEDGER.field("participants"), "十二")
    assert (found.code, found.severity) == ("ST009", "warning")
    assert found.message == "“参加人数”填的“十二”无法识别为整数。"
    assert found.suggestion == "只填阿拉伯数字。"


def test_an_unknown_numbering_style_is_a_warning_listing_the_styles():
    found = _ignored(_at(3, "C"), schema.BODY.field("numbering"), "甲、")
    assert (found.code, found.severity, found.cell) == ("ST009", "warning", "C3")
    assert found.message == "“编号”填的“甲、”不是可识别的编号样式，暂按默认编号。"
    assert found.suggestion == "可用的样式：一、 （一） 一是 第一， 1. 1、 （1） ① 无（“无”表示不编号）。"


def test_a_value_that_does_nothing_on_its_row_is_a_warning_with_the_fields_hint():
    field = schema.BODY.field("heading")
    found = _ignored(_at(6), field, "多余的标题")
    assert (found.code, found.severity, found.cell) == ("ST011", "warning", "D6")
    assert found.message == "“标题”填的“多余的标题”在这一行不起作用，报告中不会出现。"
    assert found.suggestion == field.hint


def _said(report: Report, rules=None) -> list[tuple[str, str, str, str]]:
    return [(f.code, f.cell, f.message, f.suggestion)
            for f in _check(report, rules or load_rules())]


def test_what_each_warning_and_error_tells_the_author_under_the_default_outline():
    point = Point("用在实处", "", where={"body": _at(6, "E")})
    work = _part("主要工作情况", 2, [Section(name="支部活动", where={"name": _at(3, "B")}), _section("抓活动", 4, lead=""),
                                  _section("抓学习", 5, lead="", points=[point])])
    report = _report([work, _part("存在的问题", 8)], year=1999)
    report.version = "1"
    assert _said(report) == [
        ("ST016", "", "这是旧版工作簿（结构版本 1），已按旧结构读取，检查和生成报告不受影响。",
         "运行 shuzhi upgrade 本工作簿.xlsx 可转成新版：报告的提纲都在“报告正文”一张表中，可以自由增删、改名和调整顺序。"),
        ("ST007", "B5", "述职年度“1999”不是有效的四位年份。", "填写四位数字年份，如 2024。"),
        ("ST003", "B3", "“支部活动”小节还没有填写，报告中不会出现。", "写出小节标题和内容；不需要这一小节就删除这一行。"),
        ("ST008", "D4", "“抓活动”只有标题，没有具体内容。", "在“正文”中写出具体内容，或在下面加上要点。"),
        ("ST006", "E6", "要点“用在实处”只有引语，没有正文。", "在要点正文中写出具体做法和成效，或删除这一条。"),
        ("ST010", "D8", "部分“存在的问题”只有标题，没有内容。", "在这一部分下填写小节、要点或段落；不需要这一部分就删除这一行。"),
    ]
    assert _said(_report([])) == [("ST004", "", "“报告正文”中还没有任何内容。", "按提纲逐行填写各部分、小节和要点。")]


def test_what_each_outline_finding_tells_the_author_and_that_a_part_outside_the_outline_stops_nothing(tmp_path):
    path = tmp_path / "规则.toml"
    path.write_text(COMMITTEE + '[[outline.parts]]\nname = "下步打算"\ntitle = "下步工作打算"\n', encoding="utf-8")
    work = _part("主要工作情况", 2, [_section("学习抓得紧", 3, lead="", name="政治学习"), _section("服务群众", 7)])
    # the part outside the 提纲 comes first: the parts after it are still measured
    report = _report([_part("特色亮点", 1, [_section("品牌建设", 11)]), work, _part("存在的问题", 8)])
    assert _said(report, load_rules(path)) == [
        ("ST012", "", "提纲要求的部分“下步工作打算”没有找到。",
         "在“报告正文”中按提纲的顺序加一行“部分”，标题写“下步工作打算”。"),
        ("ST015", "D1", "部分“特色亮点”不在上级党组织规定的提纲中。", "确认是否需要这一部分，或改用提纲中的标题。"),
        ("ST013", "D2", "提纲要求“主要工作情况”下有小节“支部活动”，没有找到。",
         "在这一部分下加一行“小节”，栏目填“支部活动”，并写出标题和内容。"),
        ("ST014", "D3", "提纲要求的小节“政治学习”还没有填写完整（标题和内容）。", "写出小节标题，以及导语或要点。"),
        ("ST015", "D7", "小节“服务群众”不在上级党组织规定的“主要工作情况”提纲中。",
         "确认是否需要这一小节；如果它就是提纲中的某一项，在“栏目”中填写该项的名称。"),
        ("ST014", "D8", "提纲要求的部分“存在的问题”还没有内容。", "在这一部分下填写小节、要点或段落。"),
    ]
