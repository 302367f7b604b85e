"""The app renders the relief lines ahead once a screen other than a player has painted, and only
when this run would speak (coach/ui/app_sound.py, coach/audio/warm.py)."""

from __future__ import annotations

from typing import Any

import pytest

from .helpers import make_app, relief, wait_for_text, wait_until


class FakeWarmer:
    made: list[Any] = []

    def __init__(self, voice: Any) -> None:
        self.voice = voice
        self.closed = False
        FakeWarmer.made.append(self)

    def start(self) -> FakeWarmer:
        return self

    def close(self, wait: float = 0.0) -> None:
        self.closed = True


@pytest.fixture
def warmers(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    FakeWarmer.made = []
    monkeypatch.setattr("coach.audio.voice.engine_name", lambda: "espeak-ng")
    monkeypatch.setattr("coach.audio.warm.Warmer", FakeWarmer)
    return FakeWarmer.made


async def test_home_renders_the_relief_lines_ahead_once(warmers: list[Any]) -> None:
    app, _, _ = make_app(voice=True, sound_mode="auto")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_text(pilot, "cramping now")
        await wait_until(pilot, lambda: bool(warmers), "the warmer started")
        app.warm_voice_cache()  # asked again: still one
        assert len(warmers) == 1 and warmers[0].voice.name == "espeak-ng"
    app.close_voice(wait=3.0)  # what coach/launch.py does once the terminal is restored
    assert warmers[0].closed


@pytest.mark.parametrize(
    "kwargs",
    [{"voice": False}, {"voice": True, "sound_mode": "off"}, {"voice": True, "sound_mode": "bell"}],
)
async def test_not_when_this_run_would_not_speak(warmers: list[Any], kwargs: dict) -> None:
    app, _, _ = make_app(**kwargs)
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_text(pilot, "cramping now")
        await pilot.pause(0.2)
        app.warm_voice_cache()
    assert warmers == []


async def test_not_when_the_app_opens_on_a_player(warmers: list[Any]) -> None:
    """The player renders its own routine's lines first, then the relief ones."""
    app, _, _ = make_app(relief(), voice=True, sound_mode="auto")
    async with app.run_test(size=(100, 40)) as pilot:
        await wait_for_text(pilot, "toes")
        await pilot.pause(0.2)
        app.warm_voice_cache()
    assert warmers == []
