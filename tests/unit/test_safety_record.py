"""The `avoid:` rules act: a swollen, red or warm leg (T2) puts a 14-day leg warning on record,
numbness, nerve damage or diabetes (T4, D4, N1) leave heat out, and both can be taken back."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from coach.core.guidance.checklist import load_warning_signs
from coach.core.guidance.coaching import coaching_for, without_heat
from coach.core.guidance.player_lines import load_player_lines
from coach.core.guidance.safety_record import (
    SafetyRecord,
    active_leg_warning,
    note_answers,
    read_record,
    record_path,
    write_record,
)
from coach.core.routines.catalog import load_catalog

NOW = datetime(2026, 12, 3, 3, 10, tzinfo=UTC)
AVOID = {q.id: q.avoid for q in load_warning_signs().questions}


def test_t2_yes_puts_the_leg_on_record_for_14_days() -> None:
    record = note_answers(SafetyRecord(), {"T2": True}, AVOID, leg="l", now=NOW, check_id="a")
    assert record.leg == "left" and record.no_heat == ()  # T2's heat rule is that leg's warning
    assert active_leg_warning(record, NOW + timedelta(days=13, hours=23), 14) is not None
    assert active_leg_warning(record, NOW + timedelta(days=14), 14) is None
    routine = load_catalog().routines["cramp-now"]
    notice = coaching_for(routine, record, load_player_lines(), NOW + timedelta(days=1), "999")
    assert notice.warning is not None
    title, text, keys = notice.warning.title, notice.warning.text, notice.warning.keys
    assert "Left leg" in title and "Thu 3 Dec" in title
    assert "999" in text and "!" in keys and "other leg" in keys


def test_changing_the_answer_in_the_same_check_takes_the_warning_back() -> None:
    record = note_answers(SafetyRecord(), {"T2": True}, AVOID, leg="r", now=NOW, check_id="a")
    record = note_answers(record, {"T2": False}, AVOID, leg="r", now=NOW, check_id="a")
    assert record.empty
    # ...but a later check's "no" does not clear an earlier "yes": only the user does.
    record = note_answers(SafetyRecord(), {"T2": True}, AVOID, leg="r", now=NOW, check_id="a")
    assert note_answers(record, {"T2": False}, AVOID, leg="r", now=NOW, check_id="b").leg


def test_numbness_or_diabetes_leaves_heat_out_with_a_line_saying_why() -> None:
    record = note_answers(
        SafetyRecord(),
        {"D4": True, "N1": True, "E1": False},
        AVOID,
        leg=None,
        now=NOW,
        check_id="a",
    )
    assert record.no_heat == ("D4", "N1")
    routine = load_catalog().routines["cramp-now"]
    adjusted = without_heat(routine, record, load_player_lines())
    assert len(adjusted.steps) == len(routine.steps)
    assert "heat" not in [s.exercise for s in adjusted.steps]
    note = adjusted.steps[[s.exercise for s in routine.steps].index("heat")]
    assert "numbness" in note.instructions and "diabetes" in note.instructions
    assert note.hold is None and note.reps is None  # read, then Enter
    assert without_heat(routine, SafetyRecord(), load_player_lines()) is routine


def test_the_record_file_is_written_atomically_and_read_back(coach_home: Path) -> None:
    record = note_answers(SafetyRecord(), {"T2": True}, AVOID, leg="l", now=NOW, check_id="a")
    write_record(record)
    assert record_path().parent == coach_home
    assert read_record() == record
    assert not list(coach_home.glob("*.tmp"))
    write_record(SafetyRecord())  # cleared: the file goes
    assert not record_path().exists()
    assert read_record() == SafetyRecord()


def test_a_damaged_record_reads_as_empty(coach_home: Path) -> None:
    record_path().write_text("{not json", encoding="utf-8")
    assert read_record().empty
    record_path().write_text('["a list"]', encoding="utf-8")
    assert read_record().empty


def test_history_lines_say_what_is_on_record_and_how_to_clear_it() -> None:
    from coach.core.guidance.record_lines import record_lines

    assert record_lines(SafetyRecord(), NOW, 14) == []
    record = SafetyRecord(leg="left", leg_since=NOW.isoformat(), no_heat=("D4",))
    lines = record_lines(record, NOW + timedelta(days=2), 14)
    assert "left leg" in lines[0] and "17 Dec" in lines[0]
    assert "numbness" in lines[1]
    assert "x to clear" in lines[-1]
    both = SafetyRecord(leg="both", leg_since=NOW.isoformat())
    assert record_lines(both, NOW, 14)[0].startswith("Both legs were swollen, red or warm")


def test_the_early_paint_opens_with_the_leg_warning(coach_home: Path) -> None:
    import io

    from coach.early_paint import leg_warning_lines
    from coach.launch import relief_routine

    assert (
        leg_warning_lines(lambda: relief_routine(False)) is None
    )  # no record: one stat, nothing read
    now = datetime.now().astimezone()
    write_record(SafetyRecord(leg="right", leg_since=now.isoformat(), leg_check="a"))
    lines = leg_warning_lines(lambda: relief_routine(False))
    assert lines is not None
    title, text = lines
    assert "Right leg" in title and any("!" in line for line in text)

    class Tty(io.StringIO):
        def isatty(self) -> bool:
            return True

    from coach.early_paint import paint

    out = Tty()
    assert paint(relief_routine(False), out)
    assert "Right leg" in out.getvalue() and "Pull your toes" not in out.getvalue()
