"""`coach serve` in a real browser: Debian's chromium driven by playwright (its own browser
download cannot work here, so executable_path). Home, Enter, the first instruction, `!`."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pyte
import pytest

from .serve_helpers import FIRST_INSTRUCTION, HOME_TEXT, START_TIMEOUT, URGENT_TEXT, serving

CHROMIUM = os.environ.get("COACH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


class Received:
    """The terminal output the page's websocket received, rendered with pyte. xterm.js draws on a
    canvas (WebGL), so there is no text in the DOM to read: these are the bytes the page drew."""

    def __init__(self) -> None:
        self.screen = pyte.Screen(100, 40)
        self.stream = pyte.ByteStream(self.screen)
        self.frames = 0

    def on_websocket(self, ws) -> None:  # type: ignore[no-untyped-def]
        query = parse_qs(urlsplit(ws.url).query)
        self.resize(int(query["width"][0]), int(query["height"][0]))
        ws.on("framereceived", self.on_frame)
        ws.on("framesent", self.on_sent)

    def resize(self, width: int, height: int) -> None:
        self.screen.resize(lines=height, columns=width)

    def on_sent(self, payload) -> None:  # type: ignore[no-untyped-def]
        message = json.loads(payload) if isinstance(payload, str) else None
        if isinstance(message, list) and message[:1] == ["resize"]:
            self.resize(int(message[1]["width"]), int(message[1]["height"]))

    def on_frame(self, payload) -> None:  # type: ignore[no-untyped-def]
        if isinstance(payload, bytes):
            self.frames += 1
            self.stream.feed(payload)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)


def wait_for(page, received: Received, wanted: str, timeout: float) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while wanted not in received.text.replace("\n", " ") and wanted not in received.text:
        if time.monotonic() > deadline:
            raise AssertionError(f"{wanted!r} not in the page; it shows:\n{received.text}")
        page.wait_for_timeout(200)


def test_in_chromium(tmp_path: Path) -> None:
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with serving(tmp_path) as served, sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        try:
            page = browser.new_page(viewport={"width": 1000, "height": 800})
            received = Received()
            page.on("websocket", received.on_websocket)
            page.goto(served.link)  # the printed link, with its token
            wait_for(page, received, HOME_TEXT, START_TIMEOUT)
            page.locator("#terminal").click()  # xterm.js takes keys once it has the focus
            page.keyboard.press("Enter")
            wait_for(page, received, FIRST_INSTRUCTION, START_TIMEOUT)
            page.keyboard.press("Shift+Digit1")  # !
            wait_for(page, received, URGENT_TEXT, START_TIMEOUT)
        finally:
            browser.close()


PHONE = {"width": 390, "height": 844}


def launch(sync_api, p):  # type: ignore[no-untyped-def]
    if not Path(CHROMIUM).exists():
        pytest.skip(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    return p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])


def cell_centre(page, received: Received, text: str, row: int | None = None):  # type: ignore[no-untyped-def]
    """Where on the page the terminal draws `text` (its middle), from the pyte screen and the
    terminal element's size: xterm.js draws on a canvas, the cells are even."""
    lines = received.screen.display
    rows = [row] if row is not None else range(len(lines))
    for y in rows:
        x = lines[y].find(text)
        if x >= 0:
            box = page.locator("#terminal .xterm-screen").bounding_box()
            cell_w = box["width"] / received.screen.columns
            cell_h = box["height"] / received.screen.lines
            return box["x"] + (x + len(text) / 2) * cell_w, box["y"] + (y + 0.5) * cell_h
    raise AssertionError(f"{text!r} not on the page:\n{received.text}")


def test_on_a_phone_it_is_readable_and_tappable(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with serving(tmp_path) as served, sync_api.sync_playwright() as p:
        browser = launch(sync_api, p)
        try:
            context = browser.new_context(
                viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=3
            )
            page = context.new_page()
            received = Received()
            page.on("websocket", received.on_websocket)
            page.goto(served.link)
            assert page.locator('meta[name="viewport"]').count() == 1
            wait_for(page, received, HOME_TEXT, START_TIMEOUT)
            columns, rows = received.screen.columns, received.screen.lines
            assert 40 <= columns <= 50, (columns, rows)  # the issue saw 104 columns
            box = page.locator("#terminal").bounding_box()
            assert box["width"] >= PHONE["width"] - 1 and box["height"] >= 0.9 * PHONE["height"]
            page.touchscreen.tap(*cell_centre(page, received, HOME_TEXT))
            wait_for(page, received, "Leg straight", START_TIMEOUT)  # wrapped at ~44 columns
            bottom = received.screen.lines - 1
            wait_for(page, received, " Next ", START_TIMEOUT)
            page.touchscreen.tap(*cell_centre(page, received, " Next ", bottom))
            wait_for(page, received, "Has it let go?", START_TIMEOUT)
            wait_for(page, received, "Yes, it has let", START_TIMEOUT)  # a large target (wrapped)
            page.touchscreen.tap(*cell_centre(page, received, "Yes, it has let"))
            wait_for(page, received, "Rub the muscle", START_TIMEOUT)
            wait_for(page, received, "Pause", START_TIMEOUT)
            page.touchscreen.tap(*cell_centre(page, received, "Pause", bottom))
            wait_for(page, received, "Paused", START_TIMEOUT)
            page.touchscreen.tap(*cell_centre(page, received, "Urgent help", bottom))
            wait_for(page, received, "999", START_TIMEOUT)
        finally:
            browser.close()


def test_on_a_desktop_enter_works_without_a_click(tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with serving(tmp_path) as served, sync_api.sync_playwright() as p:
        browser = launch(sync_api, p)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            received = Received()
            page.on("websocket", received.on_websocket)
            page.goto(served.link)
            wait_for(page, received, HOME_TEXT, START_TIMEOUT)
            page.keyboard.press("Enter")  # the page focused the terminal on load
            wait_for(page, received, FIRST_INSTRUCTION, START_TIMEOUT)
        finally:
            browser.close()
