"""The app's bedside settings, applied after the first frame (settings.yaml is never read before
it): the night or day theme, the user's keymap, the command palette and its commands."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import Any

from textual.app import App, SystemCommand
from textual.screen import Screen

from coach.core.bedside.night import theme_for, toggled
from coach.core.safe_text import printable
from coach.ui.preferences import themes

AUTO_CHECK_SECONDS = 60.0  # `theme: auto` looks at the clock this often


def apply_after_first_frame(app: Any) -> None:
    """Theme, keymap and palette from settings.yaml; each problem said once, one line each.
    Once: the covered first screen asks again after the leg warning (app.first_frame_from)."""
    if app.bedside_applied:
        return
    app.bedside_applied = True
    settings = app.settings
    if not app.theme_applied:
        _apply_theme(app, settings)
    problems = apply_keymap(app, settings.keymap)
    for problem in problems:
        app.notify(problem, severity="warning", timeout=10)
    app.use_command_palette = True  # off on the relief path until now


def apply_theme_first(app: Any) -> None:
    """The theme before the first frame: in a browser (coach serve) the page waits for the
    process to start anyway, and a reload at night must not show the day look first."""
    _apply_theme(app, app.settings)


def _apply_theme(app: Any, settings: Any) -> None:
    app.theme_applied = True
    from coach.core.bedside.settings_keys import night_window

    window = night_window(settings.night)

    def by_clock() -> None:
        if app.theme_chosen_by_hand:
            return
        look = theme_for(settings.theme, datetime.now().time(), window)
        if themes.current_look(app) != look:
            themes.set_look(app, look)

    by_clock()
    if settings.theme == "auto":
        app.set_interval(AUTO_CHECK_SECONDS, by_clock)


def toggle_theme(app: Any) -> None:
    app.theme_chosen_by_hand = True  # `t` wins over `theme: auto` for the rest of this run
    themes.set_look(app, toggled(themes.current_look(app)))


def apply_keymap(app: Any, entries: tuple[Any, ...]) -> list[str]:
    """Check the user's keymap against every binding, apply what is sound, return the problems."""
    if not entries:
        return []
    from coach.core.bedside.keymap import check_keymap, complete_keymap
    from coach.ui.preferences.keys import all_bindings, known_key, normalize, types_text

    bindings = all_bindings(list(type(app).BINDINGS))
    keymap, problems = check_keymap(entries, bindings, normalize, known_key, types_text)
    keymap = complete_keymap(keymap, bindings, normalize)
    app.user_keymap = keymap  # with the keys that follow (go on follows pause)
    app.user_keymap_ids = {entry.binding_id for entry in entries}
    if keymap:
        app.set_keymap(keymap)
        refresh_key_bars(app)
    return problems


def refresh_key_bars(app: App) -> None:
    from coach.ui.widgets.key_bar import KeyBar

    for bar in app.screen.query(KeyBar):
        bar.refresh_keys()


def palette_commands(app: Any, screen: Screen) -> Iterable[SystemCommand]:
    """The coach's commands. Starting something, history and the builder only when no session
    is running: one routine at a time."""
    if not app.session_running:
        routines = _routines(app)
        relief = routines.get("cramp-now")
        if relief is not None:
            yield SystemCommand("Start cramp relief", "I'm cramping now", lambda: _run(app, relief))
        for routine in sorted(routines.values(), key=lambda r: (not r.relief, r.name)):
            if routine.id != "cramp-now":
                name = printable(routine.name)  # from a file: data, never markup or escapes
                start = partial(_run, app, routine)
                yield SystemCommand(f"Run: {name}", f"{routine.kind} routine", start)
        yield SystemCommand("History", "Your journal: cramps and routines", lambda: _history(app))
        yield SystemCommand("Build a routine", "The routine builder", lambda: _builder(app))
    yield SystemCommand("Mute / unmute", "Sound cues on or off", lambda: _mute(app))
    yield SystemCommand("Night / day theme", "Switch the look (t)", lambda: toggle_theme(app))
    yield SystemCommand("Urgent help", "The signs that need care now (!)", app.action_urgent)
    yield SystemCommand("Quit", "Leave the coach", app.action_quit_now)


def _routines(app: Any) -> dict[str, Any]:
    from coach.core.routines.catalog import load_catalog

    return dict(load_catalog().routines)


def _run(app: Any, routine: Any) -> None:
    from coach.ui.player.screen import PlayerScreen

    app.push_screen(PlayerScreen(routine))


def _history(app: Any) -> None:
    from coach.ui.screens.history import HistoryScreen

    app.push_screen(HistoryScreen())


def _builder(app: Any) -> None:
    from coach.ui.builder.screen import BuilderScreen

    app.push_screen(BuilderScreen(routines=_routines(app)))


def _mute(app: Any) -> None:
    cues = app.cues
    if getattr(cues, "mode", None) == "off":
        app.notify("Sound is off for this run (--mute or sound: off).", timeout=3)
        return
    app.notify("Sound off" if cues.toggle_mute() else "Sound on", timeout=2)
