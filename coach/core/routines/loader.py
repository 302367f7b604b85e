"""Routine files and the exercise library: YAML nodes -> checked Routine / Exercise values.

Every problem of a file is collected (one bad step must not hide the next) as a RoutineError
naming the line and column of the offending node.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from coach.core.routines.durations import format_duration
from coach.core.routines.errors import RoutineError, RoutineFileInvalid
from coach.core.routines.loader_rules import (
    EXERCISE_FIELDS,
    LIBRARY_FIELDS,
    LINES_KEYS,
    ROUTINE_FIELDS,
    STEP_FIELDS,
    Fields,
    Report,
    describe,
    did_you_mean,
    walk,
)
from coach.core.routines.routine import (
    DEFAULT_LEAD_IN,
    MAX_SEGMENTS,
    MAX_TIMED_SECONDS,
    Exercise,
    Routine,
    Step,
)
from coach.core.routines.timeline import step_size
from coach.core.routines.yaml_source import Map, Node, Seq, SourceError, parse, read_source
from coach.core.safe_text import printable

Library = Mapping[str, Exercise]

_ROUTINE_REQUIRED = {
    "name": "the name shown to the user",
    "kind": "relief or prevention",
    "steps": "a list of steps",
}
# What a step copies from its library exercise unless the step gives the key itself.
_INHERITED = ("name", "instructions", "hold", "sets", "rest", "sides", "reps", "caution", "source")


def check_routine_text(
    text: str | bytes, path: str, library: Library | None = None, *, builtin: bool = False
) -> tuple[Routine | None, list[RoutineError]]:
    """Check one routine file's contents; the routine, or None and every problem found.

    Pass the library in when checking many files: None reads the bundled one each call.
    """
    if library is None:
        library = load_exercise_library()
    report = Report(path)
    root = _parse_into(report, text)
    routine = _check_routine(report, root, library, path, builtin) if root is not None else None
    errors = report.sorted_errors()
    return (None if errors else routine), errors


def load_routine_file(
    path: Path | str, library: Library, *, builtin: bool = False, display_path: str | None = None
) -> Routine:
    """Read and check a routine file; raise RoutineFileInvalid listing every problem."""
    shown = display_path if display_path is not None else str(path)
    try:
        data = read_source(Path(path))
    except SourceError as err:
        raise RoutineFileInvalid([_to_error(shown, err)]) from None
    routine, errors = check_routine_text(data, shown, library, builtin=builtin)
    if routine is None:
        raise RoutineFileInvalid(errors)
    return routine


def load_exercise_library(path: Path | None = None) -> dict[str, Exercise]:
    """The exercise library (routines/exercises.yaml by default); RoutineFileInvalid if broken."""
    if path is None:
        from coach.core.paths import builtin_dir

        path = builtin_dir("routines") / "exercises.yaml"
    try:
        data = read_source(Path(path))
    except SourceError as err:
        raise RoutineFileInvalid([_to_error(str(path), err)]) from None
    library, errors = check_library_text(data, str(path))
    if library is None:
        raise RoutineFileInvalid(errors)
    return library


def check_library_text(
    text: str | bytes, path: str
) -> tuple[dict[str, Exercise] | None, list[RoutineError]]:
    report = Report(path)
    root = _parse_into(report, text)
    library = _check_library(report, root) if root is not None else None
    errors = report.sorted_errors()
    return (None if errors else library), errors


def _to_error(path: str, err: SourceError) -> RoutineError:
    p = err.problem
    return RoutineError(path, p.line, p.column, p.key_path, p.message)


def _parse_into(report: Report, text: str | bytes) -> Node | None:
    root, problems = parse(text, lines_keys=LINES_KEYS)
    for p in problems:
        report.errors.append(RoutineError(report.path, p.line, p.column, p.key_path, p.message))
    return root


def _check_routine(
    report: Report, root: Node, library: Library, path: str, builtin: bool
) -> Routine | None:
    if not isinstance(root, Map):
        got = describe(root)
        report.fail(
            root, "", f"expected a routine (a mapping with name, kind and steps), got {got}"
        )
        return None
    fields = walk(report, root, "", ROUTINE_FIELDS)
    fields.require(report, root, "", _ROUTINE_REQUIRED)
    steps_node = fields.values.get("steps")
    steps = []
    if isinstance(steps_node, Seq):
        for index, item in enumerate(steps_node.items):
            steps.append(_check_step(report, item, f"steps[{index}]", library))
    if report.errors:
        return None
    values = fields.values
    lead_in = values.get("lead_in", DEFAULT_LEAD_IN)
    if isinstance(steps_node, Seq):
        _check_size(report, steps_node, steps, lead_in)
        if report.errors:
            return None
    return Routine(
        id=_routine_id(path),
        name=values["name"],
        kind=values["kind"],
        steps=tuple(s for s in steps if s is not None),
        description=values.get("description", ""),
        ask_first=values.get("ask_first", ""),
        lead_in=lead_in,
        source_path=path,
        builtin=builtin,
    )


def _check_size(report: Report, steps_node: Seq, steps: list[Step | None], lead_in: int) -> None:
    """Refuse a routine whose timeline would be too long or too big, before expanding it: a
    valid-looking file of thousands of steps x `sets: 1000` x both sides would take minutes
    and gigabytes to expand. The error is on the step that goes past the limit."""
    segments = seconds = 0
    for index, step in enumerate(steps):
        if step is None:
            continue
        step_segments, step_seconds = step_size(step, lead_in)
        segments += step_segments
        seconds += step_seconds
        if seconds > MAX_TIMED_SECONDS:
            limit = format_duration(MAX_TIMED_SECONDS)
            message = (
                f"expected a routine of at most {limit} of timed work, "
                f"got {format_duration(seconds)} by this step"
            )
        elif segments > MAX_SEGMENTS:
            message = (
                f"expected a routine of at most {MAX_SEGMENTS} holds, rests and other parts "
                f"once sets and sides are counted, got {segments} by this step"
            )
        else:
            continue
        report.fail(steps_node.items[index], f"steps[{index}]", message)
        return


def _routine_id(path: str) -> str:
    """The file name without .yaml/.yml, escaped if the name holds a control character or bytes
    that are not UTF-8 (the catalog refuses such names; a file given by path still loads)."""
    name = Path(path).name
    for suffix in (".yaml", ".yml"):
        if name.endswith(suffix) and len(name) > len(suffix):
            return printable(name[: -len(suffix)])
    return printable(Path(path).stem or name)


def _check_step(report: Report, node: Node, key_path: str, library: Library) -> Step | None:
    if not isinstance(node, Map):
        got = describe(node)
        report.fail(node, key_path, f"expected a step (a mapping with exercise or name), got {got}")
        return None
    fields = walk(report, node, key_path, STEP_FIELDS)
    given = fields.values
    exercise = _find_exercise(report, fields, key_path, library)
    if "exercise" not in fields.keys and "name" not in fields.keys:
        report.fail(
            node, key_path, "expected an 'exercise' (a library id) or a 'name', got neither"
        )
    _check_hold_or_reps(report, fields, key_path)
    known_source = exercise is not None or "exercise" not in fields.keys
    base = {k: getattr(exercise, k) for k in _INHERITED} if exercise is not None else {}
    if "hold" in fields.keys or "reps" in fields.keys:  # the step chose timed or counted itself
        base.pop("hold", None)
        base.pop("reps", None)
    base.update((k, v) for k, v in given.items() if k != "exercise")
    has_hold = "hold" in fields.keys or base.get("hold") is not None
    if given.get("until_released") and known_source and not has_hold:
        message = "expected a step with a hold (until_released asks after a hold), got no hold"
        report.fail(fields.nodes["until_released"], f"{key_path}.until_released", message)
    if given.get("ready_first") and known_source and not has_hold:
        message = "expected a step with a hold (ready_first waits before its timer), got no hold"
        report.fail(fields.nodes["ready_first"], f"{key_path}.ready_first", message)
    base["alternative"] = _alternative(report, fields, key_path, library)
    if "name" not in base:
        return None
    return Step(exercise=given.get("exercise"), **base)


def _alternative(report: Report, fields: Fields, key_path: str, library: Library) -> Step | None:
    """The step's `alternative:`, a library exercise with the library's own dose."""
    exercise = _library_exercise(report, fields, "alternative", key_path, library)
    if exercise is None:
        return None
    return Step(exercise=exercise.id, **{k: getattr(exercise, k) for k in _INHERITED})


def _find_exercise(
    report: Report, fields: Fields, key_path: str, library: Library
) -> Exercise | None:
    return _library_exercise(report, fields, "exercise", key_path, library)


def _library_exercise(
    report: Report, fields: Fields, key: str, key_path: str, library: Library
) -> Exercise | None:
    """The library exercise a step's `key` names; a located error (with "did you mean") if none."""
    exercise_id = fields.values.get(key)
    if exercise_id is None:
        return None
    exercise = library.get(exercise_id)
    if exercise is None:
        hint = did_you_mean(exercise_id, library)
        message = f"expected an exercise id from the library, got {exercise_id!r}{hint}"
        report.fail(fields.nodes[key], f"{key_path}.{key}", message)
    return exercise


def _check_hold_or_reps(report: Report, fields: Fields, key_path: str) -> None:
    if "hold" in fields.keys and "reps" in fields.keys:
        later = max("hold", "reps", key=lambda k: (fields.keys[k].line, fields.keys[k].column))
        message = "expected either hold (timed) or reps (counted), got both"
        report.fail(fields.keys[later], f"{key_path}.{later}", message)


def _check_library(report: Report, root: Node) -> dict[str, Exercise] | None:
    if not isinstance(root, Map):
        report.fail(root, "", f"expected a mapping with 'exercises', got {describe(root)}")
        return None
    fields = walk(report, root, "", LIBRARY_FIELDS)
    fields.require(report, root, "", {"exercises": "a mapping of exercise ids"})
    exercises = fields.values.get("exercises")
    library: dict[str, Exercise] = {}
    if isinstance(exercises, Map):
        entries = walk(report, exercises, "exercises", None)
        for exercise_id, entry in entries.values.items():
            exercise = _check_exercise(report, entry, f"exercises.{exercise_id}", exercise_id)
            if exercise is not None:
                library[exercise_id] = exercise
    return None if report.errors else library


def _check_exercise(report: Report, node: Node, key_path: str, exercise_id: str) -> Exercise | None:
    if not isinstance(node, Map):
        report.fail(node, key_path, f"expected an exercise (a mapping), got {describe(node)}")
        return None
    fields = walk(report, node, key_path, EXERCISE_FIELDS)
    fields.require(report, node, key_path, {"name": "the name shown to the user"})
    _check_hold_or_reps(report, fields, key_path)
    if "name" not in fields.values:
        return None
    values = fields.values
    return Exercise(id=exercise_id, instructions=values.pop("instructions", ""), **values)
