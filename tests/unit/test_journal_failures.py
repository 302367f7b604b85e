"""When the journal cannot be written the session still runs: no exception, one `problem` line."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime, timedelta, timezone

import pytest

from coach.core.journal import connection as journal_connection
from coach.core.journal.store import FILE_NAME, Journal

NOW = datetime(2026, 5, 13, 10, 0, 7, tzinfo=timezone(timedelta(hours=2)))


def assert_quietly_not_recording(j: Journal, words: str) -> None:
    """Every call still works and returns nothing; the one-line problem says why."""
    assert not j.recording
    assert j.problem is not None and "\n" not in j.problem
    assert words in j.problem, j.problem
    sid = j.start_session("relief-calf", "relief")
    j.update_session(sid, leg="l", steps_done=["Towel stretch"])
    j.record_warnings(sid, {"E1": False}, None)
    j.end_session(sid, "completed")
    assert j.close_interrupted() == 0
    assert isinstance(j.sessions(), list) and isinstance(j.weekly_counts(), list)
    assert j.nightly_streak() >= 0
    j.close()


# --- cannot write the folder -----------------------------------------------------------------


def test_folder_path_under_a_file(tmp_path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    j = Journal.open(blocker / "sub" / FILE_NAME, now=NOW)
    assert_quietly_not_recording(j, "Not recording")
    assert j.sessions() == []


def test_connect_refused(tmp_path, monkeypatch) -> None:
    def refuse(*args, **kwargs):
        raise sqlite3.OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(journal_connection.sqlite3, "connect", refuse)
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    assert_quietly_not_recording(j, "cannot be written")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores chmod")
def test_read_only_folder(tmp_path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        j = Journal.open(folder / FILE_NAME, now=NOW)
        assert_quietly_not_recording(j, "cannot be written")
    finally:
        folder.chmod(0o755)


def test_anything_unexpected_while_opening_is_contained(tmp_path, monkeypatch) -> None:
    def explode(*args, **kwargs):
        raise RuntimeError("something nobody planned for")

    monkeypatch.setattr(journal_connection.sqlite3, "connect", explode)
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    assert_quietly_not_recording(j, "something nobody planned for")


# --- full disk -------------------------------------------------------------------------------


def test_full_disk_for_real_mid_session(tmp_path) -> None:
    """SQLite's own size cap raises the genuine SQLITE_FULL "database or disk is full"."""
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    sid = j.start_session("relief-calf", "relief", started=NOW)
    j.update_session(sid, leg="r")
    pages = j._conn.execute("PRAGMA page_count").fetchone()[0]
    j._conn.execute(f"PRAGMA max_page_count = {pages}")
    j.update_session(sid, steps_done=["x" * 1000] * 200)  # needs pages the cap forbids
    assert not j.recording
    assert j.problem.startswith("Not recording: the disk is full")
    assert j.session(sid).leg == "r"  # what was written before the disk filled is kept
    j.end_session(sid, "completed")  # no exception, no write
    assert j.session(sid).status == "running"
    assert_quietly_not_recording(j, "disk is full")


class FullDisk:
    """A connection whose writes fail the way SQLite reports a full disk; reads still work."""

    def __init__(self, real: sqlite3.Connection) -> None:
        self.real = real

    def execute(self, sql: str, params=()):
        if sql.lstrip().split()[0].upper() in ("INSERT", "UPDATE", "BEGIN", "DELETE"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.real.execute(sql, params)

    def __getattr__(self, name: str):
        return getattr(self.real, name)


@pytest.mark.parametrize("step", ["start", "update", "warnings", "end"])
def test_full_disk_injected_at_each_step(tmp_path, step) -> None:
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    sid = j.start_session("relief-calf", "relief", started=NOW) if step != "start" else None
    j._conn = FullDisk(j._conn)
    calls = {
        "start": lambda: j.start_session("relief-calf", "relief"),
        "update": lambda: j.update_session(sid, leg="l"),
        "warnings": lambda: j.record_warnings(sid, {"T1": True}, "today"),
        "end": lambda: j.end_session(sid, "completed"),
    }
    assert calls[step]() is None
    assert j.problem == f"Not recording: the disk is full ({j.path})."
    assert_quietly_not_recording(j, "disk is full")


def test_the_first_reason_is_the_one_shown(tmp_path) -> None:
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    j._conn = FullDisk(j._conn)
    j.start_session("relief-calf", "relief")
    j._fail(sqlite3.OperationalError("database is locked"))
    assert "disk is full" in j.problem


# --- a damaged file --------------------------------------------------------------------------


def test_a_file_that_is_not_a_database_is_moved_aside(tmp_path) -> None:
    path = tmp_path / FILE_NAME
    garbage = b"this was never a database " * 100
    path.write_bytes(garbage)
    j = Journal.open(path, now=NOW)
    assert j.recording
    aside = tmp_path / f"{FILE_NAME}.corrupt-20260513-100007"
    assert aside.read_bytes() == garbage  # kept byte for byte, never deleted
    assert j.problem == (
        f"The journal file was damaged; it was moved to {aside} and a new one started."
    )
    sid = j.start_session("relief-calf", "relief")
    assert j.session(sid).status == "running"


def test_a_second_damaged_file_the_same_second_gets_its_own_name(tmp_path) -> None:
    path = tmp_path / FILE_NAME
    for content in (b"first bad file" * 50, b"second bad file" * 50):
        path.write_bytes(content)
        Journal.open(path, now=NOW).close()
    names = sorted(p.name for p in tmp_path.glob("*.corrupt-*"))
    assert names == [
        f"{FILE_NAME}.corrupt-20260513-100007",
        f"{FILE_NAME}.corrupt-20260513-100007-2",
    ]


def test_damaged_pages_inside_a_valid_header_are_found_before_writing(tmp_path) -> None:
    path = tmp_path / FILE_NAME
    with Journal.open(path, now=NOW) as j:
        for n in range(300):
            sid = j.start_session(f"routine {n} " + "x" * 200, "relief")
            j.update_session(sid, steps_done=["a step"] * 20)
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    data = bytearray(path.read_bytes())
    for page in range(2, len(data) // page_size, 3):  # scribble over every third page
        start = page * page_size
        data[start : start + 64] = b"\xff" * 64
    path.write_bytes(bytes(data))

    j = Journal.open(path, now=NOW)
    assert j.recording and "damaged" in j.problem
    assert list(tmp_path.glob(f"{FILE_NAME}.corrupt-*"))
    assert j.sessions() == []  # a fresh journal


def test_newer_file_that_cannot_even_be_read_gives_empty_history(tmp_path) -> None:
    path = tmp_path / FILE_NAME
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE sessions (something_else TEXT)")
    conn.execute("PRAGMA user_version = 40")
    conn.close()
    j = Journal.open(path, now=NOW)
    assert not j.recording and "newer" in j.problem
    assert j.sessions() == [] and j.weekly_counts(4, NOW)[0].cramps == 0
    assert "newer" in j.problem  # the read failure does not hide the real reason


class FullOnInsert(FullDisk):
    """The disk fills between the statements of one transaction."""

    def execute(self, sql: str, params=()):
        if sql.lstrip().upper().startswith("INSERT"):
            raise sqlite3.OperationalError("database or disk is full")
        return self.real.execute(sql, params)


def test_a_transaction_cut_short_leaves_nothing_half_written(tmp_path) -> None:
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    sid = j.start_session("relief-calf", "relief", started=NOW)
    real = j._conn
    j._conn = FullOnInsert(real)
    j.record_warnings(sid, {"T1": True}, "today")
    assert not j.recording and "disk is full" in j.problem
    assert not real.in_transaction
    j._conn = real
    record = j.session(sid)
    assert record.warning_tier is None and record.warning_answers == {}  # the tier rolled back


def test_a_read_that_fails_says_so_once_and_returns_nothing(tmp_path) -> None:
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    j.start_session("relief-calf", "relief", started=NOW)
    j._conn.execute("DROP TABLE warning_answers")  # a file edited by hand
    assert j.sessions() == [] and j.session(1) is None
    assert j.problem.startswith("Cannot read the journal: no such table")
    assert j.recording  # a failed read does not stop recording
    assert j.count() == 1


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (sqlite3.OperationalError("database or disk is full"), "the disk is full"),
        (sqlite3.OperationalError("attempt to write a readonly database"), "cannot be written"),
        (sqlite3.OperationalError("unable to open database file"), "cannot be written"),
        (PermissionError(13, "Permission denied"), "cannot be written"),
        (sqlite3.OperationalError("database is locked"), "in use by another program"),
        (sqlite3.DatabaseError("file is not a database"), "damaged"),
        (sqlite3.DatabaseError("database disk image is malformed"), "damaged"),
        (OSError("first line\nsecond line"), "first line"),
    ],
)
def test_problems_in_plain_words(error, words) -> None:
    assert words in journal_connection.describe_error(error)
    assert "\n" not in journal_connection.describe_error(error)
