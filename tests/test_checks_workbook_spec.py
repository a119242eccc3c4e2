"""Checking a whole report and a workbook file: codes switched off, reading order, each finding's 编号 following its
cell's text, the rules file that applies and the findings marked 忽略 beside the file."""

from __future__ import annotations

import pytest

from checks_support import clean_report
from shuzhi_xl import schema
from shuzhi_xl.checks import check_report
from shuzhi_xl.checks.ignore import IgnoredFinding, list_file
from shuzhi_xl.checks.plan import BY_LIST
from shuzhi_xl.checks.rules import RULES_FILE, load_rules
from shuzhi_xl.checks.workbook import check_workbook
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.model import Location, Metric, Point
from shuzhi_xl.xlsx.template import write_workbook

BODY, INFO = schema.BODY.name, schema.INFO.name


def _cited(text: str):
    report = clean_report()
    report.parts[0].sections[0].points.append(Point("", text, where={"body": Location(BODY, "E9")}))
    return report


def test_the_clean_report_has_only_the_length_information():
    assert [f.code for f in check_report(clean_report())] == ["LN001"]


def test_switched_off_codes_are_left_out(tmp_path):
    path = tmp_path / RULES_FILE
    path.write_text('disable = ["ln001", "NU001"]\n', encoding="utf-8")
    assert check_report(_cited("全年{甲}次。"), load_rules(path)) == []
    assert [f.code for f in check_report(_cited("全年{甲}次。"))] == ["LN001", "NU001"]


def test_findings_come_whole_report_first_then_sheet_by_sheet_in_reading_order():
    report = _cited("全年{甲}次。")
    report.info.branch = ""
    report.info.where = {"branch": Location(INFO, "B2")}
    report.metrics.append(Metric("", 3.0, where={"name": Location(schema.METRICS.name, "A5")}))
    assert [(f.code, f.sheet, f.cell) for f in check_report(report)] == [
        ("LN001", "", ""), ("ST001", INFO, "B2"), ("NU001", BODY, "E9"), ("NU002", schema.METRICS.name, "A5")]


def test_each_finding_has_a_ref_that_changes_with_the_text_of_its_cell():
    first, = [f for f in check_report(_cited("全年{甲}次。")) if f.code == "NU001"]
    again, = [f for f in check_report(_cited("全年{甲}次。")) if f.code == "NU001"]
    edited, = [f for f in check_report(_cited("一年{甲}次。")) if f.code == "NU001"]
    assert first.message == edited.message and len(first.ref) == 10
    assert first.ref == again.ref
    assert first.ref[:6] == edited.ref[:6] and first.ref[6:] != edited.ref[6:]


def _book(tmp_path, report=None):
    report = report or clean_report()
    report.info.branch = ""  # ST001, an error
    return write_workbook(tmp_path / "述职.xlsx", report)


def test_a_workbook_is_checked_under_the_defaults_when_no_rules_file_is_beside_it(tmp_path):
    checked = check_workbook(_book(tmp_path))
    assert checked.rules_file is None and checked.ignored == ()
    assert [f.code for f in checked.findings] == ["LN001", "ST001"]
    assert [f.code for f in checked.errors] == ["ST001"]
    assert checked.report.info.committee == "机关党委"


def test_the_rules_file_beside_the_workbook_applies_unless_another_is_named(tmp_path):
    book = _book(tmp_path)
    beside = tmp_path / RULES_FILE
    beside.write_text('disable = ["LN001"]\n', encoding="utf-8")
    named = tmp_path / "另一个.toml"
    named.write_text('disable = ["ST001"]\n', encoding="utf-8")
    checked = check_workbook(book)
    assert checked.rules_file == beside and [f.code for f in checked.findings] == ["ST001"]
    checked = check_workbook(book, named)
    assert checked.rules_file == named and [f.code for f in checked.findings] == ["LN001"]
    assert checked.errors == []


def test_findings_listed_as_ignored_beside_the_workbook_are_left_out_and_counted(tmp_path):
    book = _book(tmp_path)
    error, = check_workbook(book).errors
    list_file(book).write_text(f"# 已忽略\n{error.ref} ST001 {INFO}!{error.cell}\n", encoding="utf-8")
    checked = check_workbook(book)
    assert [f.code for f in checked.findings] == ["LN001"] and checked.errors == []
    assert checked.ignored == (IgnoredFinding(error, BY_LIST),)


def test_a_bad_rules_file_stops_before_the_workbook_is_read(tmp_path):
    bad = tmp_path / "坏.toml"
    bad.write_text("colour = 1\n", encoding="utf-8")
    with pytest.raises(ShuzhiError) as error:
        check_workbook(tmp_path / "没有这个文件.xlsx", bad)
    assert "colour" in str(error.value)
