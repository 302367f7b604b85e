"""The warning-sign check after a session: one yes/no question at a time, urgent ones first,
then a result that says the most urgent thing to do. It never diagnoses."""

from __future__ import annotations

from typing import Protocol

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import Footer, Static

from coach.core.guidance.answer_gate import AnswerGate
from coach.core.guidance.check import WarningCheck, result_text
from coach.core.guidance.checklist import load_warning_signs
from coach.core.routines.routine import Routine
from coach.core.session.player_rules import limb
from coach.core.session.summary import summary_lines
from coach.ui.app_services import coach_app
from coach.ui.check.record import keep_progress, note_safety
from coach.ui.navigation import app_ending, go_home
from coach.ui.plain import plain, plain_lines, sentences
from coach.ui.widgets.key_bar import KeyBar
from coach.ui.widgets.wrapped import WrappedStatic

COMPACT_HEIGHT = 20  # as the player: below this many rows, only what must be read stays
CHECK_KEY_DROP_ORDER = ("app.help", "quit", "back", "none_of_group", "leg('')", "leg('both')")


class AnswerRecorder(Protocol):
    """Where the check's answers go: the session's SessionRecorder, or an EntryRecorder for a
    cramp logged afterwards (coach/core/journal/entries.py)."""

    def leg(self, side: str) -> None: ...

    def warnings(self, answers: dict[str, bool], tier: str | None) -> None: ...


class CheckScreen(Screen):
    BINDINGS = [
        Binding("y", "answer(True)", "Yes", id="check-yes"),
        Binding("n", "answer(False)", "No", id="check-no"),
        Binding("a", "none_of_group", "None of these", id="check-none-of-group"),
        Binding("b,left", "back", "Back", id="check-back"),
        Binding("q", "quit", "Quit", id="check-quit"),
        # Asked once, before the questions, when the user did not note the leg during relief.
        Binding("l", "leg('left')", "Left", id="check-leg-left"),
        Binding("r", "leg('right')", "Right", id="check-leg-right"),
        Binding("2", "leg('both')", "Both legs", id="check-leg-both"),
        Binding("s", "leg('')", "Skip", id="check-leg-skip"),
        # Asked after a "yes" to a swollen, red or warm leg (T2): which one goes on record.
        Binding("l", "swollen('left')", "Left", id="check-swollen-left"),
        Binding("r", "swollen('right')", "Right", id="check-swollen-right"),
        Binding("2", "swollen('both')", "Both legs", id="check-swollen-both"),
        Binding("u", "swollen('')", "Not sure", id="check-swollen-unsure"),
    ]

    def __init__(
        self,
        *,
        observed: dict[str, str] | None = None,
        routine: Routine | None = None,
        recorder: AnswerRecorder | None = None,
        ask_leg: bool = False,
        check: WarningCheck | None = None,
        known_no: tuple[str, ...] = (),
        leg: str | None = None,
        swollen: str | None = None,
    ) -> None:
        """`check`: go on with a check already under way (back from its result screen);
        `swollen`: the leg the user said is swollen, red or warm ("" not sure)."""
        super().__init__()
        self.routine = routine
        self.recorder = recorder
        self.asking_leg = ask_leg and check is None
        self.listing_group = False  # showing the rest of a group for "none of these"
        self.resumed = check is not None
        self.leg = leg  # the cramped leg, for the journal
        self.swollen = swollen  # the leg a warning is put on record for (None, "": both)
        self.asking_swollen = False
        self.gate: AnswerGate | None = None  # on the app's clock, made at mount
        self._showing: object = None  # what the gate last saw put up (question id or list)
        self._page: tuple = ()  # the questions listed for "none of these": what `n` answers
        after_relief = routine is None or routine.relief
        self.check = check or WarningCheck(
            load_warning_signs(),
            observed=observed or {},
            after_relief=after_relief,
            known_no=known_no,
            routine_ran=routine is not None,  # a cramp logged afterwards ran no routine
        )

    def compose(self) -> ComposeResult:
        yield Static("Before you go: warning signs", id="title")
        yield Static(id="check-intro")
        yield Static(id="observed")
        yield Static(id="progress")
        # Scrolls (up/down) when a short window cannot show a whole page of the list at once.
        with VerticalScroll(id="question-box"):
            yield WrappedStatic(id="question")
        yield Static("y  yes     n  no     b  back", classes="keys")
        yield Static(plain_lines(self.check.checklist.disclaimer), id="check-note")
        # The key bar that fits the width: on 40 columns quit and help give way, never urgent
        # help or the answers (Textual's Footer cut "! Urgent help" there).
        yield KeyBar(CHECK_KEY_DROP_ORDER)

    def on_mount(self) -> None:
        self.gate = AnswerGate(coach_app(self).clock)
        self._apply_size(self.app.size.height)
        self.query_one("#question-box").focus()  # up/down scroll a list too long for the window
        self.check.emergency_number = coach_app(self).emergency_number
        self.check.advice_line = coach_app(self).call_advice.advice_line
        if not self.resumed:
            self._add_journal_facts()
        self.query_one("#check-intro", Static).update(plain_lines(self.check.intro))
        facts = self.check.observed_findings
        observed = self.query_one("#observed", Static)
        observed.display = bool(facts)
        if facts:
            lines = ["What your journal already shows:"] + [f"- {f.text}" for f in facts]
            observed.update(sentences("\n".join(lines)))
        self._show()

    def on_resize(self, event: Resize) -> None:
        # A resize queued before a closed terminal can arrive as Textual takes the widgets down.
        if not app_ending(self.app):
            self._apply_size(event.size.height)

    def _apply_size(self, height: int) -> None:
        # A short terminal keeps the facts and the question; the intro and notes give way.
        compact = height < COMPACT_HEIGHT
        changed = compact != self.has_class("compact")
        self.set_class(compact, "compact")
        self.refresh_bindings()
        if changed and self.gate is not None and not self.check.done:
            self._show()  # the keys' line in its long or short form

    def _add_journal_facts(self) -> None:
        """What the journal already shows (cramps several times a week...) is not asked again."""
        from coach.core.guidance.observations import observed_facts

        facts = observed_facts(coach_app(self).journal)
        if facts:
            observed = {**self.check.observed, **facts}
            self.check = WarningCheck(
                self.check.checklist,
                observed=observed,
                emergency_number=self.check.emergency_number,
                after_relief=self.check.after_relief,
                known_no=self.check.known_no,
                routine_ran=self.check.routine_ran,
                advice_line=self.check.advice_line,
            )

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "leg":
            return self.asking_leg
        if action == "swollen":
            return self.asking_swollen
        if action == "none_of_group":
            # Listed a page at a time (what fits): on a short terminal too, where the legend and
            # the key bar stay in view.
            return not (self.asking_leg or self.listing_group)
        if action == "answer":
            return not (self.asking_leg or self.asking_swollen)
        if action == "back":
            return not self.asking_leg
        return True

    def action_leg(self, side: str) -> None:
        self.asking_leg = False
        self.leg = side or self.leg
        if side and self.recorder is not None:
            self.recorder.leg(side)
        self.refresh_bindings()
        self._show()

    def action_swollen(self, side: str) -> None:
        self.asking_swollen = False
        self.swollen = side  # "": not sure, which the record counts as both legs
        self.refresh_bindings()
        self._show()

    def _show(self) -> None:
        if self.is_mounted:
            self.query_one(KeyBar).refresh_keys()  # the keys on offer follow what is asked
        if not self.check.done:  # home offers the rest if the app is lost now
            keep_progress(self.app, self.recorder, self.check, self.leg, self.swollen)
        if self.asking_swollen:
            self.query_one("#progress", Static).update("About that leg")
            # set_text: kept if the box mounts after this (a check put back at this question)
            self.query_one("#question", WrappedStatic).set_text(
                "Which leg is swollen, red or warm?"
            )
            keys = "l  left     r  right     2  both     u  not sure     b  back"
            self.query_one(".keys", Static).update(keys)
            self._put_up("swollen")
            return
        if self.asking_leg:
            self.query_one("#progress", Static).update("First, for your journal")
            which = limb(self.routine.id) if self.routine is not None else "leg"
            both = "both feet" if which == "foot" else "both legs"
            self.query_one("#question", WrappedStatic).set_text(f"Which {which} cramped?")
            keys = f"l  left     r  right     2  {both}     s  skip"
            if self.has_class("compact"):
                keys = f"l left  r right  2 {both.split()[0]}  s skip"
            self.query_one(".keys", Static).update(keys)
            return
        if self.check.done:
            result = self.check.result()
            if self.recorder is not None:
                self.recorder.warnings(dict(self.check.answers), result.tier)
            keep_progress(self.app, self.recorder, self.check, None, None, finished=True)
            recorded = note_safety(self.app, self.check, self.swollen)
            self.app.switch_screen(
                ResultScreen(
                    self.check, self.routine, self.recorder, self.leg, recorded, self.swollen
                )
            )
            return
        number, total = self.check.position
        progress = plain(f"Question {number} of {total}  ·  {self.check.group}")
        if self.listing_group:
            # Each question with all it covers, as many as fit: `n` answers only what was read.
            self._page = self.check.list_page(*self._list_room())
            more = len(self.check.rest_of_group) - len(self._page)
            if more:
                progress += f"  ·  {more} more after these"
            self.query_one("#progress", Static).update(progress)
            self.query_one("#question", WrappedStatic).set_text(self.check.list_text(self._page))
            self.query_one(".keys", Static).update(
                "n none of these  y one does"
                if self.has_class("compact")
                else "n  none of these     y  one does: ask me one by one     b  back"
            )
            self.add_class("listing")
            self._put_up(("list", self._page))
            return
        self.remove_class("listing")
        self._put_up(self.check.current)
        self.query_one("#progress", Static).update(progress)
        self.query_one("#question", WrappedStatic).set_text(self.check.question_text())
        # (hidden below COMPACT_HEIGHT rows, where the footer alone shows the keys)
        self.query_one(".keys", Static).update(
            "y yes  n no  a none of group  b back"
            if self.has_class("compact")
            else "y  yes     n  no     a  none of this group     b  back"
        )

    def _list_room(self) -> tuple[int, int]:
        """(columns, rows) for the list: the screen less its title, facts, progress line, keys
        and footer (the intro and notes give way while listing)."""
        from coach.core.wrap import wrap_text

        width, height = self.app.size
        facts = [f"- {f.text}" for f in self.check.observed_findings]
        rows = len(wrap_text("\n".join(["", *facts]), width - 4).splitlines()) if facts else 0
        return width - 4, height - 9 - rows

    def _put_up(self, what: object) -> None:
        """A new question or list is on screen: the read time starts, typeahead is dropped."""
        if what != self._showing and self.gate is not None:
            self.query_one("#question-box", VerticalScroll).scroll_home(animate=False)
            self._showing = what
            self.gate.shown()

    def action_answer(self, yes: bool) -> None:
        if self.gate is not None and not self.gate.accept():
            return  # on screen too briefly to have been read: a held or typed-ahead key
        if self.listing_group and not yes and self._list_hidden_below():
            # A short window shows part of the list: "none of these" needs all of it read, so
            # n first shows the rest (and its read time starts again).
            self.query_one("#question-box", VerticalScroll).scroll_page_down(animate=False)
            if self.gate is not None:
                self.gate.shown()
            return
        if self.listing_group:
            # "n": none of the listed questions applies; "y": one does, so ask them one by one.
            self.listing_group = False
            self.refresh_bindings()
            if not yes:
                tier = self.check.current.tier if self.check.current else None
                self.check.answer_rest_of_group_no(len(self._page) or None)
                self._save_answers()
                after = self.check.current
                # More of the same group than fitted: list the next of them.
                self.listing_group = after is not None and after.tier == tier
                self.refresh_bindings()
            self._show()
            return
        question = self.check.current
        self.check.answer(yes)
        self._save_answers()
        if (
            yes and question is not None and "stretch" in question.avoid
        ):  # T2: ask which leg, not assume the cramped one
            self.asking_swollen = True
            self.refresh_bindings()
        self._show()

    def _list_hidden_below(self) -> bool:
        box = self.query_one("#question-box", VerticalScroll)
        return box.scroll_y < box.max_scroll_y

    def _save_answers(self) -> None:
        if self.recorder is not None:  # each answer at once: q or a crash must not lose them
            self.recorder.warnings(dict(self.check.answers), None)

    def action_none_of_group(self) -> None:
        # The rest of the group is listed first: a "no" to questions never read is no answer.
        self.listing_group = True
        self.refresh_bindings()
        self._show()

    def action_back(self) -> None:
        if self.asking_swollen:  # back to the question the "yes" answered
            self.asking_swollen = False
            self.refresh_bindings()
            self.check.back()
        elif self.listing_group:
            self.listing_group = False
            self.refresh_bindings()
        else:
            self.check.back()
        self._show()

    def action_quit(self) -> None:
        keep_progress(self.app, self.recorder, self.check, None, None, finished=True)  # declined
        coach_app(self).finish("completed")


class ResultScreen(Screen):
    BINDINGS = [
        Binding("h", "home", "Home", id="result-home"),
        Binding("b,left", "back", "Change answers", id="result-back"),
        Binding("q,enter", "quit", "Quit", id="result-quit"),
    ]

    def __init__(
        self,
        check: WarningCheck,
        routine: Routine | None = None,
        recorder: AnswerRecorder | None = None,
        leg: str | None = None,
        recorded: str = "",
        swollen: str | None = None,
    ) -> None:
        """`recorded`: a line on what the answers put on the safety record ("" for none)."""
        super().__init__()
        self.check = check
        self.routine = routine
        self.recorder = recorder
        self.leg = leg
        self.recorded = recorded
        self.swollen = swollen  # the leg said to be swollen, for "change answers"

    def compose(self) -> ComposeResult:
        result = self.check.result()
        yield Static("Warning-sign check: what to do", id="title")
        with VerticalScroll(id="result-box"):
            yield WrappedStatic(result_text(result), id="result-text")
            if self.recorded:
                yield Static(sentences(self.recorded), id="result-recorded")
            summary = getattr(self.recorder, "summary", None)  # the session just ended
            if summary is not None:
                yield Static(plain_lines("\n".join(summary_lines(summary))), id="summary")
        yield Footer()

    def action_home(self) -> None:
        go_home(self.app)

    def action_back(self) -> None:
        """Back to the last answer given, to change it; the journal gets the new result."""
        if self.check.back():
            screen = CheckScreen(
                routine=self.routine,
                recorder=self.recorder,
                check=self.check,
                leg=self.leg,
                swollen=self.swollen,
            )
            self.app.switch_screen(screen)

    def on_mount(self) -> None:
        result = self.check.result()
        if result.tier in ("emergency", "today"):
            self.add_class("urgent")

    def action_quit(self) -> None:
        coach_app(self).finish("completed")
