"""The page's last guard: every failure becomes the Chinese message the command line would print."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import ShuzhiError

#: What a folder of the server's private temporary folder is called in a message: the user never saw its path.
UPLOADED = "上传的文件"


def message(exc: BaseException, private: Path) -> str:
    """Return what the user reads for *exc*: a ShuzhiError's own text; anything else is logged with its
    traceback (call from inside the ``except``) and named as an internal error, as ``shuzhi`` does. Paths inside
    *private* (the server's temporary folder) are shown as the names the user gave the files."""
    if isinstance(exc, ShuzhiError):
        return without_private_paths(str(exc), private)
    from ..crashlog import log_exception

    return f"程序内部错误，请把日志文件 {log_exception()} 发给技术支持人员。"


def without_private_paths(text: str, private: Path) -> str:
    """Return *text* with each path of a job's folder (``<private>/<job>/in/<role>`` or ``…/out``) dropped from
    the files in it, and the folder itself called UPLOADED."""
    folder = re.escape(str(private)) + r"[\\/][\w-]+[\\/](?:in[\\/]\w+|out)"
    return re.sub(folder, UPLOADED, re.sub(folder + r"[\\/]", "", text))


@contextmanager
def recorded(job) -> Iterator[None]:
    """Run a background job's work; on failure, mark the job failed with the message instead of raising."""
    try:
        yield
    except Exception as exc:  # a background thread has no one to raise to
        job.error, job.state = message(exc, job.folder.parent), "failed"
