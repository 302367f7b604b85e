"""The builder's routine settings (description, lead-in), step options (optional, caution),
steps of the user's own, and which library exercises it offers; each saved and read back."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core import paths
from coach.core.builder.draft import DraftError, RoutineDraft
from coach.core.builder.fields import inline_step, parse_lead_in
from coach.core.routines.catalog import load_catalog
from coach.core.routines.loader import check_routine_text, load_exercise_library, load_routine_file

LIBRARY = load_exercise_library()
CATALOG = load_catalog(include_user=False)
RELIEF_ONLY = {"heat", "ice", "calf-massage", "sole-massage", "after-cramp", "toe-pullback"}


def full_draft() -> RoutineDraft:
    """A draft that uses every setting the builder edits."""
    d = RoutineDraft(LIBRARY, name="Evening stretch")
    d.describe("Before bed, every night.")
    d.set_lead_in("5s")
    d.add("wall-calf-straight")
    d.add("standing-hamstring")  # has a library caution
    d.add_inline("Drink a glass of water", "Sip it slowly.")
    d.add_inline("Breathe out slowly", "Lie back and let the legs go loose.", "1m")
    d.toggle_optional(0)
    d.edit_text(1, "caution", "")  # the library's caution cleared
    d.edit_text(3, "caution", "Stop if you feel dizzy.")
    d.toggle_optional(2)
    return d


# --- which exercises -----------------------------------------------------------------------
def test_a_prevention_draft_offers_no_relief_only_exercise() -> None:
    offered = {ex.id for ex in RoutineDraft(LIBRARY).offered()}
    assert offered and not offered & RELIEF_ONLY
    assert {"warm-up", "wall-calf-straight", "ankle-pumps", "bed-setup"} <= offered
    with pytest.raises(DraftError, match="is for relief routines"):
        RoutineDraft(LIBRARY).add("heat")


def test_a_relief_copy_offers_relief_exercises_and_keeps_its_steps() -> None:
    d = RoutineDraft.from_routine(CATALOG.routines["cramp-now"], LIBRARY)
    offered = {ex.id for ex in d.offered()}
    assert RELIEF_ONLY <= offered and "bed-setup" not in offered
    assert d.add("ice") == len(d.steps) - 1


# --- routine settings -------------------------------------------------------------------------
def test_description_is_trimmed_and_marks_the_draft_changed() -> None:
    d = RoutineDraft(LIBRARY)
    d.describe("  Before bed.  ")
    assert d.description == "Before bed." and d.dirty
    d.dirty = False
    d.describe("Before bed.")
    assert not d.dirty  # the same text: nothing to save
    d.describe("")
    assert d.description == "" and d.dirty


@pytest.mark.parametrize(("text", "seconds"), [("5s", 5), ("0", 0), ("1m", 60), (" 10 ", 10)])
def test_lead_in_is_read_as_typed(text: str, seconds: int) -> None:
    d = RoutineDraft(LIBRARY)
    d.set_lead_in(text)
    assert d.lead_in == seconds and d.dirty == (seconds != 3)


@pytest.mark.parametrize("bad", ["", "soon", "11m", "-1"])
def test_a_bad_lead_in_is_refused_and_changes_nothing(bad: str) -> None:
    d = RoutineDraft(LIBRARY)
    with pytest.raises(DraftError, match="lead-in"):
        d.set_lead_in(bad)
    assert d.lead_in == 3 and not d.dirty
    assert parse_lead_in("10m") == 600


def test_lead_in_changes_the_total() -> None:
    d = RoutineDraft(LIBRARY)
    d.add("wall-calf-straight")  # one lead-in (the second side starts with a switch)
    before = d.total_seconds()
    d.set_lead_in("10s")
    assert d.total_seconds() == before + 7


# --- step options ---------------------------------------------------------------------------
def test_optional_toggles_and_caution_edits() -> None:
    d = RoutineDraft(LIBRARY)
    d.add("standing-hamstring")
    assert d.toggle_optional(0).optional and d.steps[0].optional
    assert not d.toggle_optional(0).optional
    assert d.edit_text(0, "caution", "  Hold a chair.  ").caution == "Hold a chair."
    assert d.edit_text(0, "caution", "").caution == ""


def test_an_inline_step_is_a_note_or_a_timed_hold() -> None:
    note = inline_step("  Drink\n a glass of water ", "  Sip it.  ")
    assert (note.name, note.instructions, note.hold, note.reps) == (
        "Drink a glass of water", "Sip it.", None, None,
    )  # fmt: skip
    assert inline_step("Breathe", hold="1m30s").hold == 90
    d = RoutineDraft(LIBRARY)
    d.add("warm-up")
    assert d.add_inline("First", index=0) == 0 and d.steps[0].exercise is None
    for name, hold, message in [(" ", "", "name"), ("x", "2h", "hold"), ("x", "soon", "hold")]:
        with pytest.raises(DraftError, match=message):
            d.add_inline(name, "", hold)
    assert len(d.steps) == 2


# --- saved and read back --------------------------------------------------------------------
def test_every_new_setting_is_saved_and_loads_back_the_same(tmp_path: Path) -> None:
    d = full_draft()
    path = d.save(tmp_path, builtin=())
    loaded = load_routine_file(path, LIBRARY)
    assert loaded == d.to_routine(path.stem, str(path))
    assert (loaded.description, loaded.lead_in) == ("Before bed, every night.", 5)
    assert [s.optional for s in loaded.steps] == [True, False, True, False]
    assert [s.caution for s in loaded.steps][1:] == ["", "", "Stop if you feel dizzy."]
    text = path.read_text()
    assert "lead_in: 5s\n" in text and "    optional: true\n" in text
    assert "  - name: Drink a glass of water\n    instructions: Sip it slowly.\n" in text
    again = RoutineDraft.from_routine(loaded, LIBRARY)
    assert again.to_yaml() == d.to_yaml()  # read back into the builder, written the same


def test_what_is_saved_passes_coach_validate_and_the_schema(tmp_path: Path) -> None:
    import jsonschema  # in the test extra: a missing one is a failure, not a skip
    import yaml

    path = full_draft().save(tmp_path, builtin=())
    result = subprocess.run(
        [sys.executable, "-m", "coach", "validate", str(path)],
        capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    schema_path = paths.builtin_dir("routines") / "routine.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    jsonschema.validate(yaml.safe_load(path.read_text()), schema)


@pytest.mark.parametrize("routine_id", sorted(CATALOG.routines))
def test_builtin_copies_with_new_settings_round_trip(routine_id: str, tmp_path: Path) -> None:
    d = RoutineDraft.from_routine(CATALOG.routines[routine_id], LIBRARY)
    d.describe(d.description + " Mine now.")
    d.set_lead_in("0")
    d.toggle_optional(len(d.steps) - 1)
    d.edit_text(0, "caution", "Go gently.")
    d.add_inline("Sit down", "Somewhere steady.", index=1)
    path = d.save(tmp_path, builtin=())
    assert load_routine_file(path, LIBRARY) == d.to_routine(path.stem, str(path))


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=120), st.text(max_size=120), st.text(min_size=1, max_size=40))
def test_any_typed_text_saves_or_is_refused(description: str, caution: str, name: str) -> None:
    d = RoutineDraft(LIBRARY)
    d.add("warm-up")
    try:
        d.describe(description)
        d.edit_text(0, "caution", caution)
        d.add_inline(name)
    except DraftError:
        assert any(not ch.isprintable() for ch in description + caution + name) or not name.strip()
        return
    loaded, errors = check_routine_text(d.checked_yaml("mine"), "mine.yaml", LIBRARY)
    assert loaded == d.to_routine("mine", "mine.yaml"), errors


def test_an_inline_step_named_like_the_writers_default_keeps_its_name() -> None:
    d = RoutineDraft(LIBRARY)
    d.add_inline("x", "", "10s")  # the writer once left out a name equal to its placeholder
    loaded, errors = check_routine_text(d.checked_yaml("mine"), "mine.yaml", LIBRARY)
    assert loaded is not None and loaded.steps[0].name == "x", errors


def test_edit_words_renames_and_rewrites_and_refuses_a_blank_name() -> None:
    d = RoutineDraft(LIBRARY)
    d.add("wall-calf-straight")
    d.dirty = False
    step = d.edit_words(0, "  My  calf\nstretch ", "Slowly.\nKnee straight.\n")
    assert step.name == "My calf stretch" and step.instructions == "Slowly.\nKnee straight."
    assert step.exercise == "wall-calf-straight" and d.dirty
    with pytest.raises(DraftError, match="needs a name"):
        d.edit_words(0, "  ", "x")
    assert d.steps[0] == step
    routine, errors = check_routine_text(d.to_yaml(), "t.yaml", LIBRARY)
    assert errors == [] and routine is not None and routine.steps == (step,)
