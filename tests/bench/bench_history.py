"""How fast the history queries are on 20,000 sessions over ten years, against an empty journal.

    PYTHONPATH=. python tests/bench/bench_history.py [--sessions 20000] [--repeat 15]

Prints a table of medians in milliseconds. The bar from the issue: a history query on 20,000 rows
well under 50 ms. A script, not a test: the figures depend on the machine.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.core.guidance.observations import observed_facts
from coach.core.journal.export import export_csv, export_markdown
from coach.core.journal.store import Journal
from coach.core.journal.times import utc_text

NOW = datetime(2026, 5, 9, 21, 0, tzinfo=UTC)
YEARS = 10


def fill(path: Path, sessions: int, seed: int = 1) -> None:
    """Ten years: a completed nightly routine every evening (so the streak walk is at its worst,
    3,650 days), the rest relief sessions at random times, half of them with warning answers."""
    Journal.open(path, now=NOW).close()  # create the schema the normal way
    rng = random.Random(seed)
    days = 365 * YEARS
    nightly = min(days, sessions)
    evenings = [NOW - timedelta(days=d, hours=rng.uniform(0, 1)) for d in range(nightly)]
    cramps = [NOW - timedelta(days=rng.uniform(0, days)) for _ in range(sessions - nightly)]
    timeline = sorted([(t, False) for t in evenings] + [(t, True) for t in cramps])
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    for n, (started, relief) in enumerate(timeline):
        offset = rng.choice((0, 60))  # summer and winter time
        conn.execute(
            "INSERT INTO sessions (routine_id, kind, status, started_utc, started_offset_min,"
            " ended_utc, ended_offset_min, updated_utc, leg, site, steps_done, release_seconds,"
            " pid) VALUES (?, ?, 'completed', ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)",
            (
                "relief-calf" if relief else "nightly",
                "relief" if relief else "prevention",
                utc_text(started),
                offset,
                utc_text(started + timedelta(minutes=8)),
                offset,
                utc_text(started + timedelta(minutes=8)),
                rng.choice(("l", "r", "both", "unknown")),
                rng.choice(("calf", "sole", "toes", None)),
                '["Towel calf stretch", "Massage", "Walk on the heels"]',
                rng.uniform(10, 200) if relief else None,
            ),
        )
        if relief and rng.random() < 0.5:
            for question in ("D5", "D6", "D7", "T1"):
                conn.execute(
                    "INSERT INTO warning_answers VALUES (?, ?, ?)",
                    (n + 1, question, rng.random() < 0.2),
                )
    conn.execute("COMMIT")
    conn.close()


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def queries(path: Path) -> dict[str, Callable[[], object]]:
    journal = Journal.open(path, now=NOW)
    return {
        "Journal.open (quick_check, close_interrupted)": lambda: Journal.open(
            path, now=NOW
        ).close(),
        "sessions(50, 0)  first page": lambda: journal.sessions(50, 0),
        "sessions(50, 10000)  deep page": lambda: journal.sessions(50, 10_000),
        "count()": journal.count,
        "weekly_counts(12)": lambda: journal.weekly_counts(12, NOW),
        "nightly_streak()": lambda: journal.nightly_streak(NOW.date()),
        "observed_facts()": lambda: observed_facts(journal, NOW),
        "start + update + end a session": lambda: _one_session(journal),
        "export_csv (all)": lambda: export_csv(journal, io.StringIO()),
        "export_markdown (all)": lambda: export_markdown(journal, io.StringIO(), now=NOW),
    }


def _one_session(journal: Journal) -> None:
    sid = journal.start_session("bench", "relief", started=NOW)
    journal.update_session(sid, leg="l", site="calf")
    journal.end_session(sid, "completed", ended=NOW)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        empty, full = Path(tmp, "empty.sqlite3"), Path(tmp, "full.sqlite3")
        Journal.open(empty, now=NOW).close()
        start = time.perf_counter()
        fill(full, args.sessions)
        fill_s = time.perf_counter() - start
        empty_q, full_q = queries(empty), queries(full)
        print(f"Journal history queries, median of {args.repeat} runs, ms")
        print(f"(filled {args.sessions:,} sessions in {fill_s:.1f} s; file ", end="")
        print(f"{os.path.getsize(full) / 1e6:.1f} MB; nightly streak ", end="")
        print(f"{Journal.open(full, now=NOW).nightly_streak(NOW.date()):,} days; ", end="")
        print(f"Python {sys.version.split()[0]}, SQLite {sqlite3.sqlite_version})\n")
        width = max(len(name) for name in full_q)
        print(f"| {'query':<{width}} | {'empty':>7} | {args.sessions:>7,} |")
        print(f"|{'-' * (width + 2)}|{'-' * 8}:|{'-' * 8}:|")
        for name in full_q:
            a, b = median_ms(empty_q[name], args.repeat), median_ms(full_q[name], args.repeat)
            print(f"| {name:<{width}} | {a:7.2f} | {b:7.2f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
