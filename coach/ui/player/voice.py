"""The player's voice: turns a tick's events into the cue and the spoken lines.

The player hands every tick's events here instead of playing its cue itself. Until its first frame
is on screen nothing of the voice is imported: the events wait, and after that frame the voice is
made (coach/audio/speaker.py), the routine's lines are queued for rendering, the first step's
first, and what the early events said is spoken as soon as it is rendered (while not too late).
"""

from __future__ import annotations

from typing import Any

from coach.core.session.player_rules import cue_for_events
from coach.ui.app_services import coach_app


class PlayerVoice:
    def __init__(self, screen: Any) -> None:
        self.screen = screen
        self._early: list | None = []  # events before the first frame; None once started
        self._early_at: float | None = None
        self._segment: Any = None  # the segment the last lines were for
        self._remaining: float | None = None
        self._by_key = False  # the next events come from a key or a tap

    def key_acted(self) -> None:
        """The player ran a key's command: if its events leave the step, the step's speech is
        cut short and the new step's cue and lines start at once (coach/audio/speech_queue.py)."""
        self._by_key = True

    def play(self, events: list) -> None:
        """Play this tick's cue and say its lines (the player calls it on every wake)."""
        app = self.screen.app
        by_key, self._by_key = self._by_key, False
        if self._early is not None and app.voice_wanted is False:
            self._early = None  # no voice for this run: cues as they come, as before
        if self._early is not None:
            if not self._early and self._early_at is None:
                self._early_at = app.clock()
                self.screen.call_after_refresh(self._start)
            self._early.extend(events)
            self._cue(events, [])  # at once, as without a voice: the speaker is not made yet
            return
        speaker = app._speaker  # made in _start; None when the voice is off
        if speaker is None or not speaker.on:
            self._cue(events, [])
            if speaker is not None:
                self._lines(events)  # keeps track of the segment, for when v turns it back on
            return
        lines = self._lines(events)
        if by_key:
            from coach.audio.script import moves_on

            if moves_on(events):
                speaker.moved_on()
        self._cue(events, lines, speaker)
        speaker.say(lines, app.clock())

    def _lines(self, events: list) -> list:
        from coach.audio.script import TEN_SECONDS, Line, lines_for_events, ten_seconds_due

        session = self.screen.session
        now = coach_app(self.screen).clock()
        lines = lines_for_events(events, self._segment)
        current = session.current if session is not None else None
        remaining = None
        if current is not None and current.duration is not None and not session.paused:
            remaining = session.remaining(now)
            before = self._remaining if current is self._segment else None
            if ten_seconds_due(current, before, remaining):
                lines.append(Line(TEN_SECONDS, "ten"))
        self._segment, self._remaining = current, remaining
        return lines

    def _cue(self, events: list, lines: list, speaker: Any = None) -> None:
        cue = cue_for_events(events)
        if cue == "tick" and speaker is not None:
            if any(line.kind == "count" and speaker.ready(line.text) for line in lines):
                return  # the number is said instead of the tick
        if cue is not None:
            coach_app(self.screen).play(cue)

    def _start(self) -> None:
        """After the first frame: make the voice, render ahead, say what the start said."""
        from coach.audio.script import lines_for_events, routine_texts

        early, self._early = self._early or [], None
        speaker = coach_app(self.screen).speaker
        if speaker is None or not speaker.on:
            return
        first = lines_for_events(early)
        cue = cue_for_events(early)
        if cue is not None and self._early_at is not None:
            began = coach_app(self.screen).cue_played_early(cue)  # by launch, at the paint
            speaker.cue_started(cue, self._early_at, began)  # the first line waits for its end
        speaker.prepare([line.text for line in first], first=True)
        speaker.prepare(routine_texts(self.screen.routine))
        speaker.prepare(relief_texts())  # last: so the next cramp finds its words in the cache
        speaker.say(first, self._early_at)
        session = self.screen.session
        self._segment = session.current if session is not None else None


def relief_texts() -> list[str]:
    """The built-in relief routines' lines (coach now, coach now --foot); [] if unreadable."""
    from coach.audio.script import routine_texts
    from coach.core.paths import builtin_dir
    from coach.core.routines.compiled import load_compiled

    texts: list[str] = []
    for name in ("cramp-now", "cramp-foot"):
        try:
            routine = load_compiled(builtin_dir("routines") / "compiled" / f"{name}.json")
        except (OSError, ValueError, KeyError, TypeError):
            continue
        texts += routine_texts(routine)
    return texts
