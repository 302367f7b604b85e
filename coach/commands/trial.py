"""`coach trial`: your own trial of the nightly routine (start, stop, the report). No Textual."""

from __future__ import annotations

import argparse
import shutil
import sys
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from coach.core.safe_text import printable

if TYPE_CHECKING:
    from coach.core.journal.store import Journal


def add_parser(sub: Any) -> None:  # argparse's subparsers: no public type
    trial = sub.add_parser(
        "trial",
        help="your own trial: does the nightly routine help you? (start, stop, or the report)",
        description="Compare cramps per week in weeks with the nightly routine and weeks "
        "without. With no action: the report so far.",
    )
    actions = trial.add_subparsers(dest="action", metavar="ACTION")
    start = actions.add_parser("start", help="plan alternating routine and ordinary blocks")
    # plan.DEFAULT_WEEKS and DEFAULT_BLOCK, written out: every command builds this parser, and
    # the cramp path must not import the trial's modules (test_trial_plan keeps them equal).
    start.add_argument("--weeks", type=int, default=16, help="how long, in weeks (default 16)")
    start.add_argument(
        "--block",
        type=int,
        default=4,
        help="weeks in each block (default 4: stretching may take weeks to help)",
    )
    start.add_argument("--start", metavar="YYYY-MM-DD", help="the first night (default tonight)")
    actions.add_parser("stop", help="end the plan (the report turns observational)")


def run(args: argparse.Namespace) -> int:
    from coach.commands.journal_notice import open_journal

    journal = open_journal("trial")  # a report too: an older file is brought up to date first
    if args.action is None:
        return _report(journal)
    try:
        if not journal.recording:
            return _fail(journal.problem or "cannot write the journal")
        return _start(journal, args) if args.action == "start" else _stop(journal)
    finally:
        journal.close()


def _start(journal: Journal, args: argparse.Namespace) -> int:
    from coach.core.trial.plan import TrialPlan, checked_start, status_line
    from coach.core.trial.report import PLAN_NOTE, current_plan

    today = datetime.now().astimezone().date()
    standing = current_plan(journal)
    if standing is not None:
        return _fail(
            f"a trial is already planned ({status_line(standing, today)}); "
            "`coach trial stop` ends it"
        )
    try:
        start = checked_start(date.fromisoformat(args.start), today) if args.start else today
        plan = TrialPlan(start, args.weeks, args.block)
    except ValueError as exc:
        return _fail(str(exc))
    if journal.start_trial(plan.start, plan.weeks, plan.block) is None:
        return _fail(journal.problem or "the journal did not take the plan")
    print(
        f"Trial planned: {plan.weeks} weeks from {plan.start:%a %d %b %Y}, "
        f"blocks of {plan.block} week{'s' if plan.block != 1 else ''}, routine first."
    )
    print(status_line(plan, today))
    print(PLAN_NOTE)
    return 0


def _stop(journal: Journal) -> int:
    stopped = journal.stop_trial()
    print("Trial stopped." if stopped else "No trial was planned.")
    return 0


def _report(journal: Journal) -> int:
    from coach.core.trial.chart import chart_text
    from coach.core.trial.report import build_report

    try:
        if not journal.readable:
            return _fail(journal.problem or "cannot read the journal")
        report = build_report(journal)
        for line in report.lines():
            print(printable(line))
        size = shutil.get_terminal_size((80, 24))
        tty = sys.stdout.isatty()
        width, height = (size.columns, size.lines - 12) if tty else (80, 16)
        print()
        print(chart_text(report.weeks, width, height, color=tty))
        return 0
    finally:
        journal.close()


def _fail(message: str) -> int:
    print(f"coach trial: {printable(message)}", file=sys.stderr)
    return 2
