"""Proofread a Word (.docx) or text (.txt) report as it is: its paragraphs go through the same text checks as a
workbook's cells, each finding placed at "第N段" (body paragraphs counted from 1, empty ones included)."""

from __future__ import annotations

from pathlib import Path

from .cells import TextCell
from .finding import Finding, sort_key
from .ignore import with_refs
from .placeholders import check_cells as placeholder_findings
from .proofreading import check_cells as proofreading_findings
from ..errors import DocumentError
from ..model import Location

#: The suffixes `shuzhi check` reads as a document rather than a workbook.
DOCUMENT_SUFFIXES = (".docx", ".txt")
#: A paragraph this long is running text that should end with a full stop; shorter ones may be headings.
BODY_LENGTH = 40


def paragraph_runs(document) -> list[list]:
    """Return the runs of each body paragraph of a python-docx *document*, in order."""
    return [list(p.runs) for p in document.paragraphs]


def read_paragraphs(path: Path) -> list[str]:
    """Return the text of each body paragraph of the .docx or .txt at *path* (a .docx paragraph's text is its
    runs' text, which is what a comment can be anchored on), read within the importer's limits: the file's size,
    each part's, the tags of a Word document and the characters (importer.sources)."""
    from ..importer.sources import check_length, document_bytes, text_paragraphs

    data = document_bytes(path)
    if path.suffix.lower() == ".txt":
        return text_paragraphs(path, data)
    texts = ["".join(run.text for run in runs) for runs in paragraph_runs(open_docx(path, data))]
    check_length(path, sum(len(text) + 1 for text in texts))
    return texts


def open_docx(path: Path, data: bytes | None = None):
    """Return the python-docx Document of *path* (whose content *data* may be given), opened on the package as
    importer.sources.checked_word_package rebuilds it within the limits; DocumentError when it is not a readable
    Word document."""
    import io

    from docx import Document
    from docx.oxml.document import CT_Document

    from ..importer.sources import checked_word_package, document_bytes

    package = checked_word_package(path, data if data is not None else document_bytes(path))
    try:
        document = Document(io.BytesIO(package))
    except Exception as exc:  # python-docx and lxml raise many types for a damaged or foreign package
        raise DocumentError(f"不是可读取的 Word 文档（{type(exc).__name__}）。请用 Word 或 WPS 打开后另存为"
                            "“Word 文档 (.docx)”再检查。", path) from None
    if not isinstance(document.element, CT_Document) or document.element.body is None:  # python-docx opens it
        raise DocumentError("不是可读取的 Word 文档（正文部件中没有正文）。请用 Word 或 WPS 打开后另存为"
                            "“Word 文档 (.docx)”再检查。", path)
    return document


def document_cells(paragraphs: list[str]) -> list[TextCell]:
    """Return the non-empty paragraphs as cells at 第N段."""
    return [TextCell(text, Location(paragraph=n), paragraph=len(text.strip()) >= BODY_LENGTH)
            for n, text in enumerate(paragraphs, start=1) if text.strip()]


def check_paragraphs(paragraphs: list[str], rules) -> list[Finding]:
    """Return the text findings of *paragraphs* in reading order."""
    cells = document_cells(paragraphs)
    found = {f for f in [*placeholder_findings(cells), *proofreading_findings(cells, rules)]
             if f.code not in rules.disable}
    texts = {("", str(c.where)): c.text for c in cells}
    return with_refs(sorted(found, key=lambda f: (*sort_key(f)[:4], f.offset, f.code)), texts)
