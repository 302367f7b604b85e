"""CPU time from process start to `coach now`'s first paint, side by side with Python printing a
word, and optionally with another tree of the code (an older commit checked out elsewhere).

CPU time, not wall time: on these shared machines it holds up under load (issue 20, part 4).
The paint is caught where it flushes (a fake terminal on sys.__stderr__), so nothing is drawn.

    python tests/bench/paint_cpu.py --runs 15 [--other /path/to/old/checkout]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parents[2]

PROBE = """
import io, os, sys, time
class Tty(io.StringIO):
    def isatty(self): return True
    def flush(self):
        os.write(1, f"{time.process_time():.5f}\\n".encode())
        os._exit(0)
sys.__stderr__ = Tty()
sys.stdin.isatty = sys.stdout.isatty = lambda: True
from coach.cli import main
main(["now"])
"""


def cpu_ms(argv: list[str], env: dict[str, str]) -> float:
    out = subprocess.run(argv, env=env, capture_output=True, text=True, check=True).stdout
    return float(out.split()[-1]) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--other", type=Path, help="another checkout to compare (its root)")
    args = parser.parse_args()
    base = {k: v for k, v in os.environ.items() if k != "COACH_HOME"}
    base["TERM"] = "xterm-256color"
    subjects = {
        "python print": (
            [sys.executable, "-c", "import time; print(time.process_time())"],
            base,
        ),
        "this checkout": ([sys.executable, "-c", PROBE], {**base, "PYTHONPATH": str(HERE)}),
    }
    if args.other:
        subjects["other"] = ([sys.executable, "-c", PROBE], {**base, "PYTHONPATH": str(args.other)})
    found: dict[str, list[float]] = {name: [] for name in subjects}
    for run in range(args.runs + 1):  # alternating; the first round warms the caches
        for name, (argv, env) in subjects.items():
            value = cpu_ms(argv, env)
            if run:
                found[name].append(value)
    floor = min(found["python print"])
    for name, values in found.items():
        low = min(values)
        print(
            f"{name:>14}: CPU to first paint  min {low:6.1f} ms  median "
            f"{statistics.median(values):6.1f} ms  above the floor {low - floor:6.1f} ms"
        )


if __name__ == "__main__":
    main()
