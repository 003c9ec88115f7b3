"""Polite HTTP fetching for feeds and the pages they point to.

A `Fetcher` identifies itself (`USER_AGENT`), waits `host_delay` seconds
between two requests to the same host, asks only for what changed
(`If-None-Match` / `If-Modified-Since`, a 304 is an answer, not an error),
stops reading a body at `max_bytes` (streamed, so a huge body costs nothing)
or after `deadline` seconds (a server that trickles bytes never trips a read
timeout), follows at most `max_redirects` redirects and refuses loops and
every scheme but http and https, on the first URL and on each redirect.

It retries what may pass (timeouts, refused or dropped connections, 5xx) with
exponential backoff, and never a 4xx: the server has answered. Nothing
raises: `get` returns a `Fetched` or a `FetchFailure` whose `reason` a summary
can count (`timeout`, `connection`, `http_404`, `http_503`, `too_large`,
`redirects`, `bad_scheme`, `bad_url`, `bad_encoding`, `private_address`).

With `allow_private=False` (what the API uses for URLs its clients send) it
reaches only public addresses, on every hop and at connect time
(`rasad.ingest.addresses`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from types import TracebackType
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpx

from rasad import __version__
from rasad.ingest.files import IngestErrors, InputFailure

PROJECT_URL = "https://github.com/rasad-news/rasad"
USER_AGENT = f"rasad/{__version__} (+{PROJECT_URL})"
ACCEPT_FEED = (
    "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5"
)
ACCEPT_PAGE = "text/html, application/xhtml+xml;q=0.9, */*;q=0.5"
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True, slots=True)
class Fetched:
    """A response: `status` 304 means the copy the caller holds is current (no content)."""

    url: str  # after redirects
    status: int
    content: bytes
    content_type: str = ""
    etag: str = ""
    last_modified: str = ""
    fetched_at: str = ""  # ISO 8601 UTC

    @property
    def not_modified(self) -> bool:
        return self.status == 304


@dataclass(frozen=True, slots=True)
class FetchFailure:
    """Why a URL could not be fetched; `transient` failures may pass on a later try."""

    url: str
    reason: str
    why: str
    transient: bool = False
    retry_after: float = 0.0

    def as_input_failure(self) -> InputFailure:
        return InputFailure(
            self.url, IngestErrors.E032.format(path=self.url, why=self.why), self.reason
        )


@dataclass(frozen=True, slots=True)
class _Redirect:
    location: str


class Fetcher:
    """One HTTP client with the manners above; use as a context manager or `close()` it."""

    def __init__(
        self,
        *,
        user_agent: str = USER_AGENT,
        timeout: float = 20.0,
        deadline: float = 60.0,
        retries: int = 2,
        backoff: float = 1.0,
        max_backoff: float = 30.0,
        host_delay: float = 1.0,
        max_bytes: int = 10_000_000,
        max_redirects: int = 5,
        allow_private: bool = True,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.retries, self.backoff, self.max_backoff = retries, backoff, max_backoff
        self.deadline, self.host_delay = deadline, host_delay
        self.max_bytes, self.max_redirects = max_bytes, max_redirects
        self.sleep, self.clock = sleep, clock
        self.allow_private = allow_private
        self._last: dict[str, float] = {}  # host -> when its last request ended
        guarded: dict[str, Any] = {}
        if not allow_private:
            from rasad.ingest.addresses import public_only_transport

            # No proxy from the environment: the checked address is the one connected to.
            guarded = {"transport": public_only_transport(), "trust_env": False}
        self._client = httpx.Client(
            headers={"User-Agent": user_agent},
            timeout=httpx.Timeout(timeout),
            follow_redirects=False,  # followed by hand: each hop is checked and spaced
            **guarded,
        )

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(
        self, kind: type[BaseException] | None, e: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def get(
        self, url: str, *, etag: str = "", last_modified: str = "", accept: str = ACCEPT_PAGE
    ) -> Fetched | FetchFailure:
        """Fetch `url`, conditionally when `etag` or `last_modified` is given."""
        headers = {"Accept": accept}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        for attempt in range(self.retries + 1):
            result = self._follow(url, headers)
            if isinstance(result, Fetched) or not result.transient or attempt == self.retries:
                return result
            wait = min(self.max_backoff, max(self.backoff * 2**attempt, result.retry_after))
            self.sleep(wait)
        raise AssertionError("unreachable")  # the loop always returns on its last attempt

    def _follow(self, url: str, headers: dict[str, str]) -> Fetched | FetchFailure:
        seen: set[str] = set()
        current = url
        for _ in range(self.max_redirects + 1):
            if problem := check_url(current) or self._check_address(url, current):
                return problem
            if current in seen:
                return FetchFailure(url, "redirects", f"redirect loop at {current}")
            seen.add(current)
            result = self._request(current, headers)
            if not isinstance(result, _Redirect):
                return result
            current = urljoin(current, result.location)
        return FetchFailure(url, "redirects", f"more than {self.max_redirects} redirects")

    def _check_address(self, url: str, current: str) -> FetchFailure | None:
        if self.allow_private:
            return None
        from rasad.ingest.addresses import refusal

        why = refusal(urlsplit(current).hostname or "")
        return FetchFailure(url, "private_address", why) if why else None

    def _request(self, url: str, headers: dict[str, str]) -> Fetched | FetchFailure | _Redirect:
        host = urlsplit(url).netloc.lower()
        self._wait_turn(host)
        start = self.clock()
        try:
            with self._client.stream("GET", url, headers=headers) as r:
                return self._read(url, r, start)
        except httpx.TimeoutException:
            return FetchFailure(url, "timeout", "no answer in time", transient=True)
        except httpx.DecodingError as e:
            return FetchFailure(url, "bad_encoding", f"body does not match its encoding ({e})")
        except httpx.TransportError as e:
            why = " ".join(str(e).split()) or type(e).__name__
            return FetchFailure(url, "connection", why, transient=True)
        except httpx.InvalidURL as e:
            return FetchFailure(url, "bad_url", str(e))
        finally:
            self._last[host] = self.clock()

    def _read(
        self, url: str, r: httpx.Response, start: float
    ) -> Fetched | FetchFailure | _Redirect:
        code = r.status_code
        if code in _REDIRECTS and r.headers.get("location"):
            return _Redirect(r.headers["location"])
        if code >= 400 or code < 200 or code in _REDIRECTS:
            why = f"HTTP {code} {r.reason_phrase}".strip()
            return FetchFailure(url, f"http_{code}", why, code >= 500, _seconds(r.headers))
        length = r.headers.get("content-length", "")
        if length.isdigit() and int(length) > self.max_bytes:
            return self._too_large(url, length)
        body = bytearray()
        for chunk in r.iter_bytes():  # decompressed: the limit holds for what is kept
            body += chunk
            if len(body) > self.max_bytes:
                return self._too_large(url, f"more than {self.max_bytes}")
            if self.clock() - start > self.deadline:
                why = f"body still arriving after {self.deadline:g} s"
                return FetchFailure(url, "timeout", why, transient=True)
        return Fetched(
            url=url,
            status=code,
            content=bytes(body),
            content_type=r.headers.get("content-type", ""),
            etag=r.headers.get("etag", ""),
            last_modified=r.headers.get("last-modified", ""),
            fetched_at=utc_now(),
        )

    def _too_large(self, url: str, size: str) -> FetchFailure:
        return FetchFailure(url, "too_large", f"{size} bytes, over the limit of {self.max_bytes}")

    def _wait_turn(self, host: str) -> None:
        last = self._last.get(host)
        if last is not None:
            wait = last + self.host_delay - self.clock()
            if wait > 0:
                self.sleep(wait)


def check_url(url: str) -> FetchFailure | None:
    """A failure for a URL rasad will not fetch: another scheme, or no host."""
    try:
        parts = urlsplit(url)
    except ValueError as e:
        return FetchFailure(url, "bad_url", str(e))
    if parts.scheme.lower() not in ("http", "https"):
        return FetchFailure(
            url,
            "bad_scheme",
            f"only http and https are fetched, not {parts.scheme or 'a bare path'!r}",
        )
    if not parts.hostname:
        return FetchFailure(url, "bad_url", "no host")
    return None


def utc_now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _seconds(headers: httpx.Headers) -> float:
    """A `Retry-After` given in seconds (a date there is rare and ignored)."""
    value = headers.get("retry-after", "")
    return float(value) if value.isdigit() else 0.0
