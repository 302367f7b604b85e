"""Safe YAML to small nodes that remember their line and column, with guards for hostile files.

Routine files come from users and the internet, so nothing here constructs arbitrary tags. We read
libyaml's event stream (an iterative state machine: no recursion, so deep nesting cannot blow the
stack) and build the nodes ourselves, refusing unknown tags, aliases, deep nesting, huge files,
binary and non-UTF-8 text. Every problem carries a 1-based line and column.
"""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml import events
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

try:  # libyaml is ~10x faster; the pure-Python parser is a state machine too, so equally safe
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

MAX_BYTES = 1024 * 1024  # a routine is a few KiB; the exercise library maybe 100 KiB
MAX_DEPTH = 50  # real files nest 4 deep
MAX_NODES = 50_000  # a 50-step routine has ~400 nodes; keeps hostile files well under a second

_CORE = "tag:yaml.org,2002:"
# Tags a file may spell out, and what the resolver may infer for plain scalars -> our kind.
_EXPLICIT_SCALAR = {_CORE + k: k for k in ("str", "int", "float", "bool", "null")}
_IMPLICIT_SCALAR = {**_EXPLICIT_SCALAR, _CORE + "timestamp": "str", _CORE + "merge": "str"}
_IMPLICIT_SCALAR[_CORE + "value"] = "str"
_NON_SPECIFIC = (None, "!")
# Characters YAML forbids (the set libyaml's reader checks), found before parsing. The full
# class costs ~7 ms to compile, so ASCII text (the usual case) gets a cheap one.
_FORBIDDEN_ASCII = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_FORBIDDEN_ANY = "[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]"
_RESOLVED: dict[str, str] = {}  # plain scalar text -> kind, a cache
_CONSTRUCTOR = SafeConstructor()
_BUILD = {
    "int": _CONSTRUCTOR.construct_yaml_int,
    "float": _CONSTRUCTOR.construct_yaml_float,
    "bool": _CONSTRUCTOR.construct_yaml_bool,
    "null": _CONSTRUCTOR.construct_yaml_null,
}


class Node:
    __slots__ = ("line", "column")

    def __init__(self, line: int, column: int) -> None:
        self.line = line  # 1-based
        self.column = column  # 1-based


class Scalar(Node):
    __slots__ = ("value", "kind", "text")

    def __init__(self, line: int, column: int, value: Any, kind: str, text: str) -> None:
        super().__init__(line, column)
        self.value = value
        self.kind = kind  # "str", "int", "float", "bool" or "null"
        self.text = text  # as written, for messages and mapping keys


class Seq(Node):
    __slots__ = ("items",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.items: list[Node] = []


class Map(Node):
    __slots__ = ("pairs",)

    def __init__(self, line: int, column: int) -> None:
        super().__init__(line, column)
        self.pairs: list[tuple[Node, Node]] = []


class Bad(Node):
    """A value that was refused (unknown tag, alias); already reported, checkers skip it."""

    __slots__ = ()


@dataclass(frozen=True)
class Problem:
    line: int
    column: int
    key_path: str
    message: str


class SourceError(Exception):
    """A problem that stops reading the file (the only kind `read_source` and `decode` raise)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _fatal(message: str, line: int = 1, column: int = 1, key_path: str = "") -> SourceError:
    return SourceError(Problem(line, column, key_path, message))


def read_source(path: Path) -> bytes:
    """The bytes of a regular file, at most MAX_BYTES; SourceError says why not."""
    try:
        info = os.stat(path)
        if stat.S_ISDIR(info.st_mode):
            raise _fatal("expected a routine file, got a folder")
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would block or never end
            raise _fatal("expected a regular file, got a device or pipe")
        with open(path, "rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise _fatal("no such file") from None
    except PermissionError:
        raise _fatal("cannot read the file: permission denied") from None
    except OSError as err:
        raise _fatal(f"cannot read the file: {err.strerror or err}") from None
    _check_size(len(data))
    return data


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise _fatal(f"expected a file of at most {MAX_BYTES // 1024} KiB, got a larger one")


def decode(data: bytes | str) -> str:
    """UTF-8 text without a BOM, or SourceError naming the first bad byte or character."""
    if isinstance(data, str):
        _check_size(len(data))
        text = data
    else:
        _check_size(len(data))
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise _fatal("expected UTF-8 text, got UTF-16 (save the file as UTF-8)")
        nul = data.find(b"\0")
        if nul >= 0:
            raise _fatal("expected UTF-8 text, got a binary file (NUL byte)", *_byte_pos(data, nul))
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as err:
            line, column = _byte_pos(data, err.start)
            bad = data[err.start : err.start + 1].hex()
            raise _fatal(f"expected UTF-8 text, got byte 0x{bad}", line, column) from None
    if text.startswith("\ufeff"):
        text = text[1:]
    bad_char = (_FORBIDDEN_ASCII if text.isascii() else re.compile(_FORBIDDEN_ANY)).search(text)
    if bad_char:
        line, column = _char_pos(text, bad_char.start())
        code = ord(bad_char.group())
        what = "a binary file (NUL character)" if code == 0 else f"control character U+{code:04X}"
        raise _fatal(f"expected text, got {what}", line, column)
    return text


def _byte_pos(data: bytes, offset: int) -> tuple[int, int]:
    start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, len(data[start:offset].decode("utf-8", "replace")) + 1


def _char_pos(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def parse(data: bytes | str) -> tuple[Node | None, list[Problem]]:
    """The first document's root node and the problems found; root is None when unreadable."""
    try:
        text = decode(data)
    except SourceError as err:
        return None, [err.problem]
    try:
        return _parse_text(text)
    except _Stopped as stop:
        if not stop.ours:
            # libyaml scans ahead of the events we see and has limits of its own (6.0.4 refuses
            # flow nesting past 1000 while scanning). Read the text up to its error again: if
            # our guards (depth, count) fire in that prefix, theirs is the file's first problem,
            # and the answer no longer depends on the PyYAML version.
            prefix = text[: _offset(text, stop.problem.line, stop.problem.column)]
            try:
                _parse_text(prefix)
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


def _offset(text: str, line: int, column: int) -> int:
    """The character offset of a 1-based line and column (clamped to the text)."""
    start = 0
    for _ in range(line - 1):
        found = text.find("\n", start)
        if found < 0:
            return len(text)
        start = found + 1
    return min(len(text), start + column - 1)


def _parse_text(text: str) -> tuple[Node | None, list[Problem]]:
    """The root and problems of checked text; _Stopped when reading cannot go on."""
    loader = _Loader(text)
    builder = _Builder(loader)
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
        message = "expected a mapping, got an empty file (or only comments)"
        return None, [*builder.problems, Problem(1, 1, "", message)]
    return root, builder.problems


class _Frame:
    """An open collection and where its next child goes (for key paths in messages)."""

    __slots__ = ("node", "key")

    def __init__(self, node: Seq | Map) -> None:
        self.node = node
        self.key: Node | None = None  # a Map's key waiting for its value


class _Builder:
    def __init__(self, loader: _Loader) -> None:
        self.loader = loader
        self.problems: list[Problem] = []
        self.stack: list[_Frame] = []
        self.root: Node | None = None
        self.documents = 0

    def run(self) -> Node | None:
        get_event, stack = self.loader.get_event, self.stack
        for _count in range(MAX_NODES):
            event: Any = get_event()  # never None before StreamEnd, which returns below
            kind = type(event)
            mark: Any = event.start_mark
            if kind is events.ScalarEvent:
                self._attach(self._scalar(event, mark.line + 1, mark.column + 1))
            elif kind is events.MappingStartEvent or kind is events.SequenceStartEvent:
                self._open(event, kind, mark.line + 1, mark.column + 1)
            elif kind is events.MappingEndEvent or kind is events.SequenceEndEvent:
                stack.pop()
            elif kind is events.AliasEvent:
                where = (mark.line + 1, mark.column + 1)
                self._problem(
                    where, f"expected a value, got an alias *{event.anchor} (write it out)"
                )
                self._attach(Bad(*where))
            elif kind is events.DocumentStartEvent:
                self.documents += 1
                if self.documents > 1:  # stop: later documents are never used
                    message = "expected one document, got several (remove the second '---')"
                    self.problems.append(Problem(mark.line + 1, mark.column + 1, "", message))
                    return self.root
            elif kind is events.StreamEndEvent:
                return self.root
        line, column = self._mark()
        raise _fatal(f"expected at most {MAX_NODES} values, got more", line, column)

    def _mark(self) -> tuple[int, int]:
        event: Any = self.loader.peek_event()  # there is one: the loop stopped on a count
        mark = event.start_mark
        return mark.line + 1, mark.column + 1

    def _scalar(self, event: events.ScalarEvent, line: int, column: int) -> Node:
        text = event.value
        tag = event.tag
        if tag in _NON_SPECIFIC:
            if tag is None and event.implicit[0]:  # plain: the YAML 1.1 rules say 3 is an int
                kind = self._resolve(text)
            else:
                kind = "str"
        else:
            kind = _EXPLICIT_SCALAR.get(tag)
        if kind is None:
            return self._bad_tag(tag, line, column)
        if kind == "str":
            return Scalar(line, column, text, kind, text)
        try:
            value = _BUILD[kind](ScalarNode(tag or "", text))
        except Exception:  # PyYAML's constructors raise IndexError for `!!int ""` and more
            shown = text if len(text) <= 40 else text[:37] + "..."
            self._problem((line, column), f"expected a valid {kind}, got {shown!r}")
            return Bad(line, column)
        return Scalar(line, column, value, kind, text)

    def _resolve(self, text: str) -> str | None:
        # Keys and short values repeat across files (`hold`, `both`, `10s`): remember them.
        kind = _RESOLVED.get(text)
        if kind is None:
            kind = _IMPLICIT_SCALAR.get(self.loader.resolve(ScalarNode, text, (True, False)))
            if len(text) <= 40 and kind is not None:
                if len(_RESOLVED) >= 20_000:
                    _RESOLVED.clear()
                _RESOLVED[text] = kind
        return kind

    def _bad_tag(self, tag: str | None, line: int, column: int) -> Bad:
        shown = "!!" + tag[len(_CORE) :] if tag and tag.startswith(_CORE) else tag
        self._problem((line, column), f"expected plain YAML values, got the unsafe tag {shown}")
        return Bad(line, column)

    def _open(self, event: events.CollectionStartEvent, kind: type, line: int, column: int) -> None:
        node: Seq | Map = (
            Map(line, column) if kind is events.MappingStartEvent else Seq(line, column)
        )
        wanted = _CORE + ("map" if isinstance(node, Map) else "seq")
        if event.tag in _NON_SPECIFIC or event.tag == wanted:
            self._attach(node)
        else:  # children still arrive as events: collect them in a detached node
            self._attach(self._bad_tag(event.tag, line, column))
        self.stack.append(_Frame(node))
        if len(self.stack) > MAX_DEPTH:
            message = f"expected at most {MAX_DEPTH} levels of nesting, got more"
            raise _fatal(message, line, column)

    def _attach(self, node: Node) -> None:
        if not self.stack:
            if self.root is None:
                self.root = node
            return
        frame = self.stack[-1]
        parent = frame.node
        if isinstance(parent, Seq):
            parent.items.append(node)
        elif frame.key is None:
            frame.key = node
        else:
            parent.pairs.append((frame.key, node))
            frame.key = None

    def _problem(self, where: tuple[int, int], message: str) -> None:
        self.problems.append(Problem(where[0], where[1], self._path(), message))

    def _path(self) -> str:
        """The key path of the node being read, like steps[2].hold (only built for messages)."""
        path = ""
        last = len(self.stack) - 1
        for depth, frame in enumerate(self.stack):
            node = frame.node
            if isinstance(node, Seq):
                path += f"[{len(node.items) - (depth < last)}]"
                continue
            key = frame.key if depth == last or frame.key is not None else node.pairs[-1][0]
            if key is not None:
                name = key.text if isinstance(key, Scalar) else "?"
                path += f".{name}" if path else name
        return path
