"""A coach serve tab's sound goes to its page (coach/audio/page_sound.py): the messages, the one
choice of where sound goes, the server's translation for the page (serve_tabs.page_message, with
a canary on textual-serve's open_url), and the sound files it hands out, behind the token and by
their own names only."""

from __future__ import annotations

import argparse
import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer

from coach.audio import page_sound
from coach.audio.cues import Cues
from coach.audio.page_sound import (
    BELL_URL,
    PAGE,
    SOUND_TO,
    PagePlayer,
    choose_player,
    play_url,
    read_url,
    stop_url,
)
from coach.audio.voice import cache_dir
from coach.commands.serve_sound import sound_path
from coach.commands.serve_tabs import page_message
from coach.core.paths import builtin_dir

VOICE_NAME = "0123456789abcdef0123456789abcdef.wav"


def test_play_stop_and_bell_are_read_back() -> None:
    assert read_url(play_url(7, "cue", "step.wav")) == {"play": 7, "sound": "cue/step.wav"}
    assert read_url(play_url(8, "voice", VOICE_NAME)) == {"play": 8, "sound": f"voice/{VOICE_NAME}"}
    assert read_url(stop_url(8)) == {"stop": 8}
    assert read_url(BELL_URL) == {"bell": True}


@pytest.mark.parametrize(
    "url",
    [
        "coach-sound:play/1/cue/../../etc/passwd",
        "coach-sound:play/1/cue/%2e%2e%2fx.wav",
        "coach-sound:play/1/cue/siren.wav",  # not one of the cues
        "coach-sound:play/1/voice/notes.wav",  # not a cache name
        "coach-sound:play/1/voice/0123456789ABCDEF0123456789ABCDEF.wav",
        "coach-sound:play/1/other/step.wav",
        "coach-sound:play/x/cue/step.wav",
        "coach-sound:play/1/cue/step.wav/",
        "coach-sound:stop/",
        "coach-sound:bell/1",
        "https://example.com/",
        None,
    ],
)
def test_anything_else_is_not_a_sound_message(url: object) -> None:
    assert read_url(url) is None


def test_a_name_that_is_not_a_sound_cannot_be_sent() -> None:
    with pytest.raises(ValueError):
        play_url(1, "cue", "../step.wav")


def test_the_player_sends_cues_and_lines_and_stops_them(tmp_path: Path) -> None:
    sent: list[str] = []
    sounds, voices = tmp_path / "sounds", tmp_path / "voice"
    player = PagePlayer(sent.append, sounds, voices)
    cue = player(sounds / "step.wav", block=False)
    line = player(voices / VOICE_NAME)
    assert cue is not None and line is not None
    line.stop()
    assert sent == [play_url(1, "cue", "step.wav"), play_url(2, "voice", VOICE_NAME), stop_url(2)]
    assert player(tmp_path / "elsewhere" / "step.wav") is None  # not a file the server hands out
    assert sent[-1] == BELL_URL  # its moment is still marked


def test_a_message_that_cannot_be_sent_is_dropped(tmp_path: Path) -> None:
    def gone(_url: str) -> None:
        raise RuntimeError("the app has ended")

    player = PagePlayer(gone, tmp_path, tmp_path)
    handle = player(tmp_path / "tick.wav")
    assert handle is not None
    handle.stop()  # no exception: Cues must not take it for a broken sound device


def test_cues_through_the_page_player_play_there_and_mute_stops_them() -> None:
    sent: list[str] = []
    sounds = builtin_dir("sounds")
    cues = Cues(mode="auto", sounds_dir=sounds, player=PagePlayer(sent.append, sounds, cache_dir()))
    assert cues.loaded and cues.warm_up() is None  # no playsound3 to load on the server
    cues.play("switch")
    cues.mute = True
    cues.play("done")
    assert sent == [play_url(1, "cue", "switch.wav"), stop_url(1)]
    assert cues.mode == "auto" and cues.notice is None


def test_the_page_is_chosen_only_in_a_served_tab(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(SOUND_TO, raising=False)
    assert choose_player(is_web=True, send=print) is None  # textual-serve's own page: not ours
    monkeypatch.setenv(SOUND_TO, PAGE)
    assert choose_player(is_web=False, send=print) is None  # a terminal: its speakers
    assert isinstance(choose_player(is_web=True, send=print), PagePlayer)


def open_url_message(url: str) -> str:
    return json.dumps(["open_url", {"url": url, "new_tab": True}])


def test_the_server_turns_a_sound_into_the_page_s_message() -> None:
    sent = page_message(open_url_message(play_url(3, "cue", "tick.wav")))
    assert sent is not None and json.loads(sent) == [
        "coach_sound",
        {"play": 3, "sound": "cue/tick.wav"},
    ]
    # a malformed sound is dropped, never opened as a link by the page
    assert page_message(open_url_message("coach-sound:play/3/cue/../../x")) is None
    for other in (open_url_message("https://example.com/"), '["pong", "1"]', "not json"):
        assert page_message(other) == other


def test_textual_serve_still_words_open_url_as_the_server_reads_it() -> None:
    """Canary: a tab's sound travels as Textual's open_url meta; textual-serve's AppService
    turns it into the text message serve_tabs.page_message reads."""
    from textual_serve.app_service import AppService
    from textual_serve.download_manager import DownloadManager

    written: list[str] = []

    async def keep(text: str) -> None:
        written.append(text)

    async def nothing(*_args: object) -> None:
        return None

    service = AppService(
        "true",
        write_bytes=nothing,
        write_str=keep,
        close=nothing,
        download_manager=DownloadManager(),
    )
    meta = {"type": "open_url", "url": play_url(4, "cue", "done.wav"), "new_tab": True}
    asyncio.run(service.on_meta(json.dumps(meta).encode()))
    assert [page_message(text) for text in written] == [
        json.dumps(["coach_sound", {"play": 4, "sound": "cue/done.wav"}])
    ]


def test_only_the_cues_and_cached_lines_are_sound_files(coach_home: Path) -> None:
    assert sound_path("cue", "step.wav") == builtin_dir("sounds") / "step.wav"
    assert sound_path("voice", VOICE_NAME) is None  # not rendered
    cache_dir().mkdir(parents=True)
    (cache_dir() / VOICE_NAME).write_bytes(b"RIFF")
    assert sound_path("voice", VOICE_NAME) == cache_dir() / VOICE_NAME
    (cache_dir() / "no-voice-noticed").touch()
    for kind, name in (
        ("voice", "no-voice-noticed"),
        ("cue", "make_cues.py"),
        ("cue", "../sounds/step.wav"),
        ("voice", "../../cache/voice/" + VOICE_NAME),
        ("cues", "step.wav"),
    ):
        assert sound_path(kind, name) is None, (kind, name)


async def test_the_sound_route_is_behind_the_token_and_lets_no_path_through(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from coach.commands import serve

    served: list[Any] = []
    monkeypatch.setattr(serve, "serve", lambda server, app: served.append((server, app)))
    monkeypatch.setattr(serve, "lan_address", lambda: "192.0.2.7")
    serve.run_serve(argparse.Namespace(host="0.0.0.0", port=8765, mute=True, sound=None))
    token = capsys.readouterr().out.split("?token=")[1].split()[0]
    _server, app = served[0]
    headers = {"Host": "192.0.2.7:8765"}
    async with TestClient(TestServer(app)) as client:
        refused = await client.get("/sound/cue/step.wav", headers=headers)
        assert refused.status == 403
        wrong = await client.get("/sound/cue/step.wav?token=x" + token, headers=headers)
        assert wrong.status == 403
        page = await (await client.get(f"/?token={token}", headers=headers)).text()
        assert page.index("coach_sound") < page.index('js/textual.js"')  # listening before it runs
        sound = await client.get(f"/sound/cue/step.wav?token={token}", headers=headers)
        assert sound.status == 200 and sound.content_type == "audio/wav"
        assert await sound.read() == (builtin_dir("sounds") / "step.wav").read_bytes()
        for path in (
            "/sound/cue/..%2F..%2Fpyproject.toml",
            "/sound/cue/%2e%2e/%2e%2e/pyproject.toml",
            "/sound/cue/../../pyproject.toml",
            "/sound/voice/..%2Fvoice%2Fno-voice-noticed",
            f"/sound/voice/{VOICE_NAME}",
            "/sound/cue/make_cues.py",
        ):
            response = await client.get(f"{path}?token={token}", headers=headers)
            assert response.status == 404, (path, response.status)
            assert b"[project]" not in await response.read()


def test_serve_marks_its_tabs_for_the_page() -> None:
    from coach.commands.serve import app_command

    assert f"env {page_sound.SOUND_TO}={page_sound.PAGE} " in app_command(
        argparse.Namespace(mute=False, sound=None, voice=None)
    )


def test_textual_js_still_opens_its_websocket_where_the_page_listens() -> None:
    """Canary for serve_page/page_sound.js (the e2e test plays for real where chromium is): it
    hears the tab's messages by wrapping window.WebSocket before textual.js opens its socket,
    and textual.js must let a message it does not know pass (its switch has no default)."""
    from textual_serve.server import Server

    bundle = (Server("true").statics_path / "js" / "textual.js").read_text(encoding="utf-8")
    assert bundle.count("new WebSocket(") == 1
    handler = bundle[
        bundle.index('case"open_url"') - 200 : bundle.index('case"deliver_file_start"')
    ]
    assert "default:" not in handler
