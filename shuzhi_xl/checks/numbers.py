"""Numbers and metrics: citations {名称} against 指标数据, the values themselves, declared relations (NU…)."""

from __future__ import annotations

import operator
from collections.abc import Iterator

from .. import schema
from ..model import Metric, Report
from ..report.text import CITATION, format_number
from .cells import Texts
from .finding import Finding, at

PERCENT_UNITS = ("%", "％", "百分比")
_COMPARE = {"<=": operator.le, ">=": operator.ge, "<": operator.lt, ">": operator.gt,
            "=": lambda a, b: abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))}


def check(report: Report, rules, texts: Texts) -> Iterator[Finding]:
    """Yield findings about cited metrics, metric values and the relations the rules declare."""
    metrics: dict[str, Metric] = {}
    for metric in report.metrics:
        yield from _metric(metric, metrics, rules)
        if metric.name:
            metrics.setdefault(metric.name, metric)
    yield from _citations(texts, metrics)
    for relation in rules.relations:
        yield from _relation(relation, metrics)
    for entry in report.ledger:
        if entry.participants is not None and entry.participants < 0:
            yield at(entry.where.get("participants"), "NU004", "error", f"参加人数为负数（{entry.participants}）。",
                     "填写实际参加人数。")


def _metric(metric: Metric, seen: dict[str, Metric], rules) -> Iterator[Finding]:
    where, label = metric.where.get("value"), metric.name or "（未命名）"
    if not metric.name:
        yield at(metric.where.get("name"), "NU002", "error", "这一行指标有数值但没有指标名称，正文无法引用。",
                 f"填写{schema.METRICS.field('name').label}。")
    elif metric.name in seen:
        yield at(metric.where.get("name"), "NU008", "error",
                 f"指标名称“{metric.name}”重复（已在 {seen[metric.name].where.get('name', '')} 出现）。",
                 "每个指标名称只写一行；引用时以第一行为准。")
    if metric.value is None:
        yield at(where, "NU002", "error", f"指标“{label}”还没有填写数值。", "填写数值，只写数字，单位写在“单位”一栏。")
    elif isinstance(metric.value, str):
        yield at(where, "NU003", "error", f"指标“{label}”的数值“{metric.value}”不是数字。",
                 "只填阿拉伯数字（如 12 或 3.5），单位写在“单位”一栏。")
    elif metric.value < 0 and metric.unit in rules.count_units:
        yield at(where, "NU004", "error", f"指标“{label}”是计数（单位“{metric.unit}”），却为负数 "
                 f"{format_number(metric.value)}。", "核对数值。")
    elif metric.value > 100 and metric.unit in PERCENT_UNITS:
        yield at(where, "NU005", "warning", f"指标“{label}”是百分比，却超过 100（{format_number(metric.value)}%）。",
                 "核对数值；增长率等确实可以超过 100% 时可忽略。")


def _citations(texts: Texts, metrics: dict[str, Metric]) -> Iterator[Finding]:
    for cell in texts.printed:
        if "{" not in cell.text:  # every citation starts with one
            continue
        missing = [m.group(0) for m in CITATION.finditer(cell.text) if m.group(1).strip() not in metrics]
        if missing:
            yield at(cell.where, "NU001", "error",
                     f"正文引用的指标 {'、'.join(dict.fromkeys(missing))} 在“{schema.METRICS.name}”中没有对应的行。",
                     f"在“{schema.METRICS.name}”中添加同名指标，或改正大括号中的名称。")


def _value(metrics: dict[str, Metric], names: tuple[str, ...]) -> float | None:
    values = [metrics[n].value if n in metrics else None for n in names]
    return sum(values) if all(isinstance(v, float) for v in values) else None


def _relation(relation, metrics: dict[str, Metric]) -> Iterator[Finding]:
    left, right = _value(metrics, relation.left), _value(metrics, relation.right)
    if left is None or right is None or _COMPARE[relation.op](left, right):
        return
    yield at(metrics[relation.left[0]].where.get("value"), "NU006", "error",
             f"指标不符合“{relation.text}”：{'+'.join(relation.left)} 为 {format_number(left)}，"
             f"{'+'.join(relation.right)} 为 {format_number(right)}。",
             "核对这几项指标的数值。")
