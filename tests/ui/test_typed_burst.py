"""Issue 23: keys typed with no pause between them, across a focus change (a name then Tab, Tab
then minutes), all arrive where they were aimed. Pilot's press() waits for the app to go idle
after every key; a person (or a paste, or a slow machine) does not: these send the whole burst
to the driver at once, as a terminal's input would arrive."""

from __future__ import annotations

import unicodedata

from textual import events
from textual.app import App
from textual.keys import REPLACED_KEYS, _character_to_key, _get_unicode_name_from_key
from textual.widgets import Input

from coach.ui.app import CoachApp
from coach.ui.builder.screen import BuilderScreen
from coach.ui.screens.home import HomeScreen
from coach.ui.screens.log import LogScreen

from .helpers import FakeCues, wait_for_screen, wait_until


def burst(app: App, keys: list[str]) -> None:
    """Every key handed to the driver before the app handles any of them."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        if len(key) == 1 and not key.isalnum():
            key = _character_to_key(key)
        try:
            char: str | None = unicodedata.lookup(
                _get_unicode_name_from_key(REPLACED_KEYS.get(key, key))
            )
        except KeyError:
            char = key if len(key) == 1 else None
        event = events.Key(key, char)
        event.set_sender(app)
        driver.send_message(event)


NAME = "Evening calves and ankles"


async def test_a_builder_name_typed_then_tab_is_kept_whole() -> None:
    app = CoachApp(cues=FakeCues(), emergency_number="112")
    async with app.run_test(size=(110, 40)) as pilot:
        await wait_for_screen(pilot, HomeScreen)
        screen = BuilderScreen(None)
        app.push_screen(screen)
        await wait_until(pilot, lambda: screen.focused is not None, "focus in the builder")
        name = screen.query_one("#routine-name", Input)
        name.focus()
        await wait_until(pilot, lambda: app.focused is name, "the name focused")
        await wait_until(pilot, lambda: name.selection.start == 0 < len(name.value), "selected")
        burst(app, [*NAME, "tab", *"x"])  # and a key after the Tab, into the next field
        await wait_until(pilot, lambda: app.focused is not name, "Tab moved on")
        for _ in range(20):
            await pilot.pause()
        assert screen.draft.name == NAME and name.value == NAME


async def test_minutes_typed_right_after_tab_in_the_log_form_are_kept() -> None:
    app = CoachApp(cues=FakeCues(), emergency_number="112", start_screen="log")
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for_screen(pilot, LogScreen)
        when = app.screen.query_one("#log-when-text", Input)
        when.focus()
        await wait_until(pilot, lambda: app.focused is when, "the typed time focused")
        # the typed time, past the leg and site choices, minutes, pain: no pause anywhere
        burst(app, [*"2h ago", "tab", "tab", "tab", *"12", "tab", *"7"])
        minutes = app.screen.query_one("#log-minutes", Input)
        pain = app.screen.query_one("#log-pain", Input)
        await wait_until(pilot, lambda: pain.value == "7", "pain typed")
        assert when.value == "2h ago" and minutes.value == "12"
