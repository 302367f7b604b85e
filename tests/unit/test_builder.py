"""The routine builder's model: edits, slugs, the YAML it writes, and how it saves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core import paths
from coach.core.builder.draft import (
    BuiltinClash,
    DraftError,
    RoutineDraft,
    TargetExists,
    builtin_ids,
    free_id,
    has_hand_comments,
    is_safe_id,
    slug,
)
from coach.core.routines.catalog import load_catalog
from coach.core.routines.loader import check_routine_text, load_exercise_library, load_routine_file
from coach.core.routines.routine import Routine
from coach.core.routines.timeline import build_timeline, total_seconds
from coach.core.safe_text import unsafe_character

LIBRARY = load_exercise_library()
CATALOG = load_catalog(include_user=False)
PREVENTION = sorted(r.id for r in CATALOG.routines.values() if r.kind == "prevention")


def draft(*exercise_ids: str, name: str = "Evening stretch") -> RoutineDraft:
    d = RoutineDraft(LIBRARY, name=name)
    for exercise_id in exercise_ids:
        d.add(exercise_id)
    return d


def reload(text: str, routine_id: str = "mine") -> Routine:
    routine, errors = check_routine_text(text, f"{routine_id}.yaml", LIBRARY)
    assert routine is not None, errors
    return routine


# --- edits ------------------------------------------------------------------------------
def test_add_takes_the_library_defaults() -> None:
    d = draft("wall-calf-straight")
    step = d.steps[0]
    assert (step.exercise, step.hold, step.sets, step.rest, step.sides) == (
        "wall-calf-straight", 10, 3, 10, "both",
    )  # fmt: skip
    assert d.dirty
    with pytest.raises(DraftError, match="no exercise"):
        d.add("no-such-thing")


def test_remove_move_and_insert_at() -> None:
    d = draft("warm-up", "wall-calf-straight", "ankle-pumps")
    assert d.move(2, -1) == 1
    assert [s.exercise for s in d.steps] == ["warm-up", "ankle-pumps", "wall-calf-straight"]
    assert d.move(0, -1) == 0  # already first: stays
    assert d.move(2, +1) == 2
    assert d.remove(0).exercise == "warm-up"
    assert d.add("bed-setup", index=0) == 0
    assert [s.exercise for s in d.steps] == ["bed-setup", "ankle-pumps", "wall-calf-straight"]


def test_edit_checks_like_the_loader() -> None:
    d = draft("wall-calf-straight", "ankle-pumps")
    assert d.edit_text(0, "hold", "30s").hold == 30
    assert d.edit_text(0, "rest", "1m").rest == 60
    assert d.edit_text(0, "sides", "left").sides == "left"
    assert d.edit_text(1, "hold", "45").hold == 45 and d.steps[1].reps is None  # now timed
    assert d.edit_text(1, "reps", "20").reps == 20 and d.steps[1].hold is None  # counted again
    bad_values = [("hold", "2h"), ("hold", "thirty"), ("rest", "11m"), ("sets", "0")]
    bad_values += [("sets", "many"), ("reps", "5000"), ("sides", "up"), ("sets", "9" * 30)]
    for key, bad in bad_values:
        with pytest.raises(DraftError, match=key):
            d.edit_text(0, key, bad)
    assert d.steps[0].hold == 30  # a refused edit changes nothing


def test_a_library_step_keeps_a_hold_or_reps() -> None:
    d = draft("wall-calf-straight", "bed-setup")
    with pytest.raises(DraftError, match="hold or reps"):
        d.edit_text(0, "hold", "")  # the file cannot say "no hold": it would inherit 10s
    with pytest.raises(DraftError, match="until_released: expected a step with a hold"):
        d.edit(1, until_released=True)


def test_rename_is_one_clean_line() -> None:
    d = draft()
    d.dirty = False
    d.rename("  Before\nbed   routine ")
    assert d.name == "Before bed routine" and d.dirty
    with pytest.raises(DraftError):
        d.rename("   ")


def test_total_follows_the_timeline() -> None:
    d = draft("wall-calf-straight")
    assert d.total_seconds() == 113  # 3 + (10+10+10+10+10) + switch 10 + 50
    d.edit_text(0, "hold", "20s")
    assert d.total_seconds() == 173  # holds of 20s: 60 more
    d.add("ankle-pumps")
    assert d.total_seconds() == 173 and d.waiting_text() == "2 counted sets"
    assert d.total_seconds() == total_seconds(build_timeline(d.to_routine()))


# --- slugs ------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Evening Stretch", "evening-stretch"),
        ("  Crème brûlée / ../../etc ", "creme-brulee-etc"),
        (".hidden", "hidden"),
        ("日本語", "my-routine"),
        ("", "my-routine"),
        ("exercises", "exercises-routine"),
        ("CON", "con-routine"),
        ("a" * 200, "a" * 48),
        ("word " * 30, ("word-" * 10)[:48].rstrip("-")),
    ],
)
def test_slug(name: str, expected: str) -> None:
    assert slug(name) == expected


@given(st.text(max_size=120))
def test_slug_is_always_a_safe_id(name: str) -> None:
    result = slug(name)
    assert is_safe_id(result) and not result.startswith(".") and "/" not in result


def test_free_id_suffixes_past_files_and_builtins(tmp_path: Path) -> None:
    (tmp_path / "calf.yaml").write_text("x")
    (tmp_path / "calf-2.yml").write_text("x")
    assert free_id("calf", tmp_path) == "calf-3"
    assert free_id("nightly", tmp_path, builtin_ids()) == "nightly-2"
    assert {"nightly", "cramp-now"} <= builtin_ids()


# --- YAML -------------------------------------------------------------------------------
def test_library_steps_write_only_what_differs() -> None:
    d = draft("wall-calf-straight", "ankle-pumps")
    d.edit_text(0, "hold", "30s")
    d.edit_text(1, "hold", "1m")
    text = d.to_yaml()
    first, second = text.split("  - exercise: ")[1:]
    assert first.split("\n")[:3] == ["wall-calf-straight", "    hold: 30s", ""]
    assert "hold: 1m" in second and "reps" not in second and "sides" not in second
    assert reload(text).steps == tuple(d.steps)


def test_file_has_the_schema_line_and_comments() -> None:
    text = draft("warm-up").to_yaml()
    schema = paths.builtin_dir("routines").resolve() / "routine.schema.json"
    assert text.splitlines()[0] == f"# yaml-language-server: $schema={schema}"
    assert "# step 1: Easy warm-up (2:03)" in text


@pytest.mark.parametrize("routine_id", sorted(CATALOG.routines))
def test_copies_of_every_builtin_load_back_the_same(routine_id: str) -> None:
    original = CATALOG.routines[routine_id]
    d = RoutineDraft.from_routine(original, LIBRARY)
    assert d.origin is None and d.name.startswith("My ")
    loaded = reload(d.checked_yaml("copy"), "copy")
    assert loaded.steps == original.steps
    assert (loaded.kind, loaded.lead_in, loaded.description, loaded.ask_first) == (
        original.kind, original.lead_in, original.description, original.ask_first,
    )  # fmt: skip


@pytest.mark.parametrize("routine_id", PREVENTION)
def test_edited_prevention_copies_round_trip(routine_id: str, tmp_path: Path) -> None:
    d = RoutineDraft.from_routine(CATALOG.routines[routine_id], LIBRARY)
    d.add("wall-calf-bent", index=1)
    d.edit_text(1, "hold", "1m30s")
    d.move(1, +1)
    path = d.save(tmp_path, builtin=())
    assert load_routine_file(path, LIBRARY).steps == tuple(d.steps)


def test_awkward_text_round_trips() -> None:
    d = draft("warm-up", name="yes")
    # (U+2028 is no longer here: a line separator is refused like any control character)
    d.description = 'Tabs\tand "quotes" # not a comment: here\\ and é 😀 \u00a0 end'
    d.edit(0, name="null", instructions="line one\n  indented\n\nafter a gap # hash", caution="- 1")
    d.edit(0, source="x" * 30 + " " + "word " * 30 + "end")
    d.add("ankle-pumps")
    d.edit(1, name="on: off", caution="trailing space \nnext")
    loaded = reload(d.to_yaml())
    assert loaded.name == "yes" and loaded.description == d.description
    assert loaded.steps == tuple(d.steps)


@settings(max_examples=60, deadline=None)
@given(
    st.text(min_size=1, max_size=60).filter(lambda s: s.strip()),
    st.text(max_size=200),
)
def test_any_text_round_trips(name: str, instructions: str) -> None:
    d = draft("warm-up")
    d.rename(name)
    try:
        d.edit(0, instructions=instructions.strip())
    except DraftError:  # the loader refuses control and bidi characters, so the builder does
        assert unsafe_character(instructions.strip(), lines=True) is not None
        return
    loaded, errors = check_routine_text(d.to_yaml(), "mine.yaml", LIBRARY)
    if loaded is None:  # only text YAML cannot hold at all (e.g. a NUL) may fail
        assert any(not ch.isprintable() for ch in name + instructions), errors
        return
    assert loaded.name == d.name and loaded.steps == tuple(d.steps)


def test_schema_accepts_what_is_written() -> None:
    import json

    import jsonschema
    import yaml

    schema_path = paths.builtin_dir("routines") / "routine.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    for routine in CATALOG.routines.values():
        text = RoutineDraft.from_routine(routine, LIBRARY).to_yaml()
        jsonschema.validate(yaml.safe_load(text), schema)


# --- saving -----------------------------------------------------------------------------
def test_save_creates_the_folder_and_the_catalog_finds_it(tmp_path: Path) -> None:
    folder = paths.user_routines_dir()
    assert not folder.exists()
    d = draft("wall-calf-straight", "standing-hamstring")
    path = d.save(folder)
    assert path == folder / "evening-stretch.yaml" and not d.dirty and d.origin == path
    assert load_catalog().routines["evening-stretch"].steps == tuple(d.steps)
    assert [p.name for p in folder.iterdir()] == ["evening-stretch.yaml"]  # no temp file left


def test_saving_over_asks_and_keeps_a_bak(tmp_path: Path) -> None:
    first = draft("warm-up").save(tmp_path, builtin=())
    old = first.read_bytes()
    again = draft("ankle-pumps")
    with pytest.raises(TargetExists) as exists:
        again.save(tmp_path, builtin=())
    assert exists.value.path == first and first.read_bytes() == old
    assert again.save(tmp_path, overwrite=True, builtin=()) == first
    assert (tmp_path / "evening-stretch.yaml.bak").read_bytes() == old
    assert "ankle-pumps" in first.read_text()
    assert load_catalog(user_dir=tmp_path).routines["evening-stretch"].steps == tuple(again.steps)


def test_editing_a_user_file_keeps_its_id_and_yml_suffix(tmp_path: Path) -> None:
    path = tmp_path / "legs.yml"
    path.write_text("name: Legs\nkind: prevention\nsteps:\n  - exercise: warm-up\n")
    d = RoutineDraft.from_routine(load_routine_file(path, LIBRARY), LIBRARY)
    assert d.origin == path and d.name == "Legs"
    d.rename("Legs, longer")
    d.add("ankle-circles")
    assert d.file_id() == "legs"
    assert d.save(tmp_path, overwrite=True, builtin=()) == path
    assert not (tmp_path / "legs.yaml").exists() and (tmp_path / "legs.yml.bak").exists()


def test_a_builtin_id_is_never_taken_silently(tmp_path: Path) -> None:
    d = draft("warm-up", name="Nightly")
    with pytest.raises(BuiltinClash):
        d.save(tmp_path)
    assert not list(tmp_path.iterdir())
    path = d.save(tmp_path, override_builtin=True)  # the user said yes: theirs replaces it
    assert load_catalog(user_dir=tmp_path).overridden == {"nightly": CATALOG.routines[
        "nightly"].source_path}  # fmt: skip
    assert d.save(tmp_path, overwrite=True) == path  # an existing override is just overwritten


def test_builtin_files_are_never_written(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    builtin = paths.builtin_dir("routines")
    before = {p.name: p.read_bytes() for p in builtin.iterdir() if p.is_file()}
    d = RoutineDraft.from_routine(CATALOG.routines["nightly"], LIBRARY, copy=False)
    assert d.origin is not None
    for kwargs in ({}, {"overwrite": True}, {"overwrite": True, "override_builtin": True}):
        with pytest.raises(DraftError):
            d.save(builtin, **kwargs)  # type: ignore[arg-type]
    link = tmp_path / "nightly.yaml"
    link.symlink_to(builtin / "nightly.yaml")  # a link into the built-ins is refused too
    with pytest.raises(DraftError, match="never written"):
        d.save(tmp_path, overwrite=True, override_builtin=True)
    assert {p.name: p.read_bytes() for p in builtin.iterdir() if p.is_file()} == before


@pytest.mark.parametrize("bad", ["../evil", ".hidden", "a/b", "", "UPPER", "exercises", "x" * 80])
def test_unsafe_ids_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(DraftError, match="safe"):
        draft("warm-up").save(tmp_path, routine_id=bad, builtin=())
    assert not list(tmp_path.iterdir())


def test_an_empty_draft_is_not_saved(tmp_path: Path) -> None:
    with pytest.raises(DraftError, match="at least one step"):
        draft().save(tmp_path, builtin=())


def test_a_failed_write_leaves_the_old_file_and_no_temp(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    path = draft("warm-up").save(tmp_path, builtin=())
    old = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        draft("ankle-pumps").save(tmp_path, overwrite=True, builtin=())
    assert path.read_bytes() == old
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


# --- hand-written comments ----------------------------------------------------------------
def test_hand_comments_are_told_apart_from_the_builders(tmp_path: Path) -> None:
    path = draft("warm-up", "ankle-pumps").save(tmp_path, builtin=())
    assert not has_hand_comments(path)
    text = path.read_text()
    path.write_text(text.replace("kind: prevention", "kind: prevention  # mine"))
    assert has_hand_comments(path)
    for builtin_routine in CATALOG.routines.values():  # the built-ins are commented by hand
        assert has_hand_comments(Path(builtin_routine.source_path))


def test_a_hash_inside_text_is_not_a_comment(tmp_path: Path) -> None:
    d = draft("warm-up")
    d.description = "Step #1 first # then"
    d.edit(0, instructions="a\n# not a comment\nb")
    path = d.save(tmp_path, builtin=())
    assert not has_hand_comments(path)


def test_draft_for_the_cli(tmp_path: Path) -> None:
    from coach.core.builder.draft import draft_for
    from coach.core.routines.catalog import RoutineNotFound

    assert draft_for(None).steps == []
    copy = draft_for("nightly")
    assert copy.origin is None and copy.steps == list(CATALOG.routines["nightly"].steps)
    mine = paths.user_routines_dir() / "legs.yaml"
    mine.parent.mkdir(parents=True)
    mine.write_text("name: Legs\nkind: prevention\nsteps:\n  - exercise: warm-up\n")
    assert draft_for("legs").origin == mine
    with pytest.raises(RoutineNotFound):
        draft_for("no-such-routine")


def test_a_steps_spoken_line_survives_the_builder() -> None:
    from dataclasses import replace

    from coach.core.builder.file import routine_yaml
    from coach.core.routines.loader import check_routine_text, load_exercise_library

    library = load_exercise_library()
    text = "name: R\nkind: prevention\nsteps:\n  - exercise: ankle-pumps\n    say: Pump away.\n"
    routine, errors = check_routine_text(text, "r.yaml", library)
    assert routine is not None, errors
    quiet = replace(routine.steps[0], say="")
    for step, said in ((routine.steps[0], "Pump away."), (quiet, "")):
        saved = routine_yaml(replace(routine, steps=(step,)), library, "", "s.json")
        again, errors = check_routine_text(saved, "r.yaml", library)
        assert again is not None, errors
        assert again.steps[0].say == said
