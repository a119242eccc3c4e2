"""What one workbook contributes to the summary (consolidate/collect.py), specified on single small workbooks:
the counts and compliance of a branch known to fall short, problems and figures as kept for 总览 and 整改跟踪, and
what becomes of a blank, damaged, foreign or earlier-summary file. Expected values are counted from the ledgers
written below (default rules: 支部党员大会 and 党课 each quarter)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import sys
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from checks_support import QUARTERLY, YEAR, clean_report, run_check
from consolidate_support import collect
from shuzhi_xl import schema
from shuzhi_xl.cli import main
from shuzhi_xl.consolidate import collect as collect_module
from shuzhi_xl.consolidate.collect import Blank, Branch, Skipped, Unreadable, collect_many, is_blank, \
    workbook_files
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.model import IgnoredValue, Info, LedgerEntry, Location, Metric, Part, Point, Report, Section
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.xlsx.template import write_workbook

MEETING, LECTURE = QUARTERLY
KINDS = ("支部党员大会", "支部委员会会议", "党小组会", "党课", "主题党日", "组织生活会", "民主评议党员", "谈心谈话")
STAMP = 1_600_000_000.0


def short_report() -> Report:
    """A branch with three 支部党员大会 in Q1 and none after, and 党课 only in the year before: 46 ledger rows."""
    report = clean_report()
    report.info.branch = "机关第二党支部"
    report.ledger = [e for e in report.ledger if e.kind not in QUARTERLY]  # 36 monthly + 3 yearly
    report.ledger += [LedgerEntry(dt.date(YEAR, m, 15), MEETING, f"第{m}次", 20) for m in (1, 2, 3)]
    report.ledger += [LedgerEntry(dt.date(YEAR - 1, m, 15), LECTURE, "往年党课", 20) for m in (2, 5, 8, 11)]
    report.metrics.append(Metric("", 5.0, "个"))  # a figure without a name is not kept
    problems = report.parts[1].sections
    problems[1] = Section("", "自主组织的活动不够丰富。", [Point("吸引力不强", "参加人数少")])
    problems.append(Section("", ""))  # an empty item is no problem
    return report


def written(folder: Path, name: str, report: Report) -> str:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    write_workbook(path, report)
    os.utime(path, (STAMP, STAMP))
    return str(path)


@pytest.fixture  # per test, not per module: mutmut credits a module fixture's calls to the first test only
def short(tmp_path) -> Branch:
    root = tmp_path
    return collect(written(root, "区/第二.xlsx", short_report()), str(root), volume_part=lambda r, _: ("卷", r.info.branch))


def test_a_branch_short_of_two_rules_meets_the_others(short):
    assert short.compliance == {kind: kind not in QUARTERLY for kind in KINDS}


def test_counts_take_only_the_report_years_rows_and_the_total_every_row(short):
    assert short.ledger_counts[MEETING] == 3 and short.ledger_counts[LECTURE] == 0
    assert short.ledger_counts["支部委员会会议"] == 12 and short.ledger_counts["组织生活会"] == 1
    assert set(short.ledger_counts) == set(schema.LEDGER_KINDS) and short.ledger_counts["志愿服务"] == 0
    assert short.ledger_total == 46
    assert short.rows["台账汇总"][0] == 46 and short.rows["问题汇总"][0] == 2
    assert short.rows["台账汇总"][1].count("<t>区/第二.xlsx</t>".encode()) == 46  # each row names its file


def test_the_branch_record_keeps_who_where_and_what(short):
    assert (short.file, short.mtime, short.branch, short.committee, short.secretary, short.year) == \
        ("区/第二.xlsx", STAMP, "机关第二党支部", "机关党委", "张三", YEAR)
    assert short.metrics == {"签约总投资": (10.0, "亿元"), "已到位资金": (8.0, "亿元")}
    assert short.problems == ("思想认识高度不够", "自主组织的活动不够丰富。\n吸引力不强。参加人数少")
    assert short.volume == ("卷", "机关第二党支部") and short.outline_gaps == ()


def test_errors_and_warnings_are_counted_apart(short):
    # errors: the text cites 4 支部党员大会 against 3 rows; a figure without a name. Warnings: four rows of the
    # year before, a paragraph ending without 。 (参加人数少), two rules not met.
    assert (short.errors, short.warnings, short.status) == (2, 7, "有错误")


def test_a_clean_branch_is_complete_and_a_yearless_one_meets_nothing(tmp_path):
    clean = collect(written(tmp_path, "a.xlsx", clean_report()), str(tmp_path))
    assert (clean.errors, clean.warnings, clean.status) == (0, 0, "完整")
    assert clean.compliance == dict.fromkeys(KINDS, True) and clean.volume is None
    yearless = clean_report()
    yearless.info.year = None
    yearless.ledger.append(LedgerEntry(dt.date(YEAR - 1, 3, 1), MEETING, "往年", 9))
    branch = collect(written(tmp_path, "b.xlsx", yearless), str(tmp_path))
    assert branch.compliance == dict.fromkeys(KINDS, False)
    assert branch.ledger_counts[MEETING] == 5  # no year to filter by: every dated row counts
    assert branch.errors >= 1 and branch.status == "有错误"


def test_a_committees_rules_file_sets_the_rules_and_the_required_parts(tmp_path):
    rules = tmp_path / "规则.toml"
    rules.write_text('[ledger.frequency]\n"党课" = { per = "季度", min = 0 }\n"主题党日" = { per = "季度", min = 5 }\n'
                     '[[outline.parts]]\nname = "主要工作情况"\n[[outline.parts]]\nname = "经验做法"\nrequired = true\n',
                     encoding="utf-8")
    branch = collect(written(tmp_path / "各支部", "a.xlsx", clean_report()), str(tmp_path / "各支部"), str(rules))
    assert list(branch.compliance) == [k for k in KINDS if k != LECTURE]
    assert branch.compliance["主题党日"] is False and branch.compliance[MEETING] is True  # 3 a quarter, 5 asked
    assert len(branch.outline_gaps) == 1 and "经验做法" in branch.outline_gaps[0]


def test_collect_many_keeps_the_order_the_rules_and_the_volume(tmp_path):
    first, second = (written(tmp_path, f"{n}.xlsx", clean_report()) for n in ("乙", "甲"))
    rules = tmp_path / "规则.toml"
    rules.write_text('[ledger.frequency]\n"党课" = { per = "季度", min = 0 }\n', encoding="utf-8")
    assert (first, second) == (str(tmp_path / "乙.xlsx"), str(tmp_path / "甲.xlsx"))

    def part(report, paragraphs):  # the volume's part of a report gets its printed paragraphs (built once)
        return report.info.secretary, paragraphs == tuple(report_paragraphs(report))

    branches = collect_many(["乙.xlsx", "甲.xlsx"], str(tmp_path), str(rules), part)
    assert [b.file for b in branches] == ["乙.xlsx", "甲.xlsx"]
    assert [LECTURE in b.compliance for b in branches] == [False, False]
    assert [b.volume for b in branches] == [("张三", True), ("张三", True)]


def test_files_that_cannot_be_used_are_reported_never_raised(tmp_path):
    (tmp_path / "坏.xlsx").write_bytes(b"PK\x03\x04 not a workbook")
    damaged = collect(str(tmp_path / "坏.xlsx"), str(tmp_path))
    assert isinstance(damaged, Unreadable) and damaged.file == "坏.xlsx"
    assert damaged.reason and "坏.xlsx" not in damaged.reason  # the message alone: 未能读取 lists the file beside it
    other = openpyxl.Workbook()
    other.active["A1"] = "姓名"
    other.save(tmp_path / "名单.xlsx")
    assert isinstance(collect(str(tmp_path / "名单.xlsx"), str(tmp_path)), Unreadable)
    summary = openpyxl.Workbook()
    summary.active.title = "总览"
    for name in ("问题汇总", "检查结果", "未能读取"):
        summary.create_sheet(name)
    summary.save(tmp_path / "汇总.xlsx")
    assert collect(str(tmp_path / "汇总.xlsx"), str(tmp_path)) == Skipped("汇总.xlsx")


def test_an_unreadable_workbook_is_listed_with_the_sheet_and_cell_its_refusal_names(tmp_path):
    """未能读取 names the file in a column of its own; the reason says where in it (a refusal's “这张表” alone
    would leave the committee office guessing which of the sheets)."""
    book = openpyxl.load_workbook(write_workbook(tmp_path / "样例.xlsx", clean_report()))
    book[schema.LEDGER.name]["C30000"] = "远处的活动"
    book.save(tmp_path / "远.xlsx")
    far = collect(str(tmp_path / "远.xlsx"), str(tmp_path))
    assert isinstance(far, Unreadable) and far.file == "远.xlsx"
    assert far.reason.startswith(f"工作表“{schema.LEDGER.name}”，单元格 C30000：") and "远.xlsx" not in far.reason


def test_unforeseen_failures_leave_out_the_file_with_a_message(tmp_path, monkeypatch):
    path = written(tmp_path, "a.xlsx", clean_report())

    def fail(exc):
        def raise_(*args, **kwargs):
            raise exc
        return raise_

    monkeypatch.setattr(collect_module, "checked", fail(ValueError("意外")))
    assert collect(path, str(tmp_path)) == Unreadable(
        "a.xlsx", "已读取，但检查本文件时程序出错（ValueError: 意外），未能汇总。请把该文件发给技术支持人员。")
    monkeypatch.setattr(collect_module, "checked", fail(ShuzhiError("规则文件有误")))
    assert collect(path, str(tmp_path)) == Unreadable("a.xlsx", "规则文件有误")
    monkeypatch.setattr(collect_module, "read_marked", fail(OSError("磁盘错误")))
    assert collect(path, str(tmp_path)) == Unreadable(
        "a.xlsx", "无法读取（OSError: 磁盘错误）。请用 Excel 或 WPS 打开后另存为 .xlsx。")


def test_a_blank_template_is_blank(tmp_path):
    assert collect(written(tmp_path, "空.xlsx", Report()), str(tmp_path)) == Blank("空.xlsx")


@pytest.mark.parametrize("filled", [
    lambda r: setattr(r.info, "branch", "某支部"), lambda r: setattr(r.info, "year", 2022),
    lambda r: setattr(r.info, "date", dt.date(2022, 1, 1)), lambda r: r.ledger.append(LedgerEntry(kind="党课")),
    lambda r: r.metrics.append(Metric("党员人数")), lambda r: r.parts.append(Part("", [Section("标题")])),
    lambda r: r.parts.append(Part("", [Section("", "", [Point("", "正文")])])),
    lambda r: r.ignored.append(IgnoredValue(Location("基本信息", "B2"), schema.INFO.field("year"), "二〇二二")),
])
def test_anything_filled_in_is_not_blank(filled):
    report = Report()
    filled(report)
    assert not is_blank(report)


def test_layout_choices_and_empty_parts_are_still_blank():
    assert is_blank(Report(Info(layout="分段", bold="无", body_font="宋体"), [Part("存在问题", [Section()])]))


def test_workbook_files_are_found_in_subfolders_in_path_order(tmp_path):
    for name in ("b.xlsx", "a/z.XLSM", "a/y.xls", "a-b.xlsx", "~$b.xlsx", "说明.txt", "c.csv", "目录.xlsx/x.txt"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_bytes(b"")
    assert workbook_files(tmp_path) == ["a-b.xlsx", "a/y.xls", "a/z.XLSM", "b.xlsx"]  # as text: "-" sorts before "/"


def test_status_is_the_worst_finding(short):
    statuses = [dataclasses.replace(short, errors=e, warnings=w).status for e, w in ((0, 0), (0, 3), (1, 0), (1, 3))]
    assert statuses == ["完整", "有问题", "有错误", "有错误"]


def test_findings_marked_ignored_beside_the_workbook_are_left_out_and_counted(tmp_path):
    report = clean_report()
    report.ledger.append(LedgerEntry(dt.date(YEAR - 1, 6, 1), "党课", "往年党课", 10))  # one warning: LG002
    path = written(tmp_path, "a.xlsx", report)
    before = collect(path, str(tmp_path))
    assert (before.warnings, before.ignored, before.status) == (1, 0, "有问题")
    _, findings = run_check(path)
    ref = next(f["ref"] for f in findings if f["code"] == "LG002")
    assert CliRunner().invoke(main, ["check", path, "--ignore", ref]).exit_code in (0, 1)  # writes a.忽略.txt
    after = collect(path, str(tmp_path))
    assert (after.warnings, after.ignored, after.status) == (0, 1, "完整")


def test_a_branch_is_matched_to_the_outline_and_its_ledger_counted_once(tmp_path, monkeypatch):
    # The checks and the branch's rows and figures share them (checks.facts), with and without 编号 given.
    from shuzhi_xl import outline
    from shuzhi_xl.checks import ledger

    calls = []
    for original in (outline.match, ledger.held_by_month, ledger.shortfalls):
        counted = lambda *args, _f=original: calls.append(_f.__name__) or _f(*args)  # noqa: E731
        for module in [m for name, m in sys.modules.items() if name.startswith("shuzhi_xl")]:
            if getattr(module, original.__name__, None) is original:
                monkeypatch.setattr(module, original.__name__, counted)
    path = written(tmp_path, "区/第二.xlsx", short_report())
    branch = collect(path, str(tmp_path))
    assert sorted(calls) == ["held_by_month", "match", "shortfalls"]
    Path(path).with_name("第二.忽略.txt").write_text("# 空的忽略清单\n", encoding="utf-8")  # now the 编号 are given
    calls.clear()
    assert collect(path, str(tmp_path)) == branch
    assert sorted(calls) == ["held_by_month", "match", "shortfalls"]


def test_a_list_beside_a_workbook_not_in_utf8_is_said_by_check_and_consolidation(tmp_path):
    path = written(tmp_path, "a.xlsx", clean_report())
    (tmp_path / "a.忽略.txt").write_bytes("# 已忽略的检查结果\n".encode("gbk"))
    said = "忽略清单“a.忽略.txt”不是 UTF-8 编码的文本，无法读取。"
    unreadable = collect(path, str(tmp_path))
    assert isinstance(unreadable, Unreadable) and unreadable.reason.startswith(said)
    result = CliRunner().invoke(main, ["check", path])
    assert result.exit_code == 2 and said in result.output and "Traceback" not in result.output
