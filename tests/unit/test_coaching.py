"""One rule decides what may be coached, given the safety record, for every kind of routine:
relief, nightly, nightly-quick and a user's own (coach/core/guidance/coaching.py)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from coach.core.guidance.coaching import (
    BEFORE_YOU_START,
    Answer,
    Coaching,
    coaching_for,
    flagged_leg,
    with_ask_first,
)
from coach.core.guidance.player_lines import load_player_lines
from coach.core.guidance.safety_record import SafetyRecord
from coach.core.legs import Leg
from coach.core.routines.catalog import load_catalog
from coach.core.routines.routine import Routine, Step

SINCE = datetime(2026, 12, 3, 3, 10, tzinfo=UTC)
NOW = SINCE + timedelta(days=1)
LINES = load_player_lines()
ROUTINES = load_catalog(user_dir=None, include_user=False).routines


def _record(leg: str | None) -> SafetyRecord:
    return SafetyRecord(leg=leg, leg_since=SINCE.isoformat(), leg_check="a")


def _plan(
    routine: Routine, record: SafetyRecord, answer: Answer | None = None, now: datetime = NOW
) -> Coaching:
    return coaching_for(routine, record, LINES, now, "999", answer)


def _own(*steps: Step, kind: str = "prevention") -> Routine:
    return Routine(id="mine", name="Mine", kind=kind, steps=steps)


@pytest.mark.parametrize("routine_id", ["cramp-now", "cramp-foot", "nightly", "nightly-quick"])
def test_every_built_in_routine_opens_with_the_leg_warning(routine_id: str) -> None:
    routine = ROUTINES[routine_id]
    plan = _plan(routine, _record("left"))
    assert plan.warning is not None
    assert "Left leg" in plan.warning.title and "Thu 3 Dec" in plan.warning.title
    assert "coach history" in plan.warning.text  # where the record is cleared
    assert Answer.CHECKED in plan.warning.answers and Answer.OTHER in plan.warning.answers


def test_no_record_or_an_old_one_coaches_the_routine_unchanged() -> None:
    routine = ROUTINES["cramp-now"]
    assert _plan(routine, SafetyRecord()).routine is routine
    assert _plan(routine, SafetyRecord()).warning is None
    old = _plan(routine, _record("left"), now=SINCE + timedelta(days=14))
    assert old.warning is None and old.routine is routine
    nightly = _plan(ROUTINES["nightly"], SafetyRecord())  # only its ask_first is added
    assert nightly.routine == with_ask_first(ROUTINES["nightly"])


def test_nightly_with_the_left_leg_on_record_runs_on_the_right_only_with_a_line_saying_why() -> (
    None
):
    routine = ROUTINES["nightly"]
    plan = _plan(routine, _record("left"), Answer.OTHER)
    assert plan.warning is None
    note, *steps = plan.routine.steps
    assert note.name == "Leaving your left leg alone" and "Thu 3 Dec" in note.instructions
    assert note.hold is None and note.reps is None  # read, then Enter
    stretches = [s for s in steps if s.exercise in LINES.activities["stretch"]]
    assert stretches and all(s.sides == "right" for s in stretches)
    assert all(s.alternative is None or s.alternative.sides == "right" for s in stretches)
    # ankle work neither stretches, rubs nor warms: it stays on both legs
    assert [s.sides for s in steps if s.exercise == "ankle-pumps"] == ["both"]


def test_nightly_quick_offers_only_the_other_leg_or_a_clinicians_check() -> None:
    plan = _plan(ROUTINES["nightly-quick"], _record("right"))
    assert plan.warning is not None
    assert plan.warning.answers == (Answer.OTHER, Answer.CHECKED)
    assert "only the other leg (left leg)" in plan.warning.keys
    assert "the cramp is in the other leg" not in plan.warning.keys


@pytest.mark.parametrize("leg", ["both", ""])  # "": a record from before the check asked
def test_both_legs_or_not_sure_hide_the_other_leg_and_leave_every_stretch_out(leg: str) -> None:
    record = _record(leg)
    assert flagged_leg(record) is Leg.BOTH
    for routine_id in ("cramp-now", "nightly"):
        plan = _plan(ROUTINES[routine_id], record)
        assert plan.warning is not None
        assert Answer.OTHER not in plan.warning.answers
        assert "other leg" not in plan.warning.keys
        kept = _plan(ROUTINES[routine_id], record, Answer.WITHOUT).routine.steps
        touching = {*LINES.activities["stretch"], *LINES.activities["massage"], "heat"}
        assert not [s for s in kept if s.exercise in touching]


def test_relief_in_the_other_leg_coaches_the_whole_routine_on_that_leg() -> None:
    routine = ROUTINES["cramp-now"]
    plan = _plan(routine, _record("left"), Answer.OTHER)
    assert plan.leg is Leg.RIGHT
    assert plan.routine is routine


def test_relief_without_the_flagged_leg_keeps_walking_and_leaves_the_rest_out() -> None:
    routine = ROUTINES["cramp-now"]
    plan = _plan(routine, _record("left"), Answer.WITHOUT)
    ids = [s.exercise for s in plan.routine.steps]
    assert "dorsiflexion-stretch" not in ids and "calf-massage" not in ids and "heat" not in ids
    assert "heel-walk" in ids
    assert plan.routine.steps[0].name == "Leaving your left leg alone"


@pytest.mark.parametrize("routine_id", ["cramp-now", "cramp-foot", "nightly"])
def test_checked_by_a_clinician_stretches_but_never_rubs_or_warms_that_leg(
    routine_id: str,
) -> None:
    routine = ROUTINES[routine_id]
    plan = _plan(routine, _record("left"), Answer.CHECKED)
    ids = [s.exercise for s in plan.routine.steps]
    stretches = [i for i in ids if i in LINES.activities["stretch"]]
    assert stretches == [s.exercise for s in routine.steps if s.exercise in stretches]
    assert not set(ids) & {*LINES.activities["massage"], "heat"}
    if routine.kind == "relief":
        note = plan.routine.steps[0]
        assert note.name == "Checked by a clinician" and "17 Dec" in note.instructions


def test_a_users_own_routine_is_judged_by_its_steps() -> None:
    record = _record("left")
    ankle_only = _own(Step("Ankle pumps", reps=10, sides="both", exercise="ankle-pumps"))
    assert _plan(ankle_only, record).warning is None  # nothing stretches, rubs or warms it
    own = _own(
        Step("Pull the toes", hold=30, sides="left"),  # their own words: a hold may stretch
        Step("Rub the calf", hold=60, sides="right"),
        Step("A heat pad", hold=300),  # no side: either leg
        Step("Now rest"),  # a note
    )
    assert _plan(own, record).warning is not None
    names = [s.name for s in _plan(own, record, Answer.OTHER).routine.steps]
    assert names == ["Leaving your left leg alone", "Rub the calf", "Now rest"]
    checked = [s.name for s in _plan(own, record, Answer.CHECKED).routine.steps]
    assert checked == ["Checked by a clinician", "Pull the toes", "Rub the calf", "Now rest"]


def test_a_users_relief_routine_gets_the_relief_answers() -> None:
    own = _own(Step("Stretch", hold=30), kind="relief")
    plan = _plan(own, _record("right"))
    assert plan.warning is not None
    assert plan.warning.answers == (Answer.OTHER, Answer.WITHOUT, Answer.CHECKED)
    assert "the cramp is in the other leg" in plan.warning.keys


def test_numbness_leaves_heat_out_of_every_routine_kind() -> None:
    record = SafetyRecord(no_heat=("D4",), heat_check="x")
    own = _own(Step("Warm", hold=300, exercise="heat"), Step("Stretch", hold=30))
    plan = _plan(own, record)
    assert plan.warning is None
    assert plan.routine.steps[0].name == "No heat this time"
    assert "numbness" in plan.routine.steps[0].instructions
    assert plan.routine.steps[1] == own.steps[1]


def test_numbness_leaves_ice_out_too_and_says_so() -> None:
    # Barnsley Hospital NHS (medical.md 4): no ice pack with nerve damage or poor circulation
    record = SafetyRecord(no_heat=("N1",), heat_check="x")
    relief = _plan(ROUTINES["cramp-now"], record).routine
    names = [step.name for step in relief.steps]
    assert "No heat this time" in names and "No ice this time" in names
    assert not any(step.exercise in ("heat", "ice") for step in relief.steps)
    ice_note = relief.steps[names.index("No ice this time")]
    assert ice_note.instructions.startswith("Ice is left out: diabetes")
    own = _own(Step("Cold pack", hold=600), Step("Stretch twice, with advice", hold=30))
    steps = _plan(own, record).routine.steps
    assert steps[0].name == "No ice this time" and steps[1] == own.steps[1]  # not "twice"
    assert _plan(ROUTINES["cramp-now"], SafetyRecord()).routine == ROUTINES["cramp-now"]


def test_each_part_of_the_record_is_cleared_on_its_own() -> None:
    from coach.core.guidance.record_lines import LEG, NUMB, clear_choices, cleared

    both = replace(_record("left"), no_heat=("D4",), heat_check="c")
    assert [part for _k, _l, part in clear_choices(both, NOW, 14)] == [LEG, NUMB]
    no_leg = cleared(both, LEG)
    assert no_leg.leg is None and no_leg.no_heat == ("D4",)  # heat stays out
    assert [part for _k, _l, part in clear_choices(no_leg, NOW, 14)] == [NUMB]
    no_heat = cleared(both, NUMB)
    assert no_heat.leg == "left" and no_heat.no_heat == ()
    assert cleared(no_leg, NUMB).empty
    stale = NOW + timedelta(days=30)  # an old leg warning is not offered
    assert [part for _k, _l, part in clear_choices(both, stale, 14)] == [NUMB]


@pytest.mark.parametrize("routine_id", ["nightly", "nightly-quick"])
def test_who_should_ask_first_is_said_atop_how_to_stretch(routine_id: str) -> None:
    routine = ROUTINES[routine_id]
    assert "Pregnant" in routine.ask_first and "Pregnant" not in routine.description
    shown = with_ask_first(routine)
    first = shown.steps[0]
    assert first.name == "How to stretch"
    assert first.instructions.startswith(routine.ask_first)
    assert first.instructions.endswith(routine.steps[0].instructions)
    assert shown.steps[1:] == routine.steps[1:]


def test_ask_first_gets_a_note_of_its_own_when_the_routine_opens_with_a_stretch() -> None:
    own = replace(_own(Step("Calf", hold=30, sides="both")), ask_first="Pregnant? Ask first.")
    first, stretch = with_ask_first(own).steps
    assert first.name == BEFORE_YOU_START and first.instructions == "Pregnant? Ask first."
    assert not first.timed and stretch == own.steps[0]
    assert with_ask_first(ROUTINES["cramp-now"]) is ROUTINES["cramp-now"]  # none: unchanged
