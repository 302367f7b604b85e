"""Hostile input, as the installed `coach` meets it on screen: markup in names and instructions, a
settings file or environment that is wrong, a routine that would never end, a file name that is
not UTF-8, a journal with a time at the edge of the calendar. Each must show as typed (or as a
one-line complaint) while the app carries on; none may crash it, freeze it or act on the terminal.
The printing commands (list, plan, validate, exports) are in test_hostile_output.py.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
from pathlib import Path

import pytest

from .installed import JOURNAL, READY, START_TIMEOUT, STEP_TIMEOUT, no_traceback, start

pytestmark = pytest.mark.e2e

DATA = Path(__file__).resolve().parents[1] / "data" / "hostile"
MARKUP = [
    line
    for line in (DATA / "markup.txt").read_text(encoding="utf-8").splitlines()
    if line and not line.startswith("#")
]


def yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_routine(folder: Path, file_name: str, name: str, step: str, words: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / file_name
    path.write_text(
        f"name: {yaml_string(name)}\nkind: prevention\nsteps:\n"
        f"  - name: {yaml_string(step)}\n    instructions: {yaml_string(words)}\n    hold: 20s\n",
        encoding="utf-8",
    )
    return path


@pytest.mark.parametrize("markup", MARKUP[:6])
def test_markup_in_a_routine_shows_as_typed_on_home_and_in_the_player(
    coach: Path, coach_home: Path, markup: str
) -> None:
    path = write_routine(
        coach_home / "routines", "evening.yaml", f"Calves {markup}", f"Lean {markup}", markup
    )
    with start(coach, coach_home, cols=120, rows=40) as term:
        term.wait_for(f"Calves {markup}", timeout=START_TIMEOUT)
        assert term.exit_status() is None
        no_traceback(term)
    with start(coach, coach_home, "run", str(path), cols=120, rows=40) as term:
        term.wait_for_all([READY, f"Lean {markup}"], timeout=START_TIMEOUT)
        assert term.exit_status() is None
        no_traceback(term)


def test_a_click_action_in_instructions_does_nothing_when_clicked(
    coach: Path, coach_home: Path, tmp_path: Path
) -> None:
    target = tmp_path / "shots"
    target.mkdir()
    click = f"[@click=app.screenshot('x','{target}')]TAP HERE[/]"
    path = write_routine(coach_home / "routines", "evening.yaml", "Evening", "Lean", click)
    with start(coach, coach_home, "run", str(path), cols=120, rows=40) as term:
        term.wait_for_all([READY, "TAP HERE"], timeout=START_TIMEOUT)
        row = next(i for i, line in enumerate(term.lines()) if "TAP HERE" in line)
        col = term.lines()[row].index("TAP HERE") + 2
        # An SGR mouse press and release on the words (1-based column and row).
        term.write(f"\x1b[<0;{col + 1};{row + 1}M\x1b[<0;{col + 1};{row + 1}m".encode())
        term.settled()
        assert term.exit_status() is None
    assert list(target.iterdir()) == []


@pytest.mark.parametrize("number", ["112 [/]", "999 [UK]", "[bold]1[/bold]", "\x1b]0;x\x07"])
def test_a_bad_emergency_number_in_the_environment_is_refused_and_help_still_opens(
    coach: Path, coach_home: Path, number: str
) -> None:
    with start(coach, coach_home, "now", env={"COACH_EMERGENCY_NUMBER": number}) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.wait_for("COACH_EMERGENCY_NUMBER", timeout=STEP_TIMEOUT)  # said, with the name
        term.press("!")
        term.wait_for("your local emergency number", timeout=STEP_TIMEOUT)
        term.press("escape")
        term.wait_for("space to go on", timeout=STEP_TIMEOUT)  # held after urgent help
        term.press(" ")
        term.wait_for(READY, timeout=STEP_TIMEOUT)
        assert term.exit_status() is None
        no_traceback(term)


def test_an_unquoted_emergency_number_is_reported_with_its_line(
    coach: Path, coach_home: Path
) -> None:
    (coach_home / "settings.yaml").write_text("sound: off\nemergency_number: 0112\n")
    with start(coach, coach_home, "now", env={"COACH_EMERGENCY_NUMBER": ""}) as term:
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.wait_for("in quotes", timeout=STEP_TIMEOUT)
        # The toast wraps the long path where it must: read it without the breaks.
        toast = "".join(line.split("▌", 1)[1] for line in term.lines() if "▌" in line)
        assert "settings.yaml:2:19:emergency_number:" in re.sub(r"\s+", "", toast)
        term.press("!")
        screen = term.wait_for_all(["your local emergency number"], timeout=STEP_TIMEOUT)
        said = [line for line in screen.splitlines() if "YAML" not in line and "0112" not in line]
        assert not re.search(r"\b74\b", "\n".join(said))  # YAML's octal 0112 is never the number
        no_traceback(term)


def test_a_routine_that_would_never_end_is_refused_and_home_opens(
    coach: Path, coach_home: Path
) -> None:
    folder = coach_home / "routines"
    folder.mkdir(parents=True)
    steps = "".join(
        f"  - name: Step {n}\n    hold: 60m\n    sets: 1000\n    sides: both\n" for n in range(3000)
    )
    (folder / "forever.yaml").write_text(f"name: Forever\nkind: prevention\nsteps:\n{steps}")
    listing = subprocess.run(
        [str(coach), "list"], capture_output=True, text=True, timeout=60, env=_env(coach_home)
    )
    assert "forever.yaml" in listing.stderr + listing.stdout
    assert "Traceback" not in listing.stderr
    with start(coach, coach_home, cols=100, rows=30) as term:
        term.wait_for("cramping now", timeout=START_TIMEOUT)
        assert term.exit_status() is None


def test_a_file_name_that_is_not_utf8_runs_and_lists(coach: Path, coach_home: Path) -> None:
    folder = coach_home / "routines"
    folder.mkdir(parents=True)
    raw = os.path.join(os.fsencode(folder), b"caf\xe9.yaml")
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write("name: Cafe\nkind: prevention\nsteps:\n  - name: Lean\n    hold: 20s\n")
    env = {**_env(coach_home), "LC_ALL": "C.UTF-8", "PYTHONIOENCODING": "utf-8:strict"}
    listing = subprocess.run([str(coach), "list"], capture_output=True, env=env, timeout=60)
    assert b"Traceback" not in listing.stderr and b"caf\\xe9" in listing.stdout + listing.stderr
    with start(coach, coach_home, "run", os.fsdecode(raw), env={"LC_ALL": "C.UTF-8"}) as term:
        term.wait_for_all([READY, "Lean"], timeout=START_TIMEOUT)
        term.press("q")
        term.press("y")
        assert term.wait_exit(timeout=STEP_TIMEOUT) is not None
        no_traceback(term)


def test_a_journal_time_at_the_edge_of_the_calendar_reads_as_damaged(
    coach: Path, coach_home: Path
) -> None:
    with start(coach, coach_home, "now") as term:  # a real row, written by the app itself
        term.wait_for(READY, timeout=START_TIMEOUT)
        term.press("q")
        term.press("y")
        term.wait_exit(timeout=STEP_TIMEOUT)
    with sqlite3.connect(coach_home / JOURNAL) as conn:
        columns = [row[1] for row in conn.execute("PRAGMA table_info(sessions)")]
        edge: dict[str, object] = {c: "9999-12-31T23:30:00Z" for c in columns if c.endswith("_utc")}
        edge.update({c: 60 for c in columns if c.endswith("_offset_min")})
        assert "started_utc" in edge and "started_offset_min" in edge
        assignments = ", ".join(f"{column} = ?" for column in edge)
        conn.execute(f"UPDATE sessions SET {assignments}", list(edge.values()))
    for args, shown in [((), "cramping now"), (("history",), "cramp journal"), (("now",), READY)]:
        with start(coach, coach_home, *args, cols=100, rows=30) as term:
            term.wait_for(shown, timeout=START_TIMEOUT)
            term.settled()
            assert term.exit_status() is None, args
            no_traceback(term)


def _env(coach_home: Path) -> dict[str, str]:
    return {**os.environ, "COACH_HOME": str(coach_home)}
