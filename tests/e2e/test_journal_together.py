"""Many `coach log` processes started together on one journal: every row kept, nothing set aside
(issue 22: 20 at once on a new journal kept 5 to 17 rows and set the file aside; 10 migrating an
older journal set all of it aside in 2 runs of 12). Counted on the file after they all end."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from coach.core.journal import migrations

pytestmark = pytest.mark.e2e

PROCESSES = 20
ROUNDS = 3  # the race was hit in about 1 run of 5: a few rounds make a miss unlikely
OLD_ROWS = 200


def log_together(coach: Path, home: Path, count: int) -> list[subprocess.CompletedProcess[str]]:
    env = {"COACH_HOME": str(home), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    argv = [str(coach), "log", "--no-check", "--leg", "left", "--when"]
    procs = [
        subprocess.Popen(
            [*argv, f"{n + 1} min ago"],
            env=env,
            text=True,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )  # fmt: skip
        for n in range(count)
    ]
    done = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(proc.args, proc.returncode, out, err))
    return done


def rows(home: Path) -> int:
    conn = sqlite3.connect(home / "journal.sqlite3")
    try:
        return int(conn.execute("SELECT count(*) FROM sessions").fetchone()[0])
    finally:
        conn.close()


def old_journal(path: Path) -> None:
    """A schema-1 journal with OLD_ROWS cramps, as the first Cramp Coach left it."""
    conn = sqlite3.connect(path, isolation_level=None)
    for statement in migrations.statements(migrations.MIGRATIONS[0]):
        conn.execute(statement)
    conn.execute("PRAGMA user_version = 1")
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO sessions (routine_id, kind, status, started_utc, updated_utc)"
        " VALUES ('cramp-now', 'relief', 'completed', ?, ?)",
        [(f"2026-03-{1 + n % 28:02d}T03:{n % 60:02d}:00Z",) * 2 for n in range(OLD_ROWS)],
    )
    conn.execute("COMMIT")
    conn.close()


def assert_all_kept(home: Path, done: list[subprocess.CompletedProcess[str]], before: int) -> None:
    for proc in done:
        assert proc.returncode == 0 and "Logged" in proc.stdout, proc.stderr
        assert proc.stderr == "", proc.stderr
    assert not list(home.glob("journal.sqlite3.corrupt-*")), sorted(p.name for p in home.iterdir())
    assert rows(home) == before + len(done)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_many_logs_at_once_on_a_new_journal(coach: Path, tmp_path: Path, round_: int) -> None:
    done = log_together(coach, tmp_path, PROCESSES)
    assert_all_kept(tmp_path, done, before=0)


@pytest.mark.parametrize("round_", range(ROUNDS))
def test_many_logs_at_once_migrating_an_old_journal(
    coach: Path, tmp_path: Path, round_: int
) -> None:
    old_journal(tmp_path / "journal.sqlite3")
    done = log_together(coach, tmp_path, PROCESSES // 2)
    assert_all_kept(tmp_path, done, before=OLD_ROWS)
    conn = sqlite3.connect(tmp_path / "journal.sqlite3")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == migrations.SCHEMA_VERSION
    conn.close()


def test_many_logs_at_once_on_a_damaged_journal(coach: Path, tmp_path: Path) -> None:
    """Set aside once, by one of them; no one moves the new file the first one started."""
    garbage = os.urandom(8192)
    (tmp_path / "journal.sqlite3").write_bytes(garbage)
    done = log_together(coach, tmp_path, PROCESSES // 2)
    for proc in done:
        assert proc.returncode == 0 and "Logged" in proc.stdout, proc.stderr
    (aside,) = tmp_path.glob("journal.sqlite3.corrupt-*[0-9]")
    assert aside.read_bytes() == garbage
    told = [proc.stderr for proc in done if proc.stderr]
    assert len(told) == 1 and f"moved to {aside} " in told[0], told  # said once, by the one
    assert rows(tmp_path) == len(done)
