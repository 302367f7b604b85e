"""The voice cache's bound (coach/audio/voice_cache.py): the least recently used WAVs go first,
never one this run knows (it may be playing) or one used in the last hour, never anything that
is not the cache's own; the voice trims on its own thread once its lines are rendered."""

from __future__ import annotations

import io
import os
import time
import wave
from pathlib import Path

import pytest

from coach.audio import voice_cache
from coach.audio.voice import Voice, cache_key, engine_id
from coach.audio.voice_cache import GRACE_SECONDS, touch, trim

DAY = 86400.0
RENDERED = 2000  # bytes of each line BytesEngine renders


def silence(size: int) -> bytes:
    """A playable WAV of exactly `size` bytes (an even size over 44): a damaged cached line is
    rendered again (voice_cache.sound_wav), so the cache's lines must be real WAVs."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(8000)
        w.writeframes(b"\0\0" * ((size - 44) // 2))
    return buffer.getvalue()


class BytesEngine:
    """An engine whose every line is RENDERED bytes (trimming reads sizes, not sound)."""

    def render(self, text: str, path: Path) -> None:
        path.write_bytes(silence(RENDERED))


def wav(cache: Path, text: str, size: int, days_ago: float) -> Path:
    """A cached line of `size` bytes, last used `days_ago`."""
    path = cache / cache_key(text, engine_id("fake"), 1.0)
    path.write_bytes(silence(size))
    when = time.time() - days_ago * DAY
    os.utime(path, (when, when))
    return path


def test_the_least_recently_used_go_first_until_the_cache_fits(tmp_path: Path) -> None:
    files = [wav(tmp_path, f"line {n}", 1000, days_ago=10 - n) for n in range(6)]
    removed = trim(tmp_path, max_bytes=3500)
    assert removed == files[:3]  # oldest first, and no more than needed
    assert [f.exists() for f in files] == [False] * 3 + [True] * 3
    assert trim(tmp_path, max_bytes=3500) == []  # it fits now


def test_a_line_used_again_is_the_last_to_go(tmp_path: Path) -> None:
    old, older = wav(tmp_path, "old", 1000, days_ago=2), wav(tmp_path, "older", 1000, days_ago=3)
    touch(older)  # found again by a later run
    assert trim(tmp_path, max_bytes=1000) == [old]
    assert older.exists()


def test_kept_and_recent_files_stay_even_over_the_limit(tmp_path: Path) -> None:
    playing = wav(tmp_path, "playing", 1000, days_ago=5)
    recent = wav(tmp_path, "another window", 1000, days_ago=(GRACE_SECONDS - 60) / DAY)
    old = wav(tmp_path, "old", 1000, days_ago=1)
    assert trim(tmp_path, max_bytes=0, keep=[playing]) == [old]
    assert playing.exists() and recent.exists()


def test_only_the_caches_own_wavs_are_counted_or_removed(tmp_path: Path) -> None:
    (tmp_path / "no-voice-noticed").write_bytes(b"")
    others = [tmp_path / name for name in ("notes.wav", "no-voice-noticed", ".abc.wav.1.2.tmp")]
    for other in others:
        other.write_bytes(b"\0" * 5000)
        os.utime(other, (0, 0))
    (tmp_path / ("a" * 32 + ".wav")).mkdir()  # a folder with a cache name: left alone
    line = wav(tmp_path, "line", 1000, days_ago=9)
    assert trim(tmp_path, max_bytes=1000) == []  # 1000 bytes of its own: fits
    assert trim(tmp_path, max_bytes=999) == [line]
    assert all(other.exists() for other in others)


def test_a_missing_or_unreadable_cache_is_no_error(tmp_path: Path) -> None:
    assert trim(tmp_path / "nowhere", max_bytes=0) == []
    touch(tmp_path / "nowhere" / "x.wav")  # nothing to touch: nothing happens


def test_the_voice_trims_on_its_thread_after_rendering_keeping_its_own_lines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    oldest = [wav(tmp_path, f"earlier {n}", 1000, days_ago=30 - n) for n in range(4)]
    found = wav(tmp_path, "Rest.", 1000, days_ago=40)  # the oldest, but wanted again
    voice = Voice("fake", cache=tmp_path, factory=lambda name, speed: BytesEngine())
    voice.want(["Rest.", "Go.", "Again."])
    monkeypatch.setattr(voice_cache, "MAX_BYTES", 2 * RENDERED + 1000 + 2 * 1000)
    assert all(f.exists() for f in [*oldest, found])  # nothing removed before it starts
    voice.start()
    deadline = time.monotonic() + 5.0
    while oldest[1].exists():
        assert time.monotonic() < deadline, "never trimmed"
        time.sleep(0.01)
    voice.close(wait=2.0)
    assert [f.exists() for f in oldest] == [False, False, True, True]  # two oldest went
    assert found.exists() and time.time() - found.stat().st_mtime < 60  # touched, kept
    assert voice.path("Go.") is not None and voice.path("Again.") is not None


def test_a_damaged_or_empty_wav_is_not_sound_and_goes(tmp_path: Path) -> None:
    from coach.audio.voice_cache import sound_wav

    good = tmp_path / "good.wav"
    good.write_bytes(silence(64))
    assert sound_wav(good) and good.exists()
    for name, data in (("cut.wav", silence(64)[:30]), ("text.wav", b"x"), ("none", silence(44))):
        bad = tmp_path / name
        bad.write_bytes(data)
        assert not sound_wav(bad) and not bad.exists()
