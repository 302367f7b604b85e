"""`coach say TEXT [--out FILE.wav]`: one line in the configured voice, played or written.

A user's test that sound works, and the tests' handle on the voice. Every failure is one line on
stderr and exit 1; never a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

MAX_TEXT = 2000


def _fail(message: str) -> int:
    from coach.core.safe_text import printable

    print(f"coach: {printable(message)}", file=sys.stderr)
    return 1


def run_say(text: str, out: str | None) -> int:
    from coach.audio.speech_queue import wav_seconds
    from coach.audio.voice import NOTICE_NO_VOICE, Voice, engine_name
    from coach.core.settings import load_settings

    text = " ".join(text.split())
    if not text:
        return _fail("say: expected some text to say, got none")
    if len(text) > MAX_TEXT:
        return _fail(f"say: expected at most {MAX_TEXT} characters, got {len(text)}")
    settings = load_settings()
    for problem in settings.problems:
        _fail(problem)  # said, and the defaults apply
    name = engine_name()
    if name is None:
        return _fail(NOTICE_NO_VOICE)
    voice = Voice(name, settings.voice_speed)
    target = Path(out) if out else None
    if target is not None and target.is_dir():
        return _fail(f"say: --out: expected a file name, got the folder {out}")
    try:
        path = voice.render_now(text, target)
    except Exception as err:  # noqa: BLE001 - an engine's failure is one line, not a traceback
        return _fail(f"say: the {name} voice could not speak: {type(err).__name__}: {err}")
    seconds = wav_seconds(path)
    if target is not None:
        from coach.core.safe_text import printable

        print(f"wrote {printable(str(target))}: {seconds:.1f} s of speech ({name})")
        return 0
    return _play(path)


def _play(path: Path) -> int:
    from coach.audio.cues import _import_playsound, player_available

    if not player_available():
        return _fail("say: no sound player (aplay, gst-play-1.0 or ffplay): try --out FILE.wav")
    try:
        _import_playsound()(path, block=True)
    except Exception as err:  # noqa: BLE001
        return _fail(f"say: could not play the speech: {type(err).__name__}: {err}")
    return 0
