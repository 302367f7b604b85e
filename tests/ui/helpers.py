"""Shared pieces for the Pilot tests: a fake sound player, the app under a fake clock, and
ways to read what a person would see and to wait for it (never a fixed sleep)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Digits

from coach.core.journal.schema import SessionRecord
from coach.core.journal.store import Journal
from coach.core.journal.writer import Writer
from coach.core.routines.catalog import load_catalog
from coach.core.routines.loader import check_routine_text
from coach.core.routines.routine import Routine
from coach.core.session.clock import FakeClock
from coach.launch import relief_routine
from coach.ui.app import CoachApp
from coach.ui.check.screen import CheckScreen
from coach.ui.player.screen import PlayerScreen

# How many message-processing rounds to allow before a wait gives up.
MAX_ROUNDS = 200


class FakeCues:
    """Records the cues asked for; the app's Cues interface without any sound."""

    def __init__(self, mode: str = "auto") -> None:
        self.mode = mode
        self.played: list[str] = []
        self.muted = False
        self.warmed_up = False

    def play(self, name: str) -> None:
        if not self.muted:
            self.played.append(name)

    def toggle_mute(self) -> bool:
        self.muted = not self.muted
        return self.muted

    def take_notice(self) -> str | None:
        return None

    def warm_up(self) -> None:
        self.warmed_up = True

    def take(self) -> list[str]:
        """The cues played since the last take()."""
        played, self.played = self.played, []
        return played


def relief() -> Routine:
    return relief_routine(foot=False)


def builtin(routine_id: str) -> Routine:
    return load_catalog().routines[routine_id]


def routine_from_text(text: str) -> Routine:
    routine, errors = check_routine_text(text, "test.yaml")
    assert routine is not None, errors
    return routine


def make_app(
    routine: Routine | None = None, clock: FakeClock | None = None, **kwargs: object
) -> tuple[CoachApp, FakeClock, FakeCues]:
    clock = clock or FakeClock(1000.0)
    cues = FakeCues()
    app = CoachApp(start_routine=routine, clock=clock, cues=cues, **kwargs)  # type: ignore[arg-type]
    return app, clock, cues


def footer(app: CoachApp) -> str:
    """The bottom line of the screen: the key bar."""
    return visible_text(app).rstrip().rsplit("\n", 1)[-1]


def visible_text(app: CoachApp) -> str:
    """What is on the terminal now: the active screen (and what shows under a dialog)."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def wait_until(pilot: Pilot, condition: Callable[[], bool], what: str) -> None:
    for _ in range(MAX_ROUNDS):
        if condition():
            return
        await pilot.pause()
    raise AssertionError(f"never happened: {what}\n--- screen ---\n{visible_text(pilot.app)}")


async def wait_for_text(pilot: Pilot, text: str) -> None:
    await wait_until(pilot, lambda: text in visible_text(pilot.app), f"{text!r} on screen")


async def wait_for_screen(pilot: Pilot, screen_type: type) -> None:
    await wait_until(
        pilot, lambda: isinstance(pilot.app.screen, screen_type), f"{screen_type.__name__} shown"
    )


def player(app: CoachApp) -> PlayerScreen:
    for screen in reversed(app.screen_stack):
        if isinstance(screen, PlayerScreen):
            return screen
    raise AssertionError(f"no player in {app.screen_stack}")


async def advance(pilot: Pilot, clock: FakeClock, seconds: float) -> None:
    """Move the fake clock and let the player redraw, as its own wake-up would."""
    clock.advance(seconds)
    player(pilot.app)._refresh_view()
    await pilot.pause()


def shown_clock(app: CoachApp) -> str:
    return player(app).query_one("#clock", Digits).value


def phase(app: CoachApp) -> str:
    return str(player(app).query_one("#phase").render())


def title(app: CoachApp) -> str:
    return str(player(app).query_one("#title").render())


def journal_rows() -> list[SessionRecord]:
    """The journal as a fresh process would read it (COACH_HOME is the test's own), once the
    app's writer thread has written what the screens gave it."""
    assert Writer.flush_all(5.0)
    journal = Journal.open()
    try:
        return journal.sessions()
    finally:
        journal.close()


async def finish_relief(pilot) -> None:  # type: ignore[no-untyped-def]
    """Go through the relief routine with keys only, up to the warning-sign check."""
    app = pilot.app
    await wait_for_screen(pilot, PlayerScreen)
    await wait_until(pilot, lambda: player(app).recorder is not None, "journal row opened")
    await pilot.press("n", "y", "n", "n")
    await wait_until(pilot, lambda: title(app).startswith("Warm"), "heat")
    await pilot.press("s", "s")
    await wait_until(pilot, lambda: title(app).startswith("Afterwards"), "the closing note")
    await pilot.press("enter")
    await wait_for_screen(pilot, CheckScreen)
    await wait_for_text(pilot, "Which leg cramped?")  # not noted during relief: asked once
    await pilot.press("r")
    await wait_for_text(pilot, "Question 1 of")
