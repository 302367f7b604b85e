"""`coach serve`: the app in a browser (a phone at the bedside), through textual-serve.

Each browser tab gets its own `coach` process (textual-serve starts one per websocket), all
writing to the one journal. Who may connect is decided in coach/core/bedside/access.py: loopback
by default; any other address only with `--host`, and then only with the random token in the URL.
"""

from __future__ import annotations

import re
import shlex
import sys
from typing import TYPE_CHECKING, Any

from coach.core.bedside.access import is_loopback, new_token, refusal

if TYPE_CHECKING:
    import argparse

    from aiohttp import web

DEFAULT_PORT = 8000
DEFAULT_HOST = "127.0.0.1"
_HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")
# The stock page links a web font from the internet: offline (or on a LAN without it) the
# monospace fallback is used anyway, so the page makes no request beyond this server.
_WEB_FONT = re.compile(r"<link\s+rel=\"stylesheet\"\s+href=\"https://fonts\.googleapis[^>]*>")


def app_command(args: argparse.Namespace) -> str:
    """The command each tab runs: this Python's coach, with the sound options given to serve."""
    command = [sys.executable, "-m", "coach"]
    if getattr(args, "mute", False):
        command.append("--mute")
    elif getattr(args, "sound", None):
        command += ["--sound", args.sound]
    return shlex.join(command)


def page_url(host: str, port: int, token: str | None) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/" + (f"?token={token}" if token else "")


def lan_address() -> str | None:
    """This machine's address on its network (no packet is sent), for the URL a phone opens."""
    import socket

    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect(("10.255.255.255", 1))
            return str(probe.getsockname()[0])
    except OSError:
        return None


def make_server(args: argparse.Namespace, token: str | None) -> Any:
    """textual-serve's Server for its public parts only: the websocket that runs one `coach`
    per tab (handle_websocket) and its static files. The web application around them is
    built here (web_app), so the guard is in it from the start: no private hook of
    textual-serve decides whether the server is open."""
    from textual_serve.server import Server

    class CoachServer(Server):
        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            import aiohttp_jinja2

            # The page's links are relative to the host the browser used (the phone knows this
            # machine by its LAN address, not by the address bound).
            base = f"http://{request.host}"
            context = {
                "font_size": 16,
                "app_websocket_url": f"ws://{request.host}" + (f"/ws/{token}" if token else "/ws"),
                "config": {"static": {"url": f"{base}/static/"}},
                "application": {"name": "Cramp Coach"},
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"  # the token stays on this page
            return response

    return CoachServer(app_command(args), host=args.host, port=args.port, title="Cramp Coach")


def web_app(server: Any, token: str | None) -> web.Application:
    """The page, the websocket and the static files, every request through the guard."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web

    @web.middleware
    async def guard(request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith("/static/"):
            return await handler(request)  # textual-serve's own JS and CSS: nothing of the user's
        given = request.query.get("token")
        if token and request.path.startswith("/ws/"):
            given = request.path.removeprefix("/ws/")
        host_header = request.headers.get("Host")
        why = refusal(
            token=token,
            given_token=given,
            host_header=host_header,
            origin=request.headers.get("Origin"),
        )
        if why is None and not _HOST_HEADER.fullmatch(host_header or ""):
            why = "a Host header this server cannot use"
        if why is not None:
            raise web.HTTPForbidden(text=f"coach serve: {why}\n")
        return await handler(request)

    app = web.Application(middlewares=[guard])
    stock = jinja2.FileSystemLoader(server.templates_path)
    page = _WEB_FONT.sub("", stock.get_source(jinja2.Environment(), "app_index.html")[0])
    aiohttp_jinja2.setup(app, loader=jinja2.DictLoader({"app_index.html": page}), autoescape=True)
    ws_path = f"/ws/{token}" if token else "/ws"
    app.add_routes(
        [
            web.get("/", server.handle_index, name="index"),
            web.get(ws_path, server.handle_websocket, name="websocket"),
            web.static("/static", server.statics_path, name="static"),
        ]
    )
    return app


def serve(server: Any, app: web.Application) -> None:
    """What textual-serve's Server.serve does, for the application built here: aiohttp stops
    on Ctrl+C and SIGTERM (its own signal handlers), quietly (coach serve prints its lines)."""
    from aiohttp import web

    server.initialize_logging()
    web.run_app(app, host=server.host, port=server.port, print=lambda *_args: None)


def run_serve(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        print(f"coach: expected a port from 1 to 65535, got {args.port}", file=sys.stderr)
        return 2
    token = None if is_loopback(args.host) else new_token()
    server = make_server(args, token)
    try:
        app = web_app(server, token)
    except (AttributeError, OSError, LookupError) as error:  # jinja2's TemplateNotFound too
        # textual-serve changed what this builds on: never serve without the guard.
        print(f"coach: cannot start the server safely ({error!r}); not serving", file=sys.stderr)
        return 1
    if token is None:
        print(f"Cramp Coach on {page_url(args.host, args.port, None)} (this computer only)")
    else:
        shown = lan_address() if args.host in ("0.0.0.0", "::") else args.host
        print(f"Cramp Coach for your network: {page_url(shown or args.host, args.port, token)}")
        print("Anyone with this link can use the coach, its journal and your routines.")
    print("Ctrl+C stops it.", flush=True)
    try:
        serve(server, app)
    except OSError as error:
        print(f"coach: cannot serve on {args.host}:{args.port}: {error.strerror}", file=sys.stderr)
        return 1
    return 0
