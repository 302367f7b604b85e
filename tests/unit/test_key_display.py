"""coach/ui/key_display.py shows every plain key as Textual would, without its Unicode look-up."""

from __future__ import annotations

import string
import subprocess
import sys

import pytest
from textual import keys
from textual.binding import Binding

from coach.ui.key_display import PUNCTUATION, plain_key_display


@pytest.mark.parametrize("key", sorted(PUNCTUATION) + list(string.ascii_letters + string.digits))
def test_shown_as_textual_shows_it(key: str) -> None:
    assert plain_key_display(key) == keys.format_key(key)


@pytest.mark.parametrize("character", string.punctuation)
def test_every_ascii_punctuation_key_is_known(character: str) -> None:
    assert plain_key_display(keys._character_to_key(character)) == character


@pytest.mark.parametrize("key", ["ctrl+c", "shift+tab", "escape", "left", "space", "f5", "é"])
def test_other_keys_are_left_to_textual(key: str) -> None:
    assert plain_key_display(key) is None


def test_the_app_shows_plain_keys_without_looking_up_unicode_names() -> None:
    """In a clean interpreter: the app's display of the player's keys, and what it touched."""
    code = (
        "import sys, unicodedata\n"
        "calls = []\n"
        "real = unicodedata.lookup\n"
        "unicodedata.lookup = lambda name: calls.append(name) or real(name)\n"
        "from textual.binding import Binding\n"
        "from coach.ui.app import CoachApp\n"
        "app = CoachApp()\n"
        "shown = [app.get_key_display(Binding(k, '')) for k in ('y', 'plus', 'question_mark')]\n"
        "print(shown, calls)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[0] == "['y', '+', '?'] []"


def test_a_key_display_given_by_the_binding_still_wins() -> None:
    from coach.ui.app import CoachApp

    assert CoachApp().get_key_display(Binding("plus", "", key_display="more")) == "more"


def test_enter_is_the_word_unless_the_binding_names_it() -> None:
    from coach.ui.app import CoachApp

    app = CoachApp()
    assert app.get_key_display(Binding("enter", "")) == "Enter"
    assert app.get_key_display(Binding("enter", "", key_display="↵")) == "↵"
    assert app.get_key_display(Binding("ctrl+p", "")) == "^p"  # modifiers: still Textual's
