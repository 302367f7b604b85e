"""User settings: a small YAML file beside the user's routines, read only when first needed.

    # settings.yaml
    emergency_number: "999"     # in quotes: digits, spaces and + ( ) -, at most 20 characters
    sound: auto                 # auto, bell or off
    voice: on                   # on or off: speak the steps (when a voice is installed)
    voice_speed: 1.0            # 0.5 (slow) to 2.0 (fast)
    region: GB                  # for the number to call when emergency_number is not set
    adapt: on                   # off: relief does not change with what has worked for you
    # and remind_at, theme, night, keymap: coach/core/bedside/settings_keys.py

COACH_EMERGENCY_NUMBER overrides the file. The file is read with the routines' located reader
(coach/core/routines/yaml_source.py: no tags, no aliases, no control characters). A bad file or
value never stops the app: that value keeps its default and `Settings.problems` says why, one line
each (`FILE:LINE:COL: key: expected X, got Y; using the default`), for the UI to show once.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

DEFAULT_EMERGENCY_NUMBER = "your local emergency number"
SOUND_MODES = ("auto", "bell", "off")
VOICE_MODES = ("on", "off")
VOICE_SPEED_MIN, VOICE_SPEED_MAX = 0.5, 2.0
EMERGENCY_ENV = "COACH_EMERGENCY_NUMBER"
MAX_NUMBER = 20
_NUMBER = re.compile(r"[0-9 +()\-]+")
_NUMBER_RULE = f"digits, spaces and + ( ) - (at most {MAX_NUMBER} characters)"
_USING_DEFAULT = "; using the default"


@dataclass(frozen=True)
class Settings:
    emergency_number: str = DEFAULT_EMERGENCY_NUMBER
    sound: str = "auto"
    voice: str = "on"
    voice_speed: float = 1.0
    adapt: str = "on"  # off: relief never changes with what has worked (guidance/what_works.py)
    region: str = ""  # ISO 3166 code ("GB"); empty: the locale's, else the time zone's
    remind_at: str = "21:00"
    theme: str = "auto"  # night, day or auto
    night: str = "21:00-07:00"  # when auto means night
    keymap: tuple[Any, ...] = ()  # KeymapEntry: binding id, keys and where they were written
    problems: tuple[str, ...] = ()  # one line each, already escaped: show each once

    @property
    def problem(self) -> str | None:
        """Every problem, one per line (None when there are none); `problems` is the list."""
        return "\n".join(self.problems) if self.problems else None


def settings_path() -> Path:
    from coach.core.paths import user_routines_dir

    return user_routines_dir().parent / "settings.yaml"


def valid_number(text: str) -> bool:
    """An emergency number as people write it: 999, 112, +44 (0)20 7946 0000, 1-800-..."""
    text = text.strip()
    return (
        len(text) <= MAX_NUMBER
        and _NUMBER.fullmatch(text) is not None
        and any(c.isdigit() for c in text)
    )


def load_settings() -> Settings:
    path = settings_path()
    problems: list[str] = []
    values = _read_file(path, problems) if os.path.lexists(path) else {}
    number = values.get("emergency_number", DEFAULT_EMERGENCY_NUMBER)
    from_env = os.environ.get(EMERGENCY_ENV, "")
    if from_env.strip():
        if valid_number(from_env):
            number = from_env.strip()
        else:
            from coach.core.safe_text import printable

            problems.append(
                printable(f"{EMERGENCY_ENV}: expected {_NUMBER_RULE}, got {from_env!r}")
                + ("; using the file's" if "emergency_number" in values else _USING_DEFAULT)
            )
    bedside = {k: values[k] for k in ("remind_at", "theme", "night", "keymap") if k in values}
    return Settings(
        emergency_number=number,
        sound=values.get("sound", "auto"),
        voice=values.get("voice", "on"),
        voice_speed=values.get("voice_speed", 1.0),
        region=values.get("region", ""),
        adapt=values.get("adapt", "on"),
        problems=tuple(problems),
        **bedside,
    )


def _read_file(path: Path, problems: list[str]) -> dict[str, Any]:
    """The valid values of the file; a line in `problems` for each thing wrong with it."""
    from coach.core.routines.errors import RoutineError
    from coach.core.routines.loader_rules import describe, did_you_mean
    from coach.core.routines.yaml_source import (
        EMPTY_FILE,
        Bad,
        Map,
        Scalar,
        SourceError,
        parse,
        read_source,
    )

    def report(line: int, column: int, key: str, message: str, then: str = "") -> None:
        then = then or (_USING_DEFAULT if key else _USING_DEFAULT + "s")
        problems.append(str(RoutineError(str(path), line, column, key, message + then)))

    if path.is_dir():
        report(1, 1, "", "expected a settings file, got a folder")
        return {}
    try:
        root, found = parse(read_source(path))
    except SourceError as err:
        report(err.problem.line, err.problem.column, "", err.problem.message)
        return {}
    for p in found:
        if p.message != EMPTY_FILE:  # an empty file (or only comments) is all defaults
            report(p.line, p.column, p.key_path, p.message)
    if root is None or isinstance(root, Bad):
        return {}
    if not isinstance(root, Map):
        report(root.line, root.column, "", f"expected a mapping of settings, got {describe(root)}")
        return {}
    from coach.core.bedside import settings_keys as bedside

    checks = {
        "emergency_number": _number_problem,
        "sound": _sound_problem,
        "voice": _voice_problem,
        "voice_speed": _speed_problem,
        "region": _region_problem,
        "adapt": _voice_problem,  # on or off, as voice
    }
    checks.update(remind_at=bedside.remind_at_problem, theme=bedside.theme_problem)
    checks.update(night=bedside.night_problem, keymap=bedside.keymap_problem)
    values: dict[str, Any] = {}
    seen: set[str] = set()
    for key, node in root.pairs:
        if not isinstance(key, Scalar) or isinstance(node, Bad):
            continue  # a refused key or value was reported when it was read
        name = key.text
        if name in seen:
            message = f"expected each key once, got {name!r} again"
            report(key.line, key.column, name, message, "; using the first")
            continue
        seen.add(name)
        check = checks.get(name)
        if check is None:
            hint = did_you_mean(name, checks) or f"; expected one of {', '.join(checks)}"
            report(key.line, key.column, name, f"unknown key {name!r}{hint}", " (ignored)")
            continue
        problem = check(node, describe(node))
        if problem is None and name == "keymap":
            values[name] = bedside.read_keymap(node, str(path), report)
        elif problem is None:
            assert isinstance(node, Scalar)
            values[name] = _value(name, node)
        else:
            report(node.line, node.column, name, problem)
    return values


def _number_problem(node: Any, shown: str) -> str | None:
    """Why a settings value is not an emergency number, or None. The number must be quoted:
    YAML reads an unquoted 000 as 0 and 0112 as the octal number 74."""
    kind = getattr(node, "kind", None)
    if kind in ("int", "float"):
        value = f" (YAML reads it as {node.value})" if str(node.value) != node.text else ""
        return f'expected the number in quotes, like "{node.text}", got {node.text} unquoted{value}'
    if kind != "str":
        return f'expected a phone number in quotes, like "999", got {shown}'
    if not valid_number(node.value):
        return f"expected {_NUMBER_RULE}, got {shown}"
    return None


def _region_problem(node: Any, shown: str) -> str | None:
    from coach.core.guidance.region import region_code

    # node.text is the value as written: YAML 1.1 reads an unquoted NO (Norway) as false.
    if getattr(node, "kind", "") in ("str", "bool") and region_code(node.text):
        return None
    return f'expected a two-letter region code like "GB" or "US", got {shown}'


def _sound_problem(node: Any, shown: str) -> str | None:
    # node.text is the value as written: plain `off` is YAML 1.1's false, and means off here.
    if getattr(node, "text", None) in SOUND_MODES and getattr(node, "kind", "") in ("str", "bool"):
        return None
    return f"expected auto, bell or off, got {shown}"


def _value(name: str, node: Any) -> Any:
    if name == "emergency_number":
        return node.value.strip()
    if name == "voice_speed":
        return float(node.value)
    if name == "region":
        from coach.core.guidance.region import region_code

        return region_code(node.text)
    return node.text  # as written: plain `off` is YAML 1.1's false


def _adapt_problem(node: Any, shown: str) -> str | None:
    if getattr(node, "text", None) in ("on", "off") and getattr(node, "kind", "") in (
        "str",
        "bool",
    ):
        return None
    return f"expected on or off, got {shown}"


def _voice_problem(node: Any, shown: str) -> str | None:
    if getattr(node, "text", None) in VOICE_MODES and getattr(node, "kind", "") in ("str", "bool"):
        return None
    return f"expected on or off, got {shown}"


def _speed_problem(node: Any, shown: str) -> str | None:
    if getattr(node, "kind", "") in ("int", "float"):
        if VOICE_SPEED_MIN <= float(node.value) <= VOICE_SPEED_MAX:
            return None
    low, high = VOICE_SPEED_MIN, VOICE_SPEED_MAX
    return f"expected a speed from {low} to {high} (1.0 is normal), got {shown}"
