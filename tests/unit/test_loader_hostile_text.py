"""Hostile text in valid YAML: escapes that would act on the terminal, lines that would split an
error message, and files small on disk but huge once expanded. Each is one located error.

Each tests/data/hostile/routines/*.yaml starts with `# expect: LINE:COL KEY.PATH`.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coach.core.routines.errors import RoutineError, RoutineFileInvalid
from coach.core.routines.loader import check_library_text, check_routine_text, load_routine_file
from coach.core.routines.loader_rules import MAX_BLOCK, MAX_NAME
from coach.core.routines.routine import MAX_SEGMENTS, Exercise, Step
from coach.core.routines.timeline import Segment, _expand_step, step_size
from coach.core.safe_text import unsafe_character

DATA = Path(__file__).resolve().parent.parent / "data"
HOSTILE = sorted((DATA / "hostile" / "routines").glob("*"))
EXPECT = re.compile(r"# expect: (\d+):(\d+) (\S+)")
LIBRARY = {"calf": Exercise("calf", "Calf stretch", "Lean", hold=10)}


def errors_of(text: str) -> list[RoutineError]:
    routine, errors = check_routine_text(text, "h.yaml", LIBRARY)
    assert routine is None
    return errors


def test_the_hostile_corpus_is_there() -> None:
    assert len(HOSTILE) >= 12 and all(p.suffix == ".yaml" for p in HOSTILE)


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_hostile_file_is_one_located_line(path: Path) -> None:
    expect = EXPECT.match(path.read_text("utf-8"))
    assert expect, f"{path.name} lacks its '# expect: LINE:COL KEY' first line"
    with pytest.raises(RoutineFileInvalid) as caught:
        load_routine_file(path, LIBRARY, display_path=path.name)
    (error,) = caught.value.errors
    line, column, key_path = int(expect.group(1)), int(expect.group(2)), expect.group(3)
    text = str(error)
    assert text.startswith(f"{path.name}:{line}:{column}: {key_path}: expected "), text
    assert unsafe_character(text) is None  # one line, nothing the terminal would act on


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (r'"\e]0;title\a"', r"\x1b"),
        (r'"\x1b[2J"', r"\x1b"),
        (r'"\e]52;c;ZXZpbA==\a"', r"\x1b"),
        (r'"\u009b31m"', r"\x9b"),
        (r'"\u202eabc"', r"\u202e"),
        (r'"a\u2066b"', r"\u2066"),
        (r'"a\rb"', r"\x0d"),
        ('"ok \u202e raw"', r"\u202e"),  # not an escape: the character itself in the file
    ],
)
@pytest.mark.parametrize("key", ["name", "instructions", "caution", "source", "exercise"])
def test_control_and_bidi_characters_are_refused_in_any_step_value(
    key: str, value: str, shown: str
) -> None:
    name = "" if key == "name" else "name: S, "
    step = f"  - {{{name}hold: 30s, {key}: {value}}}\n"
    (error,) = errors_of(f"name: R\nkind: relief\nsteps:\n{step}")
    assert (error.line, error.key_path) == (4, f"steps[0].{key}")
    assert f"got {shown}" in error.message and "control or bidi" in error.message


@pytest.mark.parametrize("key", ["name", "description", "kind", "lead_in", "source"])
def test_and_in_every_routine_value(key: str) -> None:
    values = {"name": "R", "kind": "relief", "lead_in": "3s", "description": "D", "source": "S"}
    values[key] = '"x\\e[2J"'
    text = "".join(f"{k}: {v}\n" for k, v in values.items()) + "steps: [{name: S, hold: 30s}]\n"
    assert [(e.key_path, r"\x1b" in e.message) for e in errors_of(text)] == [(key, True)]


def test_several_lines_only_where_a_value_may_have_them() -> None:
    ok = (
        "name: |\n  Evening\ndescription: |\n  One.\tTwo.\n  Three.\nkind: relief\nsteps:\n"
        "  - name: S\n    hold: 30s\n    instructions: |\n      Lean.\n      Hold.\n"
        '    caution: "a\\tb\\nc"\n'
    )
    routine, errors = check_routine_text(ok, "ok.yaml", LIBRARY)
    assert errors == [] and routine is not None
    assert routine.name == "Evening" and routine.steps[0].instructions == "Lean.\nHold."
    (error,) = errors_of(ok.replace("name: S", 'name: "S\\nT"'))
    assert error.key_path == "steps[0].name" and "one line" in error.message


def test_a_key_with_a_newline_or_escape_is_refused_and_its_path_stays_one_line() -> None:
    base = "name: R\nkind: relief\nsteps:\n  - name: S\n    hold: 30s\n"
    (error,) = errors_of(base + '    "a\\nb": 1\n')
    assert (error.line, error.column, error.key_path) == (6, 5, "steps[0].a\nb")
    assert str(error) == (
        r"h.yaml:6:5: steps[0].a\nb: expected a key without control or bidi characters, "
        r"got \n at character 2"
    )
    (error,) = errors_of(base + '"\\e]0;x\\a": 1\n')
    assert r"\x1b" in str(error) and "\x1b" not in str(error)


def test_the_exercise_library_is_held_to_the_same_rules() -> None:
    text = (
        'exercises:\n  calf:\n    name: "Calf\\e]0;x\\a"\n    instructions: |\n      Two\n'
        '      lines\n    targets: [calf, "x\\u202e"]\n'
    )
    library, errors = check_library_text(text, "exercises.yaml")
    assert library is None
    assert [(e.line, e.key_path) for e in errors] == [
        (3, "exercises.calf.name"),
        (7, "exercises.calf.targets[1]"),
    ]
    _, errors = check_library_text('exercises:\n  "x\\u202e": {name: X}\n', "exercises.yaml")
    assert [e.key_path for e in errors] == ["exercises.x\u202e"]


def test_the_error_line_escapes_the_path_key_path_and_quoted_values() -> None:
    error = RoutineError("a\nb\udce9.yaml", 1, 2, "x\ny", "expected text, got 'c\x1b[2J\u202e'")
    assert str(error) == r"a\nb\xe9.yaml:1:2: x\ny: expected text, got 'c\x1b[2J\u202e'"
    str(error).encode("utf-8")  # no lone surrogate left to crash a strict stdout


@pytest.mark.parametrize(("key", "limit"), [("name", MAX_NAME), ("instructions", MAX_BLOCK)])
def test_text_lengths_are_capped(key: str, limit: int) -> None:
    name = "" if key == "name" else "name: S, "
    at_limit = f"name: R\nkind: relief\nsteps:\n  - {{{name}hold: 30s, {key}: {'x' * limit}}}\n"
    assert check_routine_text(at_limit, "ok.yaml", LIBRARY)[1] == []
    (error,) = errors_of(at_limit.replace("x" * limit, "x" * (limit + 1)))
    assert error.message.endswith(f"of at most {limit} characters, got {limit + 1}")


def test_a_day_of_holds_is_fine_a_second_more_is_not() -> None:
    day = "name: R\nkind: prevention\nlead_in: 0\nsteps:\n  - {name: S, hold: 60m, sets: 24}\n"
    assert check_routine_text(day, "ok.yaml", LIBRARY)[1] == []
    (error,) = errors_of(day.replace("lead_in: 0", "lead_in: 1s"))
    assert (error.line, error.column, error.key_path) == (5, 5, "steps[0]")
    expected = "expected a routine of at most 24h of timed work, got 24h1s by this step"
    assert error.message == expected


def test_a_file_that_would_expand_to_millions_of_parts_is_refused_before_expanding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The issue's 228 KB file: thousands of steps x sets: 1000 x both sides (39 s, 2.7 GB)."""
    from coach.core.routines import timeline

    monkeypatch.setattr(timeline, "_expand_step", lambda *a: pytest.fail("expanded"))
    step = "  - {name: S, hold: 1s, sets: 1000, rest: 1s, sides: both}\n"
    text = "name: R\nkind: prevention\nsteps:\n" + step * 3800
    assert len(text) > 220_000
    (error,) = errors_of(text)
    assert (error.line, error.key_path) == (6, "steps[2]")  # past 10,000 parts at the third step
    assert f"at most {MAX_SEGMENTS} holds" in error.message


@given(
    hold=st.one_of(st.none(), st.integers(1, 3600)),
    reps=st.one_of(st.none(), st.integers(1, 1000)),
    sets=st.integers(1, 1000),
    rest=st.integers(0, 600),
    sides=st.sampled_from(["none", "left", "right", "both"]),
    until_released=st.booleans(),
    lead_in=st.integers(0, 600),
)
def test_step_size_is_what_expanding_gives(
    hold: int | None,
    reps: int | None,
    sets: int,
    rest: int,
    sides: str,
    until_released: bool,
    lead_in: int,
) -> None:
    step = Step("S", hold=hold, reps=None if hold else reps, sets=sets, rest=rest, sides=sides)
    step = Step(**{**step.__dict__, "until_released": until_released and hold is not None})
    segments: list[Segment] = _expand_step(0, step, lead_in)
    assert step_size(step, lead_in) == (len(segments), sum(s.duration or 0 for s in segments))
