"""One background thread that runs the journal's work in order, so the caller only enqueues.

The screens must never wait for the disk: a write waits for fsync (synchronous=FULL), for another
program's lock, or (in a hostile file) for a trigger. Jobs run one at a time in the order given;
a job that raises is dropped (the journal has already said why in `problem`). Plain threading, no
Textual: the thread is a daemon, so a job stuck past `stop()`'s wait never keeps the process up.
"""

from __future__ import annotations

import queue
import threading
import time
import weakref
from collections.abc import Callable


def _STOP() -> None:
    """A sentinel job: the thread stops when it takes this one (it is never run)."""


class Writer:
    _live: weakref.WeakSet[Writer] = weakref.WeakSet()

    def __init__(self, name: str = "coach-journal") -> None:
        self._jobs: queue.Queue[Callable[[], object]] = queue.Queue()
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()
        Writer._live.add(self)

    @classmethod
    def flush_all(cls, timeout: float) -> bool:
        """Wait for every writer in this process (a check that reads the file from outside,
        as another process would, sees what the screens have given so far)."""
        return all([writer.flush(timeout) for writer in list(cls._live)])

    @property
    def ident(self) -> int | None:
        return self._thread.ident

    def submit(self, job: Callable[[], object]) -> None:
        self._jobs.put(job)

    def pending(self) -> int:
        """Jobs given and not yet finished (the one running included)."""
        return self._jobs.unfinished_tasks

    def flush(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for every job given so far; whether they all ran."""
        deadline = time.monotonic() + timeout
        done = self._jobs.all_tasks_done
        with done:
            while self._jobs.unfinished_tasks:
                left = deadline - time.monotonic()
                if left <= 0:
                    return False
                done.wait(left)
        return True

    def stop(self, timeout: float) -> bool:
        """Run what is queued (waiting up to `timeout`), then end the thread; whether it ended."""
        self._jobs.put(_STOP)
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _run(self) -> None:
        while True:
            job = self._jobs.get()
            try:
                if job is _STOP:
                    return
                job()
            except Exception:  # noqa: BLE001, S110 - the journal reports its own trouble
                pass
            finally:
                self._jobs.task_done()
