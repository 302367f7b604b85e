"""After the warning check: put what its answers mean on the safety record (the `avoid:` rules,
coach/core/guidance/safety_record.py) and say so in one line on the result."""

from __future__ import annotations

import os
from datetime import datetime

from textual.app import App

from coach.core.guidance.check import WarningCheck


def note_safety(app: App, check: WarningCheck, leg: str | None) -> str:
    """Update the record for this check's answers; the line the result shows ("" for none)."""
    from coach.core.guidance.coaching import heat_reason
    from coach.core.guidance.player_lines import load_player_lines
    from coach.core.guidance.safety_record import note_answers, read_record, write_record

    avoid = {q.id: q.avoid for q in check.checklist.questions}
    old = read_record()
    new = note_answers(
        old,
        check.answers,
        avoid,
        leg=leg,
        now=datetime.now().astimezone(),
        check_id=f"{os.getpid()}-{id(check)}",
    )
    if new != old:
        try:
            write_record(new)
        except OSError as error:
            app.notify(f"Could not keep the safety record: {error}", severity="warning")
    lines = load_player_lines()
    said = []
    if new.leg is not None and new.leg_since != old.leg_since:
        said.append(lines.leg_warning_recorded)
    if new.no_heat and new.no_heat != old.no_heat:
        said.append(f"Heat will be left out of cramp relief ({heat_reason(new)}).")
    return "\n".join(said)


def keep_progress(
    app: App,
    recorder: object,
    check: WarningCheck,
    leg: str | None,
    swollen: str | None,
    *,
    finished: bool = False,
) -> None:
    """Where the check is, in the journal (core/guidance/check_progress.py): home offers to
    finish it if the page, the phone or the terminal is lost now; NULL once `finished`."""
    from coach.core.guidance.check_progress import progress_of
    from coach.ui.app_services import wall_time

    keep = getattr(recorder, "check_progress", None)  # a test's stand-in may not keep it
    if keep is not None:
        keep(None if finished else progress_of(check, leg, swollen, wall_time(app)).to_text())
