"""Safe YAML to small nodes that remember their line and column, with guards for hostile files.

Routine files come from users and the internet, so nothing here constructs arbitrary tags. The
work is in two steps: yaml_text.py reads and checks the text (size, regular file, UTF-8, forbidden
characters); yaml_nodes.py builds nodes from libyaml's event stream (an iterative state machine:
no recursion, so deep nesting cannot blow the stack), refusing unknown tags, aliases, deep nesting
and too many values. This module joins them in `parse`. Every problem carries a 1-based line and
column.
"""

from __future__ import annotations

import yaml

from coach.core.routines.yaml_nodes import (
    MAX_DEPTH,
    MAX_NODES,
    Bad,
    Builder,
    Map,
    Node,
    Scalar,
    Seq,
)
from coach.core.routines.yaml_text import (
    MAX_BYTES,
    Problem,
    SourceError,
    decode,
    offset_of,
    read_source,
)

try:  # libyaml is ~10x faster; the pure-Python parser is a state machine too, so equally safe
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]  # the same API, slower

EMPTY_FILE = "expected a mapping, got an empty file (or only comments)"

__all__ = [
    "EMPTY_FILE",
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_NODES",
    "Bad",
    "Map",
    "Node",
    "Problem",
    "Scalar",
    "Seq",
    "SourceError",
    "decode",
    "parse",
    "read_source",
]


def parse(
    data: bytes | str, *, lines_keys: frozenset[str] = frozenset()
) -> tuple[Node | None, list[Problem]]:
    """The first document's root node and the problems found; root is None when unreadable.

    Only the values of `lines_keys` may have several lines (tab and newline); no key or value may
    hold another control or bidi character."""
    try:
        text = decode(data)
    except SourceError as err:
        return None, [err.problem]
    try:
        return _parse_text(text, lines_keys)
    except _Stopped as stop:
        if not stop.ours:
            # libyaml scans ahead of the events we see and has limits of its own (6.0.4 refuses
            # flow nesting past 1000 while scanning). Read the text up to its error again: if
            # our guards (depth, count) fire in that prefix, theirs is the file's first problem,
            # and the answer no longer depends on the PyYAML version.
            prefix = text[: offset_of(text, stop.problem.line, stop.problem.column)]
            try:
                _parse_text(prefix, lines_keys)
            except _Stopped as earlier:
                if earlier.ours:
                    stop = earlier
        return None, [*stop.problems, stop.problem]


class _Stopped(Exception):
    """Reading stopped: by our guard (ours) or PyYAML's syntax error, with the problems before."""

    def __init__(self, problems: list[Problem], problem: Problem, *, ours: bool) -> None:
        super().__init__(problem.message)
        self.problems = problems
        self.problem = problem
        self.ours = ours


def _parse_text(text: str, lines_keys: frozenset[str]) -> tuple[Node | None, list[Problem]]:
    """The root and problems of checked text; _Stopped when reading cannot go on."""
    loader = _Loader(text)
    builder = Builder(loader, lines_keys)
    try:
        root = builder.run()
    except SourceError as err:
        raise _Stopped(builder.problems, err.problem, ours=True) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        where = err.context_mark
        context = f" ({err.context} on line {where.line + 1})" if err.context and where else ""
        message = f"expected valid YAML, got a syntax error: {err.problem}{context}"
        raise _Stopped(builder.problems, Problem(line, column, "", message), ours=False) from None
    except (yaml.YAMLError, RecursionError, MemoryError) as err:
        problem = Problem(1, 1, "", f"expected valid YAML: {err}")
        raise _Stopped(builder.problems, problem, ours=False) from None
    finally:
        loader.dispose()
    if root is None:
        return None, [*builder.problems, Problem(1, 1, "", EMPTY_FILE)]
    return root, builder.problems
