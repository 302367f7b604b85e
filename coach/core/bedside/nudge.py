"""`coach remind`: one line for a shell profile when tonight's routine is still to do.

It runs at every shell start, so it must be fast (tests/bench/remind.py: under 50 ms): the time
comes from settings.yaml by a line scan when the file writes it plainly (the full reader, with
PyYAML, only when it does not), and the journal is read with one indexed query, read-only.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from coach.core.bedside.time_of_day import parse_clock
from coach.core.journal import routine_done

DEFAULT_REMIND_AT = time(21, 0)
KEY = "remind_at"
# `remind_at: 22:30`, quoted or not, a comment after it: the value is read by time_of_day.py.
_PLAIN_LINE = re.compile(r"""remind_at:[ \t]*(["']?)([^"'\s]+)\1(?:[ \t]+#.*)?[ \t]*""")
MAX_SCAN_BYTES = 64 * 1024
NUDGE = "Tonight's stretch is still to do: coach run nightly-quick (about 4 minutes)."


def scan_remind_at(text: str) -> time | None | bool:
    """The time a settings file gives plainly on a top-level `remind_at:` line; None when the
    file never names the key; False when it names it some other way (the full reader decides)."""
    if KEY not in text:
        return None
    for line in text.splitlines():
        if line.startswith(KEY):
            match = _PLAIN_LINE.fullmatch(line.rstrip())
            found = parse_clock(match[2]) if match else None
            return found if found is not None else False
    return False


def remind_at(settings_file: Path) -> time:
    """The set time: a plain line read by hand, else the checked settings reader."""
    try:
        with open(settings_file, "rb") as handle:
            raw = handle.read(MAX_SCAN_BYTES + 1)
    except OSError:
        return DEFAULT_REMIND_AT
    found = scan_remind_at(raw.decode("utf-8", "replace")) if len(raw) <= MAX_SCAN_BYTES else False
    if found is None:
        return DEFAULT_REMIND_AT
    if found is False:
        from coach.core.settings import load_settings

        return parse_clock(load_settings().remind_at) or DEFAULT_REMIND_AT
    assert isinstance(found, time)
    return found


def nudge_due(now: datetime, at: time, done_dates: set[date | None]) -> bool:
    """After the set time, with no completed nightly routine on today's date."""
    return now.time() >= at and now.date() not in done_dates


# Done as journal/routine_done.py decides (it imports nothing heavy); started since a moment.
_DONE = "SELECT started_utc, started_offset_min FROM sessions WHERE started_utc >= ? AND "


def done_dates(journal_file: Path, now: datetime) -> set[date | None] | None:
    """Local dates of prevention routines done (completed, at least half the holds) started in
    the last two days; None when the journal cannot be read (no nudge then: a shell start must
    never complain)."""
    import sqlite3

    if not journal_file.is_file():
        return set()
    # The journal's stored form (coach/core/journal/schema.py: utc_text, local_date), written
    # out here: importing that module (dataclasses, json) costs more than this whole command.
    since = (now.astimezone(UTC) - timedelta(days=2)).strftime("%Y-%m-%dT%H:%M:%SZ")
    try:
        conn = sqlite3.connect(journal_file.resolve().as_uri() + "?mode=ro", uri=True, timeout=0.05)
        try:
            try:  # done: at least half its holds (schema 4 has the figures)
                rows = conn.execute(_DONE + routine_done.COUNTS_SQL, (since,)).fetchall()
            except sqlite3.OperationalError:  # an older journal: completed is done, as before
                rows = conn.execute(_DONE + routine_done.COUNTS_SQL_OLD, (since,)).fetchall()
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return {_local_date(started, offset) for started, offset in rows}


def _local_date(started: str, offset_min: Any) -> date | None:  # SQLite columns, any type
    try:
        moment = datetime.fromisoformat(str(started)[:19])
        return (moment + timedelta(minutes=int(offset_min))).date()
    except (TypeError, ValueError, OverflowError):
        return None


_STANDING_TRIAL = (
    "SELECT start_date, weeks, block_weeks FROM trial_plans"
    " WHERE stopped_utc IS NULL ORDER BY id DESC LIMIT 1"
)


def ordinary_night(plan: tuple[str, int, int] | None, night: date) -> bool:
    """True when `night` falls in an ordinary block of a standing trial plan (start date, weeks,
    block weeks): no routine is meant then, so no reminder. The rule of coach/core/trial/plan.py
    (blocks alternate, the routine first), written out here to keep this command fast."""
    if plan is None:
        return False
    try:
        start = date.fromisoformat(str(plan[0]))
        weeks, block = int(plan[1]), int(plan[2])
    except (TypeError, ValueError):
        return False
    days = (night - start).days
    if days < 0 or days >= weeks * 7 or block < 1:
        return False
    return (days // 7 // block) % 2 == 1


def standing_plan(journal_file: Path) -> tuple[str, int, int] | None:
    """The standing trial plan, or None (no plan, an older journal, or any trouble)."""
    import sqlite3

    try:
        conn = sqlite3.connect(journal_file.resolve().as_uri() + "?mode=ro", uri=True, timeout=0.05)
        try:
            return conn.execute(_STANDING_TRIAL).fetchone()
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def nudge_line(settings_file: Path, journal_file: Path, now: datetime) -> str | None:
    """The line to print, or None (also in an ordinary block of a trial: the routine is skipped
    then on purpose, and a nudge would spoil the comparison)."""
    at = remind_at(settings_file)
    if now.time() < at:
        return None  # before the set time: not even the journal is opened
    dates = done_dates(journal_file, now)
    if dates is None or not nudge_due(now, at, dates):
        return None
    if ordinary_night(standing_plan(journal_file), now.date()):
        return None
    return NUDGE
