"""`coach serve` through the websocket the page uses: home, Enter, the first instruction, `!`;
localhost only by default; the printed token always, on localhost too; two tabs, one journal."""

from __future__ import annotations

import sqlite3
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from .serve_helpers import (
    FIRST_INSTRUCTION,
    HOME_TEXT,
    URGENT_TEXT,
    BrowserTab,
    home_tab,
    lan_or_none,
    listening,
    serving,
)

aiohttp = pytest.importorskip("aiohttp")


def status_of(url: str, headers: dict[str, str] | None = None) -> int:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as reply:
            return int(reply.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


async def test_the_page_and_its_websocket_run_the_coach(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        assert served.link == f"http://127.0.0.1:{served.port}/?token={served.token}"
        page = urllib.request.urlopen(served.link).read().decode()
        ws = f"ws://127.0.0.1:{served.port}/ws/{served.token}"
        assert f'data-session-websocket-url="{ws}"' in page
        assert "googleapis" not in page  # the page asks nothing of the internet
        async with home_tab(served) as tab:
            await tab.press("\r")
            await tab.wait_for(FIRST_INSTRUCTION)
            await tab.press("!")
            await tab.wait_for(URGENT_TEXT)
            await tab.wait_for("999")


def test_it_listens_on_localhost_only_and_needs_the_token_there_too(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        port, token = served.port, served.token
        assert listening(port, "127.0.0.1")
        lan = lan_or_none()
        if lan is not None:
            assert not listening(port, lan)
        # another user or program on this computer, without the link, gets nothing
        assert len(token) >= 20
        assert status_of(f"{served.base}/") == 403
        assert status_of(f"{served.base}/ws") in (403, 404)
        assert status_of(f"{served.base}/?token=wrong") == 403
        assert status_of(f"{served.base}/ws/wrong") == 403
        assert status_of(served.link) == 200
        # a page from another site, or a name that rebinds to 127.0.0.1, is refused even with it
        evil = {"Origin": "https://evil.example"}
        assert status_of(f"{served.base}/ws/{token}", evil) == 403
        assert status_of(served.link, {"Host": f"evil.example:{port}"}) == 403


def test_another_address_needs_the_printed_token(tmp_path: Path) -> None:
    with serving(tmp_path, "--host", "0.0.0.0") as served:
        assert "for your network" in served.printed[0], served.printed
        token = served.token
        assert len(token) >= 20
        base = served.base
        assert status_of(f"{base}/") == 403
        assert status_of(f"{base}/?token=wrong") == 403
        assert status_of(f"{base}/ws") in (403, 404)
        assert status_of(f"{base}/ws/wrong") in (403, 404)
        assert status_of(f"{base}/?token={token}") == 200
        page = urllib.request.urlopen(f"{base}/?token={token}").read().decode()
        assert f"/ws/{token}" in page


async def test_two_tabs_at_once_write_one_journal(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        async with aiohttp.ClientSession() as session:
            url = served.ws_url
            async with session.ws_connect(url) as ws1, session.ws_connect(url) as ws2:
                tabs = [BrowserTab(ws1), BrowserTab(ws2)]
                for tab in tabs:
                    await tab.wait_for(HOME_TEXT, timeout=40)
                    await tab.press("\r")
                for tab in tabs:
                    await tab.wait_for(FIRST_INSTRUCTION, timeout=40)
                    await tab.wait_for("Pause")  # the key bar: the session row is being written
                rows = []
                for _ in range(50):
                    with sqlite3.connect(tmp_path / "journal.sqlite3") as conn:
                        rows = conn.execute("SELECT kind, status, pid FROM sessions").fetchall()
                    if len(rows) == 2:
                        break
                    import asyncio

                    await asyncio.sleep(0.2)
                assert len(rows) == 2, rows
                assert {r[0] for r in rows} == {"relief"} and {r[1] for r in rows} == {"running"}
                assert rows[0][2] != rows[1][2]  # a process each


async def test_history_and_the_builder_work_through_it(tmp_path: Path) -> None:
    with serving(tmp_path) as served:
        async with home_tab(served) as tab:
            await tab.press("h")
            await tab.wait_for("Your cramp journal")
            await tab.press("\x1b")
            await tab.wait_for(HOME_TEXT)
            await tab.press("b")
            await tab.wait_for("Save")


async def test_closing_the_tab_saves_the_session_as_interrupted(tmp_path: Path) -> None:
    import asyncio

    with serving(tmp_path) as served:
        async with home_tab(served) as tab:
            await tab.press("\r")
            await tab.wait_for("Pause")
            await asyncio.sleep(1.0)  # the journal row opens after the first frame
        rows: list = []
        for _ in range(100):
            with sqlite3.connect(tmp_path / "journal.sqlite3") as conn:
                rows = conn.execute("SELECT status FROM sessions").fetchall()
            if rows and rows[0][0] != "running":
                break
            await asyncio.sleep(0.1)
        assert rows == [("interrupted",)]
