"""`coach serve` tried as an attacker would (issue 22): odd tokens, what the server prints,
odd sizes over the websocket, too many tabs, an empty --host, Ctrl+C with a tab open."""

from __future__ import annotations

import asyncio
import json
import signal
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .serve_helpers import BrowserTab, home_tab, serving

aiohttp = pytest.importorskip("aiohttp")


def status_of(url: str) -> int:
    try:
        with urllib.request.urlopen(url) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def tab_pids(server_pid: int) -> list[int]:
    """The server's child processes: one `coach` per open tab."""
    children = Path(f"/proc/{server_pid}/task/{server_pid}/children")
    return [int(pid) for pid in children.read_text().split()] if children.exists() else []


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def wait_until(check, timeout: float = 15.0) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        await asyncio.sleep(0.1)
    return bool(check())


def rest_of_output(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    out, _ = process.communicate(timeout=20)
    return out


@pytest.mark.parametrize("host", ["127.0.0.1", "0.0.0.0"])
def test_odd_tokens_are_refused_and_nothing_printed_repeats_the_token(
    tmp_path: Path, host: str
) -> None:
    with serving(tmp_path, "--host", host) as served:
        base = served.base
        for odd in ("%C3%A9", "%FF", "%00", "%F0%9F%98%80", served.token[:-1] + "%C3%A9"):
            assert status_of(f"{base}/?token={odd}") == 403, odd
            assert status_of(f"{base}/ws/{odd}") == 403, odd
        assert status_of(served.link) == 200
        assert status_of(f"{base}/static/js/textual.js") == 200
        later = rest_of_output(served.process)
    assert served.token not in later, later
    assert "Traceback" not in later and "500" not in later, later


async def test_odd_sizes_are_held_to_a_screen_and_the_tab_lives_on(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        async with home_tab(served) as tab:
            for width, height in ((100000, 100000), (-5, -5), ("100", "x"), (None, 30), (1.5, 2)):
                message = ["resize", {"width": width, "height": height}]
                await tab.ws.send_str(json.dumps(message))
            await tab.ws.send_str("not json")
            await tab.ws.send_str(json.dumps(["resize", "big"]))
            await tab.ws.send_str(json.dumps(["stdin", 5]))
            await tab.ws.send_str(json.dumps(["resize", {"width": 100, "height": 30}]))
            await tab.press("h")
            await tab.wait_for("Your cramp journal")  # the same process still answers
            (pid,) = tab_pids(served.process.pid)
            assert rss_mib(pid) < 300  # 100000 x 100000 grew it to about 2 GB


async def test_a_tab_s_process_ends_when_its_browser_goes(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        async with home_tab(served):
            assert len(tab_pids(served.process.pid)) == 1
        assert await wait_until(lambda: not tab_pids(served.process.pid))


ABRUPT_BROWSER = """
import asyncio, sys, aiohttp
async def main():
    async with aiohttp.ClientSession() as session:
        ws = await session.ws_connect(sys.argv[1])
        await ws.receive(timeout=30)
        print("connected", flush=True)
        await asyncio.sleep(120)
asyncio.run(main())
"""


async def test_a_tab_s_process_ends_when_its_browser_is_killed(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        browser = subprocess.Popen(
            [sys.executable, "-c", ABRUPT_BROWSER, served.ws_url], stdout=subprocess.PIPE, text=True
        )
        try:
            assert browser.stdout is not None and browser.stdout.readline() == "connected\n"
            assert len(tab_pids(served.process.pid)) == 1
        finally:
            browser.kill()  # no close frame: the connection just drops
            browser.wait()
        assert await wait_until(lambda: not tab_pids(served.process.pid))


async def test_more_tabs_than_the_cap_are_told_to_close_one(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            sockets = [await session.ws_connect(served.ws_url) for _ in range(4)]
            try:
                async with session.ws_connect(served.ws_url) as fifth:
                    tab = BrowserTab(fifth)
                    await tab.wait_for("open in 4 tabs already")
                    ending = await fifth.receive(timeout=10)
                    assert ending.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED)
                assert len(tab_pids(served.process.pid)) <= 4
            finally:
                for ws in sockets:
                    await ws.close()


async def test_ctrl_c_with_a_tab_open_ends_soon_and_saves_the_session(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        async with home_tab(served) as tab:
            await tab.press("\r")
            await tab.wait_for("Pause")
            await asyncio.sleep(1.0)  # the journal row opens after the first frame
            pids = tab_pids(served.process.pid)
            served.process.send_signal(signal.SIGINT)  # the server only, not the tab's group
            # 18 s before; the tab's app is asked to quit, then signalled (bench: tests/bench)
            served.process.wait(timeout=8)
    assert served.process.returncode == 0
    assert not [pid for pid in pids if Path(f"/proc/{pid}").exists()]
    with sqlite3.connect(tmp_path / "journal.sqlite3") as conn:
        rows = conn.execute("SELECT status FROM sessions").fetchall()
    assert rows == [("interrupted",)]


async def test_no_voice_reaches_the_tabs(tmp_path: Path) -> None:
    with serving(tmp_path, before=("--mute", "--no-voice")) as served:
        async with home_tab(served):
            (pid,) = tab_pids(served.process.pid)
            argv = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
            assert b"--no-voice" in argv and b"--mute" in argv


@pytest.mark.parametrize("host", ["", "  "])
def test_an_empty_host_is_refused(tmp_path: Path, host: str) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "coach", "serve", "--port", "1", "--host", host],
        env={"COACH_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.returncode == 2
    assert "--host needs an address" in done.stderr and "Traceback" not in done.stderr
    assert "Cramp Coach on" not in done.stdout
