"""LibreOffice, headless: find it, and convert one document with a throw-away profile.

The private profile means a LibreOffice the user has open neither blocks the conversion nor is
disturbed by it. Callers turn ``ConversionError`` into their own Chinese message.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Mapping
from pathlib import Path

#: Where LibreOffice lives when it is not on PATH (the Windows installer does not add it).
_INSTALL_DIRS = (r"C:\Program Files\LibreOffice\program", r"C:\Program Files (x86)\LibreOffice\program",
                 "/Applications/LibreOffice.app/Contents/MacOS", "/opt/libreoffice/program")
#: Seconds a conversion may take; the messages about a conversion that hung name this figure.
TIMEOUT = 180


class ConversionError(Exception):
    """LibreOffice did not convert: *detail* is what it printed (may be empty); *timed_out* when it hung."""

    def __init__(self, detail: str = "", timed_out: bool = False):
        super().__init__(detail)
        self.detail, self.timed_out = detail, timed_out

    @property
    def said(self) -> str:
        """Return the last line LibreOffice printed (its error; warnings come before it), labelled as its own
        English words for a Chinese message, or "" when it printed nothing."""
        last = next((line.strip() for line in reversed(self.detail.splitlines()) if line.strip()), "")
        return f"（LibreOffice 输出：{last[:120]}）" if last else ""


def find_soffice() -> str | None:
    """Return the path of LibreOffice's soffice program, or None when it is not installed."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found:
        return found
    return next((str(p) for d in _INSTALL_DIRS for p in (Path(d) / "soffice.exe", Path(d) / "soffice")
                 if p.is_file()), None)


def convert(soffice: str, source: Path, export_filter: str, work: Path, *,
            env: Mapping[str, str] | None = None) -> Path:
    """Convert *source* with *export_filter* (e.g. ``pdf:writer_pdf_Export``) into the folder *work*; return the
    file made. *env* replaces the environment of the conversion (tests use it to confine fonts)."""
    command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless", "--norestore",
               "--convert-to", export_filter, "--outdir", str(work / "out"), str(source)]
    try:
        result = subprocess.run(command, capture_output=True, timeout=TIMEOUT, env=env)
    except subprocess.TimeoutExpired:
        raise ConversionError(timed_out=True) from None
    except OSError as exc:
        raise ConversionError(str(exc)) from None
    made = work / "out" / f"{Path(source).stem}.{export_filter.split(':')[0]}"
    if result.returncode != 0 or not made.is_file():
        raise ConversionError((result.stderr or result.stdout).decode("utf-8", "replace").strip()[-300:])
    return made
