"""Dashboard pages rendered in process: RTL, the English switch, escaping, messages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from rasad.api import Settings, create_app
from rasad.store import open_store
from tests.api.conftest import LOCAL
from tests.api.fixture_db import HOSTILE_ENTITY

PAGES = [
    "/",
    "/?q=تاجیکستان",
    "/?q=رئیس+جمهور&sort=relevance&source=radiofarda",
    "/articles/1",
    "/entities",
    "/entities?label=PER&prefix=ا",
    "/entities/person:emomali-rahmon",
    "/network",
    "/network?entity=person:emomali-rahmon",
    "/map",
    "/map?role=actor&type=consult",
    "/events",
    "/events?type=consult&actor=person:abbas-araghchi",
    "/stories",
    "/stories?min=1",
    "/stories/1",
    "/api/docs",
]


@pytest.mark.parametrize("url", PAGES)
def test_every_page_renders_right_to_left(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 200, response.text[:500]
    assert '<html lang="fa" dir="rtl">' in response.text
    assert "https://" not in response.text.split("<main")[0]  # nothing loaded from elsewhere


def test_english_switch(client: TestClient) -> None:
    with TestClient(client.app, client=LOCAL) as own:  # its own cookie jar
        switched = own.get("/lang?to=en&next=/events", follow_redirects=False)
        assert switched.status_code == 303 and switched.headers["location"] == "/events"
        page = own.get("/events").text
        assert '<html lang="en" dir="ltr">' in page and ">Events</h1>" in page
        assert "Amir Khan Muttaqi" in page and "امیرخان متقی" in page  # both names, either way
        own.get("/lang?to=fa&next=/events")
        assert ">رویدادها</h1>" in own.get("/events").text


@pytest.mark.parametrize("target", ["//evil.example/", "https://evil.example/", "javascript:x"])
def test_switch_only_goes_back_to_this_site(client: TestClient, target: str) -> None:
    response = client.get(f"/lang?to=en&next={quote(target)}", follow_redirects=False)
    assert response.headers["location"] == "/"


def test_search_page_marks_and_facets(client: TestClient) -> None:
    page = client.get("/?q=رئیسجمهور").text
    assert "<mark>رئیس‌جمهور</mark>" in page
    assert 'href="/?q=' in page and "source=radiofarda" in page  # a facet link keeps the query
    assert "Emomali Rahmon" in page


def test_article_page_highlights_and_dropped_text(client: TestClient, store: object) -> None:
    listed = client.get("/api/articles?source=radiofarda").json()["items"]
    page = client.get(f"/articles/{listed[0]['id']}").text
    assert 'class="m m-PER" href="/entities/person:emomali-rahmon"' in page
    assert 'class="quote q-direct"' in page and 'class="ev ev-consult"' in page
    assert '<details class="dropped" id="dropped">' in page and "Read More" in page


def test_hostile_article_shows_markup_as_text(client: TestClient) -> None:
    hostile = client.get("/api/articles?source=test&limit=10").json()["items"]
    for item in hostile:
        page = client.get(f"/articles/{item['id']}").text
        assert "<script>alert" not in page and "<img src=x" not in page
    search = client.get("/?q=آزمودن").text
    assert "<script>alert" not in search and "&lt;script&gt;" in search


def test_hostile_entity_name_is_escaped_everywhere(client: TestClient) -> None:
    entity_id = "doc:PER:" + HOSTILE_ENTITY
    for url in ("/entities/" + quote(entity_id, safe=":"), "/entities?label=PER", "/?q=دست‌ساز"):
        page = client.get(url).text
        assert "<script>alert('entity')" not in page, url
    network = client.get("/api/network").json()
    assert HOSTILE_ENTITY in {n["name"] for n in network["nodes"]}  # data stays data in JSON


@pytest.mark.parametrize(
    ("url", "status", "text"),
    [
        ("/articles/999999", 404, "[E072]"),
        ("/entities/person:nobody", 404, "[E072]"),
        ("/stories/424242", 404, "[E072]"),
        ("/no/such/page", 404, "[E072]"),
        ("/?date_from=yesterday", 400, "date_from"),
        ("/events?date_to=2024-13-01", 400, "date_to"),
        ("/?q=" + "ک" * 600, 400, "[E078]"),
    ],
)
def test_errors_are_pages_with_a_message(
    client: TestClient, url: str, status: int, text: str
) -> None:
    response = client.get(url)
    assert response.status_code == status
    assert response.headers["content-type"].startswith("text/html")
    assert 'role="alert"' in response.text and text in response.text


def test_bad_query_is_a_message_on_the_search_page(client: TestClient) -> None:
    page = client.get("/?q=" + quote('"" ،؛')).text
    assert 'class="message error"' in page and "[E050]" in page


@pytest.fixture()
def empty(tmp_path: Path) -> Iterator[TestClient]:
    with (
        open_store(str(tmp_path / "empty.db")) as store,
        TestClient(create_app(store, Settings()), client=LOCAL) as c,
    ):
        yield c


@pytest.mark.parametrize(
    ("url", "hint"),
    [
        ("/", "rasad ingest"),
        ("/network", "rasad ingest"),
        ("/events", "رویدادی با این فیلترها نیست"),
        ("/stories", "هنوز ماجرایی نیست"),
        ("/map", "هنوز رویدادی با مکان نیست"),
        ("/entities", "rasad ingest"),
    ],
)
def test_empty_store_says_what_to_do(empty: TestClient, url: str, hint: str) -> None:
    response = empty.get(url)
    assert response.status_code == 200 and hint in response.text
