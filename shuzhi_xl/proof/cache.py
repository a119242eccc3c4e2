"""A per-user cache of what is built from the word lists (word sets, readings, the near-miss index), so that each
`shuzhi check` process loads them in a few milliseconds instead of building them again (about 0.2 s).

Entries are marshal files named after what they hold and a digest of the Python version, the lists' sizes and
dates and the committee's additions; any error reading or writing one just means building afresh.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import tempfile
from collections.abc import Callable
from importlib.resources import files
from pathlib import Path

#: Raise when the shape of a cached value changes.
VERSION = 2


def folder() -> Path:
    """Return the user's cache folder for the program (LOCALAPPDATA on Windows, else XDG_CACHE_HOME or ~/.cache)."""
    base = os.environ.get("LOCALAPPDATA") if sys.platform == "win32" else os.environ.get("XDG_CACHE_HOME")
    return Path(base or Path.home() / ".cache") / "shuzhi_xl"


def _stamp() -> tuple:
    data = files(__package__) / "data"
    return tuple(sorted((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in Path(str(data)).iterdir()))


def cached(name: str, key: object, build: Callable[[], object]) -> object:
    """Return the value *build* makes for *name* and *key*, from the cache when it holds one."""
    try:
        digest = hashlib.sha1(repr((VERSION, sys.version_info[:2], _stamp(), key)).encode()).hexdigest()[:16]
        path = folder() / f"{name}-{digest}.marshal"
    except (OSError, RuntimeError):  # no home folder, unreadable package: build without a cache
        return build()
    try:
        return marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    _store(path, name, value)
    return value


def _store(path: Path, name: str, value: object) -> None:
    """Write *value* to *path* atomically and drop the entries of *name* for lists since replaced."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, prefix=f".{name}-", delete=False) as tmp:
            tmp.write(marshal.dumps(value))
        os.replace(tmp.name, path)
        for old in path.parent.glob(f"{name}-*.marshal"):
            if old != path:
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        pass
