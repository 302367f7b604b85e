"""Render the relief path's spoken lines ahead, so even the first cramp is spoken at once.

    texts = relief_texts()                    # every line `coach now` (and --foot) can say
    warmer = Warmer(voice).start()            # after an app's first frame: low priority, a thread
    warmer.close(wait=3.0)                    # at exit: stop after the line being rendered
    result = warm(voice, texts, lock_wait=60) # `coach say --warm`: in this thread

Without this, a first cramp with an empty voice cache heard its first line about 1.35 s after
the text showed (the engine loads, then renders). pip cannot do it at install: a wheel runs no
code when it is installed, and the cache depends on the voice and speed chosen later. So the
app does it in the background once any screen has painted (home, history...; a player renders
its own lines), and `coach say --warm` does it by hand.

- The lines come from the code that speaks them (script.routine_texts over the relief
  routines as `coach now` loads them, and script.urgent_lines over the urgent help text), not
  from a copied list.
- Never twice at once: a lock file in the cache (`warming.lock`, an OS lock, so a crashed
  coach never leaves it held); a coach that finds it held leaves the work to the other.
- Low priority: the rendering thread (and the espeak-ng it starts) runs at nice 19 on Linux.
- Writes are atomic: Voice.render_now writes a temporary file and renames it.
Importing this module costs only the standard library.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from coach.audio.voice import Voice

LOCK_NAME = "warming.lock"
LOW_PRIORITY = 19  # nice value of the warming thread (Linux): it only uses what is left over
STALE_TMP_SECONDS = 600.0  # a half-written line this old was left by a coach that was killed


def relief_texts(with_urgent: bool = True) -> list[str]:
    """What the relief path can say: every relief routine in the catalog (the home screen's
    "I'm cramping now" and foot buttons run these, a user's own override included; `coach now`
    runs the same routines from their compiled copy), `cramp-now` first, then urgent help's
    spoken lines. Unreadable parts are left out: rendering ahead is a courtesy, never an error."""
    from coach.audio.script import routine_texts

    texts: dict[str, None] = {}
    for routine in relief_routines():
        texts.update(dict.fromkeys(routine_texts(routine)))
    if with_urgent:
        texts.update(dict.fromkeys(urgent_texts()))
    return list(texts)


def relief_routines() -> list[Any]:
    """The catalog's relief routines, the one `coach now` runs first; [] if it cannot load."""
    try:
        from coach.core.routines.catalog import load_catalog

        routines = load_catalog().routines
    except Exception:  # noqa: BLE001 - the app says what is wrong with a file when it runs it
        return []
    found = [routine for routine in routines.values() if routine.relief]
    return sorted(found, key=lambda routine: (routine.id != "cramp-now", routine.id))


def urgent_texts() -> list[str]:
    """The urgent screen's spoken lines, built as coach/ui/screens/urgent.py builds them."""
    try:
        from coach.audio.script import urgent_lines
        from coach.core.guidance.call_numbers import resolve
        from coach.core.guidance.checklist import load_warning_signs, urgent_help_text
        from coach.core.settings import load_settings

        settings = load_settings()
        advice = resolve(settings.emergency_number, settings.region, os.environ)
        spoken = urgent_help_text(load_warning_signs(), advice.number, advice.advice_line)
        return [line.text for line in urgent_lines(spoken)]
    except Exception:  # noqa: BLE001 - the relief lines matter more than this one
        return []


@dataclass
class WarmResult:
    rendered: list[str] = field(default_factory=list)
    cached: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (text, why)
    busy: bool = False  # another coach held the lock: nothing was done here
    stopped: bool = False  # asked to stop before the last line


@contextmanager
def warm_lock(cache: Path, wait: float = 0.0, poll: float = 0.1) -> Any:
    """Hold the cache's warming lock; yields True when held, False when another process holds
    it (after waiting up to `wait` s) or the cache cannot be written."""
    handle = _open_lock(cache)
    if handle is None:
        yield False
        return
    try:
        deadline = time.monotonic() + wait
        while not _try_lock(handle):
            if time.monotonic() >= deadline:
                yield False
                return
            time.sleep(poll)
        try:
            yield True
        finally:
            _unlock(handle)
    finally:
        handle.close()


def _open_lock(cache: Path) -> IO[bytes] | None:
    try:
        cache.mkdir(parents=True, exist_ok=True)
        return open(cache / LOCK_NAME, "a+b")  # noqa: SIM115 - held for the with block's life
    except OSError:
        return None


def _try_lock(handle: IO[bytes]) -> bool:
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


def _unlock(handle: IO[bytes]) -> None:
    try:
        if sys.platform == "win32":
            import msvcrt

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl

            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
    except OSError:
        pass  # closing the file releases it anyway


def warm(
    voice: Voice,
    texts: Iterable[str],
    lock_wait: float = 0.0,
    should_stop: Callable[[], bool] = lambda: False,
) -> WarmResult:
    """Render every text not yet in the voice's cache, under the cache's lock. A line the
    engine cannot say is noted and skipped; nothing here raises for one line."""
    result = WarmResult()
    cache = voice.cache
    with warm_lock(cache, wait=lock_wait) as held:
        if not held:
            result.busy = True
            return result
        _remove_stale_temporaries(cache)
        for text in dict.fromkeys(texts):
            if should_stop():
                result.stopped = True
                break
            if voice.path(text) is not None:
                result.cached.append(text)
                continue
            try:
                voice.render_now(text)
            except Exception as err:  # noqa: BLE001 - one line must not stop the others
                result.failed.append((text, f"{type(err).__name__}: {err}"))
            else:
                result.rendered.append(text)
        if result.rendered:
            from coach.audio.voice_cache import trim

            keep = [voice.file_for(text) for text in (*result.rendered, *result.cached)]
            trim(cache, keep=keep)  # the cache's bound holds; never raises
    return result


def _remove_stale_temporaries(cache: Path, older_than: float = STALE_TMP_SECONDS) -> None:
    """Half-written lines a killed coach left (Voice._write's `.NAME.PID.THREAD.tmp`): nothing
    else removes them, as the cache's trim only counts its own WAVs. Old ones only: a coach
    rendering for a player right now may be writing one."""
    limit = time.time() - older_than
    try:
        for path in cache.glob(".*.wav.*.tmp"):
            try:
                if path.stat().st_mtime < limit:
                    path.unlink()
            except OSError:
                continue
    except OSError:
        pass


def lower_this_thread() -> None:
    """Nice this thread (Linux: a thread has its own nice value, and the espeak-ng it starts
    inherits it). Elsewhere there is no per-thread nice: the thread stays as it is."""
    if not sys.platform.startswith("linux"):
        return
    try:
        tid = threading.get_native_id()
        os.setpriority(
            os.PRIO_PROCESS, tid, max(os.getpriority(os.PRIO_PROCESS, tid), LOW_PRIORITY)
        )
    except (OSError, AttributeError):
        pass


class Warmer:
    """Renders the relief lines in one low-priority daemon thread, once."""

    def __init__(self, voice: Voice, texts: Callable[[], list[str]] = relief_texts) -> None:
        self.voice = voice
        self._texts = texts
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        self.result: WarmResult | None = None  # once done (tests and the bench read it)

    def start(self) -> Warmer:
        if self._thread is None:
            self._thread = threading.Thread(target=self._run, name="coach-warm", daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        lower_this_thread()
        try:
            self.result = warm(self.voice, self._texts(), should_stop=self._stop.is_set)
        except Exception:  # noqa: BLE001 - a courtesy in the background: never an error
            self.result = WarmResult(stopped=True)
        finally:
            self.voice.unload()  # the app lives on; the engine's memory need not

    @property
    def done(self) -> bool:
        return self._thread is not None and not self._thread.is_alive()

    def close(self, wait: float = 0.0) -> None:
        """Stop after the line being rendered; `wait`: join for up to that long (piper inside
        a daemon thread as Python exits aborts the process: coach/audio/voice.py)."""
        self._stop.set()
        thread = self._thread
        if wait > 0 and thread is not None and thread.is_alive():
            thread.join(wait)
