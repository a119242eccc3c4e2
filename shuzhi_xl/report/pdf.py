"""The report as PDF through LibreOffice (headless). On Windows the Excel layer exports through Word instead."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path

from ..errors import ShuzhiError
from ..fileio import write_atomically

#: Where LibreOffice lives when it is not on PATH (the Windows installer does not add it).
_INSTALL_DIRS = (r"C:\Program Files\LibreOffice\program", r"C:\Program Files (x86)\LibreOffice\program",
                 "/Applications/LibreOffice.app/Contents/MacOS", "/opt/libreoffice/program")
TIMEOUT = 180
#: Seconds for listing the installed fonts (one fc-list call, however many fonts are asked about).
FONT_LIST_TIMEOUT = 30


def find_soffice() -> str | None:
    """Return the path of LibreOffice's soffice program, or None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for d in _INSTALL_DIRS for p in (Path(d) / "soffice.exe", Path(d) / "soffice")
                 if p.is_file()), None)


def to_pdf(docx_path: Path, output: Path | None = None, *, timeout: float = TIMEOUT,
           env: Mapping[str, str] | None = None) -> Path:
    """Return the path of the PDF made from *docx_path* (default: beside it, same name).

    LibreOffice runs with a private, throw-away profile, so a LibreOffice the user has open neither blocks
    nor is disturbed. *env* replaces the environment of the conversion (tests use it to confine fonts).
    """
    soffice = find_soffice()
    if soffice is None:
        raise ShuzhiError("未找到 LibreOffice，无法生成 PDF。Word 报告已生成：请安装 LibreOffice 后重试，"
                          "或用 Word/WPS 打开报告，“另存为”PDF。")
    docx_path = Path(docx_path)
    target = Path(output) if output else docx_path.with_suffix(".pdf")
    with tempfile.TemporaryDirectory(prefix="shuzhi-pdf-") as tmp:
        work = Path(tmp)
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
                   "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(work / "out"), str(docx_path)]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout,
                                    env=dict(env) if env is not None else os.environ.copy())
        except subprocess.TimeoutExpired:
            raise ShuzhiError(f"LibreOffice 在 {timeout:.0f} 秒内未能完成 PDF 转换，请稍后重试，"
                              "或用 Word/WPS 打开报告另存为 PDF。") from None
        made = work / "out" / f"{docx_path.stem}.pdf"
        if result.returncode != 0 or not made.is_file():
            detail = (result.stderr or result.stdout).decode("utf-8", "replace").strip()[-300:]
            raise ShuzhiError(f"LibreOffice 转换 PDF 失败{f'（{detail}）' if detail else ''}。"
                              "请用 Word/WPS 打开报告另存为 PDF。")
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
