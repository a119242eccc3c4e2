"""The report as PDF through LibreOffice (headless). On Windows the Excel layer exports through Word instead."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import ShuzhiError
from ..fileio import write_atomically
from ..soffice import TIMEOUT, ConversionError, convert, find_soffice

#: Seconds for listing the installed fonts (one fc-list call, however many fonts are asked about).
FONT_LIST_TIMEOUT = 30


def to_pdf(docx_path: Path, output: Path | None = None, *, env: Mapping[str, str] | None = None) -> Path:
    """Return the path of the PDF made from *docx_path* (default: beside it, same name) by LibreOffice.
    *env* replaces the environment of the conversion (tests use it to confine fonts)."""
    soffice = find_soffice()
    if soffice is None:
        raise ShuzhiError("未找到 LibreOffice，无法生成 PDF。Word 报告已生成：请安装 LibreOffice 后重试，"
                          "或用 Word/WPS 打开报告，“另存为”PDF。")
    docx_path = Path(docx_path)
    target = Path(output) if output else docx_path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="shuzhi-pdf-") as tmp:
        try:
            made = convert(soffice, docx_path, "pdf:writer_pdf_Export", Path(tmp), env=env)
        except ConversionError as exc:
            if exc.timed_out:
                raise ShuzhiError(f"LibreOffice 在 {TIMEOUT} 秒内未能完成 PDF 转换，请稍后重试，"
                                  "或用 Word/WPS 打开报告另存为 PDF。") from None
            raise ShuzhiError(f"LibreOffice 转换 PDF 失败{exc.said}。"
                              "请用 Word/WPS 打开报告另存为 PDF。") from None
        return write_atomically(target, lambda tmp_path: shutil.copyfile(made, tmp_path), protect=docx_path)


def missing_fonts(families: Iterable[str]) -> list[str]:
    """Return those of *families* that are not installed, so LibreOffice will print them in a substitute font.

    Linux only, where LibreOffice finds fonts through fontconfig: one ``fc-list`` call lists every installed family
    under all its names (FangSong_GB2312 and 仿宋_GB2312 alike). Elsewhere, or without fontconfig's tools, there
    is no telling and nothing is reported missing.
    """
    fc_list = shutil.which("fc-list") if sys.platform.startswith("linux") else None
    if fc_list is None:
        return []
    try:
        listed = subprocess.run([fc_list, ":", "family"], capture_output=True, timeout=FONT_LIST_TIMEOUT,
                                check=True).stdout.decode("utf-8", "replace")
    except (OSError, subprocess.SubprocessError):
        return []
    installed = {_font_key(name) for line in listed.splitlines() for name in line.split(",")}
    return [family for family in families if _font_key(family) not in installed]


def _font_key(family: str) -> str:
    """Return a family name as fontconfig compares them: case and spaces ignored."""
    return "".join(family.split()).casefold()


def substitution_warning(missing: list[str]) -> str:
    """Return the Chinese warning that the PDF is printed without the *missing* fonts ("" when none are)."""
    if not missing:
        return ""
    return (f"注意：本机没有安装报告使用的字体：{'、'.join(missing)}。Word 报告中的字体设置无误，但 LibreOffice "
            "生成的 PDF 会用本机其他字体代替，字形、字宽和分行分页可能不合规定。请安装这些字体后重新生成 PDF，"
            "或用 Word/WPS 打开 Word 报告“另存为”PDF。")
