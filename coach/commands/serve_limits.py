"""What a browser tab may ask of `coach serve`: the messages its page sends, read as data.

textual-serve passes `["resize", {...}]` sizes straight to the tab's process: 100000 x 100000
grew one to about 2 GB, and a negative or string size crashed it. A size is clamped to what a
screen can be; anything that is not a message we know is dropped. Plain Python, no aiohttp.
"""

from __future__ import annotations

import json
from typing import Any

WIDTHS = (10, 1000)  # cells: a phone held upright to a very wide monitor with a small font
HEIGHTS = (5, 500)
MAX_TABS = 4  # each tab is a `coach` process of about 45 MiB
MAX_STDIN = 64 * 1024  # characters in one message: a paste, not a flood
MAX_PING = 256  # characters of the ping the page sends back and forth


def clamp_size(width: object, height: object) -> tuple[int, int] | None:
    """(width, height) in cells, held to what a screen can be; None for anything not a number."""
    if not _whole(width) or not _whole(height):
        return None
    assert isinstance(width, int) and isinstance(height, int)
    return _between(width, WIDTHS), _between(height, HEIGHTS)


def query_size(width: str | None, height: str | None) -> tuple[int, int]:
    """The first size, from the websocket URL's `?width=W&height=H` (80 x 24 when unreadable)."""
    try:
        size = clamp_size(int(width or "80"), int(height or "24"))
    except ValueError:
        size = None
    return size or (80, 24)


def read_message(text: str) -> tuple[str, Any] | None:
    """One websocket message from the page: ("stdin", str), ("resize", (w, h)), ("ping", data),
    ("blur", None) or ("focus", None); None for anything else (it is dropped)."""
    try:
        envelope = json.loads(text)
    except (ValueError, RecursionError):
        return None
    if not isinstance(envelope, list) or not envelope or not isinstance(envelope[0], str):
        return None
    kind, body = envelope[0], envelope[1] if len(envelope) > 1 else None
    if kind == "stdin" and isinstance(body, str) and len(body) <= MAX_STDIN:
        return kind, body
    if kind == "resize" and isinstance(body, dict):
        size = clamp_size(body.get("width"), body.get("height"))
        return None if size is None else (kind, size)
    if kind == "ping" and isinstance(body, str | int | float) and len(str(body)) <= MAX_PING:
        return kind, body
    if kind in ("blur", "focus"):
        return kind, None
    return None


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _between(value: int, bounds: tuple[int, int]) -> int:
    return max(bounds[0], min(bounds[1], value))
