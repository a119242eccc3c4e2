"""The detail sheets' rows of one branch (consolidate/details.py) as a specification: a small report built here, its
rows rendered as the worker renders them and read back cell by cell with ElementTree (dates as Excel serials:
days since 1899-12-30)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

import pytest

from consolidate_support import assert_columns_fit
from shuzhi_xl.checks.finding import Finding
from shuzhi_xl.checks.rules import load_rules
from shuzhi_xl.consolidate import details
from shuzhi_xl.consolidate.details import (PLAN_LABELS, PROBLEM_LABELS, SHEETS, item_text, placed_sections,
                                           rendered_rows)
from shuzhi_xl.consolidate.summary import style_ids
from shuzhi_xl.model import Info, LedgerEntry, Location, Part, Point, Report, Section
from shuzhi_xl.outline import Outline, match

DEFAULT = load_rules().outline


def numbered(rendered: tuple[int, bytes]) -> list[ET.Element]:
    """Return the rendered rows numbered from 2 as the summary writer numbers them (one ``bytes % numbers``), each
    holding cells only."""
    count, data = rendered
    rows = list(ET.fromstring(b"<sheetData>" + data % tuple(range(2, 2 + count)) + b"</sheetData>"))
    assert [row.get("r") for row in rows] == [str(n) for n in range(2, 2 + count)] and bool(data) == bool(rows)
    assert all(cell.tag == "c" for row in rows for cell in row)  # cells only, nothing between rows
    return rows


def rows_of(rendered: tuple[int, bytes]) -> list[list]:
    """Return the values of each rendered row: text, numbers, None for an empty cell."""
    rows = []
    for row in numbered(rendered):
        values = []
        for cell in row:
            if cell.get("t") == "inlineStr":
                values.append(cell.findtext("is/t") or "")
            elif cell.find("v") is not None:
                number = float(cell.findtext("v"))
                values.append(int(number) if number.is_integer() else number)
            else:
                values.append(None)
        rows.append(values)
    return rows


def styles_of(rendered: tuple[int, bytes]) -> list[list[int]]:
    return [[int(c.get("s")) for c in row] for row in numbered(rendered)]


def report() -> Report:
    info = Info(branch="机关第一党支部", year=2022)
    work = Part("主要工作情况", [
        Section("学习扎实", "", [Point("抓学习", "每周学习。", where={"body": Location("报告正文", "E5")}),
                              Point("", "每月研讨。")], name="理论学习"),
        Section(""),  # nothing in it: no rows, no number
        Section("", "全年完成各项任务。"),
        Section("自选动作", "", [Point("", "开展志愿服务。")]),
    ], name="")
    problems = Part("存在的问题", [
        Section("学习不深", "理论学习不够深入。", [Point("原因", "时间少"), Point("", "方法旧")],
                where={"heading": Location("报告正文", "D9")}),
        Section(),
        Section("", "活动不丰富。"),
    ])
    plans = Part("其他事项", [Section("加强学习", "制定计划。", where={"heading": Location("报告正文", "D20")})],
                 name="下步打算")
    ledger = [LedgerEntry(dt.date(2022, 3, 10), "党课", "专题党课", 25, "书记讲", where={"date": Location("台账", "A3")}),
              LedgerEntry(None, "主题党日", "", None, "")]
    return Report(info, [work, problems, plans], ledger)


FINDING = Finding("LG001", "warning", "台账", "A3", "“党课”应每季度至少 1 次。", "补登漏记的活动。")


@pytest.fixture  # per test: mutmut credits a module fixture's calls to the first test only
def rendered():
    return rendered_rows("区/甲.xlsx", report(), [FINDING], placed_sections(match(report(), DEFAULT)))


def test_every_detail_sheet_has_its_rows(rendered):
    assert list(rendered) == ["台账汇总", "工作要点", "问题汇总", "打算汇总", "检查结果"]
    assert [name for name, _, _ in SHEETS] == list(rendered)


def test_ledger_rows_carry_branch_year_file_and_cell(rendered):
    serial = (dt.date(2022, 3, 10) - dt.date(1899, 12, 30)).days
    assert rows_of(rendered["台账汇总"]) == [
        ["机关第一党支部", 2022, "区/甲.xlsx", serial, "党课", "专题党课", 25, "书记讲", "A3"],
        ["机关第一党支部", 2022, "区/甲.xlsx", None, "主题党日", None, None, None, None],
    ]
    ids = style_ids()
    assert styles_of(rendered["台账汇总"])[0][:4] == [ids["text", None], ids["int", None], ids["text", None],
                                                     ids["date", None]]


def test_points_name_their_part_and_section_numbered_within_the_section(rendered):
    assert rows_of(rendered["工作要点"]) == [
        # matched to the 提纲's 主要工作情况 and its 政治学习 (理论学习 is one of its names)
        ["机关第一党支部", "区/甲.xlsx", "主要工作情况", "政治学习", "学习扎实", 1, "抓学习", "每周学习。", "E5"],
        ["机关第一党支部", "区/甲.xlsx", "主要工作情况", "政治学习", "学习扎实", 2, None, "每月研讨。", None],
        ["机关第一党支部", "区/甲.xlsx", "主要工作情况", "自选动作", "自选动作", 1, None, "开展志愿服务。", None],
        ["机关第一党支部", "区/甲.xlsx", "存在问题", "学习不深", "学习不深", 1, "原因", "时间少", None],
        ["机关第一党支部", "区/甲.xlsx", "存在问题", "学习不深", "学习不深", 2, None, "方法旧", None],
    ]


def test_problems_and_plans_are_numbered_items_with_their_text(rendered):
    assert rows_of(rendered["问题汇总"]) == [
        ["机关第一党支部", "区/甲.xlsx", "存在问题", "学习不深", 1, "学习不深", "理论学习不够深入。\n原因。时间少\n方法旧", "D9"],
        ["机关第一党支部", "区/甲.xlsx", "存在问题", None, 2, None, "活动不丰富。", None],
    ]
    assert rows_of(rendered["打算汇总"]) == [
        ["机关第一党支部", "区/甲.xlsx", "下步打算", "加强学习", 1, "加强学习", "制定计划。", "D20"]]


def test_findings_rows(rendered):
    assert rows_of(rendered["检查结果"]) == [
        ["区/甲.xlsx", "机关第一党支部", "台账", "A3", "警告", "LG001", "“党课”应每季度至少 1 次。", "补登漏记的活动。"]]


def test_parts_outside_the_outline_keep_their_own_name_or_title():
    own = Report(Info(branch="乙"), [Part("特色亮点", [Section("品牌", "", [Point("", "创建品牌。")]),
                                                      Section("", "", [Point("", "结对共建。")], name="共建")]),
                                     Part("工作中的问题", [Section("", "不足。")], name="问题清单")])
    rows = rendered_rows("乙.xlsx", own, [], placed_sections(match(own, Outline(()))))
    assert [r[2:5] for r in rows_of(rows["工作要点"])] == [["特色亮点", "品牌", "品牌"], ["特色亮点", "共建", None]]
    assert [r[2:5] for r in rows_of(rows["问题汇总"])] == [["问题清单", None, 1]]
    assert rows["检查结果"] == (0, b"") and rows["打算汇总"] == (0, b"")


def test_item_text_joins_lead_and_points_line_by_line():
    assert item_text(Section("题", "", [Point("", "甲"), Point("乙", "丙")])) == "甲\n乙。丙"
    assert item_text(Section("题")) == ""


def test_each_column_is_named_and_formatted_for_what_it_holds():
    # The columns are built when the module is imported; they are built again here so that what is specified is
    # the code that builds them.
    built = {"台账汇总": details._ledger_columns(), "工作要点": details._point_columns(),
             "问题汇总": details._items_columns(PROBLEM_LABELS), "打算汇总": details._items_columns(PLAN_LABELS)}
    assert [c.label for c in built["台账汇总"]] == ["支部名称", "述职年度", "源文件", "日期", "活动类型", "主题", "参加人数",
                                                 "备注", "单元格"]
    assert [c.label for c in built["工作要点"]] == ["支部名称", "源文件", "部分", "栏目", "小节标题", "序号", "要点引语",
                                                 "要点正文", "单元格"]
    assert [c.label for c in built["问题汇总"]] == ["支部名称", "源文件", "部分", "栏目", "序号", "问题标题", "具体表现", "单元格"]
    assert [c.label for c in built["打算汇总"]][4:7] == ["序号", "打算标题", "具体措施"]
    findings = [FINDING, Finding("PR004", "info", "报告正文", "E12", "段末没有句号：“" + "开展志愿服务" * 6 + "”。", "")]
    long = report()
    long.parts[0].sections[0].points.append(Point("", "按照党委部署要求，及时制定支部学习计划，组织党员开展集体学习。" * 2))
    sections = placed_sections(match(long, DEFAULT))
    rows = {name: [lead + own for own in tail]
            for name, (lead, tail) in details._rows("区/甲.xlsx", long, findings, sections).items()}
    built["检查结果"] = dict((name, columns) for name, _, columns in SHEETS)["检查结果"]
    for name, columns in built.items():
        assert len(columns) == len(rows[name][0]), name
        assert_columns_fit(name, columns, rows[name])


def test_a_sheets_continued_pages_are_numbered_from_the_second():
    assert [details.page_name("问题汇总", n) for n in (1, 2, 3, 12)] == [
        "问题汇总", "问题汇总（2）", "问题汇总（3）", "问题汇总（12）"]


def test_the_problems_the_followup_compares_are_the_problem_sections_headings_or_their_text():
    # the empty problem section gives none; a section without a heading gives its text; other parts give none
    assert details.problem_titles(placed_sections(match(report(), DEFAULT))) == ("学习不深", "活动不丰富。")
