"""One cramp restarted twice is one cramp wherever a count is shown (issue 20): the trial's
weeks, history's weekly bars, the Markdown summary, the CSV's `cramp` column and the reminder
all count through journal/episodes.py. Before, the trial counted relief sessions: 3."""

from __future__ import annotations

import csv
import io
from datetime import datetime, timedelta
from pathlib import Path

from coach.core.bedside.nudge import NUDGE, nudge_line
from coach.core.journal.episodes import count_cramps, cramp_numbers
from coach.core.journal.export import export_csv, export_markdown
from coach.core.journal.history_view import weeks_by_episode
from coach.core.journal.store import Journal
from coach.core.trial.weeks import night_of, tally

# Local time: the reminder and the trial's nights read the wall clock the user lived.
EVENING = datetime(2026, 11, 19, 22, 30).astimezone()
CRAMP = EVENING - timedelta(hours=2)


def _relief(journal: Journal, start: datetime, seconds: float, *, released: bool = False,
            steps: tuple[str, ...] = ("Pull your toes toward you",)) -> None:  # fmt: skip
    sid = journal.start_session("cramp-now", "relief", started=start)
    assert sid is not None
    if steps:
        journal.update_session(sid, steps_done=list(steps))
    if released:
        journal.update_session(sid, release_seconds=seconds)
    status = "completed" if released else "stopped"
    journal.end_session(sid, status, ended=start + timedelta(seconds=seconds))


def _one_cramp_restarted_twice(journal: Journal) -> None:
    _relief(journal, CRAMP, 90)  # quit mid-cramp
    _relief(journal, CRAMP + timedelta(minutes=3), 60)  # started again within 5 minutes
    _relief(journal, CRAMP + timedelta(minutes=6), 200, released=True)  # let go at last


def _csv_cramps(journal: Journal) -> set[str]:
    out = io.StringIO()
    export_csv(journal, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    return {row["cramp"] for row in rows if row["cramp"]}


def test_one_cramp_restarted_twice_counts_one_everywhere(tmp_path: Path) -> None:
    path = tmp_path / "j.sqlite3"
    with Journal.open(path) as journal:
        _one_cramp_restarted_twice(journal)
        records = journal.sessions_between(CRAMP - timedelta(days=1), EVENING)
        assert len(records) == 3 and count_cramps(records) == 1

        (week,) = tally(records, [night_of(CRAMP)])
        assert week.cramps == 1  # the trial: was 3

        weeks = weeks_by_episode(journal, 1, EVENING)
        assert [w.cramps for w in weeks] == [1]  # history's bars

        out = io.StringIO()
        export_markdown(journal, out, now=EVENING, questions={})
        assert "- Cramps: 1 (restarts of one cramp counted once)" in out.getvalue()
        assert _csv_cramps(journal) == {"1"}  # three rows, one cramp

    # The reminder counts no cramps as the nightly routine: three sessions of a cramp still
    # leave tonight's stretch to do.
    assert nudge_line(tmp_path / "no-settings.yaml", path, EVENING) == NUDGE


def test_the_csv_numbers_cramps_as_the_summary_counts_them(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        _relief(journal, CRAMP - timedelta(days=2), 8, steps=())  # only opened: no cramp
        _relief(journal, CRAMP - timedelta(days=1), 120, released=True)
        _one_cramp_restarted_twice(journal)
        nightly = journal.start_session("nightly-quick", "prevention", started=EVENING)
        assert nightly is not None
        journal.end_session(nightly, "completed", ended=EVENING + timedelta(minutes=4))

        out = io.StringIO()
        export_csv(journal, out)
        rows = list(csv.DictReader(io.StringIO(out.getvalue())))
        assert [row["cramp"] for row in rows] == ["", "1", "2", "2", "2", ""]
        numbered = [n for _, n in cramp_numbers(journal.iter_sessions()) if n is not None]
        assert len(set(numbered)) == count_cramps(journal.iter_sessions()) == 2

        md = io.StringIO()
        export_markdown(journal, md, now=EVENING, questions={})
        assert "- Cramps: 2 (restarts of one cramp counted once; 1 session only opened" in (
            md.getvalue()
        )
