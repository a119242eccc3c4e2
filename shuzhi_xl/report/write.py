"""Write a report to disk: where it goes and what it is called."""

from __future__ import annotations

import re
from pathlib import Path

from ..fileio import write_atomically
from ..model import Report
from .package import write_docx

#: Characters Windows forbids in file names, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')
MAX_NAME = 80


def file_stem(title: str) -> str:
    """Return *title* made safe as a file name on Windows and Linux (never empty)."""
    stem = _UNSAFE.sub("_", "".join(title.split())).strip(" ._")[:MAX_NAME].rstrip(" .")
    return stem or "述职报告"


def default_output(report: Report) -> Path:
    """Return where the report goes by default: beside its workbook, named after its title."""
    folder = Path(report.source).parent if report.source else Path.cwd()
    return folder / f"{file_stem(report.info.display_title)}.docx"


def write_report(report: Report, output: str | Path | None = None) -> Path:
    """Write *report* as a .docx; return the path written. A target open in Word gets a new name; the workbook
    the report came from is never overwritten."""
    target = Path(output) if output else default_output(report)
    if target.suffix.lower() != ".docx":
        target = target.with_suffix(".docx")
    return write_atomically(target, lambda tmp: write_docx(report, tmp),
                            protect=Path(report.source) if report.source else None)
