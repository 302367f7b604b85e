"""Home: "I'm cramping now" has the focus, so Enter starts relief; the routines are below."""

from __future__ import annotations

import os
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Button, OptionList, Static
from textual.widgets.option_list import Option

from coach.core.routines.routine import Routine
from coach.core.safe_text import printable
from coach.ui.app_services import coach_app, wall_time
from coach.ui.navigation import app_ending
from coach.ui.plain import plain, plain_lines, styled
from coach.ui.widgets.check_offer import CheckOffer
from coach.ui.widgets.home_offer import HomeOffer
from coach.ui.widgets.key_bar import KeyBar
from coach.ui.widgets.resume_offer import ResumeOffer

if TYPE_CHECKING:
    from coach.core.guidance.check_progress import UnfinishedCheck
    from coach.core.session.resume import Resumable

DISCLAIMER = "General self-care information, not medical advice."
# The key bar's keys, least needed first, dropped in this order when the window is too narrow for
# them all. With the default keys all six fit at 80 columns (77 of the 78 inside the screen's
# padding: hence "Build routine" and "Log past cramp"). Never dropped: `? Help` and `! Urgent
# help`; relief needs no key of its own: the focused "I'm cramping now" starts it on Enter.
KEY_DROP_ORDER = ("build", "app.log", "history", "app.quit")
# Narrower than that, every key still shows: these shorter labels, on two rows at 40 columns.
KEY_SHORT_LABELS = {"build": "Build", "app.log": "Log"}
COMPACT_HEIGHT = 20  # as the player: below this many rows the buttons lose their frames
# A reloaded page: the old tab's coach may still be saving its session as the new one opens
# (coach serve gives it 2.5 s, then kills it), so home looks again, for 5 s.
SAVING_LOOKS, SAVING_WAIT = 10, 0.5  # looks again, seconds apart


class HomeScreen(Screen):
    BINDINGS = [
        Binding("h", "history", "History", id="home-history"),
        Binding("b", "build", "Build routine", id="home-build"),
        Binding("L", "app.log", "Log past cramp", id="home-log"),
        Binding("q", "app.quit", "Quit", id="home-quit"),
        # Shown only while a session cut short may be picked up (ResumeOffer), or a warning-sign
        # check left unfinished may be finished (CheckOffer): never both.
        Binding("r", "resume", "Pick up", id="home-resume"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.routines: dict[str, Routine] = {}
        self.broken: list = []

    def compose(self) -> ComposeResult:
        yield Static("Cramp Coach", id="title")
        yield ResumeOffer()
        yield CheckOffer()
        yield Static(id="journal-line")
        with Horizontal(id="relief-buttons"):
            yield Button("I'm cramping now", id="cramp-now", variant="error")
            yield Button("Foot or toe cramp", id="cramp-foot")
        yield Static("Routines", classes="section")
        with Vertical(id="routine-box"):
            yield OptionList(id="routines")
            yield Static(id="ask-first")  # the lit routine's `ask_first:`, under the list
        yield Static(id="broken")
        yield Static(id="disclaimer")  # filled by _apply_size
        yield KeyBar(KEY_DROP_ORDER, rows=2, short_labels=KEY_SHORT_LABELS, id="keys")

    def on_resize(self, event: Resize) -> None:
        # A resize queued before a closed terminal can arrive as Textual takes the widgets down.
        if not app_ending(self.app):
            self._apply_size(event.size.height)

    def _apply_size(self, height: int) -> None:
        compact = height < COMPACT_HEIGHT
        self.set_class(compact, "compact")
        # The key bar names ! already: a short window keeps the disclaimer to its own words.
        # The urgent line is a link too: a tap opens urgent help, as ! does.
        urgent = Content.from_markup("[@click=app.urgent]Press ! for urgent signs.[/]")
        disclaimer = DISCLAIMER if compact else Content.assemble(DISCLAIMER + "  ", urgent)
        self.query_one("#disclaimer", Static).update(disclaimer)

    def on_mount(self) -> None:
        if app_ending(self.app):
            return
        self._apply_size(self.app.size.height)
        self.query_one("#cramp-now", Button).focus()
        self._folder_stamp = _folder_stamp()
        self._load()
        self.call_after_refresh(self._show_journal_line)
        self.call_after_refresh(self._look_for_resumable)

    def _show_journal_line(self) -> None:
        """One line from the journal, after the first frame and on a thread (the streak of a
        long journal takes a while): Enter must work at once."""
        if app_ending(self.app):  # a closed terminal: the widgets are going
            return
        shown = self.query_one("#journal-line", Static)
        self.run_worker(partial(self._read_journal_line, shown), thread=True, exit_on_error=False)

    def _read_journal_line(self, shown: Static) -> None:
        from coach.core.journal.history_view import journal_line
        from coach.core.trial.report import home_line

        lines = [journal_line(coach_app(self).journal), home_line(coach_app(self).journal)]
        text = plain_lines("\n".join(line for line in lines if line))
        try:
            self.app.call_from_thread(shown.update, text)
        except RuntimeError:  # the app closed meanwhile
            pass

    # --- a session cut short, to pick up (core/session/resume.py) ------------------------------
    def _look_for_resumable(self, looks: int = 0) -> None:
        """On the journal's terms, off the loop: Enter must start relief at once meanwhile."""
        if not app_ending(self.app):
            work = partial(self._read_resumable, looks)
            self.run_worker(work, thread=True, exit_on_error=False)

    def _read_resumable(self, looks: int) -> None:
        from coach.core.guidance.check_progress import find_unfinished_check
        from coach.core.session.resume import find_resumable, still_saving

        app = coach_app(self)
        wall_now = datetime.fromtimestamp(wall_time(self)).astimezone()
        found = find_resumable(app.journal, wall_now)
        again = found is None and looks < SAVING_LOOKS and still_saving(app.journal, os.getpid())
        # A session to pick up comes first: its check follows it anyway.
        check = None if found or again else find_unfinished_check(app.journal, wall_now)
        try:
            if found is not None:
                self.app.call_from_thread(self._offer, found)
            elif check is not None:
                self.app.call_from_thread(self._offer_check, check)
            elif again:
                # A coach killed before it saved leaves its row running: closed as interrupted
                # once its process is gone (the journal's own rule), on the writer thread.
                app.journal.later(app.journal.close_interrupted)
                look = partial(self._look_for_resumable, looks + 1)
                self.app.call_from_thread(self.set_timer, SAVING_WAIT, look)
        except RuntimeError:  # the app closed meanwhile
            pass

    def _offer(self, found: Resumable) -> None:
        # Not current: a session started meanwhile (looked at again on coming back).
        if not self.is_current or app_ending(self.app):
            return
        routine = self.routines.get(found.record.routine_id)
        if routine is not None and self.query_one(ResumeOffer).offer(found, routine):
            self._offer_changed()

    def _offer_check(self, found: UnfinishedCheck) -> None:
        if app_ending(self.app) or not self.is_current:
            return
        if self.query_one(ResumeOffer).resumable is None:  # one offer only
            if self.query_one(CheckOffer).offer(found):
                self._offer_changed()

    def on_home_offer_lapsed(self, _: HomeOffer.Lapsed) -> None:
        self._offer_changed()

    def _offer_changed(self) -> None:
        self.refresh_bindings()
        self.query_one(KeyBar).refresh_keys()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "resume":
            offers, checks = self.query(ResumeOffer), self.query(CheckOffer)
            checking = bool(checks) and checks.first().unfinished is not None
            return checking or (bool(offers) and offers.first().resumable is not None)
        return True

    def action_resume(self) -> None:
        """Pick up the session cut short, its journal row carried on (one cramp, not two); or
        finish the warning-sign check left unfinished, on the same row."""
        unfinished = self.query_one(CheckOffer).unfinished
        if unfinished is not None:
            from coach.ui.check.finish import finish_check_screen

            self.query_one(CheckOffer).withdraw()
            self._offer_changed()
            routine = self.routines.get(unfinished.record.routine_id)
            self.app.push_screen(finish_check_screen(self.app, unfinished, routine))
            return
        offer = self.query_one(ResumeOffer)
        resumable, routine = offer.resumable, offer.routine
        standing = offer.still_on()
        offer.withdraw()
        self._offer_changed()
        if not standing or resumable is None or routine is None:
            self.notify("That session stopped too long ago to pick up.", timeout=4)
            return
        from coach.ui.player.screen import PlayerScreen

        self.app.push_screen(PlayerScreen(routine, resume=resumable))

    def _load(self) -> None:
        from coach.core.routines.catalog import load_catalog
        from coach.core.routines.timeline import build_timeline, length_text

        catalog = load_catalog()
        self.routines = catalog.routines
        options = []
        for routine in sorted(self.routines.values(), key=lambda r: (r.relief, r.id)):
            minutes = length_text(build_timeline(routine))
            label = Content.assemble(
                plain(routine.name), "  ", styled(f"{routine.kind} · {minutes}", "italic")
            )
            options.append(Option(label, id=routine.id))
        routine_list = self.query_one("#routines", OptionList)
        routine_list.add_options(options)
        if options:  # Tab onto the list lights the first routine, so Enter starts it
            routine_list.highlighted = 0
        if catalog.broken:
            lines = [f" ({len(catalog.broken)} problem(s)):"]
            lines += [f"  {printable(str(error))}" for error in catalog.broken[:3]]
            broken = Content.assemble(("Not loaded", "bold"), "\n".join(lines))
            self.query_one("#broken", Static).update(broken)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id in ("resume-offer", "check-offer"):
            self.action_resume()
            return
        routine = self.routines.get(event.button.id or "")
        if routine is not None:
            self._start(routine)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Who should ask a clinician before starting the lit routine, beside it."""
        routine = self.routines.get(event.option.id or "")
        note = self.query_one("#ask-first", Static)
        note.display = bool(routine and routine.ask_first)
        note.update(plain_lines(routine.ask_first) if routine else "")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        routine = self.routines.get(event.option.id or "")
        if routine is not None:
            self._start(routine)

    def action_build(self) -> None:
        from coach.ui.builder.screen import BuilderScreen

        self.app.push_screen(BuilderScreen(routines=self.routines))  # back: on_screen_resume

    def on_screen_resume(self) -> None:
        """Back on home: a routine saved meanwhile (`coach build` opens the builder over home,
        another window may save one) shows without a restart. A save renames a file into the
        folder, which changes the folder's modification time: one stat, no YAML read."""
        if app_ending(self.app):
            return
        self.query_one(KeyBar).refresh_keys()  # a keymap applied while another screen was up
        # Home always comes back ready for a cramp: Enter starts relief, not the routine last
        # picked from the list (or foot relief) before a stop.
        self.query_one("#cramp-now", Button).focus()
        stamp = _folder_stamp()
        if stamp != getattr(self, "_folder_stamp", stamp):
            self._folder_stamp = stamp
            self._reload()
        # What may be picked up now: a session started from here since is the newest one.
        self.query_one(ResumeOffer).withdraw()
        self.query_one(CheckOffer).withdraw()
        self._offer_changed()
        self._look_for_resumable()

    def _reload(self) -> None:
        self._folder_stamp = _folder_stamp()
        self.query_one("#routines", OptionList).clear_options()
        self.query_one("#broken", Static).update("")
        self._load()

    def action_history(self) -> None:
        from coach.ui.screens.history import HistoryScreen

        self.app.push_screen(HistoryScreen())

    def _start(self, routine: Routine) -> None:
        from coach.ui.player.screen import PlayerScreen

        if self.query_one(ResumeOffer).resumable is not None:  # declined: it stays interrupted
            self.query_one(ResumeOffer).withdraw()
            self._offer_changed()
        if self.query_one(CheckOffer).unfinished is not None:  # a new session: its own check
            self.query_one(CheckOffer).withdraw()
            self._offer_changed()

        self.app.push_screen(PlayerScreen(routine))


def _folder_stamp() -> int | None:
    from coach.core.paths import user_routines_dir

    try:
        return user_routines_dir().stat().st_mtime_ns
    except OSError:
        return None  # no folder yet: the first save creates it (and changes the stamp)
