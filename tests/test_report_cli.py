"""``shuzhi report``: where the file goes, locked targets, the input kept, and --pdf without LibreOffice."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from shuzhi_xl.cli import main
from shuzhi_xl.errors import ShuzhiError
from shuzhi_xl.report.pdf import to_pdf

TITLE = "XXX党支部书记2021年度抓基层党建工作述职报告"


def _run(*args: str):
    return CliRunner().invoke(main, ["report", *args])


def _written(output: str, label: str) -> Path:
    line = next(line for line in output.splitlines() if line.startswith(label))
    return Path(line.split("：", 1)[1])


def test_report_is_written_beside_the_workbook(sample_xlsx):
    result = _run(str(sample_xlsx))
    assert result.exit_code == 0, result.output
    assert _written(result.output, "已生成报告") == sample_xlsx.parent / f"{TITLE}.docx"


def test_a_target_open_in_word_gets_a_new_name(sample_xlsx):
    target = sample_xlsx.parent / f"{TITLE}.docx"
    target.write_bytes(b"the copy Word has open")
    (sample_xlsx.parent / f"~${target.name}").write_bytes(b"owner")
    result = _run(str(sample_xlsx))
    assert result.exit_code == 0, result.output
    written = _written(result.output, "已生成报告")
    assert written != target and written.parent == target.parent and written.suffix == ".docx"
    assert target.read_bytes() == b"the copy Word has open"


def test_an_output_named_like_the_workbook_becomes_a_docx_beside_it(sample_xlsx):
    before = sample_xlsx.read_bytes()
    result = _run(str(sample_xlsx), "-o", str(sample_xlsx))
    assert result.exit_code == 0, result.output
    assert sample_xlsx.read_bytes() == before
    assert _written(result.output, "已生成报告") == sample_xlsx.with_suffix(".docx")


def test_pdf_without_libreoffice_is_a_chinese_message(sample_xlsx, tmp_path, monkeypatch):
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))
    monkeypatch.setattr("shuzhi_xl.report.pdf._INSTALL_DIRS", ())
    result = _run(str(sample_xlsx), "--pdf")
    assert result.exit_code == 2
    assert "未找到 LibreOffice" in result.output and "Traceback" not in result.output
    assert (sample_xlsx.parent / f"{TITLE}.docx").is_file()  # the Word report is there all the same
    with pytest.raises(ShuzhiError, match="LibreOffice"):
        to_pdf(sample_xlsx.parent / f"{TITLE}.docx")


def test_report_help_is_chinese():
    result = _run("--help")
    assert result.exit_code == 0 and "GB/T 9704" in result.output and "--pdf" in result.output


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_pdf_is_written_beside_the_report(sample_xlsx):
    result = _run(str(sample_xlsx), "--pdf")
    assert result.exit_code == 0, result.output
    pdf = _written(result.output, "已生成 PDF")
    assert pdf == sample_xlsx.parent / f"{TITLE}.pdf" and pdf.read_bytes().startswith(b"%PDF")
