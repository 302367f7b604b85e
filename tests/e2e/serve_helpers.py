"""What the `coach serve` tests share: start the server, and read the app through the websocket
the page uses (textual-serve: JSON text frames in, the terminal's bytes back as binary frames)."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pyte

START_TIMEOUT = 30.0
STEP_TIMEOUT = 15.0
HOME_TEXT = "I'm cramping now"
FIRST_INSTRUCTION = "Pull your toes and the ball of your foot toward you"
URGENT_TEXT = "Urgent help"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Served:
    """A running `coach serve`: its port, its process, the token and link it printed."""

    port: int
    process: subprocess.Popen[str]
    link: str
    token: str
    printed: list[str] = field(default_factory=list)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def ws_url(self) -> str:
        path = f"/ws/{self.token}" if self.token else "/ws"  # no token: an old server's path
        return f"ws://127.0.0.1:{self.port}{path}?width=100&height=30"


@contextmanager
def serving(home: Path, *args: str, before: tuple[str, ...] = ("--mute",)) -> Iterator[Served]:
    """`coach --mute serve --port P ARGS...` in its own COACH_HOME, until the block ends. Its
    first line (the link, with the token) is read here; the rest is left to the test."""
    port = free_port()
    env = {**os.environ, "COACH_HOME": str(home), "COACH_EMERGENCY_NUMBER": "999"}
    command = [sys.executable, "-m", "coach", *before, "serve", "--port", str(port), *args]
    process = subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )
    try:
        assert process.stdout is not None
        first = process.stdout.readline()
        link = _link_in(first) if "?token=" in first else ""
        deadline = time.monotonic() + START_TIMEOUT
        while not listening(port):
            if process.poll() is not None or time.monotonic() > deadline:
                out = process.stdout.read() if process.stdout else ""
                raise AssertionError(f"coach serve did not start: {first}{out}")
            time.sleep(0.1)
        yield Served(port, process, link, link.rpartition("?token=")[2], [first])
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _link_in(line: str) -> str:
    return next(word for word in line.split() if "?token=" in word)


def listening(port: int, host: str = "127.0.0.1") -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.2):
            return True
    except OSError:
        return False


class BrowserTab:
    """One page's websocket: keys in, screen out (rendered with pyte)."""

    def __init__(self, ws, cols: int = 100, rows: int = 30) -> None:  # type: ignore[no-untyped-def]
        self.ws = ws
        self.screen = pyte.Screen(cols, rows)
        self.stream = pyte.ByteStream(self.screen)

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    async def press(self, keys: str) -> None:
        await self.ws.send_str(json.dumps(["stdin", keys]))

    async def wait_for(self, wanted: str, timeout: float = STEP_TIMEOUT) -> str:
        import aiohttp

        deadline = time.monotonic() + timeout
        while wanted not in self.text.replace("\n", " ") and wanted not in self.text:
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"{wanted!r} not on the page; it shows:\n{self.text}")
            try:
                message = await self.ws.receive(timeout=left)
            except TimeoutError:
                continue
            if message.type == aiohttp.WSMsgType.BINARY:
                self.stream.feed(message.data)
            elif message.type in (aiohttp.WSMsgType.CLOSE, aiohttp.WSMsgType.CLOSED):
                raise AssertionError(f"the app closed before showing {wanted!r}:\n{self.text}")
        return self.text


def lan_or_none() -> str | None:
    from coach.commands.serve import lan_address

    address = lan_address()
    return None if address is None or address.startswith("127.") else address


@asynccontextmanager
async def home_tab(served: Served) -> AsyncIterator[BrowserTab]:
    """One tab on the served coach, 100x30, once its home screen is up (aiohttp: the tests
    that use this skip without it)."""
    import aiohttp

    async with aiohttp.ClientSession() as session:
        async with session.ws_connect(served.ws_url) as ws:
            tab = BrowserTab(ws)
            await tab.wait_for(HOME_TEXT)
            yield tab
