"""Counts that mean something: restarts of one cramp are one episode, a session quit within
20 s with no step done is "opened", a cramp logged afterwards is a cramp."""

from __future__ import annotations

import io
from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.core.guidance.observations import observed_facts
from coach.core.journal.episodes import episodes, opened_only
from coach.core.journal.export import export_markdown
from coach.core.journal.history_view import build_history, weeks_by_episode
from coach.core.journal.store import Journal

NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)


def _session(journal: Journal, start: datetime, seconds: float, *, released: bool = False,
             steps: tuple[str, ...] = (), status: str = "stopped") -> int:  # fmt: skip
    sid = journal.start_session("cramp-now", "relief", started=start)
    if steps:
        journal.update_session(sid, steps_done=list(steps))
    if released:
        journal.update_session(sid, release_seconds=seconds)
    journal.end_session(sid, status, ended=start + timedelta(seconds=seconds))
    return sid


def test_one_cramp_restarted_twice_is_one_episode_and_raises_no_alarm(tmp_path: Path) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        start = NOW - timedelta(days=1)
        _session(journal, start, 90, steps=("Pull your toes toward you",))
        _session(journal, start + timedelta(minutes=3), 60, steps=("Pull",))
        _session(journal, start + timedelta(minutes=6), 200, released=True, status="completed")
        records = journal.sessions_between(NOW - timedelta(days=7), NOW)
        assert len(episodes(records)) == 1
        assert "D6" not in observed_facts(journal, NOW)  # was "3 cramps in 7 days"
        weeks = weeks_by_episode(journal, 2, NOW)
        assert sum(w.cramps for w in weeks) == 1
        assert build_history(journal, now=NOW).episodes  # each session still listed


def test_a_session_quit_within_20_s_with_no_step_done_is_opened_not_a_cramp(
    tmp_path: Path,
) -> None:
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        _session(journal, NOW - timedelta(days=3), 8)
        _session(journal, NOW - timedelta(days=2), 8, steps=("Pull",))  # a step done: a cramp
        _session(journal, NOW - timedelta(days=1), 45)  # 45 s: a cramp
        records = journal.sessions_between(NOW - timedelta(days=7), NOW)
        assert [opened_only(r) for r in records] == [True, False, False]
        assert len(episodes(records)) == 2
        out = io.StringIO()
        export_markdown(journal, out, now=NOW, questions={})
        assert "- Cramps: 2 (restarts of one cramp counted once; 1 session only opened" in (
            out.getvalue()
        )


def test_cramps_logged_afterwards_count(tmp_path: Path) -> None:
    from coach.core.journal.log_entry import CrampEntry

    with Journal.open(tmp_path / "j.sqlite3") as journal:
        for days in (1, 2, 3):
            entry = CrampEntry(when=NOW - timedelta(days=days), leg="l", minutes=2, pain=5)
            journal.add_cramp_entry(entry)
        facts = observed_facts(journal, NOW)
    assert "3 cramps" in facts.get("D6", "")
