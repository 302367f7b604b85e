"""P2 idle CPU benchmark: how much CPU a running countdown burns while the user just watches.

Starts each command in a real pty (80x24 unless told), waits for its screen (`--wait-for`),
presses `--keys` (a routine waits for Enter before its first hold), lets it settle, then takes
the CPU time of the process and its descendants over `--seconds` of wall time and prints the
share of one core. Commands run one after the other, round after round (`--rounds`), so they
never compete with each other and a busy moment of the machine falls on all of them; the table
shows medians and each command's ratio to termdown's share in the same run. `--together` runs
them all at once instead and samples them over the same seconds.

On these virtual machines a thread that wakes after a second asleep runs slowly (its caches are
cold): the same work costs two to five times more when the host is quiet than when it is busy,
for every command alike. Compare ratios from one run, never shares from two.

CPU time is read from /proc/PID/task/*/schedstat: nanoseconds each thread ran, where
/proc/PID/stat counts 10 ms ticks (a 0.5% share over 15 s is only 7 ticks). `--threads` prints
each thread's share and wakeups per second too (Textual's input thread, its writer thread...).

    python tests/bench/idle_cpu.py          # coach now and coach run nightly, vs termdown
    python tests/bench/idle_cpu.py --rounds 5 --seconds 20 --threads
    python tests/bench/idle_cpu.py --cmd "coach --mute run nightly-quick" --keys enter

`coach` is taken from PATH (run with the venv's bin first on PATH), and so is termdown
(`pip install termdown`; skipped when absent). COACH_HOME is a fresh temporary folder.
`--json` prints one JSON object instead of the table.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shlex
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.terminal import Terminal, descendants  # noqa: E402

BARE_APP = Path(__file__).resolve().with_name("bare_app.py")
_TICKS = os.sysconf("SC_CLK_TCK")


@dataclass
class Candidate:
    name: str
    argv: list[str]
    wait_for: str
    keys: list[str] = field(default_factory=list)
    shares: list[float] = field(default_factory=list)
    threads: dict[str, list[tuple[float, float]]] = field(default_factory=dict)


DEFAULTS = [
    # (command, text to wait for, keys to press then)
    ("coach --mute --no-voice now", "toes", []),
    ("coach --mute --no-voice run nightly", "step 1 of", ["enter"]),
]


def thread_times(pids: list[int]) -> dict[str, tuple[int, int]]:
    """{pid/tid name: (ns run, times switched in)} for every thread of `pids`."""
    out: dict[str, tuple[int, int]] = {}
    for pid in pids:
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                name = Path(f"/proc/{pid}/task/{tid}/comm").read_text().strip()
                ran, _waited, slices = Path(f"/proc/{pid}/task/{tid}/schedstat").read_text().split()
            except (OSError, ValueError):
                continue
            out[f"{pid}/{tid} {name}"] = (int(ran), int(slices))
    return out


def reaped_children_ns(pids: list[int]) -> int:
    """CPU time of children that ran and were reaped (cutime + cstime), in ns."""
    total = 0
    for pid in pids:
        try:
            stat = Path(f"/proc/{pid}/stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        total += (int(fields[13]) + int(fields[14])) * 1_000_000_000 // _TICKS
    return total


def measure(candidate: Candidate, args: argparse.Namespace, home: str) -> None:
    """Run one command alone and sample it."""
    with started(candidate, args, home) as term:
        time.sleep(args.settle)  # start-up work (imports, first layout) is not idling
        before = snapshot(term)
        time.sleep(args.seconds)
        record(candidate, term, before, snapshot(term))


def measure_together(measured: list[Candidate], args: argparse.Namespace, home: str) -> None:
    """Run every command at once and sample them over the same seconds: the same moment of a
    shared machine for all (each mostly sleeps; two cores)."""
    with ExitStack() as stack:
        terms = [stack.enter_context(started(c, args, home)) for c in measured]
        time.sleep(args.settle)
        before = [snapshot(term) for term in terms]
        time.sleep(args.seconds)
        after = [snapshot(term) for term in terms]
        for candidate, term, old, new in zip(measured, terms, before, after, strict=True):
            record(candidate, term, old, new)


@contextmanager
def started(candidate: Candidate, args: argparse.Namespace, home: str) -> Iterator[Terminal]:
    env = {"COACH_HOME": home}
    with Terminal(candidate.argv, cols=args.cols, rows=args.rows, env=env) as term:
        term.wait_for(re.compile(candidate.wait_for), timeout=args.timeout)
        if candidate.keys:
            time.sleep(0.3)  # past the app's answer gate
            term.press(*candidate.keys)
        yield term


Snapshot = tuple[float, dict[str, tuple[int, int]], int]


def snapshot(term: Terminal) -> Snapshot:
    pids = [term.pid, *descendants(term.pid)]
    return time.monotonic(), thread_times(pids), reaped_children_ns(pids)


def record(candidate: Candidate, term: Terminal, old: Snapshot, new: Snapshot) -> None:
    if term.exit_status() is not None:
        print(f"warning: {candidate.name} exited while sampled", file=sys.stderr)
    wall0, before, reaped0 = old
    wall1, after, reaped1 = new
    wall = wall1 - wall0
    ran = reaped1 - reaped0
    # Threads are labelled by start order (Python does not name them for /proc): the main
    # thread, then Textual's writer and input threads, then the app's own.
    for index, (key, (ns, slices)) in enumerate(sorted(after.items(), key=_task_order)):
        ns0, slices0 = before.get(key, (0, 0))
        ran += ns - ns0
        name = "main" if index == 0 else f"thread {index}"
        candidate.threads.setdefault(name, []).append(
            (100 * (ns - ns0) / 1e9 / wall, (slices - slices0) / wall)
        )
    candidate.shares.append(100 * ran / 1e9 / wall)


def _task_order(item: tuple[str, tuple[int, int]]) -> tuple[int, int]:
    pid, tid = item[0].split(" ", 1)[0].split("/")
    return int(pid), int(tid)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cmd", action="append", help="a command to measure (repeatable)")
    parser.add_argument("--coach", default="coach", help="the coach the default commands run")
    parser.add_argument("--wait-for", default=r"\S", help="regex --cmd shows before sampling")
    parser.add_argument("--keys", default="", help="keys to press after it, space separated")
    parser.add_argument("--seconds", type=float, default=15.0, help="wall time sampled")
    parser.add_argument("--settle", type=float, default=3.0, help="seconds before sampling")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--rounds", type=int, default=3, help="repeat the set, print medians")
    parser.add_argument("--baseline", action="store_true", help="also the bare Textual app")
    parser.add_argument("--no-termdown", action="store_true", help="skip termdown")
    parser.add_argument("--threads", action="store_true", help="each thread's share too")
    parser.add_argument(
        "--together", action="store_true", help="run the commands at once, not one by one"
    )
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    return parser.parse_args()


def candidates(args: argparse.Namespace) -> list[Candidate]:
    if args.cmd:
        keys = args.keys.split()
        chosen = [(cmd, args.wait_for, keys) for cmd in args.cmd]
    else:
        chosen = [
            (cmd.replace("coach", shlex.quote(args.coach), 1), w, k) for cmd, w, k in DEFAULTS
        ]
    out = [Candidate(cmd, shlex.split(cmd), wait, list(keys)) for cmd, wait, keys in chosen]
    if args.baseline:
        out.append(Candidate("bare_app.py", [sys.executable, str(BARE_APP)], r"\S"))
    termdown = None if args.no_termdown else shutil.which("termdown")
    if termdown:
        out.append(Candidate("termdown 10m", [termdown, "10m"], r"\S"))
    return out


def main() -> None:
    args = parse_args()
    measured = candidates(args)
    with tempfile.TemporaryDirectory(prefix="idle-cpu-") as home:
        for _round in range(args.rounds):
            if args.together:
                measure_together(measured, args, home)
                continue
            for candidate in measured:
                measure(candidate, args, home)
    median = {c.name: statistics.median(c.shares) for c in measured}
    reference = median.get("termdown 10m")
    if args.json:
        rows = [{"name": c.name, "cpu_percent": median[c.name], "runs": c.shares} for c in measured]
        print(json.dumps({"seconds": args.seconds, "commands": rows}))
        return
    width = max(len(c.name) for c in measured)
    how = "all at once" if args.together else "one after the other"
    print(f"{args.rounds} rounds of {args.seconds:.0f} s, {how}, {args.cols}x{args.rows}")
    print(f"{'command':<{width}}  {'CPU share':>9}  {'/ termdown':>10}   runs")
    for c in measured:
        ratio = f"{median[c.name] / reference:.2f}" if reference else "-"
        runs = " ".join(f"{v:.2f}" for v in c.shares)
        print(f"{c.name:<{width}}  {median[c.name]:>8.2f}%  {ratio:>10}   {runs}")
    if args.threads:
        print("\nper thread (median share, median wakeups a second):")
        for c in measured:
            for name, values in c.threads.items():
                share = statistics.median(v[0] for v in values)
                wakes = statistics.median(v[1] for v in values)
                print(f"  {c.name:<{width}}  {name:<16} {share:>6.3f}%  {wakes:>6.1f}/s")


if __name__ == "__main__":
    main()
