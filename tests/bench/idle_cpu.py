"""P2 idle CPU benchmark: how much CPU a running screen burns while the user just watches.

Starts the command in a real pty, waits for its first screen (or --wait-for TEXT), lets it
settle, then samples utime+stime of the process and its descendants from /proc over --seconds
of wall time and prints CPU share = (user+sys)/wall. The bare Textual app (a static screen)
does the same as the baseline, one after the other so they do not compete for the CPU.

    python tests/bench/idle_cpu.py [--cmd "coach run nightly-quick"] [--seconds 20] [--json]
    python tests/bench/idle_cpu.py --cmd "coach --mute now" --wait-for toes --rounds 3

When `termdown` is on PATH (`pip install termdown`), `termdown 10m` counting down is measured
too, in the same run, and the candidate's share is printed as a ratio of termdown's and of the
bare app's. `--rounds N` repeats the whole set N times, alternating, and prints medians.

`--json` prints one JSON object (a list of commands with their CPU share) instead of the table.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.terminal import Terminal  # noqa: E402

BARE_APP = Path(__file__).resolve().with_name("bare_app.py")


def cpu_share(
    argv: list[str], args: argparse.Namespace, wait_for: str | None
) -> tuple[float, float]:
    """Return (CPU share in percent, seconds sampled) for one command."""
    until = re.compile(wait_for) if wait_for else re.compile(r"\S")
    with Terminal(argv, cols=args.cols, rows=args.rows) as term:
        term.wait_for(until, timeout=args.timeout)
        time.sleep(args.settle)  # start-up work (imports, first layout) is not idling
        wall0, cpu0 = time.monotonic(), term.cpu_seconds()
        time.sleep(args.seconds)
        wall1, cpu1 = time.monotonic(), term.cpu_seconds()
        if term.exit_status() is not None:
            print(f"warning: {shlex.join(argv)} exited while sampled", file=sys.stderr)
    wall = wall1 - wall0
    return 100 * (cpu1 - cpu0) / wall, wall


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cmd", default="coach run nightly-quick", help="command line to measure")
    parser.add_argument("--wait-for", help="regex the candidate shows before sampling (else any)")
    parser.add_argument("--seconds", type=float, default=20.0, help="wall time sampled")
    parser.add_argument("--settle", type=float, default=1.0, help="seconds between text and sample")
    parser.add_argument("--timeout", type=float, default=30.0)
    parser.add_argument("--no-baseline", action="store_true", help="skip the bare app")
    parser.add_argument("--cols", type=int, default=80)
    parser.add_argument("--rows", type=int, default=24)
    parser.add_argument("--json", action="store_true", help="print one JSON object instead")
    parser.add_argument("--rounds", type=int, default=1, help="repeat the set, print medians")
    parser.add_argument("--no-termdown", action="store_true", help="skip termdown")
    return parser.parse_args()


def main() -> None:
    args = parse_args()
    commands = [("candidate: " + args.cmd, shlex.split(args.cmd))]
    if not args.no_baseline:
        commands.append(("baseline: bare_app.py", [sys.executable, str(BARE_APP)]))
    termdown = None if args.no_termdown else shutil.which("termdown")
    if termdown:
        commands.append(("termdown 10m", [termdown, "10m"]))
    width = max(len(name) for name, _ in commands)
    shares: dict[str, list[float]] = {name: [] for name, _ in commands}
    walls: dict[str, list[float]] = {name: [] for name, _ in commands}
    for _round in range(args.rounds):
        for name, argv in commands:
            wait_for = args.wait_for if name.startswith("candidate") else None
            share, wall = cpu_share(argv, args, wait_for)
            shares[name].append(share)
            walls[name].append(wall)
    median = {name: statistics.median(values) for name, values in shares.items()}
    if args.json:
        measured = [
            {"name": n, "wall_s": sum(walls[n]), "cpu_percent": median[n], "runs": shares[n]}
            for n, _ in commands
        ]
        print(json.dumps({"commands": measured}))
        return
    print(f"{'command':<{width}} {'wall':>7} {'CPU share':>10}   runs")
    for name, _ in commands:
        runs = " ".join(f"{v:.2f}" for v in shares[name])
        print(f"{name:<{width}} {sum(walls[name]):>6.1f}s {median[name]:>9.2f}%   {runs}")
    candidate = median[commands[0][0]]
    for name, _ in commands[1:]:
        if median[name] > 0:
            print(f"candidate / {name}: {candidate / median[name]:.2f}")


if __name__ == "__main__":
    main()
