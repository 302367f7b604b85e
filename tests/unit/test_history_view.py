from __future__ import annotations

from datetime import UTC, datetime, timedelta

from coach.core.journal.history_view import build_history, weekly_lines
from coach.core.journal.store import Journal, WeekCount


def test_weekly_bars_scale_to_the_busiest_week_and_never_hide_one() -> None:
    monday = datetime(2026, 11, 16).date()
    weeks = [WeekCount(monday - timedelta(weeks=1), 1, 0), WeekCount(monday, 40, 7)]
    lines = weekly_lines(weeks)
    assert lines[1].count("█") == 1  # one cramp among 40 still shows
    assert lines[2].count("█") == 12 and lines[2].count("▒") == 2


def test_build_history_reads_the_journal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2026, 11, 22, 21, 0, tzinfo=UTC)
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        sid = journal.start_session("cramp-now", "relief", started=now - timedelta(days=1))
        journal.update_session(sid, leg="l", release_seconds=75)
        journal.record_warnings(sid, {"T2": True}, "today")
        journal.end_session(sid, "completed", ended=now - timedelta(days=1) + timedelta(minutes=3))
        for day in range(3):
            pid = journal.start_session("nightly", "prevention", started=now - timedelta(days=day))
            journal.end_session(pid, "completed", ended=now - timedelta(days=day))
        view = build_history(journal, now=now)
    assert view.streak == 3
    assert view.total_sessions == 4
    ((when, leg, routine, let_go, tier),) = view.episodes
    assert (leg, routine, let_go, tier) == ("left", "cramp-now", "1:15", "get seen today")
    assert len(view.week_lines) == 13


def test_journal_line_for_home(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from coach.core.journal.history_view import journal_line

    now = datetime(2026, 11, 22, 21, 0, tzinfo=UTC)
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        assert journal_line(journal, now=now) == ""
        sid = journal.start_session("cramp-now", "relief", started=now - timedelta(days=2))
        journal.end_session(sid, "completed", ended=now - timedelta(days=2))
        for day in (0, 1):
            pid = journal.start_session("nightly", "prevention", started=now - timedelta(days=day))
            journal.end_session(pid, "completed", ended=now - timedelta(days=day))
        line = journal_line(journal, now=now)
    assert line == "Last cramp: 2 days ago  ·  nightly routine streak: 2 days  ·  h for history"


def test_a_routine_name_fits_its_column() -> None:
    from coach.core.journal.history_view import NAME_WIDTH, short_name

    assert short_name("Cramping now (calf or sole)") == "Calf or sole"
    assert short_name("Mine") == "Mine"
    cut = short_name("My very long evening relief routine")
    assert cut.endswith("…") and len(cut) <= NAME_WIDTH and cut.startswith("My very")
