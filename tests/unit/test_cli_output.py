"""`coach history --export` only reads; stdout trouble (a closed pipe, a full disk) ends the
command like other Unix tools: quietly or with one line, a non-zero status, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from coach.core.journal.store import FILE_NAME, Journal


def coach(*args: str, stdout: object = subprocess.PIPE) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args],
        stdout=stdout,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
    )


def siblings(home: Path) -> list[str]:
    """The journal and anything set aside beside it (SQLite's own -wal/-shm left out: a
    read-only reader of a WAL file may make them)."""
    names = [p.name for p in home.iterdir() if p.name.startswith(FILE_NAME)]
    return sorted(n for n in names if not n.endswith(("-wal", "-shm")))


def one_line_error(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Exception" not in result.stderr
    (line,) = result.stderr.splitlines()
    return line


def old_journal(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE notes (x)")  # a file from before the first schema version
    conn.commit()
    conn.close()


def journal_missing_a_column(path: Path) -> None:
    with Journal.open(path) as journal:
        journal.end_session(journal.start_session("cramp-now", "relief"), "completed")
    conn = sqlite3.connect(path)
    conn.execute("ALTER TABLE sessions DROP COLUMN note")
    conn.commit()
    conn.close()


def foreign_journal(path: Path) -> None:
    Journal.open(path).close()
    conn = sqlite3.connect(path)
    conn.execute("CREATE TRIGGER t AFTER INSERT ON sessions BEGIN SELECT 1; END")
    conn.commit()
    conn.close()


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (old_journal, "older Cramp Coach"),
        (lambda p: p.write_bytes(b"SQLite format 3\x00" + b"\xff" * 4000), "damaged"),
        (foreign_journal, "did not make"),
        (journal_missing_a_column, "did not make"),  # issue 22: it exported only the header
    ],
)
@pytest.mark.parametrize("kind", ["csv", "md"])
def test_export_never_migrates_or_moves_a_journal(coach_home: Path, make, words, kind) -> None:  # type: ignore[no-untyped-def]
    path = coach_home / FILE_NAME
    make(path)
    before, names = path.read_bytes(), siblings(coach_home)
    result = coach("history", "--export", kind)
    assert words in one_line_error(result) and result.stdout == ""
    assert path.read_bytes() == before and siblings(coach_home) == names


def test_export_reads_a_good_journal_without_writing_it(coach_home: Path) -> None:
    path = coach_home / FILE_NAME
    with Journal.open(path) as journal:
        journal.end_session(journal.start_session("cramp-now", "relief"), "completed")
    before = path.read_bytes()
    os.chmod(coach_home, 0o500)  # a write would fail (as root it would not: bytes still match)
    try:
        result = coach("history", "--export", "csv")
    finally:
        os.chmod(coach_home, 0o700)
    assert result.returncode == 0, result.stderr
    assert "cramp-now" in result.stdout and path.read_bytes() == before


def test_export_with_no_journal_yet_is_empty_and_creates_nothing(coach_home: Path) -> None:
    result = coach("history", "--export", "md")
    assert result.returncode == 0 and "No sessions recorded yet" in result.stdout
    assert siblings(coach_home) == []


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full")
@pytest.mark.parametrize("args", [("history", "--export", "md"), ("list",)])
def test_a_full_disk_is_one_line_and_a_failure(coach_home: Path, args: tuple[str, ...]) -> None:
    with open("/dev/full", "w") as full:
        result = coach(*args, stdout=full)
    assert "No space left" in one_line_error(result)


@pytest.mark.parametrize("args", [("history", "--export", "csv"), ("list",)])
def test_a_closed_pipe_ends_quietly_with_a_failure(coach_home: Path, args: tuple[str, ...]) -> None:
    with Journal.open(coach_home / FILE_NAME) as journal:
        journal.start_session("cramp-now", "relief")
    reader, writer = os.pipe()
    os.close(reader)  # `| head -c 0`: the reader has gone before the first byte
    try:
        result = coach(*args, stdout=writer)
    finally:
        os.close(writer)
    assert result.returncode == 141 and result.stderr == ""
