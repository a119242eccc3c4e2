"""Consolidation past one machine: the connection to a Dask distributed cluster that the per-file step is mapped
over (mapping.py).

Optional (``pip install "shuzhi_xl[cluster]"``): only ``--scheduler`` imports it. The workers must have this
package installed at the same version and must see the folder at the same path (shared storage). Results
come back in file order, so the summary is byte-for-byte that of a local run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from ..errors import ShuzhiError

#: Seconds to wait for the scheduler to answer before saying it cannot be reached.
CONNECT_TIMEOUT = 10
#: Tasks under way per worker thread: enough to keep each busy while the parent takes results in order.
TASKS_PER_THREAD = 4


@contextmanager
def connected(address: str) -> Iterator[tuple[Callable, int]]:
    """Yield, while connected to the Dask cluster whose scheduler is at *address*, ``submit(fn, batch)`` returning
    a future of ``fn(batch)`` computed on the cluster, and how many tasks to keep under way (the window)."""
    try:
        from distributed import Client
    except ImportError:
        raise ShuzhiError('使用 --scheduler 需要先安装集群组件：pip install "shuzhi_xl[cluster]"。') from None
    try:
        client = Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError, ValueError) as exc:
        raise ShuzhiError(f"无法连接 Dask 调度器“{address}”（{exc}）。请确认地址和端口（如 tcp://192.168.1.10:8786），"
                          "以及调度器和工作进程已经启动。") from None
    with client:
        threads = max(1, sum(client.nthreads().values()))

        def submit(fn: Callable, batch: list[str]):
            return client.submit(fn, batch, pure=False)

        yield submit, TASKS_PER_THREAD * threads
