"""Work spread over the machine's cores: forked worker processes that inherit their context.

A stage calls `run(func, context, items)`; each item becomes `func(context, item)`, in the
current process when there is little work, one core or when called from a thread other
than the main one (serve's rebuilds), otherwise shared between this
process and forked workers (one fewer than the cores: this process works too, so one
process fewer holds a copy of what it touches of the site). Fork means the context (the
site model, the page list) is shared, not pickled.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from typing import Any

# Below this many items, starting processes costs more than it saves.
MIN_ITEMS_PER_WORKER = 200

# Set in worker processes only, by _start: the function and context of their pool.
_worker_func: Callable[[Any, Any], Any] | None = None
_worker_context: Any = None


def available_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def run(func: Callable[[Any, Any], Any], context: Any, items: Sequence[Any], workers: int,
        chunksize: int = 64) -> Iterator[Any]:
    """func(context, item) for each item, in no particular order (each result says which
    item it is for)."""
    workers = min(workers, len(items) // MIN_ITEMS_PER_WORKER)
    # Forking a process with other threads running (serve's server and watcher) can copy a
    # lock some thread holds into a child that never releases it: only the main thread forks.
    if (workers <= 1 or "fork" not in multiprocessing.get_all_start_methods()
            or threading.current_thread() is not threading.main_thread()):
        for item in items:
            yield func(context, item)
        return
    # Objects the workers inherit stay where they are: the collector must not touch them
    # (a touched page of memory is copied into every worker).
    gc.freeze()
    forked = workers - 1
    # Every workers-th item is this process's, the rest the workers': neighbours cost about
    # the same (pages come grouped by kind), so the shares do too.
    theirs = [item for index, item in enumerate(items) if index % workers]
    try:
        with multiprocessing.get_context("fork").Pool(forked, initializer=_start, initargs=(func, context)) as pool:
            results = pool.imap_unordered(_call, theirs, max(chunksize, len(theirs) // (forked * 16)))
            for item in items[::workers]:  # while the workers do theirs
                yield func(context, item)
            yield from results
    finally:
        gc.unfreeze()


def _start(func: Callable[[Any, Any], Any], context: Any) -> None:
    global _worker_func, _worker_context
    _worker_func, _worker_context = func, context


def _call(item: Any) -> Any:
    assert _worker_func is not None
    return _worker_func(_worker_context, item)
