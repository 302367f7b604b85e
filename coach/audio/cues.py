"""Sound cues: playsound3 behind a tiny interface that never raises and never blocks.

    cues = Cues(mode="auto", bell=app.bell)   # "auto" | "bell" | "off"
    cues.warm_up()                            # after the first paint: loads playsound3 off-thread
    cues.play("step")                         # "step" | "tick" | "switch" | "done"
    footer_text = cues.take_notice()          # a one-line message, once, if sound fell back

Why so careful:
- Importing playsound3 costs 130-280 ms (it probes for players when imported) and a broken
  gst-play can make the import itself raise, so it is imported lazily, in a background thread, and
  guarded by `except Exception`. Importing this module stays cheap (stdlib + coach.core.paths).
- With no audio backend playsound() raises at once; aplay with no device exits 1 later. Either
  way we switch to the terminal bell for good and set `notice` once, so the UI can say why.
- A cue asked for while playsound3 is still loading is not dropped and does not wait: the latest
  one is kept and played by the loader thread as soon as the import finishes, unless it is by then
  more than MAX_LATE seconds old (a late "tick" would mislead more than a missing one). The bell is
  never rung from that thread, because the UI's bell (app.bell) belongs to the event loop.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coach.audio.stop import stop_sound
from coach.core.paths import builtin_dir

CUE_NAMES = ("step", "tick", "switch", "done")
MODES = ("auto", "bell", "off")
MAX_LATE = 0.5  # seconds a cue may wait for playsound3 to load before it is skipped

NOTICE_NO_DEVICE = "No audio device found: using the terminal bell."
NOTICE_NO_PLAYER = "Sound player could not load: using the terminal bell."

# player(path, block=False) -> a handle (playsound3's Sound) or None; the same shape as playsound.
Player = Callable[..., Any]


def _import_playsound() -> Player:
    """Import playsound3 and return its playsound function (slow: run it off the event loop)."""
    import logging

    # With no backend, playsound3 logs a warning while importing; with no handler configured,
    # logging would print it to stderr, across the middle of the UI. The notice says it better.
    logging.getLogger("playsound3").addHandler(logging.NullHandler())
    from coach.audio.playsound_seam import import_playsound

    return import_playsound()


# On Linux playsound3 can only use these players (TECH-NOTES.md); with none on PATH it cannot play
# anything, and importing it would cost ~130 ms of CPU and ~2 MiB for nothing.
LINUX_PLAYERS = ("gst-play-1.0", "ffplay", "aplay")


def player_available() -> bool:
    if not sys.platform.startswith("linux"):
        return True  # macOS and Windows have a built-in backend
    import shutil

    return any(shutil.which(name) for name in LINUX_PLAYERS)


def terminal_bell() -> None:
    """Ring the terminal bell without touching a redirected stdout (no "\\a" in a log file)."""
    stream = sys.__stdout__
    if stream is not None and stream.isatty():
        stream.write("\a")
        stream.flush()
        return
    # stdout is a pipe or a file: the terminal, if there is one, is still /dev/tty.
    fd = os.open("/dev/tty", os.O_WRONLY | os.O_NOCTTY)
    try:
        os.write(fd, b"\a")
    finally:
        os.close(fd)


class Cues:
    """Plays the named cues; falls back to the bell; never raises out of play()."""

    def __init__(
        self,
        mode: str = "auto",
        sounds_dir: Path | None = None,
        player: Player | None = None,
        bell: Callable[[], None] | None = None,
        on_notice: Callable[[], None] | None = None,
    ) -> None:
        """`on_notice` is called (from whichever thread fell back) once a notice is waiting,
        so the UI can say it at once rather than at the next cue."""
        if mode not in MODES:
            raise ValueError(f"sound mode must be one of {', '.join(MODES)}, got {mode!r}")
        self._mode = mode
        self._sounds_dir = sounds_dir if sounds_dir is not None else builtin_dir("sounds")
        self._player: Player | None = player  # None until playsound3 is loaded
        self._bell = bell if bell is not None else terminal_bell
        self._on_notice = on_notice
        self._mute = False
        self.notice: str | None = None
        self._notice_taken = False
        self._lock = threading.Lock()  # the loader thread and play() both change state
        self._loader: threading.Thread | None = None
        self._pending: tuple[Path, float] | None = None  # (path, asked-at) while loading
        self._last_handle: Any = None

    # -- settings ---------------------------------------------------------------------------

    @property
    def mode(self) -> str:
        """The mode in effect: "auto" turns into "bell" once sound has fallen back."""
        return self._mode

    @property
    def mute(self) -> bool:
        return self._mute

    @mute.setter
    def mute(self, value: bool) -> None:
        self._mute = bool(value)
        if self._mute:
            self._stop_last()

    @property
    def sounds_dir(self) -> Path:
        return self._sounds_dir

    @property
    def loaded(self) -> bool:
        """True once playsound3 is loaded and sound has not fallen back to the bell."""
        return self._player is not None and self._mode == "auto"

    def play_file(self, path: Path) -> Any:
        """Start a WAV (a spoken line): its handle, or None. No bell, no waiting; never raises."""
        if self._mute or not self.loaded:
            return None
        try:
            self._check_last()
            if self._play_file(path):
                return self._last_handle
        except Exception:
            pass
        return None

    def stop_file(self, handle: Any) -> None:
        """Stop a sound play_file started (a line cut short). It is forgotten first: aplay
        ended by a signal may exit 1, which must not read as "no audio device"."""
        with self._lock:
            if handle is self._last_handle:
                self._last_handle = None
        stop_sound(handle)

    def attach(self, bell: Callable[[], None], on_notice: Callable[[], None]) -> None:
        """The app's bell and notice callback, for a Cues made before the app (early_sound.py).
        A notice already set is not called back here: the app takes it (take_notice) as it
        plays its first cue."""
        with self._lock:
            self._bell, self._on_notice = bell, on_notice

    def toggle_mute(self) -> bool:
        """Flip mute; returns the new state."""
        self.mute = not self._mute
        return self._mute

    def take_notice(self) -> str | None:
        """The fallback notice the first time it is asked for after it is set; None after that.

        `notice` itself stays set, so a settings screen can still say why sound is the bell.
        """
        with self._lock:
            if self.notice is None or self._notice_taken:
                return None
            self._notice_taken = True
            return self.notice

    # -- loading ----------------------------------------------------------------------------

    def warm_up(self) -> threading.Thread | None:
        """Start loading playsound3 in a daemon thread; returns it (tests join it), or None
        when there is nothing to load (bell/off mode, a player was given, or already loading)."""
        with self._lock:
            if self._mode != "auto" or self._player is not None or self._loader is not None:
                return None
            self._loader = threading.Thread(target=self._load, name="coach-sound", daemon=True)
        self._loader.start()
        return self._loader

    def _load(self) -> None:
        if not player_available():
            self._fall_back_while_loading(NOTICE_NO_DEVICE)
            return
        try:
            player = _import_playsound()
        except Exception:
            self._fall_back_while_loading(NOTICE_NO_PLAYER)
            return
        with self._lock:
            self._player = player
            pending, self._pending = self._pending, None
        if pending is not None and time.monotonic() - pending[1] <= MAX_LATE:
            if self._play_file(pending[0]):  # a failure here only falls back: no bell off-loop
                self._outlive(self._last_handle)

    @staticmethod
    def _outlive(handle: Any, limit: float = 10.0) -> None:
        """Keep this thread until the sound ends: playsound3 starts players with
        PR_SET_PDEATHSIG, which Linux ties to the *thread* that started them, so the player
        would be killed as this thread ends (the first cue of every session was cut off)."""
        is_alive = getattr(handle, "is_alive", None)
        deadline = time.monotonic() + limit
        while is_alive is not None and time.monotonic() < deadline:
            try:
                if not is_alive():
                    return
            except Exception:
                return
            time.sleep(0.02)

    # -- playing ----------------------------------------------------------------------------

    def play(self, name: str) -> None:
        """Play a cue by name. Returns at once; never raises (sound must not break a routine)."""
        try:
            self._play(name)
        except Exception:
            pass  # the last line of defence; each step below already handles what it expects

    def _play(self, name: str) -> None:
        if self._mute or self._mode == "off":
            return
        self._check_last()  # may have just turned "auto" into "bell"
        if self._mode == "bell":
            self._ring()
            return
        path = self._sounds_dir / f"{name}.wav"
        if not path.is_file():
            self._ring()  # a missing or unknown cue: the bell still marks the moment
            return
        with self._lock:
            player = self._player
            if player is None:
                self._pending = (path, time.monotonic())  # the loader plays it when ready
        if player is None:
            self.warm_up()
            return
        if not self._play_file(path):
            self._ring()

    def _play_file(self, path: Path) -> bool:
        """Start the file playing; on failure fall back to the bell for good. True if started."""
        player = self._player
        if player is None or self._mode != "auto":
            return False
        try:
            self._last_handle = player(path, block=False)
        except Exception:
            # playsound3 raises PlaysoundException("No supported audio backends") at once.
            self._fall_back(NOTICE_NO_DEVICE)
            return False
        return True

    def _check_last(self) -> None:
        """aplay with no device does not raise but exits 1: catch that on the next cue."""
        process = getattr(self._last_handle, "subprocess", None)
        poll = getattr(process, "poll", None)
        if poll is None:
            return
        code = poll()
        # > 0 only: stop() on mute terminates the player, which gives a negative code.
        if isinstance(code, int) and code > 0:
            self._last_handle = None
            self._fall_back(NOTICE_NO_DEVICE)

    def _fall_back_while_loading(self, notice: str) -> None:
        """The cue asked for during loading still gets the bell (the bell callable must be
        safe to call from this thread: the app passes one that hops to its event loop)."""
        with self._lock:
            pending = self._pending
        self._fall_back(notice)
        if pending is not None and time.monotonic() - pending[1] <= MAX_LATE and not self._mute:
            self._ring()

    def _fall_back(self, notice: str) -> None:
        with self._lock:
            self._mode = "bell"
            self._pending = None
            first = self.notice is None
            if first:
                self.notice = notice
        if first and self._on_notice is not None:
            try:
                self._on_notice()
            except Exception:
                pass  # saying it is a courtesy; play() must still never raise

    def _ring(self) -> None:
        try:
            self._bell()
        except Exception:
            pass  # no terminal to ring (e.g. no /dev/tty): silence is the only option left

    def _stop_last(self) -> None:
        handle, self._last_handle = self._last_handle, None  # its exit code means nothing now
        if handle is not None:
            stop_sound(handle)  # on the event loop (m): bounded, never raises
