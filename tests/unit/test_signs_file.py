"""warning-signs.yaml is read like a routine file (located errors, control characters refused),
and the player's safety texts come from it, compiled to JSON for the cramp path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from coach.core.guidance.checklist import WarningSignsInvalid, default_path, load_warning_signs
from coach.core.guidance.player_lines import (
    NARROWEST,
    compiled_path,
    load_player_lines,
    one_line,
)
from coach.core.guidance.signs_file import compiled_lines_text, read_signs_file


def test_the_compiled_player_lines_match_the_yaml() -> None:
    """`coach compile` rewrites routines/compiled/player-lines.json: it says what the YAML says."""
    assert json.loads(compiled_path().read_text(encoding="utf-8")) == json.loads(
        compiled_lines_text()
    )


def test_every_player_text_has_a_source_and_the_last_form_fits_40_columns() -> None:
    lines = load_player_lines()
    assert set(lines.sources) == {"safety", "overtime", "finished", "leg_warning", "no_heat"}
    assert all(source.strip() for source in lines.sources.values())
    for forms in (lines.safety, lines.overtime):
        assert len(forms[-1]) <= NARROWEST
        assert [len(f) for f in forms] == sorted((len(f) for f in forms), reverse=True)


def test_the_safety_line_names_the_sign_and_the_key_at_every_width() -> None:
    lines = load_player_lines()
    for width in range(NARROWEST, 200):
        line = one_line(lines.safety, width)
        assert len(line) <= width
        assert "swollen" in line.lower() and "!" in line


def test_breathlessness_on_the_safety_line_is_e1s_new_or_sudden_kind() -> None:
    """The always-on line names breathlessness as its rule's home, E1, does: new or sudden, not
    the breathlessness someone lives with. Named from 80 columns up."""
    e1 = load_warning_signs().question("E1")
    assert "suddenly short of breath" in e1.question
    assert "usual breathlessness does not count" in e1.detail
    forms = (*load_player_lines().safety, load_warning_signs().safety_line)
    naming = [form for form in forms if "breath" in form.lower()]
    assert naming and all("new or sudden breathlessness" in form for form in naming)
    assert "breathlessness" in one_line(load_player_lines().safety, 80 - 2)


def test_one_line_picks_the_longest_that_fits_and_cuts_the_last() -> None:
    assert one_line(("a long form", "short"), 20) == "a long form"
    assert one_line(("a long form", "short"), 6) == "short"
    assert one_line(("a long form", "short"), 3) == "sho"


def test_a_control_character_is_refused_with_its_place(tmp_path: Path) -> None:
    text = (
        default_path()
        .read_text(encoding="utf-8")
        .replace("title: Urgent help", "title: Urgent\x1b[2J help", 1)
    )
    path = tmp_path / "warning-signs.yaml"
    path.write_text(text, encoding="utf-8")
    data, problem = read_signs_file(path)
    assert data is None and problem.startswith(f"{path}:")
    line = text[: text.index("\x1b")].count("\n") + 1
    assert f":{line}:" in problem and "\n" not in problem
    with pytest.raises(WarningSignsInvalid):
        load_warning_signs(path)


def test_an_alias_or_a_python_tag_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "warning-signs.yaml"
    path.write_text("a: &x 1\nb: *x\nc: !!python/object:os.system {}\n", encoding="utf-8")
    with pytest.raises(WarningSignsInvalid, match=r"warning-signs.yaml:\d+:\d+:"):
        load_warning_signs(path)


def test_a_player_text_without_a_source_is_refused(tmp_path: Path) -> None:
    text = default_path().read_text(encoding="utf-8")
    start = text.index("  finished:")
    source = text.index("    source:", start)
    end = text.index("\n", source) + 1
    path = tmp_path / "warning-signs.yaml"
    path.write_text(text[:source] + text[end:], encoding="utf-8")
    with pytest.raises(WarningSignsInvalid, match="player.finished.source"):
        load_warning_signs(path)
