"""How the player is left: q (asks first), a dialog over it, the app closing.

A mixin of PlayerScreen (coach/ui/player/screen.py), apart so the screen stays readable.
q, y from a routine started on home goes back home with the app running; from `coach now` or
`coach run` (the player is the first screen) it ends the app, as before.
"""

from __future__ import annotations

from textual.screen import Screen

from coach.core.routines.routine import Routine
from coach.core.session.closing import session_summary
from coach.core.session.machine import Session
from coach.core.session.recorder import SessionRecorder, work_of
from coach.core.session.summary import SessionSummary, summary_lines
from coach.ui.app_services import coach_app


class PlayerLeaving(Screen[None]):
    # What the player (coach/ui/player/screen.py) owns and this half of it reads or calls.
    routine: Routine
    session: Session | None
    leg: str | None
    recorder: SessionRecorder | None
    _auto_paused: str | None

    def _cancel_wake(self) -> None:
        raise NotImplementedError  # the player's: its wake-up timer

    def _refresh_view(self) -> None:
        raise NotImplementedError  # the player's: advance to now and redraw

    def _keep_position(self) -> None:
        raise NotImplementedError  # the player's: where the session is, into its row

    def action_quit(self) -> None:
        from coach.ui.dialogs.confirm import ConfirmScreen

        def answered(stop: bool | None) -> None:
            if stop:
                self._stop()

        self.app.push_screen(
            ConfirmScreen("Stop this session?", "y  stop     n  keep going"), answered
        )

    def _stop(self) -> None:
        app = self.app
        if not app.screen_stack or app.screen_stack[0] is self:
            coach_app(app).finish("stopped")
            return
        self._cancel_wake()
        coach_app(app).session_running = False
        coach_app(app).remove_exit_hook(self._on_app_exit)
        self._end_record("stopped")
        lines = summary_lines(self.stopped_summary())
        while app.screen is not self and self in app.screen_stack:
            app.pop_screen()
        app.pop_screen()
        app.notify("\n".join(lines), title="Stopped", timeout=8)

    def stopped_summary(self) -> SessionSummary:
        assert self.session is not None  # q stops a session that has begun
        return session_summary(
            self.routine,
            self.session,
            coach_app(self).clock(),
            leg=self.leg,
            recorder=self.recorder,
            stopped=True,
        )

    # --- dialogs over the player ------------------------------------------------------------
    def on_screen_suspend(self) -> None:
        """A dialog covers the player: hold the clock so no step runs out unseen."""
        session = self.session
        if session is None or session.finished or session.paused:
            self._auto_paused = None
            return
        top = self.app.screen_stack[-1]
        self._auto_paused = type(top).__name__
        session.pause(coach_app(self).clock())
        self._keep_position()  # a page closed under the dialog comes back paused

    def on_screen_resume(self) -> None:
        """Back from help or "keep going": carry on. After urgent help stay paused (the phase
        line and the key bar name the key that goes on): the user may have read a reason to stop."""
        covered_by, self._auto_paused = getattr(self, "_auto_paused", None), None
        session = self.session
        if session is None or session.finished or covered_by is None:
            return
        waiting = session.current is not None and session.current.duration is None
        if covered_by != "UrgentScreen" or waiting:  # a question has no clock to hold
            session.resume(coach_app(self).clock())
        self._refresh_view()

    def _on_app_exit(self, how: str) -> None:
        coach_app(self).session_running = False
        self._end_record(how)

    def _end_record(self, how: str) -> None:
        """Close the journal row, with the timed work done up to now."""
        recorder, session = self.recorder, self.session
        if recorder is None:
            return
        if session is not None and not recorder.ended:
            recorder.timed_work(*work_of(session, coach_app(self).clock()))
        recorder.end(how)
