"""Issue 26: close the terminal under `coach` and `coach now` mid-repaint, count what is left.

Each run starts the command in a 100x30 pty, waits for Textual's application mode, makes it
repaint with a few resizes (TIOCSWINSZ, so SIGWINCH), closes the pty's master side, waits 5 s,
sends SIGTERM, waits 2 s, and counts a process still alive then as a survivor (then kills it).
`--stacks` makes every run's Python dump all its threads' stacks to a file on SIGUSR1 (through
a sitecustomize on PYTHONPATH); a survivor's stacks are printed before it is killed.

    python tests/bench/terminal_gone.py                        # 30 runs of each, 3 at a time
    python tests/bench/terminal_gone.py --runs 50 --parallel 2 --stacks --cmd now

`coach` is the one next to this interpreter (the venv's). COACH_HOME is a fresh temp folder per run.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from e2e.hangup import Outcome, close_mid_repaint  # noqa: E402
from e2e.installed import journal_rows  # noqa: E402

COACH = Path(sys.executable).parent / "coach"
COMMANDS = {"coach": [], "now": ["now"]}
SITECUSTOMIZE = """\
import faulthandler, os, signal
_dump = open(os.path.join({folder!r}, "stacks-%d.txt" % os.getpid()), "w")
faulthandler.register(signal.SIGUSR1, file=_dump, all_threads=True)
"""


def one_run(name: str, seed: int, stacks: str | None) -> tuple[str, Outcome, str, list[str]]:
    with tempfile.TemporaryDirectory(prefix="coach-gone-") as home:
        env = {"COACH_HOME": home, "COACH_EMERGENCY_NUMBER": "999"}
        if stacks:
            env["PYTHONPATH"] = stacks
        dumped = ""

        def dump(pid: int) -> None:
            nonlocal dumped
            os.kill(pid, signal.SIGUSR1)
            time.sleep(0.5)
            path = Path(stacks or "", f"stacks-{pid}.txt")
            dumped = path.read_text() if path.exists() else "(no stacks written)"

        argv = [str(COACH), "--mute", *COMMANDS[name]]
        outcome = close_mid_repaint(
            argv, env, rng=random.Random(seed), before_kill=dump if stacks else None
        )
        rows = [status for _, _, status in journal_rows(Path(home))]
        return name, outcome, dumped, rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=30, help="runs of each command")
    parser.add_argument("--parallel", type=int, default=3)
    parser.add_argument("--cmd", choices=[*COMMANDS, "both"], default="both")
    parser.add_argument("--seed", type=int, default=26)
    parser.add_argument("--stacks", action="store_true", help="print a survivor's stacks")
    args = parser.parse_args()

    names = list(COMMANDS) if args.cmd == "both" else [args.cmd]
    jobs = [(name, args.seed + i) for i in range(args.runs) for name in names]
    with tempfile.TemporaryDirectory(prefix="coach-stacks-") as folder:
        stacks = None
        if args.stacks:
            Path(folder, "sitecustomize.py").write_text(SITECUSTOMIZE.format(folder=folder))
            stacks = folder
        started = time.monotonic()
        with ThreadPoolExecutor(args.parallel) as pool:
            results = list(pool.map(lambda job: one_run(*job, stacks), jobs))
        took = time.monotonic() - started

    for name in names:
        mine = [outcome for n, outcome, _, _ in results if n == name]
        rows = Counter(row for n, _, _, rows in results if n == name for row in rows)
        hung = sum(o.alive_after_hangup for o in mine)
        left = sum(o.alive_after_term for o in mine)
        not_started = sum(not o.started for o in mine)
        statuses = Counter(o.status for o in mine)
        print(
            f"{name:6} runs {len(mine):3}  alive 5 s after hangup {hung:3}  "
            f"alive 2 s after SIGTERM {left:3}  never reached app mode {not_started}  "
            f"exit statuses {dict(statuses)}  journal rows {dict(rows)}"
        )
    for name, outcome, dumped, _ in results:
        if outcome.alive_after_term and dumped:
            print(f"\n--- survivor {name} pid {outcome.pid} ---\n{dumped}")
    print(f"took {took:.1f} s")
    return 1 if any(o.alive_after_term for _, o, _, _ in results) else 0


if __name__ == "__main__":
    sys.exit(main())
