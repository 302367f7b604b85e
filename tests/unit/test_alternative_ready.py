"""Issue 9: a step's `alternative:` (one key swaps it for the rest of the session) and
`ready_first:` (the timer waits for Enter while the user fetches a heat or ice pack).

Loader, timeline, session (fake clock), player rules and view, voice lines, the journal's names,
and the built-in routines that use them."""

from __future__ import annotations

import pytest

from coach.audio.script import lines_for_events, routine_texts
from coach.core.builder.file import routine_yaml
from coach.core.routines.catalog import load_catalog
from coach.core.routines.compiled import routine_from_dict, routine_to_dict
from coach.core.routines.loader import check_routine_text, load_exercise_library
from coach.core.routines.routine import Routine, Step
from coach.core.routines.timeline import SegmentKind, build_timeline, step_size, swap_step
from coach.core.session.events import SegmentStarted
from coach.core.session.machine import Session
from coach.core.session.player_rules import key_available
from coach.core.session.player_view import describe
from coach.core.session.recorder import SessionRecorder, step_name

LIBRARY = load_exercise_library()


def check(text: str) -> tuple[Routine | None, list[str]]:
    routine, errors = check_routine_text(text, "mine.yaml", LIBRARY)
    return routine, [str(e) for e in errors]


# --- the loader --------------------------------------------------------------------------------

HAMSTRING = """\
name: Mine
kind: prevention
steps:
  - exercise: standing-hamstring
    alternative: {alternative}
"""


def test_an_alternative_is_the_library_exercise_with_its_own_dose() -> None:
    routine, errors = check(HAMSTRING.format(alternative="seated-towel-stretch"))
    assert routine is not None, errors
    alternative = routine.steps[0].alternative
    seated = LIBRARY["seated-towel-stretch"]
    assert alternative is not None and alternative.exercise == "seated-towel-stretch"
    assert (alternative.name, alternative.hold, alternative.sets) == (
        seated.name,
        seated.hold,
        seated.sets,
    )


def test_an_unknown_alternative_is_a_located_error_with_a_suggestion() -> None:
    routine, errors = check(HAMSTRING.format(alternative="seated-towel-strech"))
    assert routine is None
    assert errors == [
        "mine.yaml:5:18: steps[0].alternative: expected an exercise id from the library, got "
        "'seated-towel-strech'; did you mean 'seated-towel-stretch'?"
    ]


def test_ready_first_needs_a_hold_and_one_line() -> None:
    text = "name: M\nkind: relief\nsteps:\n  - name: Note\n    ready_first: Get a towel.\n"
    assert check(text)[1] == [
        "mine.yaml:5:18: steps[0].ready_first: expected a step with a hold (ready_first waits "
        "before its timer), got no hold"
    ]
    text = "name: M\nkind: relief\nsteps:\n  - exercise: heat\n    ready_first: 3\n"
    assert "expected text, got 3" in check(text)[1][0]
    text = 'name: M\nkind: relief\nsteps:\n  - exercise: heat\n    ready_first: "a\\nb"\n'
    assert check(text)[0] is None  # a line break is refused outside the block fields


# --- the built-in routines -------------------------------------------------------------------


def test_builtins_offer_the_seated_stretch_where_the_caution_says_so() -> None:
    routines = load_catalog().routines
    for routine_id in ("nightly", "nightly-quick"):
        steps = [s for s in routines[routine_id].steps if "seated" in s.caution.lower()]
        assert steps, routine_id
        for step in steps:
            assert step.alternative is not None
            assert step.alternative.exercise == "seated-towel-stretch"


def test_nightly_quick_carries_the_pregnancy_surgery_and_clot_line() -> None:
    routines = load_catalog().routines
    for routine_id in ("nightly", "nightly-quick"):
        text = routines[routine_id].ask_first.lower()  # its own key now (issue 21 item 4)
        assert all(word in text for word in ("pregnant", "operation", "clot", "clinician"))


@pytest.mark.parametrize("routine_id", ["cramp-now", "cramp-foot"])
def test_heat_and_ice_wait_for_enter(routine_id: str) -> None:
    routine = load_catalog().routines[routine_id]
    waiting = {s.exercise: s.ready_first for s in routine.steps if s.ready_first}
    assert set(waiting) == {"heat", "ice"}
    assert all(line.endswith("then press Enter.") for line in waiting.values())


def test_compiled_json_and_the_builder_keep_both() -> None:
    for routine in load_catalog().routines.values():
        assert routine_from_dict(routine_to_dict(routine)).steps == routine.steps
        text = routine_yaml(routine, LIBRARY, "", "routine.schema.json")
        again, errors = check_routine_text(text, f"{routine.id}.yaml", LIBRARY)
        assert again is not None, errors
        assert again.steps == routine.steps


# --- timeline and session on a fake clock ----------------------------------------------------

HEAT = Step(name="Heat", hold=300, ready_first="Get a towel ready, then press Enter.")
SEATED = Step(name="Seated towel stretch", hold=10, sets=2, exercise="seated-towel-stretch")
STANDING = Step(name="Standing hamstring", hold=10, sets=3, sides="both", alternative=SEATED)


def test_ready_first_adds_one_waiting_part_before_the_timer() -> None:
    timeline = build_timeline(Routine("r", "R", "relief", (HEAT,), lead_in=0))
    assert [s.kind for s in timeline] == [SegmentKind.READY, SegmentKind.HOLD]
    assert step_size(HEAT, 0) == (len(timeline), 300)


def test_the_timer_waits_until_enter() -> None:
    session = Session(Routine("r", "R", "relief", (HEAT,), lead_in=0), now=0.0)
    session.tick(600.0)  # ten minutes fetching a towel: nothing ran out
    assert session.current.kind is SegmentKind.READY and not session.finished
    assert key_available("done", session.current) and not key_available("pause", session.current)
    view = describe(session, 600.0, relief=True)
    assert view.prompt == "Get a towel ready, then press Enter."
    assert view.clock == "" and "5:00 timer starts on Enter" in view.where
    session.done(600.0)
    assert session.current.kind is SegmentKind.HOLD and session.remaining(601.0) == 299.0
    lines = [line.text for line in lines_for_events([SegmentStarted(s) for s in session.timeline])]
    assert "Get a towel ready, then press Enter." in routine_texts(session.routine)
    assert lines  # said as the part starts


def test_swap_step_replaces_only_that_steps_parts() -> None:
    routine = Routine("r", "R", "prevention", (HEAT, STANDING, HEAT), lead_in=3)
    timeline = build_timeline(routine)
    swapped, first = swap_step(timeline, 1, SEATED, 3)
    assert swapped[:first] == timeline[:first]
    assert [s.step for s in swapped if s.step_index == 1] == [SEATED] * 3  # lead-in, 2 holds
    assert swapped[-2:] == timeline[-2:]


def test_the_alternative_key_swaps_the_step_for_the_rest_of_the_session() -> None:
    routine = Routine("r", "R", "prevention", (Step(name="Note"), STANDING), lead_in=3)
    session = Session(routine, now=0.0)
    assert not key_available("alternative", session.current)
    assert not session.use_alternative(0.0)  # nothing to swap on a step without one
    session.done(1.0)
    session.tick(8.0)  # in the first hold, 4 s done
    assert key_available("alternative", session.current)
    assert not key_available("alternative", session.current, paused=True)
    assert session.use_alternative(8.0)
    assert session.current.step is SEATED and session.current.kind is SegmentKind.LEAD_IN
    assert session.routine.steps[1] is SEATED and session.swapped == {1: STANDING}
    assert session.hold_seconds_done == 4.0  # the part of the hold done before still counts
    assert session.hold_seconds_planned == 20
    assert not key_available("alternative", session.current)  # the seated one has none
    session.tick(12.0)  # 1 s into the seated hold
    session.back(12.0)
    assert session.current.kind is SegmentKind.LEAD_IN
    assert session.current.step is SEATED  # going back finds the swap, not the original
    session.tick(100.0)
    assert session.finished and session.completed_steps == [0, 1]
    assert step_name(session, 1) == "Seated towel stretch (instead of Standing hamstring)"
    assert step_name(session, 0) == "Note"


def test_the_journal_names_the_swap(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from coach.core.journal.store import Journal

    journal = Journal.open(tmp_path / "j.sqlite3")
    routine = Routine("mine", "R", "prevention", (STANDING,), lead_in=0)
    session = Session(routine, now=0.0)
    session.use_alternative(1.0)
    session.tick(100.0)
    recorder = SessionRecorder(journal, routine)
    recorder.start()
    # a real dose (routine_done.py): 2 minutes of holds
    recorder.step_finished(0, False, step_name(session, 0), (120.0, 120))
    recorder.end("completed")
    (row,) = journal.sessions()
    assert row.steps_done == ("Seated towel stretch (instead of Standing hamstring)",)
    assert row.routine_done
    journal.close()
