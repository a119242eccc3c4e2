"""Which file is read how, as specifications: the reader chosen by the file's first bytes, text encodings, the
refusals with their Chinese messages, and what an import result says about itself."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest
from lxml import etree

from shuzhi_xl.errors import DocumentError
from shuzhi_xl.importer import import_document
from shuzhi_xl.importer.document import ImportResult, Note, SourceParagraph, numbered
from shuzhi_xl.importer import sources
from shuzhi_xl.importer.sources import document_paragraphs
from shuzhi_xl.limits import MAX_PACKAGE_BYTES
from shuzhi_xl.model import Part, Point, Report, Section
from shuzhi_xl.report.package import write_docx
from shuzhi_xl.samples import sample_report

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # MS-CFB signature


def refused(path: Path) -> str:
    with pytest.raises(DocumentError) as caught:
        document_paragraphs(path)
    assert caught.value.file == str(path)
    return caught.value.message


def test_what_is_not_a_plain_file_is_named_for_what_it_is(tmp_path: Path):
    assert refused(tmp_path / "无.txt") == "文件不存在。请检查路径和文件名。"
    assert refused(tmp_path) == "这是一个文件夹，不是文档。"
    fifo = tmp_path / "管道.txt"
    os.mkfifo(fifo)
    assert refused(fifo) == "这不是普通文件（可能是管道或设备），不是文档。"


def test_a_file_over_the_package_limit_is_refused_before_it_is_read(tmp_path: Path, monkeypatch):
    big = tmp_path / "大.txt"
    with open(big, "wb") as f:
        f.truncate(MAX_PACKAGE_BYTES + 1)  # sparse: nothing is written, nothing is read
    assert refused(big) == "文件过大（超过 200 MB），不像是一份述职报告，未读取。请确认选择的文件。"
    monkeypatch.setattr(sources, "MAX_PACKAGE_BYTES", 12)  # the boundary, on a small file
    big.write_text("甲乙丙丁", encoding="utf-8")  # 12 bytes
    assert [p.text for p in document_paragraphs(big)[0]] == ["甲乙丙丁"]
    big.write_text("甲乙丙丁a", encoding="utf-8")
    assert refused(big).startswith("文件过大")


def test_text_over_the_character_limit_is_refused(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(sources, "MAX_IMPORT_CHARS", 6)  # a line break counts: empty lines cost as much as text
    path = tmp_path / "长.txt"
    path.write_text("甲乙\n丙丁戊", encoding="utf-8")
    assert [p.text for p in document_paragraphs(path)[0]] == ["甲乙", "丙丁戊"]
    path.write_text("甲乙\n丙丁戊\n", encoding="utf-8")
    assert refused(path) == "文档过大：超过 6 字，不像是一份述职报告（通常几千字），未读取。请确认选择的文件，或只保留报告正文后再试。"
    path.write_bytes(b"\xff" * 29)  # no encoding reads it, but it cannot hold fewer than 7: refused before decoding
    assert refused(path).startswith("文档过大")


@pytest.mark.parametrize("head, message", [
    (b"{\\rtf1\\ansi", "这是 RTF 格式的文件，不能直接导入。"), (b"  \r\n{\\rtf1", "这是 RTF 格式的文件，不能直接导入。"),
    (b"%PDF-1.7\n", "这是 PDF 文件，无法提取其中的文字（文件可能已损坏或设置了密码）。"),  # pdftotext reads no PDF
    (OLE + b"\0" * 64 + "EncryptionInfo".encode("utf-16-le"),
     "文件设置了打开密码（已加密），无法读取。请在 Word/WPS 中取消密码后另存再试。"),
])
def test_formats_recognised_by_their_first_bytes_whatever_the_name(tmp_path: Path, head: bytes, message: str):
    path = tmp_path / "报告.txt"
    path.write_bytes(head + b"\0" * 16)
    assert refused(path).startswith(message)


@pytest.mark.parametrize("members, kind", [({"xl/workbook.xml": "<x/>"}, "Excel 工作簿"),
                                           ({"ppt/presentation.xml": "<x/>"}, "PowerPoint 演示文稿"),
                                           ({"content.xml": "<x/>"}, "其他程序的文件")])
def test_a_zip_package_that_is_no_word_document_is_named(tmp_path: Path, members: dict, kind: str):
    path = tmp_path / "报告.docx"
    with zipfile.ZipFile(path, "w") as package:
        for name, text in members.items():
            package.writestr(name, text)
    assert refused(path) == f"这是{kind}，不是 Word 文档。请选择述职报告的 Word 文档 (.docx) 或文本文件 (.txt)。"


def test_a_broken_zip_and_a_renamed_file(tmp_path: Path):
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04" + b"\0" * 40)
    assert refused(broken).startswith("文件已损坏（压缩包结构不完整），无法读取。")
    renamed = tmp_path / "改名.docx"
    renamed.write_text("一、工作", encoding="utf-8")
    assert refused(renamed).startswith("文件扩展名是 .docx，但内容不是 Word 文档")
    other = tmp_path / "笔记.md"
    other.write_text("一、工作", encoding="utf-8")
    assert refused(other) == "不支持 .md 文件。请导入 Word 文档 (.docx)、文本文件 (.txt) 或 PDF。"
    empty_pdf = tmp_path / "报告.pdf"  # an empty or renamed file: no PDF inside, whatever its name says
    empty_pdf.write_bytes(b"")
    assert refused(empty_pdf).startswith("文件扩展名是 .pdf，但内容不是 PDF（可能是改了扩展名或文件已损坏）。")


@pytest.mark.parametrize("name", ["报告.txt", "报告.TEXT", "报告"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "utf-16"])
def test_text_files_in_the_encodings_chinese_windows_saves(tmp_path: Path, name: str, encoding: str):
    path = tmp_path / name
    path.write_bytes("述职报告\r\n一、工作\n正文。".encode(encoding))
    paragraphs, notes = document_paragraphs(path)
    assert [(p.number, p.text) for p in paragraphs] == [(1, "述职报告"), (2, "一、工作"), (3, "正文。")] and notes == []


def test_a_text_in_no_known_encoding_or_of_control_characters_only(tmp_path: Path):
    odd = tmp_path / "乱码.txt"
    odd.write_bytes(b"\xff")
    assert refused(odd) == "无法识别文本文件的编码。请另存为 UTF-8 编码后再试。"
    control = tmp_path / "控制.txt"
    control.write_bytes(b"\x01\x02\n\x03")
    assert refused(control).startswith("文档是空的")
    page = tmp_path / "换页.txt"
    page.write_bytes("甲\x0c乙\x01".encode("utf-8"))
    assert [p.text for p in document_paragraphs(page)[0]] == ["甲", "乙"]  # a form feed ends a line


def test_a_word_document_of_a_table_only_or_of_nothing(tmp_path: Path):
    table = docx.Document()
    table.add_table(rows=1, cols=2).cell(0, 0).text = "支部"
    table.save(tmp_path / "表.docx")
    assert refused(tmp_path / "表.docx") == ("文档中没有可导入的段落文字，只有表格、文本框或图片（这些内容不导入）。"
                                             "请把报告正文写在普通段落中后再导入。")
    docx.Document().save(tmp_path / "空.docx")
    assert refused(tmp_path / "空.docx").startswith("文档是空的")


def test_a_document_of_title_lines_only_is_refused_naming_them(tmp_path: Path):
    one = tmp_path / "一行.txt"
    one.write_text("述职报告", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        import_document(one)
    assert caught.value.message == "文档中只有“述职报告”这一行标题、署名之类的文字，没有开篇段落和各部分的正文，无法导入。请确认选择的是述职报告文件。"
    two = tmp_path / "两行.txt"
    two.write_text("述职报告\n\n——张三", encoding="utf-8")
    with pytest.raises(DocumentError) as caught:
        import_document(two)
    assert caught.value.message.startswith("文档中只有“述职报告”等2行标题、署名之类的文字")


def test_an_import_names_its_source_and_puts_the_readers_notes_first(tmp_path: Path):
    document = docx.Document()
    for text in ("述职报告", "正文。", "一、工作", "（一）抓学习。每周学习。"):
        document.add_paragraph(text)
    document.add_table(rows=1, cols=1).cell(0, 0).add_table(rows=1, cols=2)
    path = tmp_path / "报告.docx"
    document.save(path)
    result = import_document(path)
    assert result.report.source == str(path)
    # The one-cell table is a frame read as body: its cell's own empty paragraph is the 5th, the table in it follows.
    assert result.notes[0].message == "第5段之后有一个表格（1行×2列），表格不导入，请把需要的内容（如数字）填入工作簿： | "
    assert len(result.notes) == 2 and "这些必填栏目留空" in result.notes[1].message  # the reading's notes follow


def test_a_paragraph_is_bold_when_its_bold_lead_is_all_of_it():
    assert SourceParagraph("抓学习", 1, bold_lead=" 抓学习 ").bold
    assert not SourceParagraph("抓学习。正文", 1, bold_lead="抓学习。").bold
    assert not SourceParagraph("  ", 1, bold_lead="  ").bold


def test_a_note_names_its_paragraph_when_it_has_one():
    assert [str(Note("甲", 3)), str(Note("乙", 0)), str(Note("丙"))] == ["第3段：甲", "第0段：乙", "丙"]


def test_counts_say_parts_sections_with_content_and_points():
    report = Report(parts=[Part("工作", [Section("抓学习", points=[Point("甲"), Point("乙")]), Section(lead="正文"),
                                       Section()]),
                           Part("问题", [Section(points=[Point(body="丙")])]), Part("打算")])
    assert ImportResult(report).counts() == "3 个部分，3 个小节，3 条要点"


def test_plain_texts_are_numbered_from_one():
    assert numbered(["甲", "", "乙"]) == [SourceParagraph("甲", 1), SourceParagraph("", 2), SourceParagraph("乙", 3)]


def one_paragraph_package() -> io.BytesIO:
    """Return a Word document of the one paragraph 述职报告, saved to memory."""
    document = docx.Document()
    document.add_paragraph("述职报告")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer


def test_a_docx_read_from_memory_bytes_is_the_same(tmp_path: Path):
    path = tmp_path / "无扩展名"
    path.write_bytes(one_paragraph_package().getvalue())
    assert [p.text for p in document_paragraphs(path)[0]] == ["述职报告"]


def test_a_word_package_whose_document_is_not_xml_is_refused_as_damaged_saying_why(tmp_path: Path):
    path = _heading_package(tmp_path / "坏.docx", lambda name, data: (name, "不是 XML".encode()
                                                                     if name == "word/document.xml" else data))
    with pytest.raises(etree.XMLSyntaxError) as reason:
        etree.fromstring("不是 XML".encode())
    assert refused(path) == (f"Word 文档已损坏，无法读取（{reason.value}）。"
                             "请用 Word 或 WPS 打开后另存为“Word 文档 (.docx)”再导入。")


def test_a_word_document_without_styles_or_numbering_parts_reads_its_text(tmp_path: Path):
    path = tmp_path / "简.docx"
    with zipfile.ZipFile(one_paragraph_package()) as source, zipfile.ZipFile(path, "w") as package:
        for item in source.infolist():
            data = source.read(item)
            if item.filename in ("word/styles.xml", "word/numbering.xml"):
                continue
            if item.filename == "word/_rels/document.xml.rels":
                data = re.sub(rb'<Relationship [^>]*(?:styles|numbering)\.xml"[^>]*/>', b"", data)
            package.writestr(item, data)
    assert [p.text for p in document_paragraphs(path)[0]] == ["述职报告"]


def test_word_paragraphs_keep_heading_levels_bold_leads_and_split_at_soft_breaks(tmp_path: Path):
    document = docx.Document()
    document.add_heading("述职报告", level=1)
    lead = document.add_paragraph()
    lead.add_run("抓学习。").bold = True
    lead.add_run("每周学习。")
    broken = document.add_paragraph()
    broken.add_run("一、工作")
    broken.add_run().add_break()
    broken.add_run("（一）抓学习")
    document.add_paragraph("")
    path = tmp_path / "格式.docx"
    document.save(path)
    paragraphs, notes = document_paragraphs(path)
    assert [(p.number, p.text, p.level, p.bold_lead) for p in paragraphs] == [
        (1, "述职报告", 1, "述职报告"), (2, "抓学习。每周学习。", 0, "抓学习。"), (3, "一、工作", 0, ""), (3, "（一）抓学习", 0, "")]
    assert notes == []


def test_a_file_that_cannot_be_read_says_why(tmp_path: Path, monkeypatch):
    path = tmp_path / "锁定.txt"
    path.write_text("述职报告", encoding="utf-8")

    def locked(self):
        raise PermissionError(13, "Permission denied")
    monkeypatch.setattr(Path, "read_bytes", locked)
    assert refused(path) == "无法打开文件（Permission denied）。如文件正在其他程序中打开，请关闭后重试。"


def test_a_word_package_over_the_size_limits_is_refused_naming_the_users_file(tmp_path: Path, monkeypatch):
    from shuzhi_xl.errors import WorkbookError

    checked = []

    def too_big(path, package, source):
        checked.append(path)
        raise WorkbookError("压缩后的内容过大。")
    monkeypatch.setattr(sources, "Parts", too_big)
    path = tmp_path / "大.docx"
    docx.Document().save(path)
    assert refused(path) == "压缩后的内容过大。" and checked == [path]


def test_a_picture_is_noted_at_its_paragraph(tmp_path: Path):
    from docx.oxml import parse_xml

    document = docx.Document()
    document.add_paragraph("述职报告")
    pictured = document.add_paragraph("正文。")
    pictured._p.append(parse_xml('<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                                 '<w:pict/></w:r>'))
    path = tmp_path / "图.docx"
    document.save(path)
    paragraphs, notes = document_paragraphs(path)
    assert [p.text for p in paragraphs] == ["述职报告", "正文。"]
    assert notes == [Note("含有图片，未导入（工作簿只保存文字）。", 2)]


@pytest.mark.parametrize("lines", [["述职报告", "一、工作", "正文。"], ["述职报告", "一、工作", "（一）抓学习"]])
def test_a_part_with_only_text_or_only_a_sub_section_heading_is_a_body(tmp_path: Path, lines):
    path = tmp_path / "短.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    assert import_document(path).report.info.opening == ""


def test_the_year_given_to_an_import_is_the_reports(tmp_path: Path):
    path = tmp_path / "报告.txt"
    path.write_text("2023年度述职报告\n正文。\n一、工作\n正文。", encoding="utf-8")
    assert (import_document(path).report.info.year, import_document(path, year=2024).report.info.year) == (2023, 2024)


def _heading_package(path: Path, edit_rels) -> Path:
    """Write a one-heading document (style Heading 1) with its parts' relationships edited by *edit_rels*(name,
    data) and the parts moved where they point."""
    document = docx.Document()
    document.add_paragraph("主要工作情况", style="Heading 1")
    buffer = io.BytesIO()
    document.save(buffer)
    with zipfile.ZipFile(buffer) as source, zipfile.ZipFile(path, "w") as package:
        for item in source.infolist():
            name, data = edit_rels(item.filename, source.read(item))
            if name:
                package.writestr(name, data)
    return path


def test_word_parts_are_found_through_their_relationships(tmp_path: Path):
    def moved(name, data):
        if name == "word/_rels/document.xml.rels":  # an external link of the same type first, then an absolute target
            data = data.replace(b'Target="styles.xml"', b'Target="/custom/styles1.xml"')
            data = re.sub(rb"(<Relationships[^>]*>)", rb'\1<Relationship Id="rIdX" Type="http://schemas.openxml'
                          rb'formats.org/officeDocument/2006/relationships/styles" Target="http://example.com/s.xml" '
                          rb'TargetMode="External"/>', data)
        return ("custom/styles1.xml" if name == "word/styles.xml" else name), data

    paragraphs, _ = document_paragraphs(_heading_package(tmp_path / "移.docx", moved))
    assert [(p.text, p.level) for p in paragraphs] == [("主要工作情况", 1)]
    plain, _ = document_paragraphs(_heading_package(tmp_path / "无样式.docx", lambda name, data: (
        None if name == "word/styles.xml" else name, re.sub(rb'<Relationship [^>]*styles\.xml"[^>]*/>', b"", data))))
    assert [(p.text, p.level) for p in plain] == [("主要工作情况", 0)]  # the level came from the styles part


@pytest.mark.parametrize("dropped, reason", [("_rels/.rels", "缺少“正文部件”"), ("word/styles.xml", "缺少“word/styles.xml”")])
def test_a_word_package_missing_a_part_it_names_is_refused_as_damaged(tmp_path: Path, dropped: str, reason: str):
    path = _heading_package(tmp_path / "缺.docx", lambda name, data: (None if name == dropped else name, data))
    assert refused(path) == f"Word 文档已损坏，无法读取（{reason}）。请用 Word 或 WPS 打开后另存为“Word 文档 (.docx)”再导入。"


def test_importing_a_word_document_does_not_load_python_docx(tmp_path: Path):
    # the import reads the parts itself (one unzip); python-docx would add its import time to every `shuzhi import`
    path = tmp_path / "报告.docx"
    with open(path, "wb") as target:
        write_docx(sample_report(), target)
    script = ("import sys; from pathlib import Path; from shuzhi_xl.importer import import_document; "
              f"result = import_document(Path({str(path)!r})); print(len(result.report.parts), 'docx' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert out.split() == [str(len(sample_report().parts)), "False"]


def test_the_main_document_is_the_one_the_package_names(tmp_path: Path):
    def elsewhere(name, data):
        if name == "_rels/.rels":
            data = data.replace(b'Target="word/document.xml"', b'Target="word/main/document.xml"')
        if name == "word/document.xml":  # a decoy: the package names another part
            return "word/main/document.xml", data
        if name == "word/_rels/document.xml.rels":
            return "word/main/_rels/document.xml.rels", re.sub(rb'Target="([^"/:]+)"', rb'Target="../\1"', data)
        return name, data

    path = _heading_package(tmp_path / "主.docx", elsewhere)
    with zipfile.ZipFile(path, "a") as package:
        package.writestr("word/document.xml", "不是 XML")
    paragraphs, _ = document_paragraphs(path)
    assert [(p.text, p.level) for p in paragraphs] == [("主要工作情况", 1)]


def test_a_relationship_without_a_target_names_no_part(tmp_path: Path):
    path = _heading_package(tmp_path / "无目标.docx", lambda name, data: (
        name, re.sub(rb' Target="word/document.xml"', b"", data) if name == "_rels/.rels" else data))
    assert refused(path) == ("Word 文档已损坏，无法读取（缺少“正文部件”）。"
                             "请用 Word 或 WPS 打开后另存为“Word 文档 (.docx)”再导入。")


def test_an_entity_declared_in_a_part_is_never_expanded(tmp_path: Path):
    # python-docx's parser settings: an entity is left as it is, so no document can grow by entity expansion
    def declared(name, data):
        if name == "word/document.xml":
            data = data.replace(b"<w:document", '<!DOCTYPE w:document [<!ENTITY e "展开">]><w:document'.encode(), 1)
            data = data.replace("主要工作情况".encode(), "主要工作情况&e;".encode())
        return name, data

    paragraphs, _ = document_paragraphs(_heading_package(tmp_path / "实体.docx", declared))
    assert [p.text for p in paragraphs] == ["主要工作情况"]


def test_a_zip_directory_of_an_unknown_version_is_a_broken_zip(tmp_path: Path):
    path = tmp_path / "报告.docx"
    with zipfile.ZipFile(path, "w") as package:
        package.writestr("word/document.xml", "<x/>")
    data = bytearray(path.read_bytes())
    data[data.find(b"PK\x01\x02") + 6] = 99  # zipfile raises NotImplementedError, not BadZipFile
    path.write_bytes(bytes(data))
    assert refused(path).startswith("文件已损坏（压缩包结构不完整），无法读取。")
