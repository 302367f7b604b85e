"""`coach log`: a cramp that is already over, or a routine done without the app.

With no options it opens the log screen. With options it writes one row and prints one line,
without Textual; a cramp is then followed by the warning-sign check when a terminal is there
to answer it (`--no-check` skips it).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from coach.core.routines.kind import RoutineKind
from coach.core.safe_text import printable

if TYPE_CHECKING:
    from coach.core.journal.log_entry import CrampEntry, RoutineEntry

CRAMP_FLAGS = ("when", "leg", "site", "minutes", "pain", "note")
EXAMPLES = """examples:
  coach log                                   the log screen
  coach log --when "last night 3am" --leg left --minutes 3 --pain 6
  coach log --when 2026-11-03T03:10 --leg right --site sole --no-check
  coach log --routine nightly --when "yesterday 22:30"

--when takes: now, 40 min ago, 2h ago, last night 3am, yesterday 22:30, 2026-11-03T03:10"""


def add_parser(sub: Any) -> None:  # argparse's subparsers: no public type
    log = sub.add_parser(
        "log",
        help="record a cramp that is already over, or a routine done without the app",
        description="Record a cramp that is already over (most night cramps end before anyone "
        "reaches a terminal), or a routine done without the app. It counts in history, the "
        "check's facts, the exports and `coach trial` like any other.",
        epilog=EXAMPLES,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    log.add_argument("--when", metavar="TIME", help="when it happened (default: now)")
    log.add_argument("--leg", help="left, right or both")
    log.add_argument("--site", help="calf, sole (arch), toes or other")
    log.add_argument("--minutes", metavar="N", help="about how long it lasted")
    log.add_argument("--pain", metavar="0-10", help="how bad it was, 0 to 10")
    log.add_argument("--note", metavar="TEXT", help="anything worth keeping")
    log.add_argument("--no-check", action="store_true", help="skip the warning-sign check")
    log.add_argument(
        "--routine", metavar="ID", help="record a prevention routine done without the app"
    )


def run(args: argparse.Namespace) -> int:
    given = [name for name in CRAMP_FLAGS if getattr(args, name) is not None]
    if args.routine is None and not given and not args.no_check:
        from coach.launch import run_log_screen

        return run_log_screen(args)
    from coach.core.journal.log_entry import LogEntryError, cramp_entry, describe

    entry: CrampEntry | RoutineEntry
    try:
        if args.routine is not None:
            entry = _routine(args, given)
        else:
            entry = cramp_entry(**{name: getattr(args, name) for name in CRAMP_FLAGS})
    except (LogEntryError, _Refused) as exc:
        return _fail(str(exc))
    session_id = _save(entry)
    if session_id is None:
        return 1
    print(f"Logged {printable(describe(entry))} (entered afterwards).")
    if args.routine is not None or args.no_check:
        return 0
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        print("No warning-sign check here (not a terminal): run `coach log` in one for it.")
        return 0
    from coach.launch import run_entry_check

    return run_entry_check(args, session_id)


class _Refused(Exception):
    pass


def _routine(args: argparse.Namespace, given: list[str]) -> RoutineEntry:
    from coach.core.journal.log_entry import routine_entry
    from coach.core.routines.catalog import load_catalog
    from coach.core.routines.timeline import build_timeline, total_seconds

    extra = [name for name in given if name != "when"]
    if extra:
        raise _Refused(f"--routine takes only --when; not --{', --'.join(extra)}")
    routine = load_catalog().routines.get(args.routine)
    if routine is None:
        raise _Refused(f"no routine with id {args.routine!r}; `coach list` shows them")
    if routine.kind != RoutineKind.PREVENTION:
        raise _Refused(f"{args.routine} is a {routine.kind} routine; log a cramp without --routine")
    seconds = int(total_seconds(build_timeline(routine)))
    return routine_entry(routine.id, when=args.when, seconds=seconds)


def _save(entry: CrampEntry | RoutineEntry) -> int | None:
    from coach.commands.journal_notice import open_journal
    from coach.core.journal.entries import save_entry

    journal = open_journal("log")
    try:
        if not journal.recording:
            _fail(journal.problem or "cannot write the journal")
            return None
        session_id = save_entry(journal, entry)
        if session_id is None:
            _fail(journal.problem or "the journal did not take the entry")
        return session_id
    finally:
        journal.close()


def _fail(message: str) -> int:
    print(f"coach log: {printable(message)}", file=sys.stderr)
    return 2
