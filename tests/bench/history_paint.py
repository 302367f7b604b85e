"""P5b history paint: `coach history` with 20,000 sessions over ten years against an empty journal.

Makes two COACH_HOME folders: one whose journal is empty, one filled by bench_history.fill
(a completed nightly routine every evening for ten years ending today, so the streak walk is at
its longest, and the rest relief sessions, half with warning answers). Then alternates, after one
unmeasured warm-up each, `coach history` in an 80x24 pty with COACH_HOME set, timing spawn to the
frame that shows the whole journal ("Nightly routine streak: N day(s)": since the growth work
the screen paints "Recent cramps" first and counts the weekly bars, then the streak, on a
thread; growth.py times both), and prints the medians and the extra
milliseconds of the full journal over the empty one (target: under 150 ms).

    python tests/bench/history_paint.py [--sessions 20000] [--runs 9] [--json]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_history  # noqa: E402
from bench_main import run_bench  # noqa: E402  (tests/bench is the script's folder)
from e2e.terminal import Terminal  # noqa: E402

STREAK = re.compile(r"Nightly routine streak: (\d+) days?")
# An empty journal says so instead of showing a streak: either marks the journal on screen.
PAINTED = re.compile(r"Nightly routine streak: \d+ days?|Nothing recorded yet")


def make_homes(tmp: Path, sessions: int) -> dict[str, Path]:
    from coach.core.journal.store import FILE_NAME, Journal

    empty, full = tmp / "empty", tmp / "full"
    empty.mkdir()
    full.mkdir()
    Journal.open(empty / FILE_NAME).close()
    # fill() writes ten years up to its NOW; end them today so the streak is ten years long.
    bench_history.NOW = datetime.now(UTC).replace(microsecond=0)
    bench_history.fill(full / FILE_NAME, sessions)
    return {"empty": empty, "full": full}


def paint_once(coach: str, home: Path, args: argparse.Namespace) -> tuple[float, int]:
    """Seconds from spawn to the journal on screen, and the streak it shows."""
    with Terminal([coach, "history"], env={"COACH_HOME": str(home)}) as term:
        seconds = term.wait_for(PAINTED, timeout=args.timeout)
        found = STREAK.search(term.text())
        streak = int(found.group(1)) if found else -1
        # Quit the way a user would; leaving the `with` kills whatever is left.
        term.press("q")
        term.wait_exit(2)
    return seconds, streak


def measure(args: argparse.Namespace) -> dict[str, object]:
    coach = args.coach or shutil.which("coach")
    if not coach:
        sys.exit("no `coach` on PATH: pass --coach PATH")
    with tempfile.TemporaryDirectory(prefix="coach-history-") as tmp:
        start = time.perf_counter()
        homes = make_homes(Path(tmp), args.sessions)
        fill_s = time.perf_counter() - start
        size = (homes["full"] / "journal.sqlite3").stat().st_size
        times: dict[str, list[float]] = {key: [] for key in homes}
        streaks: dict[str, int] = {}
        for home in homes.values():
            paint_once(coach, home, args)  # warm-up: disk cache, .pyc files
        for run in range(args.runs):
            order = list(homes) if run % 2 == 0 else list(reversed(homes))
            for key in order:
                seconds, streaks[key] = paint_once(coach, homes[key], args)
                times[key].append(seconds)
            print(f"\rrun {run + 1}/{args.runs}", end="", file=sys.stderr, flush=True)
        print(file=sys.stderr)
    empty_ms = 1000 * statistics.median(times["empty"])
    full_ms = 1000 * statistics.median(times["full"])
    return {
        "sessions": args.sessions,
        "journal_mb": size / 1e6,
        "fill_s": fill_s,
        "runs": args.runs,
        "empty_ms": empty_ms,
        "full_ms": full_ms,
        "empty_min_ms": 1000 * min(times["empty"]),
        "full_min_ms": 1000 * min(times["full"]),
        "extra_ms": full_ms - empty_ms,
        "streak_shown": streaks,
        "limit_ms": args.limit_ms,
        "met": full_ms - empty_ms < args.limit_ms,
    }


def report(result: dict[str, object]) -> None:
    print(
        f"journal of {result['sessions']:,} sessions ({result['journal_mb']:.1f} MB, filled in "
        f"{result['fill_s']:.1f} s); median of {result['runs']} runs; streak shown "
        f"{result['streak_shown']}"
    )
    print(f"{'journal':<10} {'median':>8} {'min':>8}")
    print(f"{'empty':<10} {result['empty_ms']:>6.0f}ms {result['empty_min_ms']:>6.0f}ms")
    print(f"{'full':<10} {result['full_ms']:>6.0f}ms {result['full_min_ms']:>6.0f}ms")
    verdict = "PASS" if result["met"] else "MISS"
    print(
        f"P5b extra ms to first paint, full over empty: {result['extra_ms']:.0f} ms -> {verdict} "
        f"(limit < {result['limit_ms']:.0f} ms)"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sessions", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=9, help="measured runs of each journal")
    parser.add_argument("--coach", help="path of the coach executable (default: from PATH)")
    parser.add_argument("--limit-ms", type=float, default=150.0, help="the P5b target")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    return run_bench(parse_args, measure, report, argv)


if __name__ == "__main__":
    raise SystemExit(main())
