"""libyaml's event stream -> small nodes that remember their line and column.

The event stream is an iterative state machine (no recursion: deep nesting cannot blow the stack);
the builder makes the nodes itself and refuses unknown tags, aliases, deep nesting and too many
values, so nothing here constructs arbitrary objects.
"""

from __future__ import annotations

from typing import Any

from yaml import events
from yaml.constructor import SafeConstructor
from yaml.nodes import ScalarNode

from coach.core.routines.yaml_text import Problem, fatal
from coach.core.safe_text import unsafe_character

MAX_DEPTH = 50  # real files nest 4 deep
MAX_NODES = 50_000  # a 50-step routine has ~400 nodes; keeps hostile files well under a second

_CORE = "tag:yaml.org,2002:"
# Tags a file may spell out, and what the resolver may infer for plain scalars -> our kind.
_EXPLICIT_SCALAR = {_CORE + k: k for k in ("str", "int", "float", "bool", "null")}
_IMPLICIT_SCALAR = {**_EXPLICIT_SCALAR, _CORE + "timestamp": "str", _CORE + "merge": "str"}
_IMPLICIT_SCALAR[_CORE + "value"] = "str"
_NON_SPECIFIC = (None, "!")
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


class _Frame:
    """An open collection and where its next child goes (for key paths in messages)."""

    __slots__ = ("node", "key")

    def __init__(self, node: Seq | Map) -> None:
        self.node = node
        self.key: Node | None = None  # a Map's key waiting for its value


class Builder:
    """Nodes from the loader's events. `lines_keys` name the values that may have several lines
    (tab and newline allowed); every other value and every key is one line. No key or value may
    hold a control or bidi character (escapes like "\\e]0;title\\a" would reach the terminal)."""

    def __init__(self, loader: Any, lines_keys: frozenset[str] = frozenset()) -> None:
        self.loader = loader
        self.lines_keys = lines_keys
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
        raise fatal(f"expected at most {MAX_NODES} values, got more", line, column)

    def _mark(self) -> tuple[int, int]:
        event: Any = self.loader.peek_event()  # there is one: the loop stopped on a count
        mark = event.start_mark
        return mark.line + 1, mark.column + 1

    def _scalar(self, event: events.ScalarEvent, line: int, column: int) -> Node:
        text = event.value
        unsafe = self._unsafe(text)
        if unsafe is not None:
            self.problems.append(Problem(line, column, *unsafe))
            return Bad(line, column)
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

    def _unsafe(self, text: str) -> tuple[str, str] | None:
        """(key path, message) when a key or value holds a character that must not be shown."""
        frame = self.stack[-1] if self.stack else None
        is_key = frame is not None and isinstance(frame.node, Map) and frame.key is None
        parent = frame.key if frame is not None and not is_key else None
        lines = isinstance(parent, Scalar) and parent.text in self.lines_keys
        # A `|` block ends with a newline nobody means (the loader strips values), a key does not.
        found = unsafe_character(text if is_key else text.strip(" \t\n"), lines=lines)
        if found is None:
            return None
        offset, shown = found
        what = "text" if lines else "a key" if is_key else "one line of text"
        message = f"expected {what} without control or bidi characters, got {shown}"
        if len(text) > 1:
            message += f" at character {offset + 1}"
        path = self._path()
        if is_key:
            path = f"{path}.{text}" if path else text
        return path, message

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
            raise fatal(message, line, column)

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
