"""A hostile store: the API fixture store plus feed items and names made of markup.

The feed items arrive the way an analyst's feeds do: a real feed server on
127.0.0.1 is polled by rasad's own poller and collector, so the payloads go
through parsing, analysis and storage before any page shows them. Every
payload, if it ran, would set `window.__xss`; the browser test checks it
stays unset.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from xml.sax.saxutils import escape as xml_escape

import pytest
from fastapi.testclient import TestClient

from rasad.api import Settings, create_app
from rasad.model import Article, Mention
from rasad.store import open_store
from tests.api.conftest import KEY, LOCAL, client, fixture_db, store
from tests.loopback import serving

__all__ = ["KEY", "LOCAL", "client", "fixture_db", "store"]

# Raw markup that must never reach a page unescaped.
SCRIPT = "<script>window.__xss='script'</script>"
IMG = "<img src=x onerror=\"window.__xss='img'\">"
SVG = '"><svg onload="window.__xss=\'attr\'">'
LINK = "javascript:window.__xss='link'"
PAYLOADS = (SCRIPT, IMG, SVG)
FEED_NAME = "<b onmouseover=\"window.__xss='source'\">feed</b>"
ENTITY_NAME = "<img src=x onerror=\"window.__xss='entity'\">"

BODY = (
    "وزیر امور خارجه روز دوشنبه در تهران گفت که گفت‌وگوها ادامه دارد و هشدار داد "
    "که هیچ توافقی بدون ضمانت امضا نمی‌شود. "
)
ITEMS = (
    # (title, link path or absolute link, author, text)
    (IMG + " هشدار درباره توافق", LINK, SCRIPT, BODY + SCRIPT + " " + BODY),
    (SVG + " گفت‌وگو در تهران", "/news/2", IMG, BODY + IMG + " " + BODY),
    (SCRIPT + " بیانیه", "/news/3", SVG, BODY + SVG + " " + BODY),
)


def rss(base: str) -> bytes:
    """A feed whose titles, links, authors and summaries all carry markup (escaped as XML)."""
    parts = ['<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title>']
    for i, (title, link, author, text) in enumerate(ITEMS):
        href = link if link.startswith("javascript:") else base + link
        parts.append(
            f"<item><title>{xml_escape(title)}</title><link>{xml_escape(href)}</link>"
            f"<author>{xml_escape(author)}</author><guid>item-{i}</guid>"
            f"<pubDate>Mon, 0{i + 1} Apr 2024 08:00:00 GMT</pubDate>"
            f"<description>{xml_escape(xml_escape(text))}</description></item>"
        )
    parts.append("</channel></rss>")
    return "".join(parts).encode("utf-8")


def page(i: int) -> bytes:
    """An item's page: markup as text in the title, byline and paragraphs."""
    title, _, author, text = ITEMS[i]
    html = (
        f"<html><head><title>{xml_escape(title)}</title>"
        f'<meta name="author" content="{xml_escape(author)}"></head><body><article>'
        f"<h1>{xml_escape(title)}</h1>"
        + "".join(f"<p>{xml_escape(text)} بند {n}.</p>" for n in range(4))
        + "</article></body></html>"
    )
    return html.encode("utf-8")


class FeedSite(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        base = f"http://{self.headers['Host']}"
        if self.path == "/feed.xml":
            self._send(rss(base), "application/rss+xml")
        elif self.path.startswith("/news/") and self.path[6:].isdigit():
            self._send(page(int(self.path[6:]) - 1), "text/html; charset=utf-8")
        else:
            self.send_error(404)

    def _send(self, body: bytes, kind: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def feed_site() -> Iterator[str]:
    with serving(FeedSite) as base:
        yield base


def entity_article() -> Article:
    """An article made by hand whose one name (and its id) is an image with onerror."""
    text = "گزارشی کوتاه درباره " + ENTITY_NAME + " و دیدار او."
    start = text.index(ENTITY_NAME)
    mention = Mention(
        start,
        start + len(ENTITY_NAME),
        ENTITY_NAME,
        "PER",
        entity_id="doc:PER:" + ENTITY_NAME,
        name_en=ENTITY_NAME,
        source="test",
    )
    return Article.from_raw(
        text,
        text=text,
        title="گزارش دست‌ساز " + SVG,
        source=FEED_NAME,
        language="fa",
        published_at=datetime(2024, 4, 22, tzinfo=UTC),
        mentions=(mention,),
    )


@pytest.fixture(scope="session")
def hostile_db(fixture_db: Path, feed_site: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture store, copied, plus the hostile feed polled once and a hostile entity."""
    from rasad.ingest.collect import Collector
    from rasad.ingest.feeds import FeedConfig, MemoryState, watch
    from rasad.ingest.fetch import Fetcher

    path = tmp_path_factory.mktemp("security") / "hostile.db"
    shutil.copy(fixture_db, path)
    with open_store(str(path)) as s, Fetcher(host_delay=0, retries=0) as fetcher:
        collector = Collector(s)
        feed = FeedConfig(feed_site + "/feed.xml", name=FEED_NAME, language="fa")
        summary = watch([feed], MemoryState(), collector, fetcher=fetcher, cycles=1)
        assert summary.new == len(ITEMS), summary
        s.add_article(entity_article())
    return path


@pytest.fixture(scope="session")
def hostile(hostile_db: Path) -> Iterator[TestClient]:
    """An in-process client of the hostile store, on loopback."""
    with (
        open_store(str(hostile_db)) as s,
        TestClient(create_app(s, Settings(api_key=KEY)), client=LOCAL) as c,
    ):
        yield c
