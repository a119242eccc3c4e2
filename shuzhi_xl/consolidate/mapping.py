"""The per-file step of a consolidation mapped over a folder's files: in this process, in a pool of worker
processes, or on a Dask cluster (cluster.py), the results always handed back in the files' order.
"""

from __future__ import annotations

import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from .collect import Unreadable

#: The signals that stop a run (Ctrl+C, SIGTERM); the command line turns them into exceptions.
STOP_SIGNALS = frozenset({signal.SIGINT, signal.SIGTERM})


def results(step: Callable[[list[str]], list], files: Sequence[str], jobs: int | None,
            scheduler: str | None) -> Iterator:
    """Yield *step*'s result for each of *files*, in their order: here for one job, in a process pool for several,
    on the Dask cluster at *scheduler* when given. A few files make one task; only a few tasks are under way at once,
    so results waiting to be taken never pile up."""
    workers = 1 if scheduler else max(1, min(jobs or os.cpu_count() or 1, len(files) or 1))
    size = max(1, min(32, len(files) // (workers * 8)))
    batches = _Batches(files, size)
    if scheduler:
        batch_results = _cluster_results(scheduler, step, batches)
    elif workers == 1:
        batch_results = map(step, batches)
    else:
        batch_results = _pool_results(step, batches, workers)
    for batch in batch_results:
        yield from batch


def _cluster_results(address: str, step: Callable, batches: Sequence[list[str]]) -> Iterator[list]:
    """Yield *step*'s result for each batch, in order, computed on the Dask cluster whose scheduler is at
    *address*."""
    from .cluster import connected  # the optional [cluster] extra

    with connected(address) as (submit, window):
        yield from in_order(submit, step, batches, window)


class _Batches(Sequence):
    """*files* in lists of *size*, each made when it is taken: a list of them all would hold every name at once."""

    def __init__(self, files: Sequence[str], size: int):
        self._files, self._size = files, size

    def __len__(self) -> int:
        return -(-len(self._files) // self._size)

    def __getitem__(self, n: int) -> list[str]:
        start = range(0, len(self._files), self._size)[n]  # IndexError past the last batch ends an iteration
        return self._files[start:start + self._size]


def _pool_results(step: Callable, batches: Sequence[list[str]], jobs: int) -> Iterator[list]:
    """Yield *step*'s result for each batch from *jobs* worker processes. When the run stops early (Ctrl+C,
    SIGTERM, an error, the consumer closing this generator) the workers are killed at once: leaving the pool
    normally would first finish every task already submitted.

    A worker that dies (a crash inside a compiled reader ends the process, not just the file) breaks the pool: the
    batches not yet taken are then read one file at a time, each in a process of its own, so that only a file that
    kills its process is lost, and it is listed as unreadable."""
    pool = ProcessPoolExecutor(jobs, initializer=_ignore_interrupts)
    taken = 0
    try:
        for results in in_order(_held(pool.submit), step, batches, window=4 * jobs):
            taken += 1
            yield results
    except BrokenProcessPool:
        _kill(pool)
        for n in range(taken, len(batches)):
            yield [_alone(step, file) for file in batches[n]]
        return
    except BaseException:
        _kill(pool)
        raise
    pool.shutdown()


def _alone(step: Callable, file: str):
    """Return *step*'s result for the one *file*, read in a process of its own; Unreadable if it dies."""
    pool = ProcessPoolExecutor(1, initializer=_ignore_interrupts)
    try:
        return _held(pool.submit)(step, [file]).result()[0]
    except BrokenProcessPool:
        return Unreadable(file, "读取本文件时程序异常退出（文件内容异常），未能汇总。请用 Excel 或 WPS 打开后另存为 .xlsx "
                                "再试；仍不行时请把该文件发给技术支持人员。")
    finally:
        _kill(pool)


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop *pool* at once: cancel what is queued and kill its workers."""
    workers = list((pool._processes or {}).values())  # the executor has no public way to kill them (< 3.14)
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.kill()
        worker.join()


def _held(submit: Callable) -> Callable:
    """Return *submit* run with Ctrl+C and SIGTERM held back. Submitting may start a worker (a fork), and a
    signal whose handler ran inside one of Python's at-fork callbacks would only be reported there, not raised,
    and the run would go on; held, it is delivered as soon as *submit* returns."""
    if not hasattr(signal, "pthread_sigmask"):  # Windows: no fork, no at-fork callbacks
        return submit

    def held(*args):
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            return submit(*args)
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)

    return held


def _ignore_interrupts() -> None:
    """Let Ctrl+C, which the terminal sends to every process of the group, reach only the main process: it stops
    the workers itself, and a worker interrupted mid-file would be reported as a broken pool. The worker was
    forked with the stop signals held (_held): SIGTERM must reach it again."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)


def in_order(submit: Callable, step: Callable, items: Iterable, window: int) -> Iterator:
    """Yield ``step(item)`` for each of *items* in order, computed by the futures ``submit(step, item)`` returns,
    with at most *window* of them under way."""
    pending = deque()
    for item in items:
        pending.append(submit(step, item))
        if len(pending) >= window:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()
