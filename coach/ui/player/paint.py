"""What the player screen shows: its widgets, and a PlayerView (core/session/player_view.py) put
into them. The screen (coach/ui/player/screen.py) drives the session and the keys; this only
paints, and touches a widget only when what it shows has changed.
"""

from __future__ import annotations

from dataclasses import replace

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widget import Widget

from coach.core.guidance.player_lines import PlayerLines, load_player_lines, one_line
from coach.core.routines.timeline import Segment, SegmentKind
from coach.core.safe_text import printable, printable_lines
from coach.core.session.player_rules import GATED_ACTIONS, key_available
from coach.core.session.player_view import PlayerView
from coach.ui.plain import PlainStatic as Static  # words from the routine file: never markup
from coach.ui.player.fit import SCREEN_PADDING, choose_fit, is_roomy, text_rows
from coach.ui.terminal.glyphs import draws_box_glyphs
from coach.ui.widgets.big_clock import BigClock
from coach.ui.widgets.key_bar import KeyBar
from coach.ui.widgets.let_go_answers import LetGoAnswers, answer_height
from coach.ui.widgets.line_progress import LineProgress


class PlayerPainter:
    def __init__(self, screen: Screen) -> None:
        self.screen = screen
        self.shown: PlayerView | None = None
        self.overtime_noted = False  # the 10-minute line has been put up (it stays said)
        self._offered: tuple[bool, ...] | None = None  # key_available() of GATED_ACTIONS
        self._texts: dict[str, str] = {}  # what each Static shows now
        self._answer_rows = 0  # rows of the "has it let go?" answers, 0 when not asked
        self._fitted: tuple[object, ...] | None = None  # what the last fit was worked out for
        self._drawn_for: tuple[object, ...] | None = None  # segment, leg hint, window size
        # The safety and 10-minute lines (warning-signs.yaml, compiled to JSON: no YAML here).
        self.lines: PlayerLines = load_player_lines()

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        yield Static(id="instructions")
        yield Static(id="phase")
        yield BigClock(id="clock")
        yield Static(id="where")
        yield Static(id="prompt")
        yield LetGoAnswers(id="let-go")
        yield Static(id="caution")
        yield LineProgress(id="step-progress", show_percentage=False)
        yield LineProgress(id="routine-progress")
        yield Static(id="next-up")
        yield Static(id="overtime")
        yield Static(self._one_line(self.lines.safety), id="safety")
        yield KeyBar(id="keys")

    def draw(self, view: PlayerView, segment: Segment | None, leg_hint: str) -> None:
        """Show `view`; `segment` decides which keys are on offer, `leg_hint` joins the side."""
        screen = self.screen
        old = self.shown
        # The compact class is part of it: a draw can land between the app's new size and the
        # screen's resize handler setting the class, and must not make the next one time-only.
        drawn_for = (segment, leg_hint, screen.app.size, screen.has_class("compact"))
        if old is not None and drawn_for == self._drawn_for and self._only_time_moved(old, view):
            self._draw_time(old, view)
            return
        self._drawn_for = drawn_for
        self.shown = view
        # Too short for the 3-row digits, or a terminal that cannot draw their box glyphs (a
        # Latin-1 locale): the countdown goes on the phase line as plain text instead.
        plain = not draws_box_glyphs()
        screen.set_class(plain, "plain-glyphs")
        compact = screen.has_class("compact") or plain
        # "Has it let go?": two answers to tap under it where the window has the rows; the fit
        # below counts them with the prompt's.
        asking = segment is not None and segment.kind is SegmentKind.RELEASED_QUESTION
        answer_rows = answer_height(screen.app.size.height) if asking else 0
        screen.query_one(LetGoAnswers).set_rows(answer_rows)
        # The key bar is rebuilt only when the keys on offer change: rebuilding it at every
        # hold/rest change cost tens of milliseconds right at the moment that must be on time.
        offered = tuple(key_available(action, segment, view.paused) for action in GATED_ACTIONS)
        if offered != self._offered:
            self._offered = offered
            screen.query_one(KeyBar).refresh_keys()
        texts = {
            "#title": printable(view.title),
            "#instructions": printable_lines(view.instructions),
            "#phase": self._phase_line(view, compact),
            "#where": "   ·   ".join(part for part in (view.where, leg_hint) if part),
            "#prompt": printable_lines(view.prompt),
            "#caution": printable_lines(view.caution),
            "#next-up": printable(view.next_up),
            "#safety": self._one_line(self.lines.safety),
        }
        if screen.has_class("compact"):
            texts["#caution"] = self._compact_caution(texts, view.can_skip)
        for selector, text in texts.items():
            # Static.update() always asks for a new layout, and a new layout repaints the whole
            # screen: once a second that doubled what an idle countdown cost. Same text, no call.
            if self._texts.get(selector) != text:
                self._texts[selector] = text
                screen.query_one(selector, Static).update(text)
        self._answer_rows = answer_rows
        self._fit(
            texts,
            has_clock=bool(view.clock) and not compact,
            overtime=view.overtime,
            bar_count=1 if view.routine_progress is None else 2,
        )
        # What moves each second (the digits, a bar) asks for a repaint of itself alone.
        moved: list[Widget] = []
        clock = screen.query_one("#clock", BigClock)
        if (old is None or old.clock != view.clock) and clock.show(view.clock):
            moved.append(clock)
        screen.query_one("#clock").display = bool(view.clock) and not compact
        screen.query_one("#caution").display = bool(texts["#caution"])
        self._progress("#step-progress", view.step_progress, moved)
        has_bar = view.routine_progress is not None
        screen.query_one("#routine-progress").display = has_bar
        if view.routine_progress is not None:
            self._progress("#routine-progress", view.routine_progress, moved)
        screen.set_class(view.paused, "paused")
        if view.overtime and not self.overtime_noted:
            self.overtime_noted = True
            screen.query_one("#overtime", Static).update(self._one_line(self.lines.overtime))
        # Shown while the cramp has not let go; once it has, the line has done its job.
        screen.set_class(view.overtime, "overtime")
        _repaint(moved)

    @staticmethod
    def _phase_line(view: PlayerView, compact: bool) -> str:
        """A short window hides the "where" line: the side (the instruction says "this leg")
        and the countdown join the phase line there."""
        if not compact:
            return view.phase
        side = view.side if view.side and view.side.lower() not in view.phase.lower() else ""
        phase = f"{view.phase}  ·  {side}" if side else view.phase
        return f"{phase}   {view.clock}" if view.clock else phase

    def _only_time_moved(self, old: PlayerView, view: PlayerView) -> bool:
        """The same step, words and window as the last draw, with the digits and bars drawn
        on their own (not on the phase line of a short window): once a second all night."""
        if not (view.clock and old.clock):
            return False  # the digits appear or go: the layout changes
        if self.screen.has_class("compact") or self.screen.has_class("plain-glyphs"):
            return False
        timeless = replace(
            view,
            clock=old.clock,
            step_progress=old.step_progress,
            routine_progress=old.routine_progress,
        )
        return timeless == old

    def _draw_time(self, old: PlayerView, view: PlayerView) -> None:
        """Only the digits and the bars: nothing else is looked at or touched."""
        self.shown = view
        moved: list[Widget] = []
        clock = self.screen.query_one("#clock", BigClock)
        if view.clock != old.clock and clock.show(view.clock):
            moved.append(clock)
        self._progress("#step-progress", view.step_progress, moved)
        if view.routine_progress is not None:
            self._progress("#routine-progress", view.routine_progress, moved)
        _repaint(moved)

    def _one_line(self, lines: tuple[str, ...]) -> str:
        """Shorten, never hide: the longest form of a safety text that fits one row."""
        return one_line(lines, self.screen.app.size.width - SCREEN_PADDING)

    def _compact_caution(self, texts: dict[str, str], can_skip: bool) -> str:
        """Below 20 rows every caution line stays (heat's four: numb skin, diabetes, a swollen
        leg, never sleep on a pad), as one paragraph above the safety line. When the step's own
        words would then not fit: on a step you may skip (heat, ice: the caution says when to)
        the instructions give way from the end (marked "…"), as title, phase and prompt say
        what to do now; on a stretch the caution does (the safety line names its sign)."""
        caution = " ".join(line.strip() for line in texts["#caution"].splitlines() if line.strip())
        if not caution:
            return ""
        size = self.screen.app.size
        width = size.width - SCREEN_PADDING
        fixed = sum(text_rows(texts[key], width) for key in ("#title", "#phase"))
        fixed += text_rows(texts["#prompt"], width) if texts["#prompt"] else 0
        room = size.height - 2 - text_rows(caution, width) - fixed  # 2: safety line and keys
        if text_rows(texts["#instructions"], width) <= room:
            return caution
        if not can_skip:
            return ""  # a stretch's caution names the sign the safety line always shows
        texts["#instructions"] = _cut_to_rows(texts["#instructions"], width, max(room, 1))
        return caution

    def _progress(self, selector: str, value: float, moved: list[Widget]) -> None:
        """A bar is repainted only when a half cell or its percentage changes."""
        bar = self.screen.query_one(selector, LineProgress)
        if bar.set_fraction(value):
            moved.append(bar)

    def _fit(
        self, texts: dict[str, str], *, has_clock: bool, overtime: bool, bar_count: int
    ) -> None:
        """Big digits where they fit with everything else, before the frame is drawn (no jump)."""
        size = self.screen.app.size
        key = (size, has_clock, overtime, bar_count, self._answer_rows, *texts.values())
        if key == self._fitted:
            return  # the same texts in the same room fit the same way
        self._fitted = key
        fit = choose_fit(
            size.width,
            size.height,
            has_clock=has_clock,
            title=texts["#title"],
            instructions=texts["#instructions"],
            where=texts["#where"],
            prompt=texts["#prompt"] + "\n" * self._answer_rows,
            caution=texts["#caution"],
            next_up=texts["#next-up"],
            overtime=self._one_line(self.lines.overtime) if overtime else "",
            safety=texts["#safety"],
            bar_count=bar_count,
        )
        self.screen.query_one(BigClock).set_big(fit.big_clock, fit.scale)
        self.screen.set_class(fit.tight, "tight")
        self.screen.set_class(not fit.bar_gaps, "tight-bars")
        # A large window: the grown countdown and the words centred in it.
        self.screen.set_class(is_roomy(size.width, size.height), "roomy")
        self.screen.set_class(not fit.bars, "no-bars")


def _repaint(widgets: list[Widget]) -> None:
    """The digits and bars that moved: Textual repaints just their regions in its next frame
    (measured against termdown, tests/bench/idle_cpu.py: the public way is cheap enough)."""
    for widget in widgets:
        widget.refresh()


def _cut_to_rows(text: str, width: int, rows: int) -> str:
    """The text's first `rows` rows at `width`, the last ending in "…" when some was cut."""
    import textwrap

    wrapped: list[str] = []
    for paragraph in text.split("\n"):
        wrapped += textwrap.wrap(paragraph, width, break_on_hyphens=False) or [""]
    if len(wrapped) <= rows:
        return text
    kept = wrapped[:rows]
    kept[-1] = kept[-1][: width - 1].rstrip() + "…"
    return "\n".join(kept)
