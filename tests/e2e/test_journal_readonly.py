"""A journal that cannot be written is still read (issue 22): on a read-only disk, in a read-only
folder and on a full disk, `coach trial` and the export show what is there, and `coach log` names
the real cause. Run through the installed `coach`, with the folder made read-only (or full) for
real: as root in a private mount namespace (unshare), otherwise by chmod."""

from __future__ import annotations

import os
import shlex
import shutil
import sqlite3
import subprocess
from datetime import datetime, timedelta
from pathlib import Path

import pytest

pytestmark = pytest.mark.e2e

# Days well in the past, so all three fall in whole weeks of the trial report.
WHEN = tuple(
    (datetime.now() - timedelta(days=days)).strftime("%Y-%m-%dT03:10") for days in (10, 17, 24)
)


def can_unshare() -> bool:
    if os.name != "posix" or os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(["unshare", "-m", "true"], capture_output=True)
    return probe.returncode == 0


UNSHARE = can_unshare()


def run_in(home: Path, setup: str, *commands: list[str], coach: Path) -> list[tuple[int, str, str]]:
    """Run each `coach` command after `setup` (shell, in a private mount namespace), each one's
    (exit code, stdout, stderr) back. Outputs go to files: one shell runs them all."""
    out = home.parent / f"{home.name}-out"
    out.mkdir()
    lines = [setup]
    for n, argv in enumerate(commands):
        cmd = " ".join(shlex.quote(a) for a in [str(coach), *argv])
        lines.append(f"{cmd} >{out}/{n}.out 2>{out}/{n}.err; echo $? >{out}/{n}.rc")
    env = {"COACH_HOME": str(home), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    script = "set -e\n" + "\n".join(lines[:1]) + "\nset +e\n" + "\n".join(lines[1:])
    subprocess.run(["unshare", "-m", "sh", "-c", script], env=env, check=True, timeout=120)
    return [
        (
            int((out / f"{n}.rc").read_text()),
            (out / f"{n}.out").read_text(),
            (out / f"{n}.err").read_text(),
        )
        for n in range(len(commands))
    ]


def log_three(coach: Path, home: Path) -> None:
    env = {"COACH_HOME": str(home), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    for when in WHEN:
        done = subprocess.run(
            [str(coach), "log", "--no-check", "--when", when], env=env, capture_output=True
        )
        assert done.returncode == 0, done.stderr


def export_rows(text: str) -> int:
    return len([line for line in text.splitlines()[1:] if ",relief," in line])


READS = (["trial"], ["history", "--export", "csv"], ["log", "--no-check"])


def assert_read_not_written(results: list[tuple[int, str, str]], cause: str, home: Path) -> None:
    (trial_rc, trial, _), (export_rc, export, export_err), (log_rc, _, log_err) = results
    assert trial_rc == 0 and f"{len(WHEN)} cramps" in trial, trial  # not "0 weeks, 0 cramps"
    assert export_rc == 0 and export_rows(export) == len(WHEN), (export, export_err)
    assert log_rc != 0
    assert log_err.strip() == f"coach log: Not recording: {cause} ({home / 'journal.sqlite3'}).", (
        log_err
    )


@pytest.mark.skipif(not UNSHARE, reason="needs root and unshare for a read-only mount")
def test_a_read_only_disk_is_read_and_named(coach: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    log_three(coach, home)
    setup = f"mount --bind {home} {home}; mount -o remount,bind,ro {home}"
    results = run_in(home, setup, *READS, coach=coach)
    assert_read_not_written(results, "the journal's disk is read-only", home)


@pytest.mark.skipif(not UNSHARE, reason="needs root and unshare for a small tmpfs")
def test_a_full_disk_is_read_and_named(coach: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    # The journal is made on the small disk, then the disk filled, all in one namespace.
    logs = "; ".join(
        f"{shlex.quote(str(coach))} log --no-check --when {shlex.quote(w)} >/dev/null" for w in WHEN
    )
    setup = (
        f"mount -t tmpfs -o size=200k tmpfs {home}; {logs}; "
        f"dd if=/dev/zero of={home}/filler bs=4k 2>/dev/null || true"
    )
    results = run_in(home, setup, *READS, coach=coach)
    assert_read_not_written(results, "the disk is full", home)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root ignores chmod")
def test_a_read_only_folder_is_read(coach: Path, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    log_three(coach, home)
    home.chmod(0o555)
    env = {"COACH_HOME": str(home), "PATH": os.environ.get("PATH", ""), "LANG": "C.UTF-8"}
    try:
        export = subprocess.run(
            [str(coach), "history", "--export", "csv"], env=env, capture_output=True, text=True
        )
        trial = subprocess.run([str(coach), "trial"], env=env, capture_output=True, text=True)
    finally:
        home.chmod(0o755)
    assert export.returncode == 0 and export_rows(export.stdout) == len(WHEN), export.stderr
    assert trial.returncode == 0 and f"{len(WHEN)} cramps" in trial.stdout, trial.stdout


def test_an_immutable_read_sees_every_row(tmp_path: Path) -> None:
    """What the fallback reads: the file alone, once no -wal is left (a clean close)."""
    from coach.core.journal.connection import connect_for_reading
    from coach.core.journal.store import Journal

    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        for _ in WHEN:
            journal.start_session("cramp-now", "relief")
    conn = connect_for_reading(path)
    assert conn.execute("SELECT count(*) FROM sessions").fetchone()[0] == len(WHEN)
    conn.close()
    check = sqlite3.connect(path)
    assert check.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    check.close()
