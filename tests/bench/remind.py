"""`coach remind` runs at every shell start: it must stay under 50 ms. This times it beside
`python -c pass` (the floor of any Python command), alternating runs, and prints median / min.

    python tests/bench/remind.py [--runs 30] [--coach PATH]

Three cases, each in its own COACH_HOME: before the set time (nothing opened), past it with no
journal, and past it with a journal of 3,000 sessions (the query the nudge makes).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

BUDGET_MS = 50.0


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, env=env, stdout=subprocess.DEVNULL, check=True)
    return (time.perf_counter() - start) * 1000


def home_with(settings: str, sessions: int) -> str:
    home = tempfile.mkdtemp(prefix="remind-bench-")
    Path(home, "settings.yaml").write_text(settings, encoding="utf-8")
    if sessions:
        env = {**os.environ, "COACH_HOME": home}
        code = (
            "from datetime import datetime, timedelta\n"
            "from coach.core.journal.store import Journal\n"
            "j = Journal.open(); now = datetime.now().astimezone()\n"
            f"for i in range({sessions}):\n"
            "    t = now - timedelta(hours=8 * i + 30)\n"
            "    kind = 'prevention' if i % 2 else 'relief'\n"
            "    s = j.start_session('nightly', kind, started=t)\n"
            "    j.end_session(s, 'completed', ended=t + timedelta(minutes=5))\n"
            "j.close()\n"
        )
        subprocess.run([sys.executable, "-c", code], env=env, check=True)
    return home


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--coach", default=str(Path(sys.executable).with_name("coach")))
    args = parser.parse_args()
    late = (datetime.now() - timedelta(minutes=1)).strftime("%H:%M")
    early = (datetime.now() + timedelta(minutes=2)).strftime("%H:%M")
    if late > datetime.now().strftime("%H:%M") or early < datetime.now().strftime("%H:%M"):
        late, early = "00:00", "23:59"  # around midnight: one of the cases is then the same
    cases = {
        "python -c pass": ([sys.executable, "-c", "pass"], home_with("", 0)),
        "remind, before the time": (
            [args.coach, "remind"],
            home_with(f'remind_at: "{early}"\n', 0),
        ),
        "remind, no journal": ([args.coach, "remind"], home_with(f'remind_at: "{late}"\n', 0)),
        "remind, 3000 sessions": (
            [args.coach, "remind"],
            home_with(f'remind_at: "{late}"\n', 3000),
        ),
    }
    times: dict[str, list[float]] = {name: [] for name in cases}
    for run in range(args.runs + 1):
        for name, (command, home) in cases.items():
            elapsed = timed(command, {**os.environ, "COACH_HOME": home})
            if run:  # the first round warms the disk cache and the bytecode
                times[name].append(elapsed)
    floor = statistics.median(times["python -c pass"])
    print(f"{'case':<26}{'median ms':>10}{'min ms':>9}{'- floor':>9}")
    worst = 0.0
    for name, values in times.items():
        median = statistics.median(values)
        worst = max(worst, median)
        print(f"{name:<26}{median:>10.1f}{min(values):>9.1f}{median - floor:>9.1f}")
    print(
        f"budget {BUDGET_MS:.0f} ms: {'met' if worst < BUDGET_MS else 'NOT met'} ({args.runs} runs)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
