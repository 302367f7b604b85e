"""Faults a real night brings, against the installed `coach` in a pty: no sound, a journal it
cannot write or read, signals and Ctrl+C mid-step, tiny and huge terminals, plain terminals and
non-UTF-8 locales. Each test is one fault; the session must carry on (or end cleanly) every time.

SIGTERM, SIGKILL and the 80x24 -> 40x12 resize are in test_coach_now.py and are not repeated.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
from pathlib import Path

import pyte
import pytest

from .installed import (
    READY,
    START_TIMEOUT,
    STEP_TIMEOUT,
    integrity,
    journal_rows,
    no_traceback,
    screens,
    start,
    wait_rows,
)
from .terminal import Terminal

pytestmark = pytest.mark.e2e

INSTRUCTION = "Pull your toes and the ball of your foot toward you"
COMPACT_COUNTDOWN = re.compile(r"Hold\s+0:\d\d")  # the countdown as text, below 20 rows
NO_DEVICE = "No audio device found"
LET_GO = re.compile(r"[Hh]as (it|the cramp) let go\?")
# A few parts of `coach now` with keys only; each part plays a cue.
FIRST_PARTS = [("n", LET_GO), ("y", "step 2 of"), ("n", "step 3 of")]


def appearances(term: Terminal, text: str) -> int:
    """How many times `text` came onto the screen (a toast shown twice counts twice)."""
    count, shown = 0, False
    for screen in screens(term):
        now = text in screen
        count += now and not shown
        shown = now
    return count


# --- sound ---------------------------------------------------------------------------------


def test_no_audio_device_says_so_once_and_carries_on(coach: Path, coach_home: Path) -> None:
    """No audio player on PATH: the bell stands in, and the UI says why. PATH holds only the
    venv's programs, so the test means the same on a machine that has aplay (CI installs it for
    the real sound tests)."""
    with start(coach, coach_home, "now", mute=False, env={"PATH": str(coach.parent)}) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.wait_for(NO_DEVICE, timeout=STEP_TIMEOUT)
        for key, then in FIRST_PARTS:
            term.press(key)
            term.wait_for(then, timeout=STEP_TIMEOUT)
        assert term.exit_status() is None
        assert appearances(term, NO_DEVICE) == 1
        no_traceback(term)


def test_muted_says_nothing_about_sound(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "now", mute=True) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        for key, then in FIRST_PARTS:
            term.press(key)
            term.wait_for(then, timeout=STEP_TIMEOUT)
        assert not any(re.search(r"audio|bell|[Ss]ound", s) for s in screens(term))
        no_traceback(term)


# --- the journal ---------------------------------------------------------------------------


def test_coach_home_under_a_regular_file(coach: Path, tmp_path: Path) -> None:
    """mkdir fails (even as root): the session runs, one line says it is not being recorded."""
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with start(coach, blocker / "home", "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        screen = term.wait_for_all(["Not recording", INSTRUCTION], timeout=STEP_TIMEOUT)
        assert "Errno" not in screen  # said in words, not as an exception
        term.press("n")
        term.wait_for(LET_GO, timeout=STEP_TIMEOUT)
        assert term.exit_status() is None
        no_traceback(term)
    assert blocker.read_text() == "not a folder"


def test_a_journal_that_is_not_a_database_is_moved_aside(coach: Path, coach_home: Path) -> None:
    garbage = os.urandom(4096)
    (coach_home / "journal.sqlite3").write_bytes(garbage)
    with start(coach, coach_home, "now") as term:
        term.wait_for(INSTRUCTION, timeout=START_TIMEOUT)
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.wait_for("damaged", timeout=STEP_TIMEOUT)
        rows = wait_rows(coach_home, lambda r: len(r) == 1, "the new row")
        assert rows[0][1:] == ("cramp-now", "running")
        term.press("ctrl+c")
        term.wait_exit(timeout=STEP_TIMEOUT)
        no_traceback(term)
    (aside,) = coach_home.glob("journal.sqlite3.corrupt-*")
    assert aside.read_bytes() == garbage  # kept as it was, for whoever wants to recover it
    assert integrity(coach_home) == "ok"


def test_a_journal_from_a_newer_version_is_left_alone(coach: Path, coach_home: Path) -> None:
    path = coach_home / "journal.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE future (x)")
        conn.execute("PRAGMA user_version = 999")
    conn.close()
    before = path.read_bytes()
    with start(coach, coach_home, "now") as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.wait_for("newer Cramp Coach", timeout=STEP_TIMEOUT)
        term.press("n")
        term.wait_for(LET_GO, timeout=STEP_TIMEOUT)
        term.press("y")
        term.wait_for("step 2 of", timeout=STEP_TIMEOUT)
        assert appearances(term, "newer Cramp Coach") == 1
        term.press("ctrl+c")
        assert term.wait_exit(timeout=STEP_TIMEOUT) is not None
        no_traceback(term)
    assert path.read_bytes() == before
    assert sorted(p.name for p in coach_home.iterdir()) == ["journal.sqlite3"]


# --- signals and Ctrl+C mid-step -------------------------------------------------------------


def _running(coach: Path, home: Path) -> Terminal:
    term = start(coach, home, "now")
    term.wait_for(READY, timeout=START_TIMEOUT)
    wait_rows(home, lambda r: len(r) == 1 and r[0][2] == "running", "a row")
    return term


def test_sighup_mid_step_closes_the_row(coach: Path, coach_home: Path) -> None:
    """The terminal window closed: the app ends itself and keeps the session as interrupted."""
    with _running(coach, coach_home) as term:
        term.signal(signal.SIGHUP)
        status = term.wait_exit(timeout=STEP_TIMEOUT)
        assert status is not None and status >= 0, f"killed by the signal: {status}"
        no_traceback(term)
    assert journal_rows(coach_home) == [(1, "cramp-now", "interrupted")]
    assert integrity(coach_home) == "ok"


def test_ctrl_c_key_mid_step_stops_and_keeps_the_session(coach: Path, coach_home: Path) -> None:
    with _running(coach, coach_home) as term:
        term.press("n")
        term.wait_for(LET_GO, timeout=STEP_TIMEOUT)
        term.write(b"\x03")
        assert term.wait_exit(timeout=STEP_TIMEOUT) == 130
        no_traceback(term)
    assert journal_rows(coach_home) == [(1, "cramp-now", "stopped")]
    assert integrity(coach_home) == "ok"


def test_ctrl_c_before_textual_is_up_gives_the_terminal_back(coach: Path, coach_home: Path) -> None:
    """Ctrl+C while only the early paint is on screen (the tty still cooked: SIGINT). The
    alternate screen and the hidden cursor must not be left behind for the user's shell."""
    with start(coach, coach_home, "now") as term:
        term.wait_for("toes", timeout=START_TIMEOUT)  # the early paint: Textual takes ~300 ms more
        if READY in term.text():
            pytest.skip("Textual was up before the key could be sent")
        assert pyte.modes.DECTCEM not in term._screen.mode  # the early paint hid the cursor
        term.write(b"\x03")
        assert term.wait_exit(timeout=STEP_TIMEOUT) == 130
        term._reader.join(timeout=STEP_TIMEOUT)  # everything it wrote has been read
        no_traceback(term)
        assert pyte.modes.DECTCEM in term._screen.mode, "the cursor was left hidden"


# --- terminal size -------------------------------------------------------------------------


def test_tiny_then_huge_then_tiny_again(coach: Path, coach_home: Path) -> None:
    with start(coach, coach_home, "now", cols=40, rows=12) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.wait_for_all([COMPACT_COUNTDOWN, "Pull your toes toward you"], timeout=STEP_TIMEOUT)
        for cols, rows, expect in [
            (30, 10, "toes"),
            (200, 60, "Press ! now"),  # the full layout, safety line included
            (40, 12, COMPACT_COUNTDOWN),
        ]:
            term.resize(cols, rows)
            term.wait_for(expect, timeout=STEP_TIMEOUT)
            assert term.exit_status() is None
        screen = term.wait_for_all(
            [COMPACT_COUNTDOWN, "Pull your toes toward you", "Leg straight."], timeout=STEP_TIMEOUT
        )
        shown = re.search(r"Hold\s+(0:\d\d)", screen).group(1)  # type: ignore[union-attr]
        term.wait_for(re.compile(rf"Hold\s+(?!{shown})0:\d\d"), timeout=3.0)  # still counting
        term.press("space")
        term.wait_for("Paused", timeout=STEP_TIMEOUT)
        no_traceback(term)


# --- plain terminals and locales -------------------------------------------------------------


@pytest.mark.parametrize(
    "env",
    [{"NO_COLOR": "1"}, {"TERM": "dumb"}, {"TERM": "xterm-mono"}, {"LANG": "C", "LC_ALL": "C"}],
    ids=["NO_COLOR", "TERM=dumb", "TERM=xterm-mono", "LC_ALL=C"],
)
def test_plain_terminals_still_show_the_instruction(
    coach: Path, coach_home: Path, env: dict[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    with start(coach, coach_home, "now", env=env) as term:
        term.wait_for_all([READY, INSTRUCTION], timeout=START_TIMEOUT)
        term.press("space")
        term.wait_for("Paused", timeout=STEP_TIMEOUT)
        no_traceback(term)


def _latin1_locale(tmp_path: Path) -> dict[str, str] | None:
    name = "en_US.ISO-8859-1"
    listed = subprocess.run(["locale", "-a"], capture_output=True, text=True, check=False).stdout
    if any(line.lower() in ("en_us.iso88591", "en_us.iso-8859-1") for line in listed.split()):
        return {"LANG": name, "LC_ALL": name}
    # Not installed: build it into a private folder when the locale sources are there.
    folder = tmp_path / "locales"
    folder.mkdir()
    try:
        made = subprocess.run(
            ["localedef", "-i", "en_US", "-f", "ISO-8859-1", str(folder / name)],
            capture_output=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if made.returncode != 0:
        return None
    return {"LOCPATH": str(folder), "LANG": name, "LC_ALL": name}


def test_a_latin1_locale_still_shows_the_instruction(
    coach: Path, coach_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = _latin1_locale(tmp_path)
    if env is None:
        pytest.skip("no en_US.ISO-8859-1 locale, and localedef could not build one")
    monkeypatch.delenv("PYTHONIOENCODING", raising=False)
    with start(coach, coach_home, "now", env=env) as term:
        screen = term.wait_for_all(
            [READY, INSTRUCTION, "Press ! now", re.compile(r"Hold\s+0:\d\d")], timeout=START_TIMEOUT
        )
        # Latin-1 cannot encode the big digits' box-drawing glyphs: the countdown is plain text
        # on the phase line instead, and nothing is drawn as \u escapes.
        assert re.search(r"Hold\s+0:\d\d", screen), screen
        assert "\\u25" not in screen, screen
        term.press("space")
        term.wait_for("Paused", timeout=STEP_TIMEOUT)
        no_traceback(term)
