"""Files the browser sends: stored under safe names inside a job's folder, within size and count limits.

A name from the browser is only a label: every path component is cleaned, nothing can leave the
folder, and an existing file is never replaced. A .zip of workbooks is unpacked the same way, with its
own limits on entries and unpacked size, so a small archive cannot fill the disk.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ..errors import ShuzhiError
from ..fileio import free_name
from ..limits import megabytes

MIB = 1024 * 1024
#: Characters Windows forbids in file names, and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')
#: The longest name kept, in bytes of UTF-8: a file system takes 255 (Linux counts bytes: 85 Chinese characters),
#: and the outputs named after an upload add to it (…-检查结果(2).xlsx).
MAX_NAME_BYTES = 180
MAX_DEPTH = 8
CHUNK = 256 * 1024


@dataclass(frozen=True)
class Limits:
    """What one job may receive: the size of one file, the number of files, their total size."""

    file_bytes: int = 100 * MIB
    files: int = 1000
    job_bytes: int = 500 * MIB

    def refuse_file(self, name: str, size: int) -> None:
        """Raise ShuzhiError when a file of *size* bytes is larger than one file may be."""
        if size > self.file_bytes:
            raise ShuzhiError(f"文件“{name}”有 {megabytes(size)}，超过了单个文件 {megabytes(self.file_bytes)} 的上限，"
                              "未上传。请确认选对了文件；汇总大量工作簿时可分几次进行。")


class Inbox:
    """The files a job has received, in one folder per role (workbook, rules, branches …)."""

    def __init__(self, folder: Path, limits: Limits):
        self.folder, self.limits = folder, limits
        self.count, self.bytes = 0, 0

    def role_folder(self, role: str) -> Path:
        return self.folder / role

    def files(self, role: str) -> list[Path]:
        """Return the files received for *role*, sorted by their path."""
        folder = self.role_folder(role)
        return sorted(p for p in folder.rglob("*") if p.is_file()) if folder.is_dir() else []

    def admit(self, name: str, size: int, files: int = 1) -> None:
        """Raise ShuzhiError when *files* more files of *size* bytes in all (*name* the one named in the
        message) would pass a limit; the page asks this before it sends a file's bytes."""
        self.limits.refuse_file(name, size)
        if self.count + files > self.limits.files:
            raise ShuzhiError(f"一次最多处理 {self.limits.files} 个文件，本次已超过。请分几次进行。")
        if self.bytes + size > self.limits.job_bytes:
            raise ShuzhiError(f"本次上传的文件合计超过 {megabytes(self.limits.job_bytes)} 的上限，“{name}”未上传。"
                              "请分几次进行。")

    def receive(self, role: str, name: str, size: int, stream: BinaryIO) -> Path:
        """Store *size* bytes of *stream* as the file *name* (may hold "/" for sub-folders) under *role*;
        return where it went. Raises ShuzhiError, storing nothing, when a limit would be passed."""
        self.admit(name, size)
        self.count, self.bytes = self.count + 1, self.bytes + size
        target = free_name(self.role_folder(role) / safe_relative(name), keep_existing=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        left = size
        with target.open("xb") as out:
            while left > 0:
                chunk = stream.read(min(CHUNK, left))
                if not chunk:
                    break
                out.write(chunk)
                left -= len(chunk)
        if left:
            target.unlink()
            raise ShuzhiError(f"文件“{name}”没有完整上传，请重新选择文件。")
        return target

    def unpack(self, archive: Path, role: str, suffixes: Iterable[str]) -> list[Path]:
        """Unpack the entries of *archive* whose names end with one of *suffixes* into *role*'s folder, keeping
        their sub-folders; return them. The archive itself is removed. Raises ShuzhiError for a damaged
        archive or one beyond the limits."""
        wanted = tuple(s.lower() for s in suffixes)
        try:
            with zipfile.ZipFile(archive) as zf:
                entries = [e for e in zf.infolist() if e.filename.lower().endswith(wanted)  # a folder ends with "/"
                           and not PurePosixPath(e.filename.replace("\\", "/")).name.startswith("~$")]
                for entry in entries:
                    self.limits.refuse_file(f"{archive.name}/{entry.filename}", entry.file_size)
                unpacked = sum(e.file_size for e in entries) - archive.stat().st_size  # the archive goes
                self.admit(archive.name, unpacked, len(entries) - 1)
                self.count, self.bytes = self.count + len(entries) - 1, self.bytes + unpacked
                written = [self._extract(zf, e, role) for e in entries]
        except (zipfile.BadZipFile, ValueError):  # ValueError: a name not in UTF-8, offsets that point nowhere
            raise ShuzhiError(f"压缩包“{archive.name}”已损坏或不是 zip 格式，无法解压。"
                              "请重新压缩（zip 格式）后上传，或直接选择多个工作簿。") from None
        except NotImplementedError:  # a compression method zipfile cannot read
            raise ShuzhiError(f"压缩包“{archive.name}”使用了不支持的压缩方式。请用“zip（存储或标准压缩）”"
                              "重新压缩后上传，或直接选择多个工作簿。") from None
        except RuntimeError:  # an encrypted entry
            raise ShuzhiError(f"压缩包“{archive.name}”设有密码，无法解压。请去掉密码后重新压缩上传。") from None
        archive.unlink()
        return written

    def _extract(self, zf: zipfile.ZipFile, entry: zipfile.ZipInfo, role: str) -> Path:
        target = free_name(self.role_folder(role) / safe_relative(_entry_name(entry)), keep_existing=True)
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(entry) as source, target.open("xb") as out:
            left = entry.file_size + 1  # the header's size is the archive's claim: read at most one byte beyond
            while chunk := source.read(min(CHUNK, left)):
                out.write(chunk)
                left -= len(chunk)
                if left <= 0:
                    raise zipfile.BadZipFile
        return target


def _entry_name(entry: zipfile.ZipInfo) -> str:
    """Return the entry's name; archives made on Chinese Windows store GBK names without saying so."""
    if entry.flag_bits & 0x800:  # the name is declared UTF-8
        return entry.filename
    try:
        return entry.filename.encode("cp437").decode("gbk")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return entry.filename


def safe_name(name: str) -> str:
    """Return one path component made safe to create on Windows and Linux (never empty, never a dot name), cut to
    MAX_NAME_BYTES with its suffix kept."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    if len(cleaned.encode()) > MAX_NAME_BYTES:
        stem, dot, suffix = cleaned.rpartition(".")
        if not dot or len(suffix) > 8:
            stem, dot, suffix = cleaned, "", ""
        kept = MAX_NAME_BYTES - len(f"{dot}{suffix}".encode())
        cleaned = stem.encode()[:kept].decode("utf-8", "ignore").rstrip(" .") + dot + suffix  # whole characters
    return cleaned or "文件"


def safe_relative(name: str) -> Path:
    """Return *name* ("a/b.xlsx", "a\\b.xlsx") as a relative path of safe components: no root, no "..", at most
    MAX_DEPTH deep (deeper folders are flattened into the last)."""
    parts = [safe_name(p) for p in re.split(r"[\\/]+", name) if p.strip(" .")]
    parts = parts or ["文件"]
    if len(parts) > MAX_DEPTH:
        parts = parts[:MAX_DEPTH - 1] + [safe_name("_".join(parts[MAX_DEPTH - 1:]))]
    return Path(*parts)
