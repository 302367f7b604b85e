"""settings.yaml's bedside keys: remind_at, theme, night and keymap (each key located)."""

from __future__ import annotations

from pathlib import Path

from coach.core.settings import load_settings, settings_path


def write(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults() -> None:
    settings = load_settings()
    assert (settings.remind_at, settings.theme, settings.night) == ("21:00", "auto", "21:00-07:00")
    assert settings.keymap == ()


def test_values_from_the_file_even_an_unquoted_time() -> None:
    # YAML 1.1 reads an unquoted 22:30 as the number 1350: the text as written is what counts.
    write("remind_at: 22:30\ntheme: night\nnight: 20:30-06:00\n")
    settings = load_settings()
    assert (settings.remind_at, settings.theme, settings.night) == ("22:30", "night", "20:30-06:00")
    assert settings.problems == ()


def test_a_keymap_keeps_where_each_key_was_written() -> None:
    path = write("sound: bell\nkeymap:\n  pause: p\n  next: J\n")
    entries = load_settings().keymap
    assert [(e.binding_id, e.keys, e.line, e.column) for e in entries] == [
        ("pause", "p", 3, 10),
        ("next", "J", 4, 9),
    ]
    assert entries[0].path == str(path)


def test_bad_values_are_located_and_the_defaults_kept() -> None:
    path = write('theme: dusk\nremind_at: "late"\nkeymap:\n  pause: "p q"\n  next: [j]\n')
    settings = load_settings()
    assert settings.theme == "auto" and settings.remind_at == "21:00"
    assert settings.keymap == ()
    lines = settings.problems
    assert any(line.startswith(f"{path}:1:8: theme: expected night, day or auto") for line in lines)
    assert any(line.startswith(f"{path}:2:12: remind_at:") for line in lines)
    assert any(line.startswith(f"{path}:4:10: keymap.pause: expected a key") for line in lines)
    assert any(line.startswith(f"{path}:5:9: keymap.next: expected a key") for line in lines)


def test_a_keymap_that_is_not_a_mapping() -> None:
    write("keymap: p\n")
    settings = load_settings()
    assert settings.keymap == () and "keymap: expected a mapping" in (settings.problem or "")
