"""Writing output files safely: atomically, never over the input, and around files locked by Word/Excel.

Two kinds of output: a workbook meant to be filled in is never put over an existing file
(``keep_existing``: it goes to ``名称(2).xlsx``), while a derived output (report, annotated copy,
summary) may replace an earlier one of its kind, but never the input it was made from (``protect``).
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable
from pathlib import Path

from .errors import ShuzhiError


def office_lock_names(path: Path) -> list[Path]:
    """Return the owner-file names Word/Excel/WPS create beside *path* while it is open."""
    name = path.name  # Word drops the first one or two characters of a long name; Excel and LibreOffice do not
    candidates = {f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"}
    return [path.with_name(candidate) for candidate in candidates]


def is_locked(path: Path) -> bool:
    """Return True when *path* looks open in an office program (an owner file stands beside it). An owner file whose
    name the system refuses (_exists) stands nowhere."""
    return any(_exists(lock) for lock in office_lock_names(path))


def _exists(path: Path) -> bool:
    """Return whether *path* exists; False for a name the system refuses (writing there fails, and says so)."""
    try:
        return path.exists()
    except OSError:  # pathlib answers only "no such file" itself; a name too long raises
        return False


def free_name(path: Path, *, keep_existing: bool = False) -> Path:
    """Return *path*, or the first ``name(2).ext``, ``name(3).ext`` … that is not locked by an office program
    (and, with *keep_existing*, that does not exist)."""
    candidate, n = path, 1
    while is_locked(candidate) or (keep_existing and _exists(candidate)):
        n += 1
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
    return candidate


def same_file(a: str | Path, b: str | Path | os.stat_result) -> bool:
    """Return True when *a* and *b* both exist and are one file (whatever the spelling, case or link); *b* may be
    given by its status, taken once for many *a* (on a network share each stat is a round trip)."""
    try:
        return os.path.samestat(os.stat(a), b if isinstance(b, os.stat_result) else os.stat(b))
    except OSError:
        return False


def require_suffix(path: Path, *suffixes: str, what: str) -> None:
    """Raise ShuzhiError unless *path* ends with one of *suffixes* (case ignored); *what* names the file."""
    if Path(path).suffix.lower() not in suffixes:
        raise ShuzhiError(f"{what}的文件名应以 {' 或 '.join(suffixes)} 结尾：{path}。请改正后再试。")


def ensure_writable(target: Path) -> None:
    """Raise ShuzhiError now when no file can be written beside *target*: before work whose result would be lost."""
    _temp_beside(Path(target)).unlink()


def _temp_beside(target: Path) -> Path:
    """Create an empty file of a new name in *target*'s folder (made if missing), with the permissions a new file
    gets there; raise ShuzhiError naming the folder. Named by process and attempt rather than by tempfile, whose
    import costs each report ~1 ms: O_EXCL makes the name this call's alone, whoever else writes beside it."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        for attempt in itertools.count():
            name = target.with_name(f".shuzhi-{os.getpid()}-{attempt}{target.suffix}")
            try:
                os.close(os.open(name, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666))
                return name
            except FileExistsError:
                continue
    except OSError as exc:
        raise ShuzhiError(f"无法在文件夹“{target.parent}”中写入文件（{exc.strerror}）。"
                          "请检查该文件夹是否有写入权限，或另选输出位置。") from None


def write_atomically(target: Path, write: Callable[[Path], None], *, protect: Path | None = None,
                     keep_existing: bool = False) -> Path:
    """Call ``write(tmp)`` on a temporary file beside *target*, then move it into place.

    Returns the path written, which differs from *target* when *target* is locked (open in Word or
    Excel) or, with *keep_existing*, already exists. *protect* is the input file, which is never overwritten.
    """
    target = Path(target)
    if protect is not None and same_file(target, protect):
        raise ShuzhiError(f"输出文件不能与输入文件相同：{target}。请另选输出文件名。")
    tmp = _temp_beside(target)
    try:
        target = free_name(target, keep_existing=keep_existing)
        write(tmp)
        target = _move(tmp, target, keep_existing)
    finally:
        tmp.unlink(missing_ok=True)
    return target


def _move(tmp: Path, target: Path, keep_existing: bool) -> Path:
    """Move *tmp* to *target*; return where it went (a new name when Windows holds *target* open)."""
    try:
        try:
            os.replace(tmp, target)
        except PermissionError:  # Windows refuses to replace a file another program holds open
            target = free_name(target.with_name(f"{target.stem}(2){target.suffix}"), keep_existing=keep_existing)
            os.replace(tmp, target)
    except OSError as exc:
        raise ShuzhiError(f"无法写入文件“{target}”（{exc.strerror}）。请检查文件是否被其他程序占用、"
                          "文件夹是否有写入权限，或另选输出位置。") from None
    return target
