"""Closing the journal while another thread reads it waits for the read: SQLite closed under a
running query crashed the process (SIGSEGV when a terminal closed on home, whose workers read the
journal as the exit hooks closed it; tests/e2e/test_terminal_gone.py found it)."""

from __future__ import annotations

import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.journal import access
from coach.core.journal.store import FILE_NAME, Journal

NOW = datetime(2026, 5, 13, 20, 0, tzinfo=UTC)
HANG_GUARD_S = 30.0  # only a broken close comes near it; never a timing


def test_close_waits_for_a_read_in_flight(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    journal = Journal.open(tmp_path / FILE_NAME, now=NOW)
    assert journal.flush()
    events: list[str] = []
    # Record the close instead of closing: the old order would crash this process.
    monkeypatch.setattr(access, "close_quietly", lambda conn: events.append("closed"))
    inside, gate = threading.Event(), threading.Event()

    def held() -> int:  # runs inside SQLite, on the reading thread, in the middle of the query
        inside.set()
        events.append("read let go" if gate.wait(HANG_GUARD_S) else "read gave up")
        return 1

    assert journal._conn is not None
    journal._conn.create_function("held", 0, held)
    reader = threading.Thread(target=lambda: journal._read("SELECT held()"))
    reader.start()
    assert inside.wait(HANG_GUARD_S)
    closer = threading.Thread(target=journal.close)
    closer.start()
    closer.join(0.3)  # a close that does not wait has closed by now
    gate.set()
    reader.join(HANG_GUARD_S)
    closer.join(HANG_GUARD_S)
    assert events == ["read let go", "closed"]
