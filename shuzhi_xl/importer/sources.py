"""Read a document's paragraphs, choosing the reader by what the file is, not only by its name."""

from __future__ import annotations

import io
import re
import struct
import tempfile
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

from ..errors import DocumentError, WorkbookError
from ..limits import MAX_IMPORT_CHARS, MAX_MARKUP, MAX_PACKAGE_BYTES, megabytes
from ..opc import FixedZip
from ..storable import storable
from ..xlsx.bounds import Parts
from ..xlsx.sniff import ENCRYPTION_STREAM, OLE_MAGIC, ZIP_MAGIC, ZIP_OPEN_ERRORS
from .document import Note, SourceParagraph, numbered

EMPTY = "文档是空的，没有任何文字。请确认选择的是述职报告文件。"
TEXT_ENCODINGS = ("utf-8-sig", "gb18030", "utf-16")
SAVE_AS_DOCX = "请用 Word 或 WPS 打开，“另存为”Word 文档 (.docx) 后再试。"
#: The most parts a Word document has: a zip without ZIP64 extensions (what Office writes) holds no more.
MOST_PARTS = 0xFFFF
#: The largest zip directory read: MOST_PARTS entries of names far longer than Office's. zipfile reads a directory
#: whole before any part (2 million entries, 167 MB: 1.2 GB and 16 s before the count could be refused).
MOST_DIRECTORY_BYTES = MOST_PARTS * 256
#: The most bytes one character takes in the encodings a text is read in (TEXT_ENCODINGS).
BYTES_A_CHARACTER = 4
#: Formats recognised by their first bytes, with what to tell the user.
OTHER_FORMATS = ((b"{\\rtf", f"这是 RTF 格式的文件，不能直接导入。{SAVE_AS_DOCX}"),)
PDF_MAGIC = b"%PDF"
#: What the import of a PDF notes first (its lines, not paragraphs, were read: parse rejoins them as printed).
READ_NOTE = Note("这是 PDF 文件，已提取其中的文字导入。PDF 只保留排版后的行，不保留段落和编号：断行已按版式重新接成段落，"
                 "页码已删除，请核对各部分和要点是否分得正确（有 Word 原稿时，导入原稿更准确）。")
#: Blank bytes before a text format's magic (those bytes.lstrip drops), measured without copying the data.
_LEADING_BLANK = re.compile(rb"\s*")


def document_paragraphs(path: Path) -> tuple[list[SourceParagraph], list[Note]]:
    """Return the paragraphs of the .docx or .txt at *path* (an old .doc/.wps converted to .docx when LibreOffice
    is installed, a PDF's lines through pdftotext when it is) and notes on content that is not a paragraph;
    DocumentError when it has no text at all or more than MAX_IMPORT_CHARS (check_length). Their text holds only
    characters a workbook can store (storable)."""
    paragraphs, notes = _document_paragraphs(path)
    paragraphs = [replace(p, text=storable(p.text)) for p in paragraphs]
    if not any(p.text.strip() for p in paragraphs):  # it held nothing but control characters
        raise DocumentError(EMPTY, path)
    return paragraphs, notes


def check_length(path: Path, characters: int) -> None:
    """Raise DocumentError when a document read from *path* holds more than MAX_IMPORT_CHARS *characters*, each
    paragraph's end counted as one: a document of empty lines costs as much to read as one of text."""
    if characters > MAX_IMPORT_CHARS:
        raise DocumentError(f"文档过大：超过 {MAX_IMPORT_CHARS} 字，不像是一份述职报告（通常几千字），未读取。"
                            "请确认选择的文件，或只保留报告正文后再试。", path)


def document_bytes(path: Path) -> bytes:
    """Return the content of the document file *path*; DocumentError when it is not a regular file, cannot be
    read or is larger than MAX_PACKAGE_BYTES (refused before it is read)."""
    if not path.is_file():
        raise DocumentError("文件不存在。请检查路径和文件名。" if not path.exists() else "这是一个文件夹，不是文档。"
                            if path.is_dir() else "这不是普通文件（可能是管道或设备），不是文档。", path)
    try:
        if path.stat().st_size > MAX_PACKAGE_BYTES:  # before reading it all into memory
            raise DocumentError(f"文件过大（超过 {megabytes(MAX_PACKAGE_BYTES)}），不像是一份述职报告，未读取。"
                                "请确认选择的文件。", path)
        return path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"无法打开文件（{exc.strerror}）。如文件正在其他程序中打开，请关闭后重试。", path) from None


def _document_paragraphs(path: Path) -> tuple[list[SourceParagraph], list[Note]]:
    data = document_bytes(path)
    suffix = path.suffix.lower()
    if data.startswith(OLE_MAGIC):
        if ENCRYPTION_STREAM in data:
            raise DocumentError("文件设置了打开密码（已加密），无法读取。请在 Word/WPS 中取消密码后另存再试。", path)
        return _legacy(path)
    blank = _LEADING_BLANK.match(data).end()
    for magic, message in OTHER_FORMATS:
        if data.startswith(magic, blank):
            raise DocumentError(message, path)
    if data.startswith(PDF_MAGIC, blank):
        return _pdf(path)
    if data.startswith(ZIP_MAGIC):
        return _docx(path, data)
    if suffix == ".docx":
        raise DocumentError(f"文件扩展名是 .docx，但内容不是 Word 文档（可能是改了扩展名或文件已损坏）。{SAVE_AS_DOCX}", path)
    if suffix == ".pdf":
        raise DocumentError("文件扩展名是 .pdf，但内容不是 PDF（可能是改了扩展名或文件已损坏）。"
                            "请找到报告的 Word 原稿导入，或重新导出 PDF 后再试。", path)
    if suffix in (".txt", ".text", ""):
        paragraphs = numbered(text_paragraphs(path, data))
        _require_text(paragraphs, [], path)
        return paragraphs, []
    raise DocumentError(f"不支持 {suffix} 文件。请导入 Word 文档 (.docx)、文本文件 (.txt) 或 PDF。", path)


def _docx(path: Path, data: bytes) -> tuple[list[SourceParagraph], list[Note]]:
    """Return the paragraphs and notes of the .docx package *data*, read from *path* (named in messages)."""
    from .docx import docx_paragraphs  # imported here: lxml is only needed for Word documents

    with word_parts(path, data) as parts:
        paragraphs, notes = docx_paragraphs(parts, path)
    _require_text(paragraphs, notes, path)
    return paragraphs, notes


@contextmanager
def word_parts(path: Path, data: bytes) -> Iterator[Parts]:
    """Yield the parts of the .docx package *data*, read from *path* (named in messages), once every part is known
    to inflate to its recorded size and CRC within the size limits and all of them to hold at most MAX_MARKUP tags:
    what an XML parser builds from them is then bounded whatever the file is. A damaged package or one beyond the
    limits raises DocumentError, here or while its parts are read."""
    if directory_bytes(data) > MOST_DIRECTORY_BYTES:
        raise DocumentError(f"文件已损坏（压缩包的目录超过 {megabytes(MOST_DIRECTORY_BYTES)}，Word 文档的部件最多 {MOST_PARTS} 个），"
                            f"无法读取。{SAVE_AS_DOCX}", path)
    source = io.BytesIO(data)
    try:
        package = zipfile.ZipFile(source)
    except ZIP_OPEN_ERRORS:
        raise DocumentError(f"文件已损坏（压缩包结构不完整），无法读取。{SAVE_AS_DOCX}", path) from None
    try:
        with package:
            parts = Parts(path, package, source)
            if "word/document.xml" not in parts:
                kind = "Excel 工作簿" if "xl/workbook.xml" in parts else "PowerPoint 演示文稿" \
                    if "ppt/presentation.xml" in parts else "其他程序的文件"
                raise DocumentError(f"这是{kind}，不是 Word 文档。请选择述职报告的 Word 文档 (.docx) 或文本文件 (.txt)。",
                                    path)
            if len(parts) > MOST_PARTS:
                raise DocumentError(f"文件已损坏（压缩包中有 {len(parts)} 个部件，Word 文档最多 {MOST_PARTS} 个），无法读取。"
                                    f"{SAVE_AS_DOCX}", path)
            # any part may be parsed (a relationship or content type makes it XML): each tag counts, wherever
            if sum(parts[name].count(b"<") for name in parts) > MAX_MARKUP:
                raise DocumentError(f"文档过大：其中的 XML 标记超过 {MAX_MARKUP} 个，不像是一份述职报告，未读取。"
                                    "请确认选择的文件。", path)
            yield parts
    except zipfile.BadZipFile:
        raise DocumentError(f"文件已损坏（压缩包结构不完整），无法读取。{SAVE_AS_DOCX}", path) from None
    except WorkbookError as exc:
        raise DocumentError(exc.message, path) from None


def directory_bytes(data: bytes) -> int:
    """Return the size of the central directory the zip *data* declares, as zipfile finds it before reading it
    (APPNOTE 4.3.14-16): the end record's within the last 64 KB, the ZIP64 end record's where a locator stands
    before it; 0 when there is no end record."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or end + 22 > len(data):
        return 0
    locator = end - 20
    if locator >= 0 and data[locator:locator + 4] == b"PK\x06\x07":
        record = struct.unpack_from("<Q", data, locator + 8)[0]
        if data[record:record + 4] == b"PK\x06\x06" and record + 56 <= len(data):
            return struct.unpack_from("<Q", data, record + 40)[0]
    return struct.unpack_from("<I", data, end + 12)[0]


def checked_word_package(path: Path, data: bytes) -> bytes:
    """Return the .docx package *data* (read from *path*) rebuilt of its parts as word_parts checked them, stored:
    for a reader that opens every part itself (python-docx inflates each whole, past any limit), it holds nothing
    unchecked."""
    out = io.BytesIO()
    with word_parts(path, data) as parts, FixedZip(out) as package:
        for name in parts:
            package.add_packed(name, zipfile.ZIP_STORED, parts.crc(name), len(parts[name]), parts[name])
    return out.getvalue()


def _pdf(path: Path) -> tuple[list[SourceParagraph], list[Note]]:
    """Return the lines of the PDF at *path* as paragraphs (parse rejoins them as a copy out of a PDF)."""
    from .pdf import pdf_lines  # imported here: only a PDF needs it

    lines = pdf_lines(path)
    check_length(path, sum(map(len, lines)) + len(lines))
    return numbered(lines), [READ_NOTE]


def _require_text(paragraphs: list[SourceParagraph], notes: list[Note], path: Path) -> None:
    """Refuse a document without a line of text (*notes* name its tables, text boxes, pictures): a workbook made
    from it would hold nothing."""
    if any(p.text.strip() for p in paragraphs):
        return
    if notes:
        raise DocumentError("文档中没有可导入的段落文字，只有表格、文本框或图片（这些内容不导入）。"
                            "请把报告正文写在普通段落中后再导入。", path)
    raise DocumentError(EMPTY, path)


def _legacy(path: Path) -> tuple[list[SourceParagraph], list[Note]]:
    """Return the paragraphs of an old .doc/.wps document through a .docx that LibreOffice converts it to."""
    from .legacy import LEGACY_KIND, legacy_to_docx  # imported here: it imports this module

    with tempfile.TemporaryDirectory(prefix="shuzhi-import-") as folder:
        converted = legacy_to_docx(path, Path(folder)).read_bytes()
    paragraphs, notes = _docx(path, converted)  # messages name the user's file, not the converted copy
    note = Note(f"这是{LEGACY_KIND}，已用 LibreOffice 转换为 .docx 后导入；转换可能改变自动编号和格式，请核对导入结果"
                "（也可以在 Word 或 WPS 中“另存为”.docx 后重新导入）。")
    return paragraphs, [note, *notes]


def text_paragraphs(path: Path, data: bytes) -> list[str]:
    """Return the lines of a text file, trying UTF-8 then GB18030 (what Chinese Windows Notepad saves), within
    MAX_IMPORT_CHARS (check_length: its line breaks included), checked before the lines are split."""
    check_length(path, len(data) // BYTES_A_CHARACTER)  # before decoding: it cannot hold fewer characters
    for encoding in TEXT_ENCODINGS:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        check_length(path, len(text))
        return text.splitlines()
    raise DocumentError("无法识别文本文件的编码。请另存为 UTF-8 编码后再试。", path)
