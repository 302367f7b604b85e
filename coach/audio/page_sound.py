"""Where sound goes: this computer's speakers, or the browser page the coach is shown in.

    player = choose_player(is_web=app.is_web, send=app_open_url)   # None: local speakers
    cues = Cues(mode, player=player)      # every cue and every spoken line goes through it

Under `coach serve` each browser tab is a coach process on the server; its sound belongs to the
phone in the hand, not to the server's speakers. The server marks its tabs with COACH_SOUND_TO=
page (coach/commands/serve.py). Then the player handed to Cues does not play: it names the file
in a message for the page, which fetches it from the server and plays it. The message travels
as an `open_url` of Textual's web driver (App.open_url, public) with its own scheme, so no
private part of Textual is used; the server (coach/commands/serve_tabs.py) turns it into the
page's own message and never lets the page open it as a link.

    coach-sound:play/7/cue/step.wav       play cue "step" (play number 7)
    coach-sound:play/8/voice/<32 hex>.wav a spoken line from the voice cache
    coach-sound:stop/8                    cut play 8 short (an answer, mute, urgent help)
    coach-sound:bell                      the bell: sound mode "bell", or a cue with no file

Importing this module costs only the standard library.
"""

from __future__ import annotations

import itertools
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

SOUND_TO = "COACH_SOUND_TO"  # "page": this process is a coach serve tab
PAGE = "page"
SCHEME = "coach-sound:"
CUE_NAMES = ("step", "tick", "switch", "done")  # coach/audio/cues.py's, the files in sounds/
_VOICE_FILE = re.compile(r"[0-9a-f]{32}\.wav")  # voice.cache_key's names, nothing else
_MESSAGE = re.compile(
    r"play/(?P<id>\d{1,9})/(?P<kind>cue|voice)/(?P<name>[0-9a-z]{1,32}\.wav)"
    r"|stop/(?P<stop>\d{1,9})|(?P<bell>bell)"
)


def wanted_on_page(is_web: bool) -> bool:
    """True in a coach serve tab: a web driver, started by our server for our page."""
    return is_web and os.environ.get(SOUND_TO) == PAGE


def sound_name(kind: str, name: str) -> bool:
    """Whether `kind/name` is a sound the page may ask for: a cue, or a cached spoken line."""
    if kind == "cue":
        return name.removesuffix(".wav") in CUE_NAMES and name.endswith(".wav")
    return kind == "voice" and _VOICE_FILE.fullmatch(name) is not None


def play_url(play_id: int, kind: str, name: str) -> str:
    if not sound_name(kind, name):
        raise ValueError(f"not a sound the page can fetch: {kind}/{name}")
    return f"{SCHEME}play/{play_id}/{kind}/{name}"


def stop_url(play_id: int) -> str:
    return f"{SCHEME}stop/{play_id}"


BELL_URL = f"{SCHEME}bell"


def read_url(url: object) -> dict[str, Any] | None:
    """The page's message for one of these URLs, or None for anything else (never passed on)."""
    if not isinstance(url, str) or not url.startswith(SCHEME):
        return None
    found = _MESSAGE.fullmatch(url.removeprefix(SCHEME))
    if found is None:
        return None
    if found["bell"]:
        return {"bell": True}
    if found["stop"] is not None:
        return {"stop": int(found["stop"])}
    if not sound_name(found["kind"], found["name"]):
        return None
    return {"play": int(found["id"]), "sound": f"{found['kind']}/{found['name']}"}


def kind_of(path: Path, sounds_dir: Path, voice_dir: Path) -> str | None:
    """ "cue" or "voice" for a file the server will hand out, by the folder it is in."""
    if path.parent == sounds_dir and sound_name("cue", path.name):
        return "cue"
    if path.parent == voice_dir and sound_name("voice", path.name):
        return "voice"
    return None


class PageHandle:
    """What playsound3 would return, for a sound the page plays: stop() cuts it short there."""

    def __init__(self, play_id: int, send: Callable[[str], object]) -> None:
        self.play_id = play_id
        self._send = send

    def stop(self) -> None:
        self._send(stop_url(self.play_id))


class PagePlayer:
    """A player with playsound3's shape, `player(path, block=False) -> handle`, that sends the
    file to the page instead of playing it. A file the server does not hand out (a cue of a
    user's own sounds folder) rings the bell there instead: the moment is still marked."""

    def __init__(self, send: Callable[[str], object], sounds_dir: Path, voice_dir: Path) -> None:
        self._send = _never_raising(send)
        self._sounds_dir = sounds_dir
        self._voice_dir = voice_dir
        self._ids = itertools.count(1)
        self._lock = threading.Lock()  # the speech thread and the event loop both play

    def __call__(self, path: Path, block: bool = False) -> PageHandle | None:
        kind = kind_of(Path(path), self._sounds_dir, self._voice_dir)
        if kind is None:
            self.bell()
            return None
        with self._lock:
            play_id = next(self._ids)
        self._send(play_url(play_id, kind, Path(path).name))
        return PageHandle(play_id, self._send)

    def bell(self) -> None:
        self._send(BELL_URL)


def _never_raising(send: Callable[[str], object]) -> Callable[[str], None]:
    """A message that cannot be sent (the app is ending) is dropped: it must not look like a
    broken sound device to Cues, which would fall back to the bell for good."""

    def send_or_drop(url: str) -> None:
        try:
            send(url)
        except Exception:
            pass

    return send_or_drop


def choose_player(is_web: bool, send: Callable[[str], object]) -> PagePlayer | None:
    """The one decision of where sound goes: the page (a PagePlayer) in a coach serve tab,
    else None, and Cues loads playsound3 for this computer's speakers."""
    if not wanted_on_page(is_web):
        return None
    from coach.audio.voice import cache_dir
    from coach.core.paths import builtin_dir

    return PagePlayer(send, builtin_dir("sounds"), cache_dir())
