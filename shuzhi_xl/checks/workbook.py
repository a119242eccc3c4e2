"""Check a workbook file under the rules that apply to it: the one sequence every door runs before it shows
findings or writes a report."""

from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

from ..model import Report
from ..xlsx.reader import read_workbook
from . import check_report
from .finding import Finding
from .ignore import from_list_file, from_workbook, split
from .rules import rules_for


class Checked(NamedTuple):
    """A workbook read and checked: its report, the findings, and the rules file applied (None: defaults)."""

    report: Report
    findings: list[Finding]
    rules_file: Path | None
    #: how many findings were left out because the author marked them 忽略
    ignored: int = 0

    @property
    def errors(self) -> list[Finding]:
        """Return the findings of severity error: those that stop a report unless the user insists."""
        return [f for f in self.findings if f.severity == "error"]


def check_workbook(path: str | Path, rules: str | Path | None = None) -> Checked:
    """Return the workbook at *path* read and checked under *rules* (a rules file), else the rules file beside
    the workbook, else the defaults. A bad rules file raises before the workbook is read."""
    path = Path(path)
    loaded, used = rules_for(path.parent, rules)
    report = read_workbook(path)
    findings, ignored = split(check_report(report, loaded), from_list_file(path) | from_workbook(path))
    return Checked(report, findings, used, ignored)
