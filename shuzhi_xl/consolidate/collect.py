"""The per-file step of consolidation: one workbook path in, one plain, picklable result out.

``collect_many`` is a pure top-level function of its arguments and the files, so a process pool (or any
other executor) can run it unchanged; it never raises for a bad file (nor for a check failing on it),
it reports it.
"""

from __future__ import annotations

import functools
import operator
import os
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from pathlib import Path

from .. import schema
from ..checks.facts import Facts
from ..checks.finding import severity_counts
from ..checks.rules import Rules, load_rules
from ..checks.structure import OUTLINE_GAPS, checked_year
from ..checks.workbook import checked, read_marked
from ..errors import ShuzhiError, WorkbookError
from ..checks.ignore import Marks
from ..model import Report
from ..opc import Codec, fast_zlib
from ..report.text import Paragraph
from .details import placed_sections, problem_titles, rendered_rows
from .summary import is_summary_workbook

#: File name suffixes consolidated; anything else in the folder is ignored. Old .xls files are taken in
#: so that they are listed as unreadable with the fix, not silently skipped.
WORKBOOK_SUFFIXES = (".xlsx", ".xlsm", ".xls")
#: Office owner files (``~$name.xlsx``) exist while a workbook is open; they are not workbooks.
LOCK_PREFIX = "~$"
STATUS_COMPLETE, STATUS_PROBLEMS, STATUS_ERRORS, STATUS_UNREADABLE = "完整", "有问题", "有错误", "无法读取"


@dataclass(frozen=True, slots=True)  # slots: the parent keeps one per branch, 100,000 of them
class Branch:
    """What one readable workbook contributes to the summary: the few figures the parent keeps for 总览, and the
    rows of the detail sheets already rendered, which the parent spills to disk without looking at them."""

    file: str  #: path relative to the consolidated folder, with "/" separators
    mtime: float
    branch: str
    committee: str
    secretary: str
    year: int | None
    errors: int
    warnings: int
    #: ledger kind → activities dated in the report year
    ledger_counts: dict[str, int]
    ledger_total: int
    #: ledger kind with a frequency rule → True when every period meets it
    compliance: dict[str, bool]
    #: metric name → (value, unit)
    metrics: dict[str, tuple[float | str | None, str]]
    #: each problem's heading, or its text when it has none (整改跟踪 compares them with last year's)
    problems: tuple[str, ...]
    #: detail sheet → (number of rows, its rows' cells rendered with summary.render, as summary.row_template)
    rows: dict[str, tuple[int, bytes]]
    #: the 提纲's required parts and sections this report lacks or leaves empty, for 总览
    outline_gaps: tuple[str, ...] = ()
    #: the bound volume's part for this report, when the volume is wanted
    volume: object = None
    #: findings the author marked 忽略: not counted in *errors*, *warnings* or the status
    ignored: int = 0

    @property
    def status(self) -> str:
        """Return 有错误 (an error), 有问题 (no error, but a warning: a rule not met, a typo…) or 完整."""
        return STATUS_ERRORS if self.errors else STATUS_PROBLEMS if self.warnings else STATUS_COMPLETE

    def __reduce__(self):
        # Pickled as its constructor's arguments: the parent reads its records back from disk several times, and
        # this unpickles in three quarters of the time dataclasses' __setstate__ for slots takes.
        return Branch, _branch_values(self)


_branch_values = operator.attrgetter(*(f.name for f in fields(Branch)))


def branch_key(committee: str | None, name: str) -> tuple[str | None, str]:
    """Return a branch's 上级党组织 and 支部名称 as compared wherever two reports may be one branch's (two files of a
    folder: run's duplicates; last year's summary and this year's: 整改跟踪): without spaces, full-width letters,
    digits and brackets as half-width (NFKC). Both are typed by hand on every branch's workbook, so 机关 党委 and
    机关党委 are one committee; one named in other words (中共某某机关委员会) is another here."""
    return (None if committee is None else _typed(committee)), _typed(name)


def _typed(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


@dataclass(frozen=True, slots=True)  # slots: the parent may keep thousands
class Unreadable:
    """A file that could not be used, and why (Chinese, for the 未能读取 sheet)."""

    file: str
    reason: str


@dataclass(frozen=True, slots=True)
class Blank:
    """A workbook nobody filled in (the empty template passed round): listed apart, not counted as a branch."""

    file: str


@dataclass(frozen=True, slots=True)
class Skipped:
    """An earlier summary workbook lying in the folder: neither a branch nor a file to list."""

    file: str


def workbook_files(folder: Path) -> list[str]:
    """Return the path relative to *folder* ("/"-separated) of every workbook under it, in subfolders too (not
    through links to folders), sorted as text; lock files left out. Plain strings from os.scandir: a Path object
    for each of 100,000 files held 10 MB at once."""
    found, folders = [], [("", str(folder))]
    while folders:
        prefix, path = folders.pop()
        try:
            with os.scandir(path) as listing:
                entries = list(listing)
        except OSError:  # a folder that cannot be listed holds nothing we can read
            continue
        for entry in entries:
            name = entry.name
            if entry.is_dir(follow_symlinks=False):
                folders.append((f"{prefix}{name}/", entry.path))
            elif _suffix(name).lower() in WORKBOOK_SUFFIXES and not name.startswith(LOCK_PREFIX) and entry.is_file():
                found.append(prefix + name)
    return sorted(found)


def _suffix(name: str) -> str:
    """Return the file name's extension as pathlib gives it ("" for ".xlsx" and "a.")."""
    dot = name.rfind(".")
    return name[dot:] if 0 < dot < len(name) - 1 else ""


@functools.lru_cache(maxsize=4)
def _rules(path: str | None) -> Rules:
    return load_rules(path)


#: What makes a report's part of the bound volume in the worker, from the report and its paragraphs (the checks'
#: own): consolidate.volume.report_part.
PartMaker = Callable[[Report, Sequence[Paragraph]], object]


def collect_many(files: list[str], root: str, rules_path: str | None = None, volume_part: PartMaker | None = None,
                 silence_rust: bool = False) -> list[Branch | Blank | Unreadable | Skipped]:
    """Return what each of *files* (paths relative to *root*, as workbook_files gives them) contributes, why it
    cannot be used, or that it is blank or an earlier summary: one task of a pool or cluster for a few files. With
    *volume_part*, each branch carries its part of the bound volume; *silence_rust* as for
    xlsx.sniff.calamine_refused."""
    codec = fast_zlib()  # thousands of workbooks: worth its import
    return [_collect(os.path.join(root, file), file, rules_path, volume_part, codec, silence_rust) for file in files]


def _collect(path: str, file: str, rules_path: str | None, volume_part: PartMaker | None,
             codec: Codec, silence_rust: bool) -> Branch | Blank | Unreadable | Skipped:
    try:
        report, marks = read_marked(Path(path), codec, silence_rust=silence_rust)
    except WorkbookError as exc:  # a summary has no schema marker: only then is the file looked at again
        return Skipped(file) if is_summary_workbook(path) else Unreadable(file, exc.in_file)
    except Exception as exc:  # a file damaged in a way no check foresaw must not stop the other 999
        return Unreadable(file, f"无法读取（{type(exc).__name__}: {exc}）。请用 Excel 或 WPS 打开后另存为 .xlsx。")
    try:
        if is_blank(report):
            return Blank(file)
        return _branch(path, file, report, marks, _rules(rules_path), volume_part)
    except ShuzhiError as exc:
        return Unreadable(file, str(exc))
    except Exception as exc:  # a check failing on content nobody foresaw: this file is left out, not the run
        return Unreadable(file, f"已读取，但检查本文件时程序出错（{type(exc).__name__}: {exc}），未能汇总。"
                                "请把该文件发给技术支持人员。")


def is_blank(report: Report) -> bool:
    """Return True when nothing was filled in: no basic information, ledger, figure or text."""
    info = report.info
    typed = [getattr(info, f.name) for f in fields(info) if f.default in ("", None)]
    return (not any(typed) and not report.ledger and not report.metrics and not report.ignored
            and not any(s.heading or s.points for p in report.parts for s in p.sections))


def _branch(path: str, file: str, report: Report, marks: Marks, rules: Rules,
            volume_part: PartMaker | None) -> Branch:
    info = report.info
    result = checked(report, rules, marks, Path(path), refs=False)  # a summary shows no finding's 编号
    findings, facts = result.findings, result.facts  # what the checks worked out, read again here
    counts = severity_counts(findings)
    ledger_counts, compliance = _ledger_figures(facts)
    sections = placed_sections(facts.matched)
    return Branch(
        file=file, mtime=os.stat(path).st_mtime, branch=info.branch, committee=info.committee,
        secretary=info.secretary, year=info.year, errors=counts["error"], warnings=counts["warning"],
        ledger_counts=ledger_counts, ledger_total=len(report.ledger), compliance=compliance,
        metrics={m.name: (m.value, m.unit) for m in report.metrics if m.name},
        problems=problem_titles(sections),
        outline_gaps=tuple(f.message for f in findings if f.code in OUTLINE_GAPS),
        rows=rendered_rows(file, report, findings, sections),
        volume=volume_part(report, facts.paragraphs) if volume_part else None, ignored=len(result.ignored))


def _ledger_figures(facts: Facts) -> tuple[dict[str, int], dict[str, bool]]:
    """Return the activities of each ledger kind dated in the report year, and, per ledger kind with a frequency
    rule, whether it is met: exactly when the check finds no LG001 (the ledger counted once, by the check)."""
    held = facts.held
    counts = {kind: sum(held[kind]) if kind in held else 0 for kind in schema.LEDGER_KINDS}
    required = facts.rules.required_kinds
    if checked_year(facts.report) is None:  # no valid year, nothing to count against
        return counts, {kind: False for kind in required}
    return counts, {kind: kind not in facts.shortfalls for kind in required}
