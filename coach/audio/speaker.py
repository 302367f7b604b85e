"""The app's voice service: the Voice (rendering, cache) and the SpeechQueue (playing) together.

    speaker, notice = make_speaker(cues, wanted=True, speed=1.0)   # None when there is no voice
    speaker.prepare(texts)          # render ahead, in the order needed
    speaker.start()                 # after the first frame
    speaker.cue("tick")             # cues go through the same queue as speech
    speaker.say(lines, asked_at)    # said at their moment if rendered in time
    speaker.moved_on()              # a key moved the session on: cut the old step's speech
    speaker.toggle()                # `v`

Nothing here runs before the player's first frame, and nothing here blocks or raises.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from coach.audio.script import Line
from coach.audio.speech_queue import SpeechQueue, wav_seconds
from coach.audio.stop import stop_sound
from coach.audio.voice import NOTICE_NO_VOICE, Voice, cache_dir, engine_name


def make_speaker(
    cues: Any, wanted: bool, speed: float = 1.0, name: str | None = None
) -> tuple[Speaker | None, str | None]:
    """The speaker, or None and why not (a notice for the UI, or None when voice is just off)."""
    if not wanted or getattr(cues, "mode", "off") != "auto":  # off, or the bell: no speech
        return None, None
    name = name or engine_name()
    if name is None:
        return None, _first_time(NOTICE_NO_VOICE)
    return Speaker(cues, Voice(name, speed)), None


def _first_time(notice: str) -> str | None:
    """The notice the first time only (a marker in the voice cache): at 3 a.m. once is enough."""
    marker = cache_dir() / "no-voice-noticed"
    try:
        if marker.exists():
            return None
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        pass  # a read-only cache: say it every time rather than never
    return notice


class Speaker:
    def __init__(
        self, cues: Any, voice: Voice, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.cues = cues
        self.voice = voice
        self.on = True
        self._clock = clock
        self._queue: SpeechQueue | None = None
        self._cue_seconds: dict[str, float] = {}

    def start(self, on_played: Callable[..., None] | None = None) -> None:
        if self._queue is not None:
            return
        self.voice.start(after=self._player_settled)
        self._queue = SpeechQueue(
            play_cue=self.cues.play,
            play_file=self._play_file,
            ready=self._ready,
            cue_seconds=self._cue_length,
            clock=self._clock,
            on_played=on_played,
            can_play=self._player_settled,
            stop=getattr(self.cues, "stop_file", stop_sound),
        )

    def prepare(self, texts: Iterable[str], first: bool = False) -> None:
        self.voice.want(texts, first=first)

    def ready(self, text: str) -> bool:
        return self._ready(text) is not None

    def cue(self, name: str) -> None:
        if self._queue is None:
            self.cues.play(name)
        else:
            self._queue.cue(name)

    def cue_started(self, name: str, asked_at: float, began: float | None = None) -> None:
        """A cue played before the speaker started: the first line waits until it has ended."""
        if self._queue is not None:
            self._queue.cue_started(name, asked_at, began)

    def say(self, lines: Iterable[Line], asked_at: float | None = None) -> None:
        if not self.on or self._queue is None or self._silent():
            return
        when = self._clock() if asked_at is None else asked_at
        lines = list(lines)
        self.voice.want([line.text for line in lines if not self.ready(line.text)], first=True)
        for line in lines:
            self._queue.say(line, when)

    def moved_on(self) -> None:
        """The user moved the session on (an answer, next, back, skip, a tap): the speech of the
        step left is cut short and its waiting lines dropped; the new step's cue and lines,
        asked for next, start at once (coach/audio/speech_queue.py)."""
        if self._queue is not None:
            self._queue.moved_on()

    def toggle(self) -> bool:
        self.on = not self.on
        if not self.on and self._queue is not None:
            self._queue.clear()
        return self.on

    def close(self, wait: float = 0.0) -> None:
        if self._queue is not None:
            self._queue.close()
        self.voice.close(wait)

    @property
    def problem(self) -> str | None:
        return self.voice.problem

    # -- what the queue needs -----------------------------------------------------------------
    def _silent(self) -> bool:
        return bool(getattr(self.cues, "mute", False)) or getattr(self.cues, "mode", "") != "auto"

    def _player_settled(self) -> bool:
        """playsound3 has loaded, or sound fell back to the bell (cues ring it, lines are lost)."""
        return bool(getattr(self.cues, "loaded", True)) or getattr(self.cues, "mode", "") != "auto"

    def _ready(self, text: str) -> Path | None:
        if not getattr(self.cues, "loaded", True):
            return None  # the sound player is still loading: the line waits (while it may)
        return self.voice.path(text)

    def _play_file(self, path: Path) -> Any:
        if not self.on or self._silent():
            return None
        play_file = getattr(self.cues, "play_file", None)
        return play_file(path) if play_file is not None else None

    def _cue_length(self, name: str) -> float:
        if name not in self._cue_seconds:
            sounds = getattr(self.cues, "sounds_dir", None)
            found = wav_seconds(Path(sounds) / f"{name}.wav") if sounds is not None else 0.0
            self._cue_seconds[name] = found
        return self._cue_seconds[name]
