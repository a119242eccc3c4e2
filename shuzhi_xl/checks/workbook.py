"""Check a workbook (or a Word or text report) under the rules that apply to it: the one sequence every door runs before it shows findings,
writes a report or counts a branch. Findings the author marked 忽略 are left out here, and only here."""

from __future__ import annotations

import zlib
from collections import Counter
from pathlib import Path
from typing import NamedTuple

from ..errors import WorkbookError
from ..limits import MAX_CHECKED_CHARS
from ..model import Report
from ..opc import Codec
from ..xlsx.reader import report_from_grids
from ..xlsx.sniff import open_sheets
from . import check_facts
from .facts import Facts
from .finding import Finding
from .ignore import IgnoredFinding, Marks, anything_marked, leave_out, read_list
from .plan import RESULT_SHEET
from .rules import Rules, rules_for


class Checked(NamedTuple):
    """A workbook (or document: no report) read and checked: its report, the findings to show, the rules file
    applied (None: defaults), the findings left out as marked 忽略, and the 编号 given that name no finding."""

    report: Report | None
    findings: list[Finding]
    rules_file: Path | None
    ignored: tuple[IgnoredFinding, ...] = ()
    unknown: tuple[str, ...] = ()
    #: by cell, the 编号 its note's 忽略 covers (checks.ignore.leave_out)
    covered: dict[tuple[str, str], frozenset[str]] = {}
    #: what the checks worked out about the report (checks.Facts), for a caller that needs it too
    facts: Facts | None = None

    @property
    def errors(self) -> list[Finding]:
        """Return the findings of severity error: those that stop a report unless the user insists."""
        return [f for f in self.findings if f.severity == "error"]


def check_workbook(path: str | Path, rules: str | Path | None = None, ignore: tuple[str, ...] = (), *,
                   beside: Path | None = None, refs: bool = True, silence_rust: bool = False) -> Checked:
    """Return the workbook at *path* read and checked under *rules* (a rules file), else the rules file beside
    the workbook, else the defaults; *ignore* are 编号 to mark 忽略 now. Both these and the findings a note's
    忽略 covers when first honoured are kept in the list beside the workbook (beside *beside* when given: the
    web page keeps it apart from the uploads). A bad rules file raises before the workbook is read. *refs* as
    for ``checked``, *silence_rust* as for xlsx.sniff.calamine_refused."""
    path = Path(path)
    loaded, used = rules_for(path.parent, rules)
    report, marks = read_marked(path, silence_rust=silence_rust)
    return checked(report, loaded, marks, beside or path, ignore, record=True, refs=refs)._replace(rules_file=used)


def read_marked(path: Path, codec: Codec = zlib, *, silence_rust: bool = False) -> tuple[Report, Marks]:
    """Return the report in the workbook at *path* and the 忽略 marks inside it, from one read of the file (its
    parts inflated by *codec*: xlsx.sniff.open_package; *silence_rust* as for xlsx.sniff.calamine_refused)."""
    sheets = open_sheets(path, (RESULT_SHEET,), codec=codec, silence_rust=silence_rust)
    return report_from_grids(sheets.grids, source=str(path)), Marks(sheets.grids.get(RESULT_SHEET), sheets.notes)


def checked(report: Report, rules: Rules, marks: Marks, beside: Path | None, ignore: tuple[str, ...] = (), *,
            record: bool = False, refs: bool = True) -> Checked:
    """Return *report* checked under *rules*, without the findings marked 忽略 in *marks* or in the list kept
    beside the file *beside* (None for a workbook never saved); *ignore* are 编号 to add to that list now, and
    with *record* the findings a note's 忽略 covers the first time (checks.ignore.leave_out).

    Without *refs* (a door that shows no 编号: a report, a summary), the findings get theirs only when they are
    needed to leave some out, and none when nothing is marked."""
    ignore_list = read_list(beside)
    facts = Facts(report, rules)
    _require_checkable_length(facts)
    if not refs and not ignore and not anything_marked(marks, ignore_list):
        return Checked(report, check_facts(facts, refs=False), None, facts=facts)
    findings, ignored, unknown, covered = leave_out(check_facts(facts), marks, beside, ignore, record=record,
                                                    ignore_list=ignore_list)
    return Checked(report, findings, None, tuple(ignored), tuple(unknown), covered, facts)


def _require_checkable_length(facts: Facts) -> None:
    """Raise WorkbookError, naming the sheet holding most of it, when the report's texts hold more than
    MAX_CHECKED_CHARS: proofreading costs ~1.7 µs and ~150 bytes a character (300 cells of 32,767 characters, in a
    109 KB file: 18 s, 1.5 GB; 600 cells a MemoryError)."""
    if sum(len(cell.text) for cell in facts.every) <= MAX_CHECKED_CHARS:
        return
    by_sheet = Counter()
    for cell in facts.every:
        by_sheet[cell.where.sheet] += len(cell.text)
    raise WorkbookError(f"工作簿中的文字过多：超过 {MAX_CHECKED_CHARS} 字（一份报告通常几千字，台账每行几十字），无法检查。"
                        "请删除多余的内容后再试。", facts.report.source or "", by_sheet.most_common(1)[0][0] or "")


def check_document(path: str | Path, rules: str | Path | None = None, ignore: tuple[str, ...] = (), *,
                   beside: Path | None = None) -> Checked:
    """Return the Word (.docx) or text (.txt) report at *path* proofread as it is (its paragraphs through the
    workbook's text checks), under the rules as for a workbook; *ignore* and *beside* as for check_workbook."""
    from .document import check_paragraphs, read_paragraphs

    path = Path(path)
    loaded, used = rules_for(path.parent, rules)
    findings = check_paragraphs(read_paragraphs(path), loaded)
    findings, ignored, unknown, _ = leave_out(findings, Marks(), beside or path, ignore)
    return Checked(None, findings, used, tuple(ignored), tuple(unknown))
