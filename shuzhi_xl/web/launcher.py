"""A double-clickable launcher for ``shuzhi web``: a .bat on Windows, a .command on macOS, a .desktop entry
on Linux desktops (UOS, Kylin, GNOME, KDE …). Each runs this very Python with ``-m shuzhi_xl.web`` in a
terminal window, which shows the address and stops the server when it is closed."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from ..fileio import write_atomically

NAME = "述职报告助手"
COMMENT = "在浏览器中检查填报工作簿、生成述职报告、导入往年报告、汇总"


def install_launcher(folder: Path | None = None, *, platform: str = sys.platform,
                     python: str = sys.executable) -> list[Path]:
    """Write the launcher for *platform* into *folder* (default: the desktop) and, on Linux, the applications
    menu; return the files written. An existing launcher of the same name is replaced."""
    target = folder or desktop_folder(platform)
    if platform == "win32":
        return [_write(target / f"{NAME}.bat", _batch(python), executable=False)]
    if platform == "darwin":
        return [_write(target / f"{NAME}.command", _shell(python), executable=True)]
    entry = _desktop_entry(python)
    written = [_write(target / "shuzhi-web.desktop", entry, executable=True)]
    if folder is None:
        written.append(_write(_applications_folder() / "shuzhi-web.desktop", entry, executable=True))
    _trust(written[0])
    return written


def desktop_folder(platform: str = sys.platform) -> Path:
    """Return the user's desktop folder: xdg-user-dir's answer on Linux (it is 桌面 on Chinese desktops),
    else ~/Desktop; the home folder when there is no desktop."""
    home = Path.home()
    if platform not in ("win32", "darwin") and shutil.which("xdg-user-dir"):
        try:
            answer = subprocess.run(["xdg-user-dir", "DESKTOP"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.SubprocessError):
            answer = ""
        if answer.strip() and Path(answer.strip()).is_dir():
            return Path(answer.strip())
    candidates = [home / "Desktop", home / "桌面"]
    return next((c for c in candidates if c.is_dir()), home)


def _applications_folder() -> Path:
    data = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(data) / "applications"


def _batch(python: str) -> str:
    # cmd reads a batch file line by line in the console's code page: switch to UTF-8 first (an ASCII line).
    return (f"@echo off\r\nchcp 65001 >nul\r\ntitle {NAME}\r\n\"{python}\" -m shuzhi_xl.web\r\n"
            "if errorlevel 1 pause\r\n")


def _shell(python: str) -> str:
    return f"#!/bin/sh\n# {NAME}: {COMMENT}\nexec '{_single_quoted(python)}' -m shuzhi_xl.web\n"


def _single_quoted(text: str) -> str:
    return text.replace("'", "'\\''")


def _desktop_entry(python: str) -> str:
    """Return the .desktop entry; Exec quotes the interpreter as the Desktop Entry Specification requires."""
    quoted = '"' + "".join("\\" + c if c in '"`$\\' else c for c in python).replace("%", "%%") + '"'
    return ("[Desktop Entry]\nType=Application\nVersion=1.0\n"
            f"Name={NAME}\nComment={COMMENT}\nExec={quoted} -m shuzhi_xl.web\n"
            "Terminal=true\nIcon=x-office-document\nCategories=Office;\n")


def _write(path: Path, text: str, *, executable: bool) -> Path:
    written = write_atomically(path, lambda tmp: tmp.write_bytes(text.encode("utf-8")))
    if executable:
        written.chmod(written.stat().st_mode | 0o111)
    return written


def _trust(entry: Path) -> None:
    """Mark a desktop entry trusted where GNOME-based desktops (UOS among them) ask for it; harmless elsewhere."""
    if shutil.which("gio"):
        try:
            subprocess.run(["gio", "set", str(entry), "metadata::trusted", "true"], capture_output=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            pass
