"""The browser tabs of `coach serve`: one `coach` process each, no more than MAX_TABS, and none
left behind when its browser goes or the server stops.

This replaces textual-serve's handle_websocket (a public method of its Server) with the same
steps through its public AppService, plus: the page's messages read by serve_limits, the tab
count, and an ending that does not wait for ever. textual-serve's own loop trusted every
message, and when the browser went it stopped reading the app's output, so a busy app could
block writing and never see its "quit"; its process lived on.
"""

from __future__ import annotations

import asyncio
import json
import signal
from typing import TYPE_CHECKING, Any

from coach.commands.serve_limits import MAX_TABS, query_size, read_message

if TYPE_CHECKING:
    from aiohttp import web

QUIT_GRACE = 1.5  # seconds for a tab's app to save its session after "quit" (about 0.3 s idle)
TERM_GRACE = 1.0  # then SIGTERM (Textual's web driver exits the app on it), then SIGKILL
FULL = (
    "\r\nCramp Coach is open in {n} tabs already (the most this server runs).\r\n"
    "Close one of them, then reload this page.\r\n"
)


class Tabs:
    """The open tabs: their app services and websockets, counted before any await."""

    def __init__(self, limit: int = MAX_TABS) -> None:
        self.limit = limit
        self.open: dict[Any, web.WebSocketResponse] = {}
        self.reserved = 0

    def reserve(self) -> bool:
        if self.reserved >= self.limit:
            return False
        self.reserved += 1
        return True

    def release(self) -> None:
        self.reserved -= 1

    async def end_all(self) -> None:
        """The server stops: every tab's app ends at once, then its websocket closes."""
        await asyncio.gather(*(end_tab(service) for service in list(self.open)))
        await asyncio.gather(*(ws.close() for ws in list(self.open.values())))


async def run_tab(
    command: str, download_manager: Any, tabs: Tabs, request: web.Request
) -> web.WebSocketResponse:
    from aiohttp import WSMsgType, web
    from textual_serve.app_service import AppService

    websocket = web.WebSocketResponse(heartbeat=15)
    if not tabs.reserve():
        await websocket.prepare(request)
        await websocket.send_bytes(FULL.format(n=tabs.limit).encode())
        await websocket.close()
        return websocket
    service = None
    try:
        await websocket.prepare(request)
        service = AppService(
            command,
            write_bytes=_quiet(websocket, websocket.send_bytes),
            write_str=_sounds_for_the_page(_quiet(websocket, websocket.send_str)),
            close=_closer(websocket),
            download_manager=download_manager,
        )
        tabs.open[service] = websocket
        await service.start(*query_size(request.query.get("width"), request.query.get("height")))
        async for message in websocket:
            if message.type == WSMsgType.TEXT:
                await _deliver(service, websocket, message.data)
    except (asyncio.CancelledError, ConnectionError):
        pass
    finally:
        tabs.release()
        if service is not None:
            tabs.open.pop(service, None)
            await end_tab(service)
        await websocket.close()
    return websocket


async def _deliver(service: Any, websocket: web.WebSocketResponse, text: str) -> None:
    message = read_message(text)
    if message is None:
        return
    kind, body = message
    if kind == "stdin":
        await service.send_bytes(body.encode("utf-8", "replace"))
    elif kind == "resize":
        await service.set_terminal_size(*body)
    elif kind == "ping":
        await websocket.send_json(["pong", body])
    elif kind == "blur":
        await service.blur()
    elif kind == "focus":
        await service.focus()


def _quiet(websocket: web.WebSocketResponse, send: Any) -> Any:
    """A sender that drops what a gone browser cannot take: the app's output is still read, so
    the app never blocks writing and sees its "quit"."""

    async def send_or_drop(data: Any) -> None:
        if websocket.closed:
            return
        try:
            await send(data)
        except (ConnectionError, RuntimeError):
            pass

    return send_or_drop


def page_message(text: str) -> str | None:
    """A text message of textual-serve's for the page, as the page gets it. The tab's sound
    (coach/audio/page_sound.py) comes as textual-serve's `["open_url", {"url": ...}]` with the
    coach-sound scheme: it becomes the page's own `["coach_sound", {...}]`, or is dropped when it
    is not well formed; the page never opens it as a link. Anything else goes as it is.
    tests/unit/test_page_sound.py fails if textual-serve words an open_url otherwise."""
    from coach.audio.page_sound import SCHEME, read_url

    try:
        message = json.loads(text)
    except ValueError:
        return text
    if not (isinstance(message, list) and message[:1] == ["open_url"] and len(message) == 2):
        return text
    url = message[1].get("url") if isinstance(message[1], dict) else None
    if not (isinstance(url, str) and url.startswith(SCHEME)):
        return text
    sound = read_url(url)
    return None if sound is None else json.dumps(["coach_sound", sound])


def _sounds_for_the_page(send: Any) -> Any:
    async def send_str(text: str) -> None:
        kept = page_message(text)
        if kept is not None:
            await send(kept)

    return send_str


def _closer(websocket: web.WebSocketResponse) -> Any:
    async def close() -> None:  # the app exited: its tab's page shows the end
        await websocket.close()

    return close


async def end_tab(service: Any) -> None:
    """Ask the tab's app to quit (it saves its session as interrupted); if it has not ended
    within QUIT_GRACE, SIGTERM, then SIGKILL. Safe to call twice."""
    stopping = asyncio.ensure_future(service.stop())
    done, _ = await asyncio.wait({stopping}, timeout=QUIT_GRACE)
    if done:
        return
    process = tab_process(service)
    for sig, grace in ((signal.SIGTERM, TERM_GRACE), (signal.SIGKILL, TERM_GRACE)):
        if process is None or process.returncode is not None:
            break
        try:
            process.send_signal(sig)
        except ProcessLookupError:
            break
        done, _ = await asyncio.wait({stopping}, timeout=grace)
        if done:
            return
    stopping.cancel()


def tab_process(service: Any) -> asyncio.subprocess.Process | None:
    """The tab's process. textual-serve keeps it in a private attribute (1.1.3: `_process`);
    tests/unit/test_serve_tabs.py fails if that changes."""
    process = getattr(service, "_process", None)
    return process if isinstance(process, asyncio.subprocess.Process) else None


def check_tabs_can_run() -> None:
    """Raise AttributeError when textual-serve no longer has what a tab is run with: then
    coach serve does not start (it never serves what it cannot guard and end)."""
    from textual_serve.app_service import AppService

    for name in ("start", "stop", "send_bytes", "set_terminal_size", "blur", "focus"):
        if not callable(getattr(AppService, name, None)):
            raise AttributeError(f"textual_serve.app_service.AppService.{name}")
