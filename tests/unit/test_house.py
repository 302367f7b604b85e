"""The shape of the house: no import circles among coach's modules, no module over 400 lines, and
few modules loose at the top of coach/core and coach/ui (the rest live in rooms named for what
they are about).

Imports are read from the source with ast, wherever they stand (top level, inside a function, under
TYPE_CHECKING): a circle through a lazy import is still a circle a reader has to untangle.
"""

from __future__ import annotations

import ast
import io
import re
import tokenize
from collections.abc import Callable
from pathlib import Path

import coach

ROOT = Path(coach.__file__).resolve().parent
MAX_LINES = 400  # raised from 300 where that keeps one idea in one file (issue 20)
MAX_LOOSE_CORE_MODULES = 10


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(ROOT.rglob("*.py"))}


def imports_of(name: str) -> set[str]:
    """The coach modules `name` imports (a package import counts as its __init__)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join([*package.split(".")[: len(package.split(".")) - node.level + 1]])
                base = f"{base}.{node.module}" if node.module else base
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m in MODULES and m != name}


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import circle, as the list of modules around it, or None (iterative DFS)."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(graph):
        if start in state:
            continue
        path: list[str] = []
        stack: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        state[start] = 1
        path.append(start)
        while stack:
            node, todo = stack[-1]
            if not todo:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            nxt = todo.pop()
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(graph[nxt])))
    return None


def test_the_cycle_finder_finds_a_circle() -> None:
    cycle = find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})
    assert cycle is not None and set(cycle) == {"a", "b", "c"} and cycle[0] == cycle[-1]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_imports_are_read_from_function_bodies_too() -> None:
    # launch imports the screens inside functions, to keep the cramp path light
    assert "coach.ui.app" in imports_of("coach.launch")


def test_no_import_circle_among_coach_modules() -> None:
    cycle = find_cycle({name: imports_of(name) for name in MODULES})
    assert cycle is None, " -> ".join(cycle or [])


def test_no_module_over_400_lines() -> None:
    long = {
        name: n
        for name, path in MODULES.items()
        if (n := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert not long, long


def test_few_modules_loose_at_the_top_of_core() -> None:
    loose = [p.name for p in (ROOT / "core").glob("*.py") if p.name != "__init__.py"]
    assert len(loose) <= MAX_LOOSE_CORE_MODULES, loose


def test_few_modules_loose_at_the_top_of_ui() -> None:
    # the player's pieces, the builder's, dialogs and terminal-level parts live in rooms
    loose = [p.name for p in (ROOT / "ui").glob("*.py") if p.name != "__init__.py"]
    assert len(loose) <= MAX_LOOSE_CORE_MODULES, loose


def test_every_command_lives_under_commands() -> None:
    # cli.py parses and dispatches; what a command does is in coach/commands/
    cli = ast.parse((ROOT / "cli.py").read_text(encoding="utf-8"))
    bodies = [
        n.name for n in cli.body if isinstance(n, ast.FunctionDef) and n.name.startswith("cmd_")
    ]
    assert not bodies, bodies
    loose = {p.name for p in ROOT.glob("*.py")}
    assert not loose & {"serve.py", "remind.py"}, loose


MAX_TYPE_IGNORES = 20  # issue 20: mypy checks the whole package; an ignore is the exception
IGNORE = re.compile(r"type:\s*ignore(?P<codes>\[[^\]]+\])?(?P<rest>.*)")


def ignores_in(readline: Callable[[], bytes]) -> list[tuple[int, str]]:
    """The `# type: ignore` comments of one source (comments only, read with tokenize, so a
    string or docstring that mentions one is not counted): (line, the comment)."""
    return [
        (token.start[0], token.string)
        for token in tokenize.tokenize(readline)
        if token.type == tokenize.COMMENT and IGNORE.search(token.string)
    ]


def type_ignores() -> list[tuple[str, int, str]]:
    found = []
    for name, path in MODULES.items():
        with path.open("rb") as source:
            found += [(name, line, comment) for line, comment in ignores_in(source.readline)]
    return found


def test_type_ignores_are_few_and_each_says_why() -> None:
    found = type_ignores()
    assert len(found) <= MAX_TYPE_IGNORES, [f"{m}:{n}" for m, n, _ in found]
    unexplained = []
    for module, line, comment in found:
        match = IGNORE.search(comment)
        assert match is not None
        # `# type: ignore[code]  # why`: the error it silences, and the reason
        if not match["codes"] or not match["rest"].strip().lstrip("#").strip():
            unexplained.append(f"{module}:{line}: {comment}")
    assert not unexplained, unexplained


def test_the_ignore_counter_reads_comments_only() -> None:
    # It must see a real one (else the limit above could never fail) and skip a string.
    sample = 'x = "type: ignore"\ny = f()  # type: ignore[misc]  # why\n'
    found = ignores_in(io.BytesIO(sample.encode()).readline)
    assert found == [(2, "# type: ignore[misc]  # why")]
