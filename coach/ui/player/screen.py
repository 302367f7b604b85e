"""The player: shows the current step of a session and turns keys into session commands.

Time comes from the app's monotonic clock; the screen wakes only when what it shows changes
(the next whole second of the countdown, or the 10-minute mark), so an idle countdown is cheap.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.app import ComposeResult
from textual.binding import Binding
from textual.events import Resize

from coach.core.guidance.coaching import Coaching
from coach.core.routines.routine import Routine
from coach.core.routines.timeline import SegmentKind
from coach.core.session.machine import Session
from coach.core.session.player_rules import (
    key_available,
    leg_hint,
    limb,
    restart_at_first_frame,
    seconds_until_change,
)
from coach.core.session.player_view import DEFAULT_KEYS, PlayerView, describe
from coach.core.session.recorder import SessionRecorder
from coach.ui.app_services import coach_app, wall_time
from coach.ui.navigation import app_ending, replace_screen
from coach.ui.player.adapting import Adapted, apply_adaptation, look_for_what_works
from coach.ui.player.endings import ask_what_may_be_coached, ending_screen
from coach.ui.player.leaving import PlayerLeaving
from coach.ui.player.paint import PlayerPainter
from coach.ui.player.record import (
    CrampCarried,
    StepRecord,
    carry_cramp,
    keep_position,
    look_for_earlier_cramp,
    open_record,
    record_steps,
)
from coach.ui.player.voice import PlayerVoice
from coach.ui.terminal.wake import Wake

if TYPE_CHECKING:
    from coach.core.session.resume import Resumable

COMPACT_HEIGHT = 20  # below this many rows, only the instruction, countdown and keys stay


class PlayerScreen(PlayerLeaving):
    BINDINGS = [
        Binding("space", "pause", "Pause", id="pause"),
        Binding("space", "resume", "Go on", id="resume"),  # while paused, in its place
        # y before n, so the key bar reads "y Yes  n No" at "has it let go?"
        Binding("y", "yes", "Yes", id="yes"),
        Binding("n", "next_or_no", "Next", id="next"),
        # At "has it let go?" n means "no, stretch again" (the prompt line says so); a short
        # label keeps "! Urgent help" on an 80-column key bar.
        Binding("n", "no", "No", id="no"),
        Binding("right", "next", "Next", show=False, id="next-arrow"),
        Binding("b", "back", "Back", id="back"),
        Binding("left", "back", "Back", show=False, id="back-arrow"),
        Binding("plus,equals_sign", "extend", "+15s", id="extend"),
        Binding("s", "skip", "Skip", id="skip"),
        Binding("a", "alternative", "Other stretch", id="alternative"),  # the step's alternative
        # Shown where Enter acts (counted reps, a note, a timer that waits): the lines say
        # "press Enter", so the key bar lists it too.
        Binding("enter", "done", "Done", id="done"),
        Binding("l", "leg('left')", "Left leg", show=False, id="leg-left"),
        Binding("r", "leg('right')", "Right leg", show=False, id="leg-right"),
        Binding("m", "mute", "Mute", id="mute"),
        Binding("v", "app.toggle_voice", "Voice", show=False, id="voice"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    def __init__(self, routine: Routine, resume: Resumable | None = None) -> None:
        """`resume`: an interrupted session of `routine` to pick up where it was (home offers
        it: core/session/resume.py), its journal row carried on."""
        super().__init__()
        self.routine = routine
        self.resume = resume
        self._position_key: tuple[object, ...] | None = None  # last written (keep_position)
        self.session: Session | None = None
        self.leg: str | None = None
        self.painter = PlayerPainter(self)
        self.voice = PlayerVoice(self)  # plays each tick's cue and says its lines
        self._wake = Wake(self, self._on_wake)
        self._auto_paused: str | None = None  # the dialog that paused the session, by class name
        self.recorder: SessionRecorder | None = None
        self._steps_before_recording: list[StepRecord] = []

    def compose(self) -> ComposeResult:
        yield from self.painter.compose()

    def on_mount(self) -> None:
        if app_ending(self.app):
            return
        # What may be coached, given the safety record (a leg on record, heat left out): asked
        # first, for every routine; a leg warning waits for a key before anything starts.
        ask_what_may_be_coached(self.app, self.routine, self._begin)

    def _begin(self, plan: Coaching) -> None:
        self.routine = plan.routine
        if plan.leg is not None:
            self.leg = plan.leg.value
        self.session = Session(self.routine, now=coach_app(self).clock())
        if self.resume is not None:
            self._carry_on(self.session)
        coach_app(self).session_running = True
        coach_app(self).add_exit_hook(self._on_app_exit)
        self._apply_size(self.app.size.width, self.app.size.height)
        self._refresh_view()
        self.call_after_refresh(self._after_first_frame)

    def _carry_on(self, session: Session) -> None:
        """Where the interrupted session was, with the time it has left now."""
        from datetime import datetime

        from coach.core.legs import Leg
        from coach.core.session.resume import carry_on

        assert self.resume is not None
        now, wall = coach_app(self).clock(), wall_time(self)
        if carry_on(session, self.resume, datetime.fromtimestamp(wall).astimezone(), now):
            self.notify("Picked up where you left off.", timeout=4)
        else:  # its step is gone from the routine since (a changed file or safety record)
            self.notify("That step is no longer in the routine: starting from the top.")
        noted = Leg.parse(self.resume.record.leg)
        if self.leg is None and noted is not None:
            self.leg = noted.value

    def _after_first_frame(self) -> None:
        self._start_clock_now()
        coach_app(self).warm_up_sound()
        # The journal opens after the first frame: the instruction matters more than the record.
        self._start_recording()

    def _start_clock_now(self) -> None:
        """The countdown starts when the user can see it, not when the screen was built."""
        if self.session is None:
            return
        now = coach_app(self).clock()
        shown_at = coach_app(self).first_frame_at or now
        fresh = restart_at_first_frame(self.session, shown_at, now)
        if fresh is not None:
            self.session = fresh
            self._refresh_view()

    def _start_recording(self) -> None:
        if app_ending(self.app):
            return  # ended before its first frame was out (a closed terminal): no row to leave
        journal = coach_app(self).journal
        before, resumed = self._steps_before_recording, self.resume
        record = resumed.record if resumed is not None else None
        self.recorder = open_record(journal, self.routine, self.leg, before, record)
        if resumed is None:  # a picked-up cramp already counts from its beginning
            look_for_earlier_cramp(journal, self.recorder, self, coach_app(self).clock())
        look_for_what_works(journal, self.routine, self)
        self._keep_position()

    def on_adapted(self, adapted: Adapted) -> None:
        line = apply_adaptation(coach_app(self).settings, self.session, adapted.adaptation)
        if line:
            self.notify(line, timeout=8)

    def on_cramp_carried(self, carried: CrampCarried) -> None:
        say = partial(self.notify, timeout=6)
        if self.session is not None and carry_cramp(self.session, carried, say):
            self._refresh_view()

    def on_unmount(self) -> None:
        self._cancel_wake()

    def on_resize(self, event: Resize) -> None:
        # A resize queued before a closed terminal can arrive as Textual takes the widgets down.
        if not app_ending(self.app):
            self._apply_size(event.size.width, event.size.height)

    def _apply_size(self, width: int, height: int) -> None:
        self.set_class(height < COMPACT_HEIGHT, "compact")
        self._redraw()  # the clock's size and the spacing depend on the room

    # --- the clock ------------------------------------------------------------------------
    def _on_wake(self) -> None:
        self._refresh_view()

    def _refresh_view(self) -> None:
        """Advance the session to now, react to what happened, redraw what changed, sleep."""
        session = self.session
        if session is None:
            return
        now = coach_app(self).clock()
        events = session.tick(now)
        self._record(events)
        self._keep_position()
        self._play_one(events)
        if session.finished:
            self._on_finished()
            return
        view = describe(session, now, relief=self.routine.relief, keys=self._key_words())
        self._draw(view)
        self._schedule_wake(now)

    def _key_words(self) -> dict[str, str]:
        """The keys the player's lines name, as the user mapped them ("Paused · p to go on")."""
        if not getattr(self.app, "user_keymap", None):
            return dict(DEFAULT_KEYS)
        from coach.ui.preferences.key_words import keys_of

        return {name: keys_of(self.app, name, self.BINDINGS) for name in DEFAULT_KEYS}

    def _schedule_wake(self, now: float) -> None:
        self._cancel_wake()
        assert self.session is not None
        delay = seconds_until_change(
            self.session,
            now,
            relief=self.routine.relief,
            overtime_shown=self.painter.overtime_noted,
        )
        if delay is not None:
            self._wake.after(max(delay, 0.01) + 0.002)

    def _cancel_wake(self) -> None:
        self._wake.cancel()

    def _keep_position(self) -> None:
        """Where the session is, into its journal row when it changed (a page reloaded or a
        phone gone to sleep can pick it up from there)."""
        if self.session is not None:
            app = coach_app(self)
            self._position_key = keep_position(
                self.recorder, self.session, app.clock(), wall_time(self), self._position_key
            )

    def keep_until_recording(self, record: StepRecord) -> None:
        """A step done before the journal row opened: written when it opens."""
        self._steps_before_recording.append(record)

    def _record(self, events: list) -> None:
        if self.session is not None:
            record_steps(self, self.session, events, coach_app(self).clock())

    def _play_one(self, events: list) -> None:
        self.voice.play(events)

    # --- drawing: coach/ui/player/paint.py ----------------------------------------------
    def _draw(self, view: PlayerView) -> None:
        segment = self.session.current if self.session else None
        released = self.session is not None and self.session.release_seconds is not None
        relief = self.routine.relief
        hint = leg_hint(relief, self.leg, released, limb(self.routine.id))
        self.painter.draw(view, segment, hint)

    def _redraw(self) -> None:
        if self.painter.shown is not None:
            self._draw(self.painter.shown)

    # --- keys ----
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide keys that do nothing now, so the footer only offers real choices."""
        session = self.session
        if session is None:
            return key_available(action, None)
        if action == "yes" and self._can_mark_released():
            return True
        return key_available(action, session.current, session.paused)

    def _command(self, name: str, *args: object) -> None:
        if self.session is None:
            return
        getattr(self.session, name)(coach_app(self).clock(), *args)
        self.voice.key_acted()  # a step left by a key stops talking at once
        self._refresh_view()

    def action_pause(self) -> None:
        self._command("pause")

    def action_resume(self) -> None:
        self._command("resume")

    def _at_question(self) -> bool:
        segment = self.session.current if self.session else None
        return segment is not None and segment.kind is SegmentKind.RELEASED_QUESTION

    def action_next_or_no(self) -> None:
        if self._at_question():
            self._command("answer_released", False)  # n at "has it let go?": stretch again
        else:
            self._command("next")

    def action_next(self) -> None:
        if self._at_question():
            self._answer_released(True)  # moving on from "has it let go?" means it has
        else:
            self._command("next")

    def action_no(self) -> None:
        self.action_next_or_no()

    def action_yes(self) -> None:
        if self._at_question():
            self._answer_released(True)
        elif self._can_mark_released():  # y during massage or walking: "it has let go now"
            self._command("mark_released")
            if self.recorder is not None and self.session is not None:
                self.recorder.released(
                    self.session.cramp_release_seconds, self.session.release_step
                )
            self.notify("Noted: it let go.", timeout=2)

    def key_label(self, action: str, label: str) -> str:
        """The key bar's word: y is "It let go" during massage or walking, "Yes" at the question."""
        return "It let go" if action == "yes" and not self._at_question() else label

    def _can_mark_released(self) -> bool:
        session = self.session
        return (
            session is not None
            and self.routine.relief
            and session.release_seconds is None
            and session.current is not None
            and session.current.step_index > 0
        )

    def _answer_released(self, yes: bool) -> None:
        self._command("answer_released", yes)
        if yes and self.recorder is not None and self.session is not None:
            self.recorder.released(self.session.cramp_release_seconds, self.session.release_step)

    def action_back(self) -> None:
        self._command("back")

    def action_extend(self) -> None:
        self._command("extend", 15)

    def action_skip(self) -> None:
        if self.check_action("skip", ()):  # only optional steps (heat, ice) can be skipped
            self._command("skip_step")

    def action_alternative(self) -> None:
        if self.check_action("alternative", ()):  # swapped for the rest of this session
            self._command("use_alternative")

    def action_done(self) -> None:
        if self.check_action("done", ()):
            self._command("done")

    def action_leg(self, side: str) -> None:
        self.leg = side
        if self.recorder is not None:
            self.recorder.leg(side)
        self._redraw()

    def action_mute(self) -> None:
        if getattr(coach_app(self).cues, "mode", None) == "off":
            # --mute or `sound: off`: m cannot bring sound back, so do not say "Sound on".
            self.notify("Sound is off for this run (--mute or sound: off).", timeout=3)
            return
        muted = coach_app(self).cues.toggle_mute()
        self.notify("Sound off" if muted else "Sound on", timeout=2)

    # --- endings ---------------------------------------------------------------------------
    def _on_finished(self) -> None:
        self._cancel_wake()
        coach_app(self).session_running = False
        coach_app(self).remove_exit_hook(self._on_app_exit)
        session = self.session
        assert session is not None
        screen = ending_screen(self.app, self.routine, session, self.recorder, self.leg)
        replace_screen(self.app, self, screen)
        # After the switch: a journal write waits for the disk (synchronous=FULL), the user not.
        if self.recorder is not None:
            self.recorder.released(session.cramp_release_seconds, session.release_step)
            self.recorder.end("completed")
