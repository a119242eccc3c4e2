"""Import last year's report (Word or text) into the model."""

from __future__ import annotations

from pathlib import Path

from ..errors import DocumentError
from ..model import Report
from .document import ImportResult, Note
from .parse import parse_paragraphs
from .sources import READ_NOTE, document_paragraphs

__all__ = ["ImportResult", "Note", "import_document"]


def import_document(path: str | Path, year: int | None = None) -> ImportResult:
    """Return the model of the report document at *path* (.docx or .txt; an old .doc/.wps through LibreOffice, a
    PDF through pdftotext)
    and notes on what the user should check: content that could not be placed (tables, text boxes, pictures)
    and where things went. *year* sets the new report year; the text keeps mentioning the old one."""
    path = Path(path)
    paragraphs, notes = document_paragraphs(path)
    result = parse_paragraphs(paragraphs, year=year, printed=READ_NOTE in notes)
    _require_body(result.report, [p.text.strip() for p in paragraphs if p.text.strip()], path)
    result.report.source = str(path)
    result.notes[:0] = notes
    return result


def _require_body(report: Report, texts: list[str], path: Path) -> None:
    """Refuse a document of a title and such lines only: nothing went into the opening or any part."""
    if report.info.opening or any(s.heading or s.lead or s.points for p in report.parts for s in p.sections):
        return
    lines = f"“{texts[0]}”" + (f"等{len(texts)}行" if len(texts) > 1 else "这一行")
    raise DocumentError(f"文档中只有{lines}标题、署名之类的文字，没有开篇段落和各部分的正文，无法导入。"
                        "请确认选择的是述职报告文件。", path)
