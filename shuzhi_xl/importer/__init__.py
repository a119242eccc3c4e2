"""Import last year's report (Word or text) into the model."""

from __future__ import annotations

from pathlib import Path

from .document import ImportResult, Note
from .parse import parse_paragraphs
from .sources import document_paragraphs

__all__ = ["ImportResult", "Note", "import_document"]


def import_document(path: str | Path, year: int | None = None) -> ImportResult:
    """Return the model of the report document at *path* (.docx or .txt) and notes on what the user should
    check: content that could not be placed (tables, text boxes, pictures) and where things went.
    *year* sets the new report year; the text keeps mentioning the old one."""
    path = Path(path)
    paragraphs, notes = document_paragraphs(path)
    result = parse_paragraphs(paragraphs, year=year)
    result.report.source = str(path)
    result.notes[:0] = notes
    return result
