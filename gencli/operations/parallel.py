"""Run one job per report across worker processes, results in input order.

Building is CPU-bound Python, so threads would take turns on one core; processes use them all.
Workers are forked where the platform allows it, so they start with gencli already imported.
Results come back in the order of the inputs (whatever order the workers finish in), so the
output of a run is the same from one run to the next. Jobs must not raise: a job returns its
failure as a result, so that one report never stops the others.

`-j 1`, or a single job, runs in this process: no start-up cost, and a debugger sees it all.
Workers watch their parent and exit when it dies (see `_watch_parent`).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from typing import Any, TypeVar

Task = TypeVar("Task")
Result = TypeVar("Result")


def default_jobs() -> int:
    """As many workers as cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def capped(jobs: int) -> int:
    """At most one worker per usable core: more only take turns and multiply the memory."""
    return max(1, min(jobs, default_jobs()))


def _watch_parent(parent: int) -> None:
    """In each worker: exit as soon as the parent is gone (killed, or its terminal closed),
    instead of lingering as an orphan, blocked on a queue no one will ever fill or busy with
    a report no one will read. A daemon thread polls the parent pid once a second."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(1)
        os._exit(1)

    threading.Thread(target=watch, name="gencli-parent-watchdog", daemon=True).start()


def _context() -> Any:
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else None)


def ordered_map(
    job: Callable[[Task], Result], tasks: Sequence[Task], jobs: int
) -> Iterator[Result]:
    """`job(task)` for every task, yielded in the tasks' order as soon as each is known."""
    workers = min(jobs, len(tasks))
    if workers <= 1:
        for task in tasks:
            yield job(task)
        return
    # Small chunks keep results flowing in order; a few per worker amortise the hand-over.
    chunk = max(1, min(16, len(tasks) // (workers * 8)))
    from concurrent.futures import ProcessPoolExecutor  # only a batch pays for importing it

    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=_context(),
        initializer=_watch_parent,
        initargs=(os.getpid(),),
    ) as pool:
        yield from pool.map(job, tasks, chunksize=chunk)
