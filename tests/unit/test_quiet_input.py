"""The quiet input thread (ui/terminal/quiet_input.py) on a pipe instead of a terminal: keys and a
lone Escape still arrive, it sleeps while nothing comes, and stopping it wakes it at once, also
after a stop and start again (Ctrl+Z suspends the driver and resumes it with a new thread)."""

from __future__ import annotations

import os
import queue
import signal
import sys
import threading
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from textual import events
from textual._xterm_parser import XTermParser
from textual.constants import ESCAPE_DELAY
from textual.drivers.linux_driver import LinuxDriver

from coach.ui.app import CoachApp, terminal_driver
from coach.ui.terminal.driver import KeepEarlyPaintDriver
from coach.ui.terminal.quiet_input import QuietInputDriver, select_timeout

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the Linux/macOS driver")

LINUX = Path("/proc/self/task").is_dir()


class FakeStdin:
    def __init__(self, fd: int) -> None:
        self._fd = fd

    def fileno(self) -> int:
        return self._fd

    def isatty(self) -> bool:
        return False


class RecordingDriver(QuietInputDriver):
    """Sends what the thread reads to a queue instead of an app."""

    def __init__(self) -> None:
        super().__init__(object())  # type: ignore[arg-type]
        self.received: queue.Queue[object] = queue.Queue()

    def send_message(self, message: object) -> None:  # type: ignore[override]
        self.received.put(message)

    def next_key(self, timeout: float = 2.0) -> str:
        deadline = time.monotonic() + timeout
        while True:
            message = self.received.get(timeout=max(0.0, deadline - time.monotonic()))
            if isinstance(message, events.Key):
                return message.key


class Running:
    def __init__(self, driver: RecordingDriver, keys: int) -> None:
        self.driver = driver
        self.keys = keys  # the write end of the driver's "stdin"
        self.thread: threading.Thread | None = None

    def start(self) -> threading.Thread:
        self.thread = threading.Thread(target=self.driver.run_input_thread, daemon=True)
        self.thread.start()
        return self.thread

    def stop(self) -> None:
        """Stop the thread as disable_input does. An idle thread sleeps in select() with no
        timeout, so only the wake that stop() sends can end it: the join's bound is a hang guard."""
        assert self.thread is not None
        self.driver.exit_event.set()
        self.thread.join(timeout=10)
        assert not self.thread.is_alive(), "the input thread did not stop"
        self.driver.exit_event.clear()


@pytest.fixture
async def running(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Running]:
    read_fd, write_fd = os.pipe()
    monkeypatch.setattr(sys, "__stdin__", FakeStdin(read_fd))
    handlers = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    try:
        run = Running(RecordingDriver(), write_fd)  # (the driver sets SIGTSTP and SIGCONT)
        yield run
        if run.thread is not None and run.thread.is_alive():
            run.stop()
        run.driver.close()
    finally:
        for sig, handler in handlers.items():
            signal.signal(sig, handler)
        os.close(read_fd)
        os.close(write_fd)


def voluntary_switches(native_id: int) -> int:
    for line in Path(f"/proc/self/task/{native_id}/status").read_text().splitlines():
        if line.startswith("voluntary_ctxt_switches:"):
            return int(line.split()[1])
    raise AssertionError("no voluntary_ctxt_switches in /proc")


def assert_sleeps(thread: threading.Thread, seconds: float = 0.6) -> None:
    """The idle thread stays asleep in select(). Textual's wakes 10 times a second; one that
    never emptied its pipe would spin without sleeping, so its CPU time is checked too."""
    if not LINUX:
        return
    assert thread.native_id is not None
    stat = Path(f"/proc/self/task/{thread.native_id}/stat")
    before_switches = voluntary_switches(thread.native_id)
    before_cpu = _cpu_ticks(stat)
    time.sleep(seconds)
    woke = voluntary_switches(thread.native_id) - before_switches
    busy = _cpu_ticks(stat) - before_cpu
    assert woke <= 1, f"the idle input thread woke {woke} times in {seconds} s"
    assert busy <= 2, f"the idle input thread ran for {busy} clock ticks in {seconds} s"


def _cpu_ticks(stat: Path) -> int:
    text = stat.read_text()
    fields = text[text.rindex(")") + 2 :].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


async def test_keys_arrive_and_the_thread_sleeps_between_them(running: Running) -> None:
    thread = running.start()
    os.write(running.keys, b"a")
    assert running.driver.next_key() == "a"
    if not LINUX:
        return
    assert thread.native_id is not None
    comm = Path(f"/proc/self/task/{thread.native_id}/comm").read_text().strip()
    assert comm == "textual-input"
    assert_sleeps(thread)
    os.write(running.keys, b"b")
    assert running.driver.next_key() == "b"


async def test_a_lone_escape_arrives_after_the_escape_delay(running: Running) -> None:
    running.start()
    sent = time.monotonic()
    os.write(running.keys, b"\x1b")
    assert running.driver.next_key(timeout=2.0) == "escape"
    assert time.monotonic() - sent >= ESCAPE_DELAY * 0.9  # told from the start of a sequence


async def test_an_escape_sequence_is_still_one_key(running: Running) -> None:
    running.start()
    os.write(running.keys, b"\x1b[A")
    assert running.driver.next_key() == "up"


async def test_stopping_wakes_the_sleeping_thread_at_once(running: Running) -> None:
    running.start()
    os.write(running.keys, b"a")
    assert running.driver.next_key() == "a"
    time.sleep(0.3)  # back asleep in select(), with no timeout while nothing is pending
    running.stop()  # so only the wake it sends can end the thread


async def test_a_new_thread_after_a_stop_and_a_close_reads_again(running: Running) -> None:
    pipe = running.driver._wake_pipe
    running.start()
    running.stop()
    running.driver.exit_event.set()  # a stray wake with no thread running: drained at start
    running.driver.exit_event.clear()
    thread = running.start()  # resume: a new thread on the same pipe
    os.write(running.keys, b"x")
    assert running.driver.next_key() == "x"
    assert_sleeps(thread)  # the stray byte did not keep it awake
    running.stop()
    old_fds = (pipe.read_fd, pipe.write_fd)
    assert None not in old_fds
    running.driver.close()  # a suspend closes the driver
    assert (pipe.read_fd, pipe.write_fd) == (None, None)
    running.driver.exit_event.set()  # nothing to wake, nothing written anywhere
    running.driver.exit_event.clear()
    running.start()  # and resuming opens a new pipe
    os.write(running.keys, b"y")
    assert running.driver.next_key() == "y"
    running.stop()  # the new pipe wakes it (its select() has no timeout)


def test_the_thread_sleeps_for_ever_unless_the_parser_waits() -> None:
    parser = XTermParser()
    assert select_timeout(parser) is None
    list(parser.feed("\x1b"))
    timeout = select_timeout(parser)
    assert timeout is not None and 0 < timeout <= ESCAPE_DELAY
    list(parser.feed("[A"))
    assert select_timeout(parser) is None


def test_ours_on_a_terminal_textuals_choice_elsewhere(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("TEXTUAL_DRIVER", raising=False)
    assert terminal_driver(early_painted=False) is QuietInputDriver
    assert terminal_driver(early_painted=True) is KeepEarlyPaintDriver
    assert issubclass(KeepEarlyPaintDriver, QuietInputDriver)
    assert CoachApp(sound_mode="off").driver_class is QuietInputDriver
    monkeypatch.setenv("TEXTUAL_DRIVER", "textual.drivers.web_driver:WebDriver")  # coach serve
    assert terminal_driver(early_painted=False) is None
    assert CoachApp(sound_mode="off").driver_class is LinuxDriver  # Textual's own choice
    monkeypatch.delenv("TEXTUAL_DRIVER")
    monkeypatch.setattr(sys, "platform", "win32")
    assert terminal_driver(early_painted=True) is None


async def test_a_headless_run_keeps_the_headless_driver() -> None:
    app = CoachApp(sound_mode="off")
    async with app.run_test(size=(80, 24)):
        assert type(app._driver).__name__ == "HeadlessDriver"
