"""Hostile text in valid YAML: escapes that would act on the terminal and lines that would split
an error message. Each is one located error.

Each tests/data/hostile/routines/*.yaml starts with `# expect: LINE:COL KEY.PATH`.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from coach.core.routines.errors import RoutineError, RoutineFileInvalid
from coach.core.routines.loader import check_library_text, check_routine_text, load_routine_file
from coach.core.routines.routine import Exercise
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
    assert len(HOSTILE) >= 8 and all(p.suffix == ".yaml" for p in HOSTILE)


@pytest.mark.parametrize("path", HOSTILE, ids=lambda p: p.stem)
def test_hostile_file_is_one_located_line(path: Path) -> None:
    expect = EXPECT.match(path.read_text("utf-8"))
    assert expect, f"{path.name} lacks its '# expect: LINE:COL KEY' first line"
    started = time.perf_counter()
    with pytest.raises(RoutineFileInvalid) as caught:
        load_routine_file(path, LIBRARY, display_path=path.name)
    assert time.perf_counter() - started < 1.0
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
