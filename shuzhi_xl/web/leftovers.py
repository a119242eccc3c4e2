"""Private folders of servers that did not stop cleanly (killed, or their console window closed on Windows,
where Python gets no signal to clean up): each running server holds a lock in its folder, and the next
server to start removes the folders whose lock nobody holds."""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path
from typing import IO

PREFIX = "shuzhi-web-"
LOCK = ".running"
#: A folder without a lock file may belong to a server still starting; only an old one is abandoned.
UNLOCKED_GRACE = 3600


def hold(folder: Path) -> IO:
    """Take the lock of the server whose private folder is *folder*; keep the returned file open while it runs."""
    lock = (folder / LOCK).open("w")
    if sys.platform != "win32":  # Windows: an open file cannot be deleted, which is lock enough
        import fcntl

        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    return lock


def remove_abandoned(temp: Path) -> list[Path]:
    """Remove the private folders in *temp* that no running server holds; return them."""
    removed = []
    for folder in temp.glob(f"{PREFIX}*"):
        if folder.is_dir() and not folder.is_symlink() and _abandoned(folder):
            shutil.rmtree(folder, ignore_errors=True)
            removed.append(folder)
    return removed


def _abandoned(folder: Path) -> bool:
    lock = folder / LOCK
    try:
        if not lock.exists():
            return time.time() - folder.stat().st_mtime > UNLOCKED_GRACE
        if sys.platform == "win32":
            lock.unlink()  # fails while the server that made it has it open
            return True
        import fcntl

        with lock.open("a") as probe:
            fcntl.flock(probe, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fails while the server holds it
        return True
    except OSError:  # held, or not ours to touch (another user's folder in a shared /tmp)
        return False
