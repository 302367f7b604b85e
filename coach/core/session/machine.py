"""The session state machine: where the user is in a routine, driven by `tick(now)` and key actions.

Plain Python with no clock of its own: every method takes `now` (seconds on a monotonic clock, see
session/clock.py), so tests replay exact times and the UI reads the clock once per refresh.

Events are queued, never pushed: the constructor and every action (next, back, done, ...) add
theirs to an outbox that the next `tick(now)` returns in order, so the UI handles every event in
one place. Call `tick(now)` right after an action to react at once.
"""

from __future__ import annotations

import math
from dataclasses import replace

from coach.core.routines.routine import Routine, Step
from coach.core.routines.timeline import (
    SegmentKind,
    build_timeline,
    swap_step,
    total_seconds,
)
from coach.core.session.clock import monotonic
from coach.core.session.events import (
    Countdown,
    Event,
    Finished,
    SegmentStarted,
    StepDone,
    SwitchSides,
)
from coach.core.session.reading import SessionReading
from coach.core.session.release_step import technique

COUNTDOWN_FROM = 3  # Countdown(3), (2), (1) in the last seconds of a timed segment ...
COUNTDOWN_MIN_LENGTH = 4  # ... at least this long (a 3 s switch would be all countdown)
RESTART_AFTER = 3.0  # back() more than this far into a segment restarts it instead


class Session(SessionReading):
    """One run through a routine; starts its first segment at `now`."""

    def __init__(self, routine: Routine, now: float | None = None) -> None:
        start = monotonic() if now is None else now
        self.routine = routine
        self.timeline = build_timeline(routine)
        self.total = total_seconds(self.timeline)
        self.started_at = start
        self.index = 0
        self.finished = False
        self.completed_steps: list[int] = []
        self.skipped_steps: list[int] = []
        self.release_seconds: float | None = None
        self.release_step: str | None = None  # the technique running then (release_step.py)
        # Seconds of the same cramp before this session (coach/core/session/episode.py): an earlier
        # session quit before it let go. The 10-minute rule counts them; progress does not.
        self.carried_seconds = 0.0
        self.repeats = 0
        # What has worked for this person (guidance/what_works.py), set once the journal is
        # read: "no" at the first stretch goes on to the next step instead of repeating it;
        # "yes" goes straight to the last step (the close-out). Off: the usual routine.
        self.no_moves_on = False
        self.yes_closes_out = False
        # Timed work (session/work.py): hold seconds done, each hold counted up to its length,
        # pauses left out; and the steps the user swapped for their alternative (the originals).
        self.hold_seconds_done = 0.0
        self.swapped: dict[int, Step] = {}
        self._paused_total = 0.0  # seconds spent paused (active_seconds leaves them out)
        # Steps where some work was done (a hold ran out, reps or the question answered): `n`
        # past a step counts it done only then; otherwise it was skipped.
        self._worked: set[int] = set()
        self._paused_at: float | None = None
        self._finished_at: float | None = None
        self._segment_start = start
        self._deadline: float | None = None
        self._length = 0.0  # the current timed segment's length, extensions included
        self._countdown_next = 0  # the next Countdown value due; 0 when none is left
        self._outbox: list[Event] = []
        self._wall_now = start  # the latest `now` seen, for a finish that happens while paused
        # Carried on from an interrupted session (resume_at): its first frame is no fresh start.
        self.resumed = False
        self._start_segment(0, start)

    # --- time ------------------------------------------------------------------------------------

    def tick(self, now: float) -> list[Event]:
        """Advance to `now` and return every event since the last tick, in order."""
        self._catch_up(now)
        events, self._outbox = self._outbox, []
        return events

    def pause(self, now: float) -> None:
        if self.finished or self.paused:
            return
        self._catch_up(now)  # whatever was due before the pause still happens, once
        if not self.finished:
            self._paused_at = now

    def resume(self, now: float) -> None:
        if self._paused_at is None:
            return
        # Shift the segment so the remaining time is exactly what was left at the pause.
        shift = now - self._paused_at
        self._paused_total += shift
        self._segment_start += shift
        if self._deadline is not None:
            self._deadline += shift
        self._paused_at = None

    def toggle_pause(self, now: float) -> None:
        if self.paused:
            self.resume(now)
        else:
            self.pause(now)

    def resume_at(
        self,
        now: float,
        index: int,
        remaining: float | None = None,
        *,
        length: float | None = None,
        paused: bool = False,
        active_before: float = 0.0,
        hold_seconds_done: float = 0.0,
    ) -> None:
        """Carry on an interrupted session (core/session/resume.py decides where) at segment
        `index` with `remaining` seconds of it left (None: all of it). `length` is its length
        with any seconds added; `active_before` the session's time before that segment (pauses
        left out); `hold_seconds_done` the holds done before it. A segment whose time ran out
        while away ends now and the next one starts, whole. Events queued so far are dropped:
        the first tick says where the session is now."""
        if not 0 <= index < len(self.timeline):
            raise ValueError(f"no segment {index} in a timeline of {len(self.timeline)}")
        self._outbox.clear()
        self._deadline = None  # nothing of the segment left behind counts as a hold done
        self._paused_at = None
        self._start_segment(index, now)
        self.resumed = True
        self.hold_seconds_done = max(0.0, hold_seconds_done)
        done = 0.0
        if self._deadline is not None:
            self._length = max(self._length, length or 0.0)
            left = self._length if remaining is None else min(max(remaining, 0.0), self._length)
            done = self._length - left
            self._segment_start, self._deadline = now - done, now + left
            self._countdown_next = min(self._countdown_next, max(0, math.ceil(left) - 1))
        self.started_at = now - max(0.0, active_before) - done
        self._paused_total = 0.0
        if paused:
            self._paused_at = now
        elif self._deadline is not None and self._deadline <= now:
            self._outbox.clear()  # it ran out unseen: only what comes next is news
            self._catch_up(now)

    # --- the user's actions (all harmless no-ops once finished) ----------------------------------

    def next(self, now: float) -> None:
        """Jump to the start of the next segment, with a fresh full duration."""
        if self._catch_up(now):
            skipped = self.timeline[self.index].step_index not in self._worked
            self._advance(self._time(now), self.index + 1, skipped=skipped)

    def back(self, now: float) -> None:
        """Restart this segment if more than 3 s in (or at the first); else go to the previous."""
        if not self._catch_up(now):
            return
        t = self._time(now)
        restart = self.index == 0 or t - self._segment_start > RESTART_AFTER
        self._start_segment(self.index if restart else self.index - 1, t)

    def extend(self, now: float, seconds: int = 15) -> None:
        """Add time to the current timed segment (hold, rest, lead-in, switch), paused or not."""
        if not self._catch_up(now) or self._deadline is None or seconds <= 0:
            return
        self._deadline += seconds
        self._length += seconds
        if self._length >= COUNTDOWN_MIN_LENGTH:
            # Re-arm only the boundaries still ahead, so no Countdown value fires twice in a row.
            ahead = math.ceil(self._deadline - self._time(now)) - 1
            self._countdown_next = max(self._countdown_next, min(COUNTDOWN_FROM, ahead))

    def answer_released(self, now: float, yes: bool = False) -> None:
        """Answer "has it let go?": yes moves on; no repeats that side's hold (no lead-in)."""
        segment = self.current if self._catch_up(now) else None
        if segment is None or segment.kind is not SegmentKind.RELEASED_QUESTION:
            return
        t = self._time(now)
        self._worked.add(segment.step_index)
        if yes:
            self._released(now, segment.step)
            if self.yes_closes_out and segment.step_index < len(self.routine.steps) - 1:
                self._jump_to_step(t, len(self.routine.steps) - 1)
            else:
                self._advance(t, self.index + 1)
        elif self.no_moves_on and self.repeats == 0:
            self.repeats += 1  # a stretch done once: massage comes now instead of a second
            self._advance(t, self._first_segment_after(segment.step_index))
        else:
            self.repeats += 1
            self._start_segment(self._hold_before(self.index), t)

    def _first_segment_after(self, step_index: int) -> int:
        index = self.index
        while index < len(self.timeline) and self.timeline[index].step_index <= step_index:
            index += 1
        return index

    def _jump_to_step(self, at: float, step_index: int) -> None:
        """On to `step_index`, the steps between passed over (recorded as skipped)."""
        self._close_step(self.timeline[self.index].step_index, False)
        target = self._first_segment_after(self.timeline[self.index].step_index)
        while target < len(self.timeline) and self.timeline[target].step_index < step_index:
            self._close_step(self.timeline[target].step_index, True)
            target = self._first_segment_after(self.timeline[target].step_index)
        self._start_segment(target, at)

    def mark_released(self, now: float) -> None:
        """ "It has let go" during a later step of a relief routine (massage, walking): noted
        once, with that step's technique; the routine goes on."""
        segment = self.current if self._catch_up(now) else None
        if segment is not None and self.routine.relief:
            self._released(now, segment.step)

    def _released(self, now: float, step: Step) -> None:
        if self.release_seconds is None:
            self.release_seconds = now - self.started_at  # wall time: what the journal wants
            # A restart of the same cramp began with the stretch already done once.
            rounds = self.repeats + (1 if self.carried_seconds > 0 else 0)
            self.release_step = technique(step, rounds)

    def skip_step(self, now: float) -> None:
        """Jump to the first segment of the next step (the UI decides which steps allow it)."""
        segment = self.current if self._catch_up(now) else None
        if segment is None:
            return
        following = self.index + 1
        while (
            following < len(self.timeline)
            and self.timeline[following].step_index == segment.step_index
        ):
            following += 1
        self._advance(self._time(now), following, skipped=True)

    def use_alternative(self, now: float) -> bool:
        """Swap the current step for its alternative for the rest of the session, starting it
        afresh (the routine's step is replaced, so going back finds the alternative too)."""
        segment = self.current if self._catch_up(now) else None
        if segment is None or segment.step.alternative is None:
            return False
        index, new, t = segment.step_index, segment.step.alternative, self._time(now)
        self._count_hold(t)  # the part of a hold done before the swap still counts
        self._deadline = None
        self.swapped.setdefault(index, segment.step)
        self.timeline, first = swap_step(self.timeline, index, new, self.routine.lead_in)
        steps = self.routine.steps[:index] + (new,) + self.routine.steps[index + 1 :]
        self.routine = replace(self.routine, steps=steps)
        self.total = total_seconds(self.timeline)
        self._start_segment(first, t)
        return True

    def done(self, now: float) -> None:
        """The user finished a REPS or NOTE segment, or is ready for a READY one's timer."""
        segment = self.current if self._catch_up(now) else None
        if segment is not None and segment.kind is SegmentKind.READY:
            self._advance(self._time(now), self.index + 1)
        elif segment is not None and segment.kind in (SegmentKind.REPS, SegmentKind.NOTE):
            self._worked.add(segment.step_index)
            self._advance(self._time(now), self.index + 1)

    # --- internals -------------------------------------------------------------------------------

    def _catch_up(self, now: float) -> bool:
        """Run every deadline up to `now`; return whether the session is still going."""
        self._wall_now = now
        while not self.finished and not self.paused and self._deadline is not None:
            # Countdowns up to the deadline first, so they come before the next SegmentStarted.
            self._emit_countdowns(min(now, self._deadline))
            if now < self._deadline:
                break
            # Chain: the next segment starts at this deadline, not at `now`, so late ticks never
            # make the routine drift.
            if self.timeline[self.index].kind is SegmentKind.HOLD:
                self._worked.add(self.timeline[self.index].step_index)
            self._advance(self._deadline, self.index + 1)
        return not self.finished

    def _emit_countdowns(self, t: float) -> None:
        """Emit each whole-second boundary crossed by `t`, once, however irregular the ticks."""
        assert self._deadline is not None
        left = self._deadline - t
        while self._countdown_next > 0 and left <= self._countdown_next:
            self._outbox.append(Countdown(self._countdown_next))
            self._countdown_next -= 1

    def _advance(self, at: float, to: int, skipped: bool = False) -> None:
        """Move forward to segment `to` (or past the end), closing the step if `to` leaves it."""
        step_index = self.timeline[self.index].step_index
        if to >= len(self.timeline) or self.timeline[to].step_index != step_index:
            self._close_step(step_index, skipped)
        self._start_segment(to, at)

    def _close_step(self, step_index: int, skipped: bool) -> None:
        self._outbox.append(StepDone(step_index, skipped))
        if not skipped:
            if step_index in self.skipped_steps:  # done after all, having come back to it
                self.skipped_steps.remove(step_index)
            if step_index not in self.completed_steps:
                self.completed_steps.append(step_index)
        elif step_index not in self.completed_steps and step_index not in self.skipped_steps:
            self.skipped_steps.append(step_index)

    def _start_segment(self, index: int, at: float) -> None:
        self._count_hold(at)
        if index >= len(self.timeline):
            self._finish(at)
            return
        segment = self.timeline[index]
        self.index = index
        self._segment_start = at
        self._length = float(segment.duration or 0)
        self._deadline = None if segment.duration is None else at + segment.duration
        timed_enough = self._deadline is not None and self._length >= COUNTDOWN_MIN_LENGTH
        self._countdown_next = COUNTDOWN_FROM if timed_enough else 0
        self._outbox.append(SegmentStarted(segment))
        if segment.kind is SegmentKind.SWITCH:
            self._outbox.append(SwitchSides(segment.side))

    def _count_hold(self, at: float) -> None:
        """Leaving a hold (run out, skipped or restarted): add the part done, up to its length."""
        if self.index < len(self.timeline) and self.timeline[self.index].kind is SegmentKind.HOLD:
            if self._deadline is not None:  # not before the first segment has started
                self.hold_seconds_done += max(0.0, min(self._length, at - self._segment_start))

    def _finish(self, at: float) -> None:
        if self._paused_at is not None:
            at = self._wall_now  # finished by a key while paused: the pause still counts
        self.finished = True
        self.index = len(self.timeline)
        self._finished_at = at
        self._deadline = None
        self._paused_at = None
        self._countdown_next = 0
        self._outbox.append(Finished())

    def _hold_before(self, index: int) -> int:
        """The last HOLD before `index` (the hold a released question repeats)."""
        for earlier in range(index - 1, -1, -1):
            if self.timeline[earlier].kind is SegmentKind.HOLD:
                return earlier
        return index  # not reached: a released question always follows a hold
