"""Every text and background pair the coach draws, in both themes and in every state a person
meets (focused, hovered, disabled, selected), at least 4.5:1 (WCAG AA): read from the screen
as drawn (tests/ui/contrast_scan.py), not from a list of theme variables."""

from __future__ import annotations

from datetime import datetime

import pytest

from coach.core.bedside.contrast import AA_NORMAL_TEXT
from coach.core.guidance.safety_record import SafetyRecord, write_record
from coach.core.settings import settings_path
from coach.ui.dialogs.confirm import ConfirmScreen
from coach.ui.dialogs.leg_warning import LegWarningScreen
from coach.ui.preferences import themes
from coach.ui.screens.urgent import UrgentScreen

from .contrast_scan import too_faint
from .helpers import (
    advance,
    make_app,
    player,
    relief,
    wait_for_screen,
    wait_for_text,
    wait_until,
)

SIZE = (100, 40)
LOOKS = ("night", "day")


async def themed(pilot, look: str) -> None:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: pilot.app.use_command_palette, "bedside settings applied")
    themes.set_look(pilot.app, look)
    await pilot.pause()


def assert_readable(app, where: str) -> None:  # type: ignore[no-untyped-def]
    faint = too_faint(app, AA_NORMAL_TEXT)
    assert not faint, f"{where}: below {AA_NORMAL_TEXT}:1\n" + "\n".join(faint)


@pytest.mark.parametrize("look", LOOKS)
async def test_home_in_every_state(look: str) -> None:
    app, _, _ = make_app(None)
    async with app.run_test(size=SIZE) as pilot:
        await themed(pilot, look)
        assert_readable(app, "home, 'I'm cramping now' focused")
        await pilot.hover("#cramp-now")
        await pilot.pause()
        assert_readable(app, "home, 'I'm cramping now' focused and hovered")
        await pilot.hover("#cramp-foot")
        await pilot.pause()
        assert_readable(app, "home, the foot button hovered")
        await pilot.press("tab")
        await pilot.pause()
        assert_readable(app, "home, the foot button focused")
        await pilot.press("tab")
        await pilot.pause()
        assert_readable(app, "home, the routine list focused, an entry selected")
        await pilot.hover("#routines")
        await pilot.pause()
        assert_readable(app, "home, the routine list hovered")
        app.query_one("#cramp-now").disabled = True
        app.query_one("#cramp-foot").disabled = True
        await pilot.pause()
        assert_readable(app, "home, buttons disabled")


@pytest.mark.parametrize("look", LOOKS)
async def test_relief_and_its_dialogs(look: str) -> None:
    app, clock, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await themed(pilot, look)
        await wait_for_text(pilot, "Urgent help")
        assert_readable(app, "relief, running")
        await pilot.press("space")
        await pilot.pause()
        assert_readable(app, "relief, paused")
        app.notify("Sound off", timeout=30)
        app.notify("A warning", severity="warning", timeout=30)
        app.notify("An error", severity="error", timeout=30)
        await pilot.pause()
        assert_readable(app, "relief, toasts")
        await pilot.press("q")
        await wait_for_screen(pilot, ConfirmScreen)
        assert_readable(app, "the stop dialog")
        await pilot.press("n")
        await pilot.press("exclamation_mark")
        await wait_for_screen(pilot, UrgentScreen)
        assert_readable(app, "urgent help")
        await pilot.press("q", "space")
        await wait_until(pilot, lambda: not player(app).session.paused, "going on")
        await advance(pilot, clock, 30)
        await wait_for_text(pilot, "Has it let go?")
        assert_readable(app, "has it let go?, its two answers")
        await pilot.hover("#let-go-yes")
        await pilot.pause()
        assert_readable(app, "has it let go?, yes hovered")


@pytest.mark.parametrize("look", LOOKS)
@pytest.mark.parametrize("start", ["log", "history"])
async def test_log_and_history(look: str, start: str) -> None:
    app, _, _ = make_app(None, start_screen=start)
    async with app.run_test(size=SIZE) as pilot:
        await themed(pilot, look)
        assert_readable(app, f"{start}, first focus")
        for step in range(4):
            await pilot.press("tab")
            await pilot.pause()
            assert_readable(app, f"{start}, after {step + 1} tabs")


@pytest.mark.parametrize("look", LOOKS)
async def test_the_leg_warning_and_its_key_bar(look: str) -> None:
    write_record(SafetyRecord(leg="left", leg_since=datetime.now().astimezone().isoformat()))
    settings_path().parent.mkdir(parents=True, exist_ok=True)
    settings_path().write_text(f"theme: {look}\n", encoding="utf-8")  # no race with the clock
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_screen(pilot, LegWarningScreen)
        # (settings.yaml applies from this warning's first frame; set here too, to be sure)
        themes.set_look(app, look)
        await pilot.pause()
        assert_readable(app, "the leg warning")
