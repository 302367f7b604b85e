"""`coach now`'s first cue, started right after the early paint while Textual still loads.

    early_sound.start(sound_mode, voice, compiled)   # launch, after the paint (never before)
    early = early_sound.take()                       # the app, when it makes its Cues
    early.took("step")                               # True once: the player's first cue is played
    early.cue_started_at                             # when that cue began (monotonic), or None

Why: the first cue used to wait for Textual (~0.3-0.5 s), the player's first tick and the import
of playsound3, and the first spoken line waited for that cue to end: ~1.0 s after the text
(issue 24). Here one daemon thread reads settings.yaml's sound and voice, loads playsound3
through a Cues, plays the step cue, and renders the first step's first line into the voice cache;
the app then takes this Cues over (coach/ui/app_sound.py), does not play that cue twice, and says
the line as soon as its speaker starts and the cue has ended.

What stays with the app: every spoken line (so nothing is said that the app does not show) and
every later cue. Nothing starts here under `coach serve` (no paint there: sound goes to the page,
coach/audio/page_sound.py decides), when sound is not "auto", when no player is installed, or
when a safety record is on file: a leg warning or a changed routine may open instead of the step
painted (core/guidance/coaching.py decides that, in the app). Nothing here raises.
"""

from __future__ import annotations

import threading
import time
from typing import Any

HAND_OVER_WAIT = 0.2  # seconds the app waits for this thread to have decided (settings.yaml)
FIRST_CUE = "step"

_early: EarlySound | None = None


class EarlySound:
    FIRST_CUE = FIRST_CUE

    def __init__(self, sound_mode: str | None, voice: bool | None, compiled: Any) -> None:
        self._sound_mode = sound_mode
        self._voice = voice
        self._compiled = compiled
        self._lock = threading.Lock()
        self._decided = threading.Event()  # set once cues is made, or once it never will be
        self._given_up = False  # the app did not wait: this thread plays nothing
        self._owed = False  # the first cue is this one's to play; the app's is skipped once
        self.cues: Any = None
        self.cue_started_at: float | None = None
        self.thread = threading.Thread(target=self._run, name="coach-early-sound", daemon=True)

    def start(self) -> EarlySound:
        self.thread.start()
        return self

    def hand_over(self, wait: float = HAND_OVER_WAIT) -> Any:
        """The Cues to keep (loaded or loading, the first cue played or on its way), or None:
        then the app makes its own and this thread plays nothing."""
        self._decided.wait(wait)
        with self._lock:
            if self.cues is None:
                self._given_up = True
            return self.cues

    def took(self, cue: str) -> bool:
        """Whether this cue is the first one, already played here (True once only)."""
        with self._lock:
            owed = self._owed and cue == FIRST_CUE
            self._owed = self._owed and not owed
            return owed

    def _run(self) -> None:
        try:
            self._play_and_render()
        except Exception:
            pass  # sound must never break the cramp path: the app plays as it always did
        finally:
            self._decided.set()

    def _play_and_render(self) -> None:
        from coach.core.paths import safety_record_path

        if safety_record_path().exists() or self._compiled[0].get("lead_in", 0):
            return  # what opens may not be the step painted, or its cue may not be "step"
        from coach.core.settings import load_settings

        settings = load_settings()
        if (self._sound_mode or settings.sound) != "auto":
            return
        from coach.audio.cues import Cues, player_available

        if not player_available():
            return
        with self._lock:
            if self._given_up:
                return
            self.cues = Cues(mode="auto")
            self._owed = True
        self._decided.set()
        loader = self.cues.warm_up()
        if loader is not None:
            loader.join(5.0)  # playsound3's import, in the loader as for any Cues
        self.cues.play(FIRST_CUE)
        self.cue_started_at = time.monotonic()
        if self._voice is not False and (self._voice or settings.voice == "on"):
            self._render_first_line(settings.voice_speed)
        # playsound3 ties the player process to the thread that started it: keep this one
        # alive until the cue has ended (coach/audio/cues.py: _outlive).
        from coach.audio.speech_queue import wav_seconds

        cue_file = self.cues.sounds_dir / f"{FIRST_CUE}.wav"
        left = self.cue_started_at + wav_seconds(cue_file) + 0.2 - time.monotonic()
        if left > 0:
            time.sleep(left)

    def _render_first_line(self, speed: float) -> None:
        """Into the voice cache, where the app's speaker finds it ready. espeak-ng only: a line
        is tens of ms in its own process. piper would load its model (~1 s of CPU, ~100 MB) here
        while Textual loads, and again in the app: piper's first line is left to the app, and
        to the cache warmed ahead (coach/audio/warm.py)."""
        from coach.audio.voice import ESPEAK, Voice, engine_name

        if engine_name() != ESPEAK:
            return
        from coach.audio.script import routine_texts
        from coach.core.routines.compiled import routine_from_compiled

        texts = routine_texts(routine_from_compiled(*self._compiled), limit=1)
        if texts:
            Voice(ESPEAK, speed).render_now(texts[0])


def start(sound_mode: str | None, voice: bool | None, compiled: Any) -> None:
    """Right after the early paint of the built-in relief routine (`compiled`: its JSON data
    and path, as launch read them)."""
    global _early
    if _early is None:
        _early = EarlySound(sound_mode, voice, compiled).start()


def take() -> EarlySound | None:
    """The early sound, once (the app's Cues takes it over); None when none was started."""
    global _early
    early, _early = _early, None
    return early
