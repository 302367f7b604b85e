"""The routine rules, one by one, with the exact line and column each error names."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.routines.errors import RoutineFileInvalid
from coach.core.routines.loader import check_routine_text, load_exercise_library, load_routine_file
from coach.core.routines.routine import Exercise

DATA = Path(__file__).resolve().parent.parent / "data"
HEAD = "name: Test\nkind: relief\nsteps:\n"


@pytest.fixture(scope="module")
def library() -> dict[str, Exercise]:
    return load_exercise_library(DATA / "exercises.yaml")


def errors_of(text: str | bytes, library: dict[str, Exercise]) -> list[tuple[int, int, str]]:
    routine, errors = check_routine_text(text, "t.yaml", library)
    assert routine is None
    return [(e.line, e.column, e.key_path) for e in errors]


def first(text: str | bytes, library: dict[str, Exercise]) -> str:
    _, errors = check_routine_text(text, "t.yaml", library)
    assert errors, "expected an error"
    return str(errors[0])


def test_valid_routine_is_built(library: dict[str, Exercise]) -> None:
    text = (
        HEAD + "  - name: Stretch\n    hold: 1m30s\n    sets: 2\n    rest: 10 s\n    sides: both\n"
    )
    routine, errors = check_routine_text(text, "some/dir/nightly.yaml", library)
    assert errors == []
    assert routine is not None
    assert (routine.id, routine.name, routine.kind, routine.lead_in) == (
        "nightly",
        "Test",
        "relief",
        3,
    )
    assert routine.source_path == "some/dir/nightly.yaml"
    step = routine.steps[0]
    assert (step.hold, step.sets, step.rest, step.sides, step.reps) == (90, 2, 10, "both", None)


def test_error_line_format_matches_the_product_doc(library: dict[str, Exercise]) -> None:
    text = (
        HEAD
        + "  - name: a\n    hold: 10s\n  - name: b\n    hold: 10s\n  - name: c\n    hold: thirty\n"
    )
    _, errors = check_routine_text(text, "nightly.yaml", library)
    assert [str(e) for e in errors] == [
        "nightly.yaml:9:11: steps[2].hold: expected a duration like 30s or 1m30s, got 'thirty'"
    ]


def test_library_defaults_fill_the_step_and_given_keys_win(library: dict[str, Exercise]) -> None:
    text = (
        HEAD + "  - exercise: calf-wall\n  - exercise: calf-wall\n    hold: 45s\n    sides: left\n"
    )
    routine, _ = check_routine_text(text, "t.yaml", library)
    assert routine is not None
    plain, changed = routine.steps
    assert (plain.name, plain.hold, plain.sets, plain.rest, plain.sides) == (
        "Wall calf stretch",
        30,
        3,
        10,
        "both",
    )
    assert plain.caution == "Stop if it hurts sharply." and plain.exercise == "calf-wall"
    assert (changed.hold, changed.sides, changed.sets) == (45, "left", 3)


def test_reps_in_a_step_replace_the_library_hold(library: dict[str, Exercise]) -> None:
    routine, errors = check_routine_text(
        HEAD + "  - exercise: calf-wall\n    reps: 8\n", "t", library
    )
    assert errors == [] and routine is not None
    assert (routine.steps[0].hold, routine.steps[0].reps) == (None, 8)


def test_lead_in_and_text_fields(library: dict[str, Exercise]) -> None:
    text = "name: T\nkind: prevention\nlead_in: 0\ndescription: |\n  Two lines\n  here.\nsteps:\n"
    text += "  - name: n\n    caution: careful\n    source: a book\n    optional: true\n"
    routine, errors = check_routine_text(text, "t.yaml", library)
    assert errors == [] and routine is not None
    assert routine.lead_in == 0 and routine.description == "Two lines\nhere."
    step = routine.steps[0]
    assert (step.caution, step.source, step.optional, step.hold) == (
        "careful",
        "a book",
        True,
        None,
    )


@pytest.mark.parametrize(
    ("body", "where"),
    [
        ("  - name: a\n    hold: 0\n", (5, 11, "steps[0].hold")),
        ("  - name: a\n    hold: 3601\n", (5, 11, "steps[0].hold")),
        ("  - name: a\n    hold: 60m\n    rest: 601\n", (6, 11, "steps[0].rest")),
        ("  - name: a\n    reps: 0\n", (5, 11, "steps[0].reps")),
        ("  - name: a\n    reps: true\n", (5, 11, "steps[0].reps")),
        ("  - name: a\n    sets: 1.0\n", (5, 11, "steps[0].sets")),
        ("  - name: a\n    sides: up\n", (5, 12, "steps[0].sides")),
        ("  - name: a\n    optional: nope\n", (5, 15, "steps[0].optional")),
        ("  - name: ''\n", (4, 11, "steps[0].name")),
        ("  - name: a\n    caution: [x]\n", (5, 14, "steps[0].caution")),
    ],
)
def test_bad_values(body: str, where: tuple[int, int, str], library: dict[str, Exercise]) -> None:
    assert errors_of(HEAD + body, library) == [where]


def test_lead_in_limit(library: dict[str, Exercise]) -> None:
    text = "name: T\nkind: relief\nlead_in: 11m\nsteps:\n  - name: a\n"
    assert errors_of(text, library) == [(3, 10, "lead_in")]


def test_unknown_key_suggests_the_close_one(library: dict[str, Exercise]) -> None:
    message = first(HEAD + "  - name: a\n    hodl: 30s\n", library)
    assert message == "t.yaml:5:5: steps[0].hodl: unknown key 'hodl'; did you mean 'hold'?"


def test_unknown_key_without_a_close_one_lists_the_keys(library: dict[str, Exercise]) -> None:
    message = first("zzz: 1\n" + HEAD + "  - name: a\n", library)
    assert message.startswith("t.yaml:1:1: zzz: unknown key 'zzz'; expected one of name, kind")


def test_duplicate_key_points_at_the_second(library: dict[str, Exercise]) -> None:
    message = first(HEAD + "  - name: a\n    sets: 2\n    sets: 3\n", library)
    assert message.startswith("t.yaml:6:5: steps[0].sets: expected each key once")
    assert "first on line 5" in message


def test_missing_keys_point_at_the_mapping(library: dict[str, Exercise]) -> None:
    assert errors_of("# c\nkind: relief\n", library) == [(2, 1, "name"), (2, 1, "steps")]


def test_step_needs_exercise_or_name(library: dict[str, Exercise]) -> None:
    assert errors_of(HEAD + "  - hold: 30s\n", library) == [(4, 5, "steps[0]")]


def test_unknown_exercise_suggests_the_close_id(library: dict[str, Exercise]) -> None:
    message = first(HEAD + "  - exercise: ankle-pump\n", library)
    assert message.endswith("got 'ankle-pump'; did you mean 'ankle-pumps'?")
    assert message.startswith("t.yaml:4:15: steps[0].exercise:")


def test_hold_and_reps_together(library: dict[str, Exercise]) -> None:
    assert errors_of(HEAD + "  - name: a\n    reps: 3\n    hold: 3s\n", library) == [
        (6, 5, "steps[0].hold")
    ]


def test_until_released_needs_a_hold(library: dict[str, Exercise]) -> None:
    assert errors_of(HEAD + "  - exercise: ankle-pumps\n    until_released: true\n", library) == [
        (5, 21, "steps[0].until_released")
    ]
    text = HEAD + "  - exercise: calf-wall\n    until_released: true\n"
    routine, errors = check_routine_text(text, "t.yaml", library)
    assert errors == [] and routine is not None and routine.steps[0].until_released


def test_all_problems_are_collected_in_file_order(library: dict[str, Exercise]) -> None:
    text = "name: T\nkind: nope\nsteps:\n  - name: a\n    hold: x\n  - name: b\n    sets: 0\n"
    assert errors_of(text, library) == [
        (2, 7, "kind"),
        (5, 11, "steps[0].hold"),
        (7, 11, "steps[1].sets"),
    ]


def test_bool_is_not_a_number_nor_text(library: dict[str, Exercise]) -> None:
    assert errors_of("name: yes\nkind: relief\nsteps:\n  - name: a\n", library) == [(1, 7, "name")]


def test_load_routine_file_sets_builtin_and_display_path(
    tmp_path: Path, library: dict[str, Exercise]
) -> None:
    path = tmp_path / "mine.yml"
    path.write_text(HEAD + "  - name: a\n", encoding="utf-8")
    routine = load_routine_file(path, library, builtin=True, display_path="mine.yml")
    assert (routine.id, routine.builtin, routine.source_path) == ("mine", True, "mine.yml")


def test_load_routine_file_raises_with_every_error(
    tmp_path: Path, library: dict[str, Exercise]
) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("name: T\nkind: x\nsteps: []\n", encoding="utf-8")
    with pytest.raises(RoutineFileInvalid) as caught:
        load_routine_file(path, library)
    assert [(e.line, e.key_path) for e in caught.value.errors] == [(2, "kind"), (3, "steps")]
    assert str(caught.value).startswith(f"{path}:2:7: kind:")


@pytest.mark.parametrize("name", ["missing.yaml", "."])
def test_missing_file_or_folder_is_an_error(
    tmp_path: Path, name: str, library: dict[str, Exercise]
) -> None:
    with pytest.raises(RoutineFileInvalid) as caught:
        load_routine_file(tmp_path / name, library)
    (error,) = caught.value.errors
    assert (error.line, error.column) == (1, 1)
    assert "no such file" in error.message or "folder" in error.message


def test_library_is_validated(tmp_path: Path) -> None:
    path = tmp_path / "exercises.yaml"
    path.write_text(
        "exercises:\n  a:\n    name: A\n    hold: 10s\n    reps: 3\n  b:\n    instructions: x\n"
        "  c:\n    name: C\n    targets: [calf, 3]\n  a:\n    name: again\n",
        encoding="utf-8",
    )
    with pytest.raises(RoutineFileInvalid) as caught:
        load_exercise_library(path)
    assert [(e.line, e.column, e.key_path) for e in caught.value.errors] == [
        (5, 5, "exercises.a.reps"),
        (7, 5, "exercises.b.name"),
        (10, 21, "exercises.c.targets[1]"),
        (11, 3, "exercises.a"),
    ]


def test_fixture_library_loads(library: dict[str, Exercise]) -> None:
    assert library["hamstring-sit"].instructions == "Sit tall.\nReach for the toes."
    assert library["calf-wall"].targets == ("calf",)
    assert library["ankle-pumps"].reps == 20 and library["ankle-pumps"].hold is None


def test_default_library_is_the_bundled_one() -> None:
    from coach.core.paths import builtin_dir

    bundled = load_exercise_library(builtin_dir("routines") / "exercises.yaml")
    assert load_exercise_library() == bundled
    assert "wall-calf-straight" in bundled


def test_library_defaults_to_the_bundled_one_when_not_given() -> None:
    # wall-calf-straight is only in the bundled library, not in tests/data's
    routine, errors = check_routine_text(HEAD + "  - exercise: wall-calf-straight\n", "t.yaml")
    assert errors == [] and routine is not None
    assert routine.steps[0].name == load_exercise_library()["wall-calf-straight"].name
    routine, errors = check_routine_text(HEAD + "  - exercise: calf-wall\n", "t.yaml")
    assert routine is None and errors  # tests/data's id: not what the default library holds


def test_library_kinds_say_which_routines_an_exercise_belongs_in(tmp_path: Path) -> None:
    path = tmp_path / "exercises.yaml"
    path.write_text(
        "exercises:\n  a:\n    name: A\n    kinds: [prevention, relief, prevention]\n"
        "  b:\n    name: B\n    kinds: [relief]\n  c:\n    name: C\n",
        encoding="utf-8",
    )
    library = load_exercise_library(path)
    assert library["a"].kinds == ("relief", "prevention")  # the contract's order, once each
    assert library["b"].kinds == ("relief",)
    assert library["c"].kinds == ("relief", "prevention")  # the default: both
    path.write_text(
        "exercises:\n  a:\n    name: A\n    kinds: []\n  b:\n    name: B\n    kinds: [relif]\n"
        "  c:\n    name: C\n    kinds: relief\n",
        encoding="utf-8",
    )
    with pytest.raises(RoutineFileInvalid) as caught:
        load_exercise_library(path)
    found = [(e.line, e.key_path, e.message) for e in caught.value.errors]
    assert [f[:2] for f in found] == [
        (4, "exercises.a.kinds"),
        (7, "exercises.b.kinds[0]"),
        (10, "exercises.c.kinds"),
    ]
    assert "did you mean 'relief'?" in found[1][2]


def test_relief_only_exercises_are_marked_in_the_bundled_library() -> None:
    library = load_exercise_library()
    for exercise_id in ("heat", "ice", "calf-massage", "after-cramp", "dorsiflexion-stretch"):
        assert library[exercise_id].kinds == ("relief",), exercise_id
    for exercise_id in ("warm-up", "wall-calf-straight", "ankle-pumps", "bed-setup"):
        assert "prevention" in library[exercise_id].kinds, exercise_id


def test_a_step_may_say_its_own_spoken_line(tmp_path: Path) -> None:
    from coach.core.routines.loader import check_routine_text

    text = (
        "name: R\nkind: prevention\nsteps:\n"
        "  - name: A\n    hold: 10s\n    say: Pull your toes toward you.\n"
        "  - name: B\n    hold: 10s\n    say: ''\n"
        "  - name: C\n    hold: 10s\n"
    )
    routine, errors = check_routine_text(text, "r.yaml")
    assert errors == [] and routine is not None
    assert [s.say for s in routine.steps] == ["Pull your toes toward you.", "", None]


def test_a_bad_say_is_one_located_line() -> None:
    from coach.core.routines.loader import check_routine_text

    text = "name: R\nkind: prevention\nsteps:\n  - name: A\n    hold: 10s\n    say: [1, 2]\n"
    _, errors = check_routine_text(text, "r.yaml")
    assert [str(e) for e in errors] == ["r.yaml:6:10: steps[0].say: expected text, got a list"]
    _, errors = check_routine_text(text.replace("[1, 2]", "x" * 301), "r.yaml")
    assert "steps[0].say: expected a spoken line of at most 300 characters" in str(errors[0])
