"""The JSON Schema of routine files agrees with the validator (coach/core/routines/loader.py).

Both run over the file corpus: every valid file passes both; every invalid file the schema can
judge (types, enums, required and unknown keys, minimums) fails both. What a JSON Schema cannot
see is listed below, file by file, so a gap is a decision and not an accident.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from coach.core.paths import builtin_dir
from coach.core.routines import loader
from coach.core.routines.durations import _UNIT_NAMES, DurationError, parse_duration
from coach.core.routines.loader import check_routine_text, load_exercise_library
from coach.core.routines.loader_rules import (
    MAX_BLOCK,
    MAX_LINE,
    MAX_NAME,
    MAX_SAY,
    MAX_SOURCE,
    ROUTINE_FIELDS,
    STEP_FIELDS,
)
from coach.core.routines.routine import Exercise
from coach.core.routines.schema import duration_pattern, routine_schema, schema_json

DATA = Path(__file__).resolve().parent.parent / "data"
VALID = sorted((DATA / "routines" / "valid").iterdir())
INVALID = sorted((DATA / "routines" / "invalid").glob("*.yaml"))
NOT_ROUTINES = {"exercises.yaml", "warning-signs.yaml"}
BUILTINS = sorted(p for p in builtin_dir("routines").glob("*.y*ml") if p.name not in NOT_ROUTINES)
SCHEMA_FILE = builtin_dir("routines") / "routine.schema.json"
MODELINE = "# yaml-language-server: $schema=../routines/routine.schema.json\n"

# Files yaml.safe_load refuses, so there is no data to give the schema (skipped on that side).
SAFE_LOAD_REFUSES = {
    "complex-key.yaml": "a list as a mapping key (unhashable)",
    "control-char.yaml": "a control character in the text",
    "custom-tag.yaml": "an unknown tag (!relief)",
    "deep-flow.yaml": "nesting too deep for PyYAML's recursive parser (RecursionError)",
    "int-tag-text.yaml": "!!int on text that is no number",
    "not-utf8.yaml": "not UTF-8",
    "nul-byte.yaml": "a NUL byte",
    "python-name-tag.yaml": "a python tag",
    "python-tag.yaml": "a python tag",
    "syntax-bad-indent.yaml": "YAML syntax",
    "syntax-colon-in-plain.yaml": "YAML syntax",
    "syntax-tab-indent.yaml": "YAML syntax",
    "syntax-unclosed-flow.yaml": "YAML syntax",
    "syntax-unclosed-quote.yaml": "YAML syntax",
    "two-documents.yaml": "two documents",
}
# Files safe_load reads and the schema accepts, though the validator rightly refuses them.
SCHEMA_CANNOT_EXPRESS = {
    "alias.yaml": "aliases: safe_load expands them, so the data looks written out",
    "duplicate-key-step.yaml": "duplicate keys: safe_load keeps the last one",
    "duplicate-key-top.yaml": "duplicate keys: safe_load keeps the last one",
    "exercise-unknown.yaml": "exercise ids live in the library, not in the schema",
    "until-released-library-reps.yaml": "whether a library exercise is timed",
    "hold-zero.yaml": "the range of a duration written as text (0s)",
    "hold-too-long.yaml": "the range of a duration written as text (61m)",
    "lead-in-too-long.yaml": "the range of a duration written as text (20 min)",
    "rest-too-long.yaml": "the range of a duration written as text (11m)",
}


@pytest.fixture(scope="module")
def library() -> dict[str, Exercise]:
    return load_exercise_library(DATA / "exercises.yaml")


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft202012Validator:
    schema = json.loads(SCHEMA_FILE.read_text("utf-8"))
    return jsonschema.Draft202012Validator(schema)


def schema_errors(validator: Any, data: Any) -> list[str]:
    return [error.message for error in validator.iter_errors(data)]


def test_the_schema_is_a_valid_draft_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(routine_schema())


def test_the_shipped_file_is_the_generated_schema() -> None:
    """Regenerate with: python -m coach.core.routines.schema > routines/routine.schema.json"""
    assert SCHEMA_FILE.read_text("utf-8") == schema_json()


def test_the_schema_knows_exactly_the_validators_keys() -> None:
    schema = routine_schema()
    step = schema["properties"]["steps"]["items"]
    assert list(schema["properties"]) == list(ROUTINE_FIELDS)
    assert list(step["properties"]) == list(STEP_FIELDS)
    assert set(schema["required"]) == set(loader._ROUTINE_REQUIRED)


def test_every_property_has_help_text() -> None:
    schema = routine_schema()
    step = schema["properties"]["steps"]["items"]
    for properties in (schema["properties"], step["properties"]):
        for key, prop in properties.items():
            assert prop.get("description"), key


def test_text_lengths_are_the_validators() -> None:
    schema = routine_schema()
    step = schema["properties"]["steps"]["items"]["properties"]
    limits = {key: prop.get("maxLength") for key, prop in schema["properties"].items()}
    limits.update({f"steps.{key}": prop.get("maxLength") for key, prop in step.items()})
    assert {key: limit for key, limit in limits.items() if limit} == {
        "name": MAX_NAME,
        "description": MAX_BLOCK,
        "ask_first": MAX_BLOCK,
        "source": MAX_SOURCE,
        "steps.exercise": MAX_LINE,
        "steps.name": MAX_NAME,
        "steps.instructions": MAX_BLOCK,
        "steps.caution": MAX_BLOCK,
        "steps.source": MAX_SOURCE,
        "steps.say": MAX_SAY,
        "steps.ready_first": MAX_LINE,
        "steps.alternative": MAX_LINE,
    }


@pytest.mark.parametrize("name", ["long-name.yaml", "long-instructions.yaml"])
def test_text_too_long_fails_both(name: str, library: dict[str, Exercise], validator: Any) -> None:
    data = (DATA / "hostile" / "routines" / name).read_bytes()
    assert check_routine_text(data, name, library)[0] is None
    assert any("is too long" in e for e in schema_errors(validator, yaml.safe_load(data)))


def test_the_corpus_lists_name_real_files() -> None:
    names = {p.name for p in INVALID}
    assert set(SAFE_LOAD_REFUSES) <= names and set(SCHEMA_CANNOT_EXPRESS) <= names
    assert not set(SAFE_LOAD_REFUSES) & set(SCHEMA_CANNOT_EXPRESS)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_valid_file_passes_both(path: Path, library: dict[str, Exercise], validator: Any) -> None:
    data = path.read_bytes()
    routine, errors = check_routine_text(data, path.name, library)
    assert routine is not None, errors
    assert schema_errors(validator, yaml.safe_load(data)) == []


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.name)
def test_builtin_routine_passes_the_schema(path: Path, validator: Any) -> None:
    assert schema_errors(validator, yaml.safe_load(path.read_bytes())) == []


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_file_fails_the_schema_where_it_can(
    path: Path, library: dict[str, Exercise], validator: Any
) -> None:
    data = path.read_bytes()
    routine, errors = check_routine_text(data, path.name, library)
    assert routine is None and errors
    if path.name in SAFE_LOAD_REFUSES:
        with pytest.raises((yaml.YAMLError, ValueError, RecursionError)):
            yaml.safe_load(data)
        return
    found = schema_errors(validator, yaml.safe_load(data))
    if path.name in SCHEMA_CANNOT_EXPRESS:  # if the schema learns to see it, shorten the list
        assert found == []
    else:
        assert found, f"the schema accepts {path.name}, which the validator refuses: {errors[0]}"


def test_a_schema_modeline_is_just_a_comment(library: dict[str, Exercise]) -> None:
    text = MODELINE + "name: With a schema line\nkind: relief\nsteps:\n  - name: Stretch\n"
    routine, errors = check_routine_text(text, "modeline.yaml", library)
    assert routine is not None and errors == []
    with_bom = ("\ufeff" + text).encode("utf-8")
    assert check_routine_text(with_bom, "modeline.yaml", library)[1] == []


@pytest.mark.parametrize(
    ("step", "ok"),
    [
        ({"name": "a", "hold": 30}, True),
        ({"name": "a", "hold": 0}, False),  # hold is at least 1s
        ({"name": "a", "hold": 3601}, False),
        ({"name": "a", "rest": 601, "hold": 5}, False),
        ({"name": "a", "hold": "1:30"}, True),
        ({"name": "a", "hold": "1:60"}, False),
        ({"name": "a", "hold": "2 MIN"}, True),  # the loader lowercases
        ({"name": "a", "sets": 1001}, False),
        ({"name": "   "}, False),  # the loader strips text: blank is empty
        ({"exercise": "calf-wall", "until_released": True}, True),  # the library decides
        ({"exercise": "calf-wall", "reps": 3, "until_released": True}, False),
        ({"name": "a", "until_released": True}, False),  # no hold to ask after
        ({"name": "a", "hold": "5s", "until_released": True}, True),
        ({"name": "a", "until_released": False}, True),
    ],
)
def test_step_rules_agree(
    step: dict[str, Any], ok: bool, library: dict[str, Exercise], validator: Any
) -> None:
    routine = {"name": "T", "kind": "relief", "steps": [step]}
    assert (schema_errors(validator, routine) == []) is ok
    _, errors = check_routine_text(json.dumps(routine), "step.yaml", library)  # JSON is YAML
    assert (errors == []) is ok, errors


def loader_accepts(text: str) -> bool:
    try:
        parse_duration(text)
    except DurationError:
        return False
    return True


@pytest.mark.parametrize(
    "text",
    [
        "45",
        "45s",
        "1m",
        "1m30s",
        "90 s",
        "2 min",
        "1:30",
        "1h",
        "1 hour 2 minutes 3 seconds",
        " 5 SECS ",
        "1H2M",
        "0",
        "007s",
        "1:05",
        "60m",
    ],
)
def test_the_duration_pattern_accepts_what_the_loader_accepts(text: str) -> None:
    assert loader_accepts(text) and re.search(duration_pattern(), text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "s",
        "thirty",
        "30s1m",
        "1m1m",
        "1:5",
        "1:60",
        "1.5s",
        "-5",
        "1 m s",
        "1hs",
        "1h30",
        "1 : 30",
        "30 sekunden",
    ],
)
def test_the_duration_pattern_refuses_what_the_loader_refuses(text: str) -> None:
    assert not loader_accepts(text) and not re.search(duration_pattern(), text)


UNIT_WORDS = [w for words in _UNIT_NAMES.values() for w in words]
DURATION_BITS = st.sampled_from(
    [*UNIT_WORDS, *(w.upper() for w in UNIT_WORDS), "Min", "hs", "x"]
    + ["0", "5", "12", "30", ":", ":05", ".", "-", "", " ", "\t", "\n"]
)


@settings(max_examples=500)
@given(st.lists(DURATION_BITS, max_size=8).map("".join))
def test_the_duration_pattern_is_parse_duration(text: str) -> None:
    """jsonschema matches `pattern` with re.search: the same call is used here."""
    assert bool(re.search(duration_pattern(), text)) == loader_accepts(text)
