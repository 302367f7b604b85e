"""The journal written out: CSV for a spreadsheet, Markdown for a clinician to read.

Both stream the sessions oldest first, a page at a time, and write as they read (memory stays
flat for a million sessions; the Markdown summary's counts come from SQL), and accept anything
the file holds: very long or unicode names, a 0 s session, an end before the start.
"""

from __future__ import annotations

import csv
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from datetime import datetime
from typing import NamedTuple, TextIO

from coach.core.journal import routine_done
from coach.core.journal.episodes import (
    Episode,
    count_cramps,
    cramp_numbers,
    iter_episodes,
    opened_only,
)
from coach.core.journal.history_view import weeks_by_episode
from coach.core.journal.schema import LEG_LABELS, SITE_LABELS, SessionRecord
from coach.core.journal.store import Journal
from coach.core.journal.times import aware
from coach.core.routines.kind import RoutineKind
from coach.core.safe_text import printable

CSV_COLUMNS = (
    "id", "routine_id", "kind", "status", "started", "ended", "duration_seconds", "leg", "site",
    "steps_done", "steps_skipped", "release_seconds", "release_step", "warning_tier",
    "warning_answers", "pain", "note", "entered_afterwards", "cramp",
)  # fmt: skip
# `release_step` is the technique running when the cramp let go, as the journal keeps it
# (core/session/release_step.py: stretch, stretch-again, massage, walking, other); empty when
# none was noted. The Markdown's episodes say it in words ("Let go during").
# `cramp` numbers the cramp episodes (journal/episodes.py), 1 for the first: a restart carries
# its cramp's number, so a spreadsheet counts cramps as the Markdown summary does; empty for a
# routine or a relief session only opened.
MARKDOWN_CELL_MAX = 60  # a 500-character routine name would push the table off the page
DISCLAIMER = (
    "This is a self-kept log from the Cramp Coach app, written by the user; "
    "it is not a medical record."
)
# The rule the streak, the weekly table and the trial count by, in the summary's words.
ROUTINE_DONE_WORDS = routine_done.WORDS
# A spreadsheet runs a cell starting with one of these as a formula: a routine named
# "=HYPERLINK(..." must stay text (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Markdown that could make a journal or routine text an image, a link, HTML or emphasis: each is
# backslash-escaped (CommonMark allows it for any ASCII punctuation; ":" breaks "http://" and
# "javascript:"); & < > become entities, so no tag or entity survives either.
_MARKDOWN_SYNTAX = re.compile(r"[\\`*_\[\](){}!|~:#]")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def export_csv(journal: Journal, out: TextIO) -> int:
    """One row per session, every field; returns the number of sessions written."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    count = 0
    for record, cramp in cramp_numbers(journal.iter_sessions()):
        writer.writerow([*_csv_row(record), "" if cramp is None else cramp])
        count += 1
    return count


def _csv_row(record: SessionRecord) -> list[object]:
    return [
        record.id,
        _cell(record.routine_id),
        _cell(record.kind),
        _cell(record.status),
        record.started.isoformat(),
        record.ended.isoformat() if record.ended else "",
        _number(record.duration_seconds),
        _cell(record.leg),
        _cell(record.site or ""),
        _cell("; ".join(record.steps_done)),
        _cell("; ".join(record.steps_skipped)),
        _number(record.release_seconds),
        _cell(record.release_step or ""),
        _cell(record.warning_tier or ""),
        _cell(compact_answers(record.warning_answers)),
        "" if record.pain is None else record.pain,
        _cell(record.note or ""),
        "yes" if record.entered_afterwards else "",
    ]


def compact_answers(answers: Mapping[str, bool]) -> str:
    """{"D6": True, "T1": False} -> "D6=yes;T1=no" (sorted, so two exports compare line by line)."""
    return ";".join(f"{q}={'yes' if yes else 'no'}" for q, yes in sorted(answers.items()))


def export_markdown(
    journal: Journal,
    out: TextIO,
    *,
    now: datetime | None = None,
    questions: Mapping[str, str] | None = None,
) -> None:
    """A summary to print or send: date range, weekly counts, episodes, warning-sign answers.

    `questions` maps a question id to its text (from the warning-sign checklist), so the answers
    read as sentences; without it the ids are shown. Written as it is read: the summary is
    counted by SQLite, the tables stream a page of rows at a time, so a journal of any length
    takes the same memory.
    """
    now = aware(now)
    out.write("# Cramp journal\n\n")
    out.write(f"_{DISCLAIMER}_\n\n")
    ends = journal.first_and_last()
    if ends is None:
        out.write("No sessions recorded yet.\n")
        return
    counts = _Counts(journal.tallies(), _count_episodes(journal), journal.routines_done())
    _write_summary(out, ends, counts, now)
    _write_weeks(out, journal, now)
    _write_what_worked(out, journal)
    _write_trial(out, journal, now)
    _write_episodes(out, iter_episodes(journal.iter_sessions(only=RoutineKind.RELIEF)), counts)
    texts = _question_texts() if questions is None else questions
    relief = journal.iter_sessions(only=RoutineKind.RELIEF)
    _write_answers(out, iter_episodes(relief), texts, journal)


class _Counts(NamedTuple):
    """The summary's figures, each counted by SQLite or in one streamed pass."""

    tallies: list[tuple[str, str, str, str | None, int]]  # (kind, status, leg, site, sessions)
    cramps_opened: tuple[int, int]  # (cramp episodes, relief sessions only opened)
    routines_done: int  # prevention sessions done (schema.ROUTINE_COUNTS)


def _write_summary(
    out: TextIO,
    ends: tuple[SessionRecord, SessionRecord],
    counts: _Counts,
    now: datetime,
) -> None:
    first, last = ends[0].local_date, ends[1].local_date
    legs: Counter[str] = Counter()
    sites: Counter[str] = Counter()
    for kind, _status, leg, site, n in counts.tallies:
        if kind == RoutineKind.RELIEF:
            legs[LEG_LABELS.get(leg, leg)] += n
            if site is not None:
                sites[SITE_LABELS.get(site, site)] += n
    out.write(f"- Period: {first.isoformat()} to {last.isoformat()}")
    out.write(f" (written {now.date().isoformat()})\n")
    cramps, opened = counts.cramps_opened
    out.write(f"- Cramps: {cramps} (restarts of one cramp counted once")
    sessions = "session" if opened == 1 else "sessions"
    out.write(f"; {opened} {sessions} only opened, not counted)\n" if opened else ")\n")
    out.write(f"- Nightly routines done: {counts.routines_done} ({ROUTINE_DONE_WORDS})\n")
    if legs:
        out.write(f"- Leg: {_tally(legs)}\n")
    if sites:
        out.write(f"- Where: {_tally(sites)}\n")
    out.write("\n")


def _write_weeks(out: TextIO, journal: Journal, now: datetime) -> None:
    out.write("## Per week (last 12 weeks)\n\n")
    out.write("| Week of | Cramps | Nightly routines done |\n|---|---:|---:|\n")
    for week in weeks_by_episode(journal, 12, now):
        out.write(f"| {week.week_start.isoformat()} | {week.cramps} | {week.nightly_done} |\n")
    out.write("\n")


def _write_what_worked(out: TextIO, journal: Journal) -> None:
    """Per technique, how many cramps let go during it (journal/what_worked.py)."""
    from coach.core.journal.what_worked import what_worked

    # Our own words and numbers, no text from the journal: written as they are.
    head, *rows = what_worked(journal.iter_sessions(only=RoutineKind.RELIEF)).lines()
    out.write(f"## What has worked\n\n{head}\n\n")
    for row in rows:
        out.write(f"- {row}\n")
    out.write("\n" if rows else "")


def _write_trial(out: TextIO, journal: Journal, now: datetime) -> None:
    """The trial's summary, as `coach trial` words it (coach/core/trial/report.py)."""
    from coach.core.trial.report import build_report

    report = build_report(journal, now.date())
    if not report.weeks and report.plan is None:
        return
    out.write("## Routine weeks against ordinary weeks\n\n")
    for line in report.lines():
        out.write(f"- {_md(line, limit=None)}\n")
    out.write("\n")


def _write_episodes(out: TextIO, cramps: Iterable[Episode], counts: _Counts) -> None:
    """One row per cramp episode, counted as the summary counts them: a restarted cramp is one
    row (its sessions said in the last column), a session only opened is no row."""
    out.write("## Cramp episodes\n\n")
    head = "| Date | Time | Leg | Where | Let go after | Let go during | Pain | What was done |"
    head += " Ended as |\n|---|---|---|---|---:|---|---:|---|---|\n"
    for episode in cramps:
        out.write(head)
        head = ""
        first, last = episode.first, episode.last
        leg = next((r.leg for r in episode.sessions if r.leg), first.leg)
        site = next((r.site for r in episode.sessions if r.site), None)
        pains = [r.pain for r in episode.sessions if r.pain is not None]
        ended = last.status
        if len(episode.sessions) > 1:
            ended += f" (restarted: {len(episode.sessions)} sessions)"
        cells = [
            first.started.strftime("%Y-%m-%d"),
            first.started.strftime("%H:%M"),
            LEG_LABELS.get(leg, leg),
            SITE_LABELS.get(site, site) if site else "",
            _seconds(_let_go_after(episode)),
            _let_go_during(episode),
            f"{max(pains)}/10" if pains else "",
            "; ".join(dict.fromkeys(step for r in episode.sessions for step in _done_steps(r))),
            ended,
        ]
        out.write("| " + " | ".join(cells[:2] + [_md(c) for c in cells[2:]]) + " |\n")
    out.write("None recorded.\n\n" if head else "\n")
    opened = counts.cramps_opened[1]
    if opened:
        words = "session" if opened == 1 else "sessions"
        out.write(
            f"Not listed: {opened} relief {words} only opened and closed, as in the summary.\n\n"
        )


def _let_go_after(episode: Episode) -> float | None:
    """Seconds from the first session's start to "let go", across restarts; None if never said."""
    last = episode.last
    if last.release_seconds is None:
        return None
    return (last.started - episode.first.started).total_seconds() + last.release_seconds


def _let_go_during(episode: Episode) -> str:
    """The technique running when it let go, in history's words; "" when none was noted."""
    from coach.core.journal.what_worked import release_of
    from coach.core.session.release_step import LABELS

    released = release_of(episode)
    return LABELS.get(released[0], "") if released else ""


def _write_answers(
    out: TextIO, cramps: Iterable[Episode], questions: Mapping[str, str], journal: Journal
) -> None:
    """One block per cramp episode: when, the result in words, the questions answered yes and
    no in the checklist's own words (a restart's answers join its episode's block). A result
    with no "yes" came from what the app observed: that is said ("Why: ...")."""
    out.write("## Warning-sign check, by episode\n\n")
    written = 0
    for episode in cramps:
        if not any(r.warning_answers for r in episode.sessions):
            continue
        written += 1
        answers: dict[str, bool] = {}
        tier = None
        for record in episode.sessions:
            answers.update(record.warning_answers)
            tier = record.warning_tier or tier
        leg = LEG_LABELS.get(episode.first.leg, episode.first.leg)
        when = episode.started.strftime("%Y-%m-%d %H:%M")
        out.write(f"### {when}, {_md(leg)} leg: {_md(_tier_words(tier, answers))}\n\n")
        if tier and not any(answers.values()):
            for reason in _observed_reasons(journal, episode):
                out.write(f"Why (observed, not answered): {_md(reason, limit=None)}\n\n")
        for label, value in (("Yes", True), ("No", False)):
            asked = [q for q, yes in sorted(answers.items()) if yes is value]
            if asked:
                out.write(f"{label}:\n\n")
                for question in asked:
                    out.write(f"- {_md(questions.get(question, question), limit=None)}\n")
                out.write("\n")
    if not written:
        out.write("None recorded.\n")


def _tier_words(tier: str | None, answers: Mapping[str, bool]) -> str:
    from coach.core.journal.history_view import SIGNS_WORDS

    if tier:
        return SIGNS_WORDS.get(tier, tier)
    return "no warning sign reported" if answers else "not done"


def _observed_reasons(journal: Journal, episode: Episode) -> list[str]:
    """What the check observed for this episode (it asks none of those questions, so no "yes"
    holds them): a cramp past 10 minutes (T1), and the journal's facts as they stood when the
    check ran (coach/core/guidance/observations.py, the one home of those rules)."""
    from coach.core.guidance.checklist import cramp_overtime
    from coach.core.guidance.observations import observed_facts

    last = episode.last
    at = last.ended or last.started
    reasons = []
    elapsed = (at - episode.first.started).total_seconds()
    if last.release_seconds is not None or not last.entered_afterwards:
        if cramp_overtime(_let_go_after(episode), elapsed):
            reasons.append("the cramp had not let go after 10 minutes.")
    reasons += observed_facts(journal, at).values()
    return reasons


def _done_steps(record: SessionRecord) -> list[str]:
    if not record.entered_afterwards:
        return list(record.steps_done)
    return ["logged afterwards" + (f": {record.note}" if record.note else "")]


def _question_texts() -> dict[str, str]:
    """Question id -> its text, from routines/warning-signs.yaml ({} if it cannot be read)."""
    from coach.core.guidance.checklist import WarningSignsInvalid, load_warning_signs

    try:
        return {q.id: q.question for q in load_warning_signs().questions}
    except WarningSignsInvalid:
        return {}


def _count_episodes(journal: Journal) -> tuple[int, int]:
    """(cramp episodes, relief sessions only opened), in one streamed pass."""
    opened = 0

    def relief() -> Iterator[SessionRecord]:
        nonlocal opened
        for record in journal.iter_sessions(only=RoutineKind.RELIEF):
            opened += opened_only(record)
            yield record

    return count_cramps(relief()), opened


def _tally(counter: Counter[str]) -> str:
    return ", ".join(f"{_md(name)} {n}" for name, n in counter.most_common())


def _seconds(value: float | None) -> str:
    if value is None:
        return ""
    seconds = round(value)
    return f"{seconds // 60} min {seconds % 60} s" if seconds >= 60 else f"{seconds} s"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def _md(text: object, limit: int | None = MARKDOWN_CELL_MAX) -> str:
    """One table cell of text from the journal or a routine: controls escaped (printable), no
    newline or pipe to break the row, long names shortened, no Markdown or HTML that acts."""
    cell = printable(" ".join(str(text).split()))
    if limit is not None and len(cell) > limit:
        cell = cell[: limit - 1] + "…"
    cell = _MARKDOWN_SYNTAX.sub(lambda m: "\\" + m.group(), cell)
    return "".join(_HTML.get(ch, ch) for ch in cell)


def _cell(text: str) -> str:
    """A CSV text field: never a formula to a spreadsheet, controls escaped (printable)."""
    return printable("'" + text if text.startswith(_FORMULA_START) else text)
