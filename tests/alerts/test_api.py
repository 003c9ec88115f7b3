"""The alerts API: JSON, the Atom feed (read by a real feed parser), trends on the front page."""

import warnings
from collections.abc import Iterator
from datetime import date

import feedparser
import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from rasad.api import Settings, create_app  # noqa: E402
from rasad.store import Store, open_store  # noqa: E402
from tests.alerts.stream import RISING, stream  # noqa: E402
from tests.store.articles import annotated  # noqa: E402

DAY = date(2024, 3, 20)
KEY = "test-key-0123456789"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    path = tmp_path_factory.mktemp("api") / "rasad.db"
    with open_store(str(path)) as store:
        list(store.add_articles(stream(DAY, 16, rise_on=DAY)))
        article_id = store.add_article(annotated()).id
        w = store.add_watchlist("tj", query="رحمان", webhook="https://hooks.example/secret")
        store.add_watchlist("rising", kind="trend", emails=["desk@example.org"])
        payload = {"kind": "match", "article": {"url": "https://example.org/rahmon-macron"}}
        store.record_alert(
            w, "1:article:1", "2021-10-14", "دیدار رحمان و مکرون", "خلاصه <b>", payload, article_id
        )
        yield store


@pytest.fixture(scope="module")
def client(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store, Settings(api_key=KEY)), client=("127.0.0.1", 5000)) as c:
        yield c


def test_the_atom_feed_reads_in_a_feed_reader(client: TestClient, store: Store) -> None:
    response = client.get("/api/alerts.atom")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo and feed.version == "atom10"
    [entry] = feed.entries
    assert entry.title == "tj: دیدار رحمان و مکرون"
    assert entry.summary == "خلاصه <b>"
    article_id = store.alerts()[0].article_id
    links = {link.rel: link.href for link in entry.links}
    assert links == {
        "alternate": f"http://testserver/articles/{article_id}",
        "related": "https://example.org/rahmon-macron",
    }
    assert entry.id.startswith("urn:rasad:alert:")
    again = feedparser.parse(client.get("/api/alerts.atom?watchlist=tj").content)
    assert [e.id for e in again.entries] == [entry.id]
    assert feedparser.parse(client.get("/api/alerts.atom?watchlist=rising").content).entries == []


def test_alerts_and_watchlists_as_json(client: TestClient) -> None:
    page = client.get("/api/alerts", params={"watchlist": "tj"}).json()
    assert [a["title"] for a in page["items"]] == ["دیدار رحمان و مکرون"]
    assert page["has_more"] is False
    listed = {w["name"]: w for w in client.get("/api/watchlists").json()["items"]}
    assert listed["tj"]["webhook"] is True and listed["tj"]["query"] == "رحمان"
    assert listed["rising"]["emails"] == 1  # where alerts go is not shown to readers
    assert "secret" not in client.get("/api/watchlists").text


def test_an_unknown_watchlist_is_404(client: TestClient) -> None:
    assert client.get("/api/alerts.atom?watchlist=nothing").status_code == 404
    assert client.get("/api/alerts?watchlist=nothing").status_code == 404


def test_reads_from_elsewhere_need_the_key(store: Store) -> None:
    app = create_app(store, Settings(api_key=KEY))
    with TestClient(app, client=("203.0.113.9", 5000)) as remote:
        assert remote.get("/api/alerts.atom").status_code == 401
        assert remote.get("/api/alerts.atom", headers={"X-API-Key": KEY}).status_code == 200


def test_trends_in_the_api(client: TestClient) -> None:
    [t] = client.get("/api/trends").json()["items"]
    assert (t["subject"], t["kind"], t["day"], t["articles"]) == (
        RISING[0],
        "entity",
        "2024-03-20",
        9,
    )
    assert client.get("/api/trends", params={"kind": "event"}).json()["items"] == []
    assert client.get("/api/trends", params={"day": "2024-03-19"}).json()["items"] == []
    assert client.get("/api/trends", params={"kind": "nonsense"}).status_code == 422


def test_the_front_page_shows_what_is_rising(store: Store) -> None:
    with TestClient(create_app(store), client=("127.0.0.1", 5000)) as browser:
        browser.cookies.set("rasad_lang", "en")
        page = browser.get("/").text
        assert '<ul class="trends">' in page and "<h2>Rising</h2>" in page
        assert (
            f'href="/entities/{RISING[0]}"'
            in page.split('<ul class="trends">')[1].split("</ul>")[0]
        )
        assert '<ul class="trends">' not in browser.get("/", params={"q": "گزارش"}).text
