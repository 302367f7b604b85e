"""P1 start-up benchmark: time from spawn to the word "toes" on a real pty's screen.

Runs the candidate (`coach now`) and the baseline (tests/bench/bare_app.py, a bare Textual app)
alternately, so that machine noise hits both alike, and prints median / min / p90 for each and
the median ratio candidate/baseline. Also reads each run's peak memory (VmHWM) for P4, once the
program has stopped growing (`--steady`; tests/bench/memory_at.py shows it by stage).
If `termdown` is on PATH it is measured too, to its first non-empty screen.

    python tests/bench/startup.py [--runs 15] [--candidate "cmd"] [--coach PATH] [--json]

`--json` prints one JSON object (see `results`) instead of the table; tests/bench/run_all uses it.

Bytecode: a user's `pip install .` compiles every module to .pyc, and the baseline's Textual is
loaded from .pyc; an editable install under PYTHONDONTWRITEBYTECODE=1 (as on these machines)
would compile coach from source at every run, ~0.8 MiB and some ms the user never pays. So by
default both commands share a bytecode cache in a temporary folder (PYTHONPYCACHEPREFIX), filled
by the warm-up run; `--bytecode source` measures the old way.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.terminal import Pattern, Terminal, proc_status_kb  # noqa: E402

BARE_APP = Path(__file__).resolve().with_name("bare_app.py")
ANYTHING = re.compile(r"\S")  # termdown never says "toes": take its first drawn character


@dataclass
class Subject:
    name: str
    argv: list[str]
    until: Pattern
    seconds: list[float] = field(default_factory=list)
    peak_kb: list[int] = field(default_factory=list)
    failures: int = 0


def measure_once(subject: Subject, args: argparse.Namespace) -> None:
    """One spawn: record time to the text, then peak memory, then kill the process group."""
    with Terminal(subject.argv, env=args.child_env, cols=args.cols, rows=args.rows) as term:
        try:
            subject.seconds.append(term.wait_for(subject.until, timeout=args.timeout))
        except AssertionError as failure:
            subject.failures += 1
            print(f"{subject.name}: {failure}", file=sys.stderr)
            return
        # Lazy imports after the first frame still count towards peak memory: `coach now` paints
        # before Textual is even loaded, then loads it, the journal and sound for another
        # second or two. Reading at paint + settle caught it half-way (issue 20.4).
        time.sleep(args.settle)
        if args.steady:
            wait_until_steady(term, quiet=args.steady, limit=args.timeout)
        subject.peak_kb.append(term.peak_memory_kb())


def wait_until_steady(term: Terminal, quiet: float, limit: float) -> None:
    """Return once the program's own VmHWM has not grown for `quiet` seconds (or at `limit`)."""
    deadline = time.monotonic() + limit
    last, still_since = 0, time.monotonic()
    while time.monotonic() < deadline and time.monotonic() - still_since < quiet:
        try:
            now = proc_status_kb(term.pid, "VmHWM")
        except (OSError, ValueError):
            return  # it ended: what it reached is read as before
        if now > last:
            last, still_since = now, time.monotonic()
        time.sleep(0.02)


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: with 15 runs, p90 is the 14th fastest."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def report(subjects: list[Subject]) -> None:
    width = max(len(s.name) for s in subjects)
    print(f"{'command':<{width}} {'runs':>4} {'median':>8} {'min':>8} {'p90':>8} {'VmHWM':>9}")
    for s in subjects:
        if not s.seconds:
            print(f"{s.name:<{width}} {0:>4}   (never showed {s.until!r})")
            continue
        ms = [1000 * x for x in s.seconds]
        mib = statistics.median(s.peak_kb) / 1024 if s.peak_kb else 0.0
        fails = f"  ({s.failures} failed)" if s.failures else ""
        print(
            f"{s.name:<{width}} {len(ms):>4} {statistics.median(ms):>6.0f}ms {min(ms):>6.0f}ms "
            f"{percentile(ms, 0.9):>6.0f}ms {mib:>6.1f}MiB{fails}"
        )
    candidate, baseline = subjects[0], subjects[1]
    if candidate.seconds and baseline.seconds:
        time_ratio = statistics.median(candidate.seconds) / statistics.median(baseline.seconds)
        print(f"P1 median start-up ratio candidate/baseline: {time_ratio:.2f}")
    if candidate.peak_kb and baseline.peak_kb:
        mem_ratio = statistics.median(candidate.peak_kb) / statistics.median(baseline.peak_kb)
        print(f"P4 median peak memory ratio candidate/baseline: {mem_ratio:.2f}")


def results(subjects: list[Subject]) -> dict[str, object]:
    """The figures of `report` as plain values: per command, then the P1 and P4 ratios."""
    out: dict[str, object] = {"commands": []}
    for s in subjects:
        ms = [1000 * x for x in s.seconds]
        out["commands"].append(  # type: ignore[attr-defined]
            {
                "name": s.name,
                "runs": len(ms),
                "failures": s.failures,
                "median_ms": statistics.median(ms) if ms else None,
                "min_ms": min(ms) if ms else None,
                "p90_ms": percentile(ms, 0.9) if ms else None,
                "vmhwm_mib": statistics.median(s.peak_kb) / 1024 if s.peak_kb else None,
            }
        )
    candidate, baseline = subjects[0], subjects[1]
    out["p1_ratio"] = (
        statistics.median(candidate.seconds) / statistics.median(baseline.seconds)
        if candidate.seconds and baseline.seconds
        else None
    )
    out["p4_ratio"] = (
        statistics.median(candidate.peak_kb) / statistics.median(baseline.peak_kb)
        if candidate.peak_kb and baseline.peak_kb
        else None
    )
    return out


def candidate_argv(args: argparse.Namespace) -> list[str]:
    if args.candidate:
        return shlex.split(args.candidate)
    coach = args.coach or shutil.which("coach")
    if not coach:
        sys.exit("no `coach` on PATH: pass --coach PATH or --candidate 'command'")
    return [coach, "now"]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15, help="measured runs of each command")
    parser.add_argument("--warmup", type=int, default=1, help="unmeasured runs first (disk cache)")
    parser.add_argument("--candidate", help="command line to measure instead of `coach now`")
    parser.add_argument("--coach", help="path of the coach executable (default: from PATH)")
    parser.add_argument("--text", default="toes", help="text that marks the first instruction")
    parser.add_argument("--settle", type=float, default=0.5, help="seconds before reading VmHWM")
    parser.add_argument(
        "--steady",
        type=float,
        default=1.0,
        help="then wait until VmHWM has not grown for this many seconds before reading it, so "
        "both commands are read once loaded (0: read at paint + settle, as before issue 20.4)",
    )
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--no-termdown", action="store_true", help="skip termdown even if found")
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument(
        "--bytecode",
        choices=("cached", "source"),
        default="cached",
        help="cached: both run from .pyc, as after `pip install` (default); source: as the "
        "environment has it (PYTHONDONTWRITEBYTECODE may compile coach at every run)",
    )
    args = parser.parse_args()
    args.child_env = {}
    if args.bytecode == "cached":
        cache = tempfile.mkdtemp(prefix="coach-bench-pyc-")
        # An empty PYTHONDONTWRITEBYTECODE counts as unset; the warm-up run fills the cache.
        args.child_env = {"PYTHONDONTWRITEBYTECODE": "", "PYTHONPYCACHEPREFIX": cache}
        args.warmup = max(args.warmup, 1)
    return args


def main() -> None:
    args = parse_args()
    cand = candidate_argv(args)
    subjects = [
        Subject("candidate: " + shlex.join(cand), cand, args.text),
        Subject("baseline: bare_app.py", [sys.executable, str(BARE_APP)], args.text),
    ]
    termdown = shutil.which("termdown")
    if termdown and not args.no_termdown:
        subjects.append(Subject("termdown 30 (first screen)", [termdown, "30"], ANYTHING))
    for _ in range(args.warmup):
        for subject in subjects:
            measure_once(subject, args)
            subject.seconds.clear()
            subject.peak_kb.clear()
            subject.failures = 0
    for run in range(args.runs):
        # Alternate, and rotate who goes first, so drift and cache effects fall on all alike.
        for i in range(len(subjects)):
            measure_once(subjects[(run + i) % len(subjects)], args)
        print(f"\rrun {run + 1}/{args.runs}", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr, flush=True)
    if args.json:
        print(json.dumps({**results(subjects), "bytecode": args.bytecode}))
    else:
        print(f"bytecode: {args.bytecode} (see --help)")
        report(subjects)


if __name__ == "__main__":
    main()
