"""The warning-sign check that ends a relief session (questions in routines/warning-signs.yaml).

The questions, tiers and texts are content a clinician reviews; this module only orders the
questions, records the answers and picks what to say. It never imports textual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coach.core.guidance.call_numbers import GENERIC_ADVICE
from coach.core.guidance.player_lines import lines_from_signs
from coach.core.guidance.signs_file import read_signs_file
from coach.core.paths import builtin_dir
from coach.core.session.player_view import RELIEF_OVERTIME_SECONDS
from coach.core.settings import DEFAULT_EMERGENCY_NUMBER

TIER_ORDER: tuple[str, ...] = ("emergency", "today", "days", "next-visit")
PLACEHOLDER = "{emergency_number}"
ADVICE_PLACEHOLDER = "{advice_line}"  # a region's health advice line (call_numbers.py)

# A cramp that has not let go after 10 minutes of stretching is itself a warning sign (T1);
# RELIEF_OVERTIME_SECONDS (player_view) is the one place that figure lives.
OVERTIME_QUESTION = "T1"


class WarningSignsInvalid(ValueError):
    """warning-signs.yaml is missing something the check needs; the message says what."""


@dataclass(frozen=True)
class Tier:
    id: str
    title: str
    action: str
    stops_coaching: bool = False  # a "yes" here means: stop the routine, get care
    ends_check: bool = False  # a "yes" here ends the questions at once
    group: str = ""  # what the tier's questions are called while asking ("Signs to act on today")
    # Said first only when a routine ran ("Stop the routine."): not after `coach log`.
    while_coaching: str = ""


@dataclass(frozen=True)
class Question:
    id: str
    tier: str
    question: str
    advice: str
    sources: tuple[str, ...]
    detail: str = ""
    observed_by: str | None = None  # "session" or "journal": the app may know the answer
    observed_fact: str = ""
    relief_only: bool = False
    avoid: tuple[str, ...] = ()  # activities not to coach after a "yes"
    said: str = ""  # what a "yes" reported, for the result: "one calf or leg is swollen..."


@dataclass(frozen=True)
class Checklist:
    tiers: Mapping[str, Tier]
    questions: tuple[Question, ...]
    disclaimer: str
    intro: str
    no_signs_headline: str
    no_signs_action: str
    activities: Mapping[str, tuple[str, ...]]
    urgent_title: str
    urgent_text: str
    safety_line: str

    def question(self, question_id: str) -> Question:
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def avoided_activities(self, yes_ids: Iterable[str]) -> frozenset[str]:
        """Activities ("stretch", "massage", "heat") not to coach after these "yes" answers."""
        known = {q.id: q for q in self.questions}
        return frozenset(a for qid in yes_ids if qid in known for a in known[qid].avoid)

    def avoided_exercises(self, yes_ids: Iterable[str]) -> frozenset[str]:
        """Exercise ids (routines/exercises.yaml) not to coach after these "yes" answers."""
        activities = self.avoided_activities(yes_ids)
        return frozenset(ex for a in activities for ex in self.activities.get(a, ()))

    def urgent_help(
        self, emergency_number: str = DEFAULT_EMERGENCY_NUMBER, advice: str = GENERIC_ADVICE
    ) -> str:
        """The text the `!` key shows, placeholders filled."""
        return fill(self.urgent_text, emergency_number, advice).rstrip()


def fill(text: str, emergency_number: str, advice: str = GENERIC_ADVICE) -> str:
    # str.replace, not str.format: a stray brace in hand-edited text must not crash the check.
    text = text.replace(ADVICE_PLACEHOLDER, advice or GENERIC_ADVICE)
    return text.replace(PLACEHOLDER, emergency_number or DEFAULT_EMERGENCY_NUMBER)


def default_path() -> Path:
    return builtin_dir("routines") / "warning-signs.yaml"


def load_warning_signs(path: Path | None = None) -> Checklist:
    """Read and check warning-signs.yaml; raise WarningSignsInvalid naming what is wrong."""
    path = path or default_path()
    data, problem = read_signs_file(path)
    if problem:
        raise WarningSignsInvalid(problem)
    try:
        checklist = _checklist(data)
        lines_from_signs(data)  # the player's texts must be whole too (compiled by `coach compile`)
        return checklist
    except (WarningSignsInvalid, ValueError) as error:
        raise WarningSignsInvalid(f"{path}: {error}") from None


def _checklist(data: object) -> Checklist:
    root = _mapping(data, "the file")
    tiers_data = _mapping(root.get("tiers"), "tiers")
    tiers = {}
    for tier_id in TIER_ORDER:
        raw = _mapping(tiers_data.get(tier_id), f"tiers.{tier_id}")
        tiers[tier_id] = Tier(
            id=tier_id,
            title=_text(raw, "title", f"tiers.{tier_id}"),
            action=_text(raw, "action", f"tiers.{tier_id}"),
            stops_coaching=bool(raw.get("stops_coaching", False)),
            ends_check=bool(raw.get("ends_check", False)),
            group=str(raw.get("group") or "").strip() or _text(raw, "title", f"tiers.{tier_id}"),
            while_coaching=str(raw.get("while_coaching") or "").strip(),
        )
    if PLACEHOLDER not in tiers["emergency"].action:
        raise WarningSignsInvalid(f"tiers.emergency.action: must contain {PLACEHOLDER}")
    raw_questions = root.get("questions")
    if not isinstance(raw_questions, list) or not raw_questions:
        raise WarningSignsInvalid("questions: expected a list of questions")
    questions = tuple(_question(raw, i) for i, raw in enumerate(raw_questions))
    ids = [q.id for q in questions]
    duplicates = sorted({qid for qid in ids if ids.count(qid) > 1})
    if duplicates:
        raise WarningSignsInvalid(f"questions: duplicate id {', '.join(duplicates)}")
    no_signs = _mapping(root.get("no_signs"), "no_signs")
    urgent = _mapping(root.get("urgent_help"), "urgent_help")
    activities = _mapping(root.get("activities", {}), "activities")
    unknown = sorted({a for q in questions for a in q.avoid} - set(activities))
    if unknown:
        raise WarningSignsInvalid(f"avoid: {', '.join(unknown)} not listed under activities")
    return Checklist(
        tiers=tiers,
        questions=questions,
        disclaimer=_text(root, "disclaimer", "(file)"),
        intro=str(root.get("intro") or "").strip(),
        no_signs_headline=_text(no_signs, "headline", "no_signs"),
        no_signs_action=_text(no_signs, "action", "no_signs"),
        activities={str(k): tuple(str(x) for x in v or ()) for k, v in activities.items()},
        urgent_title=_text(urgent, "title", "urgent_help"),
        urgent_text=_text(urgent, "text", "urgent_help"),
        safety_line=_text(urgent, "safety_line", "urgent_help"),
    )


def _question(raw: object, index: int) -> Question:
    where = f"questions[{index}]"
    item = _mapping(raw, where)
    tier = item.get("tier")
    if tier not in TIER_ORDER:
        raise WarningSignsInvalid(f"{where}.tier: expected one of {', '.join(TIER_ORDER)}")
    sources = item.get("sources")
    if not isinstance(sources, list) or not sources:
        raise WarningSignsInvalid(f"{where}.sources: expected a list of sources")
    return Question(
        id=_text(item, "id", where),
        tier=str(tier),
        question=_text(item, "question", where),
        advice=_text(item, "advice", where),
        sources=tuple(str(s) for s in sources),
        detail=str(item.get("detail") or "").strip(),
        observed_by=item.get("observed_by"),
        observed_fact=str(item.get("observed_fact") or "").strip(),
        relief_only=bool(item.get("relief_only", False)),
        avoid=tuple(str(a) for a in item.get("avoid") or ()),
        said=str(item.get("said") or "").strip(),
    )


def _mapping(value: object, where: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise WarningSignsInvalid(f"{where}: expected a mapping")
    return value


def _text(mapping: Mapping[str, Any], key: str, where: str) -> str:
    value = mapping.get(key)
    if not isinstance(value, str) or not value.strip():
        raise WarningSignsInvalid(f"{where}.{key}: expected some text")
    return value.strip()


def urgent_help_text(
    checklist: Checklist,
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER,
    advice: str = GENERIC_ADVICE,
    notes: Iterable[str] = (),
) -> str:
    """What the `!` key shows: the title, where the number came from (call_numbers.py), then
    the emergency and same-day signs."""
    head = "\n".join([checklist.urgent_title, *notes])
    return f"{head}\n\n{checklist.urgent_help(emergency_number, advice)}"


# --- the 10-minute rule -------------------------------------------------------------------------


def cramp_overtime(release_seconds: float | None, elapsed: float) -> bool:
    """True when the cramp had not let go within RELIEF_OVERTIME_SECONDS.

    `release_seconds` is when the user said it let go (Session.release_seconds), None if they
    never did; then the session's `elapsed` time decides, erring towards showing the sign.
    """
    seconds = elapsed if release_seconds is None else release_seconds
    return seconds > RELIEF_OVERTIME_SECONDS


def session_knows_no(release_seconds: float | None) -> tuple[str, ...]:
    """Questions a relief session answers "no" by itself: T1 when the user said the cramp let go
    within RELIEF_OVERTIME_SECONDS (past it, T1 is observed: observe_relief_overtime)."""
    if release_seconds is not None and release_seconds <= RELIEF_OVERTIME_SECONDS:
        return (OVERTIME_QUESTION,)
    return ()


def observe_relief_overtime(
    observed: Mapping[str, str] | None,
    release_seconds: float | None,
    elapsed: float,
    *,
    asks_release: bool = True,
) -> dict[str, str]:
    """`observed` plus T1 ("" = the file's observed_fact) when the cramp ran past 10 minutes.

    `asks_release`: the routine has a "has it let go?" step. A routine without one (a user's own
    relief routine) never learns when the cramp let go, so its length says nothing about the
    cramp: T1 is then asked, never observed from elapsed time."""
    out = dict(observed or {})
    if (asks_release or release_seconds is not None) and cramp_overtime(release_seconds, elapsed):
        out.setdefault(OVERTIME_QUESTION, "")
    return out
