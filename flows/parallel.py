"""CPU-bound work over many items in worker processes, results in input order, a bounded number in flight.

Extraction is pure Python (the GIL rules out threads), so `reextract` and `import-warc` hand chunks of
releases to a process pool while the one writer (this process) stores finished chunks. One worker runs
inline: no pool is started.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

In = TypeVar("In")
Out = TypeVar("Out")

# Modules the fork server imports once, so that each worker starts without re-importing the extractors.
PRELOAD = ["extractors.extract", "flows.rows"]


def default_workers() -> int:
    """The cores this process may run on."""
    return max(1, len(os.sched_getaffinity(0)))


def ordered_map(
    fn: Callable[[In], Out], items: Iterable[In], workers: int, *, ahead: int = 2
) -> Iterator[Out]:
    """Yield fn(item) for each item in order, computed by `workers` processes, `ahead` per worker in flight.

    `fn` must be a module-level function; items are read lazily, so a generator over the warehouse is only
    as far ahead as the pool.
    """
    if workers <= 1:
        yield from map(fn, items)
        return
    # forkserver: children fork from a clean server, not from a parent that may run Prefect's threads.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(PRELOAD)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=context)
    pending: deque[Future[Out]] = deque()
    try:
        for item in items:
            pending.append(pool.submit(fn, item))
            if len(pending) >= workers * ahead:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
