"""A page reloaded mid-relief (or a phone that slept and reloads it) loses nothing: the new page's
home offers the session at once, `r` picks it up at the step it was on, with the time that real
time left, and the journal carries on the same row. Debian's chromium through playwright."""

from __future__ import annotations

import json
import re
import sqlite3
import time
from pathlib import Path

import pytest

from .serve_helpers import FIRST_INSTRUCTION, HOME_TEXT, START_TIMEOUT, serving
from .test_serve_browser import Received, launch, wait_for

OFFER = "Pick up your cramp relief"
STRETCH_S = 30  # the first stretch of cramp-now
AWAY_S = 12  # into it when the page reloads


class Reloaded(Received):
    """What the page shows, started afresh with each websocket (a reload opens a new one)."""

    def on_websocket(self, ws) -> None:  # type: ignore[no-untyped-def]
        self.screen.reset()
        super().on_websocket(ws)


def rows(journal: Path) -> list[tuple[int, str, str | None]]:
    if not journal.exists():
        return []
    with sqlite3.connect(journal) as conn:
        return list(conn.execute("SELECT id, status, position FROM sessions ORDER BY id"))


def wait_rows(journal: Path, ok, what: str, timeout: float = 10.0):  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while True:
        found = rows(journal)
        if ok(found):
            return found
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: the journal has {found}")
        time.sleep(0.1)


def test_a_reload_mid_relief_offers_it_and_r_carries_on_with_the_time_right(
    tmp_path: Path,
) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    journal = tmp_path / "journal.sqlite3"
    with serving(tmp_path) as served, sync_api.sync_playwright() as p:
        browser = launch(sync_api, p)
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            received = Reloaded()
            page.on("websocket", received.on_websocket)
            page.goto(served.link)
            wait_for(page, received, HOME_TEXT, START_TIMEOUT)
            page.keyboard.press("Enter")
            wait_for(page, received, FIRST_INSTRUCTION, START_TIMEOUT)
            ((row, _, position),) = wait_rows(
                journal, lambda r: len(r) == 1 and r[0][2], "a running row with its position"
            )
            stretch_began = json.loads(position)["started_wall"]
            page.wait_for_timeout(AWAY_S * 1000)

            page.reload()  # the old tab's coach ends, its row saved as interrupted
            wait_for(page, received, OFFER, START_TIMEOUT)
            wait_for(page, received, " left", START_TIMEOUT)
            shown = received.text.replace("\n", " ")
            left = re.search(r"(\d+):(\d\d) left", shown)
            assert left is not None, shown
            offered_left = int(left[1]) * 60 + int(left[2])
            assert 0 < offered_left <= STRETCH_S - AWAY_S + 1  # not the stretch from its start
            assert wait_rows(journal, lambda r: r[0][1] == "interrupted", "saved")[0][0] == row

            page.keyboard.press("r")
            wait_for(page, received, "step 1 of 6", START_TIMEOUT)  # the same step
            # The same row, running again (one cramp, not two), and the stretch it keeps began
            # when the first page started it: its time went on, it did not start again.
            ((again, status, kept),) = wait_rows(
                journal, lambda r: r[0][1] == "running", "picked up"
            )
            assert (again, status) == (row, "running")
            assert abs(json.loads(kept)["started_wall"] - stretch_began) < 0.5
            wait_for(page, received, "Has it let go?", STRETCH_S + 10)
        finally:
            browser.close()
