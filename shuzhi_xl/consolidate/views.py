"""The summary's sheets built in the parent from what it keeps of each branch (one row each): 总览, 合计, the
lists of unreadable, blank and duplicate files, and the chart tables. The detail sheets are details.py's."""

from __future__ import annotations

import datetime as dt
import functools
from array import array
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import NamedTuple

from .. import schema
from ..checks.ledger import PER_LABELS
from ..checks.rules import Rules
from .collect import STATUS_ERRORS, STATUS_PROBLEMS, STATUS_UNREADABLE, Blank, Branch, Unreadable
from .details import BRANCH, FILE
from .summary import CHART_SHEET, OVERVIEW_SHEET, UNREADABLE_SHEET, BarSpec, Column, Marks, Rows, SheetData

OVERVIEW = OVERVIEW_SHEET
STATUS = "状态"
NOT_MET = "未达标活动"
DISTRIBUTION_SHEET = "达标分布"
#: Metric columns of 总览: names most branches report, at most this many.
KEY_METRICS = 8
#: Up to this many branches, a chart shows each branch's activities; past it, one bar per branch is unreadable on
#: a page, and the chart of how many branches meet how many rules says what the office needs at any size.
BRANCH_CHART_MAX = 30
#: 总览's column of the 提纲's required items a branch lacks (under a committee's 提纲 only).
OUTLINE_GAPS = "提纲缺项"
#: The higher committee a branch stands under: with its name and year, what tells one branch from another.
COMMITTEE = Column(schema.INFO.field("committee").label)
_STATUS_MARKS = {STATUS_ERRORS: "error", STATUS_UNREADABLE: "error", STATUS_PROBLEMS: "short"}


def requirement(rules: Rules, kind: str) -> str:
    rule = rules.frequency[kind]
    return f"{PER_LABELS[rule.per]}至少{rule.min}次"


def kind_label(rules: Rules, kind: str) -> str:
    """Return the header of 总览's count column for *kind*: the kind and what its rule asks, 党课（每季度至少1次）."""
    return f"{kind}（{requirement(rules, kind)}）"


@dataclass(frozen=True)
class MetricColumn:
    """A figure most branches report, with the units they give it in (most common first)."""

    name: str
    units: tuple[str, ...]

    @functools.cached_property  # asked for every cell of its column
    def mixed(self) -> bool:
        return len(self.units) > 1

    @property
    def label(self) -> str:
        if self.mixed:
            return f"{self.name}（单位不一）"
        return f"{self.name}（{self.units[0]}）" if self.units and self.units[0] else self.name

    def value(self, branch: Branch) -> float | str | None:
        """Return the branch's figure: a number under a single unit; with mixed units, the number and its unit as
        text, so that nothing adds 万元 to 亿元."""
        value, unit = branch.metrics.get(self.name, (None, ""))
        if self.mixed and value is not None:
            return f"{_plain(value)}{unit}" if unit else str(_plain(value))
        return value


def _plain(value: float | str) -> float | int | str:
    return int(value) if isinstance(value, float) and value.is_integer() else value


@dataclass
class Tally:
    """What the sheets and the final line count over the branches used, taken in one reading of them (they are read
    back from disk for each reading): statuses, years, ignored findings, who gives which metric in which unit, and
    who meets which rule."""

    branches: int = 0
    statuses: Counter = field(default_factory=Counter)
    #: year (None: not given) → branches
    years: Counter = field(default_factory=Counter)
    ignored: int = 0
    #: metric name → branches giving it; metric name → unit → branches giving a value in it
    metrics: Counter = field(default_factory=Counter)
    units: defaultdict = field(default_factory=lambda: defaultdict(Counter))
    #: rule's ledger kind → branches meeting it in every period; rules met → branches meeting that many
    met: Counter = field(default_factory=Counter)
    met_counts: Counter = field(default_factory=Counter)


def tally(branches: Iterable[Branch], rules: Rules) -> Tally:
    """Return the counts of *branches* (one pass)."""
    kinds, counted = rules.required_kinds, Tally()
    for b in branches:
        counted.branches += 1
        counted.statuses[b.status] += 1
        counted.years[b.year] += 1
        counted.ignored += b.ignored
        for name, (value, unit) in b.metrics.items():
            counted.metrics[name] += 1
            if value is not None:
                counted.units[name][unit] += 1
        met = [kind for kind, ok in b.compliance.items() if ok]
        counted.met.update(met)
        counted.met_counts[sum(kind in met for kind in kinds)] += 1
    return counted


def key_metrics(counted: Tally) -> list[MetricColumn]:
    """Return the metrics at least half the branches report, most common first, then by name, with their units."""
    counts, units = counted.metrics, counted.units
    common = sorted((name for name, n in counts.items() if 2 * n >= counted.branches), key=lambda n: (-counts[n], n))
    return [MetricColumn(name, tuple(sorted(units[name], key=lambda u: (-units[name][u], u))))
            for name in common[:KEY_METRICS]]


def unique_labels(labels: list[str]) -> list[str]:
    """Return *labels* with each repeat numbered, 状态（2）: a table's column names must differ (ignoring case, as
    Excel compares them), and a branch may call a metric 支部名称 or 备注."""
    seen, out = set(), []
    for label in labels:
        unique, n = label, 1
        while unique.casefold() in seen:
            n += 1
            unique = f"{label}（{n}）"
        seen.add(unique.casefold())
        out.append(unique)
    return out


def overview(branches: list[Branch], counted: Tally, unreadable: list[Unreadable], rules: Rules,
             notes: dict[str, str]) -> tuple[SheetData, list[MetricColumn]]:
    """Return 总览 (one row per branch used, then one per unreadable file; *notes* by file go in 备注), with errors,
    rules not met and figures in mixed units highlighted; and its metric columns. Under a committee's 提纲, 提纲缺项
    lists each branch's required parts and sections missing or empty. *counted*: the branches' Tally."""
    kinds, metrics = rules.required_kinds, key_metrics(counted)
    info = schema.INFO
    columns = [BRANCH, COMMITTEE, Column(info.field("secretary").label, 10),
               Column(info.field("year").label, 10, "int"), FILE, Column(STATUS, 10),
               Column("错误数", 8, "int"), Column("警告数", 8, "int"),
               *(Column(kind_label(rules, k), 14, "int") for k in kinds),
               Column("台账合计", 10, "int"), Column("制度达标项数", 12, "int"), Column(NOT_MET, 30, "longtext")]
    tail = [*([Column(OUTLINE_GAPS, 30, "longtext")] if rules.outline.committee else []), Column("备注", 40, "longtext")]
    # A metric may be named like a column (支部名称, 状态, 备注): the column keeps its name, the metric is numbered.
    labels = unique_labels([c.label for c in columns + tail] + [m.label for m in metrics])[len(columns + tail):]
    columns += [*(Column(label, 12, "text" if m.mixed else "number") for label, m in zip(labels, metrics)), *tail]
    state, first_kind = 5, 8
    met_column, first_metric = first_kind + len(kinds) + 1, first_kind + len(kinds) + 3
    kind_columns = {k: first_kind + n for n, k in enumerate(kinds)}
    gaps = rules.outline.committee

    def row(b: Branch) -> tuple[tuple, Marks | None]:
        short = [k for k in kinds if not b.compliance.get(k)]
        values = (b.branch, b.committee, b.secretary, b.year, b.file, b.status, b.errors, b.warnings,
                  *(b.ledger_counts.get(k, 0) for k in kinds), b.ledger_total, len(kinds) - len(short), "、".join(short),
                  *(m.value(b) for m in metrics), *(["\n".join(b.outline_gaps)] if gaps else []), notes.get(b.file, ""))
        marks = {kind_columns[k]: "short" for k in short}
        marks.update({first_metric + j: "short" for j, m in enumerate(metrics) if m.mixed and m.name in b.metrics})
        if short:
            marks[met_column] = "short"
        if b.outline_gaps and gaps:
            marks[len(columns) - 2] = "error"
        if b.status in _STATUS_MARKS:
            marks[state] = _STATUS_MARKS[b.status]
        return values, marks or None

    blank = (None,) * (len(columns) - 7)

    def unreadable_row(u: Unreadable) -> tuple[tuple, Marks]:
        return (None, None, None, None, u.file, STATUS_UNREADABLE, *blank, u.reason), {state: "error"}

    rows = Rows((branches, row), (unreadable, unreadable_row))
    return SheetData(OVERVIEW, "tbl_overview", columns, rows, freeze_columns=1), metrics


def totals_sheet(overview_sheet: SheetData, metrics: list[MetricColumn]) -> SheetData:
    """Return 合计: each count and figure of 总览 summed over the branches, with its unit, how many branches gave it
    and the mean: the tallies the office writes into its own annual report. A figure given in several units is
    never summed: the row says so."""
    labels = [c.label for c in overview_sheet.columns]
    state = labels.index(STATUS)
    first_metric = labels.index(NOT_MET) + 1  # the metrics follow 未达标活动
    year = schema.INFO.field("year").label
    # by place, not by label: a metric may be named like another column (its label is then numbered)
    metric_of = {i: metrics[i - first_metric] for i in range(first_metric, first_metric + len(metrics))}
    mixed = [i for i, m in metric_of.items() if m.mixed]
    summed = [i for i, c in enumerate(overview_sheet.columns)
              if c.kind in ("int", "number") and c.label != year and i not in mixed]
    # One pass: 总览's rows are made again as they are read. A column holds counts (int, added exactly) or figures
    # (float, kept as doubles and added by sum() at the end, as a list of them would be).
    given, counts = dict.fromkeys(mixed, 0), dict.fromkeys(summed, 0)
    whole, figures = dict.fromkeys(summed, 0), {i: array("d") for i in summed}
    for row in overview_sheet.rows:
        if row[state] == STATUS_UNREADABLE:
            continue
        for i in mixed:
            given[i] += row[i] is not None
        for i in summed:
            value = row[i]
            if type(value) is float:
                figures[i].append(value)
            elif isinstance(value, int) and not isinstance(value, bool):
                whole[i] += value
            else:
                continue
            counts[i] += 1
    totals = {i: sum(figures[i], whole[i]) for i in summed}
    rows, marks = [], {}
    for i, column in enumerate(overview_sheet.columns):
        metric = metric_of.get(i)
        if i in given:
            marks[len(rows)] = {1: "short", 5: "short"}
            rows.append((metric.name, "、".join(u or "（无单位）" for u in metric.units), None, given[i], None,
                         "单位不一，未合计。请统一单位后重新汇总。"))
        elif counts.get(i):  # a metric every branch gave as text has nothing to add up
            name, unit = (metric.name, metric.units[0] if metric.units else "") if metric else (column.label, "")
            rows.append((name, unit, totals[i], counts[i], round(totals[i] / counts[i], 2), None))
    columns = [Column("项目", 40), Column("单位", 10), Column("合计", 12, "number"), Column("填报支部数", 12, "int"),
               Column("平均每支部", 12, "number"), Column("说明", 40, "longtext")]
    return SheetData("合计", "tbl_totals", columns, rows, 1, marks)


def unreadable_sheet(unreadable: list[Unreadable]) -> SheetData:
    """Return 未能读取: the files that could not be used and why."""
    return SheetData(UNREADABLE_SHEET, "tbl_unreadable", [FILE, Column("原因", 80, "longtext")],
                     [(u.file, u.reason) for u in unreadable], 1)


def blank_sheet(blank: list[Blank]) -> SheetData:
    """Return 空白模板: workbooks in the folder nobody filled in, which are not branches."""
    return SheetData("空白模板", "tbl_blank", [FILE, Column("说明", 60, "longtext")],
                     [(b.file, "未填写任何内容（空白模板），未计入支部。如是某支部的上报文件，请退回补填。") for b in blank], 1)


class Duplicate(NamedTuple):
    """One file of a branch found in several: what 重复文件 and 总览's 备注 say of it (not the whole record: a
    folder of many resubmissions would hold the figures of thousands of them at once)."""

    file: str
    branch: str
    committee: str
    year: int | None
    mtime: float


def duplicates_sheet(groups: list[list[Duplicate]], used: set[str]) -> SheetData:
    """Return 重复文件: each group of files for one branch of a committee and year, and which file was used."""
    columns = [BRANCH, COMMITTEE, Column(schema.INFO.field("year").label, 8, "int"), FILE,
               Column("修改时间", 18, "datetime"), Column("处理", 30)]
    rows = [(b.branch, b.committee, b.year, b.file, dt.datetime.fromtimestamp(b.mtime).replace(microsecond=0),
             "采用（较新）" if b.file in used else "未采用（有较新的文件）") for group in groups for b in group]
    return SheetData("重复文件", "tbl_duplicates", columns, rows, 1)


def compliance_table(counted: Tally, rules: Rules) -> SheetData:
    """Return the chart sheet's table: per rule, how many branches meet it in every period and how many do not."""
    columns = [Column("活动类型", 16), Column("要求", 16), Column("达标支部数", 12, "int"),
               Column("未达标支部数", 12, "int"), Column("达标率", 10, "percent")]
    met, total = counted.met, counted.branches
    rows = [(kind, requirement(rules, kind), met[kind], total - met[kind], met[kind] / total if total else None)
            for kind in rules.required_kinds]
    return SheetData(CHART_SHEET, "tbl_compliance", columns, rows)


def distribution_sheet(counted: Tally, rules: Rules) -> SheetData:
    """Return 达标分布: how many branches meet all the rules, all but one, … none."""
    kinds, met, total = rules.required_kinds, counted.met_counts, counted.branches
    columns = [Column("达标项数", 16), Column("支部数", 10, "int"), Column("占比", 10, "percent")]
    rows = [(f"{n} 项" + ("（全部达标）" if n == len(kinds) else ""), met[n], met[n] / total if total else None)
            for n in range(len(kinds), -1, -1)]
    return SheetData(DISTRIBUTION_SHEET, "tbl_distribution", columns, rows)


def charts(overview_sheet: SheetData, branches: list[Branch], rules: Rules) -> list[BarSpec]:
    """Return the charts: each rule's compliance across branches; how many branches meet how many rules; and, for a
    folder small enough to show every branch, each branch's ledger activities by kind."""
    kinds = rules.required_kinds
    if not kinds:
        return []
    specs = [BarSpec("支部工作制度落实情况（支部数）", CHART_SHEET, 0, 2, 3, len(kinds), "支部数"),
             BarSpec("各支部达标项数分布（支部数）", DISTRIBUTION_SHEET, 0, 1, 1, len(kinds) + 1, "支部数",
                     stacked=False, horizontal=False)]
    if len(branches) <= BRANCH_CHART_MAX:
        first = [c.label for c in overview_sheet.columns].index(kind_label(rules, kinds[0]))
        specs.append(BarSpec("各支部台账活动次数", OVERVIEW, 0, first, first + len(kinds) - 1, len(branches), "次数"))
    return specs
