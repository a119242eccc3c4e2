"""Which files import: empty documents are refused; old .doc/.wps files go through LibreOffice when it is there
(LibreOffice itself runs in test_soffice_import.py; here a stand-in answers for it)."""

from __future__ import annotations

from pathlib import Path

import docx
import openpyxl
import pytest

from shuzhi_xl import schema
from shuzhi_xl.importer import legacy
from shuzhi_xl.soffice import TIMEOUT, ConversionError
from support import outline_rows
from test_import_seed import ole_file
from test_importer_matter import info_value, run_import, sheet_rows, write_document


def table_only_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_table(rows=2, cols=2).cell(0, 0).text = "支部名称"
    document.save(path)
    return path


EMPTY = {
    "empty_docx": (lambda d: write_document(d / "空白.docx", []), "文档是空的"),
    "blank_lines_txt": (lambda d: write_document(d / "空白.txt", ["", "   ", "\u3000"]), "文档是空的"),
    "empty_txt": (lambda d: write_document(d / "空白.txt", []), "文档是空的"),
    "title_docx": (lambda d: write_document(d / "标题.docx", ["XX党支部书记2021年度抓基层党建工作述职报告"]),
                   "只有“XX党支部书记2021年度抓基层党建工作述职报告”这一行"),
    "title_and_author_txt": (lambda d: write_document(d / "标题.txt", ["述职报告", "——XX党支部书记 张三"]),
                             "只有“述职报告”等2行"),
    "table_only_docx": (lambda d: table_only_docx(d / "表格.docx"), "只有表格、文本框或图片"),
}


@pytest.mark.parametrize("case", EMPTY)
def test_an_empty_or_title_only_document_is_refused_and_nothing_is_written(tmp_path: Path, case: str):
    make, expected = EMPTY[case]
    path = make(tmp_path)
    result, workbook = run_import(path)
    assert result.exit_code == 2
    assert expected in result.output and f"文件“{path.name}”" in result.output and "Traceback" not in result.output
    assert "开篇段落" not in result.output.replace("没有开篇段落", "")
    assert not workbook.exists() and sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_what_libreoffice_printed_is_labelled_as_its_own_and_cut_to_its_error(tmp_path: Path, monkeypatch):
    def failing(*_args, **_kwargs):
        raise ConversionError("Warning: failed to launch javaldx - java may not function correctly\n"
                              "Error: source file could not be loaded\n")
    monkeypatch.setattr(legacy, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(legacy, "convert", failing)
    result, workbook = run_import(ole_file(tmp_path / "去年.doc"))
    assert result.exit_code == 2 and not workbook.exists()
    assert "文件“去年.doc”：这是旧版 Word 97-2003 (.doc) 或 WPS 文字 (.wps) 格式的文件，" in result.output
    assert "LibreOffice 未能把它转换为 .docx（LibreOffice 输出：Error: source file could not be loaded）。" in result.output
    assert "javaldx" not in result.output


def test_a_conversion_that_hangs_is_refused_naming_the_time_allowed(tmp_path: Path, monkeypatch):
    def hanging(*_args, **_kwargs):
        raise ConversionError(timed_out=True)
    monkeypatch.setattr(legacy, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(legacy, "convert", hanging)
    result, workbook = run_import(ole_file(tmp_path / "去年.wps"))
    assert result.exit_code == 2 and not workbook.exists() and "文件“去年.wps”：这是旧版 Word" in result.output
    assert f"LibreOffice 在 {TIMEOUT} 秒内未能把它转换为 .docx。" in result.output and "另存为”Word 文档 (.docx)" in result.output


def test_without_libreoffice_an_old_document_is_refused_with_how_to_save_it(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)
    path = ole_file(tmp_path / "去年.wps")
    result, workbook = run_import(path)
    assert result.exit_code == 2 and not workbook.exists()
    assert "本机没有安装 LibreOffice" in result.output and "另存为”Word 文档 (.docx)" in result.output
    assert f"文件“{path.name}”：这是旧版 Word" in result.output


@pytest.mark.parametrize("name, copy", [("去年.DOC", "source.doc"), ("去年.wps", "source.wps"), ("去年", "source.doc")])
def test_libreoffice_converts_a_plain_named_copy_to_word_2007_xml(tmp_path: Path, monkeypatch, name, copy):
    asked = []

    def converting(soffice, source, target_filter, folder):
        asked.append((soffice, source.name, source.read_bytes() == path.read_bytes(), target_filter, source.parent))
        return write_document(folder / "source.docx", ["XX党支部书记2021年度抓基层党建工作述职报告", "一、主要工作情况",
                                                       "（一）抓学习。每周学习。"])
    monkeypatch.setattr(legacy, "find_soffice", lambda: "/opt/lo/soffice")
    monkeypatch.setattr(legacy, "convert", converting)
    path = ole_file(tmp_path / name)
    result, workbook = run_import(path)
    assert result.exit_code == 0, result.output
    assert "这是旧版 Word 97-2003 (.doc) 或 WPS 文字 (.wps) 格式的文件，已用 LibreOffice 转换为 .docx 后导入；转换可能改变自动编号和格式，" \
        "请核对导入结果（也可以在 Word 或 WPS 中“另存为”.docx 后重新导入）。" in result.output.replace("\n", "")
    (soffice, source, same, target_filter, folder), = asked
    assert folder.name.startswith("shuzhi-import-")  # LibreOffice's working folder is recognisably ours
    assert (soffice, source, same, target_filter) == ("/opt/lo/soffice", copy, True, "docx:MS Word 2007 XML")
    assert folder != path.parent and not folder.exists()  # a temporary folder, gone after the import
    book = openpyxl.load_workbook(workbook)
    assert [row["标题"] for row in outline_rows(book, "主要工作情况")] == ["抓学习。"]


def test_a_converted_document_without_text_is_refused_under_the_users_name(tmp_path: Path, monkeypatch):
    def converting(soffice, source, target_filter, folder):
        return write_document(folder / "source.docx", [])
    monkeypatch.setattr(legacy, "find_soffice", lambda: "soffice")
    monkeypatch.setattr(legacy, "convert", converting)
    path = ole_file(tmp_path / "去年.doc")
    result, workbook = run_import(path)
    assert result.exit_code == 2 and not workbook.exists()
    assert f"文件“{path.name}”：文档是空的" in result.output and "source" not in result.output
