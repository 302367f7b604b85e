"""Field rules for routine files and the exercise library, used by loader.py.

Each checker takes (report, node, key_path) and returns the value, or BAD after reporting
"expected X, got Y" at the node's line and column. `walk` checks a mapping's keys (unknown,
duplicate) and runs the checker of each.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from coach.core.routines.durations import EXPECTED, DurationError, parse_duration
from coach.core.routines.errors import RoutineError
from coach.core.routines.routine import HOLD_MAX, HOLD_MIN, KINDS, LEAD_IN_MAX, REST_MAX, SIDES
from coach.core.routines.yaml_source import Bad, Map, Node, Scalar, Seq

BAD = object()
MAX_COUNT = 1000  # sets and reps: nobody does a thousand; a huge number would freeze the timeline
MAX_ERRORS = 100  # a hostile file could have thousands; the first hundred say enough
# Text lengths (characters, after stripping): a name fits a title line, instructions a screen.
MAX_NAME = 80
MAX_LINE = 200  # exercise ids, targets
MAX_SOURCE = 500  # a citation with its address
MAX_BLOCK = 2000  # instructions, description, caution, ask_first
MAX_SAY = 300  # a step's spoken line: a sentence or two, said while the user holds a stretch
LINES_KEYS = frozenset({"instructions", "description", "caution", "ask_first"})  # several lines
Checker = Callable[["Report", Node, str], object]


class Report:
    """The problems of one file, with its display path."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.errors: list[RoutineError] = []

    def fail(self, node: Node, key_path: str, message: str) -> object:
        if not isinstance(node, Bad):  # a refused value was reported when it was read
            self.errors.append(RoutineError(self.path, node.line, node.column, key_path, message))
        return BAD

    def sorted_errors(self) -> list[RoutineError]:
        return sorted(self.errors, key=lambda e: (e.line, e.column))[:MAX_ERRORS]


class Fields:
    """What a mapping gave: checked values, and the key and value nodes (for positions)."""

    def __init__(self) -> None:
        self.values: dict[str, Any] = {}  # only the keys whose value passed its check
        self.keys: dict[str, Node] = {}  # every key given, valid value or not
        self.nodes: dict[str, Node] = {}

    def require(self, report: Report, node: Node, key_path: str, needed: dict[str, str]) -> None:
        for key, hint in needed.items():
            if key not in self.keys:
                path = f"{key_path}.{key}" if key_path else key
                report.fail(node, path, f"expected a key {key!r} ({hint}), got none")


def walk(
    report: Report, node: Map, key_path: str, checkers: Mapping[str, Checker] | None
) -> Fields:
    """Check each key of a mapping (unknown, duplicate) and its value; None accepts any key."""
    fields = Fields()
    for key, value in node.pairs:
        if isinstance(key, Bad):
            continue
        if not isinstance(key, Scalar):
            report.fail(key, key_path, f"expected a key name, got {describe(key)}")
            continue
        name = key.text
        path = f"{key_path}.{name}" if key_path else name
        if name in fields.keys:  # PyYAML would silently keep the last one
            first = fields.keys[name].line
            report.fail(
                key, path, f"expected each key once, got {name!r} again (first on line {first})"
            )
            continue
        fields.keys[name] = key
        fields.nodes[name] = value
        if checkers is None:
            fields.values[name] = value
            continue
        checker = checkers.get(name)
        if checker is None:
            hint = did_you_mean(name, checkers) or f"; expected one of {', '.join(checkers)}"
            report.fail(key, path, f"unknown key {name!r}{hint}")
            continue
        result = checker(report, value, path)
        if result is not BAD:
            fields.values[name] = result
    return fields


def describe(node: Node) -> str:
    """How a value reads in "expected X, got Y"."""
    if isinstance(node, Seq):
        return "a list" if node.items else "an empty list"
    if isinstance(node, Map):
        return "a mapping" if node.pairs else "an empty mapping"
    if isinstance(node, Scalar):
        if node.kind == "str":
            text = node.value if len(node.value) <= 40 else node.value[:37] + "..."
            return repr(text)
        return node.text or "nothing"
    return "an unreadable value"


def did_you_mean(word: str, options: Iterable[str]) -> str:
    import difflib  # only on an error: keeps `coach validate` start-up short

    close = difflib.get_close_matches(word, list(options), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def _text_of(limit: int, what: str = "text") -> Checker:
    def check(report: Report, node: Node, key_path: str) -> object:
        if not (isinstance(node, Scalar) and node.kind == "str"):
            return report.fail(node, key_path, f"expected text, got {describe(node)}")
        value = node.value.strip()  # a `|` block ends with a newline nobody means
        if len(value) > limit:
            message = f"expected {what} of at most {limit} characters, got {len(value)}"
            return report.fail(node, key_path, message)
        return value

    return check


_text = _text_of(MAX_LINE)
_block = _text_of(MAX_BLOCK)
_source = _text_of(MAX_SOURCE)
_name_text = _text_of(MAX_NAME, "a name")
_say = _text_of(MAX_SAY, "a spoken line")
_ready = _text_of(MAX_LINE, "a line")


def _name(report: Report, node: Node, key_path: str) -> object:
    value = _name_text(report, node, key_path)
    if isinstance(value, str) and not value:
        return report.fail(node, key_path, f"expected a non-empty name, got {describe(node)}")
    return value


def _duration(low: int, high: int, what: str) -> Checker:
    def check(report: Report, node: Node, key_path: str) -> object:
        if not isinstance(node, Scalar) or node.kind in ("bool", "null"):
            return report.fail(node, key_path, f"expected {EXPECTED}, got {describe(node)}")
        try:
            seconds = parse_duration(node.value)
        except DurationError as err:
            return report.fail(node, key_path, str(err))
        if not low <= seconds <= high:
            return report.fail(node, key_path, f"expected {what}, got {describe(node)}")
        return seconds

    return check


def _count(report: Report, node: Node, key_path: str) -> object:
    if isinstance(node, Scalar) and node.kind == "int" and 1 <= node.value <= MAX_COUNT:
        return node.value
    message = f"expected a whole number from 1 to {MAX_COUNT}, got {describe(node)}"
    return report.fail(node, key_path, message)


def _flag(report: Report, node: Node, key_path: str) -> object:
    if isinstance(node, Scalar) and node.kind == "bool":
        return node.value
    return report.fail(node, key_path, f"expected true or false, got {describe(node)}")


def _choice(options: tuple[str, ...]) -> Checker:
    shown = ", ".join(options[:-1]) + f" or {options[-1]}"

    def check(report: Report, node: Node, key_path: str) -> object:
        if isinstance(node, Scalar) and node.kind == "str":
            if node.value in options:
                return node.value
            hint = did_you_mean(node.value, options)
        else:
            hint = ""
        return report.fail(node, key_path, f"expected {shown}, got {describe(node)}{hint}")

    return check


def _text_list(report: Report, node: Node, key_path: str) -> object:
    if not isinstance(node, Seq):
        return report.fail(node, key_path, f"expected a list of text, got {describe(node)}")
    items = [_text(report, item, f"{key_path}[{i}]") for i, item in enumerate(node.items)]
    return BAD if BAD in items else tuple(items)


def _kind_list(report: Report, node: Node, key_path: str) -> object:
    if not isinstance(node, Seq) or not node.items:
        message = f"expected a list of routine kinds (relief, prevention), got {describe(node)}"
        return report.fail(node, key_path, message)
    check = _choice(KINDS)
    items = [check(report, item, f"{key_path}[{i}]") for i, item in enumerate(node.items)]
    if BAD in items:
        return BAD
    return tuple(kind for kind in KINDS if kind in items)  # the contract's order, once each


def _steps(report: Report, node: Node, key_path: str) -> object:
    if isinstance(node, Seq) and node.items:
        return node
    return report.fail(
        node, key_path, f"expected a list of at least one step, got {describe(node)}"
    )


def _any_map(report: Report, node: Node, key_path: str) -> object:
    if isinstance(node, Map):
        return node
    return report.fail(node, key_path, f"expected a mapping of exercise ids, got {describe(node)}")


_HOLD = _duration(HOLD_MIN, HOLD_MAX, "a hold from 1s to 60m")
_REST = _duration(0, REST_MAX, "a rest from 0s to 10m")
_SIDES = _choice(SIDES)
ROUTINE_FIELDS: dict[str, Checker] = {
    "name": _name,
    "kind": _choice(KINDS),
    "description": _block,
    "ask_first": _block,
    "lead_in": _duration(0, LEAD_IN_MAX, "a lead-in from 0s to 10m"),
    "steps": _steps,
    "source": _source,
}
STEP_FIELDS: dict[str, Checker] = {
    "exercise": _text,
    "name": _name,
    "instructions": _block,
    "hold": _HOLD,
    "sets": _count,
    "rest": _REST,
    "sides": _SIDES,
    "reps": _count,
    "until_released": _flag,
    "optional": _flag,
    "caution": _block,
    "source": _source,
    "say": _say,
    "ready_first": _ready,
    "alternative": _text,
}
EXERCISE_FIELDS: dict[str, Checker] = {
    "name": _name,
    "instructions": _block,
    "hold": _HOLD,
    "reps": _count,
    "sets": _count,
    "rest": _REST,
    "sides": _SIDES,
    "targets": _text_list,
    "kinds": _kind_list,
    "caution": _block,
    "source": _source,
}
LIBRARY_FIELDS: dict[str, Checker] = {"exercises": _any_map}
