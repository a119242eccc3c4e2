"""The summary's sheets as columns and rows, built from the per-file results: what the office reads."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from .. import schema
from ..checks.ledger import PER_LABELS
from ..checks.rules import Rules
from .collect import Branch, Unreadable
from .summary import (CHART_SHEET, FINDINGS_SHEET, OVERVIEW_SHEET, PROBLEMS_SHEET, UNREADABLE_SHEET, BarSpec,
                      Column, SheetData)

OVERVIEW = OVERVIEW_SHEET
STATUS = "状态"
STATUS_COMPLETE, STATUS_ERRORS, STATUS_UNREADABLE = "完整", "有错误", "无法读取"
#: Metric columns of 总览: names most branches report, at most this many.
KEY_METRICS = 8
BRANCH, FILE, CELL = Column(schema.INFO.field("branch").label, 22), Column("源文件", 36), Column("单元格", 8)


def requirement(rules: Rules, kind: str) -> str:
    rule = rules.frequency[kind]
    return f"{PER_LABELS[rule.per]}至少{rule.min}次"


def kind_label(rules: Rules, kind: str) -> str:
    """Return the header of 总览's count column for *kind*: the kind and what its rule asks, 党课（每季度至少1次）."""
    return f"{kind}（{requirement(rules, kind)}）"


def key_metrics(branches: list[Branch]) -> list[str]:
    """Return the metric names at least half the branches report, most common first, then by name."""
    counts = Counter(name for b in branches for name in b.metrics)
    common = [name for name, n in counts.items() if 2 * n >= len(branches)]
    return sorted(common, key=lambda name: (-counts[name], name))[:KEY_METRICS]


def status(branch: Branch) -> str:
    return STATUS_ERRORS if branch.errors else STATUS_COMPLETE


def overview(branches: list[Branch], unreadable: list[Unreadable], rules: Rules,
             notes: dict[str, str]) -> SheetData:
    """Return 总览: one row per branch used, then one per unreadable file; *notes* by file go in 备注."""
    kinds, metrics = rules.required_kinds, key_metrics(branches)
    info = schema.INFO
    columns = [BRANCH, Column(info.field("committee").label), Column(info.field("secretary").label, 10),
               Column(info.field("year").label, 10, "int"), FILE, Column(STATUS, 10),
               Column("错误数", 8, "int"), Column("警告数", 8, "int"),
               *(Column(kind_label(rules, k), 14, "int") for k in kinds),
               Column("台账合计", 10, "int"), Column("制度达标项数", 12, "int"), Column("未达标活动", 30, "longtext"),
               *(Column(name, 12, "number") for name in metrics), Column("备注", 40, "longtext")]
    rows = []
    for b in branches:
        short = [k for k in kinds if not b.compliance.get(k)]
        rows.append((b.branch, b.committee, b.secretary, b.year, b.file, status(b), b.errors, b.warnings,
                     *(b.ledger_counts.get(k, 0) for k in kinds), len(b.ledger), len(kinds) - len(short),
                     "、".join(short), *(b.metrics.get(name) for name in metrics), notes.get(b.file, "")))
    blank = (None,) * (len(columns) - 7)
    rows += [(None, None, None, None, u.file, STATUS_UNREADABLE, *blank, u.reason) for u in unreadable]
    return SheetData(OVERVIEW, "tbl_overview", columns, rows, freeze_columns=1)


def totals_sheet(overview_sheet: SheetData) -> SheetData:
    """Return 合计: each count and figure of 总览 summed over the branches, with how many branches gave it and
    the mean: the tallies the office writes into its own annual report."""
    labels = [c.label for c in overview_sheet.columns]
    state = labels.index(STATUS)
    branch_rows = [row for row in overview_sheet.rows if row[state] != STATUS_UNREADABLE]
    year = schema.INFO.field("year").label
    rows = []
    for i, column in enumerate(overview_sheet.columns):
        if column.kind not in ("int", "number") or column.label == year:
            continue
        values = [row[i] for row in branch_rows if isinstance(row[i], (int, float)) and not isinstance(row[i], bool)]
        if values:  # a metric every branch gave as text has nothing to add up
            rows.append((column.label, sum(values), len(values), round(sum(values) / len(values), 2)))
    columns = [Column("项目", 40), Column("合计", 12, "number"), Column("填报支部数", 12, "int"),
               Column("平均每支部", 12, "number")]
    return SheetData("合计", "tbl_totals", columns, rows, 1)


def detail_sheets(branches: list[Branch]) -> list[SheetData]:
    """Return 台账汇总, 工作要点, 问题汇总 and 打算汇总: every record of every branch, with its source."""
    ledger, points, problems, plans = schema.LEDGER, schema.STUDY, schema.PROBLEMS, schema.PLANS
    year = Column(schema.INFO.field("year").label, 8, "int")
    ledger_columns = [BRANCH, year, FILE, *(Column(f.label, f.width, "date" if f.kind == "date" else
                                                   "int" if f.kind == "int" else "text") for f in ledger.columns),
                      CELL]
    point_columns = [BRANCH, FILE, Column("工作表", 10), Column(points.field("heading").label, 30),
                     Column(points.field("order").label, 6, "int"), Column(points.field("lead").label, 24),
                     Column(points.field("body").label, 70, "longtext"), CELL]

    def item_columns(sheet: schema.Sheet) -> list[Column]:
        return [BRANCH, FILE, Column(sheet.field("order").label, 6, "int"), Column(sheet.field("heading").label, 30),
                Column(sheet.field("body").label, 70, "longtext"), CELL]

    return [
        SheetData("台账汇总", "tbl_ledger", ledger_columns,
                  [(b.branch, b.year, b.file, *row) for b in branches for row in b.ledger], 1),
        SheetData("工作要点", "tbl_points", point_columns,
                  [(b.branch, b.file, *row) for b in branches for row in b.points], 1),
        SheetData(PROBLEMS_SHEET, "tbl_problems", item_columns(problems),
                  [(b.branch, b.file, *row) for b in branches for row in b.problems], 1),
        SheetData("打算汇总", "tbl_plans", item_columns(plans),
                  [(b.branch, b.file, *row) for b in branches for row in b.plans], 1),
    ]


def findings_sheet(branches: list[Branch]) -> SheetData:
    """Return 检查结果: every finding of every file used, with file, sheet and cell."""
    columns = [FILE, BRANCH, Column("工作表", 10), CELL, Column("级别", 6), Column("代码", 8),
               Column("问题", 60, "longtext"), Column("建议", 40, "longtext")]
    rows = [(b.file, b.branch, f.sheet, f.cell, f.severity_label, f.code, f.message, f.suggestion)
            for b in branches for f in b.findings]
    return SheetData(FINDINGS_SHEET, "tbl_findings", columns, rows, 1)


def unreadable_sheet(unreadable: list[Unreadable]) -> SheetData:
    """Return 未能读取: the files that could not be used and why."""
    return SheetData(UNREADABLE_SHEET, "tbl_unreadable", [FILE, Column("原因", 80, "longtext")],
                     [(u.file, u.reason) for u in unreadable], 1)


def duplicates_sheet(groups: list[list[Branch]], used: set[str]) -> SheetData:
    """Return 重复文件: each group of files for one branch and year, and which file was used."""
    columns = [BRANCH, Column(schema.INFO.field("year").label, 8, "int"), FILE,
               Column("修改时间", 18, "datetime"), Column("处理", 30)]
    rows = [(b.branch, b.year, b.file, dt.datetime.fromtimestamp(b.mtime).replace(microsecond=0),
             "采用（较新）" if b.file in used else "未采用（有较新的文件）") for group in groups for b in group]
    return SheetData("重复文件", "tbl_duplicates", columns, rows, 1)


def compliance_table(branches: list[Branch], rules: Rules) -> SheetData:
    """Return the chart sheet's table: per rule, how many branches meet it in every period and how many do not."""
    kinds = rules.required_kinds
    columns = [Column("活动类型", 16), Column("要求", 16), Column("达标支部数", 12, "int"),
               Column("未达标支部数", 12, "int"), Column("达标率", 10, "percent")]
    rows = []
    for kind in kinds:
        met = sum(bool(b.compliance.get(kind)) for b in branches)
        rows.append((kind, requirement(rules, kind), met, len(branches) - met,
                     met / len(branches) if branches else None))
    return SheetData(CHART_SHEET, "tbl_compliance", columns, rows)


def charts(overview_sheet: SheetData, branches: list[Branch], rules: Rules) -> list[BarSpec]:
    """Return the charts: rule compliance across branches, and ledger activity per branch by kind."""
    kinds = rules.required_kinds
    if not kinds:
        return []
    labels = [c.label for c in overview_sheet.columns]
    first = labels.index(kind_label(rules, kinds[0])) + 1
    return [BarSpec("支部工作制度落实情况（支部数）", CHART_SHEET, 1, 3, 4, len(kinds), "支部数"),
            BarSpec("各支部台账活动次数", OVERVIEW, 1, first, first + len(kinds) - 1, len(branches), "次数")]
