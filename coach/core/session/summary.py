"""The few lines that close a session: how long it took, which leg, what was saved, the streak.

Plain values in, plain lines out, so every wording is tested without a screen."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SessionSummary:
    seconds: float  # time spent in the routine, pauses left out
    steps_total: int
    steps_done: int
    steps_skipped: int
    relief: bool = False
    leg: str | None = None  # "left", "right", "both"; None: not noted
    saved: bool = True  # the journal has the session (False: it could not be written)
    streak: int | None = None  # nightly routine streak in days, with this one
    stopped: bool = False  # ended with q before the last step
    # Too few of the planned hold seconds done (journal/routine_done.py): a nightly
    # routine that does not count for the streak, and the summary says so.
    too_little_work: bool = False


def summary_lines(summary: SessionSummary) -> list[str]:
    took = spoken_time(summary.seconds)
    steps = f"{summary.steps_done} of {summary.steps_total} steps done"
    if summary.steps_skipped:
        steps += f", {summary.steps_skipped} skipped"
    lines = [f"{'Stopped after' if summary.stopped else 'Time taken:'} {took}  ·  {steps}"]
    if summary.relief or summary.leg:
        lines.append(f"Leg: {summary.leg or 'not noted'}")
    if summary.saved:
        lines.append("Saved in your journal (coach history shows it).")
    else:
        lines.append("Not saved: the journal could not be written.")
    if summary.too_little_work and not summary.relief and not summary.stopped:
        lines.append(
            "Under half of the holds were done, so this one does not count for the streak."
        )
    if summary.streak is not None and not summary.relief:
        days = "day" if summary.streak == 1 else "days"
        lines.append(f"Nightly routine streak: {summary.streak} {days}.")
    return lines


def spoken_time(seconds: float) -> str:
    """7 min 32 s, 45 s, 2 min."""
    minutes, secs = divmod(max(1, round(seconds)), 60)
    if not minutes:
        return f"{secs} s"
    return f"{minutes} min {secs} s" if secs else f"{minutes} min"
