"""`coach serve` with browser tabs open: how long Ctrl+C takes, and what a tab costs.

    python tests/bench/serve_stop.py              # 3 runs, 1 tab in a session
    python tests/bench/serve_stop.py --tabs 4 --runs 5

Each run starts `coach --mute serve` in a fresh COACH_HOME, opens TABS websockets as the page
does (100x30), starts a relief session in each, reads every tab process's resident memory, then
sends SIGINT to the server alone and times its exit; it prints the seconds, the tabs' MiB and the
journal's session statuses. A huge resize is also sent to one tab (`--huge`) to see its memory
held to the clamped size. Run from the repository root (it imports tests/e2e/serve_helpers).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import signal
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.e2e.serve_helpers import BrowserTab, serving  # noqa: E402


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    return [int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


async def one_run(tabs: int, huge: bool) -> tuple[float, list[float], list[str]]:
    import aiohttp

    with tempfile.TemporaryDirectory() as home, serving(Path(home)) as served:
        async with aiohttp.ClientSession() as session:
            sockets = [await session.ws_connect(served.ws_url) for _ in range(tabs)]
            pages = [BrowserTab(ws) for ws in sockets]
            for page in pages:
                await page.wait_for("I'm cramping now", timeout=60)
                await page.press("\r")
            for page in pages:
                await page.wait_for("Pause", timeout=60)
            if huge:
                size = {"width": 100000, "height": 100000}
                await sockets[0].send_str(json.dumps(["resize", size]))
            await asyncio.sleep(2.0)
            memory = [rss_mib(pid) for pid in children(served.process.pid)]
            started = time.monotonic()
            served.process.send_signal(signal.SIGINT)
            while served.process.poll() is None:
                await asyncio.sleep(0.02)
            took = time.monotonic() - started
        with sqlite3.connect(Path(home) / "journal.sqlite3") as conn:
            statuses = [row[0] for row in conn.execute("SELECT status FROM sessions")]
    return took, memory, statuses


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabs", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--huge", action="store_true")
    options = parser.parse_args()
    times = []
    for run in range(options.runs):
        took, memory, statuses = asyncio.run(one_run(options.tabs, options.huge))
        times.append(took)
        shown = ", ".join(f"{m:.0f}" for m in memory)
        print(f"run {run + 1}: Ctrl+C to exit {took:.2f} s; tabs MiB [{shown}]; {statuses}")
    print(f"median {statistics.median(times):.2f} s, min {min(times):.2f} s")


if __name__ == "__main__":
    main()
