"""YAML 1.1's yes/no/on/off: `coach validate` warns where a routine writes one as a boolean, the
builder never writes one, and the JSON Schema (read as a YAML 1.2 editor reads the file) refuses
exactly what the app warns about."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
import yaml

from coach.core.paths import builtin_dir
from coach.core.routines.loader import check_routine_text, load_exercise_library
from coach.core.routines.yaml_booleans import routine_file_warnings

STEP = "name: Mine\nkind: prevention\nsteps:\n  - name: Calf\n    instructions: Lean.\n"
STEP += "    hold: 30s\n    optional: {value}\n"
BUILTINS = sorted(
    p
    for p in builtin_dir("routines").glob("*.yaml")
    if p.name not in ("exercises.yaml", "warning-signs.yaml")
)


class Yaml12Loader(yaml.SafeLoader):
    """Booleans as YAML 1.2's core schema has them: only true and false (what editors read)."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def schema_errors(text: str) -> list[str]:
    schema = json.loads((builtin_dir("routines") / "routine.schema.json").read_text("utf-8"))
    data = yaml.load(text, Loader=Yaml12Loader)  # noqa: S506 - a SafeLoader subclass
    return [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]


@pytest.mark.parametrize("word", ["yes", "Yes", "YES", "no", "on", "On", "OFF", "off"])
def test_a_yaml_1_1_word_is_warned_at_its_line_and_column(word: str) -> None:
    text = STEP.format(value=word)
    routine, errors = check_routine_text(text, "mine.yaml")
    assert routine is not None and errors == []  # the app reads it as YAML 1.1 does
    meaning = "true" if word.lower() in ("yes", "on") else "false"
    assert routine.steps[0].optional is (meaning == "true")
    [warning] = routine_file_warnings(text, "mine.yaml")
    assert str(warning).startswith(f"mine.yaml:7:15: steps[0].optional: warning: {word} is")
    assert str(warning).endswith(f"write {meaning}")
    assert schema_errors(text)  # a YAML 1.2 editor with the schema refuses it too


@pytest.mark.parametrize("value", ["true", "false", "True"])
def test_true_and_false_pass_the_app_and_the_schema_without_warning(value: str) -> None:
    text = STEP.format(value=value)
    assert routine_file_warnings(text, "mine.yaml") == []
    assert schema_errors(text) == []


def test_quoted_words_are_text_and_not_warned() -> None:
    text = STEP.replace("name: Calf", 'name: "yes"').format(value="true")
    assert routine_file_warnings(text, "mine.yaml") == []


@pytest.mark.parametrize("path", BUILTINS, ids=lambda p: p.name)
def test_builtin_routines_have_no_yaml_1_1_words(path: Path) -> None:
    text = path.read_text("utf-8")
    assert routine_file_warnings(text, path.name) == []
    assert schema_errors(text) == []


def test_the_builder_writes_true_and_false_and_quotes_the_words() -> None:
    from coach.core.builder.file import routine_yaml
    from coach.core.routines.catalog import load_catalog

    library = load_exercise_library()
    routine = load_catalog(user_dir=None, include_user=False).routines["nightly"]
    step = replace(routine.steps[0], optional=True, name="Yes", until_released=False)
    routine = replace(routine, name="on", steps=(step, *routine.steps[1:]))
    text = routine_yaml(routine, library, "", "s.json")
    assert routine_file_warnings(text, "built.yaml") == []
    assert "optional: true" in text and schema_errors(text) == []
    again, errors = check_routine_text(text, "built.yaml", library)
    assert errors == [] and again is not None and (again.name, again.steps[0].name) == ("on", "Yes")


def test_coach_validate_prints_the_warning_and_still_passes(tmp_path: Path) -> None:
    mine = tmp_path / "mine.yaml"
    mine.write_text(STEP.format(value="yes"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "coach", "validate", str(mine)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert f"{mine}:7:15: steps[0].optional: warning: yes is true" in done.stderr
    assert "write true" in done.stderr
    assert done.stdout.strip() == "1 valid, 0 with errors, 1 warning"


def test_coach_validate_of_every_routine_warns_on_the_users_files(coach_home: Path) -> None:
    from coach.core.paths import user_routines_dir

    folder = user_routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "mine.yaml").write_text(STEP.format(value="off"), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "coach", "validate"], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "mine.yaml:7:15: steps[0].optional: warning: off is false" in done.stderr
    assert done.stdout.strip().endswith(", 1 warning")
