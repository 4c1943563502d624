"""Where per-document work runs: this process, local worker processes, or a Dask cluster.

Every engine maps a picklable module-level function over items and yields the results in input
order, so the table is the same whichever runs it. Dask is imported here only, and only when asked
for (``pip install 'litmine[dask]'``).
"""

from __future__ import annotations

import logging
import uuid
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from typing import Any, TypeVar

from litmine.errors import LitmineError

T = TypeVar("T")
ENGINES = ("local", "dask")
CONNECT_TIMEOUT = "10s"
IN_FLIGHT_PER_WORKER = 4   # tasks queued ahead per Dask worker thread: busy workers, bounded memory


def ordered_map(func: Callable[..., T], items: list[Any], *args: Any, engine: str = "local",
                jobs: int = 1, scheduler: str | None = None,
                before_fork: Callable[[], None] | None = None) -> Iterator[T]:
    """``func(item, *args)`` for each item, in input order, on the chosen engine.

    ``before_fork`` runs in this process just before local workers are forked (only when they are).
    """
    if engine == "dask":
        yield from dask_map(func, items, *args, jobs=jobs, scheduler=scheduler)
    elif engine != "local":
        raise LitmineError("--engine", f"unknown engine {engine!r}; use one of {', '.join(ENGINES)}")
    elif jobs <= 1 or len(items) <= 1:
        yield from (func(item, *args) for item in items)
    else:
        if before_fork is not None:
            before_fork()
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            yield from pool.map(func, items, *([a] * len(items) for a in args), chunksize=1)


def _distributed():  # type: ignore[no-untyped-def]
    """The ``distributed`` module, or a one-line error naming the extra to install."""
    try:
        import distributed
    except ImportError as exc:
        raise LitmineError("--engine dask", "Dask is not installed; pip install 'litmine[dask]'") from exc
    return distributed


@contextmanager
def dask_client(scheduler: str | None, jobs: int) -> Iterator[Any]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster on loopback with ``jobs`` workers."""
    distributed = _distributed()
    if scheduler is None:     # its HTTP endpoint gets a free loopback port, so two runs never clash
        cluster = distributed.LocalCluster(n_workers=max(jobs, 1), threads_per_worker=1, processes=True,
                                           host="127.0.0.1", dashboard_address=":0",
                                           silence_logs=logging.ERROR)
        try:
            with distributed.Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = distributed.Client(scheduler, timeout=CONNECT_TIMEOUT)
    except (OSError, TimeoutError, ValueError) as exc:
        raise LitmineError(scheduler, f"cannot reach the Dask scheduler ({type(exc).__name__}: {exc})") from exc
    with client:
        yield client


def dask_map(func: Callable[..., T], items: list[Any], *args: Any, jobs: int = 1,
             scheduler: str | None = None) -> Iterator[T]:
    """``func(item, *args)`` as one Dask task per item, results in input order.

    A window of tasks runs ahead of the one awaited, so results wait on the workers only briefly
    and memory stays flat however many items there are.
    """
    if not items:
        return
    with dask_client(scheduler, jobs) as client:
        window = IN_FLIGHT_PER_WORKER * max(sum(client.nthreads().values()), 1)
        pending: deque[Any] = deque()
        run = uuid.uuid4().hex[:12]    # keys unique per run: two runs on one cluster never share tasks
        todo = iter(enumerate(items))

        def submit(i: int, item: Any) -> None:
            pending.append(client.submit(func, item, *args, key=f"litmine-{run}-{i}", pure=False))

        for i, item in todo:
            submit(i, item)
            if len(pending) >= window:
                break
        while pending:
            yield _result(pending.popleft(), scheduler)
            nxt = next(todo, None)
            if nxt is not None:
                submit(*nxt)


def _result(future: Any, scheduler: str | None) -> Any:
    """A task's result; a worker that cannot run litmine is a one-line error."""
    try:
        return future.result()
    except (ModuleNotFoundError, ImportError) as exc:
        raise LitmineError(scheduler or "dask", f"a Dask worker cannot run litmine ({exc}); "
                           "install litmine on every worker") from exc
    except Exception as exc:  # KilledWorker, CancelledError, lost connection
        raise LitmineError(scheduler or "dask", f"Dask task failed ({type(exc).__name__}: {exc})") from exc
