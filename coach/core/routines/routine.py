"""What a routine is, once loaded and checked: frozen values the timeline and screens read.

The loader (loader.py) is the only place that builds these from YAML; everything else trusts them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from coach.core.routines.kind import KINDS, RoutineKind

Sides = Literal["none", "left", "right", "both"]
SIDES: tuple[str, ...] = ("none", "left", "right", "both")

# Limits from the routine-file contract (docs/ROUTINES.md); seconds.
HOLD_MIN, HOLD_MAX = 1, 60 * 60
REST_MAX = LEAD_IN_MAX = 10 * 60
DEFAULT_LEAD_IN = 3
# A routine's size once expanded into the timeline, checked by arithmetic before expanding it.
MAX_TIMED_SECONDS = 24 * 60 * 60
MAX_SEGMENTS = 10_000


@dataclass(frozen=True)
class Exercise:
    """One entry of the exercise library (routines/exercises.yaml)."""

    id: str
    name: str
    instructions: str
    hold: int | None = None  # seconds; None when the exercise is counted reps
    sets: int = 1
    rest: int = 0
    sides: str = "none"
    reps: int | None = None
    targets: tuple[str, ...] = ()
    caution: str = ""
    source: str = ""
    kinds: tuple[str, ...] = KINDS  # the routines it belongs in; the builder offers only these


@dataclass(frozen=True)
class Step:
    """One step of a routine, with library defaults already filled in.

    A step is timed (hold set), counted (reps set: the user presses a key when done), or,
    with neither, a short read-and-continue note such as "loosen the covers".
    """

    name: str
    instructions: str = ""
    hold: int | None = None
    sets: int = 1
    rest: int = 0
    sides: str = "none"
    reps: int | None = None
    until_released: bool = False
    optional: bool = False
    caution: str = ""
    source: str = ""
    exercise: str | None = None  # the library id it came from, if any
    say: str | None = None  # what the voice says as the step starts (None: its name and first
    # instruction line; "": nothing)
    # One line shown before the step's timer starts, which waits for Enter ("": no wait): time
    # to fetch a heat pack before five minutes of heat count down.
    ready_first: str = ""
    # Another library exercise the user may take instead (one key, for the rest of the session),
    # already built from the library with its own dose; its `exercise` is the id.
    alternative: Step | None = None

    @property
    def timed(self) -> bool:
        return self.hold is not None

    @property
    def side_list(self) -> tuple[str | None, ...]:
        """The sides in the order they are done; (None,) when the step has no side."""
        if self.sides == "both":
            return ("left", "right")
        if self.sides in ("left", "right"):
            return (self.sides,)
        return (None,)


@dataclass(frozen=True)
class Routine:
    id: str
    name: str
    kind: RoutineKind  # a plain "relief" or "prevention" given here becomes its RoutineKind
    steps: tuple[Step, ...]
    description: str = ""
    lead_in: int = DEFAULT_LEAD_IN
    source_path: str = ""  # the file it was loaded from, for `coach list` and errors
    builtin: bool = False
    # Who should ask a clinician before starting it (pregnant, a recent leg operation...): shown
    # before the first stretch, on home beside the routine, and by `coach plan`.
    ask_first: str = ""
    extra: dict[str, object] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not isinstance(self.kind, RoutineKind):
            object.__setattr__(self, "kind", RoutineKind(self.kind))

    @property
    def relief(self) -> bool:
        """For a cramp now: no overall bar, the warning-sign check after, the safety record."""
        return self.kind is RoutineKind.RELIEF
