"""Keys and where things live, in a few plain lines."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from coach.core.safe_text import printable
from coach.ui.preferences.key_words import keys_in_force, keys_of
from coach.ui.widgets.wrapped import WrappedStatic

# The key column is filled from the keys in force: after `next: j` in settings.yaml the help
# says "j or →", never a key that no longer works.
HELP = """\
[b]Keys during a routine[/b]
{pause}pause, and go on again
{next}next part
{back}back (or restart this part)
{extend}fifteen seconds more
{skip}skip an optional step (heat, ice)
{alternative}the other stretch a step offers (e.g. seated), for the rest of the routine
{yes_no}answer "has it let go?" (no stretches again)
{done}done with counted reps or a note; start a timer that waits (heat, ice)
{legs}note which leg cramped
{mute}sound on / off
{voice}voice on / off
{quit}stop (asks first)
{urgent}urgent help, from anywhere

[b]The warning-sign check[/b]
{check_yes_no}answer the question
{check_back}back to the last answer
{check_none}list the rest of this group: no if none of them applies
{result_back}on the result: go back and change an answer

[b]Your routines[/b]
  Routines are YAML files you can edit. Yours live in
    {folder}
  coach list shows every file, and coach validate checks them.

This is general self-care information, not medical advice.
"""

KEY_COLUMN = 8


def key_column(*words: str, joiner: str = " / ") -> str:
    shown = joiner.join(words)
    return f"  {shown:<{KEY_COLUMN - 1}} "


def help_fields(app: App) -> dict[str, str]:
    """The key column of HELP, in the keys in force (markup-escaped: a key can be "[")."""
    from coach.ui.check.screen import CheckScreen, ResultScreen
    from coach.ui.player.screen import PlayerScreen

    bindings = [*PlayerScreen.BINDINGS, *CheckScreen.BINDINGS, *ResultScreen.BINDINGS]
    bindings += type(app).BINDINGS

    def k(binding_id: str) -> str:
        return escape(keys_of(app, binding_id, bindings))

    ids = ("pause", "back", "extend", "skip", "alternative", "done", "mute", "voice", "quit")
    fields = {name: key_column(k(name)) for name in ids}
    fields["urgent"] = key_column(k("urgent"))
    fields["next"] = key_column(k("next"), k("next-arrow"), joiner=" or ")
    fields["yes_no"] = key_column(k("yes"), k("no"))
    fields["legs"] = key_column(k("leg-left"), k("leg-right"))
    fields["check_yes_no"] = key_column(k("check-yes"), k("check-no"))
    fields["check_back"] = key_column(k("check-back"))
    fields["check_none"] = key_column(k("check-none-of-group"))
    fields["result_back"] = key_column(k("result-back"))
    return fields


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Back", id="help-close")]

    def compose(self) -> ComposeResult:
        from coach.core.paths import user_routines_dir

        folder = escape(printable(str(user_routines_dir())))  # a path is data, never markup
        with VerticalScroll(id="help-box"):
            text = HELP.format(folder=folder, **help_fields(self.app))
            yield WrappedStatic(text, markup=True, id="help-text")
            yield Static(keys_in_force(self.app), id="help-keys")  # t, Ctrl+P, your keymap
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
