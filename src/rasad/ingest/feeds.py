"""RSS and Atom feeds to articles, polled on a schedule, each item fetched once.

`watch` polls every feed of a list (`load_feeds`: a TOML file of `[[feed]]`
tables) when its `interval` is due; `FeedPoller.poll` does one feed: fetch it
conditionally (a 304 costs nothing), parse it (feedparser), and for each item
not seen before fetch its page, extract the article (`rasad.ingest.html`) and
hand it to a sink. An item whose page fails or holds no article is taken from
the feed's own summary when the feed has one.

What was seen survives restarts through a `PollState` (the store keeps it in
its database; `JsonState` is a file for standalone use): an item is marked
seen once its article reached the sink or its page failed for good, so it is
never fetched twice. A page that failed for now (timeout, refused connection,
5xx after retries) is tried again on later polls, up to `MAX_ATTEMPTS`; a host
that timed out is not asked again until the next poll.

Nothing here raises for one bad feed or page: each failure goes to `report`
with a coded message and is counted by reason in the `Summary`.
"""

from __future__ import annotations

import calendar
import json
import os
import threading
import time
import tomllib
from collections import Counter
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from rasad.errors import InputError
from rasad.ingest.fetch import ACCEPT_FEED, Fetched, Fetcher, FetchFailure, utc_now
from rasad.ingest.files import InputDoc, InputFailure, Result, Summary, _Page, fail
from rasad.ingest.html import read_page

DEFAULT_INTERVAL = 900.0
MAX_ATTEMPTS = 3
_TRACKING = ("utm_", "at_", "fbclid", "gclid", "ocid", "ref_src")
_FEED_TYPES = ("xml", "rss", "atom")

Sink = Callable[[InputDoc], bool | None]  # False: the store already had it
Report = Callable[[InputFailure], None]


@dataclass(frozen=True, slots=True)
class FeedConfig:
    """One feed of the list: where it is and what the outlet is."""

    url: str
    name: str = ""
    country: str = ""  # ISO 3166 alpha-2 of the outlet
    language: str = ""  # fa, prs, tg...
    interval: float = DEFAULT_INTERVAL  # seconds between polls


@dataclass(frozen=True, slots=True)
class FeedItem:
    link: str
    title: str = ""
    summary: str = ""  # plain text: the item's content or summary, whichever is longer
    published: str = ""  # ISO 8601 UTC when the feed's date parses, else as given
    author: str = ""
    guid: str = ""

    @property
    def keys(self) -> tuple[str, ...]:
        """What identifies the item across feeds and restarts: its URL and its guid."""
        keys = [f"url:{canonical_url(self.link)}"] if self.link else []
        if self.guid and self.guid != self.link:
            keys.append(f"id:{self.guid}")
        return tuple(keys)


class PollState(Protocol):
    """What a poller must remember between runs (the store implements it too)."""

    def seen(self, key: str) -> bool: ...

    def mark_seen(self, key: str, meta: Mapping[str, Any]) -> None: ...

    def get_http_cache(self, url: str) -> tuple[str, str] | None: ...

    def set_http_cache(self, url: str, etag: str, last_modified: str) -> None: ...


class MemoryState:
    """A `PollState` that forgets at exit: for one-off reads of a feed."""

    def __init__(self) -> None:
        self.keys: dict[str, dict[str, Any]] = {}
        self.http: dict[str, tuple[str, str]] = {}

    def seen(self, key: str) -> bool:
        return key in self.keys

    def mark_seen(self, key: str, meta: Mapping[str, Any]) -> None:
        self.keys[key] = dict(meta)

    def get_http_cache(self, url: str) -> tuple[str, str] | None:
        return self.http.get(url)

    def set_http_cache(self, url: str, etag: str, last_modified: str) -> None:
        self.http[url] = (etag, last_modified)


class JsonState(MemoryState):
    """A `PollState` in a JSON-lines journal: one line per change, appended and flushed.

    Appending keeps each change O(1) and a crash loses at most the line being
    written (a torn last line is ignored on load). The journal is rewritten
    compactly when it holds twice as many lines as live entries.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)
        self._lines = 0
        if self.path.exists():
            self._load()
        self._file = self.path.open("a", encoding="utf-8")

    def mark_seen(self, key: str, meta: Mapping[str, Any]) -> None:
        super().mark_seen(key, meta)
        self._append({"seen": key, "meta": dict(meta)})

    def set_http_cache(self, url: str, etag: str, last_modified: str) -> None:
        super().set_http_cache(url, etag, last_modified)
        self._append({"http": url, "etag": etag, "last_modified": last_modified})

    def close(self) -> None:
        self._file.close()

    def _append(self, entry: dict[str, Any]) -> None:
        self._file.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._file.flush()
        self._lines += 1
        if self._lines > 2 * (len(self.keys) + len(self.http)) + 100:
            self._compact()

    def _load(self) -> None:
        lines = self.path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(lines, 1):
            try:
                entry = json.loads(line)
                if "seen" in entry:
                    self.keys[entry["seen"]] = entry.get("meta", {})
                else:
                    self.http[entry["http"]] = (entry["etag"], entry["last_modified"])
            except (ValueError, KeyError, TypeError) as e:
                if n < len(lines):  # only the last line may be torn by a crash
                    raise InputError(f"{self.path}:{n}: not a poll state line ({e})") from None
        self._lines = len(lines)

    def _compact(self) -> None:
        tmp = self.path.with_suffix(self.path.suffix + ".tmp")
        with tmp.open("w", encoding="utf-8") as f:
            for key, meta in self.keys.items():
                f.write(json.dumps({"seen": key, "meta": meta}, ensure_ascii=False) + "\n")
            for url, (etag, modified) in self.http.items():
                entry = {"http": url, "etag": etag, "last_modified": modified}
                f.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._file.close()
        os.replace(tmp, self.path)
        self._file = self.path.open("a", encoding="utf-8")
        self._lines = len(self.keys) + len(self.http)


def load_feeds(path: str | os.PathLike[str] | None = None) -> list[FeedConfig]:
    """The `[[feed]]` tables of a TOML file (the shipped list when `path` is None)."""
    if path is None:
        data = resources.files("rasad.resources").joinpath("feeds.toml").read_text("utf-8")
        where = "rasad/resources/feeds.toml"
    else:
        where = str(path)
        try:
            data = Path(path).read_text(encoding="utf-8")
        except OSError as e:
            raise InputError(f"{where}: cannot read ({e.strerror or type(e).__name__})") from None
    try:
        tables = tomllib.loads(data).get("feed", [])
    except tomllib.TOMLDecodeError as e:
        raise InputError(f"{where}: not valid TOML ({e})") from None
    feeds = []
    for n, table in enumerate(tables, 1):
        url = table.get("url") if isinstance(table, dict) else None
        interval = table.get("interval", DEFAULT_INTERVAL) if isinstance(table, dict) else 0
        if not isinstance(url, str) or not isinstance(interval, int | float) or interval <= 0:
            raise InputError(f"{where}: feed {n} needs a url and a positive interval in seconds")
        fields = {k: str(table.get(k, "")) for k in ("name", "country", "language")}
        feeds.append(FeedConfig(url, interval=float(interval), **fields))
    return feeds


def parse_feed(data: bytes, url: str) -> tuple[list[FeedItem], InputFailure | None]:
    """The items of an RSS or Atom document; a failure when it is neither.

    feedparser reads a damaged feed as far as it can: its items are kept and
    the damage is returned as the failure beside them.
    """
    import feedparser

    try:
        parsed = feedparser.parse(
            data, response_headers={"content-location": url, "content-type": "application/xml"}
        )
    except Exception as e:  # noqa: BLE001 - e.g. an XML declaration naming a garbled encoding
        return [], fail(url, "bad_feed", why=f"its encoding cannot be read: {type(e).__name__}")
    damage = None
    if parsed.get("bozo"):
        why = " ".join(str(parsed.get("bozo_exception", "")).split()) or "malformed"
        damage = fail(url, "bad_feed", why=why)
    if not parsed.get("version") and not parsed.entries:
        return [], damage or fail(url, "bad_feed", why="no RSS or Atom root element")
    items = [item for e in parsed.entries if (item := _item(e)).keys]
    return items, damage


def canonical_url(url: str) -> str:
    """A URL as an identity: no scheme, fragment or tracking parameters; host in lower case."""
    parts = urlsplit(strip_tracking(url))
    host = (parts.hostname or "").removeprefix("www.")
    port = f":{parts.port}" if parts.port and parts.port not in (80, 443) else ""
    return f"{host}{port}{parts.path or '/'}" + (f"?{parts.query}" if parts.query else "")


def strip_tracking(url: str) -> str:
    """A URL without its fragment and its tracking parameters (utm_*, at_*, fbclid...)."""
    parts = urlsplit(url.strip())
    pairs = parse_qsl(parts.query, keep_blank_values=True)
    query = [(k, v) for k, v in pairs if not k.lower().startswith(_TRACKING)]
    return urlunsplit(parts._replace(query=urlencode(query), fragment=""))


class FeedPoller:
    """Polls feeds one at a time; `poll` never raises for a bad feed or page.

    An error raised by the sink (the store) is not a bad page: it propagates,
    and the item it was given is not marked seen.
    """

    def __init__(
        self,
        state: PollState,
        sink: Sink,
        fetcher: Fetcher | None = None,
        report: Report | None = None,
    ) -> None:
        self.state, self.sink = state, sink
        self.fetcher = fetcher or Fetcher()
        self.report: Report = report or (lambda failure: None)
        self._attempts: Counter[str] = Counter()  # transient page failures per item
        self._down: set[str] = set()  # hosts that timed out during the current poll

    def poll(self, feed: FeedConfig) -> Summary:
        """Fetch one feed (conditionally) and every new item's page; counts by outcome."""
        cache = self.state.get_http_cache(feed.url) or ("", "")
        got = self.fetcher.get(feed.url, etag=cache[0], last_modified=cache[1], accept=ACCEPT_FEED)
        summary = Summary()
        if isinstance(got, FetchFailure):
            self.report(got.as_input_failure())
            summary.failed[f"feed_{got.reason}"] += 1
        elif got.not_modified:
            summary.skipped["not_modified"] += 1
        else:
            summary = self.read_feed(feed, got)
        return summary

    def read_feed(self, feed: FeedConfig, got: Fetched) -> Summary:
        """Every new item of a fetched feed."""
        summary = Summary()
        self._down = set()
        items, damage = parse_feed(got.content, feed.url)
        if damage is not None:
            self.report(damage)
            if not items:
                summary.failed["bad_feed"] += 1
                return summary
        pending = 0
        for item in items:
            summary.read += 1
            pending += not self._item(feed, item, summary)
        if (got.etag or got.last_modified) and not pending:
            # Remembered only once every item is settled: a 304 would hide the rest.
            self.state.set_http_cache(feed.url, got.etag, got.last_modified)
        return summary

    def _item(self, feed: FeedConfig, item: FeedItem, summary: Summary) -> bool:
        """Handle one item; False when it is left for a later poll."""
        if any(self.state.seen(key) for key in item.keys):
            summary.duplicate += 1
            return True
        host = urlsplit(item.link).netloc.lower()
        if host and host in self._down:
            summary.failed["host_unavailable"] += 1
            return False
        doc = self._article(feed, item, summary)
        if doc is None:
            return False
        if isinstance(doc, InputFailure):
            summary.failed[doc.reason] += 1
        elif self.sink(doc) is False:
            summary.duplicate += 1
        else:
            summary.new += 1
        outcome = "failed" if isinstance(doc, InputFailure) else "stored"
        meta = {"feed": feed.url, "at": utc_now(), "outcome": outcome}
        for key in item.keys:
            self.state.mark_seen(key, meta)
        self._attempts.pop(item.keys[0], None)
        return True

    def _article(self, feed: FeedConfig, item: FeedItem, summary: Summary) -> Result | None:
        """The item's article; None when its page failed for now and will be tried again."""
        if not item.link:
            got: Fetched | FetchFailure = FetchFailure(feed.url, "no_link", "the item has no link")
        else:
            got = self.fetcher.get(item.link)
        if isinstance(got, FetchFailure):
            if got.reason in ("timeout", "connection"):
                self._down.add(urlsplit(item.link).netloc.lower())
            self.report(got.as_input_failure())
            key = item.keys[0]
            if got.transient and self._attempts[key] + 1 < MAX_ATTEMPTS:
                self._attempts[key] += 1
                summary.failed[got.reason] += 1
                return None
            page: Result = got.as_input_failure()
        else:
            page = _read(got)
        if isinstance(page, InputDoc):
            if len(page.text) < len(item.summary):  # the page held less than the feed says
                summary.fallback["short_page"] += 1
                page = replace(page, text=item.summary)
            return _with_feed(page, feed, item)
        if isinstance(got, Fetched):  # a fetch failure was reported above
            self.report(page)
        doc = _from_summary(page, feed, item)
        if isinstance(doc, InputDoc):
            summary.fallback[page.reason] += 1
        return doc


def watch(
    feeds: Sequence[FeedConfig],
    state: PollState,
    sink: Sink,
    *,
    fetcher: Fetcher | None = None,
    report: Report | None = None,
    on_poll: Callable[[FeedConfig, Summary], None] | None = None,
    stop: threading.Event | None = None,
    cycles: int | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Summary:
    """Poll each feed whenever its interval is due, until `stop` is set or `cycles` rounds ran.

    A round polls every feed that is due; the loop then sleeps until the next
    one is. All feeds are due at start, so a restart catches up at once
    (conditional requests keep that cheap).
    """
    stop = stop or threading.Event()
    poller = FeedPoller(state, sink, fetcher, report)
    due = [0.0] * len(feeds)
    total, rounds = Summary(), 0
    while feeds and not stop.is_set():
        for i, feed in enumerate(feeds):
            if due[i] <= clock() and not stop.is_set():
                summary = poller.poll(feed)
                due[i] = clock() + feed.interval
                total.add(summary)
                if on_poll:
                    on_poll(feed, summary)
        rounds += 1
        if cycles is not None and rounds >= cycles:
            break
        stop.wait(max(0.0, min(due) - clock()))
    return total


def read_url(
    url: str, fetcher: Fetcher | None = None, report: Report | None = None
) -> Iterator[Result]:
    """The article at `url`, or every item's article when `url` is a feed (for `rasad ingest URL`)."""
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        got = fetcher.get(url, accept=f"{ACCEPT_FEED}, text/html;q=0.9")
        if isinstance(got, FetchFailure):
            yield got.as_input_failure()
        elif not _is_feed(got):
            yield _read(got)
        else:
            docs: list[InputDoc] = []
            failures: list[InputFailure] = []
            FeedPoller(MemoryState(), docs.append, fetcher, failures.append).read_feed(
                FeedConfig(url), got
            )
            yield from docs
            taken = {d.path for d in docs}  # an item taken from its summary failed only in part
            yield from (f for f in failures if f.path not in taken)
    finally:
        if own:
            fetcher.close()


def _read(got: Fetched) -> Result:
    return read_page(
        got.url, got.content, url=got.url, content_type=got.content_type, fetched_at=got.fetched_at
    )


def _is_feed(got: Fetched) -> bool:
    kind = got.content_type.split(";")[0].lower()
    if any(t in kind for t in _FEED_TYPES):
        return True
    head = got.content[:512].lstrip().lower()
    return head.startswith((b"<rss", b"<feed", b"<rdf")) or (
        head.startswith(b"<?xml") and b"<html" not in head
    )


def _with_feed(doc: InputDoc, feed: FeedConfig, item: FeedItem) -> InputDoc:
    """The page's article with what the feed list and the item add; the page wins where both say."""
    return replace(
        doc,
        url=strip_tracking(doc.url),
        title=doc.title or item.title,
        published=doc.published or item.published,
        author=doc.author or item.author,
        source=feed.name or doc.source,
        language=feed.language or doc.language,
        country=feed.country or doc.country,
    )


def _from_summary(failure: InputFailure, feed: FeedConfig, item: FeedItem) -> Result:
    """The item's own summary when its page gave no article, else the failure itself."""
    if not item.summary.strip():
        return failure
    note = f"{item.link or feed.url}: the article is the feed's summary ({failure.reason})"
    return InputDoc(
        item.link or feed.url,
        item.summary,
        title=item.title,
        url=strip_tracking(item.link),
        published=item.published,
        warnings=(note,),
        author=item.author,
        source=feed.name,
        language=feed.language,
        country=feed.country,
        fetched_at=utc_now(),
    )


def _item(entry: Any) -> FeedItem:
    texts = [c.get("value", "") for c in entry.get("content", [])] + [entry.get("summary", "")]
    summary = max((_plain(t) for t in texts if t), key=len, default="")
    when = entry.get("published_parsed") or entry.get("updated_parsed")
    published = (
        datetime.fromtimestamp(calendar.timegm(when), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        if when
        else entry.get("published", entry.get("updated", ""))
    )
    return FeedItem(
        link=entry.get("link", ""),
        title=" ".join(entry.get("title", "").split()),
        summary=summary,
        published=published,
        author=entry.get("author", ""),
        guid=entry.get("id", ""),
    )


def _plain(html: str) -> str:
    page = _Page()
    page.feed(html)
    page.close()
    page.flush()
    return "\n".join(page.lines)
