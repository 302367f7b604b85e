"""The routine builder's files: YAML text a person can read and edit, written atomically.

Split from builder.py (the draft model) to keep each file short. Every value is written in the
form a person would type it (10s, 1m30s, `|` blocks); builder.py checks the text with the loader.
"""

from __future__ import annotations

import os
import re
import tempfile
import textwrap
from collections.abc import Mapping
from pathlib import Path

from coach.core.routines.durations import format_clock, format_duration
from coach.core.routines.routine import DEFAULT_LEAD_IN, Exercise, Routine, Step
from coach.core.routines.timeline import build_timeline, total_seconds

# The builder's own comments; any other comment in a file was written by hand.
HEADER = (
    "# Made with the Cramp Coach routine builder (`coach build`). You may edit it by hand:",
    "# `coach validate` checks it. The builder rewrites this file without your own comments.",
    "# A step with `exercise:` takes the rest from the exercise library (routines/exercises.yaml)",
    "# and gives only the keys that differ from it.",
)
_OWN_COMMENT = re.compile(r"# (yaml-language-server: .*|step \d+: .*)")
_STEP_KEYS: tuple[str, ...] = ("name", "instructions", "hold", "reps", "sets", "rest", "sides")
_STEP_KEYS += ("until_released", "optional", "caution", "source", "say")


def routine_yaml(
    routine: Routine, library: Mapping[str, Exercise], source: str, schema: str
) -> str:
    """The file: schema line and header comments, then only the keys that matter."""
    lines = [f"# yaml-language-server: $schema={schema}", *HEADER, ""]
    lines += _text_lines("name", routine.name, 0) + [f"kind: {routine.kind}"]
    if routine.description:
        lines += _text_lines("description", routine.description, 0)
    if routine.ask_first:
        lines += _text_lines("ask_first", routine.ask_first, 0)
    if routine.lead_in != DEFAULT_LEAD_IN:
        lines.append(f"lead_in: {format_duration(routine.lead_in)}")
    if source:
        lines += _text_lines("source", source, 0)
    lines.append("steps:")
    for number, step in enumerate(routine.steps, 1):
        lines += ["", f"  # step {number}: {_one_line(step.name)} ({_step_time(step, routine)})"]
        lines += _step_lines(step, library.get(step.exercise or ""))
    return "\n".join(lines) + "\n"


def top_level_source(path: Path) -> str:
    """A routine's own `source:` (the loaded Routine does not keep it)."""
    from coach.core.routines.yaml_source import Map, Scalar, SourceError, parse, read_source

    try:
        root, _ = parse(read_source(path))
    except (OSError, SourceError):
        return ""
    if isinstance(root, Map):
        for key, value in root.pairs:
            if isinstance(key, Scalar) and key.text == "source" and isinstance(value, Scalar):
                return str(value.value).strip()
    return ""


# --- YAML text: written by hand, so every value is in the form a person would write ---------
def _step_lines(step: Step, exercise: Exercise | None) -> list[str]:
    pairs: list[tuple[str, object]] = []
    timing_changed = True
    if exercise is not None:
        pairs.append(("exercise", exercise.id))
        timing_changed = (step.hold, step.reps) != (exercise.hold, exercise.reps)
    for key in _STEP_KEYS:
        value = getattr(step, key)
        if value is None and key == "say":  # the library has no `say`: None means not given
            continue
        if exercise is None:  # an inline step always says its name, even one like "x"
            default = None if key == "name" else getattr(Step("x"), key)
        elif key in ("hold", "reps"):  # giving either replaces both of the library's
            default = value if not timing_changed else None
        else:
            default = getattr(exercise, key, False)
        if value != default:
            pairs.append((key, value))
    # Keys no library exercise has: written when the step gives them.
    if step.ready_first:
        pairs.append(("ready_first", step.ready_first))
    if step.alternative is not None and step.alternative.exercise:
        pairs.append(("alternative", step.alternative.exercise))
    lines: list[str] = []
    for key, value in pairs:
        if isinstance(value, str):
            lines += _text_lines(key, value, 4)
        else:
            lines.append(f"    {key}: {_plain_value(key, value)}")
    lines[0] = "  - " + lines[0][4:]  # the first key opens the list item
    return lines


def _plain_value(key: str, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if key in ("hold", "rest") and isinstance(value, int):
        return format_duration(value)
    return str(value)


def _text_lines(key: str, text: str, indent: int) -> list[str]:
    pad = " " * indent
    rows = text.split("\n")
    if len(rows) > 1 and all(r.isprintable() and r == r.rstrip() for r in rows):
        return [f"{pad}{key}: |"] + [f"{pad}  {r}" if r else "" for r in rows]
    if len(text) > 72 and text.isprintable() and text == " ".join(text.split()):
        wrapped = textwrap.wrap(text, 92 - indent, break_long_words=False, break_on_hyphens=False)
        if len(wrapped) > 1:  # folded: each line break reads back as one space
            return [f"{pad}{key}: >-"] + [f"{pad}  {w}" for w in wrapped]
    return [f"{pad}{key}: {_scalar(text)}"]


def _scalar(text: str) -> str:
    """Plain when YAML reads it back as this very text, else double-quoted."""
    import yaml

    plain = re.fullmatch(r"[^\W\d_][\w ,.()'/+&?!%-]*", text) and text == text.rstrip()
    tag = yaml.resolver.Resolver().resolve(yaml.ScalarNode, text, (True, False))
    if plain and tag == "tag:yaml.org,2002:str":  # not yes, no, null, on, off...
        return text
    return '"' + "".join(_escape(ch) for ch in text) + '"'


def _escape(ch: str) -> str:
    if ch in '"\\':
        return "\\" + ch
    if ch.isprintable():
        return ch
    code = ord(ch)  # YAML's double-quoted escapes: \xXX, \uXXXX, \UXXXXXXXX
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def _one_line(text: str) -> str:
    return " ".join("".join(ch if ch.isprintable() else " " for ch in text).split())


def _step_time(step: Step, routine: Routine) -> str:
    if step.hold is None:
        return f"{step.reps} reps" if step.reps is not None else "note"
    alone = Routine("x", "x", routine.kind, (step,), lead_in=routine.lead_in)
    return format_clock(total_seconds(build_timeline(alone)))


# --- files -----------------------------------------------------------------------------
def atomic_write(target: Path, data: bytes) -> None:
    """Write via a temp file in the same folder, fsync, then os.replace: never half a file."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(tmp, target.stat().st_mode & 0o777)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_folder(target.parent)


def _fsync_folder(folder: Path) -> None:
    try:  # the rename itself reaches the disk only with the folder (POSIX)
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def has_hand_comments(path: Path) -> bool:
    """Whether the file has comments the builder did not write (saving would drop them)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    own = set(HEADER)
    return any(c not in own and not _OWN_COMMENT.fullmatch(c) for c in _comments(text))


def _comments(text: str) -> list[str]:
    """Every comment of a YAML text: a `#` after a space or at a line start, outside scalars."""
    import yaml

    try:
        spans = [
            (t.start_mark.index, t.end_mark.index)
            for t in yaml.scan(text, Loader=yaml.SafeLoader)
            if isinstance(t, yaml.ScalarToken)
        ]
    except yaml.YAMLError:
        spans = []
    found, offset = [], 0
    for line in text.splitlines(keepends=True):
        for match in re.finditer(r"(?:^|(?<=[ \t]))#", line):
            at = offset + match.start()
            if not any(start <= at < end for start, end in spans):
                found.append(line[match.start() :].rstrip())
                break
        offset += len(line)
    return found
