"""A JSON Schema (draft 2020-12) for routine files, built from the validator's own rules.

Editors read it for completion and hover help once a routine file's first line says
`# yaml-language-server: $schema=<path to>/routine.schema.json`. The loader stays the judge: the
schema cannot see YAML syntax, duplicate keys, tags, aliases, exercise ids or the range of a
duration written as text (tests/unit/test_schema.py keeps the list).

The shipped copy is generated:
`python -m coach.core.routines.schema > routines/routine.schema.json`.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from coach.core.routines.durations import _UNIT_NAMES  # the unit words parse_duration accepts
from coach.core.routines.loader_rules import (
    MAX_BLOCK,
    MAX_COUNT,
    MAX_LINE,
    MAX_NAME,
    MAX_SAY,
    MAX_SOURCE,
    ROUTINE_FIELDS,
    STEP_FIELDS,
)
from coach.core.routines.routine import HOLD_MAX, HOLD_MIN, KINDS, LEAD_IN_MAX, REST_MAX, SIDES

Schema = dict[str, Any]

SCHEMA_ID = "urn:cramp-coach:routine.schema.json"
REQUIRED = ["name", "kind", "steps"]  # the loader's _ROUTINE_REQUIRED
NON_BLANK = r"\S"  # the loader strips text; a name of only spaces is empty


def _any_case(word: str) -> str:
    """`min` -> `[mM][iI][nN]`: ECMAScript patterns (editors) have no inline (?i) flag."""
    return "".join(f"[{c}{c.upper()}]" if c.isalpha() else c for c in word)


def _unit_part(unit: str) -> str:
    words = sorted(_UNIT_NAMES[unit], key=len, reverse=True)
    return rf"(?:[0-9]+\s*(?:{'|'.join(_any_case(w) for w in words)})\s*)?"


def duration_pattern() -> str:
    """Text parse_duration accepts: 45, 45s, 1m30s, 90 s, 2 min, 1h, 1:30 (any letter case)."""
    bare = "[0-9]+"
    clock = "[0-9]+:[0-5][0-9]"
    units = "(?=[0-9])" + "".join(_unit_part(unit) for unit in "hms")  # h, m, s in that order
    return rf"^\s*(?:{bare}|{clock}|{units})\s*$"


def _duration(low: int, high: int, help_text: str, examples: list[Any]) -> Schema:
    """Whole seconds, or text like 1m30s. The range applies to numbers only: text is opaque."""
    return {
        "description": f"{help_text} A duration: whole seconds (like 45) or text like 30s, 1m30s, "
        f"90 s, 2 min or 1:30; from {_seconds(low)} to {_seconds(high)}.",
        "type": ["integer", "string"],
        "minimum": low,
        "maximum": high,
        "pattern": duration_pattern(),
        "examples": examples,
    }


def _seconds(value: int) -> str:
    return f"{value // 60}m" if value and value % 60 == 0 else f"{value}s"


def _text(
    help_text: str,
    examples: list[str] | None = None,
    *,
    max_length: int,
    non_blank: bool = False,
) -> Schema:
    """Text of at most max_length characters (the loader counts after stripping spaces)."""
    schema: Schema = {
        "description": f"{help_text} At most {max_length} characters.",
        "type": "string",
        "maxLength": max_length,
    }
    if non_blank:
        schema["pattern"] = NON_BLANK
    if examples:
        schema["examples"] = examples
    return schema


def _choice(help_text: str, options: tuple[str, ...]) -> Schema:
    return {"description": help_text, "type": "string", "enum": list(options)}


def _count(help_text: str, examples: list[int]) -> Schema:
    return {
        "description": f"{help_text} A whole number from 1 to {MAX_COUNT}.",
        "type": "integer",
        "minimum": 1,
        "maximum": MAX_COUNT,
        "examples": examples,
    }


def _flag(help_text: str) -> Schema:
    # Only true and false: YAML 1.2 editors read yes/no/on/off as text, and `coach validate`
    # warns on them (yaml_booleans.py), so the schema and the app agree on what is clean.
    words = "true or false (default false; not yes/no/on/off, which are text in YAML 1.2)"
    return {"description": f"{help_text} {words}.", "type": "boolean"}


def step_properties() -> dict[str, Schema]:
    """The keys of a step, described for hover help (the loader's STEP_FIELDS decide which)."""
    return {
        "exercise": _text(
            "An exercise id from the library (routines/exercises.yaml). The step takes the "
            "exercise's name, instructions and defaults; any key given here wins.",
            ["wall-calf-straight", "ankle-pumps"],
            non_blank=True,
            max_length=MAX_LINE,
        ),
        "name": _text(
            "The step's name, shown to the user. Required unless the step names an exercise.",
            ["Ankle pumps"],
            non_blank=True,
            max_length=MAX_NAME,
        ),
        "instructions": _text(
            "What to do, shown during the step.",
            ["Point and flex the foot slowly."],
            max_length=MAX_BLOCK,
        ),
        "hold": _duration(
            HOLD_MIN,
            HOLD_MAX,
            "How long each hold lasts: makes the step timed. Not together with reps.",
            ["30s", "1m", 45],
        ),
        "sets": _count("How many holds (or rounds of reps) per side; default 1.", [3]),
        "rest": _duration(
            0, REST_MAX, "Rest between holds and between sides; default 0.", ["10s", 0]
        ),
        "sides": _choice(
            "Which leg: none (default), left, right, or both (left then right, with a cue).",
            SIDES,
        ),
        "reps": _count(
            "Counted work, no timer: press Enter when done. Not together with hold.", [30]
        ),
        "until_released": _flag(
            "Relief: after the hold ask 'has it let go?' and repeat the hold on no. "
            "Needs a timed step (a hold of its own or from its exercise)."
        ),
        "optional": _flag("The step can be skipped with one key."),
        "caution": _text(
            "A warning shown with the step.", ["Stop if it hurts sharply."], max_length=MAX_BLOCK
        ),
        "source": _text(
            "Where the step's facts come from.", ["clinic leaflet"], max_length=MAX_SOURCE
        ),
        "say": _text(
            "What the voice says as the step starts, instead of its name and first "
            'instruction line; "" says nothing.',
            ["Pull your toes toward you. Hold thirty seconds."],
            max_length=MAX_SAY,
        ),
        "ready_first": _text(
            "One line shown before the step's timer, which waits for Enter: time to fetch "
            "something. Needs a timed step.",
            ["Get a heat pack or a warm towel ready, then press Enter."],
            max_length=MAX_LINE,
        ),
        "alternative": _text(
            "An exercise id from the library offered instead (one key swaps the step for it "
            "for the rest of the session, with the library's own dose).",
            ["seated-towel-stretch"],
            non_blank=True,
            max_length=MAX_LINE,
        ),
    }


def routine_properties(step: Schema) -> dict[str, Schema]:
    """The keys of a routine, described for hover help (the loader's ROUTINE_FIELDS decide)."""
    return {
        "name": _text(
            "The routine's name, shown to the user.",
            ["Nightly calf and foot routine"],
            non_blank=True,
            max_length=MAX_NAME,
        ),
        "kind": _choice(
            "relief: for a cramp happening now; prevention: a regular routine, like before bed.",
            KINDS,
        ),
        "description": _text(
            "A line or two about the routine.",
            ["About ten minutes before bed."],
            max_length=MAX_BLOCK,
        ),
        "ask_first": _text(
            "Who should ask a clinician before starting this routine; shown before the first "
            "stretch, on the home screen and by `coach plan`.",
            ["Pregnant, or a recent leg operation, injury or clot? Ask a clinician first."],
            max_length=MAX_BLOCK,
        ),
        "lead_in": _duration(
            0,
            LEAD_IN_MAX,
            "'Get ready' time before the first hold of a step; default 3s.",
            ["5s", 0],
        ),
        "steps": {
            "description": "The steps, in order; at least one.",
            "type": "array",
            "minItems": 1,
            "items": step,
        },
        "source": _text(
            "Where the routine's facts come from.", ["clinic leaflet"], max_length=MAX_SOURCE
        ),
    }


def _only(keys: Mapping[str, object], described: dict[str, Schema]) -> dict[str, Schema]:
    """The described properties in the validator's key order; KeyError if one lacks help."""
    return {key: described[key] for key in keys}


def step_schema() -> Schema:
    """One item of `steps`: exercise or name, hold or reps, until_released only when timed."""
    until_released = {
        "required": ["until_released"],
        "properties": {"until_released": {"const": True}},
    }
    ready_first = {"required": ["ready_first"]}
    needs_hold = {
        "not": {"required": ["reps"]},
        "anyOf": [{"required": ["hold"]}, {"required": ["exercise"]}],
    }
    return {
        "description": "A step: a library exercise (exercise) or an inline one (name). With "
        "neither hold nor reps it is a note, shown until you press Enter.",
        "type": "object",
        "properties": _only(STEP_FIELDS, step_properties()),
        "additionalProperties": False,
        "anyOf": [{"required": ["exercise"]}, {"required": ["name"]}],
        "not": {"required": ["hold", "reps"]},  # timed or counted, never both
        # until_released asks after a hold and ready_first waits before one: a hold of its
        # own, or (unseen here) its exercise's.
        "allOf": [{"if": flag, "then": needs_hold} for flag in (until_released, ready_first)],
    }


def routine_schema() -> Schema:
    """The JSON Schema of a routine file, as a dict ready for json.dumps."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Cramp Coach routine",
        "description": "One routine: a name, a kind and its steps. `coach validate` has the "
        "final word (it also checks exercise ids and the range of durations written as text).",
        "type": "object",
        "properties": _only(ROUTINE_FIELDS, routine_properties(step_schema())),
        "required": REQUIRED,
        "additionalProperties": False,
    }


def schema_json() -> str:
    """The schema as the text of routines/routine.schema.json (what `coach schema` prints)."""
    return json.dumps(routine_schema(), indent=2) + "\n"


if __name__ == "__main__":
    print(schema_json(), end="")
