"""PDF reports through pdftotext: its text cleaned of what extraction adds, and each way it can fail said in
Chinese. pdftotext is replaced by a stand-in script printing a given text (real PDFs: test_soffice_import)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from shuzhi_xl.errors import DocumentError
from shuzhi_xl.importer import pdf
from shuzhi_xl.importer.pdf import pdf_lines


def stand_in(folder: Path, text: str = "", code: int = 0, sleep: float = 0) -> str:
    """Return the path of a script that writes *text* to its last argument as pdftotext would, then exits with
    *code*."""
    script = folder / "pdftotext"
    script.write_text(f"#!{sys.executable}\nimport sys, time\ntime.sleep({sleep})\n"
                      f"open(sys.argv[-1], 'wb').write({text!r}.encode())\nsys.exit({code})\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script)


def refusal(path: Path, pdftotext: str | None) -> str:
    with pytest.raises(DocumentError) as caught:
        pdf_lines(path, pdftotext)
    return caught.value.message


def test_lines_keep_their_indents_and_lose_the_spaces_between_chinese_and_figures(tmp_path: Path):
    text = "  2022 年度述职报告\n  全年学习 12 次，占 98.6 %。\f党支部书记 张三\n"
    assert pdf_lines(tmp_path / "a.pdf", stand_in(tmp_path, text)) == [
        "  2022年度述职报告", "  全年学习12次，占98.6%。", "党支部书记 张三", ""]


@pytest.mark.parametrize("text, code, said", [
    ("", 1, "这是 PDF 文件，无法提取其中的文字（文件可能已损坏或设置了密码）。"),
    (" \f\n\f", 0, "这是 PDF 文件，其中没有可提取的文字（可能是扫描件或图片）。"),
])
def test_a_pdf_without_text_or_one_pdftotext_cannot_read_is_refused(tmp_path: Path, text: str, code: int, said: str):
    assert refusal(tmp_path / "a.pdf", stand_in(tmp_path, text, code)).startswith(said)


def test_without_pdftotext_the_user_is_told_what_to_do(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(pdf.shutil, "which", lambda name: None)
    assert refusal(tmp_path / "a.pdf", None).startswith("这是 PDF 文件，本机没有安装 pdftotext（poppler-utils）")


def test_a_pdftotext_that_runs_too_long_or_says_too_much_is_stopped(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(pdf, "TIMEOUT", 0.5)
    assert refusal(tmp_path / "a.pdf", stand_in(tmp_path, "甲", sleep=5)).startswith("这是 PDF 文件，0.5 秒内未能提取")
    monkeypatch.setattr(pdf, "MAX_TEXT_BYTES", 8)
    assert "超过" in refusal(tmp_path / "a.pdf", stand_in(tmp_path, "甲乙丙"))


@pytest.mark.skipif(os.name != "posix", reason="the bounds are the POSIX shell's ulimit")
def test_the_text_pdftotext_writes_is_bounded_by_its_shell(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(pdf, "MAX_TEXT_BYTES", 8)  # ulimit -f 1: 512 bytes
    script = tmp_path / "pdftotext"
    flag = tmp_path / "stopped"
    script.write_text(f"#!{sys.executable}\nimport sys\ntry:\n    open(sys.argv[-1], 'wb').write(b'x' * 100000)\n"
                      f"except OSError:\n    open({str(flag)!r}, 'w').write('bounded')\n    sys.exit(1)\n", encoding="utf-8")
    script.chmod(0o755)
    assert "超过" in refusal(tmp_path / "a.pdf", str(script))
    assert flag.read_text() == "bounded"  # the write past 512 bytes failed: the limit holds in pdftotext's process


@pytest.mark.skipif(os.name != "posix", reason="the bounds are the POSIX shell's ulimit")
def test_a_limit_the_shell_cannot_set_is_left_out_and_the_text_still_read(tmp_path: Path, monkeypatch):
    # an amount ulimit refuses, as ulimit -v is refused on some systems: pdftotext still runs (within TIMEOUT)
    monkeypatch.setattr(pdf, "MAX_MEMORY", -4096)
    assert pdf_lines(tmp_path / "a.pdf", stand_in(tmp_path, "一、主要工作")) == ["一、主要工作"]
