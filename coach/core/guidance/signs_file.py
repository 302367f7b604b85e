"""warning-signs.yaml read as routine files are: through yaml_source.parse (safe, size and
character checks, no aliases or tags), every problem located as FILE:LINE:COL.

    data, problem = read_signs_file(path)   # plain dicts, lists and scalars; problem "" if none
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coach.core.routines.yaml_source import (
    Bad,
    Map,
    Node,
    Scalar,
    Seq,
    SourceError,
    parse,
    read_source,
)

# The values that may hold several lines (a `|` block); every other value is one line.
LINES_KEYS = frozenset({"text", "action", "advice", "detail", "question", "intro", "disclaimer"})


def read_signs_file(path: Path) -> tuple[Any, str]:
    """The file as plain Python values, and its first problem in one line ("" when none)."""
    try:
        data = read_source(path)
    except SourceError as error:
        return None, f"{path}:{error.problem.line}:{error.problem.column}: {error.problem.message}"
    root, problems = parse(data, lines_keys=LINES_KEYS)
    if problems:
        first = problems[0]
        where = f"{first.key_path}: " if first.key_path else ""
        return None, f"{path}:{first.line}:{first.column}: {where}{first.message}"
    return _plain(root), ""


def _plain(node: Node | None) -> Any:
    if node is None or isinstance(node, Bad):
        return None
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Seq):
        return [_plain(item) for item in node.items]
    if isinstance(node, Map):
        return {_key(key): _plain(value) for key, value in node.pairs}
    return None


def _key(node: Node) -> str:
    return node.text if isinstance(node, Scalar) else ""


def compiled_lines_text(path: Path | None = None) -> str:
    """What routines/compiled/player-lines.json should hold for this warning-signs.yaml."""
    from coach.core.guidance.player_lines import lines_from_signs, to_json
    from coach.core.paths import builtin_dir

    path = path or builtin_dir("routines") / "warning-signs.yaml"
    data, problem = read_signs_file(path)
    if problem:
        raise ValueError(problem)
    return to_json(lines_from_signs(data))


def write_compiled_lines() -> Path:
    """`coach compile`: rewrite routines/compiled/player-lines.json (atomically)."""
    from coach.core.guidance.player_lines import compiled_path

    target = compiled_path()
    tmp = target.with_suffix(".json.tmp")
    tmp.write_text(compiled_lines_text(), encoding="utf-8")
    tmp.replace(target)
    return target
