"""Build the committed artifacts in workbook/ from source, byte-identically on every run."""

from __future__ import annotations

from pathlib import Path

from .samples import SAMPLE_NAME, TEMPLATE_NAME, sample_report
from .xlsx.template import workbook_bytes


def artifacts() -> dict[str, bytes]:
    """Return every built file of workbook/ by name."""
    return {TEMPLATE_NAME: workbook_bytes(), SAMPLE_NAME: workbook_bytes(sample_report())}


def build_all(out: Path) -> list[Path]:
    """Write every artifact into *out*; return the paths written."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in artifacts().items():
        (out / name).write_bytes(data)
        written.append(out / name)
    return written
