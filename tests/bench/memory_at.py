"""P4 memory by stage: `coach now` and the bare Textual app, watched from outside every 10 ms.

tests/bench/startup.py reads VmHWM once, `--settle` (0.5 s) after the first instruction shows.
The bare app shows it once Textual is loaded; `coach now` paints it ~40 ms after start and goes
on loading Textual, the journal and sound, so that one reading can come before coach's peak.
This script follows each run to its steady state and reports, median over the runs:

    paint    VmHWM of the main process when the word shows
    +settle  VmHWM at paint + settle (the moment startup.py reads)
    steady   VmHWM at the end of the watch (--seconds after spawn), and when it last grew
    kids     the largest VmHWM sum of living descendants seen (a player; a child between fork
             and exec reports its parent's VmHWM, so a high figure here may be that, not memory)

and the steady ratio candidate/baseline (issue 20.4: at most 1.15).

    python tests/bench/memory_at.py [--runs 7] [--seconds 3] [--candidate "cmd"]
"""

from __future__ import annotations

import argparse
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.terminal import Terminal, proc_status_kb  # noqa: E402

BARE_APP = Path(__file__).resolve().with_name("bare_app.py")


@dataclass
class Subject:
    name: str
    argv: list[str]
    rows: list[dict[str, float]] = field(default_factory=list)


def watch(argv: list[str], args: argparse.Namespace) -> dict[str, float] | None:
    """One run: the figures above for one spawn, or None if the word never showed."""
    with Terminal(argv, env=args.child_env, cols=80, rows=24) as term:
        start = time.monotonic()
        paint_at = settle_kb = paint_kb = None
        last_kb, grew_at, kids_kb = 0, 0.0, 0
        while (now := time.monotonic() - start) < args.seconds:
            try:
                main_kb = proc_status_kb(term.pid, "VmHWM")
                kids = sum(proc_status_kb(p, "VmHWM") for p in term.process_tree() if p != term.pid)
            except (OSError, ValueError):
                break  # the program ended (or a child went between listing and reading)
            kids_kb = max(kids_kb, kids)
            if main_kb > last_kb:
                last_kb, grew_at = main_kb, now
            if paint_at is None and args.text in term.text():
                paint_at, paint_kb = now, main_kb
            if paint_at is not None and settle_kb is None and now >= paint_at + args.settle:
                settle_kb = main_kb
            time.sleep(0.01)
    if paint_at is None or paint_kb is None:
        return None
    return {
        "paint_ms": paint_at * 1000,
        "paint": paint_kb / 1024,
        "settle": (settle_kb or last_kb) / 1024,
        "steady": last_kb / 1024,
        "grew_ms": grew_at * 1000,
        "kids": kids_kb / 1024,
    }


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--seconds", type=float, default=3.0, help="how long each run is watched")
    parser.add_argument("--settle", type=float, default=0.5, help="as startup.py's --settle")
    parser.add_argument("--candidate", help="command line to measure instead of `coach now`")
    parser.add_argument("--text", default="toes", help="text that marks the first instruction")
    args = parser.parse_args()
    # As startup.py: both run from a shared bytecode cache, filled by a warm-up run.
    cache = tempfile.mkdtemp(prefix="coach-bench-pyc-")
    args.child_env = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": cache}
    return args


def main() -> None:
    args = parse_args()
    if args.candidate:
        cand = shlex.split(args.candidate)
    else:
        coach = shutil.which("coach") or sys.exit("no `coach` on PATH: pass --candidate")
        cand = [coach, "now"]
    subjects = [
        Subject("candidate: " + shlex.join(cand), cand),
        Subject("baseline: bare_app.py", [sys.executable, str(BARE_APP)]),
    ]
    for subject in subjects:
        watch(subject.argv, args)  # warm-up: fills the bytecode cache and the disk cache
    for run in range(args.runs):
        for i in range(len(subjects)):  # alternate, and rotate who goes first
            subject = subjects[(run + i) % len(subjects)]
            row = watch(subject.argv, args)
            if row is not None:
                subject.rows.append(row)
        print(f"\rrun {run + 1}/{args.runs}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    keys = ("paint_ms", "paint", "settle", "steady", "grew_ms", "kids")
    print(f"{'MiB (median)':<14}" + "".join(f"{k:>10}" for k in keys) + "  runs")
    for s in subjects:
        cells = "".join(f"{statistics.median(r[k] for r in s.rows):>10.1f}" for k in keys)
        print(f"{s.name.split(':')[0]:<14}{cells}  {len(s.rows)}  {s.name.split(': ', 1)[1]}")
    cand_rows, base_rows = subjects[0].rows, subjects[1].rows
    if cand_rows and base_rows:
        for k in ("settle", "steady"):
            ratio = statistics.median(r[k] for r in cand_rows) / statistics.median(
                r[k] for r in base_rows
            )
            print(f"P4 ratio at {k}: {ratio:.2f} (target <= 1.15)")


if __name__ == "__main__":
    main()
