"""One queue for everything the app plays, so cues and speech never talk over each other.

    queue = SpeechQueue(play_cue=cues.play, play_file=cues.play_file, ready=voice.path)
    queue.cue("tick")                       # a cue's moment is now
    queue.say(Line("Rest.", "rest"))        # said when rendered, unless it is too late by then
    queue.moved_on()                        # a key moved the session on: cut, drop the stale
    queue.clear()                           # mute: stop what plays, forget what waits
    queue.close()

The rules are plain functions (`admit`, `take`), tested with a fake clock; one daemon thread plays
one item at a time and waits for it to end (the WAV's length) before the next:
- speech ducks the tick: a tick is dropped while speech plays or waits, and a countdown number
  takes the place of the tick of its second;
- newer speech replaces speech still waiting for an earlier moment (it would be stale), but never
  the urgent help; urgent help stops what is playing and goes first;
- a cue goes before waiting speech (it marks a moment; the words follow it);
- an item is dropped when it cannot start in time: a cue more than CUE_MAX_LATE after its moment,
  a line more than its Line.max_late (a late "three" would mislead);
- when the user moves the session on (an answer, next, back, skip, a tap), what plays is cut
  short and what waits is dropped (`after_move`), so the new step's cue and words start at once
  instead of after the rest of a question nobody is listening to; urgent help is never cut.
Every sound is stopped through coach/audio/stop.py: a player that cannot stop never hangs this.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.audio.script import Line
from coach.audio.stop import stop_sound

CUE_MAX_LATE = 0.5
GAP = 0.05  # seconds of silence between two items (the player process ends a little late)
POLL = 0.05  # how often a waiting line is checked for being rendered


@dataclass(frozen=True)
class Item:
    kind: str  # "cue", or the Line kind of a spoken line
    what: str  # the cue's name, or the text to say
    asked_at: float
    max_late: float
    elsewhere: bool = False  # a cue already started by someone else: only its length is kept
    began: float | None = None  # when that cue began, if known: the silence is counted from it

    @property
    def speech(self) -> bool:
        return self.kind != "cue"


def cue_item(name: str, now: float) -> Item:
    return Item("cue", name, now, CUE_MAX_LATE)


def line_item(line: Line, now: float) -> Item:
    return Item(line.kind, line.text, now, line.max_late)


def admit(pending: list[Item], item: Item, playing: Item | None) -> list[Item]:
    """The waiting items once `item` is asked for (see the module's rules)."""
    if item.kind == "urgent":
        return [item, *(p for p in pending if p.kind == "urgent")]
    speech_busy = (playing is not None and playing.speech) or any(p.speech for p in pending)
    if item.kind == "cue":
        if item.what == "tick" and speech_busy:
            return list(pending)  # ducked
        cues = [p for p in pending if not p.speech]
        return [*cues, item, *(p for p in pending if p.speech)]
    kept = [p for p in pending if not p.speech or p.kind == "urgent" or p.asked_at == item.asked_at]
    if item.kind == "count":
        kept = [p for p in kept if p.what != "tick"]  # the number is said instead
    return [*kept, item]


def after_move(pending: list[Item]) -> list[Item]:
    """What still waits once the user has moved the session on: only urgent help. Everything
    else was asked for the step just left (its words, its countdown), so it is stale."""
    return [p for p in pending if p.kind == "urgent"]


def cut_by_move(playing: Item | None) -> bool:
    """Whether a move cuts what is playing: anything but urgent help."""
    return playing is not None and playing.kind != "urgent"


def take(
    pending: list[Item], now: float, ready: Callable[[str], object]
) -> tuple[Item | None, list[Item]]:
    """The item to play now (or None) and what still waits. Late items are dropped; a line
    not yet rendered waits (and holds the lines behind it: order matters) while it may."""
    waiting = expire(pending, now)
    for index, item in enumerate(waiting):
        if not item.speech or ready(item.what):
            return item, waiting[:index] + waiting[index + 1 :]
        if item.speech:
            break  # the first line is still rendering: nothing after it jumps ahead
    return None, waiting


def expire(pending: list[Item], now: float) -> list[Item]:
    """What may still start now: an item too late for its moment is dropped."""
    return [p for p in pending if now - p.asked_at <= p.max_late]


def wav_seconds(path: Path) -> float:
    """A WAV file's length; 0.0 when it cannot be read."""
    import wave  # here: a run with no voice installed imports this module but never reads a WAV

    try:
        with wave.open(str(path), "rb") as w:
            return w.getnframes() / float(w.getframerate() or 1)
    except (OSError, EOFError, wave.Error):
        return 0.0


class SpeechQueue:
    """Plays cues and spoken lines one at a time, from its own thread; never raises out."""

    def __init__(
        self,
        play_cue: Callable[[str], object],
        play_file: Callable[[Path], Any],
        ready: Callable[[str], Path | None],
        cue_seconds: Callable[[str], float],
        clock: Callable[[], float] = time.monotonic,
        on_played: Callable[[Item, float], None] | None = None,
        can_play: Callable[[], bool] = lambda: True,
        stop: Callable[[Any], object] = stop_sound,
    ) -> None:
        """`can_play`: False while the sound player is still loading (nothing starts then, so
        a cue cannot start late on top of the line after it)."""
        self._play_cue = play_cue
        self._play_file = play_file
        self._ready = ready
        self._cue_seconds = cue_seconds
        self._clock = clock
        self._on_played = on_played  # (item, started at): for tests and the bench
        self._can_play = can_play
        self._stop = stop  # stops a handle play_file returned; never raises, never hangs
        self._pending: list[Item] = []
        self._playing: Item | None = None
        self._handle: Any = None
        self._interrupt = False
        self._closed = False
        self._cond = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="coach-speech", daemon=True)
        self._thread.start()

    # -- asking -----------------------------------------------------------------------------
    def cue(self, name: str) -> None:
        self._admit(cue_item(name, self._clock()))

    def cue_started(self, name: str, asked_at: float, began: float | None = None) -> None:
        """A cue the app played before this queue existed (the first step's, at mount): the
        queue keeps silent for its length once the player has loaded, instead of playing it.
        `began`: when it really began (launch's early sound), if known; else from when the
        queue takes it (the player was still loading when it was asked)."""
        self._admit(Item("cue", name, asked_at, 5.0, elsewhere=True, began=began))

    def say(self, line: Line, asked_at: float | None = None) -> None:
        self._admit(line_item(line, self._clock() if asked_at is None else asked_at))

    def _admit(self, item: Item) -> None:
        with self._cond:
            self._pending = admit(self._pending, item, self._playing)
            if item.kind == "urgent" and self._playing is not None:
                self._interrupt = True
            self._cond.notify_all()

    def moved_on(self) -> None:
        """The user moved the session on: cut what plays and drop what waits (`after_move`).
        Call it before asking for the new step's cue and lines."""
        with self._cond:
            self._pending = after_move(self._pending)
            if cut_by_move(self._playing):
                self._interrupt = True
            self._cond.notify_all()

    def clear(self) -> None:
        """Forget what waits and stop what plays (mute, voice off)."""
        with self._cond:
            self._pending = []
            self._interrupt = self._playing is not None
            self._cond.notify_all()

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._pending = []
            self._interrupt = True
            self._cond.notify_all()

    @property
    def idle(self) -> bool:
        with self._cond:
            return self._playing is None and not self._pending

    # -- the player thread ------------------------------------------------------------------
    def _run(self) -> None:
        while True:
            with self._cond:
                item = None
                while item is None and not self._closed:
                    if self._can_play():
                        item, self._pending = take(self._pending, self._clock(), self._ready)
                    else:  # drop what is too late, wait for the rest
                        self._pending = expire(self._pending, self._clock())
                    if item is None:
                        self._cond.wait(POLL if self._pending else None)
                if self._closed or item is None:
                    return
                self._playing, self._interrupt = item, False
            try:
                self._play(item)
            except Exception:
                pass  # sound must never break a routine
            finally:
                with self._cond:
                    self._playing = None
                    self._handle = None

    def _play(self, item: Item) -> None:
        started = self._clock() if item.began is None else min(item.began, self._clock())
        if item.speech:
            path = self._ready(item.what)
            if path is None:
                return
            self._handle = self._play_file(path)
            seconds = wav_seconds(path) if self._handle is not None else 0.0
        else:
            if not item.elsewhere:
                self._play_cue(item.what)
            seconds = self._cue_seconds(item.what)
        if self._on_played is not None:
            self._on_played(item, started)
        end = started + seconds + GAP
        with self._cond:
            while not self._interrupt and (left := end - self._clock()) > 0:
                self._cond.wait(left)
            interrupted = self._interrupt
        if interrupted and self._handle is not None:
            try:
                self._stop(self._handle)  # bounded: a player that cannot stop plays out
            except Exception:
                pass
