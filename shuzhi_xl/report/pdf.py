"""The report or the bound volume as PDF through LibreOffice (headless), fonts substituted by report.fonts' table.
On Windows the Excel layer exports through Word instead."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import ShuzhiError
from ..fileio import write_atomically
from ..soffice import TIMEOUT, ConversionError, convert, find_soffice
from .fonts import render_environment

#: LibreOffice's PDF export leaves out the blank pages an odd-page section break inserts, unless told otherwise
#: (a JSON filter option, LibreOffice 7.4 and later; older versions ignore it).
_KEEP_BLANK_PAGES = '{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


@dataclass(frozen=True)
class Pdf:
    """A PDF written, and the note naming the fonts substituted in it ("" when none were)."""

    path: Path
    fonts_note: str


def to_pdf(docx_path: Path, output: Path | None = None, *, keep_blank_pages: bool = False,
           font_dirs: Sequence[str] | None = None) -> Pdf:
    """Write the PDF LibreOffice makes of *docx_path* (default: beside it, same name). *keep_blank_pages* prints
    the blank pages before odd-page starts (a volume printed double-sided). *font_dirs* confines the fonts to
    those folders (tests)."""
    soffice = find_soffice()
    if soffice is None:
        raise ShuzhiError("未找到 LibreOffice，无法生成 PDF。Word 文件已生成：请安装 LibreOffice 后重试，"
                          "或用 Word/WPS 打开它，“另存为”PDF。")
    docx_path = Path(docx_path)
    target = Path(output) if output else docx_path.with_suffix(".pdf")
    export = "pdf:writer_pdf_Export" + (f":{_KEEP_BLANK_PAGES}" if keep_blank_pages else "")
    with tempfile.TemporaryDirectory(prefix="shuzhi-pdf-") as tmp:
        plan, env = render_environment(docx_path, Path(tmp), font_dirs)
        try:
            made = convert(soffice, docx_path, export, Path(tmp), env=env)
        except ConversionError as exc:
            if exc.timed_out:
                raise ShuzhiError(f"LibreOffice 在 {TIMEOUT} 秒内未能完成 PDF 转换，请稍后重试，"
                                  "或用 Word/WPS 打开 Word 文件另存为 PDF。") from None
            raise ShuzhiError(f"LibreOffice 转换 PDF 失败{exc.said}。"
                              "请用 Word/WPS 打开 Word 文件另存为 PDF。") from None
        path = write_atomically(target, lambda tmp_path: shutil.copyfile(made, tmp_path), protect=docx_path)
    return Pdf(path, plan.note())
