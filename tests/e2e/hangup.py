"""Close a program's terminal under it while it repaints, then see whether it ends (issue 26).

The Terminal harness keeps a thread blocked reading the pty's master side; on Linux closing an fd
another thread is reading from does not close the file until that read returns, so the terminal
would never really go away. Here the master is read from this thread only, and closing it hangs
up the terminal at once: the kernel sends SIGHUP (and SIGCONT) to the program, which leads its
own session (ptyprocess calls setsid), and its writes then fail with EIO.
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ptyprocess import PtyProcess

from .terminal import _child_env

END_WAIT = 5.0  # how long a program may take to notice the terminal has gone
TERM_WAIT = 2.0  # and to end after a SIGTERM
# Written by Textual's driver once it is in application mode (the sync-mode query): from then
# on the app paints, and the resizes below make it paint again.
APP_MODE = b"\x1b[?2026$p"
SIZES = ((100, 30), (72, 20), (120, 36), (90, 28))


@dataclass
class Outcome:
    pid: int
    alive_after_hangup: bool  # still running END_WAIT seconds after the terminal went away
    alive_after_term: bool  # and TERM_WAIT seconds after a SIGTERM too (then killed)
    started: bool  # the app reached application mode before the terminal was closed
    status: int | None  # exit status, minus the signal that ended it, None if it had to be killed


def _drain(fd: int, seconds: float, until: bytes | None = None) -> bytes:
    """Read what the program writes for up to ``seconds`` (or until ``until`` shows up)."""
    seen = b""
    deadline = time.monotonic() + seconds
    while (left := deadline - time.monotonic()) > 0:
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        seen += chunk
        if until is not None and until in seen:
            break
    return seen


def _wait_gone(proc: PtyProcess, seconds: float) -> bool:
    """True if the process ended (and was reaped) within ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        if not proc.isalive():
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.02)


def _status(proc: PtyProcess) -> int | None:
    if proc.exitstatus is not None:
        return int(proc.exitstatus)
    if proc.signalstatus is not None:
        return -int(proc.signalstatus)
    return None


def close_mid_repaint(
    argv: Sequence[str],
    env: Mapping[str, str] | None = None,
    *,
    resizes: int = 3,
    rng: random.Random | None = None,
    start_timeout: float = 30.0,
    before_kill=None,  # type: ignore[no-untyped-def]  # called with the pid of a survivor
) -> Outcome:
    """Start ``argv`` in a pty, make it repaint with a few resizes, close the pty mid-repaint,
    wait END_WAIT s, SIGTERM, wait TERM_WAIT s; kill what is still left."""
    rng = rng or random.Random()
    proc = PtyProcess.spawn(list(argv), env=_child_env(env), dimensions=(30, 100))
    fd = proc.fd
    started = APP_MODE in _drain(fd, start_timeout, until=APP_MODE)
    _drain(fd, rng.uniform(0.05, 0.4))  # somewhere in the first frames
    for _ in range(resizes):
        cols, rows = rng.choice(SIZES)
        proc.setwinsize(rows, cols)  # TIOCSWINSZ: the kernel sends SIGWINCH
        _drain(fd, rng.uniform(0.0, 0.03))
    # Stop reading a moment before closing, so the program may also be blocked in a write.
    time.sleep(rng.uniform(0.0, 0.02))
    proc.fileobj.close()  # the only holder of the master side: the terminal is gone
    alive_after_hangup = not _wait_gone(proc, END_WAIT)
    alive_after_term = False
    if alive_after_hangup:
        try:
            os.kill(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        alive_after_term = not _wait_gone(proc, TERM_WAIT)
    if alive_after_term:
        if before_kill is not None:
            before_kill(proc.pid)
        _kill_group(proc.pid)
        _wait_gone(proc, 5.0)
    _kill_group(proc.pid)  # anything it started is in its group
    return Outcome(proc.pid, alive_after_hangup, alive_after_term, started, _status(proc))


def _kill_group(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
