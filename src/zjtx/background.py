"""Run one slow step in a second process while the caller goes on (machines here have two cores)."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")


def start(fn: Callable[..., T], *args: object) -> Callable[[], T]:
    """Start fn(*args) in a forked process and return a function that waits for its result (and raises
    what it raised). With one core, or where fork is unavailable, fn runs here, at once."""
    if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
        result = fn(*args)
        return lambda: result
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    future = pool.submit(fn, *args)

    def wait() -> T:
        try:
            return future.result()
        finally:
            pool.shutdown()

    return wait
