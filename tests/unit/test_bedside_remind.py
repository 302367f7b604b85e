"""`coach remind`: the nudge (when, and only when, tonight's routine is not done) and --ics."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, time, timedelta
from pathlib import Path

import pytest

from coach.core.bedside.nudge import NUDGE, nudge_due, nudge_line, remind_at, scan_remind_at
from coach.core.journal.store import Journal, journal_path
from coach.core.settings import settings_path

EVENING = datetime(2026, 12, 1, 22, 0).astimezone()


def settings(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("sound: bell\n", None),
        ('remind_at: "22:30"\n', time(22, 30)),
        ("remind_at: 22:30   # after the news\n", time(22, 30)),
        ("remind_at: '7:05'\n", time(7, 5)),
        ("{remind_at: '20:00'}\n", False),  # named some other way: the full reader decides
        ("remind_at: 25:00\n", False),
        ("# remind_at: 20:00\n", False),
    ],
)
def test_the_line_scan(text: str, found: object) -> None:
    assert scan_remind_at(text) == found


def test_the_full_reader_settles_what_the_scan_cannot() -> None:
    assert remind_at(settings("{remind_at: '20:00'}\n")) == time(20, 0)
    assert remind_at(settings("remind_at: 25:00\n")) == time(21, 0)  # reported in the app
    assert remind_at(settings_path().with_name("missing.yaml")) == time(21, 0)


def test_due_after_the_time_without_tonights_routine() -> None:
    assert nudge_due(EVENING, time(21, 0), set())
    assert not nudge_due(EVENING, time(22, 30), set())
    assert not nudge_due(EVENING, time(21, 0), {EVENING.date()})
    assert nudge_due(EVENING, time(21, 0), {EVENING.date() - timedelta(days=1)})


def test_a_routine_done_tonight_in_the_journal_silences_it() -> None:
    journal = Journal.open()
    assert nudge_line(settings_path(), journal_path(), EVENING) == NUDGE
    relief = journal.start_session("cramp-now", "relief", started=EVENING - timedelta(hours=1))
    journal.end_session(relief, "completed", ended=EVENING)
    assert nudge_line(settings_path(), journal_path(), EVENING) == NUDGE  # a cramp is not it
    done = journal.start_session("nightly", "prevention", started=EVENING - timedelta(minutes=30))
    journal.end_session(done, "completed", ended=EVENING - timedelta(minutes=20))
    journal.close()
    assert nudge_line(settings_path(), journal_path(), EVENING) is None
    assert nudge_line(settings_path(), journal_path(), EVENING + timedelta(days=1)) == NUDGE


def test_the_reminder_stays_quiet_in_a_trial_s_ordinary_blocks() -> None:
    """Skipping the routine is the point of an ordinary block: no nudge to do it then."""
    journal = Journal.open()
    night = EVENING.date()
    journal.start_trial(night - timedelta(weeks=2), 8, 2)  # weeks 1-2 routine, 3-4 ordinary
    journal.close()
    assert nudge_line(settings_path(), journal_path(), EVENING) is None  # week 3: ordinary
    assert nudge_line(settings_path(), journal_path(), EVENING + timedelta(weeks=2)) == NUDGE
    assert nudge_line(settings_path(), journal_path(), EVENING - timedelta(days=1)) == NUDGE
    assert nudge_line(settings_path(), journal_path(), EVENING + timedelta(weeks=7)) == NUDGE
    journal = Journal.open()
    journal.stop_trial()
    journal.close()
    assert nudge_line(settings_path(), journal_path(), EVENING) == NUDGE


def test_no_journal_and_early_evening() -> None:
    assert nudge_line(settings_path(), journal_path(), EVENING) == NUDGE
    settings('remind_at: "23:00"\n')
    assert nudge_line(settings_path(), journal_path(), EVENING) is None


def test_a_damaged_journal_prints_nothing() -> None:
    path = journal_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"not a database" * 100)
    assert nudge_line(settings_path(), path, EVENING) is None


def run_coach(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "coach", *args], capture_output=True, text=True, timeout=60
    )


def test_the_command_prints_an_ics_that_icalendar_reads() -> None:
    from icalendar import Calendar

    out = run_coach("remind", "--ics", "22:30")
    assert out.returncode == 0, out.stderr
    event = Calendar.from_ical(out.stdout).walk("VEVENT")[0]
    assert event["rrule"]["FREQ"] == ["DAILY"] and event.decoded("dtstart").time() == time(22, 30)
    assert event.walk("VALARM")


@pytest.mark.parametrize(
    "args", [("remind", "--ics", "10pm"), ("remind", "--ics", "22:30", "--days", "weekdays"),
             ("remind", "--days", "mon-fri")],
)  # fmt: skip
def test_bad_input_is_one_line(args: tuple[str, ...]) -> None:
    out = run_coach(*args)
    assert out.returncode == 2 and out.stdout == ""
    assert out.stderr.startswith("coach: ") and out.stderr.count("\n") == 1


def test_remind_alone_does_not_load_textual_yaml_or_argparse(coach_home: Path) -> None:
    code = (
        "import sys\nfrom coach.cli import main\nmain(['remind'])\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in"
        " ('textual', 'yaml', 'argparse', 'rich', 'icalendar')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_the_command_reads_the_files_the_app_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    import coach.core.bedside.nudge as nudge
    from coach.commands.remind import run_nudge

    seen: list[Path] = []
    monkeypatch.setattr(nudge, "nudge_line", lambda s, j, now: seen.extend([s, j]))
    run_nudge(EVENING)
    assert seen == [settings_path(), journal_path()]
