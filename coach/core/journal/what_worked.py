"""What has worked for you: per technique, how many of your coached cramps let go during it and
the median time to let go, from the journal's relief sessions (issue 25).

Cramps are episodes (core/journal/episodes.py, the one home for counting them): a restart is one
cramp, a session only opened none. Only cramps the app coached count here (one logged afterwards
has no step). Below MIN_CRAMPS the words say the numbers are too few to mean anything.
"""

from __future__ import annotations

import statistics
from collections.abc import Iterable
from dataclasses import dataclass

from coach.core.journal.episodes import Episode, iter_episodes
from coach.core.journal.schema import SessionRecord
from coach.core.routines.durations import format_clock
from coach.core.session.release_step import LABELS, TECHNIQUES

MIN_CRAMPS = 5  # fewer coached cramps than this: "too few to say"
NOT_NOTED = "not-noted"  # let go, in a session recorded before the step was kept


@dataclass(frozen=True)
class Technique:
    technique: str  # release_step.TECHNIQUES, or NOT_NOTED
    cramps: int  # coached cramps that let go during it
    median_seconds: float | None  # from the cramp's start (restarts included) to letting go

    @property
    def label(self) -> str:
        return LABELS.get(self.technique, "a step not recorded")


@dataclass(frozen=True)
class WhatWorked:
    cramps: int  # coached cramps
    techniques: tuple[Technique, ...]  # in the routine's order, only those with a cramp

    @property
    def let_go(self) -> int:
        return sum(t.cramps for t in self.techniques)

    @property
    def enough(self) -> bool:
        return self.cramps >= MIN_CRAMPS

    def count(self, technique: str) -> int:
        return next((t.cramps for t in self.techniques if t.technique == technique), 0)

    def lines(self) -> list[str]:
        """History's and the export's words: a headline, then one line per technique."""
        if self.cramps == 0:
            return ["No coached cramps yet: nothing to say about what works for you."]
        plural = "cramp" if self.cramps == 1 else "cramps"
        if not self.enough:
            head = f"{self.cramps} {plural} so far: too few to say what works for you"
        else:
            head = f"{self.cramps} coached {plural}; where each let go"
        rows = [f"{t.label}: {t.cramps} of {self.cramps}{_median(t)}" for t in self.techniques]
        missing = self.cramps - self.let_go
        if missing:
            rows.append(f"no let-go noted: {missing} of {self.cramps}")
        return [head + ("." if not rows else ":"), *rows]


def what_worked(records: Iterable[SessionRecord]) -> WhatWorked:
    """The tally over `records` (oldest first, any kinds: only relief episodes count)."""
    cramps = 0
    times: dict[str, list[float]] = {}
    for episode in iter_episodes(records):
        if any(s.entered_afterwards for s in episode.sessions):
            continue
        cramps += 1
        found = release_of(episode)
        if found is not None:
            times.setdefault(found[0], []).append(found[1])
    order = (*TECHNIQUES, NOT_NOTED)
    techniques = tuple(
        Technique(name, len(times[name]), statistics.median(times[name]))
        for name in order
        if name in times
    )
    return WhatWorked(cramps, techniques)


def release_of(episode: Episode) -> tuple[str, float] | None:
    """(technique, seconds to let go) of a cramp, or None when it did not let go in a session.
    The journal's release_seconds already counts the cramp's earlier sessions."""
    for session in reversed(episode.sessions):
        if session.release_seconds is not None:
            return session.release_step or NOT_NOTED, session.release_seconds
    return None


def _median(technique: Technique) -> str:
    if technique.median_seconds is None:
        return ""
    word = "median" if technique.cramps > 1 else "after"
    return f", {word} {format_clock(round(technique.median_seconds))} to let go"
