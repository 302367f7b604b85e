"""`coach remind`: the nightly reminder. Alone, one line for a shell profile when tonight's
routine is still to do (fast: no Textual, no YAML, no argparse); with --ics, a calendar file."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from argparse import Namespace


def run_nudge(now: datetime | None = None) -> int:
    """Print the nudge when it is due; print nothing (and exit 0) otherwise, or on any trouble:
    a shell start must never show an error or a traceback."""
    try:
        from coach.core import paths
        from coach.core.bedside.nudge import nudge_line

        data = paths.user_data_dir()
        settings_file = paths.user_routines_dir().parent / "settings.yaml"
        line = nudge_line(settings_file, data / "journal.sqlite3", now or datetime.now())
    except Exception:  # noqa: BLE001 - see the docstring
        return 0
    if line:
        print(line)
    return 0


def run_ics(at: str, days: str | None, now: datetime | None = None) -> int:
    from coach.core.bedside.ics import ReminderInputError, build_ics, parse_days, parse_time

    try:
        data = build_ics(parse_time(at), parse_days(days), now or datetime.now())
    except ReminderInputError as error:
        print(f"coach: {error}", file=sys.stderr)
        return 2
    sys.stdout.flush()
    sys.stdout.buffer.write(data)  # bytes: iCalendar lines end in CRLF
    sys.stdout.buffer.flush()
    return 0


def run_from_args(args: Namespace) -> int:
    """`coach remind [--ics HH:MM [--days ...]]` after argparse."""
    if args.ics is None:
        if args.days is not None:
            print("coach: --days goes with --ics HH:MM", file=sys.stderr)
            return 2
        return run_nudge()
    return run_ics(args.ics, args.days)
