import json
import threading
import time
from pathlib import Path

import pytest

from rasad.errors import InputError
from rasad.ingest.feeds import (
    FeedConfig,
    FeedPoller,
    JsonState,
    MemoryState,
    canonical_url,
    load_feeds,
    parse_feed,
    read_url,
    watch,
)
from rasad.ingest.fetch import Fetcher
from rasad.ingest.files import InputDoc, InputFailure
from tests.ingest.server import FIXTURES, Reply, Request, Server

SNOW_PAGE = "<html><body><h1>برف</h1><video src='/v.mp4'></video><p>ویدئو: برف</p></body></html>"


def fetcher() -> Fetcher:
    return Fetcher(timeout=0.4, retries=1, backoff=0.01, host_delay=0.0, max_bytes=300_000)


def etag_route(body: bytes, etag: str = '"v1"'):  # type: ignore[no-untyped-def]
    def route(request: Request) -> Reply:
        if request.headers.get("if-none-match") == etag:
            return Reply(304)
        return Reply(body=body, headers={"Content-Type": "application/rss+xml", "ETag": etag})

    return route


def serve_newsroom(server: Server) -> list[FeedConfig]:
    """The feeds and pages of the tests; every kind of trouble at least once."""
    server.route("/rss.xml", etag_route(server.fixture("rss.xml")))
    server.route(
        "/atom.xml",
        Reply(
            body=server.fixture("atom.xml"),
            headers={"Last-Modified": "Thu, 02 May 2024 10:00:00 GMT"},
        ),
    )
    server.route("/hang.xml", Reply(hang=True))
    server.route("/malformed.xml", Reply(body=server.fixture("malformed.xml")))
    server.route("/articles/water", Reply(body=(FIXTURES / "article.html").read_bytes()))
    server.route("/articles/wheat", Reply(body=(FIXTURES / "article_jsonld.html").read_bytes()))
    server.route("/articles/latest", Reply(body=(FIXTURES / "index.html").read_bytes()))
    server.route("/articles/snow", Reply(body=SNOW_PAGE.encode()))
    server.sequence(
        "/flaky",
        Reply(500),
        Reply(
            body=(FIXTURES / "article.html")
            .read_bytes()
            .replace(b"1001", b"1002")
            .replace("امضا کردند".encode(), "امضا کرده‌اند".encode())
        ),
    )
    server.route("/loop", Reply(302, headers={"Location": "/loop"}))
    server.route("/huge", Reply(body=b"<p>" + b"x" * 1_000_000 + b"</p>", length=False))
    return [
        FeedConfig(server.url("/rss.xml"), "Sample News", "TJ", "fa", interval=0.05),
        FeedConfig(server.url("/hang.xml"), "Hanging", interval=0.05),
        FeedConfig(server.url("/malformed.xml"), "Broken", interval=0.05),
        FeedConfig(server.url("/gone.xml"), "Gone", interval=0.05),
        FeedConfig(server.url("/atom.xml"), "Sample Media", "AF", "prs", interval=0.05),
    ]


def test_watch_reports_every_trouble_and_stops_for_none(server: Server, tmp_path: Path) -> None:
    feeds = serve_newsroom(server)
    docs: list[InputDoc] = []
    failures: list[InputFailure] = []
    state = JsonState(tmp_path / "state.jsonl")
    with fetcher() as f:
        summary = watch(feeds, state, docs.append, fetcher=f, report=failures.append, cycles=1)
    state.close()
    by_url = {d.url: d for d in docs}
    assert sorted(by_url) == sorted(
        server.url(p)
        for p in (
            "/articles/water",
            "/articles/wheat",
            "/articles/latest",
            "/articles/snow",
            "/flaky",
        )
    )
    water = by_url[server.url("/articles/water")]
    assert (water.source, water.country, water.language) == ("Sample News", "TJ", "fa")
    assert water.published == "2024-03-12T09:30:00+03:30"  # the page's own date beats the feed's
    assert water.text.startswith("وزیران انرژی") and water.fetched_at.endswith("Z")
    latest = by_url[server.url("/articles/latest")]  # no article on the page: the feed's summary
    assert (
        latest.text.startswith("نشست وزیران خارجه") and latest.published == "2024-05-03T08:00:00Z"
    )
    assert latest.warnings == (f"{latest.url}: the article is the feed's summary (no_article)",)
    snow = by_url[server.url("/articles/snow")]  # the page holds less than the feed's content
    assert snow.text.startswith("بارش سنگین برف") and snow.source == "Sample Media"
    assert summary.as_dict() == {
        "read": 9,
        "new": 5,
        "duplicate": 1,  # the Atom feed's link to the water story, seen in the RSS feed
        "failed": {
            "feed_timeout": 1,
            "bad_feed": 1,
            "feed_http_404": 1,
            "http_404": 1,
            "redirects": 1,
            "too_large": 1,
        },
        "skipped": {},
        "fallback": {"no_article": 1, "short_page": 1},
    }
    assert len(server.hits("/flaky")) == 2  # a 500, then the retry
    reported = {(f.path, f.reason) for f in failures}
    assert reported == {
        (server.url("/hang.xml"), "timeout"),
        (server.url("/malformed.xml"), "bad_feed"),
        (server.url("/gone.xml"), "http_404"),
        (server.url("/missing"), "http_404"),
        (server.url("/loop"), "redirects"),
        (server.url("/huge"), "too_large"),
        (server.url("/articles/latest"), "no_article"),
    }
    assert all(f.message.startswith("[E0") for f in failures)


def test_a_restart_fetches_nothing_twice(server: Server, tmp_path: Path) -> None:
    feeds = serve_newsroom(server)
    feeds = [feeds[0], feeds[4]]  # the healthy ones
    docs: list[InputDoc] = []
    with fetcher() as f:
        first = JsonState(tmp_path / "state.jsonl")
        watch(feeds, first, docs.append, fetcher=f, cycles=1)
        first.close()
        pages_before = len([r for r in server.log if "/articles/" in r.path or r.path == "/flaky"])
        again = JsonState(tmp_path / "state.jsonl")  # a new process reads the same file
        summary = watch(feeds, again, docs.append, fetcher=f, cycles=1)
        again.close()
    pages_after = len([r for r in server.log if "/articles/" in r.path or r.path == "/flaky"])
    assert pages_after == pages_before
    assert len(docs) == 5
    assert summary.new == 0
    assert summary.skipped == {"not_modified": 1}  # the RSS feed answered 304 to its ETag
    assert summary.duplicate == 2  # Atom has no ETag: read again, every item already seen
    assert server.hits("/rss.xml")[-1].headers["if-none-match"] == '"v1"'
    assert (
        server.hits("/atom.xml")[-1].headers["if-modified-since"] == "Thu, 02 May 2024 10:00:00 GMT"
    )


def test_a_page_that_fails_for_now_is_tried_on_the_next_poll(server: Server) -> None:
    rss = """<rss version="2.0"><channel><title>t</title>
    <item><title>a</title><link>{base}/down</link><description>خلاصه</description></item>
    </channel></rss>""".replace("{base}", server.base)
    server.route("/feed", etag_route(rss.encode()))
    server.sequence(
        "/down", Reply(503), Reply(503), Reply(body=(FIXTURES / "article.html").read_bytes())
    )
    docs: list[InputDoc] = []
    poller = FeedPoller(MemoryState(), docs.append, Fetcher(retries=0, host_delay=0))
    first = poller.poll(FeedConfig(server.url("/feed")))
    second = poller.poll(FeedConfig(server.url("/feed")))
    third = poller.poll(FeedConfig(server.url("/feed")))
    assert (first.failed, second.failed) == ({"http_503": 1}, {"http_503": 1})
    assert (third.new, [d.text[:6] for d in docs]) == (1, ["وزیران"])
    # the feed's ETag is kept only once no item is left for later: no 304 hid the item
    sent = [r.headers.get("if-none-match") for r in server.hits("/feed")]
    assert sent == [None, None, None]
    assert poller.poll(FeedConfig(server.url("/feed"))).skipped == {"not_modified": 1}


def test_a_page_that_keeps_failing_falls_back_to_the_summary(server: Server) -> None:
    rss = f"""<rss version="2.0"><channel><title>t</title>
    <item><title>a</title><link>{server.base}/down</link><description>خلاصه خبر</description></item>
    </channel></rss>"""
    server.route("/feed", Reply(body=rss.encode()))
    server.route("/down", Reply(503))
    docs: list[InputDoc] = []
    state = MemoryState()
    poller = FeedPoller(state, docs.append, Fetcher(retries=0, host_delay=0))
    summaries = [poller.poll(FeedConfig(server.url("/feed"))) for _ in range(4)]
    assert [s.new for s in summaries] == [0, 0, 1, 0]
    assert summaries[2].fallback == {"http_503": 1}
    assert summaries[3].duplicate == 1
    assert [d.text for d in docs] == ["خلاصه خبر"]


def test_a_host_that_times_out_is_not_asked_again_in_the_same_poll(server: Server) -> None:
    items = "".join(
        f"<item><title>{i}</title><link>{server.base}/slow/{i}</link></item>" for i in range(5)
    )
    server.route(
        "/feed", Reply(body=f"<rss version='2.0'><channel>{items}</channel></rss>".encode())
    )
    for i in range(5):
        server.route(f"/slow/{i}", Reply(hang=True))
    poller = FeedPoller(
        MemoryState(), lambda doc: None, Fetcher(timeout=0.2, retries=0, host_delay=0)
    )
    summary = poller.poll(FeedConfig(server.url("/feed")))
    assert summary.failed == {"timeout": 1, "host_unavailable": 4}
    assert len([r for r in server.log if r.path.startswith("/slow/")]) == 1


def test_the_sink_decides_what_is_a_duplicate(server: Server) -> None:
    serve_newsroom(server)
    poller = FeedPoller(MemoryState(), lambda doc: "wheat" not in doc.url, fetcher())
    summary = poller.poll(FeedConfig(server.url("/rss.xml")))
    assert (summary.new, summary.duplicate) == (3, 1)


def test_watch_polls_on_schedule_until_stopped(server: Server) -> None:
    server.route(
        "/feed", Reply(body=b"<rss version='2.0'><channel><title>t</title></channel></rss>")
    )
    stop = threading.Event()
    polls: list[float] = []

    def on_poll(feed: FeedConfig, summary: object) -> None:
        polls.append(time.monotonic())
        if len(polls) == 3:
            stop.set()

    watch(
        [FeedConfig(server.url("/feed"), interval=0.2)],
        MemoryState(),
        lambda d: None,
        fetcher=fetcher(),
        on_poll=on_poll,
        stop=stop,
    )
    assert len(polls) == 3
    assert all(b - a >= 0.19 for a, b in zip(polls, polls[1:], strict=False))


def test_read_url_reads_a_page_or_a_feed(server: Server) -> None:
    serve_newsroom(server)
    (page,) = read_url(server.url("/articles/wheat"))
    assert isinstance(page, InputDoc) and page.title == "افزایش بهای گندم در بازارهای کابل"
    items = list(read_url(server.url("/atom.xml"), fetcher=fetcher()))
    assert [type(i).__name__ for i in items] == ["InputDoc", "InputDoc"]
    (gone,) = read_url(server.url("/nothing"))
    assert isinstance(gone, InputFailure) and gone.reason == "http_404"


def test_parse_rss_and_atom(server: Server) -> None:
    rss, damage = parse_feed(server.fixture("rss.xml"), server.url("/rss.xml"))
    assert damage is None and len(rss) == 7
    first = rss[0]
    assert first.title == "تاجیکستان و ازبکستان توافق\u200cنامه تقسیم آب امضا کردند"
    assert first.summary == "وزیران انرژی دو کشور در دوشنبه توافق\u200cنامه\u200cای امضا کردند."
    assert (first.published, first.author, first.guid) == (
        "2024-03-12T06:00:00Z",
        "گزارشگر نمونه",
        "sample-1001",
    )
    assert first.keys == (f"url:{server.host}/articles/water", "id:sample-1001")
    assert rss[1].keys == (f"url:{server.host}/articles/wheat",)  # the guid is the link
    atom, damage = parse_feed(server.fixture("atom.xml"), server.url("/atom.xml"))
    assert damage is None and [a.keys[0] for a in atom] == [
        f"url:{server.host}/articles/water",
        f"url:{server.host}/articles/snow",
    ]
    assert (
        atom[1].summary.split("\n")[0]
        == "بارش سنگین برف در شمال تاجیکستان راه\u200cهای کوهستانی را بست."
    )
    assert atom[1].published == "2024-01-20T05:30:00Z"


@pytest.mark.parametrize(
    ("data", "items", "reason"),
    [
        (b"this is not a feed {", 0, "bad_feed"),
        (b"<html><body><p>a page</p></body></html>", 0, "bad_feed"),
        (b"", 0, "bad_feed"),
        (
            b"<rss version='2.0'><channel><title>t</title><item><title>a</title><link>http://x/1</link></item><item><title>b",
            1,
            "bad_feed",
        ),
        (b"<rss version='2.0'><channel><title>empty</title></channel></rss>", 0, None),
    ],
)
def test_parse_damaged_feeds(data: bytes, items: int, reason: str | None) -> None:
    found, damage = parse_feed(data, "http://x/feed")
    assert len(found) == items
    assert (damage.reason if damage else None) == reason
    if damage:
        assert damage.message.startswith("[E033] http://x/feed: not a usable RSS or Atom feed (")


@pytest.mark.parametrize(
    ("url", "key"),
    [
        (
            "https://www.bbc.com/persian/articles/c1?at_medium=RSS&at_campaign=rss",
            "bbc.com/persian/articles/c1",
        ),
        ("http://BBC.com/persian/articles/c1#comments", "bbc.com/persian/articles/c1"),
        ("https://x.ir/news/1?id=5&utm_source=tg", "x.ir/news/1?id=5"),
        ("https://x.ir:8443/a", "x.ir:8443/a"),
        ("https://x.ir:443/a", "x.ir/a"),
        ("https://x.ir", "x.ir/"),
    ],
)
def test_canonical_url(url: str, key: str) -> None:
    assert canonical_url(url) == key


def test_the_shipped_feed_list() -> None:
    feeds = load_feeds()
    assert len(feeds) >= 15
    assert all(
        f.url.startswith("https://") and f.name and f.language in ("fa", "prs", "tg") for f in feeds
    )
    assert len({f.url for f in feeds}) == len(feeds)
    assert {"IR", "AF", "TJ", "GB"} <= {f.country for f in feeds}
    assert all(f.interval >= 300 for f in feeds)


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ('[[feed]]\nurl = "https://a/rss"\nname = "A"\ninterval = 600\n', None),
        ("[[feed]]\nname = 'no url'\n", "feed 1 needs a url"),
        (
            '[[feed]]\nurl = "https://a"\ninterval = -1\n',
            "feed 1 needs a url and a positive interval",
        ),
        ("[[feed]\n", "not valid TOML"),
    ],
)
def test_load_feeds(tmp_path: Path, text: str, error: str | None) -> None:
    path = tmp_path / "feeds.toml"
    path.write_text(text)
    if error is None:
        assert load_feeds(path) == [FeedConfig("https://a/rss", "A", interval=600.0)]
    else:
        with pytest.raises(InputError, match=error):
            load_feeds(path)
    with pytest.raises(InputError, match="cannot read"):
        load_feeds(tmp_path / "missing.toml")


def test_json_state_survives_restarts_and_torn_lines(tmp_path: Path) -> None:
    path = tmp_path / "state.jsonl"
    state = JsonState(path)
    state.mark_seen("url:a/1", {"feed": "f"})
    state.set_http_cache("https://a/rss", '"e1"', "Mon")
    state.set_http_cache("https://a/rss", '"e2"', "Tue")
    state.close()
    with path.open("a") as f:
        f.write('{"seen": "url:a/2", "me')  # a crash in the middle of a line
    again = JsonState(path)
    assert again.seen("url:a/1") and not again.seen("url:a/2")
    assert again.get_http_cache("https://a/rss") == ('"e2"', "Tue")
    assert again.get_http_cache("https://other") is None
    again.close()
    path.write_text('not json\n{"seen": "url:a/1", "meta": {}}\n')
    with pytest.raises(InputError, match="state.jsonl:1: not a poll state line"):
        JsonState(path)


def test_json_state_compacts_its_journal(tmp_path: Path) -> None:
    path = tmp_path / "state.jsonl"
    state = JsonState(path)
    for i in range(500):
        state.set_http_cache("https://a/rss", f'"e{i}"', "")
    state.mark_seen("url:a/1", {})
    state.close()
    lines = path.read_text().splitlines()
    assert len(lines) < 200
    entries = [json.loads(line) for line in lines]
    assert {"http": "https://a/rss", "etag": '"e499"', "last_modified": ""} in entries
    again = JsonState(path)
    assert again.get_http_cache("https://a/rss") == ('"e499"', "") and again.seen("url:a/1")
    again.close()
