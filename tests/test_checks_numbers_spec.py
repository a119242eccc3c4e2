"""Numbers and metrics (NU…) specified on hand-built metric tables: names, values, units at their bounds, citations
in the printed text, declared relations with sums worked out by hand, and negative participants."""

from __future__ import annotations

import datetime as dt

import pytest

from shuzhi_xl import schema
from shuzhi_xl.checks import numbers
from shuzhi_xl.checks.cells import Texts
from shuzhi_xl.checks.rules import load_rules
from shuzhi_xl.model import Info, LedgerEntry, Location, Metric, Part, Point, Report, Section

BODY, METRICS, LEDGER = schema.BODY.name, schema.METRICS.name, schema.LEDGER.name


def _metric(row: int, name: str, value, unit: str = "") -> Metric:
    return Metric(name, value, unit, where={"name": Location(METRICS, f"A{row}"), "value": Location(METRICS, f"B{row}")})


def _report(metrics=(), body: str = "", ledger=()) -> Report:
    point = Point("", body, where={"body": Location(BODY, "E5")})
    return Report(Info(), [Part("主要工作情况", [Section("抓学习", "", [point])])], list(ledger), list(metrics))


def _check(report: Report, rules=None):
    return list(numbers.check(report, rules or load_rules(), Texts(report)))


def _where(found) -> list[tuple[str, str, str, str]]:
    return [(f.code, f.severity, f.sheet, f.cell) for f in found]


def _rules(tmp_path, *relations: str):
    path = tmp_path / "规则.toml"
    path.write_text("[metrics]\nrelations = [" + ", ".join(f'"{r}"' for r in relations) + "]\n", encoding="utf-8")
    return load_rules(path)


def test_a_complete_metric_table_raises_nothing():
    assert _check(_report([_metric(2, "党员人数", 31.0, "人"), _metric(3, "发展党员", 2.0, "名")])) == []


def test_a_value_without_a_name_is_an_error_at_the_name_cell():
    found = _check(_report([_metric(2, "", 31.0, "人")]))
    assert _where(found) == [("NU002", "error", METRICS, "A2")]
    assert found[0].message == "这一行指标有数值但没有指标名称，正文无法引用。"
    assert found[0].suggestion == "填写指标名称。"


def test_a_name_without_a_value_is_an_error_at_the_value_cell():
    found = _check(_report([_metric(2, "党员人数", None, "人")]))
    assert _where(found) == [("NU002", "error", METRICS, "B2")]
    assert found[0].message == "指标“党员人数”还没有填写数值。"


def test_a_value_that_is_not_a_number_is_an_error_naming_it():
    found = _check(_report([_metric(2, "党员人数", "三十一", "人")]))
    assert _where(found) == [("NU003", "error", METRICS, "B2")]
    assert found[0].message == "指标“党员人数”的数值“三十一”不是数字。"


def test_an_unnamed_row_is_called_unnamed_in_the_value_message():
    found = _check(_report([_metric(2, "", "很多")]))
    assert _where(found) == [("NU002", "error", METRICS, "A2"), ("NU003", "error", METRICS, "B2")]
    assert found[1].message == "指标“（未命名）”的数值“很多”不是数字。"


def test_a_repeated_name_is_an_error_at_the_second_row_naming_the_first():
    found = _check(_report([_metric(2, "党员人数", 31.0, "人"), _metric(3, "发展党员", 2.0, "名"),
                            _metric(4, "党员人数", 30.0, "人")]))
    assert _where(found) == [("NU008", "error", METRICS, "A4")]
    assert found[0].message == "指标名称“党员人数”重复（已在 指标数据!A2 出现）。"


@pytest.mark.parametrize("value, unit, flagged", [
    (-1.0, "人", True), (-0.5, "次", True), (0.0, "人", False), (-3.0, "万元", False), (-3.0, "", False)])
def test_a_count_cannot_be_negative(value, unit, flagged):
    found = _check(_report([_metric(2, "党员人数", value, unit)]))
    assert _where(found) == ([("NU004", "error", METRICS, "B2")] if flagged else [])


def test_a_negative_count_message_gives_the_unit_and_the_value_as_written():
    (found,) = _check(_report([_metric(2, "党员人数", -2.0, "人")]))
    assert found.message == "指标“党员人数”是计数（单位“人”），却为负数 -2。"


def test_count_units_come_from_the_rules(tmp_path):
    path = tmp_path / "规则.toml"
    path.write_text('[metrics]\ncount_units = ["户"]\n', encoding="utf-8")
    rules = load_rules(path)
    assert _where(_check(_report([_metric(2, "帮扶", -1.0, "户")]), rules)) == [("NU004", "error", METRICS, "B2")]
    assert _check(_report([_metric(2, "党员人数", -1.0, "人")]), rules) == []


@pytest.mark.parametrize("value, unit, flagged", [
    (100.0, "%", False), (100.5, "%", True), (120.0, "％", True), (101.0, "百分比", True), (150.0, "人", False)])
def test_a_percentage_above_100_is_a_warning(value, unit, flagged):
    found = _check(_report([_metric(2, "完成率", value, unit)]))
    assert _where(found) == ([("NU005", "warning", METRICS, "B2")] if flagged else [])


def test_a_percentage_warning_shows_the_value_as_the_text_writes_it():
    (found,) = _check(_report([_metric(2, "增长率", 112.5, "%")]))
    assert found.message == "指标“增长率”是百分比，却超过 100（112.5%）。"


def test_a_citation_of_a_metric_the_table_lacks_is_an_error_at_the_citing_cell():
    report = _report([_metric(2, "党员人数", 31.0, "人")], "全支部{党员人数}人，发展{发展党员}名，{ 党员人数 }人参加。")
    found = _check(report)
    assert _where(found) == [("NU001", "error", BODY, "E5")]
    assert found[0].message == "正文引用的指标 {发展党员} 在“指标数据”中没有对应的行。"


def test_each_missing_citation_is_named_once_in_order():
    found = _check(_report([], "{乙}与{甲}，又见{乙}。"))
    assert found[0].message == "正文引用的指标 {乙}、{甲} 在“指标数据”中没有对应的行。"


def test_citations_only_count_in_printed_text():
    ledger = [LedgerEntry(dt.date(2023, 3, 1), "党课", "讲{课题}", 10, where={"topic": Location(LEDGER, "C2")})]
    assert _check(_report([], "", ledger)) == []


def test_a_relation_that_holds_raises_nothing_and_one_that_fails_is_an_error_at_its_first_names_value(tmp_path):
    rules = _rules(tmp_path, "内资项目 + 外资项目 = 项目总数")
    metrics = [_metric(2, "项目总数", 7.0, "个"), _metric(3, "内资项目", 4.0, "个"), _metric(4, "外资项目", 3.0, "个")]
    assert _check(_report(metrics), rules) == []
    metrics[2] = _metric(4, "外资项目", 2.0, "个")
    found = _check(_report(metrics), rules)
    assert _where(found) == [("NU006", "error", METRICS, "B3")]
    assert found[0].message == "指标不符合“内资项目 + 外资项目 = 项目总数”：内资项目+外资项目 为 6，项目总数 为 7。"


@pytest.mark.parametrize("op, holds, fails", [
    ("<=", [(5.0, 5.0), (4.0, 5.0)], [(6.0, 5.0)]),
    (">=", [(5.0, 5.0), (6.0, 5.0)], [(4.0, 5.0)]),
    ("<", [(4.0, 5.0)], [(5.0, 5.0), (6.0, 5.0)]),
    (">", [(6.0, 5.0)], [(5.0, 5.0), (4.0, 5.0)]),
    ("=", [(5.0, 5.0), (0.1 + 0.2, 0.3)], [(5.0, 5.01), (5.01, 5.0)]),
])
def test_each_operator(tmp_path, op, holds, fails):
    rules = _rules(tmp_path, f"甲 {op} 乙")
    for left, right in holds + fails:
        found = _check(_report([_metric(2, "甲", left), _metric(3, "乙", right)]), rules)
        assert [f.code for f in found] == ([] if (left, right) in holds else ["NU006"]), (left, op, right)


def test_equality_tolerates_rounding_relative_to_large_values(tmp_path):
    rules = _rules(tmp_path, "甲 = 乙")
    # 1e-9 of 1e7 is 0.01: a difference of 0.001 passes, 0.1 does not
    assert _check(_report([_metric(2, "甲", 1e7), _metric(3, "乙", 1e7 + 0.001)]), rules) == []
    assert [f.code for f in _check(_report([_metric(2, "甲", 1e7), _metric(3, "乙", 1e7 + 0.1)]), rules)] == ["NU006"]
    # below 1 the tolerance stays 1e-9: 1e-6 apart is a difference
    assert [f.code for f in _check(_report([_metric(2, "甲", 0.5), _metric(3, "乙", 0.5 + 1e-6)]), rules)] == \
        ["NU006"]


def test_a_relation_is_not_judged_while_a_name_is_missing_or_not_a_number(tmp_path):
    rules = _rules(tmp_path, "甲 + 丙 <= 乙")
    assert _check(_report([_metric(2, "甲", 9.0), _metric(3, "乙", 1.0)]), rules) == []
    found = _check(_report([_metric(2, "甲", 9.0), _metric(3, "乙", 1.0), _metric(4, "丙", "未知")]), rules)
    assert [f.code for f in found] == ["NU003"]
    found = _check(_report([_metric(2, "甲", 9.0), _metric(3, "乙", None), _metric(4, "丙", 1.0)]), rules)
    assert [f.code for f in found] == ["NU002"]


def test_a_repeated_name_takes_the_first_rows_value_in_relations(tmp_path):
    rules = _rules(tmp_path, "甲 <= 乙")
    found = _check(_report([_metric(2, "甲", 1.0), _metric(3, "乙", 2.0), _metric(4, "甲", 5.0)]), rules)
    assert [f.code for f in found] == ["NU008"]


def test_negative_participants_are_an_error_at_their_cell_and_zero_is_not():
    entries = [LedgerEntry(dt.date(2023, 3, 1), "党课", "党课", n, where={"participants": Location(LEDGER, f"D{row}")})
               for row, n in ((2, 0), (3, -4), (4, None), (5, 12))]
    found = _check(_report([], "", entries))
    assert _where(found) == [("NU004", "error", LEDGER, "D3")]
    assert found[0].message == "参加人数为负数（-4）。"


def test_what_each_finding_tells_the_author(tmp_path):
    rules = _rules(tmp_path, "甲 >= 乙 + 丙")
    metrics = [_metric(2, "甲", 1.0), _metric(3, "乙", 1.0), _metric(4, "丙", 1.0), _metric(5, "丁", None),
               _metric(6, "戊", "多"), _metric(7, "己", -1.0, "人"), _metric(8, "庚", 101.0, "%"), _metric(9, "甲", 1.0)]
    ledger = [LedgerEntry(dt.date(2023, 3, 1), "党课", "党课", -1, where={"participants": Location(LEDGER, "D2")})]
    found = _check(_report(metrics, "全年{辛}次。", ledger), rules)
    assert [(f.code, f.suggestion) for f in found] == [
        ("NU002", "填写数值，只写数字，单位写在“单位”一栏。"),
        ("NU003", "只填阿拉伯数字（如 12 或 3.5），单位写在“单位”一栏。"),
        ("NU004", "核对数值。"),
        ("NU005", "核对数值；增长率等确实可以超过 100% 时可忽略。"),
        ("NU008", "每个指标名称只写一行；引用时以第一行为准。"),
        ("NU001", "在“指标数据”中添加同名指标，或改正大括号中的名称。"),
        ("NU006", "核对这几项指标的数值。"),
        ("NU004", "填写实际参加人数。"),
    ]
    assert found[6].message == "指标不符合“甲 >= 乙 + 丙”：甲 为 1，乙+丙 为 2。"


def test_a_repeated_name_whose_first_row_has_no_known_cell_names_no_cell():
    found = _check(_report([Metric("甲", 1.0), _metric(3, "甲", 2.0)]))
    assert [f.message for f in found] == ["指标名称“甲”重复（已在  出现）。"]
