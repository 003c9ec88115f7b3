"""Who may do what, and how much a request may carry.

Reading is open to clients on the loopback interface (the analyst's own
machine) and, only when the config says `open_reads`, to everyone; writing
always needs the API key. Size limits are checked before a handler runs:
the address length at once, the body while it streams in, so a client that
lies about (or omits) Content-Length is still cut off. Each client address
but loopback has a token bucket: past its burst, a client gets 429 with
Retry-After.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
import math
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from fastapi import Request

from rasad.api.config import Settings
from rasad.api.errors import ApiError, Messages, error_body

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

BEARER = "bearer "
# Scripts, styles, fonts and images only from rasad itself: even if some text
# slipped through unescaped, a browser would refuse to run it.
SECURITY_HEADERS = [
    (
        b"content-security-policy",
        b"default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline';"
        b" object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    ),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
]


def is_loopback(host: str | None) -> bool:
    if not host:
        return False
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return host == "localhost"


def presented_key(headers: Any) -> str:
    """The key a client sent: `X-API-Key`, else `Authorization: Bearer KEY`."""
    key = headers.get("x-api-key") or ""
    if not key:
        auth = headers.get("authorization") or ""
        if auth.lower().startswith(BEARER):
            key = auth[len(BEARER) :]
    return str(key).strip()


def check_key(settings: Settings, key: str) -> None:
    """Raise 401 for a missing key, 403 for a wrong one (or when writing is off)."""
    if not settings.api_key:
        raise ApiError(403, Messages.E075)
    if not key:
        raise ApiError(401, Messages.E073, {"WWW-Authenticate": "Bearer"})
    if not hmac.compare_digest(key.encode("utf-8"), settings.api_key.encode("utf-8")):
        raise ApiError(403, Messages.E074)


def require_key(request: Request) -> None:
    """Dependency of every writing endpoint."""
    check_key(request.app.state.settings, presented_key(request.headers))


class RateLimiter:
    """Token buckets per client: `burst` requests at once, refilled at `rate` per second.

    Buckets live in the event loop's thread (the middleware is async), so no
    lock is needed; the least recently seen are forgotten past `max_clients`,
    which bounds memory whatever addresses arrive.
    """

    def __init__(
        self,
        rate: float,
        burst: int,
        clock: Callable[[], float] = time.monotonic,
        max_clients: int = 10_000,
    ) -> None:
        self.rate, self.burst, self.clock, self.max_clients = rate, burst, clock, max_clients
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()  # tokens, when

    def wait(self, client: str) -> float:
        """Take a token for `client`: 0 when allowed, else the seconds until one is due."""
        if self.rate <= 0:
            return 0.0
        now = self.clock()
        tokens, then = self._buckets.pop(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.rate)
        allowed = tokens >= 1.0
        self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
        if len(self._buckets) > self.max_clients:
            self._buckets.popitem(last=False)
        return 0.0 if allowed else (1.0 - tokens) / self.rate


class Guard:
    """ASGI middleware: rate, address and body size limits, and who may read."""

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.limiter = RateLimiter(settings.rate_per_second, settings.rate_burst)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        s = self.settings
        client = scope.get("client")
        host = str(client[0]) if client else ""
        # The analyst's own machine is not throttled, as it reads without a key.
        wait = 0.0 if is_loopback(host) else self.limiter.wait(host)
        if wait > 0:
            seconds = max(1, math.ceil(wait))
            msg = Messages.E083.format(seconds=seconds)
            await _refuse(send, 429, msg, [(b"retry-after", str(seconds).encode())])
            return
        size = len(scope.get("raw_path") or b"") + len(scope.get("query_string") or b"")
        if size > s.max_url_chars:
            msg = Messages.E077.format(size=size, limit=s.max_url_chars)
            await _refuse(send, 414, msg)
            return
        refusal = self._reader_refusal(scope)
        if refusal is not None:
            await _refuse(send, *refusal)
            return
        declared = _content_length(scope)
        if declared is not None:
            if declared > s.max_body_bytes:
                msg = Messages.E076.format(size=declared, limit=s.max_body_bytes)
                await _refuse(send, 413, msg)
                return
            # The server holds the client to its Content-Length: no more can arrive.
            await self.app(scope, receive, send)
            return
        body = await _read_capped(receive, s.max_body_bytes)
        if body is None:
            msg = Messages.E076.format(size=f"over {s.max_body_bytes}", limit=s.max_body_bytes)
            await _refuse(send, 413, msg)
            return
        await self.app(scope, _replay(body, receive), send)

    def _reader_refusal(self, scope: Scope) -> tuple[int, str] | None:
        if self.settings.open_reads or scope.get("method") not in ("GET", "HEAD"):
            return None  # writes are checked by their endpoint's `require_key`
        client = scope.get("client")
        if is_loopback(client[0] if client else None):
            return None
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        key = presented_key(headers)
        if not key:
            return 401, Messages.E080
        if not self.settings.api_key or not hmac.compare_digest(
            key.encode("utf-8"), self.settings.api_key.encode("utf-8")
        ):
            return 403, Messages.E074
        return None


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name.lower() == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _with_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            message["headers"] = [*message.get("headers", []), *SECURITY_HEADERS]
        await send(message)

    return wrapped


async def _read_capped(receive: Receive, limit: int) -> bytes | None:
    """A body sent without Content-Length (chunked), read whole; None past `limit` bytes."""
    chunks: list[bytes] = []
    size = 0
    while True:
        message = await receive()
        if message["type"] != "http.request":
            return b"".join(chunks)
        chunk = message.get("body", b"")
        size += len(chunk)
        if size > limit:
            return None
        chunks.append(chunk)
        if not message.get("more_body", False):
            return b"".join(chunks)


def _replay(body: bytes, receive: Receive) -> Receive:
    sent = False

    async def replayed() -> Message:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        return await receive()  # after the body: wait for the client to disconnect

    return replayed


async def _refuse(
    send: Send, status: int, message: str, extra: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps(error_body(status, message), ensure_ascii=False).encode("utf-8")
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        *(extra or []),
    ]
    if status == 401:
        headers.append((b"www-authenticate", b"Bearer"))
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})
