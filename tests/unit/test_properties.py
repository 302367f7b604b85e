"""Properties that must hold for any input: durations, mutated built-in routines, odd journal rows.

test_loader_hostile.py already fuzzes random bytes, YAML punctuation and byte edits of a small
synthetic file; here the inputs are the *built-in* routines, mutated the way a hand edit goes wrong
(a key deleted, a value of the wrong type, a file cut short, stray bytes pasted in).
"""

from __future__ import annotations

import io
import math
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.core.journal.export import export_csv, export_markdown
from coach.core.journal.history_view import build_history
from coach.core.journal.store import FILE_NAME, Journal
from coach.core.paths import builtin_dir
from coach.core.routines.durations import DurationError, format_duration, parse_duration
from coach.core.routines.loader import check_routine_text, load_exercise_library

FAST = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow], database=None
)

# --- durations ------------------------------------------------------------------------------


@settings(max_examples=400, database=None)
@given(st.integers(min_value=0, max_value=10 * 3600))
def test_format_then_parse_gives_the_same_whole_seconds(seconds: int) -> None:
    text = format_duration(seconds)
    assert parse_duration(text) == seconds, text


@settings(max_examples=300, database=None)
@given(
    st.one_of(
        st.text(max_size=40),
        st.text(alphabet="0123456789hms :minsecourd-+.٣", max_size=20),
        st.integers(),
        st.floats(allow_nan=True, allow_infinity=True),
        st.booleans(),
        st.none(),
        st.lists(st.integers(), max_size=2),
    )
)
def test_parse_raises_only_duration_error(value: object) -> None:
    try:
        seconds = parse_duration(value)
    except DurationError as error:
        assert str(error)
        return
    assert isinstance(seconds, int) and not isinstance(seconds, bool) and seconds >= 0


# --- mutated built-in routines --------------------------------------------------------------

BUILTIN_FILES = sorted(
    p
    for p in builtin_dir("routines").glob("*.yaml")
    if p.name not in ("exercises.yaml", "warning-signs.yaml")
)
LIBRARY = load_exercise_library()
# How long one check of a mutated file takes is measured in tests/bench/mutant_check.py.


def test_the_builtin_routines_are_the_inputs() -> None:
    assert {p.stem for p in BUILTIN_FILES} >= {"cramp-now", "cramp-foot", "nightly"}
    for path in BUILTIN_FILES:
        routine, errors = check_routine_text(path.read_bytes(), path.name, LIBRARY)
        assert routine is not None and errors == []


def checked(data: str | bytes) -> None:
    """Whatever the input: no exception, and either a routine or errors with a place."""
    routine, errors = check_routine_text(data, "mutant.yaml", LIBRARY)
    assert (routine is None) == bool(errors)
    for error in errors:
        assert error.line >= 1 and error.column >= 1, error
        assert "\n" not in str(error)


def _paths(value: Any, here: tuple = ()) -> list[tuple]:
    """Every key path (dict keys and list indexes) inside a loaded YAML value."""
    found: list[tuple] = []
    items = (
        value.items()
        if isinstance(value, dict)
        else enumerate(value)
        if isinstance(value, list)
        else ()
    )
    for key, child in items:
        found.append((*here, key))
        found.extend(_paths(child, (*here, key)))
    return found


def _parent(document: Any, path: tuple) -> Any:
    for key in path[:-1]:
        document = document[key]
    return document


OTHER_VALUES = st.one_of(
    st.integers(-10, 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.none(),
    st.text(max_size=30),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
    st.just("thirty"),
    st.just("1m30s"),
)


@FAST
@given(
    source=st.sampled_from(BUILTIN_FILES),
    data=st.data(),
)
def test_a_deleted_key_or_a_value_of_another_type(source: Path, data: st.DataObject) -> None:
    document = yaml.safe_load(source.read_text(encoding="utf-8"))
    paths = _paths(document)
    for _ in range(data.draw(st.integers(1, 3), label="edits")):
        path = data.draw(st.sampled_from(paths), label="path")
        try:
            parent = _parent(document, path)
            if data.draw(st.booleans(), label="delete"):
                del parent[path[-1]]
            else:
                parent[path[-1]] = data.draw(OTHER_VALUES, label="value")
        except (KeyError, IndexError, TypeError):
            continue  # an earlier edit removed or replaced this path
    text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
    checked(text)


@FAST
@given(source=st.sampled_from(BUILTIN_FILES), fraction=st.floats(0, 1))
def test_a_file_cut_short_at_any_byte(source: Path, fraction: float) -> None:
    raw = source.read_bytes()
    checked(raw[: int(len(raw) * fraction)])


@FAST
@given(
    source=st.sampled_from(BUILTIN_FILES),
    inserts=st.lists(st.tuples(st.floats(0, 1), st.binary(min_size=1, max_size=8)), max_size=5),
)
def test_random_bytes_inserted_anywhere(source: Path, inserts: list[tuple[float, bytes]]) -> None:
    data = bytearray(source.read_bytes())
    for where, insert in inserts:
        at = int(len(data) * where)
        data[at:at] = insert
    checked(bytes(data))


# --- odd journal rows -----------------------------------------------------------------------

NOW = datetime(2026, 3, 10, 3, 0, tzinfo=UTC)
# Text without lone surrogates (SQLite stores UTF-8, which has none), but any other code point.
ANY_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=300)
ROWS = st.lists(
    st.fixed_dictionaries(
        {
            "routine_id": st.one_of(ANY_TEXT, st.just("x" * 5000), st.just("=cmd|'/c calc'!A1")),
            "kind": st.sampled_from(["relief", "prevention"]),
            "start_offset": st.integers(-3 * 365 * 86400, 86400),  # seconds from NOW
            "length": st.one_of(st.just(0), st.integers(-86400 * 30, 86400 * 30)),
            "release": st.one_of(
                st.none(),
                st.floats(),  # NaN and infinities too: a damaged file may hold them
                st.sampled_from([0.0, -1.0, 1e300, -1e300, 10**15, float(2**63), math.inf]),
            ),
            "status": st.sampled_from(["completed", "stopped", "interrupted", None]),
            "leg": st.sampled_from(["l", "r", "both", "unknown"]),
            "steps": st.lists(ANY_TEXT, max_size=3),
            "answers": st.dictionaries(ANY_TEXT, st.booleans(), max_size=3),
            "tier": st.one_of(st.none(), ANY_TEXT),
        }
    ),
    min_size=1,
    max_size=6,
)


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
    database=None,
)
@given(rows=ROWS)
def test_odd_journal_rows_never_crash_the_history_or_the_exports(
    tmp_path_factory: pytest.TempPathFactory, rows: list[dict[str, Any]]
) -> None:
    path = tmp_path_factory.mktemp("journal") / FILE_NAME
    with Journal.open(path, now=NOW) as journal:
        for row in rows:
            started = NOW + timedelta(seconds=row["start_offset"])
            sid = journal.start_session(row["routine_id"], row["kind"], started=started)
            journal.update_session(
                sid,
                leg=row["leg"],
                steps_done=row["steps"],
                steps_skipped=row["steps"][::-1],
                release_seconds=row["release"],
            )
            journal.record_warnings(sid, row["answers"], row["tier"])
            if row["status"] is not None:
                ended = started + timedelta(seconds=row["length"])  # may be before the start
                journal.end_session(sid, row["status"], ended=ended)
        assert journal.recording, journal.problem
        assert journal.count() == len(rows)
    _read_everything(path, len(rows))


def test_values_no_app_writes_but_a_hand_edited_file_may_hold(tmp_path: Path) -> None:
    """NaN, infinities, a number where text belongs, NULLs: read as "unknown", never a crash."""
    path = tmp_path / FILE_NAME
    with Journal.open(path, now=NOW) as journal:
        for _ in range(4):
            sid = journal.start_session("cramp-now", "relief", started=NOW)
            journal.end_session(sid, "completed", ended=NOW)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE sessions SET release_seconds = ? WHERE id = 1", (math.inf,))
        conn.execute("UPDATE sessions SET release_seconds = ? WHERE id = 2", (-math.inf,))
        conn.execute(
            "UPDATE sessions SET release_seconds = 'soon', routine_id = 42, leg = 'sideways',"
            " warning_tier = 7, started_utc = 'yesterday', ended_utc = '' WHERE id = 3"
        )
        conn.execute(
            "UPDATE sessions SET started_offset_min = 99999999, ended_offset_min = 'x',"
            " steps_done = '{not json', steps_skipped = '[1, null, {}]' WHERE id = 4"
        )
    conn.close()
    _read_everything(path, 4)


def _read_everything(path: Path, sessions: int) -> None:
    with Journal.open(path, now=NOW) as journal:
        view = build_history(journal, now=NOW)
        assert view.total_sessions == sessions
        for episode in view.episodes:
            assert all(isinstance(cell, str) for cell in episode)
        csv_out, md_out = io.StringIO(), io.StringIO()
        assert export_csv(journal, csv_out) == sessions
        export_markdown(journal, md_out)
        assert md_out.getvalue().strip()
