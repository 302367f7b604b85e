"""The voice cache's bound: at most MAX_BYTES of spoken lines, the least recently used go first.

    touch(path)                      # a line used again: it becomes the most recently used
    sound_wav(path)                  # a cached line that can be played (a damaged one goes)
    trim(cache, keep={...})          # remove the oldest WAVs until the cache fits; never raises

"Used" is the file's modification time: a line is written when rendered, and touched when a
later run finds it in the cache (Voice.path). The voice's own thread trims once its lines are
rendered, so trimming never runs before the first instruction shows, and it never removes:
- a file in `keep` (what this run has rendered or found: what it plays, or may play next);
- a file used in the last GRACE_SECONDS (a coach in another window, e.g. one `coach serve` tab,
  may be about to play it);
- anything that is not one of the cache's own WAVs (a 32-hex-digit name, voice.cache_key): the
  first-time notice's marker, a half-written temporary file, whatever else is in the folder.
Importing this module costs only the standard library.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Collection
from pathlib import Path

# About 300 spoken lines: one is ~170 KB (22 kHz, 16-bit); every built-in routine's lines at one
# speed, ~5 MB.
MAX_BYTES = 50 * 1024 * 1024
GRACE_SECONDS = 3600.0
_OWN_WAV = re.compile(r"[0-9a-f]{32}\.wav")


def touch(path: Path) -> None:
    """Mark a cached line as used now (a read-only cache is left as it is)."""
    try:
        os.utime(path)
    except OSError:
        pass


def sound_wav(path: Path) -> bool:
    """Whether a cached line can be played: a readable WAV header and some sound. A damaged one
    is removed, so it is rendered again instead of being reused for ever (issue 22)."""
    import wave

    try:
        with wave.open(str(path), "rb") as w:
            if w.getnframes() > 0 and w.getframerate() > 0:
                return True
    except (OSError, EOFError, wave.Error):
        pass
    try:
        path.unlink()
    except OSError:
        pass  # a cache that cannot be written: `coach say` says so; the line is rendered anew
    return False


def trim(
    cache: Path,
    max_bytes: int | None = None,  # MAX_BYTES
    keep: Collection[Path] = (),
    now: Callable[[], float] = time.time,
) -> list[Path]:
    """Remove the least recently used WAVs until the cache holds at most `max_bytes` (those
    that may not go still count); the files removed, oldest first. Trouble reading the folder
    or removing a file (gone meanwhile, read-only) leaves that file and goes on."""
    limit = MAX_BYTES if max_bytes is None else max_bytes
    kept = {os.path.normcase(os.path.abspath(path)) for path in keep}
    files: list[tuple[float, int, Path]] = []
    total = 0
    try:
        with os.scandir(cache) as entries:
            for entry in entries:
                if not _OWN_WAV.fullmatch(entry.name):
                    continue
                try:
                    if not entry.is_file(follow_symlinks=False):
                        continue
                    stat = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                total += stat.st_size
                files.append((stat.st_mtime, stat.st_size, Path(entry.path)))
    except OSError:
        return []
    removed: list[Path] = []
    recent = now() - GRACE_SECONDS
    for mtime, size, path in sorted(files, key=lambda f: (f[0], f[2].name)):
        if total <= limit:
            break
        if mtime >= recent or os.path.normcase(os.path.abspath(path)) in kept:
            continue
        try:
            if path.stat().st_mtime >= recent:
                continue  # touched since it was listed: found again by a coach just now
            path.unlink()
        except OSError:
            continue
        total -= size
        removed.append(path)
    return removed
