"""When the terminal goes away (issue 26): the signals only note and wake, SIGCONT resumes only
after our own suspend, the driver writes through coach/ui/terminal/writer.py, and the Textual
internals all of that leans on are still where coach/ui/terminal/quiet_input.py expects them."""

from __future__ import annotations

import inspect
import os
import signal
import sys
import time
from collections.abc import Iterator
from typing import Any

import pytest
import textual
from textual.app import App
from textual.drivers._writer_thread import WriterThread
from textual.drivers.linux_driver import LinuxDriver

from coach.ui import app as app_module
from coach.ui.app import ENDING_SIGNALS, FORCE_AFTER, CoachApp
from coach.ui.terminal.quiet_input import QuietInputDriver
from coach.ui.terminal.writer import TerminalWriter

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the Linux/macOS driver")


class FakeLoop:
    def __init__(self, closed: bool = False) -> None:
        self.calls: list[tuple[Any, ...]] = []
        self.closed = closed

    def call_soon_threadsafe(self, job: Any, *args: Any) -> None:
        self.calls.append((job, *args))

    def is_closed(self) -> bool:
        return self.closed


class FakeStdin:
    def fileno(self) -> int:
        return 0

    def isatty(self) -> bool:
        return False


@pytest.fixture
def keep_job_control() -> Iterator[None]:
    """The driver sets SIGTSTP and SIGCONT handlers for the process: put them back after."""
    before = {sig: signal.getsignal(sig) for sig in (signal.SIGTSTP, signal.SIGCONT)}
    yield
    for sig, handler in before.items():
        signal.signal(sig, handler)


@pytest.fixture
def driver(monkeypatch: pytest.MonkeyPatch, keep_job_control: None) -> QuietInputDriver:
    monkeypatch.setattr(sys, "__stdin__", FakeStdin())
    monkeypatch.setattr("asyncio.get_running_loop", FakeLoop)  # Driver takes the running loop
    return QuietInputDriver(object())  # type: ignore[arg-type]


# -- the Textual internals we lean on (textual is pinned exactly in pyproject) ----------------


def test_textual_is_the_version_these_overrides_were_written_for() -> None:
    assert textual.__version__ == "8.2.8"


def test_linux_driver_still_makes_starts_and_stops_its_writer_where_ours_takes_its_place() -> None:
    start = inspect.getsource(LinuxDriver.start_application_mode)
    assert "self._writer_thread = WriterThread(self._file)" in start
    assert "self._writer_thread.start()" in start
    assert "self._writer_thread.write(data)" in inspect.getsource(LinuxDriver.write)
    assert "self._writer_thread.stop()" in inspect.getsource(LinuxDriver.close)


def test_linux_driver_still_handles_job_control_with_these_methods_and_flag() -> None:
    init = inspect.getsource(LinuxDriver.__init__)
    assert "signal.signal(signal.SIGTSTP, self._sigtstp_application)" in init
    assert "signal.signal(signal.SIGCONT, self._sigcont_application)" in init
    assert "self._must_signal_resume = True" in inspect.getsource(LinuxDriver._sigtstp_application)
    assert "self.resume_application_mode()" in inspect.getsource(LinuxDriver._sigcont_application)
    assert "self._must_signal_resume = False" in inspect.getsource(
        LinuxDriver.start_application_mode
    )


def test_the_writer_textual_makes_becomes_ours(driver: QuietInputDriver) -> None:
    driver._writer_thread = WriterThread(sys.__stderr__)  # type: ignore[arg-type]
    assert isinstance(driver._writer_thread, TerminalWriter)
    assert not driver._writer_thread.running  # made, not started: start_application_mode does
    driver._writer_thread = None
    assert driver._writer_thread is None


def test_the_driver_s_handlers_are_ours(driver: QuietInputDriver) -> None:
    for sig, name in (
        (signal.SIGCONT, "_sigcont_application"),
        (signal.SIGTSTP, "_sigtstp_application"),
    ):
        handler = signal.getsignal(sig)
        assert getattr(handler, "__func__", None) is getattr(QuietInputDriver, name)


# -- job control: note and wake -----------------------------------------------------------


def test_a_sigcont_with_nothing_suspended_starts_nothing(driver: QuietInputDriver) -> None:
    """The kernel sends SIGCONT with a hangup's SIGHUP; Textual's handler then started
    application mode again on top of the running one: a second writer, and the hang."""
    loop = driver._loop
    os.kill(os.getpid(), signal.SIGCONT)
    time.sleep(0.01)  # the handler runs at the next bytecode; this is only a yield
    assert loop.calls == []  # type: ignore[attr-defined]
    assert driver._writer_thread is None


def test_a_sigcont_after_our_suspend_resumes_on_the_loop(
    driver: QuietInputDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    resumed: list[bool] = []
    monkeypatch.setattr(driver, "resume_application_mode", lambda: resumed.append(True))
    driver._must_signal_resume = True  # what Textual's suspend sets before SIGSTOP
    os.kill(os.getpid(), signal.SIGCONT)
    time.sleep(0.01)
    assert resumed == []  # not inside the handler
    assert driver._loop.calls == [(driver._resume_now,)]  # type: ignore[attr-defined]
    driver._resume_now()
    assert resumed == [True]


def test_a_sigtstp_in_application_mode_suspends_on_the_loop(
    driver: QuietInputDriver, monkeypatch: pytest.MonkeyPatch
) -> None:
    suspended: list[bool] = []
    monkeypatch.setattr(driver, "suspend_application_mode", lambda: suspended.append(True))
    driver._writer_thread = WriterThread(sys.__stderr__)  # type: ignore[arg-type]  # in app mode
    driver._sigtstp_application(signal.SIGTSTP, None)  # (a real SIGTSTP would stop pytest)
    assert suspended == []
    assert driver._loop.calls == [(driver._suspend_now,)]  # type: ignore[attr-defined]


# -- the app's ending signals -------------------------------------------------------------


class FakeDriver:
    abandoned = 0

    def abandon_output(self) -> None:
        self.abandoned += 1


def test_an_ending_signal_only_notes_and_wakes_the_loop(monkeypatch: pytest.MonkeyPatch) -> None:
    app = CoachApp()
    driver = FakeDriver()
    monkeypatch.setattr(app, "_driver", driver)
    finished: list[str] = []
    monkeypatch.setattr(app, "finish", lambda how, code=0: finished.append(how))
    loop = FakeLoop()
    monkeypatch.setattr(app, "_running_loop", lambda: loop)
    for sig in ENDING_SIGNALS:
        app._on_ending_signal(sig)
    assert [call[1:] for call in loop.calls] == [("interrupted", 128 + s) for s in ENDING_SIGNALS]
    assert finished == []  # finish runs on the loop, never inside the handler
    assert driver.abandoned == len(ENDING_SIGNALS)  # writes waiting for room give up


def kills(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    done: list[tuple[Any, ...]] = []
    monkeypatch.setattr(app_module.os, "kill", lambda *a: done.append(("kill", *a)))
    monkeypatch.setattr(app_module.signal, "signal", lambda *a: done.append(("signal", *a)))
    return done


def test_a_second_signal_once_the_loop_had_its_chance_ends_the_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = CoachApp()
    loop = FakeLoop()
    monkeypatch.setattr(app, "_running_loop", lambda: loop)
    app._on_ending_signal(signal.SIGHUP)
    app._ending_since = time.monotonic() - FORCE_AFTER - 1  # the loop is stuck somewhere
    done = kills(monkeypatch)
    app._on_ending_signal(signal.SIGTERM)
    assert done == [
        ("signal", signal.SIGTERM, signal.SIG_DFL),
        ("kill", os.getpid(), signal.SIGTERM),
    ]
    assert len(loop.calls) == 1


@pytest.mark.parametrize("loop", [None, FakeLoop(closed=True)], ids=["before", "after"])
def test_a_signal_with_no_app_loop_running_does_what_python_does(
    monkeypatch: pytest.MonkeyPatch, loop: FakeLoop | None
) -> None:
    app = CoachApp()
    monkeypatch.setattr(app, "_running_loop", lambda: loop)
    done = kills(monkeypatch)
    app._on_ending_signal(signal.SIGINT)
    app._on_ending_signal(signal.SIGTERM)
    assert done == [
        ("signal", signal.SIGINT, signal.default_int_handler),
        ("kill", os.getpid(), signal.SIGINT),
        ("signal", signal.SIGTERM, signal.SIG_DFL),
        ("kill", os.getpid(), signal.SIGTERM),
    ]


def test_run_makes_the_ending_signals_ours_before_textual_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before = {sig: signal.getsignal(sig) for sig in ENDING_SIGNALS}
    seen: dict[int, Any] = {}
    monkeypatch.setattr(
        App, "run", lambda self, *a, **k: seen.update({s: signal.getsignal(s) for s in before})
    )
    try:
        CoachApp().run()
    finally:
        for sig, handler in before.items():
            signal.signal(sig, handler)
    assert all(handler is not before[sig] for sig, handler in seen.items())
    assert all(callable(handler) for handler in seen.values())
