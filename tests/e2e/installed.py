"""What the pty tests share: the installed `coach`, how to start it, and how to read its journal
straight from the file (opening a Journal would close a dead process's 'running' row, which is
what some tests want to see happen by itself)."""

from __future__ import annotations

import sqlite3
import sys
import time
from collections.abc import Callable
from pathlib import Path

from .terminal import Terminal

COACH = Path(sys.executable).parent / "coach"
START_TIMEOUT = 30.0  # a cold start on a busy CI machine
STEP_TIMEOUT = 10.0
READY = "space Pause"  # the footer: Textual (not only the early paint) is up and reading keys
JOURNAL = "journal.sqlite3"

Rows = list[tuple[int, str, str]]


def start(
    coach: Path,
    home: Path | str,
    *args: str,
    mute: bool = True,
    cols: int = 100,
    rows: int = 30,
    env: dict[str, str] | None = None,
) -> Terminal:
    full_env = {"COACH_HOME": str(home), "COACH_EMERGENCY_NUMBER": "999", **(env or {})}
    argv = [str(coach), *(["--mute"] if mute else []), *args]
    return Terminal(argv, env=full_env, cols=cols, rows=rows)


def journal_rows(home: Path) -> Rows:
    """(id, routine_id, status) of every session in COACH_HOME's journal, oldest first."""
    path = home / JOURNAL
    if not path.exists():
        return []
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
        return list(conn.execute("SELECT id, routine_id, status FROM sessions ORDER BY id"))


def wait_rows(
    home: Path, check: Callable[[Rows], object], what: str, timeout: float = STEP_TIMEOUT
) -> Rows:
    deadline = time.monotonic() + timeout
    while True:
        try:
            rows: Rows | None = journal_rows(home)
        except sqlite3.OperationalError:
            rows = None  # the app is creating the file right now
        if rows is not None and check(rows):
            return rows
        assert time.monotonic() < deadline, f"journal never showed {what}: {rows}"
        time.sleep(0.05)


def integrity(home: Path) -> str:
    with sqlite3.connect(home / JOURNAL) as conn:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])


def screens(term: Terminal) -> list[str]:
    return [text for _, text in list(term._history)] + [term.text()]


def no_traceback(term: Terminal) -> None:
    for screen in screens(term):
        assert "Traceback" not in screen, screen
