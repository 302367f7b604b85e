"""Growth: what `coach` costs as the journal and the routines folder grow, as a table.

Journals of 0, 10k, 100k and 1M sessions, each grown by doubling (SQL copies, shifted back in
time) from real rows written by the app's own Journal API: a relief session (leg, site, steps,
release time, warning answers) and a completed nightly routine. Per journal:

- `now first`: `coach --mute now` in an 80x24 pty, spawn to "toes" on screen;
- `space`: space pressed as soon as "toes" shows, until "Paused" is on screen; `again`: space
  pressed as soon as "Paused" shows, until it is gone (the journal opens and the row is written
  in those moments, so anything on this path that grows with the journal shows here);
- `history`: `coach history`, spawn to the journal's first paint ("Recent cramps", the table of
  the latest episodes, or "Nothing recorded yet"), and `streak` to the streak line ("Nightly
  routine streak: N days", shown after the weekly bars, both counted on a thread);
- `md` / `csv`: `coach history --export md|csv > /dev/null`, wall time and peak memory (the
  child's own ru_maxrss, from os.wait4).

Routine folders of 10, 100, 1,000 and 5,000 files (variants of the built-ins): `coach list`
with no catalog cache (`list cold`) and with the cache the previous run left (`list`), and the
home screen's first paint (`coach`, spawn to "I'm cramping now").

Each cell is the median of --runs runs; a ratio column gives the largest size against the
smallest. Built journals are kept in --cache (default: a folder in the temp dir) between runs,
keyed by size and schema version; the runs add a row or two to them, which does not matter.

    python tests/bench/growth.py            # 0, 10k, 100k, 1M sessions; 10 .. 5,000 files
    python tests/bench/growth.py --quick    # 0, 10k, 100k; 10, 100, 1,000; 3 runs
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_main import run_bench  # noqa: E402  (tests/bench is the script's folder)
from e2e.terminal import Terminal  # noqa: E402
from validate_speed import write_files  # noqa: E402

JOURNAL_SIZES = (0, 10_000, 100_000, 1_000_000)
FOLDER_SIZES = (10, 100, 1_000, 5_000)
SPACING = timedelta(hours=3)  # between two sessions of the built journal (8 a day)
COPY_COLUMNS = (
    "routine_id, kind, status, started_offset_min, ended_offset_min, leg, site, steps_done,"
    " steps_skipped, release_seconds, warning_tier, pid"
)
STAMP = "%Y-%m-%dT%H:%M:%SZ"


# --- building ----------------------------------------------------------------------------


def base_journal(path: Path) -> None:
    """Two sessions written by the app's own code, 3 h apart, ending now."""
    from coach.core.journal.store import Journal

    now = datetime.now(UTC).replace(microsecond=0)
    journal = Journal.open(path, now=now)
    nightly = journal.start_session("nightly", "prevention", started=now - SPACING)
    journal.update_session(nightly, steps_done=["Wall calf stretch", "Ankle pumps"])
    journal.end_session(nightly, "completed", ended=now - SPACING + timedelta(minutes=8))
    relief = journal.start_session("cramp-now", "relief", started=now - timedelta(minutes=5))
    journal.update_session(
        relief, leg="l", site="calf", steps_done=["Towel stretch"], release_seconds=42.0
    )
    journal.record_warnings(relief, {"D6": True, "T1": False, "E1": False}, "days")
    journal.end_session(relief, "completed", ended=now - timedelta(minutes=4))
    journal.close()


def double(conn: sqlite3.Connection, wanted: int) -> int:
    """Copy every row (ids id + n, times n * SPACING earlier) until there are `wanted`."""
    n = conn.execute("SELECT count(*) FROM sessions").fetchone()[0]
    while n < wanted:
        take = min(n, wanted - n)
        shift = f"-{int(n * SPACING.total_seconds())} seconds"
        conn.execute("BEGIN")
        conn.execute(
            f"INSERT INTO sessions (id, started_utc, ended_utc, updated_utc, {COPY_COLUMNS})"
            f" SELECT id + ?, strftime('{STAMP}', started_utc, ?),"
            f" strftime('{STAMP}', ended_utc, ?), strftime('{STAMP}', updated_utc, ?),"
            f" {COPY_COLUMNS} FROM sessions WHERE id <= ?",
            (n, shift, shift, shift, take),
        )
        conn.execute(
            "INSERT INTO warning_answers (session_id, question_id, answer)"
            " SELECT session_id + ?, question_id, answer FROM warning_answers"
            " WHERE session_id <= ?",
            (n, take),
        )
        conn.execute("COMMIT")
        n += take
    return n


def journal_home(cache: Path, size: int) -> Path:
    """A COACH_HOME whose journal holds `size` sessions (built once, then reused)."""
    from coach.core.journal.migrations import SCHEMA_VERSION
    from coach.core.journal.store import FILE_NAME, Journal

    home = cache / f"journal-{size}-v{SCHEMA_VERSION}"
    if (home / "built").exists():
        return home
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    path = home / FILE_NAME
    if size == 0:
        Journal.open(path).close()
    else:
        base_journal(path)
        conn = sqlite3.connect(path, isolation_level=None)
        double(conn, size)
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        conn.close()
    (home / "built").write_text(f"{size}\n")
    return home


def folder_home(cache: Path, files: int) -> Path:
    home = cache / f"routines-{files}"
    if not (home / "built").exists():
        shutil.rmtree(home, ignore_errors=True)
        (home / "routines").mkdir(parents=True)
        write_files(home / "routines", files)
        (home / "built").write_text(f"{files}\n")
    return home


# --- measuring ---------------------------------------------------------------------------

TOES = re.compile(r"toes")
PAUSED = re.compile(r"Paused")
NOT_PAUSED = re.compile(r"\A(?![\s\S]*Paused)")
HISTORY_PAINT = re.compile(r"Recent cramps|Nothing recorded yet")
STREAK = re.compile(r"Nightly routine streak: \d+|Nothing recorded yet")
HOME = re.compile(r"I'm cramping now")


def coach_now(coach: str, home: Path, timeout: float) -> dict[str, float]:
    with Terminal([coach, "--mute", "now"], env={"COACH_HOME": str(home)}) as term:
        first = term.wait_for(TOES, timeout)
        pressed = time.monotonic() - term.started
        term.press(" ")
        paused = term.wait_for(PAUSED, timeout)
        pressed_again = time.monotonic() - term.started
        term.press(" ")
        resumed = term.wait_for(NOT_PAUSED, timeout)
        term.press("q")
    return {"now first": first, "space": paused - pressed, "again": resumed - pressed_again}


def history(coach: str, home: Path, timeout: float) -> dict[str, float]:
    with Terminal([coach, "history"], env={"COACH_HOME": str(home)}) as term:
        paint = term.wait_for(HISTORY_PAINT, timeout)
        streak = term.wait_for(STREAK, timeout)
        term.press("q")
        term.wait_exit(2)
    return {"history": paint, "streak": streak}


def export(coach: str, home: Path, kind: str) -> dict[str, float]:
    env = {**os.environ, "COACH_HOME": str(home)}
    start = time.perf_counter()
    proc = subprocess.Popen(
        [coach, "history", "--export", kind], env=env, stdout=subprocess.DEVNULL
    )
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        print(f"coach history --export {kind}: exit {proc.returncode}", file=sys.stderr)
    return {kind: seconds, f"{kind} MiB": usage.ru_maxrss / 1024}


def coach_list(coach: str, home: Path, cold: bool) -> dict[str, float]:
    env = {**os.environ, "COACH_HOME": str(home)}
    if cold:
        shutil.rmtree(home / "cache", ignore_errors=True)
    start = time.perf_counter()
    subprocess.run([coach, "list"], env=env, stdout=subprocess.DEVNULL, check=False)
    return {"list cold" if cold else "list": time.perf_counter() - start}


def home_paint(coach: str, home: Path, timeout: float) -> dict[str, float]:
    with Terminal([coach], env={"COACH_HOME": str(home)}) as term:
        seconds = term.wait_for(HOME, timeout)
        term.press("q")
        term.wait_exit(2)
    return {"home": seconds}


def medians(runs: int, *measures: Callable[[], dict[str, float]]) -> dict[str, float]:
    seen: dict[str, list[float]] = {}
    for _ in range(runs):
        for measure in measures:
            for key, value in measure().items():
                seen.setdefault(key, []).append(value)
    return {key: statistics.median(values) for key, values in seen.items()}


def measure(args: argparse.Namespace) -> dict[str, object]:
    coach = args.coach or shutil.which("coach")
    if not coach:
        sys.exit("no `coach` on PATH: pass --coach PATH")
    cache = Path(args.cache)
    journals: dict[str, dict[str, float]] = {}
    for size in args.sessions:
        start = time.perf_counter()
        home = journal_home(cache, size)
        built = time.perf_counter() - start
        print(f"journal {size:,}: ready in {built:.1f} s; measuring", file=sys.stderr)
        journals[str(size)] = medians(
            args.runs,
            partial(coach_now, coach, home, args.timeout),
            partial(history, coach, home, args.timeout),
            partial(export, coach, home, "md"),
            partial(export, coach, home, "csv"),
        )
    folders: dict[str, dict[str, float]] = {}
    for files in args.files:
        home = folder_home(cache, files)
        print(f"routines {files:,}: measuring", file=sys.stderr)
        folders[str(files)] = medians(
            args.runs,
            partial(coach_list, coach, home, True),
            partial(coach_list, coach, home, False),
            partial(home_paint, coach, home, args.timeout),
        )
    return {"runs": args.runs, "journal": journals, "routines": folders}


# --- printing ----------------------------------------------------------------------------


def table(title: str, rows: dict[str, dict[str, float]]) -> None:
    sizes = list(rows)
    columns = list(rows[sizes[0]])
    print(f"{title:>10}  " + "  ".join(f"{c:>9}" for c in columns))
    for size in sizes:
        cells = [_cell(c, rows[size][c]) for c in columns]
        print(f"{int(size):>10,}  " + "  ".join(f"{c:>9}" for c in cells))
    ratios = [_ratio(rows[sizes[-1]][c], rows[sizes[0]][c]) for c in columns]
    label = f"x {int(sizes[-1]):,}/{int(sizes[0]):,}"
    print(f"{label:>10}  " + "  ".join(f"{r:>9}" for r in ratios))


def _cell(column: str, value: float) -> str:
    return f"{value:.1f}" if column.endswith("MiB") else f"{value * 1000:.0f}ms"


def _ratio(big: float, small: float) -> str:
    return f"{big / small:.2f}" if small > 0 else "-"


def report(result: dict[str, object]) -> None:
    print(f"medians of {result['runs']} runs; times in ms, peak memory in MiB")
    journal = result["journal"]
    routines = result["routines"]
    assert isinstance(journal, dict) and isinstance(routines, dict)
    if journal:
        table("sessions", journal)
    if routines:
        print()
        table("files", routines)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="smaller sizes, 3 runs")
    parser.add_argument("--runs", type=int, default=None, help="runs per cell (default 5)")
    parser.add_argument("--sessions", type=int, nargs="*", default=None)
    parser.add_argument("--files", type=int, nargs="*", default=None)
    parser.add_argument("--coach", help="the coach executable (default: on PATH)")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--cache", default=str(Path(tempfile.gettempdir()) / "coach-growth"))
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.runs is None:
        args.runs = 3 if args.quick else 5
    if args.sessions is None:
        args.sessions = list(JOURNAL_SIZES[:3] if args.quick else JOURNAL_SIZES)
    if args.files is None:
        args.files = list(FOLDER_SIZES[:3] if args.quick else FOLDER_SIZES)
    return args


def main(argv: list[str] | None = None) -> int:
    return run_bench(parse_args, measure, report, argv)


if __name__ == "__main__":
    sys.exit(main())
