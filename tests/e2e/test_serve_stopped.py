"""However the server stops, its tabs end and their sessions are saved as interrupted: a coach
process never lives on with no page, its journal row left "running"."""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

import pytest

from .serve_helpers import home_tab, serving

pytest.importorskip("aiohttp")
ENDS_WITHIN = 5.0  # s: the tab's coach looks for its server twice a second


def tab_processes(server: int) -> list[int]:
    out = subprocess.run(["ps", "-o", "pid=", "--ppid", str(server)], capture_output=True)
    return [int(pid) for pid in out.stdout.split()]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    stat = Path(f"/proc/{pid}/stat")
    return not (stat.exists() and stat.read_text().split(")")[-1].split()[0] == "Z")


async def statuses_once_settled(journal: Path) -> list[str]:
    rows: list[str] = []
    for _ in range(int(ENDS_WITHIN * 10)):
        with sqlite3.connect(journal) as conn:
            rows = [row[0] for row in conn.execute("SELECT status FROM sessions")]
        if rows and "running" not in rows:
            break
        await asyncio.sleep(0.1)
    return rows


# SIGKILL: the server has no say, the tab's coach sees its parent gone (CoachApp); SIGTERM and
# SIGINT: the server ends its tabs at shutdown (serve_tabs.py), and the coach watch backs it up.
@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM", "SIGINT"])
async def test_stopping_the_server_ends_its_tabs_and_closes_their_rows(
    tmp_path: Path, how: str
) -> None:
    with serving(tmp_path) as served:
        server = served.process
        async with home_tab(served) as tab:
            await tab.press("\r")
            await tab.wait_for("Pause")
            await asyncio.sleep(1.0)  # the journal row opens after the first frame
            tabs = tab_processes(server.pid)
            assert len(tabs) == 1, tabs  # the coach itself, not a shell around it
            os.kill(server.pid, getattr(signal, how))
            deadline = time.monotonic() + ENDS_WITHIN
            while alive(tabs[0]) and time.monotonic() < deadline:
                await asyncio.sleep(0.1)
            assert not alive(tabs[0]), f"the tab's coach lives on {ENDS_WITHIN} s after {how}"
    assert await statuses_once_settled(tmp_path / "journal.sqlite3") == ["interrupted"]
