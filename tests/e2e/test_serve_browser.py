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
