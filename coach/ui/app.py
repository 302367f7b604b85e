"""The Textual app: one factory-made App for the CLI and for tests."""

from __future__ import annotations

import asyncio
import os
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.driver import Driver
from textual.events import Resize
from textual.notifications import SeverityLevel
from textual.screen import Screen

from coach.core.routines.routine import Routine
from coach.core.screen_words import screen_line, screen_lines
from coach.ui.app_sound import SoundServices

# What ends the app as "interrupted": kill's default, a closed terminal, Ctrl+C from outside.
ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP, signal.SIGINT)
SERVER_CHECK_SECONDS = 0.5  # coach serve: how often a tab looks for the server that started it
FORCE_AFTER = 1.0  # s: a second ending signal after this long ends the process at once
if TYPE_CHECKING:
    from coach.core.builder.draft import RoutineDraft
    from coach.core.guidance.call_numbers import CallAdvice
    from coach.core.journal.store import Journal
    from coach.core.settings import Settings
    from coach.ui.app_services import CoachServices


def terminal_driver(early_painted: bool) -> type[Driver] | None:
    """Ours where Textual would use its LinuxDriver: its input thread wakes 10 times a second,
    ~0.4% of a core on an idle countdown; ours sleeps until a key (ui/terminal/quiet_input.py).
    None leaves the choice to Textual: on Windows, and when TEXTUAL_DRIVER names another
    driver (coach serve: textual-serve's web driver). Headless tests (run_test) ignore it."""
    if sys.platform == "win32" or os.environ.get("TEXTUAL_DRIVER"):
        return None
    from coach.ui.terminal.driver import KeepEarlyPaintDriver
    from coach.ui.terminal.quiet_input import QuietInputDriver

    return KeepEarlyPaintDriver if early_painted else QuietInputDriver


SHORT_WINDOW = 20  # rows: below this, as the player's compact layout, toasts shrink
SHORT_TOAST_SECONDS = 4.0
# In a browser (coach serve) the page is for tapping; a keyboard works as well.
KEYBOARD_TOO = "Tap the words at the bottom, or the buttons. A keyboard's keys work too."


class CoachApp(SoundServices, App[int]):
    CSS_PATH = "coach.tcss"
    # Ctrl+P is in the help, not in every footer: those are full of the screen's own keys.
    CSS = "FooterKey.-command-palette { display: none; }"
    TITLE = "Cramp Coach"
    ENABLE_COMMAND_PALETTE = True  # but not usable until the first frame (see __init__)
    BINDINGS = [
        Binding("exclamation_mark", "urgent", "Urgent help", id="urgent"),
        Binding("question_mark", "help", "Help", id="help"),
        Binding("ctrl+c", "quit_now", "Quit", show=False, priority=True, id="quit-now"),
        Binding("t", "toggle_theme", "Night/day", show=False, id="theme"),
        # Tab moves the focus before the next key is read (issue 23). Textual's own Tab is a
        # screen binding, run when the key comes back from the focused widget: keys typed
        # right after it were already on their way to the old field ("12" after Tab in the
        # log form went to the radio buttons and was lost). No id: these stay Textual's keys
        # to a keymap (coach/ui/preferences/keys.py), never the user's to take.
        Binding("tab", "focus_next", show=False, priority=True),
        Binding("shift+tab", "focus_previous", show=False, priority=True),
    ]

    def __init__(
        self,
        *,
        start_routine: Routine | None = None,
        sound_mode: str | None = None,  # None: the settings file's (default auto)
        early_painted: bool = False,
        clock: Callable[[], float] = time.monotonic,
        emergency_number: str | None = None,
        cues: Any = None,  # None: playsound3's (coach/audio/cues.py); tests pass a fake
        start_screen: str | None = None,
        # `coach build`: the draft and the routines (ids it must not take)
        start_builder: tuple[RoutineDraft, dict[str, Routine]] | None = None,
        start_factory: Callable[[CoachApp], Screen[Any]] | None = None,  # a first screen, over home
        voice: bool | None = None,  # None: settings.yaml's (but off when tests pass fake cues)
    ) -> None:
        super().__init__(driver_class=terminal_driver(early_painted))
        self.start_routine = start_routine
        self.start_screen = start_screen
        self.start_builder = start_builder
        self.start_factory = start_factory
        self.sound_mode = sound_mode
        self.clock = clock
        self._emergency_number = emergency_number
        self._call_advice: CallAdvice | None = None
        self._settings: Settings | None = None
        self.loop_thread: int | None = None
        self.first_frame_at: float | None = None  # on self.clock: when the first frame went out
        self._cues = cues
        self.voice_wanted = voice if voice is not None or cues is None else False
        self._speaker = None  # coach/audio/speaker.py, made after a player's first frame
        self.session_running = False  # set by the player; quitting then asks first
        # The journal: opened after the first frame (sqlite is not on the cramp path).
        self._journal: Journal | None = None
        self._on_exit_hooks: list[Callable[[str], None]] = []
        # Bedside (ui/preferences/apply.py): applied after the first frame, with settings.yaml.
        self.use_command_palette = False
        self.user_keymap: dict[str, str] = {}  # the checked keymap in force
        self.user_keymap_ids: set[str] = set()  # the ids the user mapped in settings.yaml
        self.theme_chosen_by_hand = False
        self.theme_applied = False  # night or day from settings.yaml, once
        self.bedside_applied = False  # settings.yaml's theme, keymap and palette: once
        self._ending_since: float | None = None  # monotonic: when an ending signal came
        self.ending = False  # the exit hooks have run: nothing may open a journal row now

    def _note_first_frame(self) -> None:
        # Textual has no "frame written" event; a callback after the first refresh runs once
        # that frame has gone to the terminal. The player starts its countdown from this
        # moment, when the user can first see it.
        if self.first_frame_at is None:
            self.first_frame_at = self.clock()

    def first_frame_from(self, screen: Screen[Any]) -> None:
        """A screen pushed over the first as it was built (the leg warning) is the first frame."""
        if self.first_frame_at is None:
            screen.call_after_refresh(self._note_first_frame)
            screen.call_after_refresh(self._apply_bedside_settings)

    def get_key_display(self, binding: Binding) -> str:
        """Enter as a word, plain keys without Textual's Unicode look-up (ui/key_display.py)."""
        from coach.ui.key_display import own_display

        return own_display(binding.key, binding.key_display) or super().get_key_display(binding)

    def get_default_screen(self) -> Screen[Any]:
        if self.start_routine is not None:
            from coach.ui.player.screen import PlayerScreen

            return PlayerScreen(self.start_routine)
        if self.start_screen == "history":
            from coach.ui.screens.history import HistoryScreen

            return HistoryScreen()
        from coach.ui.screens.home import HomeScreen

        return HomeScreen()

    def show_home(self) -> None:
        """Home on top of the stack. Screens reach it through coach.ui.navigation.go_home, so
        none of them imports the home screen (which imports the player, which imports them)."""
        from coach.ui.screens.home import HomeScreen

        self.push_screen(HomeScreen())

    def on_mount(self) -> None:
        self.loop_thread = threading.get_ident()  # sound's threads call back to this one
        self.call_after_refresh(self._note_first_frame)
        self._guard_width(self.size.width)
        from coach.ui.preferences.themes import DAY, register

        register(self)
        self.theme = DAY.name  # until settings.yaml says (no file is read for this)
        if os.environ.get("TEXTUAL_DRIVER"):  # coach serve: no day look before the night one
            from coach.ui.preferences.apply import apply_theme_first

            apply_theme_first(self)
            self.notify(KEYBOARD_TOO, timeout=8)  # said once per tab: each tab is its own app
            # The server that started this tab gone (killed, however): end as a closed tab
            # does, the session saved as interrupted, rather than live on with no page.
            server = os.getppid()
            self.set_interval(SERVER_CHECK_SECONDS, lambda: self._end_if_orphaned(server))
        self.call_after_refresh(self._apply_bedside_settings)
        if self.start_builder is not None:
            # Over Home, so leaving the builder lands somewhere useful.
            from coach.ui.builder.screen import BuilderScreen

            self.push_screen(BuilderScreen(*self.start_builder))
        if self.start_screen == "log":  # over home too: saving or leaving lands there
            self.action_log()
        if self.start_factory is not None:  # (Textual 8.2.8 cannot switch the default screen)
            self.push_screen(self.start_factory(self))

    def on_resize(self, event: Resize) -> None:
        self._guard_width(event.size.width)
        self.set_class(event.size.height < SHORT_WINDOW, "-short-window")  # toasts: coach.tcss

    def _guard_width(self, width: int) -> None:
        """Too narrow to lay out: "make the window wider" over everything, until it is."""
        from coach.ui.screens.narrow import MIN_WIDTH, TooNarrowScreen

        covered = isinstance(self.screen, TooNarrowScreen)
        if width < MIN_WIDTH and not covered:
            self.push_screen(TooNarrowScreen())
        elif width >= MIN_WIDTH and covered:
            self.pop_screen()

    @property
    def journal(self) -> Journal:
        """The journal, opened on first use; it never raises, and says once if it cannot write."""
        if self._journal is None:
            from coach.core.journal.store import Journal

            # Opened and checked on the journal's own thread: a big or hostile file never holds
            # the screen. Its notice, and a write failing later (the disk fills up), are said
            # from that thread; notify is thread-safe.
            self._journal = Journal.open_in_background(
                on_problem=lambda problem: self.notify(problem, severity="warning", timeout=8)
            )
        return self._journal

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        """Every toast: a message may carry a routine's name, a path or a file's error, so it is
        text (never markup), controls escaped, `a command` in quotes as on the screens. In a short
        window a toast is wide and flat (coach.tcss) and goes sooner: it covers the step."""
        if self.size.height < SHORT_WINDOW:
            timeout = min(
                timeout if timeout is not None else SHORT_TOAST_SECONDS, SHORT_TOAST_SECONDS
            )
        super().notify(
            screen_lines(str(message)),
            title=screen_line(title),
            severity=severity,
            timeout=timeout,
            markup=False,
        )

    # --- services the screens share (sound and voice: coach/ui/app_sound.py) ---------------
    @property
    def emergency_number(self) -> str:
        """The number to name: the user's, else their region's (call_advice)."""
        return self.call_advice.number

    @property
    def call_advice(self) -> CallAdvice:
        """The number to call and advice line, with where they came from (computed on first use:
        it reads the locale, zone.tab and routines/emergency-numbers.json, never before the
        first frame)."""
        if self._call_advice is None:
            import os

            from coach.core.guidance.call_numbers import resolve

            own = self._emergency_number or self.settings.emergency_number
            self._call_advice = resolve(own, self.settings.region, os.environ)
        return self._call_advice

    @property
    def settings(self) -> Settings:
        """settings.yaml, read on first use (never before the first frame); a broken file is
        said once and the defaults apply."""
        if self._settings is None:
            from coach.core.settings import load_settings

            self._settings = load_settings()
            if self._settings.problem:
                self.notify(self._settings.problem, severity="warning", timeout=8)
        return self._settings

    def add_exit_hook(self, hook: Callable[[str], None]) -> None:
        """Screens register what must be saved however the app ends (q, Ctrl+C, SIGTERM...)."""
        self._on_exit_hooks.append(hook)

    def remove_exit_hook(self, hook: Callable[[str], None]) -> None:
        if hook in self._on_exit_hooks:
            self._on_exit_hooks.remove(hook)

    def _end_if_orphaned(self, server: int) -> None:
        if os.getppid() != server and not self.ending:
            self.finish("interrupted", 128 + signal.SIGHUP)

    def finish(self, how: str, code: int = 0) -> None:
        self._run_exit_hooks(how)
        # exit()'s first argument is the app's result; the process status is return_code.
        self.exit(code, return_code=code)

    def _run_exit_hooks(self, how: str) -> None:
        self.ending = True
        for hook in list(self._on_exit_hooks):
            try:
                hook(how)
            except Exception:  # noqa: BLE001 - saving must never stop the app from exiting
                pass
        self._on_exit_hooks.clear()
        self.close_voice()
        if self._journal is not None:
            self._journal.close()

    def on_exit_app(self) -> None:
        """Exiting without finish(): textual-serve asks this when its browser tab closes. Save
        the session as a closed terminal does (SIGHUP); after finish() no hooks are left."""
        if self._on_exit_hooks:
            self._run_exit_hooks("interrupted")

    def _apply_bedside_settings(self) -> None:
        if self.first_frame_at is None:  # not drawn yet: settings.yaml waits for the first frame
            self.set_timer(0.05, self._apply_bedside_settings)
            return
        from coach.ui.preferences.apply import apply_after_first_frame

        apply_after_first_frame(self)
        self.warm_voice_cache()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from coach.ui.preferences.apply import palette_commands

        yield from palette_commands(self, screen)

    # --- actions ---------------------------------------------------------------------------
    def action_toggle_theme(self) -> None:
        from coach.ui.preferences.apply import toggle_theme

        toggle_theme(self)

    def action_urgent(self) -> None:
        from coach.ui.screens.urgent import UrgentScreen

        if not isinstance(self.screen, UrgentScreen):
            self.push_screen(UrgentScreen(self.call_advice))

    def action_log(self) -> None:
        """`coach log` and `L` on home: a cramp that is already over."""
        from coach.ui.screens.log import LogScreen

        if not isinstance(self.screen, LogScreen):
            self.push_screen(LogScreen())

    def action_help(self) -> None:
        from coach.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_quit_now(self) -> None:
        self.finish("stopped", 130 if self.session_running else 0)

    def run(self, *args: Any, **kwargs: Any) -> int | None:
        """Textual's run, with the ending signals ours from before its loop starts: a terminal
        closed while the first frame is built ends the app as one closed later does."""
        self._install_signal_handlers()
        return super().run(*args, **kwargs)

    def _install_signal_handlers(self) -> None:
        """SIGTERM, SIGHUP (terminal closed) and SIGINT end the app cleanly, saving what was done.

        A handler runs between two bytecodes of whatever the main thread was doing, perhaps in
        a lock or a queue, so it only notes the signal and wakes the loop, where finish() runs;
        output that waits for room is dropped from then on (a gone terminal makes none). A
        second signal once the loop has had a second to end the app ends the process at once."""
        try:
            for sig in ENDING_SIGNALS:
                signal.signal(sig, lambda sig, _frame: self._on_ending_signal(sig))
        except ValueError:
            pass  # not on the main thread: Python's defaults apply

    @staticmethod
    def _running_loop() -> asyncio.AbstractEventLoop | None:
        try:
            return asyncio.get_running_loop()  # a handler runs on the main thread, the loop's
        except RuntimeError:
            return None

    def _on_ending_signal(self, sig: int) -> None:
        abandon = getattr(self._driver, "abandon_output", None)
        if abandon is not None:
            abandon()
        now = time.monotonic()
        first = self._ending_since is None
        since = self._ending_since = now if self._ending_since is None else self._ending_since
        loop = self._running_loop()
        if loop is None or loop.is_closed():  # no app running: what Python does without one
            after = signal.default_int_handler if sig == signal.SIGINT else signal.SIG_DFL
            signal.signal(sig, after)
            os.kill(os.getpid(), sig)
            return
        if not first and now - since > FORCE_AFTER:  # the loop has not ended it: the kernel does
            signal.signal(sig, signal.SIG_DFL)
            os.kill(os.getpid(), sig)
            return
        try:
            loop.call_soon_threadsafe(self.finish, "interrupted", 128 + sig)
        except RuntimeError:
            pass  # closed just now: the app is ending


if TYPE_CHECKING:  # mypy checks here that screens' view of the app (coach_app) is the app's

    def _fits(app: CoachApp) -> CoachServices:
        return app
