"""Who may talk to `coach serve`: the rules, apart from the web server.

Every request needs the random token from the printed link, on localhost too: another user or
program on this computer could otherwise open the coach and read the journal (Jupyter's server
asks the same). A browser page from another site must not drive the app either: a websocket is
not bound by CORS, so its Origin (when a browser sends one) must be the page's own host. On a
loopback bind the Host header must also be a loopback name (a DNS-rebinding page names its
own host).
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets

LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1", "[::1]")
NEED_TOKEN = "a token is needed: open the link coach serve printed"


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


def same_token(given: str, token: str) -> bool:
    """Constant-time comparison of bytes: compare_digest refuses str with non-ASCII characters
    (it raised on `?token=%C3%A9`), and whatever a request carries must only ever mean "no"."""
    return hmac.compare_digest(
        given.encode("utf-8", "surrogatepass"), token.encode("utf-8", "surrogatepass")
    )


def refusal(
    *,
    token: str,
    given_token: str | None,
    host_header: str | None,
    origin: str | None,
    loopback_bind: bool,
) -> str | None:
    """Why a request must be refused (one line), or None when it may go on.

    `token` is the server's; `given_token` what the request carried; `loopback_bind` whether the
    server listens on this computer only. Anything odd in a request is a refusal, never an
    error: this runs before the request is trusted."""
    try:
        return _refusal(token, given_token, host_header, origin, loopback_bind)
    except Exception:  # noqa: BLE001 - a request that breaks a rule's reading is refused
        return NEED_TOKEN


def _refusal(
    token: str,
    given_token: str | None,
    host_header: str | None,
    origin: str | None,
    loopback_bind: bool,
) -> str | None:
    if not token or given_token is None or not same_token(given_token, token):
        return NEED_TOKEN
    if loopback_bind and (host_header is None or not is_loopback(host_name(host_header))):
        return "this server answers only to localhost"
    if origin is not None and host_header is not None:
        if origin.lower() not in (
            f"http://{host_header.lower()}",
            f"https://{host_header.lower()}",
        ):
            return "a page from another site may not drive the coach"
    return None
