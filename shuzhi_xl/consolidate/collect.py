"""The per-file step of consolidation: one workbook path in, one plain, picklable result out.

``collect`` is a pure top-level function of its arguments and the file, so a process pool (or any
other executor) can run it unchanged; it never raises for a bad file (nor for a check failing on it),
it reports it.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from .. import schema
from ..checks import check_report
from ..checks.finding import Finding, severity_counts
from ..checks.ledger import entries_in_year, shortfalls
from ..checks.rules import Rules, load_rules
from ..checks.structure import checked_year
from ..errors import ShuzhiError, WorkbookError
from ..model import Report
from ..xlsx.reader import read_workbook
from .summary import is_summary_workbook

#: File name suffixes consolidated; anything else in the folder is ignored. Old .xls files are taken in
#: so that they are listed as unreadable with the fix, not silently skipped.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
#: Office owner files (``~$name.xlsx``) exist while a workbook is open; they are not workbooks.
LOCK_PREFIX = "~$"


@dataclass(frozen=True)
class Branch:
    """What one readable workbook contributes to the summary; rows hold exactly the values written there."""

    file: str  #: path relative to the consolidated folder, with "/" separators
    mtime: float
    branch: str
    committee: str
    secretary: str
    year: int | None
    findings: tuple[Finding, ...]
    #: ledger kind → activities dated in the report year
    ledger_counts: dict[str, int]
    #: ledger kind with a frequency rule → True when every period meets it
    compliance: dict[str, bool]
    metrics: dict[str, float | str | None]
    ledger: tuple[tuple, ...]  #: (date, kind, topic, participants, note, cell)
    points: tuple[tuple, ...]  #: (sheet, section heading, order, lead, body, cell)
    problems: tuple[tuple, ...]  #: (order, heading, body, cell)
    plans: tuple[tuple, ...]  #: (order, heading, body, cell)
    report: Report | None = None  #: kept only when the bound volume is wanted

    @property
    def errors(self) -> int:
        return severity_counts(self.findings)["error"]

    @property
    def warnings(self) -> int:
        return severity_counts(self.findings)["warning"]


@dataclass(frozen=True)
class Unreadable:
    """A file that could not be used, and why (Chinese, for the 未能读取 sheet)."""

    file: str
    reason: str


@dataclass(frozen=True)
class Skipped:
    """An earlier summary workbook lying in the folder: neither a branch nor a file to list."""

    file: str


def workbook_files(folder: Path) -> list[Path]:
    """Return every workbook under *folder* (recursively), sorted by relative path; lock files left out."""
    found = [p for p in folder.rglob("*") if p.suffix.lower() in WORKBOOK_SUFFIXES
             and not p.name.startswith(LOCK_PREFIX) and p.is_file()]
    return sorted(found, key=lambda p: p.relative_to(folder).as_posix())


@functools.lru_cache(maxsize=4)
def _rules(path: str | None) -> Rules:
    return load_rules(path)


def collect(path: str, root: str, rules_path: str | None = None,
            keep_report: bool = False) -> Branch | Unreadable | Skipped:
    """Return what the workbook at *path* (under folder *root*) contributes, why it cannot be used, or that it is
    an earlier summary."""
    file = Path(path).relative_to(root).as_posix()
    try:
        report = read_workbook(path)
    except WorkbookError as exc:  # a summary has no schema marker: only then is the file looked at again
        return Skipped(file) if is_summary_workbook(path) else Unreadable(file, exc.message)
    except Exception as exc:  # a file damaged in a way no check foresaw must not stop the other 999
        return Unreadable(file, f"无法读取（{type(exc).__name__}: {exc}）。请用 Excel 或 WPS 打开后另存为 .xlsx。")
    try:
        return _branch(path, file, report, _rules(rules_path), keep_report)
    except ShuzhiError as exc:
        return Unreadable(file, str(exc))
    except Exception as exc:  # a check failing on content nobody foresaw: this file is left out, not the run
        return Unreadable(file, f"已读取，但检查本文件时程序出错（{type(exc).__name__}: {exc}），未能汇总。"
                                "请把该文件发给技术支持人员。")


def _branch(path: str, file: str, report: Report, rules: Rules, keep_report: bool) -> Branch:
    info = report.info
    return Branch(
        file=file, mtime=os.stat(path).st_mtime, branch=info.branch, committee=info.committee,
        secretary=info.secretary, year=info.year, findings=tuple(check_report(report, rules)),
        ledger_counts=_ledger_counts(report), compliance=_compliance(report, rules),
        metrics={m.name: m.value for m in report.metrics if m.name},
        ledger=tuple((e.date, e.kind, e.topic, e.participants, e.note, _cell(e.where, "date"))
                     for e in report.ledger),
        points=_points(report), problems=_items(report, "problems"), plans=_items(report, "plans"),
        report=report if keep_report else None)


def _cell(where: dict, key: str) -> str:
    location = where.get(key)
    return location.cell if location else ""


def _ledger_counts(report: Report) -> dict[str, int]:
    entries = entries_in_year(report)
    return {kind: sum(e.kind == kind for e in entries) for kind in schema.LEDGER_KINDS}


def _compliance(report: Report, rules: Rules) -> dict[str, bool]:
    """Return, per ledger kind with a frequency rule, whether it is met: exactly when the check finds no LG001."""
    required = rules.required_kinds
    if checked_year(report) is None:  # no valid year, nothing to count against
        return {kind: False for kind in required}
    short = shortfalls(report, rules)
    return {kind: kind not in short for kind in required}


def _points(report: Report) -> tuple[tuple, ...]:
    work = report.part("work")
    rows = []
    for section in work.sections if work else []:
        sheet = schema.sheet(section.key).name if section.key else schema.EXTRAS.name
        rows += [(sheet, section.heading, order, p.lead, p.body, _cell(p.where, "body"))
                 for order, p in enumerate(section.points, start=1)]
    return tuple(rows)


def _items(report: Report, key: str) -> tuple[tuple, ...]:
    part = report.part(key)
    return tuple((order, s.heading, s.lead, _cell(s.where, "heading"))
                 for order, s in enumerate(part.sections if part else [], start=1))
