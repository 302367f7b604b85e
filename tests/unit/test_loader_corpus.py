"""The file corpus: every valid file loads; every invalid one names the line its first line says.

Each tests/data/routines/invalid/*.yaml starts with `# expect: LINE:COL`, the position of the
first error (in file order) the checker must report.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from coach.core.paths import builtin_dir
from coach.core.routines.errors import RoutineFileInvalid
from coach.core.routines.loader import check_routine_text, load_exercise_library, load_routine_file
from coach.core.routines.routine import Exercise

DATA = Path(__file__).resolve().parent.parent / "data"
VALID = sorted((DATA / "routines" / "valid").iterdir())
INVALID = sorted((DATA / "routines" / "invalid").glob("*.yaml"))
EXPECT = re.compile(rb"# expect: (\d+):(\d+)")
NOT_ROUTINES = {"exercises.yaml", "warning-signs.yaml"}
BUILTINS = sorted(p for p in builtin_dir("routines").glob("*.y*ml") if p.name not in NOT_ROUTINES)


@pytest.fixture(scope="module")
def library() -> dict[str, Exercise]:
    return load_exercise_library(DATA / "exercises.yaml")


def test_corpus_is_big_enough() -> None:
    assert len(INVALID) >= 40 and len(VALID) >= 10


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_file_loads(path: Path, library: dict[str, Exercise]) -> None:
    routine = load_routine_file(path, library)
    assert routine.id == path.stem and routine.steps


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_file_reports_the_right_line(path: Path, library: dict[str, Exercise]) -> None:
    data = path.read_bytes()
    expect = EXPECT.match(data)
    assert expect, f"{path.name} lacks its '# expect: LINE:COL' first line"
    line, column = int(expect.group(1)), int(expect.group(2))
    with pytest.raises(RoutineFileInvalid) as caught:
        load_routine_file(path, library, display_path=path.name)
    error = caught.value.errors[0]
    assert (error.line, error.column) == (line, column), str(error)
    text = str(error)
    assert text.startswith(f"{path.name}:{line}:{column}: ")
    assert "\n" not in text and "Traceback" not in text


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_text_gives_errors_not_exceptions(path: Path, library: dict[str, Exercise]) -> None:
    routine, errors = check_routine_text(path.read_bytes(), path.name, library)
    assert routine is None and errors
    assert all(e.line >= 1 and e.column >= 1 for e in errors)


def test_fifty_step_file(library: dict[str, Exercise]) -> None:
    routine = load_routine_file(DATA / "routines" / "valid" / "fifty-steps.yaml", library)
    assert len(routine.steps) == 50 and routine.steps[49].name == "Step 50"


def test_every_duration_form(library: dict[str, Exercise]) -> None:
    routine = load_routine_file(DATA / "routines" / "valid" / "durations.yaml", library)
    holds = [s.hold for s in routine.steps]
    assert holds == [45, 45, 60, 90, 90, 120, 3600, 1, 30, 3600]
    assert [s.rest for s in routine.steps][6:9] == [600, 0, 5]


def test_flow_style_and_unicode(library: dict[str, Exercise]) -> None:
    flow = load_routine_file(DATA / "routines" / "valid" / "flow-style.yaml", library)
    assert [s.name for s in flow.steps] == ["One", "Ankle pumps", "Three"]
    uni = load_routine_file(DATA / "routines" / "valid" / "unicode-comments.yaml", library)
    assert uni.name.endswith("🌙") and uni.steps[0].instructions == "Folded text on two lines."


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.name)
def test_builtin_routines_load(path: Path) -> None:
    library = load_exercise_library()
    routine = load_routine_file(path, library, builtin=True)
    assert routine.builtin and routine.steps


def test_pure_python_parser_gives_the_same_positions(
    library: dict[str, Exercise], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Without libyaml the fallback parser must report the same first positions."""
    import yaml

    from coach.core.routines import yaml_source

    def first_positions() -> list[tuple[int, int]]:
        found = []
        for path in INVALID:
            _, errors = check_routine_text(path.read_bytes(), path.name, library)
            found.append((errors[0].line, errors[0].column))
        return found

    with_libyaml = first_positions()
    monkeypatch.setattr(yaml_source, "_Loader", yaml.SafeLoader)
    assert first_positions() == with_libyaml
