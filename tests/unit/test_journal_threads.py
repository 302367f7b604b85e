"""Journal work never freezes the screens: writes and the open run on the journal's own thread,
reads are bounded, another program's lock is waited out, a file with schema objects the app did
not create is set aside (issue "Hostile input can't crash, hang or hijack the coach")."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime
from pathlib import Path

import pytest

from coach.core.journal import access
from coach.core.journal.connection import is_locked
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


HANG_GUARD_S = 30.0  # only a caller that blocks on held work comes near it; never a timing


def hold_the_writer(journal: Journal, events: list[str]) -> threading.Event:
    """Queue a job that keeps the journal's writer thread busy until the test opens the gate:
    nothing queued after it can run, so a caller that returns meanwhile did not wait for it."""
    gate = threading.Event()

    def held() -> None:
        events.append("writer let go" if gate.wait(HANG_GUARD_S) else "writer gave up waiting")

    journal.later(held)
    return gate


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
    events: list[str] = []
    gate = hold_the_writer(journal, events)
    recorder.start()
    recorder.leg("left")  # an UPDATE: the trigger never ends
    recorder.step_finished(0, skipped=False)
    recorder.end("stopped")
    events.append("caller returned")
    gate.set()
    assert recorder.flush(HANG_GUARD_S)  # the write budget stopped the trigger
    assert events == ["caller returned", "writer let go"]  # no write ran before the caller was back
    assert not journal.recording and stops == [journal.problem]
    assert journal.problem.startswith("Not recording: the journal took too long")
    journal.close()


def test_a_read_is_bounded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(access, "READ_BUDGET_S", 0.3)
    journal = Journal.open(tmp_path / FILE_NAME, now=NOW)
    forever = (
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c"
    )
    assert journal._read(forever) == []  # without the budget this never returns
    assert "took too long" in (journal.problem or "")
    journal.close()


def hold_the_lock(path: Path, events: list[str]) -> tuple[threading.Event, threading.Thread]:
    """Another program: a second connection in BEGIN EXCLUSIVE until the test sets the event."""
    other = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    release = threading.Event()

    def hold() -> None:
        let_go = release.wait(HANG_GUARD_S)
        other.execute("COMMIT")
        other.close()
        events.append("lock released" if let_go else "lock holder gave up waiting")

    holder = threading.Thread(target=hold, daemon=True)
    holder.start()
    return release, holder


def test_writes_wait_out_another_programs_lock_and_nothing_is_lost(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / FILE_NAME
    journal = Journal.open(path, now=NOW)
    events: list[str] = []
    release, holder = hold_the_lock(path, events)
    refused = threading.Event()

    def locked(exc: BaseException) -> bool:
        if is_locked(exc):
            refused.set()
            return True
        return False

    monkeypatch.setattr(access, "is_locked", locked)
    recorder = SessionRecorder(journal, ROUTINE)
    recorder.start()
    recorder.leg("right")
    recorder.released(12.0)
    recorder.warnings({"T1": False}, None)
    recorder.end("completed")
    events.append("caller returned")  # while the lock is held: it never waited for it
    assert refused.wait(HANG_GUARD_S), "the writer never met the lock"
    release.set()
    assert recorder.flush(HANG_GUARD_S)
    holder.join()
    assert events == ["caller returned", "lock released"]
    assert journal.recording and journal.problem is None
    (record,) = journal.sessions()
    assert (record.status, record.leg, record.release_seconds) == ("completed", "r", 12.0)
    assert record.warning_answers == {"T1": False}
    journal.close()


class WaitsSeen:
    """The journal's "opened" event, noting how long each read was willing to wait for it."""

    def __init__(self, event: threading.Event) -> None:
        self._event = event
        self.waits: list[float | None] = []

    def wait(self, timeout: float | None = None) -> bool:
        self.waits.append(timeout)
        return self._event.wait(timeout)

    def set(self) -> None:
        self._event.set()

    def is_set(self) -> bool:
        return self._event.is_set()


def test_the_open_runs_in_the_background_and_reads_wait_for_it_bounded(tmp_path: Path) -> None:
    path = tmp_path / FILE_NAME
    fresh(path)
    events: list[str] = []
    release, holder = hold_the_lock(path, events)  # the open's check waits, as on a slow disk
    notices: list[str] = []
    journal = Journal.open_in_background(path, now=NOW, on_problem=notices.append)
    opened = WaitsSeen(journal._opened)
    journal._opened = opened  # type: ignore[assignment]
    recorder = SessionRecorder(journal, ROUTINE)
    recorder.start()
    recorder.end("stopped")
    events.append("caller returned")
    assert journal.count() == 0  # not open yet: nothing, after a bounded wait
    assert journal.sessions() == [] and journal.nightly_streak() == 0
    events.append("reads returned")
    # the first read waited for the open (bounded); the ones just after it did not wait again
    assert opened.waits[0] == access.READ_WAIT_S and set(opened.waits[1:]) == {0.0}
    release.set()
    holder.join()
    assert events == ["caller returned", "reads returned", "lock released"]
    assert journal.flush(HANG_GUARD_S)
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
