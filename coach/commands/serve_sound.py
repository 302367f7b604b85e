"""The sounds a coach serve page plays (coach/audio/page_sound.py): the cues of sounds/ and the
spoken lines of the voice cache, each by its own name only. The guard of coach/commands/serve.py
stands in front (the token, the Host and Origin checks); here, a name that is not one of those
files is a 404 whatever it contains, so no path reaches another file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from coach.audio.page_sound import sound_name

if TYPE_CHECKING:
    from aiohttp import web


def sound_path(kind: str, name: str) -> Path | None:
    """The file for `kind/name` (the page's words), or None when it is not a sound it may have."""
    if not sound_name(kind, name):
        return None
    if kind == "cue":
        from coach.core.paths import builtin_dir

        folder = builtin_dir("sounds")
    else:
        from coach.audio.voice import cache_dir

        folder = cache_dir()
    path = folder / name
    return path if path.is_file() else None


async def handle_sound(request: web.Request) -> web.StreamResponse:
    from aiohttp import web

    path = sound_path(request.match_info.get("kind", ""), request.match_info.get("name", ""))
    if path is None:
        raise web.HTTPNotFound(text="no such sound")
    response = web.FileResponse(path, headers={"Content-Type": "audio/wav"})
    response.headers["Cache-Control"] = "no-store"  # the URL carries the token
    return response
