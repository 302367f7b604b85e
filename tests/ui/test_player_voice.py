"""The player's voice with a fake speaker: what is said, when, and the v key."""

from __future__ import annotations

import pytest

from coach.audio import early_sound
from coach.audio.early_sound import EarlySound
from coach.audio.script import QUESTION, step_text
from coach.ui.app import CoachApp
from coach.ui.screens.urgent import UrgentScreen

from .helpers import (
    FakeClock,
    FakeCues,
    advance,
    make_app,
    relief,
    wait_for_screen,
    wait_for_text,
    wait_until,
)


class FakeSpeaker:
    def __init__(self) -> None:
        self.on = True
        self.said: list[tuple[str, str]] = []
        self.cues: list[str] = []
        self.prepared: list[str] = []

    def start(self) -> None:
        pass

    def prepare(self, texts, first: bool = False) -> None:  # type: ignore[no-untyped-def]
        self.prepared += list(texts)

    def ready(self, text: str) -> bool:
        return True

    def cue(self, name: str) -> None:
        self.cues.append(name)

    def cue_started(self, name: str, asked_at: float, began: float | None = None) -> None:
        self.cues.append(f"({name})" if began is None else f"({name} began {began})")

    def say(self, lines, asked_at=None) -> None:  # type: ignore[no-untyped-def]
        self.said += [(line.kind, line.text) for line in lines]

    def moved_on(self) -> None:
        self.cues.append("moved on")

    def toggle(self) -> bool:
        self.on = not self.on
        return self.on

    def close(self) -> None:
        pass


@pytest.fixture
def speaker(monkeypatch: pytest.MonkeyPatch) -> FakeSpeaker:
    fake = FakeSpeaker()
    monkeypatch.setattr("coach.audio.speaker.make_speaker", lambda *a, **k: (fake, None))
    return fake


async def test_the_first_step_is_said_after_the_first_frame_then_the_countdown(
    speaker: FakeSpeaker,
) -> None:
    routine = relief()
    app, clock, cues = make_app(routine, voice=True)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await wait_for_text(pilot, "toes")
        await wait_until(pilot, lambda: bool(speaker.said), "the first line said")
        assert speaker.said == [("step", step_text(routine.steps[0]))]
        assert cues.played == ["step"]  # at mount, before the speaker exists
        assert speaker.cues == ["(step)"]  # so the first line waits for it to end
        assert speaker.prepared[0] == step_text(routine.steps[0])
        await advance(pilot, clock, 20.0)  # 10 s left of the 30 s stretch
        assert speaker.said[-1] == ("ten", "Ten seconds.")
        await advance(pilot, clock, 7.0)  # 3 s left: the number instead of the tick
        assert speaker.said[-1] == ("count", "Three.")
        assert "tick" not in speaker.cues
        await advance(pilot, clock, 3.0)
        assert speaker.said[-1] == ("question", QUESTION)


async def test_v_turns_the_voice_off_and_on(speaker: FakeSpeaker) -> None:
    app, clock, _ = make_app(relief(), voice=True)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: bool(speaker.said), "the first line said")
        await pilot.press("v")
        await wait_for_text(pilot, "Voice off")
        count = len(speaker.said)
        await advance(pilot, clock, 27.0)
        assert len(speaker.said) == count  # nothing said while off; the tick still plays
        assert speaker.cues[-1] == "tick"
        await pilot.press("v")
        await wait_for_text(pilot, "Voice on")


async def test_no_voice_plays_cues_as_before_and_v_can_start_it(speaker: FakeSpeaker) -> None:
    app, _, cues = make_app(relief(), voice=False)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await wait_for_text(pilot, "toes")
        assert cues.played == ["step"]  # at once, as before the voice existed
        assert speaker.said == []
        await pilot.press("v")
        await wait_for_text(pilot, "Voice on")


async def test_the_urgent_screen_is_said(speaker: FakeSpeaker) -> None:
    app, _, _ = make_app(relief(), voice=True)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: bool(speaker.said), "the first line said")
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, UrgentScreen)
        kind, text = speaker.said[-1]
        assert kind == "urgent" and text.startswith("Urgent help.")


async def test_a_key_that_leaves_the_step_cuts_its_speech_first(speaker: FakeSpeaker) -> None:
    """Issue 24: an answer (or next, back, a tap) tells the speaker the user moved on before the
    new step's cue and line are asked for; a key that stays (pause, +15 s) does not."""
    app, clock, _ = make_app(relief(), voice=True)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await wait_until(pilot, lambda: bool(speaker.said), "the first line said")
        await pilot.press("space")  # pause: the step stays
        await pilot.press("space")
        await pilot.press("plus")
        assert "moved on" not in speaker.cues
        await pilot.press("n")  # on to "has it let go?"
        await wait_until(pilot, lambda: speaker.said[-1][1] == QUESTION, "the question said")
        assert speaker.cues[-2:] == ["moved on", "step"]
        await pilot.press("y")
        await wait_until(pilot, lambda: speaker.said[-1][0] == "step", "the next step said")
        assert speaker.cues[-2:] == ["moved on", "step"]
        assert speaker.cues.count("moved on") == 2
        await advance(pilot, clock, 50.0)  # the massage counts down on its own: no cut
        assert speaker.cues.count("moved on") == 2


class HandedCues(FakeCues):
    """The Cues launch's early sound made (coach/audio/early_sound.py), handed to the app."""

    loaded = True

    def __init__(self) -> None:
        super().__init__()
        self.attached = False

    def attach(self, bell: object, on_notice: object) -> None:
        self.attached = True


class PlayedEarly(EarlySound):
    """An early sound that has played the first cue (at 999.5) without a thread's timing."""

    def __init__(self, cues: HandedCues) -> None:
        super().__init__(None, None, None)
        self._handed = cues

    def _play_and_render(self) -> None:
        with self._lock:
            self.cues, self._owed = self._handed, True
        self.cue_started_at = 999.5


@pytest.fixture
def handed(monkeypatch: pytest.MonkeyPatch) -> HandedCues:
    cues = HandedCues()
    monkeypatch.setattr(early_sound, "_early", PlayedEarly(cues).start())
    return cues


@pytest.mark.parametrize("voice", [True, False])
async def test_the_cue_launch_played_is_not_played_again(
    speaker: FakeSpeaker, handed: HandedCues, voice: bool
) -> None:
    """coach now: the app takes over launch's Cues; the player's first cue is not played a
    second time, the first line waits for the end of the cue as it began; later cues play."""
    routine = relief()
    clock = FakeClock(1000.0)
    app = CoachApp(start_routine=routine, clock=clock, voice=voice)
    async with app.run_test(size=(100, 40), notifications=True) as pilot:
        await wait_for_text(pilot, "toes")
        if voice:
            await wait_until(pilot, lambda: bool(speaker.said), "the first line said")
            assert speaker.said[0] == ("step", step_text(routine.steps[0]))
            assert speaker.cues == ["(step began 999.5)"]
        assert handed.attached and handed.played == []
        await pilot.press("n")  # on to "has it let go?": its cue is the app's to play
        played = speaker.cues if voice else handed.played
        await wait_until(pilot, lambda: played[-1:] == ["step"], "the next cue played")
        assert speaker.said if voice else not speaker.said
