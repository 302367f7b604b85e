"""Before a relief routine runs: what the safety record says (coach/core/guidance/relief_rules).

A leg reported swollen, red or warm in the last 14 days: `coach now` opens with that warning,
and the stretch (then rubbing and heat) only starts after an explicit key. Numbness, nerve
damage or diabetes on record: the heat step becomes a note saying why it was left out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen, Screen

from coach.ui.app_services import coach_app
from coach.ui.plain import PlainStatic as Static


class LegWarningScreen(ModalScreen[str]):
    """Dismissed with "other" (the cramp is in the other leg) or "anyway"."""

    BINDINGS = [
        Binding("o", "go('other')", "Other leg", id="leg-warning-other"),
        Binding("g", "go('anyway')", "Go on anyway", id="leg-warning-anyway"),
        Binding("exclamation_mark", "app.urgent", "Urgent help", id="leg-warning-urgent"),
        Binding("q", "app.quit", "Quit", id="leg-warning-quit"),
    ]

    def __init__(self, title: str, text: str, keys: str) -> None:
        super().__init__()
        self.title_text, self.text, self.keys = title, text, keys

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.title_text, id="leg-warning-title")
            yield Static(self.text, id="leg-warning-text")
            yield Static(self.keys, classes="keys")

    def action_go(self, how: str) -> None:
        self.dismiss(how)


def hold_for_safety(player: Screen, begin: Callable[[], None]) -> bool:
    """Apply the safety record to a relief player about to start. True when a leg warning went
    up first: `begin` runs once the user has pressed a key to go on."""
    routine = player.routine  # type: ignore[attr-defined]  # a PlayerScreen (imports this)
    if routine.kind != "relief" or getattr(player, "_safety_checked", False):
        return False
    player._safety_checked = True  # type: ignore[attr-defined]  # a PlayerScreen, as above
    from coach.core.guidance.safety_record import read_record, record_path

    if not record_path().exists():  # the usual case: one stat, nothing read
        return False
    from coach.core.guidance.player_lines import load_player_lines
    from coach.core.guidance.relief_rules import leg_notice, without_heat

    record, lines = read_record(), load_player_lines()
    player.routine = without_heat(routine, record, lines)  # type: ignore[attr-defined]  # as above
    now, number = datetime.now().astimezone(), coach_app(player).emergency_number
    notice = leg_notice(record, lines, now, number)
    if notice is None:
        return False

    def answered(how: str | None) -> None:
        if how == "other" and record.leg in ("left", "right"):
            player.leg = "right" if record.leg == "left" else "left"  # type: ignore[attr-defined]  # as above
        begin()

    player.app.push_screen(LegWarningScreen(*notice), answered)
    return True
