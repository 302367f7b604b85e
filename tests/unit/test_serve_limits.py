"""What a browser tab may send `coach serve`: sizes held to a screen, anything else dropped;
and the one private part of textual-serve the tabs use, checked against the installed one."""

from __future__ import annotations

import asyncio
import json
from argparse import Namespace

import pytest

from coach.commands.serve import app_command
from coach.commands.serve_limits import HEIGHTS, WIDTHS, clamp_size, query_size, read_message
from coach.commands.serve_tabs import Tabs, tab_process


def test_sizes_are_held_to_what_a_screen_can_be() -> None:
    assert clamp_size(100, 30) == (100, 30)
    assert clamp_size(100_000, 100_000) == (WIDTHS[1], HEIGHTS[1])
    assert clamp_size(-5, 0) == (WIDTHS[0], HEIGHTS[0])
    assert clamp_size(10**40, 1) == (WIDTHS[1], HEIGHTS[0])


@pytest.mark.parametrize("width", ["100", 1.5, None, True, [], {}, float("nan")])
def test_anything_but_a_whole_number_is_not_a_size(width: object) -> None:
    assert clamp_size(width, 30) is None and clamp_size(30, width) is None


def test_the_first_size_comes_from_the_url_or_is_80_by_24() -> None:
    assert query_size("120", "40") == (120, 40)
    assert query_size("100000", "-3") == (WIDTHS[1], HEIGHTS[0])
    assert query_size("wide", "40") == (80, 24) and query_size(None, None) == (80, 24)
    assert query_size("1" * 5000, "40") == (80, 24)  # past int()'s digit limit: unreadable


def message(*parts: object) -> str:
    return json.dumps(list(parts))


def test_the_page_s_messages_are_read() -> None:
    assert read_message(message("stdin", "h")) == ("stdin", "h")
    size = {"width": 100_000, "height": 100_000}
    assert read_message(message("resize", size)) == ("resize", (WIDTHS[1], HEIGHTS[1]))
    assert read_message(message("ping", "1700000000")) == ("ping", "1700000000")
    assert read_message(message("blur")) == ("blur", None)
    assert read_message(message("focus")) == ("focus", None)


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "{}",
        "[]",
        "[5]",
        message("stdin", 5),
        message("stdin", "x" * 100_000),
        message("resize", "big"),
        message("resize", {"width": "100", "height": 30}),
        message("resize", {"width": -1}),
        message("ping", "p" * 10_000),
        message("ping", {"a": 1}),
        message("quit"),
        "[" * 100_000,
        "[" + "1" * 10_000 + "]",
    ],
)
def test_anything_else_is_dropped(text: str) -> None:
    assert read_message(text) is None


def test_tabs_are_counted_before_they_start() -> None:
    tabs = Tabs(limit=2)
    assert tabs.reserve() and tabs.reserve() and not tabs.reserve()
    tabs.release()
    assert tabs.reserve()


def test_sound_and_voice_options_reach_the_tabs() -> None:
    muted = app_command(Namespace(mute=True, sound=None, voice=False))
    assert muted.startswith("exec ") and muted.endswith("-m coach --mute --no-voice")
    assert app_command(Namespace(mute=False, sound="bell", voice=True)).endswith(
        "--sound bell --voice"
    )
    assert app_command(Namespace(mute=False, sound=None, voice=None)).endswith("-m coach")


def test_textual_serve_s_app_service_still_keeps_its_process_where_we_read_it() -> None:
    """Canary: serve_tabs reads AppService's private `_process` to end a tab that does not
    quit. If textual-serve moves it, this fails before a tab outlives its browser."""
    from textual_serve.app_service import AppService
    from textual_serve.download_manager import DownloadManager

    async def start_one() -> None:
        async def nothing(*_args: object) -> None:
            return None

        service = AppService(
            "exec sleep 30",
            write_bytes=nothing,
            write_str=nothing,
            close=nothing,
            download_manager=DownloadManager(),
        )
        await service.start(80, 24)
        process = tab_process(service)
        assert process is not None and process.returncode is None
        process.kill()
        await process.wait()

    asyncio.run(start_one())


def test_a_tab_that_does_not_quit_is_signalled(monkeypatch: pytest.MonkeyPatch) -> None:
    """`sleep` never reads the "quit" textual-serve writes: end_tab ends it with SIGTERM."""
    from textual_serve.app_service import AppService
    from textual_serve.download_manager import DownloadManager

    from coach.commands import serve_tabs

    monkeypatch.setattr(serve_tabs, "QUIT_GRACE", 0.2)

    async def end_a_deaf_tab() -> int | None:
        async def nothing(*_args: object) -> None:
            return None

        service = AppService(
            "exec sleep 30",
            write_bytes=nothing,
            write_str=nothing,
            close=nothing,
            download_manager=DownloadManager(),
        )
        await service.start(80, 24)
        process = tab_process(service)
        assert process is not None
        await serve_tabs.end_tab(service)
        return await asyncio.wait_for(process.wait(), 5)

    assert asyncio.run(end_a_deaf_tab()) == -15  # SIGTERM, not left running


def test_the_parts_of_app_service_the_tabs_use_are_there() -> None:
    """Canary: serve_tabs runs each tab through textual-serve's AppService (its constructor,
    start, stop, send_bytes, set_terminal_size, blur, focus); fails the day one goes."""
    import inspect

    from textual_serve.app_service import AppService

    made = inspect.signature(AppService).parameters
    assert {"command", "write_bytes", "write_str", "close", "download_manager"} <= set(made)
    for name, arguments in (
        ("start", ["width", "height"]),
        ("stop", []),
        ("send_bytes", ["data"]),
        ("set_terminal_size", ["width", "height"]),
        ("blur", []),
        ("focus", []),
    ):
        method = getattr(AppService, name)
        assert inspect.iscoroutinefunction(method), name
        assert list(inspect.signature(method).parameters)[1:] == arguments, name
