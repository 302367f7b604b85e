"""A journal row nobody wrote through the app (a hand edit, a damaged file) never crashes a reader.

From the issue "Hostile input can't crash, hang or hijack the coach": a time at the very edge of
what Python can hold (9999-12-31T23:30:00Z lived at UTC+1) overflowed on every read.
"""

from __future__ import annotations

import io
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from coach.core.guidance.observations import observed_facts
from coach.core.journal.export import export_csv, export_markdown
from coach.core.journal.history_view import build_history, journal_line
from coach.core.journal.store import FILE_NAME, Journal
from coach.core.journal.times import EPOCH, from_stored, local_date
from coach.core.routines.routine import Routine, Step
from coach.core.session.episode import carry_earlier_cramp
from coach.core.session.machine import Session

TZ = timezone(timedelta(hours=1))
NOW = datetime(2026, 5, 13, 20, 0, tzinfo=TZ)
EDGE = "9999-12-31T23:30:00Z"


@pytest.mark.parametrize(
    ("text", "offset"),
    [(EDGE, 60), ("0001-01-01T00:10:00Z", -60), ("9999-12-31T23:59:59Z", 0), ("nonsense", 0)],
)
def test_a_time_at_the_edge_reads_as_damaged(text: str, offset: int) -> None:
    assert from_stored(text, offset) == EPOCH
    assert local_date(text, offset) == EPOCH.date()


def test_a_sound_time_still_reads_back_in_its_offset() -> None:
    back = from_stored("2026-05-13T18:00:00Z", 60)
    assert back == datetime(2026, 5, 13, 18, 0, tzinfo=UTC) and back.utcoffset() == timedelta(
        hours=1
    )


@pytest.fixture
def edged(tmp_path: Path) -> Journal:
    """A journal with a normal cramp, a cramp started at the edge and one that ends there."""
    path = tmp_path / FILE_NAME
    journal = Journal.open(path, now=NOW)
    sid = journal.start_session("cramp-now", "relief", started=NOW - timedelta(minutes=20))
    journal.end_session(sid, "stopped", ended=NOW - timedelta(minutes=16))
    journal.close()
    conn = sqlite3.connect(path)
    with conn:
        conn.execute(
            "INSERT INTO sessions (routine_id, kind, status, started_utc, started_offset_min,"
            " ended_utc, ended_offset_min, updated_utc) VALUES"
            " ('cramp-now', 'relief', 'stopped', ?, 60, ?, 60, ?),"
            " ('cramp-now', 'relief', 'stopped', '2026-05-13T18:50:00Z', 60, ?, 60, ?)",
            (EDGE, EDGE, EDGE, EDGE, EDGE),
        )
    conn.close()
    journal = Journal.open(path, now=NOW)
    yield journal
    journal.close()


def test_history_and_home_read_the_edge_row_as_damaged(edged: Journal) -> None:
    view = build_history(edged, NOW)
    assert view.total_sessions == 3 and len(view.episodes) == 3
    assert view.episodes[0][0] == "Thu 01 Jan 00:00", view.episodes  # the edge row, as EPOCH
    assert journal_line(edged, NOW).startswith("Last cramp:")
    assert edged.weekly_counts(2, NOW)[-1].cramps == 2


def test_exports_read_the_edge_row_as_damaged(edged: Journal) -> None:
    csv_out, md_out = io.StringIO(), io.StringIO()
    assert export_csv(edged, csv_out) == 3
    assert "1970-01-01T00:00:00+00:00" in csv_out.getvalue()
    export_markdown(edged, md_out, now=NOW)
    # The edge row reads as a 0 s session with nothing done: opened, not a cramp.
    assert "Cramps: 2 (restarts of one cramp counted once; 1 session only opened" in (
        md_out.getvalue()
    )


def test_same_cramp_logic_reads_the_edge_row_as_damaged(edged: Journal) -> None:
    routine = Routine(id="cramp-now", name="R", kind="relief", steps=(Step(name="S", hold=30),))
    session = Session(routine, now=0.0)
    this = edged.start_session("cramp-now", "relief", started=NOW)
    # The newest earlier row ended at the edge: damaged, so no guess about the same cramp.
    assert carry_earlier_cramp(session, edged, this, 0.0, NOW) == 0.0


def test_observations_read_the_edge_row_as_damaged(edged: Journal) -> None:
    assert observed_facts(edged, NOW) == {}


def test_a_routine_file_name_that_is_not_utf8_is_stored_escaped(tmp_path: Path) -> None:
    """`coach run caf\\xe9.yaml`: the id keeps the undecodable byte as a lone surrogate."""
    from coach.core.session.recorder import SessionRecorder

    routine_id = b"caf\xe9".decode("utf-8", "surrogateescape")
    step = b"Stretch \xff".decode("utf-8", "surrogateescape")
    routine = Routine(id=routine_id, name="R", kind="prevention", steps=(Step(name=step, hold=5),))
    journal = Journal.open(tmp_path / FILE_NAME, now=NOW)
    recorder = SessionRecorder(journal, routine)
    recorder.start()
    recorder.step_finished(0, skipped=False)
    recorder.warnings({"\ud800": True}, "days")
    recorder.end("completed")
    recorder.flush()
    (record,) = journal.sessions()
    assert record.routine_id == "caf\\xe9" and record.steps_done == ("Stretch \\xff",)
    assert record.status == "completed" and record.warning_answers == {"\\ud800": True}


HOSTILE = [
    "<script>alert(1)</script>",
    "![x](http://evil.example/pixel.png)",
    "[click](javascript:alert(1))",
    "<http://evil.example>",
    "**bold** _em_ `code` ~~gone~~ | cell",
    "\x1b]52;c;ZXZpbA==\x07bell \u202eevil",
    '=HYPERLINK("http://x")',
    "@SUM(A1)",
    "\tTab",
    "\rCR",
    "-1+1",
]


def hostile_journal(tmp_path: Path) -> Journal:
    journal = Journal.open(tmp_path / FILE_NAME, now=NOW)
    for n, text in enumerate(HOSTILE):
        sid = journal.start_session(text, "relief", started=NOW - timedelta(hours=n + 1))
        journal.update_session(sid, steps_done=[text], steps_skipped=[text])
        journal.record_warnings(sid, {text: True}, text)
        journal.end_session(
            sid, "stopped", ended=NOW - timedelta(hours=n + 1) + timedelta(minutes=2)
        )
    raw = sqlite3.connect(journal.path)
    with raw:  # what only a hand edit can put in the value columns
        raw.execute("UPDATE sessions SET leg = ?, site = ?, status = ? WHERE id = 1", HOSTILE[:3])
    raw.close()
    return journal


def test_markdown_export_renders_no_html_image_link_or_markup(tmp_path: Path) -> None:
    markdown_it = pytest.importorskip("markdown_it")
    journal = hostile_journal(tmp_path)
    out = io.StringIO()
    export_markdown(journal, out, now=NOW, questions={"@SUM(A1)": "[q](javascript:x) <b>"})
    text = out.getvalue()
    assert "\x1b" not in text and "\u202e" not in text and "\\x1b" in text
    html = markdown_it.MarkdownIt("commonmark").enable("table").render(text)
    for bad in ("<script", "<img", "<a ", "<strong>", "<code>", "<b>", "<s>", "<del>"):
        assert bad not in html, bad
    assert html.count("<em>") == 1  # the disclaimer's own, nothing from the journal
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # still shown, as text
    assert html.count("<tr>") == 2 + 12 + len(HOSTILE)  # heads, weeks, episodes (answers: lists)


def test_csv_export_guards_every_text_field(tmp_path: Path) -> None:
    import csv

    journal = hostile_journal(tmp_path)
    out = io.StringIO()
    export_csv(journal, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert len(rows) == len(HOSTILE)
    for row in rows:
        for column, value in row.items():
            assert not value.startswith(("=", "+", "-", "@", "\t", "\r")), (column, value)
            assert not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in value), (column, value)
            assert "\u202e" not in value
    first = next(r for r in rows if r["id"] == "1")
    assert (first["leg"], first["site"]) == (HOSTILE[0], HOSTILE[1])
    formula = next(r for r in rows if r["routine_id"].startswith("'=HYPERLINK"))
    assert formula["steps_done"] == formula["warning_tier"] == '\'=HYPERLINK("http://x")'
    tab = next(r for r in rows if r["routine_id"].startswith("'\\t"))
    assert tab["warning_answers"] == "'\\tTab=yes"
