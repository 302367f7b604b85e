"""One rule, one home (issue 20): each rule below lives in one module of coach/core, and a rule
written out again anywhere else in coach/ fails here, by a search of the source.

    counting cramps (episodes)        coach/core/journal/episodes.py
    a nightly routine counts as done  coach/core/journal/routine_done.py
    HH:MM, a time of day              coach/core/bedside/time_of_day.py
    the routine kinds                 coach/core/routines/kind.py (RoutineKind)
    the end-of-session summary        coach/core/session/closing.py (session_summary)

Files are found by name anywhere under coach/, so a module moved into another room is still
checked. A search cannot prove a rule is not copied in other words; it keeps the known copies
from coming back, and the users of each home are named so that dropping one fails too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import coach

ROOT = Path(coach.__file__).resolve().parent
SOURCES = {path: path.read_text(encoding="utf-8") for path in sorted(ROOT.rglob("*.py"))}

# The journal's migrations are history: the partial indexes they created name the routine rule in
# their WHERE (SQLite uses such an index only for a query with that WHERE), and a migration that
# has run is never run again, so its text cannot follow a change to the rule anyway.
FROZEN = {"migrations.py"}

# name -> (the home's file name, files that may also match, patterns no other file may hold)
RULES: dict[str, tuple[str, set[str], list[str]]] = {
    "half the holds": (
        "routine_done.py",
        set(FROZEN),
        [
            r"\*\s*2\s*[<>]",  # done * 2 >= planned
            r"[<>]=?\s*0?\.5\b",  # share >= 0.5
            r"timed_done_s\s*\*",  # the SQL form
            r"kind\s*=\s*'prevention'\s+AND\s+status",  # the SQL test written out
        ],
    ),
    "HH:MM": (
        "time_of_day.py",
        set(),
        [r"2\[0-3\]", r"\[0-2\]\?\\d", r"\[01\]\?\\d"],  # the hours of a 24-hour clock
    ),
    "routine kinds": (
        "kind.py",
        set(FROZEN),
        [
            r"""(==|!=)\s*["'](relief|prevention)["']""",
            r"""["'](relief|prevention)["']\s*(==|!=)""",
            r"""\bin\s*[(\[{]\s*["'](relief|prevention)["']""",
            r"kind\s*=\s*'(relief|prevention)'",  # in SQL: f"kind = '{RoutineKind.RELIEF}'"
        ],
    ),
    "counting cramps": (
        "episodes.py",
        set(),
        [
            r"sum\(\s*kind\s*=",  # SQL counting relief rows
            r"RoutineKind\.RELIEF.*\+=\s*1",  # a session counted as a cramp
            r"(sum|len)\(.*RoutineKind\.RELIEF",
        ],
    ),
    "the session summary": ("closing.py", set(), [r"\bSessionSummary\("]),
}


def offences(home: str, allowed: set[str], patterns: list[str]) -> list[str]:
    found = []
    for path, text in SOURCES.items():
        if path.name == home or path.name in allowed:
            continue
        for number, line in enumerate(text.splitlines(), start=1):
            if any(re.search(pattern, line) for pattern in patterns):
                found.append(f"{path.relative_to(ROOT.parent)}:{number}: {line.strip()}")
    return found


@pytest.mark.parametrize("rule", list(RULES))
def test_each_rule_is_written_in_its_home_only(rule: str) -> None:
    home, allowed, patterns = RULES[rule]
    homes = [path for path in SOURCES if path.name == home]
    assert homes, f"{rule}: its home {home} is gone"
    assert not offences(home, allowed, patterns), f"{rule} is written outside {home}: use the home"


# The paths that must ask each home (found by file name: the ui modules may move into rooms).
USERS = {
    "coach.core.journal.episodes": [
        "weeks.py",  # the trial
        "queries.py",  # history's weekly bars (weekly_counts)
        "observations.py",  # the warning-sign check
        "export.py",  # the Markdown summary and the CSV's cramp column
        "history_view.py",  # home's "last cramp"
    ],
    "coach.core.journal.routine_done": ["schema.py", "nudge.py", "export.py", "closing.py"],
    "coach.core.bedside.time_of_day": ["ics.py", "nudge.py", "settings_keys.py", "night.py"],
    "coach.core.session.closing": ["endings.py", "leaving.py"],  # coach/ui/player/
}


@pytest.mark.parametrize("home", list(USERS))
def test_every_path_uses_the_home(home: str) -> None:
    module = home.rpartition(".")[2]
    pattern = re.compile(rf"from {re.escape(home)} import|from {home.rpartition('.')[0]} import"
                         rf"[^\n]*\b{module}\b")  # fmt: skip
    for name in USERS[home]:
        paths = [path for path in SOURCES if path.name == name]
        assert paths, f"{name} is gone: update this list"
        assert any(pattern.search(SOURCES[path]) for path in paths), f"{name} does not use {home}"


def test_the_guard_sees_a_copy() -> None:
    """The searches above match the copies this issue removed (so they can fail)."""
    copies = {
        "half the holds": "too_little_work=done * 2 < planned,",
        "HH:MM": '_TIME = re.compile(r"([01]?\\d|2[0-3]):([0-5]\\d)")',
        "routine kinds": 'relief=routine.kind == "relief",',
        "counting cramps": "        if record.kind == RoutineKind.RELIEF: cramps[week] += 1",
        "the session summary": "    summary = SessionSummary(",
    }
    for rule, line in copies.items():
        patterns = RULES[rule][2]
        assert any(re.search(pattern, line) for pattern in patterns), rule
