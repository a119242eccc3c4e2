"""The seed report through the import command, the workbook and the report text; unusable documents (old
.doc/.wps files that LibreOffice converts: test_soffice_import)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from shuzhi_xl.cli import main
from shuzhi_xl.importer import import_document, legacy
from shuzhi_xl.report.text import report_paragraphs
from shuzhi_xl.samples import SAMPLE_NAME, SEED_INFO
from shuzhi_xl.xlsx.reader import read_workbook
from support import REPO, SEED, normalise, seed_paragraphs

#: The original seed, shared beside the checkout; the package carries a copy so a clean checkout tests alone.
SHARED_SEED = REPO.parent / "shared" / "seed" / "000_8f638ed69713351b.txt"


@pytest.mark.skipif(not SHARED_SEED.is_file(), reason=f"../shared is not beside the checkout ({SHARED_SEED})")
def test_the_packaged_seed_equals_the_shared_original():
    assert SEED.read_bytes() == SHARED_SEED.read_bytes()


def test_seed_round_trip_through_the_import_command_and_a_workbook(tmp_path: Path):
    expected = seed_paragraphs()
    workbook = tmp_path / "导入.xlsx"
    result = CliRunner().invoke(main, ["import", str(SEED), "-o", str(workbook)])
    assert result.exit_code == 0, result.output
    paragraphs = report_paragraphs(read_workbook(workbook))
    # The seed has no title or author line; the report always prints both.
    body = [normalise(p.text) for p in paragraphs if p.role not in ("title", "author")]
    assert body == expected


def test_seed_import_equals_the_committed_sample_workbook_but_for_what_only_its_opening_says():
    imported = import_document(SEED)
    # The seed has no title, author line or signature: who reports for which year is left blank, and said.
    assert (imported.report.info.branch, imported.report.info.committee, imported.report.info.year) == ("", "", None)
    assert any("支部名称" in str(n) and "述职年度" in str(n) for n in imported.notes)
    committed = read_workbook(REPO / "workbook" / SAMPLE_NAME)
    imported.report.info = replace(imported.report.info, **SEED_INFO)
    assert imported.report == committed


def test_new_year_keeps_the_old_text_and_says_where_it_is(tmp_path: Path):
    workbook = tmp_path / "新年度.xlsx"
    result = CliRunner().invoke(main, ["import", str(SEED), "-o", str(workbook), "--year", "2022"])
    assert result.exit_code == 0
    report = read_workbook(workbook)
    assert report.info.year == 2022 and report.info.opening.startswith("2021年")
    assert "述职年度已设为2022年" in result.output and "写到往年的第1段（2021年）未自动修改" in result.output


def ole_file(path: Path) -> Path:
    """Write a file that starts like every Word 97-2003 / WPS document: the OLE compound-file signature."""
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    return path


UNUSABLE = {
    "legacy_doc": (lambda d: ole_file(d / "去年.doc"), "旧版 Word 97-2003 (.doc)"),
    "wps": (lambda d: ole_file(d / "去年.wps"), "WPS 文字 (.wps)"),
    "renamed_text": (lambda d: _write(d / "去年.docx", "一、主要工作情况".encode()), "内容不是 Word 文档"),
    "truncated": (lambda d: _write(d / "去年.docx", b"PK\x03\x04" + bytes(30)), "压缩包结构不完整"),
    "workbook": (lambda d: _write(d / "去年.docx", (REPO / "workbook" / SAMPLE_NAME).read_bytes()), "这是Excel 工作簿"),
    "rtf": (lambda d: _write(d / "去年.doc", rb"{\rtf1\ansi hello}"), "RTF 格式"),
    "pdf": (lambda d: _write(d / "去年.pdf", b"%PDF-1.7\n"), "PDF 文件"),
    "other": (lambda d: _write(d / "去年.odt", b"text"), "不支持 .odt 文件"),
    "missing": (lambda d: d / "没有.docx", "文件不存在"),
}


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("case", UNUSABLE)
def test_unusable_documents_exit_2_with_a_chinese_message_and_write_nothing(tmp_path: Path, case: str, monkeypatch):
    monkeypatch.setattr(legacy, "find_soffice", lambda: None)  # test_soffice_import converts with LibreOffice
    make, expected = UNUSABLE[case]
    path = make(tmp_path)
    before = sorted(p.name for p in tmp_path.iterdir())
    result = CliRunner().invoke(main, ["import", str(path), "-o", str(tmp_path / "输出.xlsx")])
    assert result.exit_code == 2
    assert expected in result.output and path.name in result.output and "Traceback" not in result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == before
