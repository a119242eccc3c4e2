"""Old binary Word and WPS documents (.doc, .wps), converted to .docx by LibreOffice when it is installed."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..errors import DocumentError
from ..soffice import TIMEOUT, ConversionError, convert, find_soffice
from .sources import SAVE_AS_DOCX

LEGACY_KIND = "旧版 Word 97-2003 (.doc) 或 WPS 文字 (.wps) 格式的文件"


def legacy_to_docx(path: Path, folder: Path) -> Path:
    """Return the .docx that LibreOffice makes from the old binary document *path*, written into *folder*.

    LibreOffice runs with a throw-away profile in *folder*, so a LibreOffice the user has open neither blocks
    nor is disturbed. The document is copied under a plain ASCII name first: the output's name is then known,
    and no command line has to carry Chinese file names.
    """
    soffice = find_soffice()
    if soffice is None:
        raise DocumentError(f"这是{LEGACY_KIND}，本机没有安装 LibreOffice，不能自动转换。{SAVE_AS_DOCX}", path)
    source = folder / f"source{path.suffix.lower() or '.doc'}"
    shutil.copyfile(path, source)
    try:
        return convert(soffice, source, "docx:MS Word 2007 XML", folder)
    except ConversionError as exc:
        if exc.timed_out:
            raise DocumentError(f"这是{LEGACY_KIND}，LibreOffice 在 {TIMEOUT} 秒内未能把它转换为 .docx。{SAVE_AS_DOCX}",
                                path) from None
        raise DocumentError(f"这是{LEGACY_KIND}，LibreOffice 未能把它转换为 .docx{exc.said}。"
                            f"{SAVE_AS_DOCX}", path) from None

