"""Checks on the built-in content itself (routines/*.yaml), read with plain yaml, no loader.

These guard the rules in PRODUCT.md and research/medical.md: every warning question is present
once with a tier and sources, the emergency text carries the configurable number, no text
recommends supplements, quinine or tonic water, and every step says where its facts come from.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml

ROUTINES = Path(__file__).resolve().parents[2] / "routines"
QUESTION_IDS = (
    [f"E{i}" for i in range(1, 4)]
    + [f"T{i}" for i in range(1, 7)]
    + [f"D{i}" for i in range(1, 11)]
    + [f"N{i}" for i in range(1, 5)]
)
TIERS = {"emergency", "today", "days", "next-visit"}
ROUTINE_FILES = ("cramp-now", "cramp-foot", "nightly", "nightly-quick")
# Named only where the user is told to discuss them first (N3) or to bring a list (N4).
REMEDY_WORDS = re.compile(r"quinine|tonic|magnesium|potassium|calcium|vitamin|supplement", re.I)
REMEDY_ALLOWED = {"N3", "N4"}


def _load(name: str) -> dict:
    return yaml.safe_load((ROUTINES / f"{name}.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def signs() -> dict:
    return _load("warning-signs")


@pytest.fixture(scope="module")
def library() -> dict:
    return _load("exercises")["exercises"]


def _strings(value: object, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _strings(item, f"{path}[{index}]")


def test_every_question_present_once_with_tier_and_sources(signs: dict) -> None:
    ids = [q["id"] for q in signs["questions"]]
    assert sorted(ids) == sorted(QUESTION_IDS)
    assert len(ids) == len(set(ids))
    for question in signs["questions"]:
        assert question["tier"] in TIERS, question["id"]
        assert question["question"].strip().endswith("?"), question["id"]
        assert question["advice"].strip(), question["id"]
        assert question["sources"] and all(s.strip() for s in question["sources"]), question["id"]


def test_emergency_questions_are_emergency_tier(signs: dict) -> None:
    tiers = {q["id"]: q["tier"] for q in signs["questions"]}
    # T5 (dark urine with severe muscle pain) keeps its id but is asked with the emergency
    # ones: CDC/NIOSH say seek care immediately.
    assert {tiers[i] for i in ("E1", "E2", "E3", "T5")} == {"emergency"}
    assert {tiers[f"T{i}"] for i in (1, 2, 3, 4, 6)} == {"today"}
    assert {tiers[f"N{i}"] for i in range(1, 5)} == {"next-visit"}


def test_tiers_disclaimer_and_urgent_help(signs: dict) -> None:
    assert set(signs["tiers"]) == TIERS
    for tier in signs["tiers"].values():
        assert tier["title"].strip() and tier["action"].strip()
    assert "{emergency_number}" in signs["tiers"]["emergency"]["action"]
    assert "{emergency_number}" in signs["urgent_help"]["text"]
    assert signs["disclaimer"].strip().count(".") == 1  # one plain sentence
    assert "not medical advice" in signs["disclaimer"]
    assert "not rule anything out" in signs["no_signs"]["action"]


def test_journal_observable_questions(signs: dict) -> None:
    observed = {q["id"]: q.get("observed_by") for q in signs["questions"] if q.get("observed_by")}
    assert observed == {"T1": "session", "D5": "journal", "D6": "journal", "D7": "journal"}


def test_swollen_leg_blocks_stretch_massage_and_heat(signs: dict) -> None:
    t2 = next(q for q in signs["questions"] if q["id"] == "T2")
    assert set(t2["avoid"]) == {"stretch", "massage", "heat"}
    assert "heat" in signs["activities"]


def test_activities_name_library_exercises(signs: dict, library: dict) -> None:
    for ids in signs["activities"].values():
        assert set(ids) <= set(library)


def test_no_remedy_is_recommended(signs: dict, library: dict) -> None:
    for question in signs["questions"]:
        for path, text in _strings(question):
            if REMEDY_WORDS.search(text):
                assert question["id"] in REMEDY_ALLOWED, (question["id"], path, text)
    rest = {k: v for k, v in signs.items() if k != "questions"}
    documents = [rest, library] + [_load(name) for name in ROUTINE_FILES]
    for document in documents:
        for path, text in _strings(document):
            assert not REMEDY_WORDS.search(text), (path, text)


def test_cramp_now_starts_with_the_toes(library: dict) -> None:
    for name in ("cramp-now", "cramp-foot"):
        first = _load(name)["steps"][0]
        instructions = first.get("instructions") or library[first["exercise"]]["instructions"]
        first_line = instructions.strip().splitlines()[0]
        assert "toes" in first_line.lower()
        assert len(first_line) <= 72
        assert first.get("until_released") is True


def test_relief_lines_are_short(library: dict) -> None:
    for entry in library.values():
        for line in entry["instructions"].strip().splitlines():
            assert len(line) <= 72, line


def test_every_step_and_exercise_has_a_source(library: dict) -> None:
    for ex_id, entry in library.items():
        assert entry.get("source", "").strip(), ex_id
    for name in ROUTINE_FILES:
        routine = _load(name)
        for index, step in enumerate(routine["steps"]):
            source = step.get("source") or library.get(step.get("exercise"), {}).get("source")
            assert source and source.strip(), f"{name} steps[{index}]"


def test_library_has_the_nightly_exercises(library: dict) -> None:
    needed = {
        "warm-up",
        "wall-calf-straight",
        "wall-calf-bent",
        "standing-hamstring",
        "seated-towel-stretch",
        "seated-arch-toe",
        "ankle-pumps",
        "ankle-circles",
        "bed-setup",
    }
    assert needed <= set(library)
    for ex_id in ("wall-calf-straight", "standing-hamstring", "seated-towel-stretch"):
        entry = library[ex_id]
        assert (entry["hold"], entry["sets"], entry["rest"], entry["sides"]) == (
            "10s",
            3,
            "10s",
            "both",
        )


def test_prevention_routines_keep_the_hamstrings_and_say_may() -> None:
    for name in ("nightly", "nightly-quick"):
        routine = _load(name)
        assert routine["kind"] == "prevention"
        exercises = {step.get("exercise") for step in routine["steps"]}
        assert "standing-hamstring" in exercises or "seated-towel-stretch" in exercises
        assert "wall-calf-straight" in exercises
        description = routine["description"]
        assert "may reduce" in description and "6 weeks" in description


def test_heat_and_ice_are_optional_with_cautions(library: dict) -> None:
    for name in ("cramp-now", "cramp-foot"):
        steps = {s.get("exercise"): s for s in _load(name)["steps"]}
        assert steps["heat"]["optional"] is True and steps["ice"]["optional"] is True
    heat, ice = library["heat"]["caution"].lower(), library["ice"]["caution"].lower()
    for word in ("numb", "diabetes", "swollen", "asleep"):
        assert word in heat
    for word in ("circulation", "nerve"):
        assert word in ice


def test_content_read_as_a_physiotherapist_would(library: dict) -> None:
    """Issue 21's "Clearer" list: words that say what they mean, in every routine."""
    assert "broken skin" in library["heat"]["caution"]
    for stretch in ("dorsiflexion-stretch", "toe-pullback"):
        first = library[stretch]["caution"].strip().splitlines()[0]
        assert first.startswith("Leg swollen"), first  # says what is swollen, on its own line
    assert "holding a wall" in library["dorsiflexion-stretch"]["instructions"]  # standing
    assert "firm, gentle" not in library["calf-massage"]["instructions"].lower()
    for seated in ("seated-towel-stretch", "seated-arch-toe"):
        assert "bed" in library[seated]["instructions"], seated  # not only on the floor
    quick = {s.get("exercise"): s for s in _load("nightly-quick")["steps"]}
    assert quick["wall-calf-straight"]["alternative"] == "seated-towel-stretch"
    assert quick["standing-hamstring"]["alternative"] == "seated-towel-stretch"
