"""`coach say TEXT [--out FILE.wav]`: one line in the configured voice, played or written.
`coach say --warm`: every line cramp relief speaks, rendered into the voice cache now
(coach/audio/warm.py; the app also does it in the background once a screen has painted).

A user's test that sound works, and the tests' handle on the voice. Every failure is one line on
stderr and exit 1; never a traceback.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from coach.audio.voice import Voice

MAX_TEXT = 2000
WARM_LOCK_WAIT = 60.0  # s: another coach rendering the same lines is done well within this


def _fail(message: str) -> int:
    from coach.core.safe_text import printable

    print(f"coach: {printable(message)}", file=sys.stderr)
    return 1


def run_say(text: str | None, out: str | None, force: bool = False, warm: bool = False) -> int:
    from coach.audio.voice import Voice, engine_name
    from coach.core.settings import load_settings, settings_path

    if warm and (text is not None or out is not None):
        return _fail("say: --warm takes no TEXT and no --out: it renders the relief lines")
    text = " ".join((text or "").split())
    if not text and not warm:
        return _fail("say: expected some text to say, got none")
    if len(text) > MAX_TEXT:
        return _fail(f"say: expected at most {MAX_TEXT} characters, got {len(text)}")
    settings = load_settings()
    for problem in settings.problems:
        _fail(problem)  # said, and the defaults apply
    name = engine_name()
    if name is None:  # how to get one, and where the voice settings are, in one line
        return _fail(
            "say: no voice installed to speak with: pip install 'cramp-coach[voice]' or"
            f" apt install espeak-ng; voice settings (voice, voice_speed) are in {settings_path()}"
        )
    voice = Voice(name, settings.voice_speed)
    if warm:
        return _warm(voice)
    if out is not None:
        return _write_out(voice, text, Path(out), force)
    cache = voice.file_for(text).parent
    if not _writable(cache):
        # Issue 22: a read-only cache was reported as the voice failing. Say what it is, and
        # speak anyway from a temporary file.
        print(f"coach: say: the voice cache cannot be written ({cache}); speaking without it")
        import tempfile

        with tempfile.TemporaryDirectory(prefix="coach-say-") as folder:
            return _render_and_play(voice, text, Path(folder) / "line.wav")
    return _render_and_play(voice, text, None)


def _warm(voice: Voice) -> int:
    """Render the relief lines now; waits (a while) for a coach that is rendering them already."""
    from coach.audio.warm import relief_texts, warm
    from coach.core.safe_text import printable

    cache = voice.cache
    if not _writable(cache):
        return _fail(f"say: --warm: the voice cache cannot be written ({cache})")
    texts = relief_texts()
    if not texts:
        return _fail("say: --warm: no relief routine could be read (coach list says why)")
    result = warm(voice, texts, lock_wait=WARM_LOCK_WAIT)
    if result.busy:
        return _fail(
            f"say: --warm: another coach has been rendering into {cache} for over a minute"
        )
    where = printable(str(cache))
    print(
        f"voice cache ready for cramp relief: {len(result.rendered)} line(s) rendered now, "
        f"{len(result.cached)} already there, in {where} ({voice.name}, speed {voice.speed:g})"
    )
    if result.failed:
        text, why = result.failed[0]
        return _fail(
            f"say: --warm: {len(result.failed)} line(s) could not be said, first {text!r}: {why}"
        )
    return 0


def _writable(folder: Path) -> bool:
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return False
    return os.access(folder, os.W_OK)


def _render_and_play(voice: Voice, text: str, out: Path | None) -> int:
    try:
        path = voice.render_now(text, out)
    except Exception as err:  # noqa: BLE001 - an engine's failure is one line, not a traceback
        return _fail(f"say: the {voice.name} voice could not speak: {type(err).__name__}: {err}")
    return _play(path)


def _write_out(voice: Voice, text: str, target: Path, force: bool) -> int:
    """--out: checked before the engine runs, written beside the target, moved into place
    (coach/core/out_file.py: never a device, a pipe or a symlink; never over a file unasked)."""
    from coach.audio.speech_queue import wav_seconds
    from coach.core.out_file import OutRefused, check_target, place, staging_path
    from coach.core.safe_text import printable

    try:
        check_target(target, force=force)  # first: a folder such as "." has no name to stage
    except OutRefused as refused:
        return _fail(f"say: --out: {refused}")
    staged = staging_path(target)
    try:
        voice.render_now(text, staged)
        seconds = wav_seconds(staged)
        place(staged, target, force=force)
    except OutRefused as refused:
        return _fail(f"say: --out: {refused}")
    except OSError as err:
        return _fail(f"say: --out: cannot write {target}: {err.strerror or err}")
    except Exception as err:  # noqa: BLE001 - an engine's failure is one line, not a traceback
        return _fail(f"say: the {voice.name} voice could not speak: {type(err).__name__}: {err}")
    finally:
        staged.unlink(missing_ok=True)
    print(f"wrote {printable(str(target))}: {seconds:.1f} s of speech ({voice.name})")
    return 0


def _play(path: Path) -> int:
    from coach.audio.cues import _import_playsound, player_available

    if not player_available():
        return _fail("say: no sound player (aplay, gst-play-1.0 or ffplay): try --out FILE.wav")
    try:
        _import_playsound()(path, block=True)
    except Exception as err:  # noqa: BLE001
        return _fail(f"say: could not play the speech: {type(err).__name__}: {err}")
    return 0
