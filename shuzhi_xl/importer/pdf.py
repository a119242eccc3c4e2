"""PDF reports, read through poppler's pdftotext when it is installed: a PDF keeps lines, not paragraphs, so its
text is what a user would copy out of it, and goes the way of such a copy (page numbers dropped, wrapped lines
rejoined: pdftext.py)."""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from ..errors import DocumentError
from ..limits import MAX_IMPORT_CHARS

PDF_KIND = "PDF 文件"
ASK_FOR_WORD = "请找到报告的 Word 原稿导入，或把 PDF 中的文字复制到记事本，保存为 .txt 后再导入。"
#: Seconds pdftotext may take: a report of a few pages takes well under one.
TIMEOUT = 60
#: Bytes of text read from pdftotext at most: more than a report's characters can take in UTF-8.
MAX_TEXT_BYTES = 4 * MAX_IMPORT_CHARS
#: A space pdftotext puts where the PDF places Chinese beside a figure in separate runs (2022 年, 12 次, 98.6 %).
_RUN_GAP = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]) (?=[0-9A-Za-z%])|(?<=[0-9A-Za-z%]) (?=[\u3000-\u303f"
                      r"\u4e00-\u9fff\uff00-\uffef])|(?<=[0-9]) (?=%)")


#: How a process ends that wrote past its file size limit (killed by SIGXFSZ; POSIX only).
_PAST_SIZE_LIMIT = -signal.SIGXFSZ if hasattr(signal, "SIGXFSZ") else None
#: Memory pdftotext may take (bytes): a report's PDF needs a few tens of megabytes.
MAX_MEMORY = 1 << 30


def _command(pdftotext: str, path: Path, out: Path) -> list[str]:
    """Return the command extracting the text of *path* into *out*, its memory and the text it writes bounded
    (a hostile PDF meets the limit, not the machine's) by the shell that starts it: ulimit, not a preexec_fn,
    which is unsafe in the web server's threads. A limit the shell cannot set (ulimit -v on some systems) is left
    out, not a reason to fail; without a POSIX shell, pdftotext runs unbounded but for TIMEOUT."""
    command = [pdftotext, "-layout", "-enc", "UTF-8", "-eol", "unix", "-q", str(path.absolute()), str(out)]
    shell = shutil.which("sh") if os.name == "posix" else None
    if shell is None:
        return command
    bounds = f'ulimit -v {MAX_MEMORY // 1024} 2>/dev/null; ulimit -f {MAX_TEXT_BYTES // 512 + 1} 2>/dev/null; exec "$0" "$@"'
    return [shell, "-c", bounds, *command]


def pdf_lines(path: Path, pdftotext: str | None = None) -> list[str]:
    """Return the lines of text of the PDF at *path*, as pdftotext lays them out (one per printed line, a page's
    end a line of its own), without the spaces it puts between Chinese and figures. DocumentError when pdftotext
    is not installed, fails or runs too long, or the PDF holds no text (a scan)."""
    pdftotext = pdftotext or shutil.which("pdftotext")
    if pdftotext is None:
        raise DocumentError(f"这是 {PDF_KIND}，本机没有安装 pdftotext（poppler-utils），无法提取文字。{ASK_FOR_WORD}", path)
    with tempfile.TemporaryDirectory(prefix="shuzhi-pdf-") as folder:
        out = Path(folder) / "text.txt"
        try:
            done = subprocess.run(_command(pdftotext, path, out), capture_output=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise DocumentError(f"这是 {PDF_KIND}，{TIMEOUT} 秒内未能提取其中的文字。{ASK_FOR_WORD}", path) from None
        except OSError as exc:
            raise DocumentError(f"这是 {PDF_KIND}，无法运行 pdftotext（{exc.strerror}）。{ASK_FOR_WORD}", path) from None
        size = out.stat().st_size if out.is_file() else 0
        if size > MAX_TEXT_BYTES or done.returncode == _PAST_SIZE_LIMIT:
            raise DocumentError(f"这是 {PDF_KIND}，其中的文字超过 {MAX_IMPORT_CHARS} 字，不像是一份述职报告，未导入。", path)
        if done.returncode != 0:
            raise DocumentError(f"这是 {PDF_KIND}，无法提取其中的文字（文件可能已损坏或设置了密码）。{ASK_FOR_WORD}", path)
        text = out.read_bytes().decode("utf-8", errors="replace").replace("\f", "\n")
    if not text.strip():
        raise DocumentError(f"这是 {PDF_KIND}，其中没有可提取的文字（可能是扫描件或图片）。{ASK_FOR_WORD}", path)
    return [_RUN_GAP.sub("", line) for line in text.split("\n")]
