"""No other web page the person's browser visits can touch their data through this app.

backbridge listens on the person's own computer and has no accounts: whoever can send it a
request can read and change the training log. A browser can be made to send requests by any
page it shows, so :class:`Guard`, a pure ASGI middleware around the whole app (HTTP and
WebSocket alike), refuses three kinds of them:

- **Another address (DNS rebinding).** A page on ``evil.example`` can point its own name at
  127.0.0.1 and then read the app as if it were its own site. Its requests still say
  ``Host: evil.example``, so the app answers only when the ``Host`` is 127.0.0.1, localhost,
  [::1] or the address ``backbridge serve --host`` listens on (:class:`AllowedHosts`);
  anything else gets 421. For a wildcard address (0.0.0.0, ::) any IP address and the
  computer's name are accepted too: a name an attacker controls still is not.
- **Changes from another page (cross-site request forgery).** A page can post a form or open a
  WebSocket to 127.0.0.1 without reading the answer. Every request that may change something
  (any method but GET, HEAD and OPTIONS, and the WebSocket handshake) must come from the app's
  own pages: its ``Origin`` (or, without one, its ``Referer``) must be the app's own origin, the
  scheme and ``Host`` of the request; ``Origin: null`` (sandboxed frames, local files) is
  refused. Refusals are 403 with the app's ``{"error": ...}`` in words for a person.
- **Being framed, sniffed or scripted.** Every HTTP response carries a Content-Security-Policy
  (scripts, styles, images and connections from the app itself only; no inline script or
  style; no framing), ``X-Content-Type-Options: nosniff``, ``Referrer-Policy: same-origin`` and
  ``X-Frame-Options: DENY``.

Why Origin rather than synchronizer tokens: browsers send ``Origin`` on every cross-origin
POST, PUT, PATCH, DELETE and WebSocket handshake, and a page cannot forge or remove it, so
checking it covers every form, htmx request, ``fetch`` and socket of the app with no token to
render into pages, keep in a session or send from JavaScript (the app keeps no sessions or
cookies at all). Requests with neither ``Origin`` nor ``Referer`` come from programs, not from
pages a browser shows (scripts, curl, tests), and are let through, as is every GET: the
same-origin policy already keeps other pages from reading the answers, and the host check
keeps rebinding pages out.
"""

from __future__ import annotations

import ipaddress
import json
import socket
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

LOOPBACK = ("127.0.0.1", "localhost", "::1")
"""Host names the app always answers to."""
WILDCARDS = frozenset({"0.0.0.0", "::"})
"""Listening addresses meaning every interface: requests may then name any IP address."""
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
"""Methods that change nothing; every other one must come from the app's own pages."""
DEFAULT_PORTS = {"http": 80, "https": 443}
POLICY_VIOLATION = 1008
MISDIRECTED = 421
FORBIDDEN = 403
NAME_CHARACTERS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-._")
SHOWN_CHARACTERS = 80
"""At most this much of a refused Host or Origin is repeated in the message."""

CHANGES_REFUSED = "backbridge only accepts changes from its own pages"


def normal_host(name: str) -> str:
    """``name`` as compared: lower case, without brackets or a final dot; IP addresses in
    their one short form (``0:0::1`` is ``::1``)."""
    name = name.strip().lower().removeprefix("[").removesuffix("]").removesuffix(".")
    try:
        return str(ipaddress.ip_address(name))
    except ValueError:
        return name


def split_host(header: str) -> tuple[str, int | None] | None:
    """The host and port of a ``Host`` header (``None`` for no port); ``None`` when it is not
    a host with an optional port."""
    value = header.strip()
    if value.startswith("["):
        end = value.find("]")
        host, rest = value[: end + 1], value[end + 1 :]
        if end < 0:
            return None
    else:
        host, colon, port_text = value.partition(":")
        rest = colon + port_text
    if rest and not (rest.startswith(":") and rest[1:].isascii() and rest[1:].isdigit()):
        return None
    host = normal_host(host)
    if not (is_ip_address(host) or (host and set(host) <= NAME_CHARACTERS)):
        return None
    return host, int(rest[1:]) if rest else None


def is_ip_address(name: str) -> bool:
    try:
        ipaddress.ip_address(name)
    except ValueError:
        return False
    return True


@dataclass(frozen=True)
class AllowedHosts:
    """The names the app answers to: the loopback ones and those it was started with."""

    names: frozenset[str]
    any_ip_address: bool = False

    @classmethod
    def of(cls, hosts: Iterable[str] = ()) -> AllowedHosts:
        """Loopback plus ``hosts`` (``backbridge serve --host``); a wildcard address adds every
        IP address and this computer's name."""
        extra = {normal_host(host) for host in hosts if host.strip()}
        wildcard = bool(extra & WILDCARDS)
        if wildcard:
            extra.add(normal_host(socket.gethostname()))
        return cls(frozenset({*LOOPBACK, *extra}), wildcard)

    def allow(self, host: str) -> bool:
        return host in self.names or (self.any_ip_address and is_ip_address(host))


def origin_of(url: str) -> tuple[str, str, int] | None:
    """``(scheme, host, port)`` of an http(s) URL; ``None`` for anything else."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return scheme, normal_host(parts.hostname), port or DEFAULT_PORTS[scheme]


def shown(text: str) -> str:
    """Untrusted header text as a message may repeat it: printable and short."""
    printable = "".join(c for c in text if c.isprintable())
    if len(printable) > SHOWN_CHARACTERS:
        return printable[: SHOWN_CHARACTERS - 1] + "…"
    return printable


def content_security_policy(socket_origin: str | None) -> str:
    """The policy of every response; ``socket_origin`` (``ws://127.0.0.1:8000``) is named in
    connect-src because not every browser counts WebSockets to its own host as 'self'."""
    connect = "'self'" if socket_origin is None else f"'self' {socket_origin}"
    return "; ".join(
        (
            "default-src 'self'",
            # MediaPipe Pose compiles its WebAssembly; nothing is evaluated from text.
            "script-src 'self' 'wasm-unsafe-eval'",
            "style-src 'self'",
            "img-src 'self' data: blob:",
            f"connect-src {connect}",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'none'",
            "form-action 'self'",
        )
    )


def security_headers(socket_origin: str | None) -> list[tuple[bytes, bytes]]:
    return [
        (b"content-security-policy", content_security_policy(socket_origin).encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"referrer-policy", b"same-origin"),
        (b"x-frame-options", b"DENY"),
    ]


@dataclass(frozen=True)
class Refusal:
    status: int
    message: str


class Guard:
    """The ASGI middleware: the host check, the same-origin check for changes, the headers."""

    def __init__(self, app: ASGIApp, hosts: AllowedHosts) -> None:
        self.app = app
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        host_header = headers.get("host")
        wrong_host = self.check_host(scope, host_header)
        refusal = wrong_host
        if refusal is None and (
            scope["type"] == "websocket" or scope["method"].upper() not in SAFE_METHODS
        ):
            refusal = check_origin(scope, headers, host_header)
        if scope["type"] == "websocket":
            if refusal is None:
                await self.app(scope, receive, send)
            else:
                await refuse_socket(scope, receive, send, refusal)
            return

        # A Host that was refused is not repeated in the policy.
        extra = security_headers(None if wrong_host else _socket_origin(scope, host_header))

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                message = dict(message)
                message["headers"] = [
                    *message.get("headers", []),
                    *((name, value) for name, value in extra if name not in present),
                ]
            await send(message)

        if refusal is None:
            await self.app(scope, receive, send_with_headers)
        else:
            await refuse_request(scope, receive, send_with_headers, refusal)

    def check_host(self, scope: Scope, host_header: str | None) -> Refusal | None:
        if host_header is None:
            return None  # HTTP/1.0 without a Host: a program, never a browser
        parsed = split_host(host_header)
        if parsed is not None and self.hosts.allow(parsed[0]):
            return None
        return Refusal(
            MISDIRECTED,
            f"this request was addressed to {shown(host_header)}, which is not backbridge's "
            f"address: it answers only at {_own_address(scope)} (another web site may be "
            "trying to reach your data through this computer)",
        )


def check_origin(
    scope: Scope, headers: Mapping[str, str], host_header: str | None
) -> Refusal | None:
    """``None`` when a change may go ahead: it came from one of the app's pages, or from a
    program that sends neither Origin nor Referer."""
    own = _own_origin(scope, host_header)
    origin = headers.get("origin")
    if origin is not None:
        if origin.strip().lower() == "null":
            return Refusal(
                FORBIDDEN,
                "this request came from a page without an address of its own (Origin: null, "
                f"such as a local file or a sandboxed frame); {CHANGES_REFUSED}",
            )
        if own is None or origin_of(origin) != own:
            return Refusal(
                FORBIDDEN,
                f"this request came from another web page ({shown(origin)}); {CHANGES_REFUSED}",
            )
        return None
    referer = headers.get("referer")
    if referer is not None:
        source = origin_of(referer)
        if own is None or source != own:
            where = f"{source[0]}://{_netloc(source)}" if source else "an unknown address"
            return Refusal(
                FORBIDDEN,
                f"this request came from another web page ({shown(where)}); {CHANGES_REFUSED}",
            )
        return None
    if headers.get("sec-fetch-site", "same-origin").lower() not in ("same-origin", "none"):
        return Refusal(FORBIDDEN, f"this request came from another web site; {CHANGES_REFUSED}")
    return None


async def refuse_request(scope: Scope, receive: Receive, send: Send, refusal: Refusal) -> None:
    """The refusal as the app shows errors: ``{"error": ...}`` under /api/, a page elsewhere."""
    from starlette.requests import Request

    from backbridge.web.problems import error_response

    request = Request(scope, receive)
    if "app" in scope and hasattr(scope["app"].state, "templates"):
        response = error_response(request, refusal.status, refusal.message)
    else:
        from starlette.responses import JSONResponse

        response = JSONResponse({"error": refusal.message}, status_code=refusal.status)
    await response(scope, receive, send)


async def refuse_socket(scope: Scope, receive: Receive, send: Send, refusal: Refusal) -> None:
    """Refuse the handshake before accepting it: an HTTP answer with the ``{"error": ...}``
    where the server can send one, otherwise a close with 1008 (the client sees a 403)."""
    message = await receive()
    if message["type"] != "websocket.connect":
        return
    if "websocket.http.response" in scope.get("extensions", {}):
        body = json.dumps({"error": refusal.message}).encode()
        await send(
            {
                "type": "websocket.http.response.start",
                "status": refusal.status,
                "headers": [
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    *security_headers(None),
                ],
            }
        )
        await send({"type": "websocket.http.response.body", "body": body})
        return
    await send({"type": "websocket.close", "code": POLICY_VIOLATION, "reason": ""})


def _headers(scope: Scope) -> dict[str, str]:
    """The request's headers by lower-case name (the first of repeated ones)."""
    found: dict[str, str] = {}
    for name, value in scope.get("headers", []):
        found.setdefault(name.decode("latin-1").lower(), value.decode("latin-1"))
    return found


def _own_address(scope: Scope) -> str:
    """``http://127.0.0.1:8000/``: the address a person should open, from where the server
    listens (127.0.0.1 for a wildcard address)."""
    server = scope.get("server")
    host, port = (server[0], server[1]) if server and server[0] else ("127.0.0.1", None)
    if host in WILDCARDS:
        host = "127.0.0.1"
    scheme = "https" if _secure(scope) else "http"
    return f"{scheme}://{_netloc((scheme, host, port or DEFAULT_PORTS[scheme]))}/"


def _netloc(origin: tuple[str, str, int]) -> str:
    scheme, host, port = origin
    name = f"[{host}]" if ":" in host else host
    return name if port == DEFAULT_PORTS[scheme] else f"{name}:{port}"


def _secure(scope: Scope) -> bool:
    return str(scope.get("scheme", "http")) in ("https", "wss")


def _own_origin(scope: Scope, host_header: str | None) -> tuple[str, str, int] | None:
    """The origin of the app's own pages for this request: its scheme and Host."""
    scheme = "https" if _secure(scope) else "http"
    if host_header is None:
        server = scope.get("server")
        if not server:
            return None
        return scheme, normal_host(server[0]), server[1] or DEFAULT_PORTS[scheme]
    parsed = split_host(host_header)
    if parsed is None:
        return None
    return scheme, parsed[0], parsed[1] or DEFAULT_PORTS[scheme]


def _socket_origin(scope: Scope, host_header: str | None) -> str | None:
    """``ws://`` and the Host (checked by then) for connect-src; ``None`` without a Host."""
    if host_header is None or split_host(host_header) is None:
        return None
    return f"{'wss' if _secure(scope) else 'ws'}://{host_header.strip().lower()}"
