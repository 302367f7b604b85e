"""Who may talk to `coach serve`: the rules, apart from the web server.

Loopback (the default) needs no token, but a browser page from another site must not drive the
app: a websocket is not bound by CORS, so its Origin (when a browser sends one) must be the page's
own host, and the Host header a loopback name (a DNS-rebinding page names its own host). Any
other address needs the random token in the URL: a LAN is not a trust boundary, and the app
writes routines and a journal.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")


def new_token() -> str:
    """128 random bits, URL-safe."""
    return secrets.token_urlsafe(16)


def is_loopback(host: str) -> bool:
    """Does binding `host` keep the server on this machine?"""
    name = host.strip().strip("[]").lower()
    if name == "localhost":
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


def host_name(host_header: str) -> str:
    """The name part of a Host header: 'example:8000' -> 'example', '[::1]:8000' -> '::1'."""
    header = host_header.strip().lower()
    if header.startswith("["):
        return header[1:].partition("]")[0]
    return header.rpartition(":")[0] if header.count(":") == 1 else header


def refusal(
    *,
    token: str | None,
    given_token: str | None,
    host_header: str | None,
    origin: str | None,
) -> str | None:
    """Why a request must be refused (one line), or None when it may go on.

    `token` is the server's (None on loopback); `given_token` what the request carried."""
    if token is not None:
        if given_token is None or not hmac.compare_digest(given_token, token):
            return "a token is needed: open the URL coach serve printed"
    elif host_header is None or not is_loopback(host_name(host_header)):
        return "this server answers only to localhost"
    if origin is not None and host_header is not None:
        if origin.lower() not in (
            f"http://{host_header.lower()}",
            f"https://{host_header.lower()}",
        ):
            return "a page from another site may not drive the coach"
    return None
