"""WarningCheck: question order, observed facts, back, result tiers, the 10-minute rule."""

from __future__ import annotations

from pathlib import Path

import pytest

from coach.core.guidance.check import WarningCheck, result_text
from coach.core.guidance.checklist import (
    RELIEF_OVERTIME_SECONDS,
    TIER_ORDER,
    Checklist,
    Question,
    WarningSignsInvalid,
    cramp_overtime,
    default_path,
    load_warning_signs,
    observe_relief_overtime,
    urgent_help_text,
)


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return load_warning_signs()


def run(check: WarningCheck, yes: set[str]) -> None:
    while not check.done:
        assert check.current is not None
        check.answer(check.current.id in yes)


def test_loads_every_question(checklist: Checklist) -> None:
    assert len(checklist.questions) == 23
    assert set(checklist.tiers) == set(TIER_ORDER)
    assert checklist.disclaimer and checklist.safety_line


def test_asks_most_urgent_tier_first(checklist: Checklist) -> None:
    check = WarningCheck(checklist)
    ranks = [TIER_ORDER.index(q.tier) for q in check.questions]
    assert ranks == sorted(ranks)
    assert check.current is not None and check.current.id == "E1"
    assert check.position == (1, 23)


def test_no_yes_says_nothing_was_reported_and_rules_nothing_out(checklist: Checklist) -> None:
    check = WarningCheck(checklist)
    run(check, set())
    result = check.result()
    assert result.tier is None
    assert not result.urgent_items and not result.mention_items
    assert "none" in result.headline.lower()
    assert "not rule anything out" in result.action


def test_emergency_yes_ends_the_check_with_the_number_filled_in(checklist: Checklist) -> None:
    check = WarningCheck(checklist, emergency_number="999")
    check.answer(False)  # E1
    check.answer(True)  # E2
    assert check.done and check.current is None
    result = check.result()
    assert result.tier == "emergency" and result.stops_coaching
    assert "999" in result.action and "{emergency_number}" not in result.action
    assert [f.id for f in result.urgent_items] == ["E2"]
    assert "999" in result.urgent_items[0].advice
    with pytest.raises(RuntimeError):
        check.answer(True)


def test_default_emergency_text(checklist: Checklist) -> None:
    check = WarningCheck(checklist, emergency_number="")
    check.answer(True)
    assert "your local emergency number" in check.result().action


def test_highest_tier_wins_and_lower_ones_are_mentioned(checklist: Checklist) -> None:
    check = WarningCheck(checklist)
    run(check, {"T2", "D3", "N2"})
    result = check.result()
    assert result.tier == "today"
    assert [f.id for f in result.urgent_items] == ["T2"]
    assert [f.id for f in result.mention_items] == ["D3", "N2"]
    assert result.avoid == {"stretch", "massage", "heat"}
    text = result_text(result)
    assert result.headline in text and checklist.disclaimer in text
    # What the user reported, in their terms, not the question asked back at them.
    assert "You said: you are pregnant" in text and "Are you pregnant?" not in text
    assert "You said: one calf or leg is swollen" in text


def test_observed_questions_are_not_asked_but_count_as_yes(checklist: Checklist) -> None:
    fact = "Your journal shows 4 cramps in the last 7 days."
    check = WarningCheck(checklist, observed={"D6": fact, "D7": ""})
    asked = [q.id for q in check.questions]
    assert "D6" not in asked and "D7" not in asked and len(asked) == 21
    assert [f.text for f in check.observed_findings] == [
        fact,
        checklist.question("D7").observed_fact,
    ]
    run(check, set())
    result = check.result()
    assert result.tier == "days"
    assert [(f.id, f.observed) for f in result.urgent_items] == [("D6", True), ("D7", True)]
    assert result.urgent_items[0].text == fact


def test_unknown_observed_ids_are_ignored(checklist: Checklist) -> None:
    check = WarningCheck(checklist, observed={"Z9": "x"})
    assert len(check.questions) == 23


def test_back_undoes_the_last_answer(checklist: Checklist) -> None:
    check = WarningCheck(checklist)
    assert check.back() is False
    check.answer(False)
    check.answer(True)  # E2: emergency, ends the check
    assert check.done
    assert check.back() is True
    assert not check.done and check.current is not None and check.current.id == "E2"
    check.answer(False)
    assert check.current is not None and check.current.id == "E3"
    assert check.answers == {"E1": False, "E2": False}


def test_relief_only_question_skipped_outside_relief(checklist: Checklist) -> None:
    check = WarningCheck(checklist, after_relief=False)
    assert "T1" not in [q.id for q in check.questions]


def test_question_text_includes_detail(checklist: Checklist) -> None:
    check = WarningCheck(checklist)
    text = check.question_text()
    assert text.startswith(checklist.question("E1").question) and "\n" in text


def test_avoid_rules(checklist: Checklist) -> None:
    assert checklist.avoided_activities(["T2"]) == {"stretch", "massage", "heat"}
    assert checklist.avoided_activities(["D4"]) == {"heat"}
    assert checklist.avoided_activities(["N1"]) == {"heat"}
    assert checklist.avoided_activities(["D6"]) == frozenset()
    blocked = checklist.avoided_exercises(["T2"])
    assert {"dorsiflexion-stretch", "calf-massage", "heat"} <= blocked
    assert "heel-walk" not in blocked


def test_urgent_help_fills_the_number(checklist: Checklist) -> None:
    text = urgent_help_text(checklist, "911")
    assert text.startswith(checklist.urgent_title)
    assert "Call 911 now" in text and "{" not in text


@pytest.mark.parametrize(
    ("release", "elapsed", "over"),
    [
        (45.0, 1300.0, False),  # let go quickly; heat and ice made the session long
        (601.0, 700.0, True),
        (None, 601.0, True),  # never said it let go: the elapsed time decides
        (None, 300.0, False),
        (float(RELIEF_OVERTIME_SECONDS), 900.0, False),
    ],
)
def test_cramp_overtime(release: float | None, elapsed: float, over: bool) -> None:
    assert cramp_overtime(release, elapsed) is over


def test_observe_relief_overtime_marks_t1(checklist: Checklist) -> None:
    observed = observe_relief_overtime({"D6": "often"}, None, 700.0)
    assert observed == {"D6": "often", "T1": ""}
    assert observe_relief_overtime(None, 30.0, 700.0) == {}
    check = WarningCheck(checklist, observed=observed)
    run(check, set())
    result = check.result()
    assert result.tier == "today"
    assert result.urgent_items[0].text == checklist.question("T1").observed_fact


def test_broken_file_names_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "warning-signs.yaml"
    bad.write_text("tiers: {}\nquestions: []\n", encoding="utf-8")
    with pytest.raises(WarningSignsInvalid, match="tiers.emergency"):
        load_warning_signs(bad)


def test_invalid_yaml_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "warning-signs.yaml"
    bad.write_text("tiers: [\n", encoding="utf-8")
    with pytest.raises(WarningSignsInvalid, match=r"warning-signs.yaml:2:1: expected valid YAML"):
        load_warning_signs(bad)


def _ids(questions: tuple[Question, ...]) -> list[str]:
    return [q.id for q in questions]


def test_none_of_the_rest_of_a_group_answers_no_to_that_tier_only(checklist: Checklist) -> None:
    check = WarningCheck(checklist)
    assert check.group == checklist.tiers["emergency"].group
    check.answer(False)  # E1, by hand
    assert _ids(check.rest_of_group) == ["E2", "E3", "T5"]
    assert check.answer_rest_of_group_no() == 3
    assert check.answers == {"E1": False, "E2": False, "E3": False, "T5": False}
    assert check.current is not None and check.current.tier == "today"
    assert check.group == checklist.tiers["today"].group != checklist.tiers["emergency"].group
    today = [q.id for q in check.questions if q.tier == "today"]
    assert _ids(check.rest_of_group) == today
    assert check.position == (5, len(check.questions))


def test_back_after_none_of_the_rest_undoes_the_whole_group(checklist: Checklist) -> None:
    check = WarningCheck(checklist)
    check.answer(False)
    check.answer_rest_of_group_no()
    assert check.back() is True
    assert check.answers == {"E1": False}
    assert check.current is not None and check.current.id == "E2"
    assert check.back() is True and check.answers == {}


def test_none_of_the_rest_in_every_group_reaches_the_no_signs_result(checklist: Checklist) -> None:
    check = WarningCheck(checklist)
    steps = 0
    while not check.done:
        check.answer_rest_of_group_no()
        steps += 1
    assert steps == len({q.tier for q in check.questions}) == len(TIER_ORDER)
    assert set(check.answers) == {q.id for q in check.questions}
    assert check.result().tier is None
    with pytest.raises(RuntimeError):
        check.answer_rest_of_group_no()


def test_observed_questions_are_not_in_the_rest_of_a_group(checklist: Checklist) -> None:
    check = WarningCheck(checklist, observed={"D6": ""})
    while check.current is not None and check.current.tier != "days":
        check.answer_rest_of_group_no()
    assert "D6" not in _ids(check.rest_of_group)
    check.answer_rest_of_group_no()
    assert check.result().tier == "days"  # the observed fact still counts


def test_a_group_label_falls_back_to_the_tier_title(tmp_path: Path, checklist: Checklist) -> None:
    text = default_path().read_text(encoding="utf-8")
    text = text.replace("    group: Signs to get seen today\n", "")
    path = tmp_path / "signs.yaml"
    path.write_text(text, encoding="utf-8")
    edited = load_warning_signs(path)
    assert edited.tiers["today"].group == edited.tiers["today"].title
    assert edited.tiers["days"].group == checklist.tiers["days"].group


def test_the_check_does_not_ask_what_the_session_knows(checklist: Checklist) -> None:
    from coach.core.guidance.checklist import observe_relief_overtime, session_knows_no

    # Let go after 2 minutes: T1 is a known "no", never asked, kept in the answers.
    check = WarningCheck(checklist, known_no=session_knows_no(120.0))
    assert "T1" not in _ids(check.questions)
    assert check.answers == {"T1": False}
    # Past 10 minutes: T1 is observed, shown as a fact, not asked.
    observed = observe_relief_overtime({}, None, 11 * 60)
    check = WarningCheck(checklist, observed=observed, known_no=session_knows_no(None))
    assert "T1" not in _ids(check.questions)
    assert [f.id for f in check.observed_findings] == ["T1"]
    # Never said it let go, under 10 minutes: the session cannot know, so it is asked.
    assert session_knows_no(None) == ()
    assert session_knows_no(11 * 60.0) == ()


def test_a_routine_without_has_it_let_go_never_observes_t1_from_its_length() -> None:
    """A user's relief routine with no "has it let go?" step cannot know when the cramp let go:
    a long routine is not a long cramp, so T1 is asked instead."""
    assert observe_relief_overtime({}, None, 1300.0, asks_release=False) == {}
    assert observe_relief_overtime({}, 700.0, 1300.0, asks_release=False) == {"T1": ""}
    assert observe_relief_overtime({}, None, 1300.0) == {"T1": ""}


def test_after_coach_log_the_result_does_not_say_stop_the_routine(checklist: Checklist) -> None:
    for ran in (True, False):
        check = WarningCheck(checklist, routine_ran=ran)
        run(check, {"T2"})
        assert ("Stop the routine." in check.result().action) is ran
        check = WarningCheck(checklist, routine_ran=ran)
        run(check, {"E1"})
        assert ("Stop the routine." in check.result().action) is ran


def test_the_intro_says_about_how_many_questions(checklist: Checklist) -> None:
    check = WarningCheck(checklist, observed={"D6": "x"}, after_relief=False)
    assert check.intro.startswith(f"About {len(check.questions)} yes/no questions")
    assert "most urgent first" in check.intro


def test_none_of_these_lists_all_each_question_covers(checklist: Checklist) -> None:
    check = WarningCheck(checklist)
    page = check.list_page(width=200, rows=200)
    assert page == check.rest_of_group  # room for all
    text = check.list_text(page)
    for question in page:  # the detail too: one "no" answers all of it
        assert question.question in text
        assert " ".join(question.detail.split()) in text
    assert "worse on breathing in" in text  # E1's second sentence


def test_a_list_that_does_not_fit_is_paged_and_n_answers_only_the_page(
    checklist: Checklist,
) -> None:
    check = WarningCheck(checklist)
    check.answer_rest_of_group_no()  # the emergency group
    rest = check.rest_of_group
    page = check.list_page(width=60, rows=8)
    assert 1 <= len(page) < len(rest) and page == rest[: len(page)]
    assert check.answer_rest_of_group_no(len(page)) == len(page)
    assert check.rest_of_group == rest[len(page) :]  # the rest still to be listed or asked
    assert check.list_page(width=60, rows=1)  # at least one, however small
