"""`coach serve` builds its own web application around textual-serve's public parts, so the
guard (loopback, or the random token) is in every application it serves; if textual-serve
changes under it, it refuses to start rather than serve without the guard."""

from __future__ import annotations

import argparse
from typing import Any

import pytest
from aiohttp.test_utils import TestClient, TestServer
from textual_serve.server import Server

from coach.commands import serve


def lan_args(**extra: Any) -> argparse.Namespace:
    return argparse.Namespace(host="0.0.0.0", port=8765, mute=True, sound=None, **extra)


def run_capturing(monkeypatch: pytest.MonkeyPatch) -> tuple[int, list[Any]]:
    """run_serve with serving itself replaced: what it would have served, and its status."""
    served: list[Any] = []
    monkeypatch.setattr(serve, "serve", lambda server, app: served.append((server, app)))
    monkeypatch.setattr(serve, "lan_address", lambda: "192.0.2.7")
    return serve.run_serve(lan_args()), served


async def test_what_it_serves_refuses_a_request_without_the_token(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    status, served = run_capturing(monkeypatch)
    assert status == 0 and len(served) == 1
    token = capsys.readouterr().out.split("?token=")[1].split()[0]
    _server, app = served[0]
    async with TestClient(TestServer(app)) as client:
        headers = {"Host": "192.0.2.7:8765"}
        refused = await client.get("/", headers=headers)
        assert refused.status == 403
        assert "coach serve" in await refused.text()
        assert (await client.get("/ws", headers=headers)).status in (403, 404)
        page = await client.get(f"/?token={token}", headers=headers)
        assert page.status == 200
        assert f"/ws/{token}" in await page.text()


def test_it_refuses_to_start_when_textual_serve_changed(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # As if a new textual-serve renamed what each tab is run with.
    from textual_serve.app_service import AppService

    monkeypatch.delattr(AppService, "set_terminal_size")
    status, served = run_capturing(monkeypatch)
    assert status == 1
    assert served == []  # nothing was served, guarded or not
    assert "not serving" in capsys.readouterr().err


def test_the_public_parts_of_textual_serve_it_builds_on_are_there() -> None:
    # The canary: fails the day textual-serve renames or drops one of them.
    server = Server("true", host="127.0.0.1", port=8765)
    assert callable(server.handle_websocket)
    assert callable(server.initialize_logging)
    assert (server.templates_path / "app_index.html").is_file()
    assert server.statics_path.is_dir()
    assert (server.host, server.port) == ("127.0.0.1", 8765)


async def test_the_page_and_the_refusal_are_for_a_phone_and_dark(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _status, served = run_capturing(monkeypatch)
    token = capsys.readouterr().out.split("?token=")[1].split()[0]
    _server, app = served[0]
    async with TestClient(TestServer(app)) as client:
        headers = {"Host": "192.0.2.7:8765"}
        refused = await client.get("/", headers=headers)
        assert refused.content_type == "text/html"
        text = await refused.text()
        assert "background:#140c06" in text and 'name="viewport"' in text  # no white page
        page = await (await client.get(f"/?token={token}", headers=headers)).text()
        assert '<meta name="viewport" content="width=device-width' in page
        # Dark before any script or style sheet has loaded: the first style in the page.
        assert page.index("background: #140c06") < page.index("xterm.css")
        assert "googleapis" not in page  # nothing asked of the internet
