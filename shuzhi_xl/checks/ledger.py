"""The ledger against the branch work rules: frequencies per period, dates, counts cited in the text (LG…)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections import Counter
from collections.abc import Iterator

from .. import schema
from ..model import LedgerEntry, Location, Report
from .cells import Texts
from .finding import Finding, at, quote
from .structure import checked_year

PER_LABELS = {"month": "每月", "quarter": "每季度", "year": "每年"}
QUARTERS = ("第一季度", "第二季度", "第三季度", "第四季度")


def check(report: Report, rules, texts: Texts) -> Iterator[Finding]:
    """Yield findings about ledger rows, activity frequencies and activity counts cited in the text."""
    sheet = Location(schema.LEDGER.name)
    if not report.ledger:
        yield at(sheet, "LG006", "info", "活动台账是空的，无法核对“三会一课”等活动的频次和正文中的次数。",
                 f"在“{schema.LEDGER.name}”中逐次登记全年的会议和活动。")
        return
    unreadable = report.ignored_cells  # reported by the structure checks
    for entry in report.ledger:
        yield from _entry(entry, checked_year(report), unreadable)
    for kind, (rule, short) in shortfalls(report, rules).items():
        listed = "、".join(f"{label}{'没有记录' if n == 0 else f'只有 {n} 次'}" for label, n in short)
        yield at(sheet, "LG001", "warning", f"“{kind}”应{PER_LABELS[rule.per]}至少 {rule.min} 次，台账中{listed}。",
                 "补登漏记的活动；确未开展的，在报告中说明原因。")
    yield from _cited_counts(texts, Counter(e.kind for e in entries_in_year(report)), rules)


def entries_in_year(report: Report) -> list[LedgerEntry]:
    """Return the ledger rows that count: dated within the report year (any year when it is unknown or invalid),
    with a kind."""
    year = checked_year(report)
    return [e for e in report.ledger if e.date and e.kind and (year is None or e.date.year == year)]


def shortfalls(report: Report, rules, held: dict[str, list[int]] | None = None) \
        -> dict[str, tuple[object, list[tuple[str, int]]]]:
    """Return, per activity kind short of its frequency rule, the rule and each short period's (label, count).

    Periods not yet begun cannot be short: a report written early in the year is judged on the past.
    Empty when the report year is unknown or invalid. *held* is ``held_by_month(report)`` when already counted.
    """
    year = checked_year(report)
    if year is None:
        return {}
    today = dt.date.today()
    held = held_by_month(report) if held is None else held
    out = {}
    for kind in rules.required_kinds:
        rule = rules.frequency[kind]
        months = held.get(kind, _NONE_HELD)
        short = [(label, n) for (label, start), n in zip(_cached_periods(rule.per, year), _per_period(rule.per, months))
                 if n < rule.min and start <= today]
        if short:
            out[kind] = (rule, short)
    return out


def held_by_month(report: Report) -> dict[str, list[int]]:
    """Return, per kind, the activities of entries_in_year held in each month (index 1 to 12; 0 unused)."""
    held: dict[str, list[int]] = {}
    for e in entries_in_year(report):
        held.setdefault(e.kind, [0] * 13)[e.date.month] += 1
    return held


_NONE_HELD = [0] * 13


def _entry(entry: LedgerEntry, year: int | None, unreadable: set[Location]) -> Iterator[Finding]:
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


def _periods(per: str, year: int) -> tuple[tuple[str, dt.date], ...]:
    """Return (label, first day) of each period of *year*."""
    if per == "month":
        return tuple((f"{m}月", dt.date(year, m, 1)) for m in range(1, 13))
    if per == "quarter":
        return tuple((QUARTERS[q], dt.date(year, 3 * q + 1, 1)) for q in range(4))
    return ((f"{year}年", dt.date(year, 1, 1)),)


#: Cached apart, not decorated: mutation testing leaves decorated functions alone.
_cached_periods = functools.lru_cache(maxsize=32)(_periods)


def _per_period(per: str, months: list[int]) -> list[int]:
    """Return the activities in each period, given those in each month (index 1 to 12)."""
    if per == "month":
        return months[1:]
    if per == "quarter":
        return [months[m] + months[m + 1] + months[m + 2] for m in (1, 4, 7, 10)]
    return [sum(months)]


def _cited_counts(texts: Texts, counts: Counter, rules) -> Iterator[Finding]:
    pattern, kinds = _cached_count_pattern(tuple((kind, tuple(rules.aliases.get(kind, ()))) for kind in rules.frequency))
    if not kinds:
        return
    for cell in texts.printed:
        if "次" not in cell.text and "场" not in cell.text:  # every cited count ends in one of them
            continue
        for match in pattern.finditer(cell.text):
            name = match.group("a") or match.group("b")
            cited = int(match.group("n1") or match.group("n2"))
            kind = kinds[name]
            if cited != counts[kind]:
                yield at(cell.where, "LG003", "error",
                         f"正文写{quote(cell.text, *match.span())}，台账中“{kind}”共有 {counts[kind]} 次。",
                         "核对正文中的次数与活动台账，使两者一致。")


def _count_pattern(names: tuple[tuple[str, tuple[str, ...]], ...]) -> tuple[re.Pattern, dict[str, str]]:
    """Return the pattern of cited counts ("主题党日12次", "12次主题党日") and its name → kind map, for the kinds of
    the rules and their aliases (*names*: kind, aliases of each)."""
    kinds = {name: kind for kind, aliases in names for name in (kind, *aliases)}
    names = "|".join(re.escape(n) for n in sorted(kinds, key=len, reverse=True))
    return re.compile(rf"(?P<a>{names})(?:活动|会议)?\s*(?:共|累计)?\s*(?P<n1>\d+)\s*[次场]"
                      rf"|(?<!\d)(?P<n2>\d+)\s*[次场](?P<b>{names})"), kinds


_cached_count_pattern = functools.lru_cache(maxsize=8)(_count_pattern)
