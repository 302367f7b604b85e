"""Stopping a sound that plays, without ever waiting long for it.

    stopped = stop_sound(handle)      # True once the handle's stop() returned in time

A handle is whatever the player returned (playsound3's Sound, a test's fake, a browser's stand-in
under `coach serve`). playsound3's stop() only sends the player a signal, but a backend may have
no stop() at all, raise from it, or block in it (a stuck COM call, a pipe nobody reads): so stop()
runs in a throwaway daemon thread, and the caller waits at most STOP_WAIT for it. A stop that
hangs then costs one idle thread, never the event loop or the speech queue.
Importing this module costs only the standard library.
"""

from __future__ import annotations

import threading
from typing import Any

STOP_WAIT = 0.2  # seconds: long enough for a signal to a player, short enough not to be heard


def stop_sound(handle: Any, wait: float = STOP_WAIT) -> bool:
    """Ask the handle to stop; True if its stop() returned within `wait`. Never raises."""
    stop = getattr(handle, "stop", None)
    if not callable(stop):
        return False
    done = threading.Event()

    def run() -> None:
        try:
            stop()
        except Exception:
            return  # a backend that cannot stop: the sound plays out
        done.set()

    try:
        threading.Thread(target=run, name="coach-stop-sound", daemon=True).start()
    except RuntimeError:
        return False  # no thread to be had (the interpreter is shutting down)
    return done.wait(wait)
