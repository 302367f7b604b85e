"""Moving between screens in the ways Textual 8.2.8 allows."""

from __future__ import annotations

from textual.app import App
from textual.screen import Screen

from coach.ui.app_services import coach_app


def app_ending(app: App) -> bool:
    """The app has begun to end (CoachApp.ending: its exit hooks have run). A screen mounted now
    starts nothing: Textual is already taking its widgets down (a terminal closed while the
    first frame was being built), and no journal row may open after the hooks closed theirs."""
    return bool(getattr(app, "ending", False))


def replace_screen(app: App, old: Screen, new: Screen) -> None:
    """Put `new` in `old`'s place, closing any dialog still open over `old`."""
    while app.screen is not old and old in app.screen_stack:
        app.pop_screen()  # help, urgent help or "stop?" left open as a routine ended
    if app.screen_stack and app.screen_stack[0] is old:
        # The default screen (`coach now`, `coach run`) was never pushed, and Textual 8.2.8's
        # switch_screen fails on it (IndexError: no result callback to drop): push instead.
        app.push_screen(new)
    else:
        app.switch_screen(new)


def go_home(app: App) -> None:
    """Home on top of what is done: a finished player below it never runs again. The app builds
    the home screen (CoachApp.show_home): importing it here would close a circle through home,
    the player and the screens that end a session."""
    coach_app(app).show_home()
