"""Checks of a report's completeness and quality; each finding points at the cell to fix.

One module per rule family; ``check_report`` runs them all and returns the findings in reading order.
"""

from __future__ import annotations

from ..model import Report
from . import answers, ledger, length, numbers, placeholders, proofreading, structure
from .facts import Facts
from .finding import Finding, sort_key
from .ignore import with_refs
from .rules import Rules, load_rules

FAMILIES = (structure, answers, placeholders, numbers, ledger, proofreading, length)

__all__ = ["Facts", "Finding", "Rules", "check_facts", "check_report", "load_rules"]


def check_report(report: Report, rules: Rules | None = None, *, refs: bool = True) -> list[Finding]:
    """Return every finding about *report* under *rules* (the defaults when None), as ``check_facts`` does."""
    return check_facts(Facts(report, rules or load_rules()), refs=refs)


def check_facts(facts: Facts, *, refs: bool = True) -> list[Finding]:
    """Return every finding about the report *facts* were made of, under their rules, sorted by sheet, cell, code,
    each with its 编号 (checks.ignore) unless *refs* is False: for a caller that never shows one and has nothing
    marked 忽略 to match them against. What the checks work out stays in *facts* for a caller to read afterwards."""
    report, rules = facts.report, facts.rules
    findings = {f for family in FAMILIES for f in family.check(report, rules, facts) if f.code not in rules.disable}
    ordered = sorted(findings, key=lambda f: (*sort_key(f), f.offset))
    if not refs:
        return ordered
    return with_refs(ordered, {(c.where.sheet, c.where.cell): c.text for c in facts.every})
