"""Keys and where things live, in a few plain lines."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.markup import escape
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from coach.core.safe_text import printable
from coach.ui.preferences.key_words import keys_in_force
from coach.ui.widgets.wrapped import WrappedStatic

HELP = """\
[b]Keys during a routine[/b]
  space   pause, and go on again
  n or →  next part
  b or ←  back (or restart this part)
  +       fifteen seconds more
  s       skip an optional step (heat, ice)
  a       the other stretch a step offers (e.g. seated), for the rest of the routine
  y / n   answer "has it let go?" (n stretches again)
  Enter   done with counted reps or a note; start a timer that waits (heat, ice)
  l / r   note which leg cramped
  m       sound on / off          v        voice on / off
  q       stop (asks first)
  !       urgent help, from anywhere

[b]The warning-sign check[/b]
  y / n   answer the question
  b or ←  back to the last answer
  a       list the rest of this group: n if none of them applies
  b       on the result: go back and change an answer

[b]Your routines[/b]
  Routines are YAML files you can edit. Yours live in
    {folder}
  `coach list` shows every file, `coach validate` checks them.

This is general self-care information, not medical advice.
"""


class HelpScreen(ModalScreen[None]):
    BINDINGS = [Binding("escape,q,question_mark", "close", "Back", id="help-close")]

    def compose(self) -> ComposeResult:
        from coach.core.paths import user_routines_dir

        folder = escape(printable(str(user_routines_dir())))  # a path is data, never markup
        with VerticalScroll(id="help-box"):
            yield WrappedStatic(HELP.format(folder=folder), markup=True, id="help-text")
            yield Static(keys_in_force(self.app), id="help-keys")  # t, Ctrl+P, your keymap
        yield Footer()

    def action_close(self) -> None:
        self.dismiss(None)
