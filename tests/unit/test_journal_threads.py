"""Journal work never freezes the screens: writes and the open run on the journal's own thread,
reads are bounded, another program's lock is waited out, a file with schema objects the app did
not create is set aside (issue "Hostile input can't crash, hang or hijack the coach")."""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.journal import access
from coach.core.journal.store import FILE_NAME, Journal
from coach.core.routines.routine import Routine, Step
from coach.core.session.recorder import SessionRecorder

NOW = datetime(2026, 5, 13, 20, 0, tzinfo=UTC)
ROUTINE = Routine(id="cramp-now", name="R", kind="relief", steps=(Step(name="S", hold=30),))
# A trigger that never ends: what froze the relief screen (keys, Ctrl+C and SIGTERM ignored).
FOREVER = (
    "CREATE TRIGGER hang AFTER UPDATE ON sessions BEGIN SELECT count(*) FROM"
    " (WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT x FROM c); END"
)


def fresh(path: Path) -> None:
    Journal.open(path, now=NOW).close()


def plant(path: Path, sql: str) -> None:
    conn = sqlite3.connect(path)
    conn.execute(sql)
    conn.commit()
    conn.close()


def returns_within(seconds: float, action: Callable[[], object]) -> bool:
    """Run `action` on a helper thread: a hang fails the test instead of freezing it."""
    worker = threading.Thread(target=action, daemon=True)
    worker.start()
    worker.join(seconds)
    return not worker.is_alive()


@pytest.mark.parametrize(
    "sql",
    [
        FOREVER,
        "CREATE VIEW slow AS SELECT * FROM sessions",
        "CREATE TABLE extra (x)",
        "CREATE INDEX not_ours ON sessions (leg)",
    ],
)
def test_schema_objects_the_app_did_not_create_set_the_file_aside(tmp_path: Path, sql: str) -> None:
    path = tmp_path / FILE_NAME
    fresh(path)
    plant(path, sql)
    journal = Journal.open(path, now=NOW)
    assert journal.recording
    assert journal.problem is not None and "did not make" in journal.problem
    assert "\n" not in journal.problem
    (aside,) = tmp_path.glob(f"{FILE_NAME}.corrupt-*[0-9]")
    names = [r[0] for r in sqlite3.connect(aside).execute("SELECT name FROM sqlite_master")]
    assert len(names) == 7  # kept whole (our 6 objects and the foreign one), for a look
    assert journal.start_session("cramp-now", "relief") == 1  # a fresh file, ours only
    journal.close()


def test_our_own_file_is_not_foreign_after_reopening(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    fresh(path)
    journal = Journal.open(path, now=NOW)
    assert journal.problem is None and journal.recording
    journal.close()


def test_the_recorder_only_enqueues_even_when_a_write_would_never_end(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(access, "WRITE_BUDGET_S", 0.5)
    path = tmp_path / FILE_NAME
    journal = Journal.open(path, now=NOW)
    plant(path, FOREVER)  # planted while the app runs: the open's check cannot see it
    stops: list[str] = []
    journal.on_stop = stops.append
    recorder = SessionRecorder(journal, ROUTINE)

    def a_session() -> None:
        recorder.start()
        recorder.leg("left")  # an UPDATE: the trigger never ends
        recorder.step_finished(0, skipped=False)
        recorder.end("stopped")

    assert returns_within(0.5, a_session)
    assert recorder.flush(5.0)  # the write budget stopped the trigger
    assert not journal.recording and stops == [journal.problem]
    assert journal.problem.startswith("Not recording: the journal took too long")
    assert returns_within(2.0, journal.close)


def test_a_read_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(access, "READ_BUDGET_S", 0.3)
    journal = Journal.open(tmp_path / FILE_NAME, now=NOW)
    forever = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    )
    started = time.monotonic()
    assert journal._read(forever) == []
    assert time.monotonic() - started < 2.0
    assert "took too long" in (journal.problem or "")
    journal.close()


def hold_the_lock(path: Path, seconds: float) -> threading.Thread:
    """Another program: a second connection in BEGIN EXCLUSIVE for `seconds`."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")

    def release() -> None:
        time.sleep(seconds)
        other.execute("COMMIT")
        other.close()

    holder = threading.Thread(target=release, daemon=True)
    holder.start()
    return holder


def test_writes_wait_out_another_programs_lock_and_nothing_is_lost(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    journal = Journal.open(path, now=NOW)
    holder = hold_the_lock(path, 2.0)
    recorder = SessionRecorder(journal, ROUTINE)
    started = time.monotonic()
    recorder.start()
    recorder.leg("right")
    recorder.released(12.0)
    recorder.warnings({"T1": False}, None)
    recorder.end("completed")
    assert time.monotonic() - started < 0.6  # the caller never waited for the lock
    assert recorder.flush(15.0)
    holder.join()
    assert journal.recording and journal.problem is None
    (record,) = journal.sessions()
    assert (record.status, record.leg, record.release_seconds) == ("completed", "r", 12.0)
    assert record.warning_answers == {"T1": False}
    journal.close()


def test_the_open_runs_in_the_background_and_reads_wait_for_it_bounded(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    fresh(path)
    holder = hold_the_lock(path, 1.5)  # the open's check waits for it, as a slow disk would
    notices: list[str] = []
    started = time.monotonic()
    journal = Journal.open_in_background(path, now=NOW, on_problem=notices.append)
    recorder = SessionRecorder(journal, ROUTINE)
    recorder.start()
    recorder.end("stopped")
    assert time.monotonic() - started < 0.3
    started = time.monotonic()
    assert journal.count() == 0  # not open yet: nothing, after a bounded wait
    assert time.monotonic() - started < access.READ_WAIT_S + 0.5
    started = time.monotonic()
    assert journal.sessions() == [] and journal.nightly_streak() == 0  # no second wait
    assert time.monotonic() - started < 0.2
    holder.join()
    assert journal.flush(15.0)
    assert journal.count() == 1 and journal.sessions()[0].status == "stopped"
    assert notices == []
    journal.close()


def test_a_background_open_tells_its_notice(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    path.write_bytes(b"not a database at all" * 100)
    notices: list[str] = []
    journal = Journal.open_in_background(path, now=NOW, on_problem=notices.append)
    assert journal.flush(10.0)
    assert len(notices) == 1 and "damaged" in notices[0]
    journal.close()
