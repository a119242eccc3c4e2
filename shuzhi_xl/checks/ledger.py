"""The ledger against the branch work rules: frequencies per period, dates, counts cited in the text (LG…)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING

from .. import schema
from ..model import LedgerEntry, Location, Report
from .cells import Texts
from .finding import Finding, at, quote
from .structure import checked_year

if TYPE_CHECKING:
    from .facts import Facts

PER_LABELS = {"month": "每月", "quarter": "每季度", "year": "每年"}
QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")
#: The months of each period of a frequency rule; a year's periods begin in January.
MONTHS = {"month": 1, "quarter": 3, "year": 12}


def check(report: Report, rules, facts: Facts) -> Iterator[Finding]:
    """Yield findings about ledger rows, activity frequencies and activity counts cited in the text."""
    sheet = Location(schema.LEDGER.name)
    if not report.ledger:
        yield at(sheet, "LG006", "info", "活动台账是空的，无法核对“三会一课”等活动的频次和正文中的次数。",
                 f"在“{schema.LEDGER.name}”中逐次登记全年的会议和活动。")
        return
    year, unreadable = checked_year(report), report.ignored_cells  # unreadable: reported by the structure checks
    for entry in report.ledger:
        if entry.date is None:
            if entry.where.get("date") not in unreadable:
                yield at(entry.where.get("date"), "LG004", "warning", "这一行台账没有日期。", "填写活动日期，如 2024-03-15。")
        elif year is not None and entry.date.year != year:
            yield at(entry.where.get("date"), "LG002", "warning",
                     f"台账日期 {entry.date.isoformat()} 不在述职年度 {year} 年内。", "核对日期，或删除往年的记录。")
        if entry.kind not in schema.LEDGER_KINDS:
            found = f"“{entry.kind}”不是可选的活动类型" if entry.kind else "没有填写活动类型"
            yield at(entry.where.get("kind"), "LG005", "warning", f"这一行台账{found}，不计入频次核对。",
                     "从下拉列表中选择：" + "、".join(schema.LEDGER_KINDS) + "。")
    for kind, (rule, short) in facts.shortfalls.items():
        listed = "、".join(f"{_label(rule.per, first, year)}{'没有记录' if n == 0 else f'只有 {n} 次'}"
                          for first, n in short)
        yield at(sheet, "LG001", "warning", f"“{kind}”应{PER_LABELS[rule.per]}至少 {rule.min} 次，台账中{listed}。",
                 "补登漏记的活动；确未开展的，在报告中说明原因。")
    yield from _cited_counts(facts, {kind: sum(months) for kind, months in facts.held.items()}, rules)


def entries_in_year(report: Report) -> list[LedgerEntry]:
    """Return the ledger rows that count: dated within the report year (any year when it is unknown or invalid),
    with a kind."""
    year = checked_year(report)
    return [e for e in report.ledger if e.date and e.kind and (year is None or e.date.year == year)]


def held_by_month(report: Report) -> dict[str, tuple[int, ...]]:
    """Return, per kind, the activities of entries_in_year held in each month (index 1 to 12; 0 unused)."""
    held: dict[str, list[int]] = {}
    for e in entries_in_year(report):
        held.setdefault(e.kind, [0] * 13)[e.date.month] += 1
    return {kind: tuple(months) for kind, months in held.items()}


def shortfalls(report: Report, rules, held: Mapping[str, tuple[int, ...]]) \
        -> dict[str, tuple[object, tuple[tuple[int, int], ...]]]:
    """Return, per activity kind short of its frequency rule, the rule and each short period's first month and
    count; *held* is ``held_by_month(report)``.

    Periods not yet begun cannot be short: a report written early in the year is judged on the past.
    Empty when the report year is unknown or invalid.
    """
    year = checked_year(report)
    if year is None:
        return {}
    today = dt.date.today()
    begun = 12 if year < today.year else today.month if year == today.year else 0  # months of *year* begun
    out = {}
    for kind in rules.required_kinds:
        rule = rules.frequency[kind]
        counts = _per_period(rule.per, held.get(kind, _NONE_HELD))
        short = tuple((first, n) for first, n in zip(range(1, begun + 1, MONTHS[rule.per]), counts) if n < rule.min)
        if short:
            out[kind] = (rule, short)
    return out


_NONE_HELD = (0,) * 13


def _per_period(per: str, months: tuple[int, ...]) -> list[int]:
    """Return the activities in each period, given those in each month (index 1 to 12)."""
    if per == "month":
        return months[1:]
    if per == "quarter":
        return [months[m] + months[m + 1] + months[m + 2] for m in (1, 4, 7, 10)]
    return [sum(months)]


def _label(per: str, first: int, year: int) -> str:
    """Return the name of the period of *year* that begins in month *first*."""
    if per == "month":
        return f"{first}月"
    if per == "quarter":
        return QUARTERS[first // 3]
    return f"{year}年"


def _cited_counts(texts: Texts, counts: dict[str, int], rules) -> Iterator[Finding]:
    pattern, kinds = rules.derived(count_pattern)
    if not kinds:
        return
    for cell in texts.printed:
        if "次" not in cell.text and "场" not in cell.text:  # every cited count ends in one of them
            continue
        for match in pattern.finditer(cell.text):
            name = match.group("a") or match.group("b")
            kind = kinds[name]
            # Compared as digits: int() refuses a run of over 4,300 of them, and a cell may hold one.
            if (match.group("n1") or match.group("n2")).lstrip("0") != str(counts.get(kind, 0)).lstrip("0"):
                yield at(cell.where, "LG003", "error",
                         f"正文写{quote(cell.text, *match.span())}，台账中“{kind}”共有 {counts.get(kind, 0)} 次。",
                         "核对正文中的次数与活动台账，使两者一致。")


def count_pattern(rules) -> tuple[re.Pattern, dict[str, str]]:
    """Return the pattern of cited counts ("主题党日12次", "12次主题党日") and its name → kind map, for the kinds of
    the frequency rules and their aliases."""
    kinds = {name: kind for kind in rules.frequency for name in (kind, *rules.aliases.get(kind, ()))}
    names = "|".join(re.escape(n) for n in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"(?P<a>{names})(?:活动|会议)?\s*(?:共|累计)?\s*(?P<n1>\d+)\s*[次场]"
                      rf"|(?<!\d)(?P<n2>\d+)\s*[次场](?P<b>{names})"), kinds
