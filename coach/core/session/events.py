"""What a session says happened, returned by Session.tick(now) in order: small frozen values."""

from __future__ import annotations

from dataclasses import dataclass

from coach.core.routines.timeline import Segment


@dataclass(frozen=True)
class SegmentStarted:
    segment: Segment


@dataclass(frozen=True)
class Countdown:
    seconds_left: int


@dataclass(frozen=True)
class SwitchSides:
    side: str | None


@dataclass(frozen=True)
class StepDone:
    step_index: int
    skipped: bool = False  # True when skip_step() passed over it


@dataclass(frozen=True)
class Finished:
    pass


Event = SegmentStarted | Countdown | SwitchSides | StepDone | Finished
