"""A coach serve tab's app sends its cues to the page, in order, through Textual's open_url on
the event loop (coach/ui/app_sound.py), and never loads a player of its own."""

from __future__ import annotations

import pytest

from coach.audio.page_sound import PAGE, SOUND_TO, PagePlayer, play_url, stop_url
from coach.ui.app import CoachApp

from .helpers import wait_until


async def test_a_served_tab_s_cues_go_to_its_page_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOUND_TO, PAGE)
    monkeypatch.setattr(CoachApp, "is_web", property(lambda _app: True))  # as under the web driver
    opened: list[str] = []
    monkeypatch.setattr(CoachApp, "open_url", lambda _app, url, **_kw: opened.append(url))
    app = CoachApp(sound_mode="auto", voice=False)
    async with app.run_test() as pilot:
        cues = app.cues
        assert isinstance(cues._player, PagePlayer)  # noqa: SLF001 - which player was chosen
        app.play("step")
        cues.mute = True  # stops it at once, after the play message, never before
        await wait_until(pilot, lambda: len(opened) == 2, "two messages")
    assert opened == [play_url(1, "cue", "step.wav"), stop_url(1)]


async def test_in_a_terminal_the_speakers_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(SOUND_TO, PAGE)  # not under the web driver: this computer plays
    app = CoachApp(sound_mode="auto", voice=False)
    async with app.run_test():
        assert not isinstance(app.cues._player, PagePlayer)  # noqa: SLF001
