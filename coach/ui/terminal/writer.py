"""The thread that writes the app's frames to the terminal, and never hangs on one that is gone.

Textual's WriterThread (textual/drivers/_writer_thread.py) ends with the first failed write (EIO
once the terminal has hung up) and leaves its bounded queue behind: the next 30 writes fill it,
and then the app's `write` or `stop` waits for room for ever (issue 26). This one has the same
interface (start, write, flush, stop, fileno, isatty) and:
- a failed write means the terminal is gone: that text and all later text are dropped;
- waiting for room gives up once `abandon()` was called (a signal asked the app to end);
- `stop` waits at most `timeout` for what is queued to go out.
It writes bytes with os.write on the file's descriptor: no Python-level buffer lock that a
blocked write could hold while the interpreter shuts down.
"""

from __future__ import annotations

import os
import select
import threading
from collections import deque
from typing import IO

THREAD_NAME = "textual-output"  # Textual's name for it, so tools show the same thread
MAX_QUEUED = 30  # Textual's MAX_QUEUED_WRITES: a slow terminal slows the app, not its memory
STOP_WAIT = 1.0  # the longest `stop` waits for queued text to reach the terminal
ROOM_SLICE = 0.1  # how often a write waiting for room looks whether it should give up


class TerminalWriter:
    def __init__(self, file: IO[str], limit: int = MAX_QUEUED) -> None:
        self._file = file
        self._fd = file.fileno()
        self._encoding = getattr(file, "encoding", None) or "utf-8"
        self._errors = getattr(file, "errors", None) or "replace"
        self._limit = limit
        self._pending: deque[str] = deque()
        self._lock = threading.Condition()
        self._stopping = False
        self._abandoned = False
        self.gone = False  # a write failed: the terminal has gone away
        self._thread = threading.Thread(target=self._run, name=THREAD_NAME, daemon=True)

    # -- what the driver calls (Textual's WriterThread interface) --------------------------

    def start(self) -> None:
        self._thread.start()

    def write(self, text: str) -> None:
        """Queue text; wait for room like Textual does, unless nobody will ever make room."""
        with self._lock:
            while len(self._pending) >= self._limit and not self._dropping():
                if not self._thread.is_alive():
                    return  # never started or already ended: nothing would take it
                self._lock.wait(ROOM_SLICE)
            if self._dropping():
                return
            self._pending.append(text)
            self._lock.notify_all()

    def flush(self) -> None:
        """Nothing to do: the thread writes as soon as it can."""

    def isatty(self) -> bool:
        return True

    def fileno(self) -> int:
        return self._fd

    def stop(self, timeout: float = STOP_WAIT) -> None:
        """Let what is queued go out, for at most `timeout` seconds, then end the thread."""
        with self._lock:
            self._stopping = True
            self._lock.notify_all()
        if self._thread.is_alive():
            self._thread.join(timeout)
        with self._lock:
            self.gone = self.gone or self._thread.is_alive()  # stuck in a write: forget it
            self._pending.clear()
            self._lock.notify_all()

    def abandon(self) -> None:
        """The app is ending on a signal: a write that waits for room drops its text instead.
        Only sets a flag (no lock), so a signal handler may call it whatever the thread holds."""
        self._abandoned = True

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    # -- the thread -------------------------------------------------------------------------

    def _dropping(self) -> bool:
        return self.gone or self._stopping or self._abandoned

    def _run(self) -> None:
        while True:
            with self._lock:
                while not self._pending and not self._stopping:
                    self._lock.wait()
                if not self._pending:
                    return  # stopping, and all written
                text = "".join(self._pending)
                self._pending.clear()
                self._lock.notify_all()  # room again
            if not self._write_all(text.encode(self._encoding, self._errors)):
                with self._lock:
                    self.gone = True
                    self._pending.clear()
                    self._lock.notify_all()
                return

    def _write_all(self, data: bytes) -> bool:
        """Write every byte; False as soon as the terminal refuses (EIO, EBADF...)."""
        view = memoryview(data)
        while view:
            try:
                view = view[os.write(self._fd, view) :]
            except BlockingIOError:
                if self._stopping and self._abandoned:
                    return False
                select.select([], [self._fd], [], ROOM_SLICE)
            except OSError:
                return False
        return True
