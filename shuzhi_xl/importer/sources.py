"""Read a document's paragraphs: plain text now; Word documents in docx.py."""

from __future__ import annotations

from pathlib import Path

from ..errors import DocumentError

TEXT_ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")


def text_paragraphs(path: Path) -> list[str]:
    """Return the lines of a text file, trying UTF-8 then GB18030 (what Chinese Windows Notepad saves)."""
    data = path.read_bytes()
    for encoding in TEXT_ENCODINGS:
        try:
            return data.decode(encoding).splitlines()
        except UnicodeDecodeError:
            continue
    raise DocumentError("无法识别文本文件的编码。请另存为 UTF-8 编码后再试。", path)
