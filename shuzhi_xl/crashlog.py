"""The log of unexpected failures, shared by the three doors (command line, Excel ribbon, web page): the user is
told where it is, a technician reads the traceback in it."""

from __future__ import annotations

import functools
import os
from pathlib import Path

from . import __version__


@functools.cache
def log_path() -> Path:
    """Return the log file: one per user where the temporary folder is shared (/tmp), as another user's log could
    not be appended to. Found on first use: tempfile costs every command ~3 ms to import."""
    import tempfile

    name = f"shuzhi_xl-{os.getuid()}.log" if hasattr(os, "getuid") else "shuzhi_xl.log"
    return Path(tempfile.gettempdir()) / name


def log_exception() -> Path:
    """Append the current exception's traceback to the log file and return the file's path (for the message that
    names it); never raises (it runs while handling an error)."""
    import datetime as dt
    import traceback

    path = log_path()
    try:
        with path.open("a", encoding="utf-8") as log:
            log.write(f"{dt.datetime.now():%Y-%m-%d %H:%M:%S} shuzhi_xl {__version__}\n{traceback.format_exc()}\n")
    except OSError:
        pass
    return path
