"""What a person types into the builder, read as step and routine values.

Split from builder.py (the draft model). Each function returns the value or raises DraftError
with a message for the screen; the draft then has the loader judge the result.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from coach.core.builder.ids import DraftError
from coach.core.routines.durations import DurationError, parse_duration
from coach.core.routines.routine import LEAD_IN_MAX, SIDES, Exercise, Step

# What the screen edits inline, as text: the step's dose, and its caution.
EDITABLE = ("hold", "sets", "rest", "sides", "reps", "caution")


def one_line(text: str) -> str:
    """A name is one line: the file and the screens show it so."""
    return " ".join(text.split())


def parse_field(key: str, text: str) -> object:
    """A step field from what was typed ("" clears a hold or reps, or a caution)."""
    text = text.strip()  # the loader strips text too: the draft must hold what loads back
    if key == "caution":
        return text
    if key == "sides":
        if text not in SIDES:
            raise DraftError(f"sides: expected {', '.join(SIDES)}")
        return text
    if key in ("hold", "reps") and not text:
        return None
    if key in ("sets", "reps"):
        if not text.isdigit():
            raise DraftError(f"{key}: expected a whole number, got {text!r}")
        return int(text)
    try:
        return parse_duration(text or "0")
    except DurationError as err:
        raise DraftError(f"{key}: {err}") from None


def parse_lead_in(text: str) -> int:
    """The routine's "get ready" time: 0s to 10m."""
    try:
        seconds = parse_duration(text.strip())
    except DurationError as err:
        raise DraftError(f"lead-in: {err}") from None
    if not 0 <= seconds <= LEAD_IN_MAX:
        raise DraftError("lead-in: expected 0s to 10m")
    return seconds


def inline_step(name: str, instructions: str = "", hold: str = "") -> Step:
    """A step of the user's own (not from the library): timed when a hold is given, else a note."""
    name = one_line(name)
    if not name:
        raise DraftError("name: a step needs a name")
    seconds = parse_field("hold", hold)
    return Step(name, instructions.strip(), hold=seconds if isinstance(seconds, int) else None)


def offered(library: Mapping[str, Exercise], kind: str) -> list[Exercise]:
    """The exercises that belong in a routine of `kind` (relief-only ones stay out of nightly)."""
    return [ex for ex in library.values() if kind in ex.kinds]


def kinds_text(kinds: Iterable[str]) -> str:
    return " or ".join(kinds)
