"""Writing output files safely: atomically, never over the input, and around files locked by Word/Excel."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

from .errors import ShuzhiError


def office_lock_names(path: Path) -> list[Path]:
    """Return the owner-file names Word/Excel/WPS create beside *path* while it is open."""
    stem = path.name
    candidates = {f"~${stem}", f"~${stem[1:]}", f"~${stem[2:]}", f".~lock.{stem}#"}
    return [path.with_name(name) for name in candidates]


def is_locked(path: Path) -> bool:
    """Return True when *path* looks open in an office program (an owner file stands beside it)."""
    return any(lock.exists() for lock in office_lock_names(path))


def free_name(path: Path) -> Path:
    """Return *path*, or the first ``name(2).ext``, ``name(3).ext`` … that is not locked by an office program."""
    candidate, n = path, 1
    while is_locked(candidate):
        n += 1
        candidate = path.with_name(f"{path.stem}({n}){path.suffix}")
    return candidate


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomically(target: Path, write: Callable[[Path], None], *, protect: Path | None = None) -> Path:
    """Call ``write(tmp)`` on a temporary file beside *target*, then move it into place.

    Returns the path written, which differs from *target* when *target* is locked (open in Word or
    Excel). *protect* is the input file, which is never overwritten.
    """
    target = Path(target)
    if protect is not None and target.resolve() == Path(protect).resolve():
        raise ShuzhiError(f"输出文件不能与输入文件相同：{target}。请另选输出文件名。")
    target.parent.mkdir(parents=True, exist_ok=True)
    target = free_name(target)
    fd, tmp_name = tempfile.mkstemp(prefix=".shuzhi-", suffix=target.suffix, dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        write(tmp)
        tmp.chmod(0o666 & ~_umask())  # mkstemp makes the file private; give it the permissions a new file gets
        try:
            os.replace(tmp, target)
        except PermissionError:  # Windows refuses to replace a file another program holds open
            target = free_name(target.with_name(f"{target.stem}(2){target.suffix}"))
            os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)
    return target
