"""The trial's weeks as a chart: cramps per week, routine weeks and ordinary weeks in two styles.

Drawn by plotext (a plotting library for terminals; the history screen shows the same series
through textual-plotext). Below MIN_WIDTH x MIN_HEIGHT the text form stands in: one line a week.
plotext is imported only when a chart is drawn.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from coach.core.trial.weeks import WeekTally

MIN_WIDTH, MIN_HEIGHT = 50, 12
ROUTINE_MARK, ORDINARY_MARK = "█", "░"
TITLE = f"Cramps per week ({ROUTINE_MARK} routine week, {ORDINARY_MARK} ordinary week)"
_ANSI = re.compile(r"\x1b\[[0-9;]*m")


def series(weeks: Sequence[WeekTally]) -> tuple[list[str], list[int], list[int]]:
    """Week labels, and cramps in routine weeks and in ordinary weeks (0 in the others)."""
    labels = [str(n) for n in range(1, len(weeks) + 1)]
    routine = [w.cramps if w.routine else 0 for w in weeks]
    ordinary = [0 if w.routine else w.cramps for w in weeks]
    return labels, routine, ordinary


def draw(plt: Any, weeks: Sequence[WeekTally]) -> None:  # plotext: untyped, two kinds
    """Put the weeks on a plotext figure (plotext's module, or a textual-plotext widget's)."""
    labels, routine, ordinary = series(weeks)
    plt.clear_data()
    plt.bar(labels, routine, marker=ROUTINE_MARK, width=0.6, color="green")
    plt.bar(labels, ordinary, marker=ORDINARY_MARK, width=0.6, color="orange")
    plt.title(TITLE)
    plt.xlabel("week")
    plt.yfrequency(max(2, min(6, max(routine + ordinary + [1]) + 1)))


def chart_text(weeks: Sequence[WeekTally], width: int, height: int, color: bool = False) -> str:
    """The chart for a terminal of this size; the text form when it is too small or empty."""
    if not weeks or width < MIN_WIDTH or height < MIN_HEIGHT:
        return text_form(weeks)
    import plotext as plt

    plt.clear_figure()
    plt.plotsize(min(width, 100), min(height, 20))
    plt.theme("clear")
    draw(plt, weeks)
    drawn = plt.build()
    plt.clear_figure()
    return drawn if color else _ANSI.sub("", drawn)


def text_form(weeks: Sequence[WeekTally]) -> str:
    """One line a week, for small terminals: "wk 3  17 Nov  ordinary  ░░░░░  5"."""
    if not weeks:
        return "No whole week to show yet."
    lines = []
    for n, week in enumerate(weeks, start=1):
        kind, mark = ("routine", ROUTINE_MARK) if week.routine else ("ordinary", ORDINARY_MARK)
        bar = mark * min(week.cramps, 20)
        lines.append(f"wk {n:>2}  {week.start:%d %b}  {kind:<8}  {bar} {week.cramps}".rstrip())
    return "\n".join(lines)
