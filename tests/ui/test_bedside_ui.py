"""The bedside settings in the app: keymap (p pauses coach now), the night theme and its
contrast, `t`, the command palette and the help's keys in force."""

from __future__ import annotations

from pathlib import Path

from textual.color import Color

from coach.core.bedside.contrast import AA_NORMAL_TEXT, blue_share, contrast_ratio
from coach.core.settings import settings_path
from coach.ui.preferences.themes import NIGHT
from coach.ui.screens.help import HelpScreen

from .helpers import (
    make_app,
    player,
    relief,
    visible_text,
    wait_for_screen,
    wait_for_text,
    wait_until,
)

SIZE = (100, 40)


def write_settings(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def settled(pilot) -> None:  # type: ignore[no-untyped-def]
    """After the first frame: settings applied, the palette on."""
    await wait_until(pilot, lambda: pilot.app.use_command_palette, "bedside settings applied")


async def test_keymap_pause_p_makes_p_pause_coach_now() -> None:
    write_settings("keymap: {pause: p}\n")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "toes")
        await settled(pilot)
        assert app.user_keymap == {"pause": "p", "resume": "p"}  # go on follows pause
        await wait_for_text(pilot, "p Pause")  # the key bar shows the key in force
        await pilot.press("p")
        await wait_until(pilot, lambda: player(app).session.paused, "paused by p")
        await pilot.press("space")  # space is no longer pause
        await pilot.pause()
        assert player(app).session.paused


async def test_next_on_space_written_above_pause_on_p_is_no_clash() -> None:
    write_settings("keymap:\n  next: space\n  pause: p\n")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await wait_for_text(pilot, "toes")
        await settled(pilot)
        assert [str(n.message) for n in app._notifications if "keymap" in str(n.message)] == []
        assert app.user_keymap["next"] == "space" and app.user_keymap["pause"] == "p"
        await pilot.press("p")
        await wait_until(pilot, lambda: player(app).session.paused, "paused by p")


async def test_an_unknown_id_and_a_clash_are_reported_with_their_lines() -> None:
    path = write_settings("keymap:\n  paws: p\n  pause: b\n  next: j\n")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert f"{path}:2:9: keymap.paws: unknown binding id 'paws'; did you mean 'pause'?" in (
            " ".join(messages)
        )
        assert any(m.startswith(f"{path}:3:10: keymap.pause: key 'b' is already") for m in messages)
        assert app.user_keymap == {"next": "j", "no": "n"}  # "no" keeps the n next gave up


def widget_contrast(widget) -> float:  # type: ignore[no-untyped-def]
    """The widget's text colour against the background it is drawn on, as rendered."""
    _, _, background, colour = widget.colors  # inherited and blended, as drawn
    return contrast_ratio(text_colour(widget).rgb, background.rgb)


def text_colour(widget) -> Color:  # type: ignore[no-untyped-def]
    _, _, background, colour = widget.colors
    return background + colour if colour.a < 1 else colour


async def test_night_theme_by_setting_keeps_the_instruction_and_countdown_readable() -> None:
    write_settings("theme: night\n")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.theme == NIGHT.name
        await pilot.pause()
        screen = player(app)
        for selector in ("#instructions", "#clock", "#title"):
            ratio = widget_contrast(screen.query_one(selector))
            assert ratio >= AA_NORMAL_TEXT, (selector, ratio)
        # dim and warm: little blue in the text or the background
        assert blue_share(text_colour(screen.query_one("#instructions")).rgb) < 0.2
        await pilot.press("t")
        await wait_until(pilot, lambda: app.theme == "coach-day", "t toggles to day")
        await pilot.pause()
        for selector in ("#instructions", "#clock"):
            assert widget_contrast(screen.query_one(selector)) >= AA_NORMAL_TEXT


async def test_auto_follows_the_night_window() -> None:
    write_settings('theme: auto\nnight: "00:00-23:59"\n')
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        assert app.theme == NIGHT.name  # it is always night in this window (but 23:59)


async def test_the_palette_waits_for_the_first_frame_and_offers_the_coach() -> None:
    app, _, _ = make_app(None)
    assert app.use_command_palette is False
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        titles = [str(c.title) for c in app.get_system_commands(app.screen)]
        assert titles[0] == "Start cramp relief"
        for wanted in ("Run: Nightly", "History", "Build a routine", "Mute / unmute"):
            assert any(t.startswith(wanted) for t in titles), (wanted, titles)
        assert "Night / day theme" in titles
        await pilot.press("ctrl+p")
        await wait_until(pilot, lambda: "CommandPalette" in type(app.screen).__name__, "palette")


async def test_during_a_session_the_palette_starts_nothing_new() -> None:
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        titles = [str(c.title) for c in app.get_system_commands(app.screen)]
        assert "Start cramp relief" not in titles and "History" not in titles
        assert "Urgent help" in titles


async def test_help_shows_the_keys_in_force() -> None:
    write_settings("keymap: {pause: p, next: j}\n")
    app, _, _ = make_app(relief())
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        await pilot.press("question_mark")
        await wait_for_screen(pilot, HelpScreen)
        text = visible_text(app)
        assert "Your keys" in text and "night / day theme" in text
        assert "pause" in text and "next" in text


def test_the_night_themes_own_colours_meet_aa() -> None:
    """From the theme as declared: text and the countdown (both $text) on the background, and
    the phase line's accent; the key bar's keys on its background."""
    from coach.core.bedside.contrast import parse_hex

    v = NIGHT.variables
    background = parse_hex(NIGHT.background or "")
    for name, colour in (("text", v["text"]), ("accent", NIGHT.accent or "")):
        assert contrast_ratio(parse_hex(colour), background) >= AA_NORMAL_TEXT, name
    footer = parse_hex(v["footer-background"])
    for name in ("footer-key-foreground", "footer-foreground"):
        assert contrast_ratio(parse_hex(v[name]), footer) >= AA_NORMAL_TEXT, name
    assert blue_share(parse_hex(v["text"])) < 0.2 and blue_share(background) < 0.2


def test_textual_key_names() -> None:
    from coach.ui.preferences.keys import known_key

    for key in ("p", "J", "ctrl+j", "f5", "left", "space", "enter", "exclamation_mark", "plus"):
        assert known_key(key), key
    for key in ("pq", "ctrl+", "cmd+p", "spacebar"):
        assert not known_key(key), key


async def test_keys_that_are_not_ours_are_refused_and_bang_opens_urgent_help_from_a_field() -> None:
    from textual.widgets import Input

    from coach.ui.screens.log import LogScreen
    from coach.ui.screens.urgent import UrgentScreen

    path = write_settings("keymap:\n  next: ctrl+q\n  quit-now: z\n")
    app, _, _ = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await settled(pilot)
        messages = " ".join(str(n.message) for n in app._notifications)
        assert f"{path}:2:9: keymap.next: key 'ctrl+q' is Textual's own (quit)" in messages
        assert f"{path}:3:13: keymap.quit-now: 'z' types a character" in messages
        assert app.user_keymap == {}
        app.action_log()
        await wait_for_screen(pilot, LogScreen)
        await wait_until(pilot, lambda: bool(app.screen.query("#log-when-text")), "the form")
        field = app.screen.query_one("#log-when-text", Input)
        field.focus()
        await pilot.press("z", "z")  # typed into the field: nothing quits
        await wait_until(pilot, lambda: field.value == "zz", "typed")
        await pilot.press("exclamation_mark")  # urgent help, even while typing
        await wait_for_screen(pilot, UrgentScreen)
        assert field.value == "zz"
        await pilot.press("escape")
        await wait_for_screen(pilot, LogScreen)
