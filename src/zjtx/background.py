"""Run one slow step in a second process while the caller goes on (machines here have two cores), or share a
list of steps between the two (`Claims`).

The process is forked: it starts at once and shares the caller's memory until either writes to it. CPython
writes to every object it touches (reference counts), so a caller that holds a million rows and reads them
all while the child runs copies its memory page by page: the validator's cells check ran four times slower
beside a frictionless forked after the tables were read. Start the step before reading what it does not
need (validate.py starts frictionless before reading the package), and cancel it if it turns out unneeded.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


class Pending(Generic[T]):
    """A step started by `start`: call it to wait for its result (it raises what the step raised)."""

    def __init__(self, fn: Callable[..., T], args: tuple) -> None:
        self._result: tuple[bool, object] | None = None
        self._process = None
        if (os.cpu_count() or 1) < 2 or "fork" not in multiprocessing.get_all_start_methods():
            self._result = run(fn, args)  # one core: here, at once
            return
        context = multiprocessing.get_context("fork")
        self._receive, send = context.Pipe(duplex=False)
        self._process = context.Process(target=child, args=(send, fn, args), daemon=True)
        self._process.start()
        send.close()

    def __call__(self) -> T:
        if self._result is None:
            try:
                self._result = self._receive.recv()
            except EOFError:  # the process died without a word (killed, out of memory)
                self._result = (False, RuntimeError(f"the background step ended with code {self._process.exitcode}"))
            finally:
                self._process.join()
                self._receive.close()
        ok, value = self._result
        if not ok:
            raise value  # type: ignore[misc]
        return value  # type: ignore[return-value]

    def cancel(self) -> None:
        """Stop the step if it still runs; its result is not wanted."""
        if self._process is not None and self._result is None:
            self._process.terminate()
            self._process.join()
            self._receive.close()
            self._result = (False, RuntimeError("cancelled"))


def run(fn: Callable[..., T], args: tuple) -> tuple[bool, object]:
    try:
        return True, fn(*args)
    except Exception as exc:  # handed to the caller, who raises it
        return False, exc


def child(send, fn: Callable[..., T], args: tuple) -> None:
    outcome = run(fn, args)
    try:
        send.send(outcome)
    except Exception as exc:  # a result or an exception that cannot be pickled
        send.send((False, RuntimeError(f"the background step's outcome could not be sent back: {exc!r}")))
    finally:
        send.close()


class Claims:
    """Hands out 0, 1, 2 … once each across processes: made before `start`, shared with the forked process,
    so that two processes can take the steps of one list in turn, each the next one nobody has taken."""

    def __init__(self) -> None:
        self._next = multiprocessing.Value("i", 0)

    def __call__(self) -> int:
        with self._next.get_lock():
            taken = self._next.value
            self._next.value = taken + 1
        return taken


def start(fn: Callable[..., T], *args: object) -> Pending[T]:
    """Start fn(*args) in a forked process (with one core, or where fork is unavailable, run it here, at once)."""
    return Pending(fn, args)
