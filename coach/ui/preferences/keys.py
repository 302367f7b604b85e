"""Every binding the app has, as plain values, so the user's keymap can be checked
(coach/core/bedside/keymap.py) before Textual's set_keymap applies it. Loaded only when
settings.yaml has a keymap, and after the first frame."""

from __future__ import annotations

import unicodedata
from typing import Any

from textual.binding import Binding
from textual.keys import ASCII_KEY_NAMES, KEY_NAME_REPLACEMENTS
from textual.screen import Screen

from coach.core.bedside.keymap import APP_SCOPE, TEXTUAL, BindingInfo


def normalize(key: str) -> str:
    """A key as Textual stores it: '!' -> 'exclamation_mark', 'P' stays 'P'."""
    key = key.strip()
    if len(key) == 1 and not key.isalnum():
        return key_name(key)
    return key


def key_name(character: str) -> str:
    """A character's key as Textual names it ('!' -> 'exclamation_mark'): its Unicode name, by
    the rule and tables Textual itself uses (tests/unit/test_public_api.py compares them)."""
    if character.isalnum():
        return character
    try:
        key = unicodedata.name(character).lower().replace("-", "_").replace(" ", "_")
    except ValueError:
        key = ASCII_KEY_NAMES.get(character, character)
    return KEY_NAME_REPLACEMENTS.get(key, key)


MODIFIERS = {"ctrl", "shift", "alt", "meta", "super", "hyper"}
NAMED = {"space", "enter", "tab", "backspace", "delete", "insert", "escape", "pageup", "pagedown"}


def known_key(key: str) -> bool:
    """Would Textual ever send this key? 'p', 'J', 'ctrl+j', 'f5', 'left', 'exclamation_mark'."""
    from textual.keys import REPLACED_KEYS, Keys, key_to_character

    *modifiers, base = key.split("+")
    if not base or not set(modifiers) <= MODIFIERS:
        return False
    base = REPLACED_KEYS.get(base, base)  # plus -> plus_sign, as Textual reads it
    return base in NAMED or base in {k.value for k in Keys} or key_to_character(base) is not None


def types_text(key: str) -> bool:
    """Does this key type a character into a text field? 'z', 'Z', 'exclamation_mark', 'space'."""
    from textual.keys import key_to_character

    return "+" not in key and (len(key) == 1 or key_to_character(key) is not None)


def _infos(scope: str, bindings: list[object]) -> list[BindingInfo]:
    infos = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.id:
            keys = tuple(normalize(k) for k in binding.key.split(","))
            infos.append(BindingInfo(scope, binding.id, binding.action, keys, binding.priority))
    return infos


def textual_bindings(app_bindings: list[object]) -> list[BindingInfo]:
    """Textual's own keys that stay live on every screen: ctrl+q quits, ctrl+p opens the command
    palette, tab and shift+tab move the focus. Keys the app binds itself (ctrl+c) are ours."""
    from textual.app import App
    from textual.screen import Screen

    ours = {k for b in app_bindings if isinstance(b, Binding) for k in b.key.split(",")}
    found = [b for b in [*App.BINDINGS, *Screen.BINDINGS] if isinstance(b, Binding)]
    found.append(Binding(App.COMMAND_PALETTE_BINDING, "command_palette"))
    infos = []
    for binding in found:
        keys = tuple(k for k in binding.key.split(",") if k not in ours)
        if keys:
            action = binding.action.rpartition(".")[2]
            infos.append(BindingInfo(APP_SCOPE, f"{TEXTUAL}{action}", action, keys))
    return infos


def all_bindings(app_bindings: list[object]) -> list[BindingInfo]:
    """The app's own bindings (passed in: this module must not import the app) and every
    screen's and dialog's."""
    from coach.ui.builder.screen import BuilderScreen
    from coach.ui.check.screen import CheckScreen, ResultScreen
    from coach.ui.dialogs.builder_choices import ChoiceScreen, NewStepDialog, StartPicker
    from coach.ui.dialogs.confirm import ConfirmScreen
    from coach.ui.dialogs.step_words import StepWordsDialog
    from coach.ui.player.finished import FinishedScreen
    from coach.ui.player.screen import PlayerScreen
    from coach.ui.screens.help import HelpScreen
    from coach.ui.screens.history import HistoryScreen
    from coach.ui.screens.home import HomeScreen
    from coach.ui.screens.urgent import UrgentScreen

    infos = _infos(APP_SCOPE, app_bindings) + textual_bindings(app_bindings)
    screens: tuple[type[Screen[Any]], ...] = (BuilderScreen, CheckScreen, ResultScreen)
    screens += (ConfirmScreen, FinishedScreen)
    screens += (HelpScreen, HistoryScreen, HomeScreen, PlayerScreen, UrgentScreen)
    screens += (ChoiceScreen, NewStepDialog, StartPicker, StepWordsDialog)
    for screen in screens:
        infos += _infos(screen.__name__, list(screen.BINDINGS))
    return infos
