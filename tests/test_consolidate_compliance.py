"""Consolidation's compliance as the committee reads it: 总览's 达标 columns and the chart's table, for one branch
that meets every rule and one known to fall short. Expected values are counted by hand from the ledgers below."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from checks_support import QUARTERLY, YEAR, clean_report
from consolidate_support import sheet_rows
from shuzhi_xl.consolidate import consolidate
from shuzhi_xl.model import LedgerEntry
from shuzhi_xl.xlsx.template import write_workbook

GENERAL_MEETING, PARTY_LECTURE = QUARTERLY
RULES = 8  # kinds with a frequency in the default rules


@pytest.fixture(scope="module")
def summary(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("compliance") / "各支部"
    folder.mkdir()
    good = clean_report()
    good.info.branch = "机关第一党支部"
    write_workbook(folder / "第一.xlsx", good)

    short = clean_report()
    short.info.branch = "机关第二党支部"
    # 支部党员大会: three in the first quarter, none after. 党课: the four of the year before, none this year.
    short.ledger = [e for e in short.ledger if e.kind not in QUARTERLY]
    short.ledger += [LedgerEntry(dt.date(YEAR, m, 15), GENERAL_MEETING, f"第{m}次", 20) for m in (1, 2, 3)]
    short.ledger += [LedgerEntry(dt.date(YEAR - 1, m, 15), PARTY_LECTURE, "往年党课", 20) for m in (2, 5, 8, 11)]
    write_workbook(folder / "第二.xlsx", short)
    return consolidate(folder, folder.parent / "汇总.xlsx", jobs=1).output


def _by_branch(summary: Path) -> dict[str, dict]:
    return {row["支部名称"]: row for row in sheet_rows(summary, "总览")}


def test_overview_counts_the_rules_each_branch_meets_and_names_the_ones_it_does_not(summary):
    rows = _by_branch(summary)
    assert rows["机关第一党支部"]["制度达标项数"] == RULES and not rows["机关第一党支部"]["未达标活动"]
    assert rows["机关第二党支部"]["制度达标项数"] == RULES - 2
    assert rows["机关第二党支部"]["未达标活动"] == "支部党员大会、党课"


def test_overview_counts_only_the_report_years_rows(summary):
    rows = _by_branch(summary)
    assert rows["机关第二党支部"]["支部党员大会（每季度至少1次）"] == 3
    assert rows["机关第二党支部"]["党课（每季度至少1次）"] == 0  # four rows, all of the year before
    assert rows["机关第一党支部"]["党课（每季度至少1次）"] == 4
    assert rows["机关第一党支部"]["支部委员会会议（每月至少1次）"] == 12


def test_chart_table_counts_branches_meeting_each_rule(summary):
    table = {row["活动类型"]: row for row in sheet_rows(summary, "图表")}
    assert len(table) == RULES
    for kind in (GENERAL_MEETING, PARTY_LECTURE):
        assert (table[kind]["达标支部数"], table[kind]["未达标支部数"], table[kind]["达标率"]) == (1, 1, 0.5)
        assert table[kind]["要求"] == "每季度至少1次"
    assert (table["主题党日"]["达标支部数"], table["主题党日"]["未达标支部数"], table["主题党日"]["达标率"]) == (2, 0, 1)
