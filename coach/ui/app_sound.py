"""The app's sound and voice: cues (coach/audio/cues.py) and the speaker (coach/audio/speaker.py),
made on first use, after a player's first frame, never on the way to it. A mixin of CoachApp, which
provides settings, notify, bell, call_from_thread and the attributes set in its __init__."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from coach.audio.cues import Cues
    from coach.audio.speaker import Speaker


class SoundServices:
    sound_mode: str | None
    voice_wanted: bool | None
    _cues: Any
    _speaker: Any
    loop_thread: int | None  # the event loop's thread (CoachApp.on_mount)
    start_routine: Any  # a player first (coach now, coach run): it renders its own lines
    settings: Any
    bell: Callable[[], None]
    is_web: bool
    open_url: Callable[..., None]
    notify: Callable[..., None]
    call_from_thread: Callable[..., Any]

    _warmer: Any = None  # coach/audio/warm.py: the relief lines rendered ahead, once per run
    _early: Any = None  # coach/audio/early_sound.py: coach now's first cue, played by launch

    @property
    def cues(self) -> Cues:
        if self._cues is None:
            from coach.audio.cues import Cues
            from coach.audio.page_sound import choose_player

            mode = self.sound_mode or self.settings.sound
            # coach serve: sound plays in the tab's page, on the phone, not on the server
            page = choose_player(self.is_web, self._page_sender())
            bell = page.bell if page else lambda: self._on_loop(self.bell)
            on_notice = lambda: self._on_loop(self._show_sound_notice)  # noqa: E731
            self._cues = self._early_cues(page, bell, on_notice) or Cues(
                mode=mode, player=page, bell=bell, on_notice=on_notice
            )
        return self._cues

    def _early_cues(self, page: object, bell: Callable[[], None], on_notice: Any) -> Any:
        """`coach now`'s Cues, started by launch right after the early paint (its first cue
        already played or on its way: coach/audio/early_sound.py), or None."""
        if page is not None:
            return None
        from coach.audio import early_sound

        self._early = early_sound.take()
        cues = self._early.hand_over() if self._early is not None else None
        if cues is None:
            self._early = None
            return None
        cues.attach(bell=bell, on_notice=on_notice)
        return cues

    def cue_played_early(self, cue: str) -> float | None:
        """When the early sound began this cue (monotonic), if it is the one it played."""
        early = self._early
        if early is None or early.cue_started_at is None or cue != early.FIRST_CUE:
            return None
        return float(early.cue_started_at)

    def _page_sender(self) -> Callable[[str], None]:
        """How a sound message reaches the page: Textual's open_url, on the event loop (where
        Textual writes), queued there in order and never waited for, so a stop asked on the
        loop (mute) or from a stopping thread never waits on the loop."""
        import asyncio

        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # made off the loop: hop there as the bell does
            return lambda url: self._on_loop(lambda: self.open_url(url))

        def send(url: str) -> None:
            loop.call_soon_threadsafe(self.open_url, url)

        return send

    def _on_loop(self, callback: Callable[[], object]) -> None:
        """Run `callback` on the event loop: the sound loader calls back from its own thread."""
        import threading

        if threading.get_ident() == self.loop_thread:
            callback()
        else:
            self.call_from_thread(callback)

    def warm_up_sound(self) -> None:
        """Called by the player after its first frame: only routines need sound, so home, the
        builder and history never load a player or show a sound notice."""
        self._warm_up_sound()

    def _warm_up_sound(self) -> None:
        cues = self.cues
        warm_up = getattr(cues, "warm_up", None)
        if warm_up is not None:
            warm_up()  # may already be loading: a cue asked for it first
        self._show_sound_notice()  # one that came before this call; later ones call back

    def play(self, cue: str) -> None:
        cues = self.cues
        if self._early is not None and self._early.took(cue):
            self._show_sound_notice()
            return  # the player's first cue: launch's early sound has played it already
        if self._speaker is not None:
            self._speaker.cue(cue)  # one queue: a cue never plays over speech
        else:
            cues.play(cue)
        self._show_sound_notice()

    @property
    def speaker(self) -> Speaker | None:
        """The voice (None when off or none is installed), made on first use: after the
        player's first frame, never on the way to it. A missing voice is said once."""
        if self._speaker is None and self.voice_wanted is not False:
            settings = self.settings
            wanted = self.voice_wanted or settings.voice == "on"
            if not wanted:  # voice off: the speech modules (hashlib's OpenSSL, ~4 MiB) stay out
                self.voice_wanted = False
                return None
            from coach.audio.speaker import make_speaker

            self._speaker, notice = make_speaker(self.cues, wanted, settings.voice_speed)
            self.voice_wanted = self._speaker is not None
            if self._speaker is not None:
                self._speaker.start()
            if notice:
                self.notify(notice, timeout=8)
        return self._speaker

    def warm_voice_cache(self) -> None:
        """After the first frame (never on the way to it): render the relief path's lines into
        the voice cache in a low-priority thread, so a first cramp is spoken at once. Not when
        this run has no voice (off, muted, the bell, none installed), nor when it opened on a
        player: that one renders its routine's lines first, then the relief ones."""
        if self._warmer is not None or self.voice_wanted is False or self.start_routine:
            return
        settings = self.settings
        if not (self.voice_wanted or settings.voice == "on"):
            return
        if (self.sound_mode or settings.sound) != "auto":
            return
        from coach.audio.voice import Voice, engine_name

        name = engine_name()
        if name is not None:
            from coach.audio.warm import Warmer

            self._warmer = Warmer(Voice(name, settings.voice_speed)).start()

    def close_voice(self, wait: float = 0.0) -> None:
        """Stop speaking and rendering (each after the line it is on; `wait`: join so long)."""
        for voice in (self._speaker, self._warmer):
            if voice is not None:
                voice.close(wait)

    def action_toggle_voice(self) -> None:
        made = self._speaker is None
        if made:
            self.voice_wanted = True  # --no-voice or voice: off, and now v: try to speak
        speaker = self.speaker
        if speaker is None:
            self.notify("No voice for this run (sound is off, or no voice is installed).")
            return
        self.notify("Voice on" if made or speaker.toggle() else "Voice off", timeout=2)

    def say_urgent(self, text: str) -> None:
        """The urgent screen's first lines, aloud, when the voice is already running."""
        if self._speaker is not None:
            from coach.audio.script import urgent_lines

            self._speaker.say(urgent_lines(text))

    def _show_sound_notice(self) -> bool:
        notice = self.cues.take_notice() if hasattr(self.cues, "take_notice") else None
        if notice:
            self.notify(notice, timeout=6)
        return bool(notice)
