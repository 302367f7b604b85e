"""CSV and Markdown exports from a real journal file."""

from __future__ import annotations

import csv
import io
import sqlite3
import tracemalloc
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.core.journal.export import (
    CSV_COLUMNS,
    DISCLAIMER,
    MARKDOWN_CELL_MAX,
    ROUTINE_DONE_WORDS,
    compact_answers,
    export_csv,
    export_markdown,
)
from coach.core.journal.store import FILE_NAME, Journal
from coach.core.journal.times import utc_text

TZ = timezone(timedelta(hours=-4))
NOW = datetime(2026, 5, 13, 10, 0, tzinfo=TZ)


@pytest.fixture
def journal(tmp_path: Path) -> Journal:
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    cramp = j.start_session("relief-calf", "relief", started=NOW - timedelta(days=3, hours=8))
    j.update_session(cramp, leg="l", site="calf", steps_done=["Towel stretch", "Massage"],
                     steps_skipped=["Heat"], release_seconds=75.4)  # fmt: skip
    j.record_warnings(cramp, {"T1": False, "D6": True}, "days")
    j.end_session(cramp, "completed", ended=NOW - timedelta(days=3, hours=7, minutes=50))
    nightly = j.start_session("nightly", "prevention", started=NOW - timedelta(days=1))
    j.end_session(nightly, "completed", ended=NOW - timedelta(days=1) + timedelta(minutes=10))
    yield j
    j.close()


def read_csv(j: Journal) -> list[dict[str, str]]:
    out = io.StringIO()
    count = export_csv(j, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert count == len(rows)
    return rows


def test_csv_has_one_row_per_session_with_every_field(journal) -> None:
    rows = read_csv(journal)
    assert list(rows[0]) == list(CSV_COLUMNS)
    cramp, nightly = rows  # oldest first
    assert cramp["routine_id"] == "relief-calf" and cramp["kind"] == "relief"
    assert cramp["started"] == "2026-05-10T02:00:00-04:00"
    assert cramp["duration_seconds"] == "600"
    assert (cramp["leg"], cramp["site"]) == ("l", "calf")
    assert cramp["steps_done"] == "Towel stretch; Massage" and cramp["steps_skipped"] == "Heat"
    assert cramp["release_seconds"] == "75.4"
    assert (cramp["warning_tier"], cramp["warning_answers"]) == ("days", "D6=yes;T1=no")
    assert nightly["kind"] == "prevention" and nightly["warning_answers"] == ""


def test_the_release_step_is_a_csv_column_and_said_in_words_in_the_markdown(
    tmp_path: Path,
) -> None:
    """Schema 5's release_step: in the CSV as the journal keeps it, beside release_seconds; in
    the Markdown's episodes in history's words. Empty in both when no step was noted."""
    with Journal.open(tmp_path / FILE_NAME, now=NOW) as j:
        for hours, step in ((30, "stretch-again"), (20, "massage"), (10, None)):
            sid = j.start_session("cramp-now", "relief", started=NOW - timedelta(hours=hours))
            j.update_session(sid, leg="l", release_seconds=50)
            if step:
                j.update_session(sid, release_step=step)
            j.end_session(sid, "completed", ended=NOW - timedelta(hours=hours, minutes=-5))
        rows = read_csv(j)
        out = io.StringIO()
        export_markdown(j, out, now=NOW, questions={})
    columns = list(CSV_COLUMNS)
    assert columns.index("release_step") == columns.index("release_seconds") + 1
    assert [r["release_step"] for r in rows] == ["stretch-again", "massage", ""]
    text = out.getvalue()
    assert "| Let go after | Let go during |" in text
    assert "| 50 s | a repeated stretch |" in text and "| 50 s | massage |" in text
    assert text.count("| 50 s |  |") == 1


def test_compact_answers_are_sorted() -> None:
    assert compact_answers({"T1": False, "D6": True}) == "D6=yes;T1=no"
    assert compact_answers({}) == ""


def test_csv_keeps_awkward_names_intact_and_formulas_inert(journal) -> None:
    long_name = 'Très long nom 🦶, with "quotes"\nand a newline ' * 300
    sid = journal.start_session(long_name, "relief", started=NOW)
    journal.update_session(sid, steps_done=['=HYPERLINK("http://x")', "+1", "ok"])
    journal.end_session(sid, "stopped", ended=NOW - timedelta(seconds=30))  # clock went back
    zero = journal.start_session("relief-calf", "relief", started=NOW)
    journal.end_session(zero, "completed", ended=NOW)

    rows = {row["id"]: row for row in read_csv(journal)}
    assert rows[str(sid)]["routine_id"] == long_name.replace("\n", "\\n")  # printable()
    assert rows[str(sid)]["steps_done"].startswith("'=HYPERLINK")
    assert rows[str(sid)]["duration_seconds"] == ""  # unknown, not negative
    assert rows[str(zero)]["duration_seconds"] == "0"


def test_markdown_is_a_readable_summary_for_a_clinician(journal) -> None:
    out = io.StringIO()
    export_markdown(journal, out, now=NOW, questions={"D6": "Are the cramps happening often?"})
    text = out.getvalue()
    assert DISCLAIMER in text and "not a medical record" in text
    assert "- Period: 2026-05-10 to 2026-05-12" in text
    assert "- Cramps: 1 (restarts of one cramp counted once)" in text
    assert f"- Nightly routines done: 1 ({ROUTINE_DONE_WORDS})" in text
    assert "| 2026-05-04 | 1 | 0 |" in text  # week of the cramp
    assert "| 2026-05-11 | 0 | 1 |" in text
    # no technique noted (a journal from before schema 5): "Let go during" is empty
    row = "| 2026-05-10 | 02:00 | left | calf | 1 min 15 s |  |  | Towel stretch; Massage |"
    assert row + " completed |" in text
    assert "### 2026-05-10 02:00, left leg: see a doctor soon" in text  # one block an episode
    assert "Yes:\n\n- Are the cramps happening often?\n" in text  # the question in words
    assert "No:\n\n- T1\n" in text  # no text given: the id


def test_markdown_counts_a_routine_done_by_the_half_the_holds_rule(tmp_path) -> None:
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    for days, done in ((3, 59), (2, 60), (1, 120)):  # under half, exactly half, all
        sid = j.start_session("nightly", "prevention", started=NOW - timedelta(days=days))
        j.update_session(sid, timed_done_s=done, timed_planned_s=120)
        j.end_session(sid, "completed", ended=NOW - timedelta(days=days, minutes=-10))
    out = io.StringIO()
    export_markdown(j, out, now=NOW)
    j.close()
    text = out.getvalue()
    # Three completed, two with at least half of their holds: the streak's count, not the status.
    assert "- Nightly routines done: 2 (one counts when it plans at least 2 minutes" in text
    assert "and at least half of that time was done)" in text
    assert "| 2026-05-04 | 0 | 0 |" in text  # 05-10: under half, not counted in its week either
    assert "| 2026-05-11 | 0 | 2 |" in text
    assert "completed: 3" not in text


def test_markdown_tables_survive_pipes_newlines_and_very_long_names(journal) -> None:
    sid = journal.start_session("relief-calf", "relief", started=NOW)
    journal.update_session(sid, steps_done=["a | b\nc " + "ü" * 500])
    journal.end_session(sid, "completed", ended=NOW)
    out = io.StringIO()
    export_markdown(journal, out, now=NOW)
    line = next(x for x in out.getvalue().splitlines() if "a \\| b c" in x)
    assert line.startswith("| ") and line.endswith(" |")
    assert "ü" * (MARKDOWN_CELL_MAX - 10) in line and "ü" * MARKDOWN_CELL_MAX not in line


def test_exports_of_an_empty_or_unwritable_journal(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    for j in (Journal.open(tmp_path / FILE_NAME), Journal.open(blocker / FILE_NAME)):
        out = io.StringIO()
        assert export_csv(j, out) == 0
        assert out.getvalue().strip() == ",".join(CSV_COLUMNS)
        out = io.StringIO()
        export_markdown(j, out, now=NOW)
        assert "No sessions recorded yet." in out.getvalue() and DISCLAIMER in out.getvalue()


def test_markdown_with_routines_only(tmp_path) -> None:
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    sid = j.start_session("nightly", "prevention", started=NOW - timedelta(hours=2))
    j.end_session(sid, "completed", ended=NOW)
    out = io.StringIO()
    export_markdown(j, out, now=NOW)
    text = out.getvalue()
    assert text.count("None recorded.") == 2  # no episodes, no answers
    assert "- Cramps: 0 (restarts of one cramp counted once)" in text and "- Leg:" not in text


class _Watched(io.StringIO):
    """Output that notes how many journal rows had been read when the first session was written."""

    def __init__(self, rows_read: list[int], marker: str) -> None:
        super().__init__()
        self.rows_read, self.marker = rows_read, marker
        self.first_session_after: int | None = None

    def write(self, text: str) -> int:
        if self.first_session_after is None and self.marker in text:
            self.first_session_after = self.rows_read[0]
        return super().write(text)


def _journal_of(path: Path, sessions: int) -> Journal:
    j = Journal.open(path, now=NOW)
    conn = sqlite3.connect(j.path, isolation_level=None)
    conn.execute("BEGIN")
    for n in range(sessions):
        started = utc_text(NOW - timedelta(days=900) + timedelta(minutes=n))
        conn.execute(
            "INSERT INTO sessions (routine_id, kind, status, started_utc, updated_utc,"
            " warning_tier) VALUES ('cramp-now', 'relief', 'completed', ?, ?, 'days')",
            (started, started),
        )
        conn.execute(
            "INSERT INTO warning_answers (session_id, question_id, answer)"
            " VALUES (last_insert_rowid(), 'D6', 1)"
        )
    conn.execute("COMMIT")
    conn.close()
    return j


def test_the_markdown_export_holds_a_page_not_the_journal(tmp_path: Path) -> None:
    """Counting episodes for the summary takes a pass of its own before the tables, so the
    Markdown cannot start writing at once as the CSV does; what it holds must still not grow
    with the journal: eight times the sessions, about the same peak memory."""
    peaks = []
    for sessions in (1500, 12000):
        j = _journal_of(tmp_path / f"{sessions}-{FILE_NAME}", sessions)
        tracemalloc.start()
        export_markdown(j, _Counting(), now=NOW, questions={"D6": "Often?"})
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
        j.close()
    assert peaks[1] < 2 * peaks[0], peaks


class _Counting(io.TextIOBase):
    """Output that keeps nothing (the test measures what the export holds, not what it wrote)."""

    def write(self, text: str) -> int:
        return len(text)


def test_the_csv_export_writes_as_it_reads_never_holding_the_journal(tmp_path: Path) -> None:
    sessions, marker = 2500, ",completed,"
    j = _journal_of(tmp_path / FILE_NAME, sessions)
    rows_read = [0]
    read = j._read

    def counting_read(sql, params=()):  # type: ignore[no-untyped-def]
        rows = read(sql, params)
        rows_read[0] += len(rows)
        return rows

    j._read = counting_read  # type: ignore[method-assign]
    out = _Watched(rows_read, marker)
    export_csv(j, out)
    assert out.getvalue().count(marker) == sessions  # every session written ...
    assert out.first_session_after is not None
    assert out.first_session_after <= sessions // 2  # ... the first before half were read
    j.close()


def test_the_episodes_table_counts_as_the_summary_does(tmp_path: Path) -> None:
    """A cramp restarted twice is one row (its sessions said), a session only opened is none:
    the table and the summary's "Cramps: N" agree."""
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    start = NOW - timedelta(days=2)
    for n, status in enumerate(("stopped", "stopped", "completed")):  # one cramp, restarted
        at = start + timedelta(minutes=2 * n)
        sid = j.start_session("cramp-now", "relief", started=at)
        j.update_session(sid, leg="r", steps_done=["Pull your toes toward you"])
        if status == "completed":
            j.update_session(sid, release_seconds=30)
        j.end_session(sid, status, ended=at + timedelta(seconds=90))
    opened = j.start_session("cramp-now", "relief", started=NOW - timedelta(days=1))
    j.end_session(opened, "stopped", ended=NOW - timedelta(days=1) + timedelta(seconds=5))
    out = io.StringIO()
    export_markdown(j, out, now=NOW)
    j.close()
    text = out.getvalue()
    assert "- Cramps: 1 (restarts of one cramp counted once; 1 session only opened" in text
    table = text.split("## Cramp episodes")[1].split("##")[0]
    rows = [line for line in table.splitlines() if line.startswith("| 2026")]
    assert len(rows) == 1
    assert "completed \\(restarted\\: 3 sessions\\)" in rows[0]  # Markdown-escaped
    assert "4 min 30 s" in rows[0]  # from the first start to "let go", across the restarts
    assert "Not listed: 1 relief session only opened and closed" in table


def test_a_result_with_no_yes_says_why(tmp_path: Path) -> None:
    """A tier the journal observed (4 cramps in 7 days) is no "yes" answer: the export says it."""
    j = Journal.open(tmp_path / FILE_NAME, now=NOW)
    for days in (5, 4, 3, 1):
        at = NOW - timedelta(days=days)
        sid = j.start_session("cramp-now", "relief", started=at)
        j.update_session(sid, leg="l", release_seconds=40)
        j.end_session(sid, "completed", ended=at + timedelta(minutes=3))
    j.record_warnings(sid, {"T1": False, "E1": False}, "days")  # D6 observed, not asked
    out = io.StringIO()
    export_markdown(j, out, now=NOW, questions={})
    j.close()
    text = out.getvalue()
    assert "left leg: see a doctor soon" in text
    assert "Why (observed, not answered): Your journal shows 4 cramps in the last 7 days." in text
