"""What the voice says, and when: plain functions of the session's events (no sound, no Textual).

    lines_for_events(events)          -> the Lines to speak for what just happened
    ten_seconds_due(segment, before, after) -> "ten seconds" when the countdown crosses 10 s
    moves_on(events)                  -> a key's events left the step: its speech is cut short
    routine_texts(routine)            -> every text a routine can say, in the order it is needed,
                                         so the renderer can have each ready before its moment

A Line's `kind` decides how the speech queue treats it (coach/audio/speech_queue.py) and how late
it may still be said: a countdown number a second late is wrong, a step's instruction three
seconds late is still what to do.
"""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.routines.routine import Routine, Step
from coach.core.routines.timeline import Segment, SegmentKind, build_timeline
from coach.core.safe_text import printable
from coach.core.session.events import Countdown, Event, Finished, SegmentStarted

# How late (seconds after its moment) a line may still be said; later it is dropped.
MAX_LATE = {
    "step": 8.0,
    "count": 0.15,
    "ten": 1.5,
    "switch": 3.0,
    "rest": 2.0,
    "question": 5.0,
    "end": 5.0,
    "urgent": 30.0,
}
COUNT_WORDS = {3: "Three.", 2: "Two.", 1: "One."}
TEN_SECONDS = "Ten seconds."
TEN_SECONDS_FROM = 20  # holds shorter than this get no "ten seconds"
REST = "Rest."
AGAIN = "Again."
QUESTION = "Has it let go? Press y or n."
END = "That's the end. Well done."


@dataclass(frozen=True)
class Line:
    text: str
    kind: str  # a key of MAX_LATE

    @property
    def max_late(self) -> float:
        return MAX_LATE.get(self.kind, 2.0)


def step_text(step: Step) -> str:
    """The step's own line: its `say:`, else its name, first instruction line and dose, then
    the first line of its caution (a swollen leg for a stretch or rub, numb skin for heat or
    ice): someone listening with their eyes closed must hear it too."""
    if step.say is not None:
        return printable(step.say)
    parts = [step.name.rstrip(".") + "."]
    first = _first_line(step.instructions)
    if first:
        parts.append(first)
    if step.hold is not None:
        parts.append(f"Hold {_words(step.hold)}.")
    elif step.reps is not None:
        parts.append(f"{step.reps} times.")
    caution = _first_line(step.caution)
    if caution:
        parts.append(caution)
    return printable(" ".join(parts))


def _first_line(text: str) -> str:
    """The first non-blank line, ending as a sentence."""
    first = next((row.strip() for row in text.splitlines() if row.strip()), "")
    if first and first[-1] not in ".!?":
        first = first.rstrip(":;,") + "."
    return first


def _words(seconds: int) -> str:
    """30 -> "30 seconds", 60 -> "1 minute", 90 -> "1 minute 30 seconds" (engines read digits)."""
    minutes, rest = divmod(seconds, 60)
    out = []
    if minutes:
        out.append(f"{minutes} minute" + ("s" if minutes != 1 else ""))
    if rest or not minutes:
        out.append(f"{rest} second" + ("s" if rest != 1 else ""))
    return " ".join(out)


def switch_text(side: str | None) -> str:
    return f"Switch to the {side} leg." if side else "Switch sides."


def segment_lines(segment: Segment, lead_in: bool) -> list[Line]:
    """What to say as a segment starts. `lead_in`: the step's line was said in its lead-in."""
    kind = segment.kind
    if kind is SegmentKind.LEAD_IN:
        return _step_line(segment.step)
    if kind is SegmentKind.SWITCH:
        return [Line(switch_text(segment.side), "switch")]
    if kind is SegmentKind.REST:
        return [Line(REST, "rest")]
    if kind is SegmentKind.RELEASED_QUESTION:
        return [Line(QUESTION, "question")]
    if kind is SegmentKind.READY:  # the step, then what to fetch before its timer
        return _step_line(segment.step) + [Line(printable(segment.step.ready_first), "step")]
    if kind is SegmentKind.HOLD and (segment.set_number > 1 or lead_in):
        return [Line(AGAIN if segment.set_number > 1 else "Go.", "step")]
    return _step_line(segment.step)  # HOLD (first set, no lead-in), REPS, NOTE


def _step_line(step: Step) -> list[Line]:
    text = step_text(step)
    return [Line(text, "step")] if text else []


def lines_for_events(events: list[Event], previous: Segment | None = None) -> list[Line]:
    """The lines for one tick's events, in order. After a stall several segments may start at
    once: only the last one's lines are worth saying. `previous` is the segment before them."""
    out: list[Line] = []
    before = previous
    for event in events:
        if isinstance(event, SegmentStarted):
            out = [line for line in out if line.kind == "end"]
            out += segment_lines(event.segment, _after_lead_in(before, event.segment))
            before = event.segment
        elif isinstance(event, Countdown) and event.seconds_left in COUNT_WORDS:
            out.append(Line(COUNT_WORDS[event.seconds_left], "count"))
        elif isinstance(event, Finished):
            out = [Line(END, "end")]
    return out


def moves_on(events: list[Event]) -> bool:
    """Whether these events (from a key or a tap) leave the part that was speaking: a new
    segment started, or the session finished. Pause, +15 s or a leg note do not."""
    return any(isinstance(event, SegmentStarted | Finished) for event in events)


def ten_seconds_due(segment: Segment | None, before: float | None, after: float) -> bool:
    """True when a long enough hold's remaining time crossed 10 s between two looks."""
    if segment is None or segment.kind is not SegmentKind.HOLD or before is None:
        return False
    if (segment.duration or 0) < TEN_SECONDS_FROM:
        return False
    return before > 10.0 >= after > 3.0


def routine_texts(routine: Routine, limit: int = 200) -> list[str]:
    """Every text the routine can say, once each, in the order it is first needed."""
    seen: dict[str, None] = {}
    fixed = [*COUNT_WORDS.values(), TEN_SECONDS]
    previous: Segment | None = None
    for segment in build_timeline(routine):
        for line in segment_lines(segment, _after_lead_in(previous, segment)):
            seen.setdefault(line.text, None)
        if len(seen) == 1:
            for text in fixed:  # needed within the first hold
                seen.setdefault(text, None)
        previous = segment
        if len(seen) >= limit:
            break
    for text in (*fixed, END):
        seen.setdefault(text, None)
    return list(seen)


def _after_lead_in(previous: Segment | None, segment: Segment) -> bool:
    return (
        previous is not None
        and previous.kind in (SegmentKind.LEAD_IN, SegmentKind.SWITCH, SegmentKind.READY)
        and previous.step_index == segment.step_index
    )


def urgent_lines(text: str, count: int = 4) -> list[Line]:
    """The urgent screen's first lines (title and the first signs), said when `!` opens it."""
    rows = [row.strip(" -*•") for row in text.splitlines() if row.strip(" -*•")][:count]
    said = " ".join(row if row[-1] in ".!?:" else row + "." for row in rows)
    return [Line(printable(said), "urgent")] if rows else []
