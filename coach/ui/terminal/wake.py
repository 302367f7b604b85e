"""One pending wake-up of a screen, straight on the event loop.

Textual's set_timer() wraps its callback in call_next(): two new functools.partial objects a
wake, whose parameters Textual counts with inspect.signature() each time (it caches the count
on the function, which a new partial never is), plus a Timer task of its own. For a countdown
that wakes once a second all night that was a tenth of what its main thread did. An exception
in the callback still ends the app as Textual's timers do, never silently stops the clock: it is
raised again inside a Textual callback (call_next), where Textual's own handling shows it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any


class Wake:
    def __init__(self, node: Any, callback: Callable[[], None]) -> None:
        self._node = node
        self._callback = callback
        self._handle: asyncio.TimerHandle | None = None
        self.delay: float | None = None  # of the pending wake, as asked for

    @property
    def pending(self) -> bool:
        return self._handle is not None

    def after(self, delay: float) -> None:
        """Call back once, `delay` seconds from now (the wake before, if any, is dropped)."""
        self.cancel()
        self.delay = delay
        self._handle = asyncio.get_running_loop().call_later(delay, self._fire)

    def cancel(self) -> None:
        if self._handle is not None:
            self._handle.cancel()
            self._handle = None
        self.delay = None

    def _fire(self) -> None:
        self._handle = None
        self.delay = None
        app = self._node.app
        if app.return_code is not None:
            return  # the app is closing (exit() sets its return code): nothing left to draw
        try:
            self._callback()
        except Exception as error:  # as a Textual timer: the app shows it and exits
            app.call_next(_raise, error)


def _raise(error: Exception) -> None:
    raise error
