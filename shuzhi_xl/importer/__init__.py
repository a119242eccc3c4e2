"""Import last year's report (Word or text) into the model."""

from __future__ import annotations

from pathlib import Path

from ..errors import DocumentError
from ..model import Report
from .parse import parse_paragraphs
from .sources import text_paragraphs


def import_document(path: str | Path, year: int | None = None) -> Report:
    """Return the model of the report document at *path* (.txt or .docx); *year* sets the new report year."""
    path = Path(path)
    if not path.is_file():
        raise DocumentError("文件不存在。请检查路径和文件名。", path)
    suffix = path.suffix.lower()
    if suffix == ".txt":
        paragraphs = text_paragraphs(path)
    else:
        raise DocumentError(f"不支持 {suffix or '无扩展名'} 文件。请导入 .docx 或 .txt 文件。", path)
    report = parse_paragraphs(paragraphs, year=year)
    report.source = str(path)
    return report
