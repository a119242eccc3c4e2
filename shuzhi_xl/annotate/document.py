"""The annotated copy of a Word report: one comment per finding, anchored on the runs that hold the offending text.

A run is split where a finding starts or ends (the pieces keep the run's formatting), so that the comment covers
exactly the text found. The original file is only read.
"""

from __future__ import annotations

import copy
from pathlib import Path

from ..checks.finding import Finding
from ..checks.plan import AUTHOR
from ..errors import ShuzhiError
from ..fileio import require_suffix, write_atomically
from ..checks.document import open_docx


def annotate_docx(source: Path, target: Path, findings: list[Finding]) -> Path:
    """Write a copy of the .docx *source* to *target* with a comment per finding; return the path written."""
    source, target = Path(source), Path(target)
    if source.suffix.lower() != ".docx":
        raise ShuzhiError("只有 Word 文档 (.docx) 可以生成带批注的副本。")
    require_suffix(target, ".docx", what="标注副本")

    def write(tmp: Path) -> None:
        document = open_docx(source)
        paragraphs = document.paragraphs
        for f in findings:
            number = int(f.cell[1:-1]) if f.cell.startswith("第") and f.cell.endswith("段") else 0
            if not 1 <= number <= len(paragraphs):
                continue
            runs = _isolate(paragraphs[number - 1], max(f.offset, 0), max(f.offset, 0) + max(len(f.found), 1))
            if runs:
                text = f"{f.severity_label} {f.code}：{f.message}" + (f"\n建议：{f.suggestion}" if f.suggestion else "")
                document.add_comment(runs, text=text, author=AUTHOR, initials="SZ")
        document.save(str(tmp))

    return write_atomically(target, write, protect=source)


def _isolate(paragraph, start: int, end: int) -> list:
    """Return the runs of *paragraph* that hold exactly its text[start:end], splitting runs at both ends."""
    _split_at(paragraph, start)
    _split_at(paragraph, end)
    runs, position = [], 0
    for run in paragraph.runs:
        length = len(run.text)
        if start <= position and position + length <= end and length:
            runs.append(run)
        position += length
    return runs


def _split_at(paragraph, offset: int) -> None:
    """Split the run of *paragraph* that spans *offset* into two runs with the same formatting."""
    position = 0
    for run in paragraph.runs:
        text = run.text
        if position < offset < position + len(text):
            cut = offset - position
            twin = copy.deepcopy(run._r)
            run._r.addnext(twin)
            run.text = text[:cut]
            type(run)(twin, run._parent).text = text[cut:]
            return
        position += len(text)

