"""Imports through a real LibreOffice: old .doc/.wps documents converted, and a .docx LibreOffice re-saved (slow: one
conversion each; left out of the importer's mutation run, whose tests use a stand-in for LibreOffice)."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from shuzhi_xl.importer import import_document
from shuzhi_xl.soffice import convert, find_soffice
from support import SEED, outline_rows
from test_import_docx import report_with_auto_numbering
from test_import_seed import ole_file
from test_importer_matter import info_value, run_import


def seed_as_doc(folder: Path, suffix: str, text: Path = SEED) -> Path:
    """Return the seed (or another *text* file) saved by LibreOffice as a Word 97-2003 document named with
    *suffix* (.doc or .wps: WPS 文字 writes the same binary format)."""
    source, documents = folder / "lo" / "seed.txt", folder / "文档"
    source.parent.mkdir()
    shutil.copyfile(text, source)
    made = convert(find_soffice(), source, "doc:MS Word 97", source.parent)
    documents.mkdir()
    return made.rename(documents / f"去年{suffix}")


needs_soffice = pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed")


@needs_soffice
@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_an_old_word_document_is_converted_by_libreoffice_and_imported(tmp_path: Path, suffix: str):
    path = seed_as_doc(tmp_path, suffix)
    result, workbook = run_import(path)
    assert result.exit_code == 0, result.output
    assert "已用 LibreOffice 转换为 .docx 后导入" in result.output
    book = openpyxl.load_workbook(workbook)
    assert info_value(book, "opening").startswith("2021年，在X党委的正确领导下")
    assert [row["标题"] for row in outline_rows(book, "下步工作打算")] == [
        "提高认识，转变党建工作思想观念。", "立足本职，丰富党建工作各项内容。", "加强调研，提升支部服务企业水平。"]
    assert len(outline_rows(book, "围绕中心工作，充分发挥战斗堡垒作用。")) == 5
    # The conversion happened in a temporary folder: nothing but the workbook was added beside the document.
    assert sorted(p.name for p in path.parent.iterdir()) == sorted([path.name, workbook.name])


@needs_soffice
def test_an_old_document_without_text_is_refused_under_its_own_name(tmp_path: Path):
    blank = tmp_path / "空白.txt"
    blank.write_text("\n", encoding="utf-8")
    path = seed_as_doc(tmp_path, ".doc", blank)
    result, workbook = run_import(path)
    assert result.exit_code == 2 and not workbook.exists()
    assert f"文件“{path.name}”：文档是空的" in result.output and "source" not in result.output


@needs_soffice
def test_a_damaged_old_document_that_libreoffice_cannot_convert_is_refused(tmp_path: Path):
    path = ole_file(tmp_path / "去年.doc")
    result, workbook = run_import(path)
    assert result.exit_code == 2 and "LibreOffice 未能把它转换为 .docx" in result.output
    assert "另存为”Word 文档 (.docx)" in result.output and path.name in result.output and not workbook.exists()


@needs_soffice
def test_numbering_written_by_another_program_gives_the_same_report(tmp_path: Path):
    """LibreOffice rewrites the list definitions and styles in its own way; the report must not change."""
    path = report_with_auto_numbering(tmp_path / "自动编号.docx")
    resaved = convert(find_soffice(), path, "docx:MS Word 2007 XML", tmp_path / "lo")
    assert resaved != path and import_document(resaved).report == import_document(path).report


@needs_soffice
@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="pdftotext (poppler-utils) is not installed")
def test_a_report_printed_to_pdf_imports_as_its_text_does(tmp_path: Path):
    # A corpus report with first-line indents, as Word or WPS prints it, through LibreOffice's PDF export.
    import docx

    from corpus_support import entries, normalise, skeleton
    from shuzhi_xl.report.text import report_paragraphs

    entry = next(e for e in entries() if e.name == "09_seedlike_other_author")
    document = docx.Document()
    for text in entry.paragraphs():
        document.add_paragraph(text).paragraph_format.first_line_indent = docx.shared.Pt(24)
    document.save(tmp_path / "report.docx")
    made = convert(find_soffice(), tmp_path / "report.docx", "pdf", tmp_path)
    result = import_document(made)
    score = skeleton(entry.outline, result.report)
    assert (score.wrong, score.extra) == ([], 0)
    assert [normalise(p.text) for p in report_paragraphs(result.report) if normalise(p.text)] == \
        [normalise(p) for p in entry.paragraphs()]
    assert any("这是 PDF 文件，已提取其中的文字导入" in n.message for n in result.notes)
