"""YAML 1.1's yes, no, on and off: true or false to this app (PyYAML reads YAML 1.1), but the
text "yes" to editors that read YAML 1.2 and to the JSON Schema the app ships (schema.py), which
asks for a boolean. `coach validate` warns where a routine file writes one unquoted, so a file that
passes without warnings means the same to the app, the schema and any editor. The builder writes
true and false (builder/file.py), never these words.
"""

from __future__ import annotations

from coach.core.routines.errors import RoutineError
from coach.core.routines.yaml_nodes import Map, Node, Scalar, Seq

# The plain words PyYAML resolves as booleans besides true and false, in lower case (it takes
# yes, Yes and YES; a yEs is text to it, and where a flag is expected the loader refuses it).
YAML11_WORDS = {"yes": "true", "on": "true", "no": "false", "off": "false"}
WARNING = "warning: "


def yaml11_booleans(root: Node | None, path: str) -> list[RoutineError]:
    """A warning at each unquoted yes/no/on/off used as a boolean, with the key path."""
    found: list[RoutineError] = []
    _walk(root, "", path, found)
    return found


def routine_file_warnings(text: str | bytes, path: str) -> list[RoutineError]:
    """The warnings of one routine file's text (its errors are the loader's to report)."""
    from coach.core.routines.loader_rules import LINES_KEYS
    from coach.core.routines.yaml_source import parse

    root, _ = parse(text, lines_keys=LINES_KEYS)
    return yaml11_booleans(root, path)


def _walk(node: Node | None, key_path: str, path: str, found: list[RoutineError]) -> None:
    if isinstance(node, Map):
        for key, value in node.pairs:
            name = getattr(key, "text", "?")
            _walk(value, f"{key_path}.{name}" if key_path else str(name), path, found)
    elif isinstance(node, Seq):
        for i, item in enumerate(node.items):
            _walk(item, f"{key_path}[{i}]", path, found)
    elif isinstance(node, Scalar) and node.kind == "bool":
        word = node.text.lower()
        if word in YAML11_WORDS:
            meaning = YAML11_WORDS[word]
            message = (
                f"{WARNING}{node.text} is {meaning} to this app (YAML 1.1) but the text "
                f'"{node.text}" to YAML 1.2 editors and the JSON Schema; write {meaning}'
            )
            found.append(RoutineError(path, node.line, node.column, key_path, message))
