"""What screens and widgets may ask of the app, typed: `coach_app(self).journal`.

The one cast from Textual's `App` to ours lives here (as posting's `cast("Posting", self.app)`).
A Protocol, not CoachApp itself: ui/app.py builds the screens, so a screen importing it would
close an import circle. mypy checks that CoachApp fits this Protocol (ui/app.py, at its end).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol, cast

from textual.app import App

if TYPE_CHECKING:
    from textual.message_pump import MessagePump
    from textual.screen import Screen

    from coach.audio.cues import Cues
    from coach.audio.speaker import Speaker
    from coach.core.guidance.call_numbers import CallAdvice
    from coach.core.journal.store import Journal
    from coach.core.settings import Settings


class CoachServices(Protocol):
    clock: Callable[[], float]  # monotonic seconds (a FakeClock in tests)
    session_running: bool  # set by the player: quitting then asks first
    first_frame_at: float | None

    @property
    def journal(self) -> Journal: ...

    @property
    def settings(self) -> Settings: ...

    @property
    def emergency_number(self) -> str: ...

    @property
    def call_advice(self) -> CallAdvice: ...

    @property
    def cues(self) -> Cues: ...

    @property
    def speaker(self) -> Speaker | None: ...

    def play(self, cue: str) -> None: ...

    def cue_played_early(self, cue: str) -> float | None: ...

    def warm_up_sound(self) -> None: ...

    def say_urgent(self, text: str) -> None: ...

    def add_exit_hook(self, hook: Callable[[str], None]) -> None: ...

    def remove_exit_hook(self, hook: Callable[[str], None]) -> None: ...

    def finish(self, how: str, code: int = 0) -> None: ...

    def show_home(self) -> None: ...

    def first_frame_from(self, screen: Screen[Any]) -> None: ...


def wall_time(node: MessagePump) -> float:
    """Seconds since the epoch, only where a time crosses processes (where a session was:
    core/session/position.py); the session itself runs on `clock`. A test gives the app a
    `wall_clock` of its own (a FakeClock) to move it, as it moves `clock`."""
    return float(getattr(coach_app(node), "wall_clock", time.time)())


def coach_app(node: MessagePump) -> CoachServices:
    """The running CoachApp's services, for the app itself or a screen or widget in it."""
    return cast(CoachServices, node if isinstance(node, App) else node.app)
