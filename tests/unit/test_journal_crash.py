"""A coach process killed mid-session: the row stays as last written, the next start closes it."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import coach
from coach.core.journal.store import FILE_NAME, STALE_AFTER, Journal

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

REPO = Path(coach.__file__).resolve().parent.parent

# The child writes a session the way the screens will, then keeps updating it until killed.
CHILD = """
import sys, time
from coach.core.journal.store import Journal
j = Journal.open(sys.argv[1])
sid = j.start_session("relief-calf", "relief")
j.update_session(sid, leg="r", site="sole")
j.record_warnings(sid, {"T1": False, "E1": False}, None)
done = []
j.update_session(sid, steps_done=done)
print(sid, flush=True)
while True:
    done.append(f"step {len(done)}")
    j.update_session(sid, steps_done=done)
    if sys.argv[2] == "slow":
        time.sleep(0.05)
"""


def start_child(path: Path, pace: str) -> tuple[subprocess.Popen[str], int]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(path), pace], stdout=subprocess.PIPE, text=True, env=env
    )
    assert child.stdout is not None
    return child, int(child.stdout.readline())


def kill(child: subprocess.Popen[str]) -> None:
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=10)  # reaped: its pid is gone, as after a real crash


def raw(path: Path, sql: str) -> list[tuple]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


@pytest.mark.parametrize("pace", ["fast", "slow"])
def test_sigkill_mid_step_leaves_a_whole_row_and_the_next_start_closes_it(tmp_path, pace) -> None:
    path = tmp_path / FILE_NAME
    child, sid = start_child(path, pace)
    time.sleep(0.3)  # let it write: fast = a tight loop of commits, slow = between steps

    # While the child lives, another instance must not close its session.
    with Journal.open(path) as other:
        assert other.close_interrupted() == 0
        assert other.session(sid).status == "running"
    kill(child)

    assert raw(path, "PRAGMA integrity_check") == [("ok",)]
    status, leg, site, steps = raw(path, "SELECT status, leg, site, steps_done FROM sessions")[0]
    assert (status, leg, site) == ("running", "r", "sole")
    done = json.loads(steps)  # never a half-written list
    assert done == [f"step {n}" for n in range(len(done))] and len(done) > 0

    j = Journal.open(path)
    assert j.recording and j.problem is None
    record = j.session(sid)
    assert record.status == "interrupted"
    assert record.steps_done == tuple(done)
    assert record.warning_answers == {"T1": False, "E1": False}
    assert record.ended is not None and record.duration_seconds is not None
    assert record.duration_seconds < 60  # ended = its last write, not this later start
    assert raw(path, "PRAGMA integrity_check") == [("ok",)]
    j.close()


def test_own_running_session_is_left_alone(tmp_path) -> None:
    j = Journal.open(tmp_path / FILE_NAME)
    sid = j.start_session("nightly", "prevention")
    assert j.close_interrupted() == 0
    assert Journal.open(tmp_path / FILE_NAME).session(sid).status == "running"


def test_a_session_silent_for_hours_is_closed_even_if_the_pid_lives(tmp_path) -> None:
    """After a reboot the stored pid may belong to another program."""
    path = tmp_path / FILE_NAME
    started = datetime(2026, 5, 1, 22, 0, tzinfo=UTC)
    with Journal.open(path) as j:
        sid = j.start_session("nightly", "prevention", started=started)
        j._conn.execute("UPDATE sessions SET updated_utc = '2026-05-01T22:04:00Z'")
    later = started + STALE_AFTER + timedelta(minutes=5)
    with Journal.open(path, now=later) as j:
        record = j.session(sid)
    assert record.status == "interrupted"
    assert record.ended == datetime(2026, 5, 1, 22, 4, tzinfo=UTC)


def test_a_gone_pid_is_closed_and_a_late_end_still_wins(tmp_path) -> None:
    path = tmp_path / FILE_NAME
    with Journal.open(path) as j:
        sid = j.start_session("relief-calf", "relief")
        gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                              capture_output=True, text=True, check=True)  # fmt: skip
        j._conn.execute("UPDATE sessions SET pid = ?", (int(gone.stdout),))
        assert j.close_interrupted() == 1
        assert j.session(sid).status == "interrupted"
        j.end_session(sid, "completed")  # the instance that was thought dead finishes after all
        assert j.session(sid).status == "completed"


def test_a_session_without_a_pid_is_closed(tmp_path) -> None:
    path = tmp_path / FILE_NAME
    with Journal.open(path) as j:
        sid = j.start_session("relief-calf", "relief")
        j._conn.execute("UPDATE sessions SET pid = NULL")
        assert j.close_interrupted() == 1
        assert j.session(sid).status == "interrupted"
