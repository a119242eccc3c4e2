"""A finding: one thing to fix, pointing at the cell (or paragraph) it is about."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from typing import NamedTuple

from .. import schema
from ..model import Location

SEVERITIES = ("error", "warning", "info")
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
#: Proofreading findings (codes PR…) judge wording: a warning there is a suspicion, so the three levels read
#: 错误 / 疑似 / 提示 (issue 15), while the other checks' warnings stay 警告.
PROOF_WARNING = "疑似"
#: Every label, in the order counts are given.
LABELS = ("错误", "警告", PROOF_WARNING, "提示")
#: Characters of context quoted on each side of an offending stretch of text.
CONTEXT = 6
#: Characters at most from the first to the last of close spans quoted as one: in a cell dense with slips, the
#: spans past it start another quote, so that at most a few short quotes (and a count) are shown, not the cell.
LONGEST_RUN = 10 * CONTEXT
#: A cell reference (B7, AA12): what a finding's cell is when it is not a paragraph or empty.
A1 = re.compile(r"^([A-Z]{1,3})([1-9]\d*)$")
_PARAGRAPH = re.compile(r"^第(\d+)段$")


class Finding(NamedTuple):
    """One problem: a stable code, a severity (error/warning/info), where it is and what to do."""

    code: str
    severity: str
    sheet: str
    #: A1 reference, "第N段" for an imported document, or "" when the finding concerns a whole sheet
    cell: str
    message: str
    suggestion: str = ""
    #: the offending text and where it starts in the cell's (or paragraph's) text; "" and -1 for a whole cell
    found: str = ""
    offset: int = -1
    #: the 编号 by which the author can mark it 忽略 (checks.ignore); "" until the check assigns it
    ref: str = ""

    @property
    def severity_label(self) -> str:
        """Return the severity as users read it: 错误, 警告 (疑似 for a proofreading finding) or 提示."""
        return severity_label(self.severity, self.code)

    def to_dict(self) -> dict[str, str]:
        """Return the finding as the JSON object the CLI prints."""
        return self._asdict()


def severity_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Return the number of findings of each severity, in the order of SEVERITIES (zeros included)."""
    counts = Counter(f.severity for f in findings)
    return {severity: counts[severity] for severity in SEVERITIES}


def severity_label(severity: str, code: str) -> str:
    """Return how a finding of *severity* and *code* is labelled (see PROOF_WARNING)."""
    return PROOF_WARNING if severity == "warning" and code.startswith("PR") else SEVERITY_LABELS[severity]


def label_counts(findings: Iterable[Finding]) -> dict[str, int]:
    """Return the number of findings under each label, in the order of LABELS: 错误, 警告 and 提示 always (zeros
    included), 疑似 when there is one."""
    counts = Counter(f.severity_label for f in findings)
    return {label: counts[label] for label in LABELS if label != PROOF_WARNING or counts[label]}


def summary_line(findings: list[Finding]) -> str:
    """Return the one-line count of findings per label, as every door shows it."""
    counts = "，".join(f"{label} {n} 项" for label, n in label_counts(findings).items())
    return f"共 {len(findings)} 项：{counts}。"


def at(location: Location | None, code: str, severity: str, message: str, suggestion: str = "", found: str = "",
       offset: int = -1) -> Finding:
    """Return a Finding placed at *location* (a cell, a paragraph, a whole sheet or nowhere)."""
    location = location or Location()
    cell = location.cell or (str(location) if location.paragraph is not None else "")
    return Finding(code, severity, location.sheet, cell, message, suggestion, found, offset)


def first(text: str, spans: list[tuple[int, int]]) -> tuple[str, int]:
    """Return the text of the first of *spans* and where it starts: what a finding about them all is anchored on."""
    start, end = min(spans)
    return text[start:end], start


def quote(text: str, start: int, end: int) -> str:
    """Return text[start:end] with a little context, in Chinese quotes, '…' marking cut-off text: a stretch longer
    than LONGEST_RUN shows its first and last halves of it (a run of X thousands long is not quoted whole)."""
    left, right = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
    if end - start > LONGEST_RUN:
        half = LONGEST_RUN // 2
        shown = text[left:start + half] + "…" + text[end - half:right]
    else:
        shown = text[left:right]
    snippet = ("…" if left else "") + shown + ("…" if right < len(text) else "")
    return "“" + snippet.replace("\n", " ") + "”"


def quotes(text: str, spans: list[tuple[int, int]], limit: int = 5) -> str:
    """Return the quotes of the first *limit* spans (close ones sharing a quote up to LONGEST_RUN characters; a
    longer one cut in its middle, as ``quote`` does), and how many there are."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start - merged[-1][1] <= CONTEXT and end - merged[-1][0] <= LONGEST_RUN:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    shown = "、".join(quote(text, s, e) for s, e in merged[:limit])
    return shown + (f"等 {len(spans)} 处" if len(merged) > limit else "")


def _cell_order(cell: str) -> tuple[int, int]:
    match = A1.match(cell)
    if match:
        letters, row = match.groups()
        return int(row), schema.column_number(letters)
    paragraph = _PARAGRAPH.match(cell)
    return (int(paragraph.group(1)), 0) if paragraph else (0, 0)


def sort_key(finding: Finding) -> tuple:
    """Return the reading order: whole-report findings first, then by sheet in workbook order, row, column, code."""
    names = schema.SHEET_NAMES
    sheet = -1 if not finding.sheet else names.index(finding.sheet) if finding.sheet in names else len(names)
    return (sheet, finding.sheet, *_cell_order(finding.cell), finding.code, finding.message)
