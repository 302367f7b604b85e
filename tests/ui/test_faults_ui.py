"""Faults that need no real terminal, driven through Pilot: no sound, missing cue files, a journal
that cannot be written (folder, full disk), and the wall clock jumping during a hold.

For each: the session carries on and, where something is lost, the user is told in one line.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path

import pytest

import coach.audio.cues
from coach.audio.cues import NOTICE_NO_DEVICE, NOTICE_NO_PLAYER, Cues
from coach.core.journal import times as journal_times
from coach.core.journal.store import Journal
from coach.core.session.clock import FakeClock
from coach.ui.app import CoachApp
from coach.ui.player.screen import PlayerScreen

from .helpers import (
    FakeCues,
    journal_rows,
    player,
    relief,
    routine_from_text,
    shown_clock,
    visible_text,
    wait_for_screen,
    wait_for_text,
    wait_until,
)

SIZE = (100, 40)
LET_GO = ("Has it let go?", "Has the cramp let go?")


class Bell:
    def __init__(self) -> None:
        self.rings = 0

    def __call__(self) -> None:
        self.rings += 1


def recording_notices(app: CoachApp) -> list[str]:
    """Every notify() the app makes, in order (the real notify still shows them)."""
    shown: list[str] = []
    real = app.notify

    def notify(message: str, *args: object, **kwargs: object) -> None:
        shown.append(str(message))
        real(message, *args, **kwargs)  # type: ignore[arg-type]

    app.notify = notify  # type: ignore[method-assign]
    return shown


async def through_the_first_parts(pilot) -> None:  # type: ignore[no-untyped-def]
    """n (the stretch ends) -> has it let go? -> y -> step 2 -> n -> step 3: three cues."""
    app = pilot.app
    await wait_until(pilot, lambda: player(app).recorder is not None, "the journal row")
    await pilot.press("n")
    await wait_until(pilot, lambda: any(t in visible_text(app) for t in LET_GO), "has it let go?")
    await pilot.press("y")
    await wait_for_text(pilot, "step 2 of")
    await pilot.press("n")
    await wait_for_text(pilot, "step 3 of")


def relief_app(**kwargs: object) -> CoachApp:
    return CoachApp(start_routine=relief(), clock=FakeClock(1000.0), **kwargs)  # type: ignore[arg-type]


# --- sound ---------------------------------------------------------------------------------


async def test_no_audio_backend_is_said_once_and_the_bell_stands_in(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(coach.audio.cues, "player_available", lambda: False)
    bell = Bell()
    app = relief_app(cues=Cues(mode="auto", bell=bell))
    notices = recording_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: NOTICE_NO_DEVICE in notices, "the no-device notice")
        await through_the_first_parts(pilot)
        assert isinstance(app.screen, PlayerScreen)
        assert bell.rings >= 3  # the cues after the fallback are heard as bells
    assert notices.count(NOTICE_NO_DEVICE) == 1
    assert [n for n in notices if "sound" in n.lower() or "audio" in n.lower()] == [
        NOTICE_NO_DEVICE
    ]


async def test_a_player_that_fails_to_load_is_said_without_waiting_for_a_cue(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """playsound3 loads in a thread; when it gives up, say so then, not at the next cue (the
    fake clock never moves here, so no cue comes after the first)."""
    release = threading.Event()

    def slow_broken_import():  # type: ignore[no-untyped-def]
        release.wait(5)
        raise RuntimeError("gst-play is broken")

    monkeypatch.setattr(coach.audio.cues, "player_available", lambda: True)
    monkeypatch.setattr(coach.audio.cues, "_import_playsound", slow_broken_import)
    app = relief_app(cues=Cues(mode="auto", bell=Bell()))
    notices = recording_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayerScreen)
        await wait_until(pilot, lambda: app.cues._loader is not None, "loading started")
        assert notices == []
        release.set()
        await wait_until(pilot, lambda: NOTICE_NO_PLAYER in notices, "the notice, unprompted")
        assert app.cues._loader is not None and not app.cues._loader.is_alive()


async def test_sound_files_missing_from_the_install_ring_the_bell(tmp_path: Path) -> None:
    played: list[Path] = []
    bell = Bell()

    def player_(path: Path, block: bool = False) -> None:
        played.append(path)

    empty = tmp_path / "sounds"
    empty.mkdir()
    app = relief_app(cues=Cues(mode="auto", sounds_dir=empty, player=player_, bell=bell))
    notices = recording_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await through_the_first_parts(pilot)
        assert isinstance(app.screen, PlayerScreen)
    assert played == []  # nothing to play...
    assert bell.rings >= 4  # ...so the first step and each part after it rang the bell
    assert notices == []  # the device works: nothing to warn about


# --- the journal ---------------------------------------------------------------------------


async def test_coach_home_under_a_file_runs_and_says_it_is_not_recording(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv("COACH_HOME", str(blocker / "home"))
    app = relief_app(cues=FakeCues())
    notices = recording_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await through_the_first_parts(pilot)
        await wait_until(pilot, lambda: any("Not recording" in n for n in notices), "a notice")
    (notice,) = [n for n in notices if "journal" in n]
    assert notice.startswith("Not recording: the journal folder cannot be written")
    assert "\n" not in notice and "Errno" not in notice


class FullDisk:
    """A connection whose every write fails as SQLite fails on a full disk; reads still work."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn
        self.refused = 0

    def execute(self, sql: str, params: object = ()) -> sqlite3.Cursor:
        if sql.split()[0].upper() in ("INSERT", "UPDATE", "DELETE", "BEGIN"):
            self.refused += 1
            raise sqlite3.OperationalError("database or disk is full")
        return self._conn.execute(sql, params)  # type: ignore[arg-type]

    def __getattr__(self, name: str) -> object:
        return getattr(self._conn, name)


async def test_a_full_disk_mid_session_is_said_once_and_the_session_goes_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    disks: list[FullDisk] = []
    real_open = Journal._open_guarded  # the open, on whichever thread runs it

    def open_then_fill_the_disk(journal: Journal, now: object) -> None:
        real_open(journal, now)  # type: ignore[arg-type]
        assert journal.recording and journal.problem is None  # it opened fine: the disk fills
        disks.append(FullDisk(journal._conn))
        journal._conn = disks[-1]  # type: ignore[assignment]

    monkeypatch.setattr(Journal, "_open_guarded", open_then_fill_the_disk)
    app = relief_app(cues=FakeCues())
    notices = recording_notices(app)
    async with app.run_test(size=SIZE) as pilot:
        await wait_until(pilot, lambda: any("disk is full" in n for n in notices), "a notice")
        await through_the_first_parts(pilot)
        await pilot.press("l")  # another write: refused quietly, not said again
        await wait_for_text(pilot, "Left leg noted")
        assert isinstance(app.screen, PlayerScreen)
    (disk,) = disks
    assert disk.refused == 1  # the first refusal stops recording: no more attempts
    said = [n for n in notices if "journal" in n or "disk" in n]
    assert len(said) == 1 and "\n" not in said[0]
    assert said[0].startswith("Not recording: the disk is full")


# --- the wall clock jumps during a hold ------------------------------------------------------

FIVE_SECONDS = """\
name: Five seconds
kind: prevention
lead_in: 0
steps:
  - name: Hold still
    instructions: Just hold.
    hold: 5s
"""


async def test_the_wall_clock_jumping_does_not_move_the_countdown(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real_time = time.time
    wall = {"offset": 0.0}  # added to time.time() and datetime.now(); moved mid-hold

    class JumpingDatetime(datetime):
        @classmethod
        def now(cls, tz=None):  # type: ignore[no-untyped-def]
            return datetime.now(tz) + timedelta(seconds=wall["offset"])

    monkeypatch.setattr(time, "time", lambda: real_time() + wall["offset"])
    monkeypatch.setattr(journal_times, "datetime", JumpingDatetime)
    app = CoachApp(start_routine=routine_from_text(FIVE_SECONDS), cues=FakeCues())
    assert app.clock is time.monotonic  # the real clock, not a fake one
    # What the screen showed and what the test did, in order. The jumps follow the countdown:
    # an hour forward at the first value seen, then back past where it started at the next one
    # (a wrong NTP step, a DST bug...). A countdown on the wall clock would end at the first jump
    # or freeze at the second. (A busy machine may show the first values before the test looks.)
    events: list[str] = []
    values: list[str] = []
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, PlayerScreen)
        screen = player(app)
        hang_guard = time.monotonic() + 30  # only a frozen countdown comes near it
        while not (screen.session and screen.session.finished):
            assert time.monotonic() < hang_guard, f"the 5 s hold never ended: {events}"
            if screen.is_mounted and shown_clock(app) not in values:
                values.append(shown_clock(app))
                events.append("value")
            if len(values) == 1 and wall["offset"] == 0:
                wall["offset"] = 3600.0
                events.append("an hour forward")
            elif len(values) == 2 and wall["offset"] > 0:
                wall["offset"] = -3600.0
                events.append("an hour back")
            await pilot.pause(0.02)
        events.append("finished")
    assert events[:4] == ["value", "an hour forward", "value", "an hour back"], events
    assert events[-1] == "finished"
    assert values == sorted(values, reverse=True), values  # counted down, never back up
    (row,) = journal_rows()
    assert row.status == "completed"
