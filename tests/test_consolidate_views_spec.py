"""总览, 合计, 图表, 达标分布 and the file lists as specifications on plain branch records: three branches under two
frequency rules, every expected cell counted by hand (no workbook is written; the sheets are the rows handed to the
writer). Rules here: 支部党员大会 each quarter, 主题党日 each month, 谈心谈话 asked 0 times (so not a rule)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from collections import Counter

import pytest

from consolidate_support import assert_columns_fit
from shuzhi_xl.checks.rules import Frequency, load_rules
from shuzhi_xl.consolidate.collect import Blank, Branch, Unreadable
from shuzhi_xl.consolidate import views
from shuzhi_xl.consolidate.views import (BRANCH_CHART_MAX, Duplicate, blank_sheet, charts, compliance_table,
                                         distribution_sheet, duplicates_sheet, key_metrics, tally, totals_sheet,
                                         unique_labels, unreadable_sheet)
from shuzhi_xl.outline import Outline

MEETING, THEME_DAY = "支部党员大会", "主题党日"
RULES = load_rules()._replace(frequency={
    MEETING: Frequency("quarter", 1), THEME_DAY: Frequency("month", 1), "谈心谈话": Frequency("year", 0)})
COMMITTEE_RULES = RULES._replace(outline=Outline((), committee=True))
MEETING_LABEL, THEME_LABEL = "支部党员大会（每季度至少1次）", "主题党日（每月至少1次）"


def branch(name: str, *, compliance: dict, counts: dict, total: int, errors: int = 0, warnings: int = 0,
           metrics: dict | None = None, gaps: tuple = (), mtime: float = 0.0, year: int = 2022) -> Branch:
    return Branch(file=f"{name}.xlsx", mtime=mtime, branch=name, committee="机关党委", secretary=f"{name}书记",
                  year=year, errors=errors, warnings=warnings, ledger_counts=counts, ledger_total=total,
                  compliance=compliance, metrics=metrics or {}, problems=(), rows={}, outline_gaps=gaps)


#: 甲 meets both rules; 乙 misses the meeting and has two warnings; 丙 meets nothing (no compliance record at all),
#: has an error and two gaps in the 提纲. 经费 comes in 万元 and 元; 党员人数 in 人 (丙 gives none, written 名).
A = branch("甲", compliance={MEETING: True, THEME_DAY: True}, counts={MEETING: 4, THEME_DAY: 12, "党课": 3}, total=19,
           metrics={"党员人数": (30.0, "人"), "经费": (2.5, "万元")})
B = branch("乙", compliance={MEETING: False, THEME_DAY: True}, counts={MEETING: 3, THEME_DAY: 12}, total=15,
           warnings=2, metrics={"党员人数": (20.0, "人"), "经费": (3000.0, "元")})
C = branch("丙", compliance={}, counts={}, total=0, errors=1, gaps=("缺少“存在问题”", "“下步打算”为空"),
           metrics={"党员人数": (None, "名"), "活动经费": (1.0, "万元")})
BAD = Unreadable("坏.xlsx", "文件已损坏")
HEADER = ["支部名称", "上级党组织", "书记姓名", "述职年度", "源文件", "状态", "错误数", "警告数", MEETING_LABEL,
          THEME_LABEL, "台账合计", "制度达标项数", "未达标活动", "党员人数（人）", "经费（单位不一）"]


def overview(branches: list[Branch], unreadable: list[Unreadable], rules, notes: dict) -> tuple:
    """总览 and its metric columns as the run makes them: from the branches and their tally."""
    return views.overview(branches, tally(branches, rules), unreadable, rules, notes)


@pytest.fixture
def sheet():
    return overview([A, B, C], [BAD], RULES, {"乙.xlsx": "重交"})


def test_overview_header_has_a_count_column_per_rule_and_the_common_figures(sheet):
    data, metrics = sheet
    assert [c.label for c in data.columns] == HEADER + ["备注"]
    assert [(m.name, m.units) for m in metrics] == [("党员人数", ("人",)), ("经费", ("万元", "元"))]
    assert [c.kind for c in data.columns][-3:] == ["number", "text", "longtext"]
    assert data.name == "总览" and data.freeze_columns == 1


def test_overview_rows_count_rules_met_and_name_the_ones_missed(sheet):
    rows = list(sheet[0].rows)  # made from the branches as they are read (views.Rows)
    assert rows[0] == ("甲", "机关党委", "甲书记", 2022, "甲.xlsx", "完整", 0, 0, 4, 12, 19, 2, "", 30.0, "2.5万元", "")
    assert rows[1] == ("乙", "机关党委", "乙书记", 2022, "乙.xlsx", "有问题", 0, 2, 3, 12, 15, 1, MEETING, 20.0,
                       "3000元", "重交")
    assert rows[2] == ("丙", "机关党委", "丙书记", 2022, "丙.xlsx", "有错误", 1, 0, 0, 0, 0, 0, f"{MEETING}、{THEME_DAY}",
                       None, None, "")
    assert rows[3] == (None, None, None, None, "坏.xlsx", "无法读取", *(None,) * 9, "文件已损坏")
    assert len(sheet[0].rows) == 4 and sheet[0].count == 4  # the writer sizes the table by it


def test_overview_marks_shortfalls_errors_and_mixed_units(sheet):
    state, meeting, theme, met, money = 5, 8, 9, 11, 14
    assert [marks for _, marks in sheet[0].marked()] == [
        {money: "short"},
        {meeting: "short", met: "short", money: "short", state: "short"},
        {meeting: "short", theme: "short", met: "short", state: "error"},  # 丙 gives no 经费: nothing to mark
        {state: "error"},
    ]
    assert [values for values, _ in sheet[0].marked()] == list(sheet[0].rows)
    plain, _ = overview([dataclasses.replace(A, metrics={})], [], RULES, {})
    assert [marks for _, marks in plain.marked()] == [None]  # nothing to highlight


def test_overview_under_a_committees_outline_lists_and_marks_the_gaps():
    data, _ = overview([A, C], [], COMMITTEE_RULES, {})
    labels = [c.label for c in data.columns]
    assert labels[-2:] == ["提纲缺项", "备注"] and data.columns[-2].kind == "longtext"
    gaps = labels.index("提纲缺项")
    assert [row[gaps] for row in data.rows] == ["", "缺少“存在问题”\n“下步打算”为空"]
    marks = [m or {} for _, m in data.marked()]
    assert marks[1][gaps] == "error" and gaps not in marks[0]
    # 活动经费 is reported by one branch of two: half is enough to be a column
    assert labels[13:16] == ["党员人数（人）", "活动经费（万元）", "经费（万元）"]  # 丙's 名 has no figure


def test_a_metric_named_like_a_column_is_numbered_not_the_column():
    named = branch("丁", compliance={}, counts={}, total=0, metrics={"状态": (1.0, ""), "备注": (2.0, "")})
    labels = [c.label for c in overview([named], [], RULES, {})[0].columns]
    assert labels.count("状态") == 1 and labels[5] == "状态" and labels[-1] == "备注"
    assert labels[-3:-1] == ["备注（2）", "状态（2）"]


def test_unique_labels_number_repeats_ignoring_case():
    assert unique_labels(["状态", "备注", "状态", "a", "A", "状态"]) == ["状态", "备注", "状态（2）", "a", "A（2）", "状态（3）"]


def test_the_tally_counts_each_branch_once_in_every_count():
    # 丁 is 乙 again, of another year, with three findings marked 忽略; 甲 has one
    marked = [dataclasses.replace(A, ignored=1), B, C, dataclasses.replace(B, file="丁.xlsx", year=2021, ignored=3)]
    counted = tally(marked, RULES)
    assert (counted.branches, counted.ignored) == (4, 4)
    assert counted.statuses == Counter({"完整": 1, "有问题": 2, "有错误": 1})
    assert counted.years == Counter({2022: 3, 2021: 1})
    assert counted.metrics == Counter({"党员人数": 4, "经费": 3, "活动经费": 1})
    assert counted.units == {"党员人数": Counter({"人": 3}), "经费": Counter({"万元": 1, "元": 2}),
                             "活动经费": Counter({"万元": 1})}  # 丙's 党员人数 has no value: its unit is not counted
    assert counted.met == Counter({MEETING: 1, THEME_DAY: 3}) and counted.met_counts == Counter({2: 1, 1: 2, 0: 1})


def test_key_metrics_keep_the_eight_most_common_by_count_then_name():
    many = [branch(str(i), compliance={}, counts={}, total=0,
                   metrics={f"m{k}": (1.0, "个") for k in range(1, 10)} | ({"z": (1.0, "")} if i < 3 else {}))
            for i in range(4)]
    assert [m.name for m in key_metrics(tally(many, RULES))] == ["m1", "m2", "m3", "m4", "m5", "m6", "m7", "m8"]
    assert [m.name for m in key_metrics(tally(many[:3], RULES))[:2]] == ["m1", "m2"]
    few = many[:1] + [branch("x", compliance={}, counts={}, total=0, metrics={"z": (2.0, "")})]
    # z in both, m1… in one of two (half): z first by count, then the rest by name
    assert [m.name for m in key_metrics(tally(few, RULES))][:3] == ["z", "m1", "m2"]
    assert key_metrics(tally(few, RULES))[0].label == "z"  # no unit: the name alone


def test_units_are_listed_most_common_first():
    given = [branch(str(i), compliance={}, counts={}, total=0, metrics={"经费": (1.0, u)}) for i, u in
             enumerate(["元", "万元", "元", "亿元", "万元", "元"])]
    assert key_metrics(tally(given, RULES))[0].units == ("元", "万元", "亿元")


def test_metric_column_values_under_mixed_units_keep_their_unit_as_text():
    bare = branch("戊", compliance={}, counts={}, total=0, metrics={"经费": (5.0, "")})
    data, metrics = overview([A, bare], [], RULES, {})
    money = metrics[0]
    assert money.units == ("", "万元") and money.label == "经费（单位不一）"
    assert [money.value(b) for b in (A, bare, C)] == ["2.5万元", "5", None]
    unset = key_metrics(tally([branch("己", compliance={}, counts={}, total=0, metrics={"人数": (None, "人")})], RULES))[0]
    assert unset.units == () and unset.label == "人数" and not unset.mixed


def test_totals_add_each_count_and_figure_over_branches_never_a_mixed_one(sheet):
    data, metrics = sheet
    totals = totals_sheet(data, metrics)
    assert [c.label for c in totals.columns] == ["项目", "单位", "合计", "填报支部数", "平均每支部", "说明"]
    assert [c.kind for c in totals.columns] == ["text", "text", "number", "int", "number", "longtext"]  # 说明 wraps
    assert totals.rows == [
        ("错误数", "", 1, 3, 0.33, None),
        ("警告数", "", 2, 3, 0.67, None),
        (MEETING_LABEL, "", 7, 3, 2.33, None),
        (THEME_LABEL, "", 24, 3, 8.0, None),
        ("台账合计", "", 34, 3, 11.33, None),
        ("制度达标项数", "", 3, 3, 1.0, None),
        ("党员人数", "人", 50.0, 2, 25.0, None),  # 丙 gave no figure
        ("经费", "万元、元", None, 2, None, "单位不一，未合计。请统一单位后重新汇总。"),
    ]
    assert totals.marks == {7: {1: "short", 5: "short"}}
    assert totals.name == "合计" and totals.freeze_columns == 1


def test_totals_leave_out_text_figures_and_name_a_missing_unit():
    texts = [branch(n, compliance={}, counts={}, total=1,
                    metrics={"说明": ("良好", "个"), "经费": (1.0, u), "阵地数": (2.0, "个")})
             for n, u in (("甲", ""), ("乙", "元"))]
    rows = totals_sheet(*overview(texts, [], RULES, {})).rows
    # metrics by name: 经费 (mixed), 说明 (text only: no row), 阵地数
    assert [r[0] for r in rows] == ["错误数", "警告数", MEETING_LABEL, THEME_LABEL, "台账合计", "制度达标项数", "经费",
                                    "阵地数"]
    assert rows[-2][1] == "（无单位）、元"
    assert rows[-1] == ("阵地数", "个", 4.0, 2, 2.0, None)
    assert rows[4] == ("台账合计", "", 2, 2, 1.0, None)


def test_totals_count_only_branch_rows():
    data, metrics = overview([A], [BAD, Unreadable("旧.xls", "旧格式")], RULES, {})
    assert totals_sheet(data, metrics).rows[0] == ("错误数", "", 0, 1, 0.0, None)


def test_compliance_table_counts_branches_meeting_each_rule():
    table = compliance_table(tally([A, B, C], RULES), RULES)
    assert [c.label for c in table.columns] == ["活动类型", "要求", "达标支部数", "未达标支部数", "达标率"]
    assert table.rows == [(MEETING, "每季度至少1次", 1, 2, 1 / 3), (THEME_DAY, "每月至少1次", 2, 1, 2 / 3)]
    assert table.name == "图表"
    assert compliance_table(tally([], RULES), RULES).rows == [(MEETING, "每季度至少1次", 0, 0, None), (THEME_DAY, "每月至少1次", 0, 0, None)]


def test_distribution_counts_branches_by_rules_met():
    both = dataclasses.replace(A, branch="丁")
    table = distribution_sheet(tally([A, B, C, both], RULES), RULES)
    assert [c.label for c in table.columns] == ["达标项数", "支部数", "占比"]
    assert table.rows == [("2 项（全部达标）", 2, 0.5), ("1 项", 1, 0.25), ("0 项", 1, 0.25)]
    assert table.name == "达标分布"
    assert distribution_sheet(tally([], RULES), RULES).rows == [("2 项（全部达标）", 0, None), ("1 项", 0, None), ("0 项", 0, None)]


def test_charts_draw_the_tables_they_name():
    data, _ = overview([A, B, C], [], RULES, {})
    table, spread = compliance_table(tally([A, B, C], RULES), RULES), distribution_sheet(tally([A, B, C], RULES), RULES)
    sheets = {s.name: s for s in (data, table, spread)}
    specs = charts(data, [A, B, C], RULES)
    assert len(specs) == 3
    for spec, category, series, rows in zip(specs, ["活动类型", "达标项数", "支部名称"],
                                            [["达标支部数", "未达标支部数"], ["支部数"], [MEETING_LABEL, THEME_LABEL]],
                                            [2, 3, 3]):
        columns = [c.label for c in sheets[spec.sheet].columns]
        assert columns[spec.category_column] == category
        assert columns[spec.first_series_column:spec.last_series_column + 1] == series
        assert spec.rows == rows
    assert [(s.stacked, s.horizontal) for s in specs] == [(True, True), (False, False), (True, True)]
    assert [s.title for s in specs] == ["支部工作制度落实情况（支部数）", "各支部达标项数分布（支部数）", "各支部台账活动次数"]
    assert [s.y_title for s in specs] == ["支部数", "支部数", "次数"]


def test_per_branch_chart_only_up_to_the_limit_and_no_chart_without_rules():
    many = [dataclasses.replace(A, branch=str(i)) for i in range(BRANCH_CHART_MAX + 1)]
    data = overview(many, [], RULES, {})[0]
    assert len(charts(data, many, RULES)) == 2
    assert len(charts(data, many[:BRANCH_CHART_MAX], RULES)) == 3
    free = RULES._replace(frequency={})
    assert charts(overview([A], [], free, {})[0], [A], free) == []


def test_file_lists():
    assert unreadable_sheet([BAD]).rows == [("坏.xlsx", "文件已损坏")]
    assert [c.label for c in unreadable_sheet([]).columns] == ["源文件", "原因"]
    blank = blank_sheet([Blank("空.xlsx")])
    assert [c.label for c in blank.columns] == ["源文件", "说明"]
    assert blank.name == "空白模板" and blank.rows == [
        ("空.xlsx", "未填写任何内容（空白模板），未计入支部。如是某支部的上报文件，请退回补填。")]


def test_duplicates_say_which_file_was_used_and_when_each_was_changed():
    stamp = dt.datetime(2023, 1, 5, 9, 30, 15, 600000)
    old, new = (Duplicate(f, "甲", "机关党委", 2022, stamp.timestamp() - s) for f, s in (("旧.xlsx", 60), ("新.xlsx", 0)))
    data = duplicates_sheet([[old, new]], {"新.xlsx"})
    assert data.name == "重复文件"
    assert [c.label for c in data.columns] == ["支部名称", "上级党组织", "述职年度", "源文件", "修改时间", "处理"]
    assert data.rows == [("甲", "机关党委", 2022, "旧.xlsx", dt.datetime(2023, 1, 5, 9, 29, 15), "未采用（有较新的文件）"),
                         ("甲", "机关党委", 2022, "新.xlsx", dt.datetime(2023, 1, 5, 9, 30, 15), "采用（较新）")]


def every_sheet() -> list:
    """Every sheet views.py builds, filled so that each column holds something: default rules (eight of them), a
    branch meeting none, mixed units, a long reason, a committee's 提纲."""
    rules = load_rules()._replace(outline=Outline((), committee=True))
    none_met = dataclasses.replace(C, metrics={"经费": (2.0, "元"), "党员人数": (12.0, "人")})
    branches = [A, B, none_met]
    long_reason = Unreadable("坏.xlsx", "无法读取（BadZipFile: File is not a zip file）。请用 Excel 或 WPS 打开后另存为 .xlsx。")
    data, metrics = overview(branches, [long_reason], rules, {"甲.xlsx": "重交，已采用较新的文件"})
    stamp = dt.datetime(2023, 1, 5).timestamp()
    return [data, totals_sheet(data, metrics), unreadable_sheet([long_reason]), blank_sheet([Blank("空.xlsx")]),
            duplicates_sheet([[Duplicate(A.file, A.branch, A.committee, A.year, stamp)]], {"甲.xlsx"}),
            compliance_table(tally(branches, rules), rules), distribution_sheet(tally(branches, rules), rules)]


def test_each_column_is_formatted_for_what_it_holds_and_wraps_what_does_not_fit():
    for sheet in every_sheet():
        assert_columns_fit(sheet.name, sheet.columns, sheet.rows)


def test_each_sheet_and_table_has_its_own_name_and_lists_keep_their_first_column_in_view():
    sheets = every_sheet()
    assert len({s.name for s in sheets}) == len(sheets) and all(s.name for s in sheets)
    assert len({s.table for s in sheets}) == len(sheets)
    assert all(re.fullmatch(r"tbl_[a-z]+", s.table) for s in sheets)  # as the template's tables: ASCII, lower case
    assert [s.name for s in sheets if s.freeze_columns == 1] == ["总览", "合计", "未能读取", "空白模板", "重复文件"]
