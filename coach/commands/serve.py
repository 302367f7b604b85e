"""`coach serve`: the app in a browser (a phone at the bedside), through textual-serve.

Each browser tab gets its own `coach` process (textual-serve starts one per websocket), all
writing to the one journal. Who may connect is decided in coach/core/bedside/access.py: the random
token in the printed link, always; loopback by default, any other address only with `--host`.
The tabs (their number, their messages, their ending) are coach/commands/serve_tabs.py; what
the server prints, serve_log.py.
"""

from __future__ import annotations

import html
import re
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.core.bedside.access import is_loopback, new_token, refusal

if TYPE_CHECKING:
    import argparse

    from aiohttp import web

DEFAULT_PORT = 8000
DEFAULT_HOST = "127.0.0.1"
_HOST_HEADER = re.compile(r"[A-Za-z0-9.\-]+(:\d{1,5})?|\[[0-9A-Fa-f:.]+\](:\d{1,5})?")
# The coach's own page (not textual-serve's stock one): a viewport tag so a phone lays it out at
# its own width, a text size that gives about 44 columns there, dark from the first byte, the
# terminal focused on load, and no web font from the internet (the page asks only this server).
PAGE_FOLDER = Path(__file__).with_name("serve_page")
# The refusal, dark too: the bedside path never flashes a white page.
_REFUSAL_PAGE = (
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<meta name="color-scheme" content="dark"><title>Cramp Coach</title></head>'
    '<body style="background:#140c06;color:#d8964e;font:18px/1.5 monospace;padding:1em">'
    "<p>{text}</p></body></html>\n"
)


def refusal_page(why: str) -> str:
    return _REFUSAL_PAGE.format(text=html.escape(f"coach serve: {why}"))


def app_command(args: argparse.Namespace) -> str:
    """The command each tab runs: this Python's coach, with the sound options given to serve."""
    # COACH_SOUND_TO: the tab's sound plays in its page, on the phone (coach/audio/page_sound.py)
    from coach.audio.page_sound import PAGE, SOUND_TO

    command = ["env", f"{SOUND_TO}={PAGE}", sys.executable, "-m", "coach"]
    if getattr(args, "mute", False):
        command.append("--mute")
    elif getattr(args, "sound", None):
        command += ["--sound", args.sound]
    voice = getattr(args, "voice", None)
    if voice is not None:
        command.append("--voice" if voice else "--no-voice")
    # exec: the shell textual-serve starts becomes the coach, so a signal to it reaches the app
    return "exec " + shlex.join(command)


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


def make_server(args: argparse.Namespace, token: str) -> Any:
    """textual-serve's Server for its public parts: its static files and the AppService each
    tab runs (coach/commands/serve_tabs.py: at most MAX_TABS, their messages clamped, each
    ended with its browser). The web application around them is built here (web_app), so the
    guard is in it from the start: no private hook of textual-serve decides whether the server
    is open."""
    from textual_serve.server import Server

    from coach.commands.serve_log import quiet_logging
    from coach.commands.serve_tabs import Tabs, run_tab

    tabs = Tabs()

    class CoachServer(Server):
        async def handle_index(self, request: web.Request) -> web.StreamResponse:
            import aiohttp_jinja2

            # The page's links are relative to the host the browser used (the phone knows this
            # machine by its LAN address, not by the address bound).
            base = f"http://{request.host}"
            context = {
                "font_size": 16,
                "app_websocket_url": f"ws://{request.host}/ws/{token}",
                "config": {"static": {"url": f"{base}/static/"}},
                "application": {"name": "Cramp Coach"},
            }
            response = aiohttp_jinja2.render_template("app_index.html", request, context)
            response.headers["Cache-Control"] = "no-store"
            response.headers["Referrer-Policy"] = "no-referrer"  # the token stays on this page
            return response

        def initialize_logging(self) -> None:
            quiet_logging(token)  # no access log, no tracebacks: nothing repeats the token

        async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
            return await run_tab(self.command, self.download_manager, tabs, request)

        async def on_shutdown(self, app: web.Application) -> None:
            await tabs.end_all()  # Ctrl+C: every tab's app ends now, its session saved

    return CoachServer(app_command(args), host=args.host, port=args.port, title="Cramp Coach")


def web_app(server: Any, token: str) -> web.Application:
    """The page, the websocket and the static files, every request through the guard."""
    import aiohttp_jinja2
    import jinja2
    from aiohttp import web

    from coach.commands.serve_sound import handle_sound
    from coach.commands.serve_tabs import check_tabs_can_run

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
            loopback_bind=is_loopback(server.host),
        )
        if why is None and not _HOST_HEADER.fullmatch(host_header or ""):
            why = "a Host header this server cannot use"
        if why is not None:
            raise web.HTTPForbidden(text=refusal_page(why), content_type="text/html")
        return await handler(request)

    app = web.Application(middlewares=[guard])
    page = jinja2.FileSystemLoader(PAGE_FOLDER)
    page.get_source(jinja2.Environment(), "app_index.html")  # missing: TemplateNotFound, no serving
    aiohttp_jinja2.setup(app, loader=page, autoescape=True)
    ws_path = f"/ws/{token}"
    app.add_routes(
        [
            web.get("/", server.handle_index, name="index"),
            web.get(ws_path, server.handle_websocket, name="websocket"),
            # the tab's cues and spoken lines, played by its page (coach/audio/page_sound.py)
            web.get("/sound/{kind}/{name}", handle_sound, name="sound"),
            web.static("/static", server.statics_path, name="static"),
        ]
    )
    app.on_shutdown.append(server.on_shutdown)  # Ctrl+C ends the tabs (20 s without)
    check_tabs_can_run()  # what the tabs build on: AttributeError here means "do not serve"
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
    if not args.host.strip():
        # an empty host binds every interface: say 0.0.0.0 for that, knowingly
        print("coach: --host needs an address (0.0.0.0 for every network)", file=sys.stderr)
        return 2
    token = new_token()  # on localhost too: other users and programs share this computer
    server = make_server(args, token)
    try:
        app = web_app(server, token)
    except (AttributeError, OSError, LookupError) as error:  # jinja2's TemplateNotFound too
        # textual-serve changed what this builds on: never serve without the guard.
        print(f"coach: cannot start the server safely ({error!r}); not serving", file=sys.stderr)
        return 1
    if is_loopback(args.host):
        print(f"Cramp Coach on {page_url(args.host, args.port, token)} (this computer only)")
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
