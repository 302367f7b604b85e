"""settings.yaml (theme, keymap) applies from the first frame the leg warning is on screen at
start-up, not from the routine's first frame after it is answered; and only once."""

from __future__ import annotations

from datetime import datetime

from coach.core.guidance.safety_record import SafetyRecord, write_record
from coach.core.settings import settings_path
from coach.ui.dialogs.leg_warning import LegWarningScreen
from coach.ui.player.screen import PlayerScreen
from coach.ui.preferences.themes import NIGHT

from .helpers import make_app, player, relief, wait_for_screen, wait_until


async def test_the_leg_warning_at_start_up_wears_settings_yaml_said_once() -> None:
    write_record(SafetyRecord(leg="left", leg_since=datetime.now().astimezone().isoformat()))
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("theme: night\nkeymap: {pause: p, paws: x}\n", encoding="utf-8")
    app, _, _ = make_app(relief())
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_for_screen(pilot, LegWarningScreen)
        await wait_until(pilot, lambda: app.first_frame_at is not None, "the first frame noted")
        await wait_until(pilot, lambda: app.theme == NIGHT.name, "the night theme")
        await wait_until(pilot, lambda: app.user_keymap.get("pause") == "p", "the keymap")
        assert isinstance(app.screen, LegWarningScreen)  # all before any answer
        await pilot.press("o")
        await wait_for_screen(pilot, PlayerScreen)
        await wait_until(pilot, lambda: player(app).recorder is not None, "the routine's frame")
        for _ in range(5):
            await pilot.pause()
        unknown = [n for n in app._notifications if "unknown binding id 'paws'" in str(n.message)]
        assert len(unknown) == 1  # applied once, not again from the player's first frame
        assert app.theme == NIGHT.name and app.user_keymap.get("pause") == "p"
