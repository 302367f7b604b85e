"""A Linux driver whose input thread sleeps until there is something to read.

Textual's LinuxDriver reads keys in a thread that wakes ten times a second (`select(0.1)`) to
look at its exit flag and at the escape key's timeout. On an idle countdown those wakeups cost
about 0.4% of a core, a quarter of all the app then costs (issue 13). Here the thread blocks
until a key arrives, until the parser's escape delay runs out (so a lone Escape still arrives
after Textual's ESCDELAY), or until the driver stops it: stopping sets an event that also writes
a byte to a pipe the thread waits on.

run_input_thread is Textual 8.2.8's (textual is pinned exactly in pyproject) with only the
timeout and the pipe changed: the same decoder, parser, ticks, final look and process_message.

The terminal can also go away under the app (issue 26). Textual's SIGCONT handler restarts
application mode even when nothing was suspended, and the kernel sends SIGCONT with the SIGHUP
of a hangup: a second writer thread, whose first write fails, filled its queue and the app waited
on it for ever. Here SIGTSTP and SIGCONT only note the signal and wake the loop, SIGCONT resumes
only after our own suspend, and frames go through coach/ui/terminal/writer.py, which drops what
a gone terminal cannot take and stops within a bound. (tests/unit/test_terminal_gone.py checks
the Textual internals this relies on.)
"""

from __future__ import annotations

import os
import selectors
import signal
import threading
from codecs import getincrementaldecoder
from collections.abc import Callable
from typing import Any

from textual._loop import loop_last
from textual._parser import ParseError
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.drivers.linux_driver import LinuxDriver

from coach.ui.terminal.writer import TerminalWriter

THREAD_NAME = "textual-input"  # the name Textual gives the thread; /proc shows 15 characters
FINAL_WAIT = 0.1  # Textual's last look before the thread ends, kept as it was
POLL = 0.1  # Textual's wakeup: only if its parser ever loses the attribute read below


class WakePipe:
    """A self-pipe: wake() makes the read end readable, drain() empties it again.

    Opened when an input thread starts and closed with the driver; a suspend (Ctrl+Z) closes
    the driver and the next start opens a new one."""

    def __init__(self) -> None:
        self.read_fd: int | None = None
        self.write_fd: int | None = None

    def open(self) -> int:
        if self.read_fd is None:
            read_fd, write_fd = os.pipe()
            os.set_blocking(read_fd, False)
            os.set_blocking(write_fd, False)
            self.read_fd, self.write_fd = read_fd, write_fd
        return self.read_fd

    def wake(self) -> None:
        fd = self.write_fd
        if fd is None:
            return  # no thread has opened it: none is waiting on it either
        try:
            os.write(fd, b"\0")
        except OSError:
            pass  # full (the thread will wake anyway) or closed (nobody waits)

    def drain(self) -> None:
        fd = self.read_fd
        if fd is None:
            return
        try:
            while os.read(fd, 512):
                pass
        except OSError:
            pass  # BlockingIOError: empty

    def close(self) -> None:
        fds = (self.read_fd, self.write_fd)
        self.read_fd = self.write_fd = None
        for fd in fds:
            if fd is not None:
                try:
                    os.close(fd)
                except OSError:
                    pass


class WakingEvent(threading.Event):
    """The driver's exit_event: set() also wakes the input thread out of its select()."""

    def __init__(self, wake: Callable[[], None]) -> None:
        super().__init__()
        self._wake = wake

    def set(self) -> None:
        super().set()
        self._wake()


def select_timeout(parser: XTermParser) -> float | None:
    """How long the input thread may sleep: until the parser's pending timeout (a lone Escape
    waiting to be told from the start of a sequence), or for ever when none is pending."""
    try:
        due = parser._timeout_time
    except AttributeError:
        return POLL
    if due is None:
        return None
    return max(0.0, due - get_time())


def name_this_thread(name: str) -> None:
    """Show the thread's name in /proc (top -H, ps -L): Python sets it only from 3.14."""
    try:
        with open(f"/proc/self/task/{threading.get_native_id()}/comm", "w") as comm:
            comm.write(name[:15])
    except OSError:
        pass  # not Linux, or /proc not mounted: only a name


class QuietInputDriver(LinuxDriver):
    _writer: TerminalWriter | None = None

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._wake_pipe = WakePipe()
        self.exit_event = WakingEvent(self._wake_pipe.wake)

    # LinuxDriver.start_application_mode makes `WriterThread(self._file)`, stores it here and
    # starts it; close() stops it. Ours takes its place (Textual's is made but never started).
    @property  # type: ignore[override]  # Textual's attribute, ours a property on purpose
    def _writer_thread(self) -> TerminalWriter | None:
        return self._writer

    @_writer_thread.setter
    def _writer_thread(self, made: object) -> None:
        # Textual types _file as a TextIO; it is the terminal's file, which ours writes to by fd
        self._writer = None if made is None else TerminalWriter(self._file)  # type: ignore[arg-type]  # see above

    def close(self) -> None:
        super().close()  # stops the writer: at most writer.STOP_WAIT
        self._wake_pipe.close()  # disable_input has joined the input thread before this

    def abandon_output(self) -> None:
        """A signal is ending the app: a write waiting for room drops its text instead. Safe in
        a signal handler: it only sets a flag."""
        writer = self._writer
        if writer is not None:
            writer.abandon()

    # -- job control: the handlers note the signal, the loop does the work -----------------

    def _sigtstp_application(self, *_: object) -> None:
        if self._writer is None or not self._auto_restart:  # nothing to put away first
            os.kill(os.getpid(), signal.SIGSTOP)
            return
        self._soon(self._suspend_now)

    def _sigcont_application(self, *_: object) -> None:
        # Only a continue after our own stop resumes; the kernel also sends SIGCONT to a
        # session leader whose terminal hangs up, and then there is nothing to resume.
        if self._must_signal_resume:
            self._soon(self._resume_now)

    def _suspend_now(self) -> None:
        LinuxDriver._sigtstp_application(self)  # suspend, then SIGSTOP ourselves

    def _resume_now(self) -> None:
        if self._must_signal_resume:  # start_application_mode clears it
            LinuxDriver._sigcont_application(self)

    def _soon(self, job: Callable[[], None]) -> None:
        """Run job on the app's loop (Driver._loop, the loop the driver was made on)."""
        try:
            self._loop.call_soon_threadsafe(job)
        except RuntimeError:
            pass  # the loop has closed: the app is ending

    def run_input_thread(self) -> None:
        """Wait for input and dispatch events (Textual's loop, blocking while idle)."""
        name_this_thread(THREAD_NAME)
        pipe = self._wake_pipe
        wake_fd = pipe.open()
        pipe.drain()  # a wake from before this thread started (exit_event is checked below)
        selector = selectors.SelectSelector()
        selector.register(self.fileno, selectors.EVENT_READ)
        selector.register(wake_fd, selectors.EVENT_READ)

        fileno = self.fileno
        EVENT_READ = selectors.EVENT_READ

        parser = XTermParser(self._debug)
        feed = parser.feed
        tick = parser.tick

        decode = getincrementaldecoder("utf-8")().decode
        read = os.read

        def process_selector_events(
            selector_events: list[tuple[selectors.SelectorKey, int]],
            final: bool = False,
        ) -> None:
            for last, (selector_key, mask) in loop_last(selector_events):
                if selector_key.fd == wake_fd:
                    pipe.drain()
                    continue
                if mask & EVENT_READ:
                    unicode_data = decode(read(fileno, 1024 * 4), final=final and last)
                    if not unicode_data:
                        # This can occur if the stdin is piped
                        break
                    for event in feed(unicode_data):
                        self.process_message(event)
            for event in tick():
                self.process_message(event)

        try:
            while not self.exit_event.is_set():
                process_selector_events(selector.select(select_timeout(parser)))
            selector.unregister(self.fileno)
            selector.unregister(wake_fd)
            process_selector_events(selector.select(FINAL_WAIT), final=True)
        finally:
            selector.close()
            try:
                for _event in feed(""):
                    pass
            except (EOFError, ParseError):
                pass
