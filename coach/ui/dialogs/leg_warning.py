"""Before any routine runs: what may be coached, given the safety record
(coach/core/guidance/coaching.py decides; this shows its warning and passes on the answer).

A leg reported swollen, red or warm in the last 14 days: a routine that would stretch, rub or warm
it opens with that warning, and starts only after a key says how to go on. Numbness, nerve damage
or diabetes on record: each heat step becomes a note saying why it was left out.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen

from coach.core.guidance.coaching import Answer, Coaching, LegWarning
from coach.core.routines.routine import Routine
from coach.ui.app_services import coach_app
from coach.ui.plain import PlainStatic as Static
from coach.ui.widgets.key_bar import KeyBar


class LegWarningScreen(ModalScreen[str]):
    """Dismissed with one of the warning's answers ("other", "without", "checked")."""

    BINDINGS = [
        Binding("o", "go('other')", "Other leg", id="leg-warning-other"),
        Binding("w", "go('without')", "Leave it out", id="leg-warning-without"),
        Binding("g", "go('checked')", "Clinician checked", id="leg-warning-checked"),
        Binding("exclamation_mark", "app.urgent", "Urgent help", id="leg-warning-urgent"),
        Binding("q", "app.quit", "Quit", id="leg-warning-quit"),
    ]

    def __init__(self, warning: LegWarning) -> None:
        super().__init__()
        self.warning = warning

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Static(self.warning.title, id="leg-warning-title")
            yield Static(self.warning.text, id="leg-warning-text")
            yield Static(self.warning.keys, classes="keys")
        yield KeyBar(("app.quit",), id="keys")  # each answer a tap too (a phone at the bedside)

    def on_mount(self) -> None:
        # At start-up this warning, not the player under it, is the first frame the user sees;
        # the covered player does not refresh, so callbacks waiting for its frame would wait on.
        coach_app(self).first_frame_from(self)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "go":
            return Answer(str(parameters[0])) in self.warning.answers
        return True

    def action_go(self, how: str) -> None:
        self.dismiss(how)


def ask_what_may_be_coached(app: App, routine: Routine, then: Callable[[Coaching], None]) -> None:
    """Ask the safety rules what may be coached of `routine`, showing their leg warning first when
    there is one; `then` gets the answer (at once in the usual case: no record, one stat)."""
    from coach.core.guidance.coaching import coaching_for, with_ask_first
    from coach.core.guidance.safety_record import read_record, record_path

    if not record_path().exists():
        then(Coaching(with_ask_first(routine)))
        return
    from coach.core.guidance.player_lines import load_player_lines

    record, lines = read_record(), load_player_lines()
    number = coach_app(app).emergency_number

    def ask(answer: Answer | None) -> Coaching:
        now = datetime.now().astimezone()
        return coaching_for(routine, record, lines, now, number, answer)

    plan = ask(None)
    if plan.warning is None:
        then(plan)
        return

    def answered(how: str | None) -> None:
        then(ask(Answer(how or Answer.WITHOUT)))  # no answer: the safest way on

    app.push_screen(LegWarningScreen(plan.warning), answered)
