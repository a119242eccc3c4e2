"""The page's last guard: every failure becomes the Chinese message the command line would print."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from ..errors import ShuzhiError


def message(exc: BaseException) -> str:
    """Return what the user reads for *exc*: a ShuzhiError's own text; anything else is logged with its
    traceback (call from inside the ``except``) and named as an internal error, as ``shuzhi`` does."""
    if isinstance(exc, ShuzhiError):
        return str(exc)
    from ..cli import LOG_PATH, log_exception

    log_exception()
    return f"程序内部错误，请把日志文件 {LOG_PATH} 发给技术支持人员。"


@contextmanager
def recorded(job) -> Iterator[None]:
    """Run a background job's work; on failure, mark the job failed with the message instead of raising."""
    try:
        yield
    except Exception as exc:  # a background thread has no one to raise to
        job.error, job.state = message(exc), "failed"
