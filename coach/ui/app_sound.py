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
    settings: Any
    bell: Callable[[], None]
    is_web: bool
    open_url: Callable[..., None]
    notify: Callable[..., None]
    call_from_thread: Callable[..., Any]

    @property
    def cues(self) -> Cues:
        if self._cues is None:
            from coach.audio.cues import Cues
            from coach.audio.page_sound import choose_player

            mode = self.sound_mode or self.settings.sound
            # coach serve: sound plays in the tab's page, on the phone, not on the server
            page = choose_player(self.is_web, self._page_sender())
            self._cues = Cues(
                mode=mode,
                player=page,
                bell=page.bell if page else lambda: self._on_loop(self.bell),
                on_notice=lambda: self._on_loop(self._show_sound_notice),
            )
        return self._cues

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
        if self._speaker is not None:
            self._speaker.cue(cue)  # one queue: a cue never plays over speech
        else:
            self.cues.play(cue)
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
