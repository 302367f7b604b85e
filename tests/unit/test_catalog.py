"""Catalog: built-ins, then the user's folder; same id replaces; broken files reported, skipped."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coach.core.routines.catalog import RoutineNotFound, load_catalog, resolve, routine_files
from coach.core.routines.errors import RoutineFileInvalid
from coach.core.routines.loader import load_routine_file
from coach.core.routines.routine import Exercise
from coach.core.safe_text import unsafe_character

DATA = Path(__file__).resolve().parent.parent / "data"
ROUTINE = "name: {name}\nkind: {kind}\nsteps:\n  - exercise: calf-wall\n"


@pytest.fixture
def builtins(tmp_path: Path) -> Path:
    folder = tmp_path / "builtin"
    folder.mkdir()
    shutil.copy(DATA / "exercises.yaml", folder / "exercises.yaml")
    (folder / "warning-signs.yaml").write_text("signs: [not a routine]\n", encoding="utf-8")
    (folder / "nightly.yaml").write_text(ROUTINE.format(name="Built-in nightly", kind="prevention"))
    (folder / "cramp-now.yaml").write_text(ROUTINE.format(name="Built-in relief", kind="relief"))
    (folder / "compiled.json").write_text("{}", encoding="utf-8")
    return folder


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "home"))
    folder = tmp_path / "home" / "routines"
    folder.mkdir(parents=True)
    return folder


def test_user_routine_overrides_builtin_and_broken_file_is_reported(
    builtins: Path, home: Path
) -> None:
    (home / "nightly.yaml").write_text(ROUTINE.format(name="My nightly", kind="prevention"))
    (home / "extra.yml").write_text(ROUTINE.format(name="Extra", kind="relief"))
    (home / "broken.yaml").write_text("name: Broken\nkind: relief\nsteps:\n  - hold: forever\n")
    (home / "notes.txt").write_text("not yaml at all")

    catalog = load_catalog(builtin_dir=builtins)

    assert sorted(catalog.routines) == ["cramp-now", "extra", "nightly"]
    mine = catalog.routines["nightly"]
    assert (mine.name, mine.builtin) == ("My nightly", False)
    assert mine.source_path == str(home / "nightly.yaml")
    assert catalog.routines["cramp-now"].builtin
    assert catalog.overridden == {"nightly": str(builtins / "nightly.yaml")}
    assert [(e.path, e.line, e.column, e.key_path) for e in catalog.broken] == [
        (str(home / "broken.yaml"), 4, 5, "steps[0]"),
        (str(home / "broken.yaml"), 4, 11, "steps[0].hold"),
    ]


def test_broken_user_override_keeps_the_builtin_but_resolve_shows_the_errors(
    builtins: Path, home: Path
) -> None:
    (home / "nightly.yaml").write_text("name: [\n")
    catalog = load_catalog(builtin_dir=builtins)
    assert catalog.routines["nightly"].builtin
    assert len(catalog.broken) == 1
    with pytest.raises(RoutineFileInvalid):
        resolve(catalog, "nightly")


def test_data_files_are_not_routines(builtins: Path) -> None:
    assert [p.name for p in routine_files(builtins)] == ["cramp-now.yaml", "nightly.yaml"]
    assert routine_files(builtins / "absent") == []


def test_missing_user_folder_is_fine(builtins: Path, tmp_path: Path) -> None:
    catalog = load_catalog(tmp_path / "nowhere", builtin_dir=builtins)
    assert sorted(catalog.routines) == ["cramp-now", "nightly"] and catalog.broken == []


def test_include_user_false_skips_the_user_folder(builtins: Path, home: Path) -> None:
    (home / "extra.yaml").write_text(ROUTINE.format(name="Extra", kind="relief"))
    assert "extra" not in load_catalog(builtin_dir=builtins, include_user=False).routines


def test_broken_library_is_reported(builtins: Path, home: Path) -> None:
    (builtins / "exercises.yaml").write_text("exercises: [oops]\n")
    catalog = load_catalog(builtin_dir=builtins)
    assert catalog.broken[0].path == str(builtins / "exercises.yaml")
    assert catalog.routines == {}  # every routine names a library exercise


def test_same_id_twice_in_one_folder(builtins: Path, home: Path) -> None:
    (home / "twin.yaml").write_text(ROUTINE.format(name="A", kind="relief"))
    (home / "twin.yml").write_text(ROUTINE.format(name="B", kind="relief"))
    catalog = load_catalog(builtin_dir=builtins)
    assert catalog.routines["twin"].name == "A"
    assert [e.path for e in catalog.broken] == [str(home / "twin.yml")]


def test_resolve_by_id_path_or_suggestion(builtins: Path, home: Path, tmp_path: Path) -> None:
    catalog = load_catalog(builtin_dir=builtins)
    assert resolve(catalog, "nightly").name == "Built-in nightly"
    other = tmp_path / "elsewhere.yaml"
    other.write_text(ROUTINE.format(name="Elsewhere", kind="relief"))
    assert resolve(catalog, str(other)).id == "elsewhere"
    with pytest.raises(RoutineNotFound, match="did you mean 'nightly'"):
        resolve(catalog, "nighty")
    with pytest.raises(RoutineFileInvalid):
        resolve(catalog, str(tmp_path / "missing.yaml"))


def test_the_real_builtins_load_without_errors(
    home: Path,
) -> None:
    catalog = load_catalog()
    assert [str(e) for e in catalog.broken] == []
    assert {"cramp-now", "cramp-foot", "nightly", "nightly-quick"} <= set(catalog.routines)
    assert all(r.builtin for r in catalog.routines.values())


@pytest.mark.parametrize(
    ("name", "shown"),
    [(b"caf\xe9.yaml", r"\xe9"), (b"red\x1b[31m.yaml", r"\x1b"), (b"two\nlines.yaml", r"\n")],
)
def test_a_file_name_that_cannot_be_shown_is_reported_and_the_rest_load(
    builtins: Path, home: Path, name: bytes, shown: str
) -> None:
    import os

    (home / "mine.yaml").write_text(ROUTINE.format(name="Mine", kind="relief"))
    bad = Path(os.fsdecode(bytes(home) + b"/" + name))  # undecodable bytes as lone surrogates
    bad.write_text(ROUTINE.format(name="Odd", kind="relief"))
    catalog = load_catalog(builtin_dir=builtins)
    assert "mine" in catalog.routines
    assert all(unsafe_character(routine_id) is None for routine_id in catalog.routines)
    (error,) = catalog.broken
    assert error.path == str(bad) and (error.line, error.column) == (1, 1)
    text = str(error)
    assert f"got {shown} (rename the file)" in text and unsafe_character(text) is None
    text.encode("utf-8")  # strict: what a UTF-8 terminal's stdout does


def test_a_routine_run_by_its_odd_path_gets_a_printable_id(tmp_path: Path) -> None:
    import os

    path = Path(os.fsdecode(bytes(tmp_path) + b"/caf\xe9.yaml"))
    path.write_text(ROUTINE.format(name="Odd", kind="relief"))
    routine = load_routine_file(path, {"calf-wall": Exercise("calf-wall", "Calf", "Lean", hold=5)})
    assert routine.id == r"caf\xe9" and routine.source_path == str(path)
