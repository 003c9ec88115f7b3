"""Articles and search over the fixture store."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.fixture_db import HOSTILE_TITLE


def items(client: TestClient, url: str) -> list[dict[str, Any]]:
    response = client.get(url)
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["items"]
    return found


def test_articles_newest_first(client: TestClient) -> None:
    found = items(client, "/api/articles?limit=50")
    days = [a["day"] for a in found]
    assert days == sorted(days, reverse=True)
    assert len(found) == 7


def test_pages_follow_one_another(client: TestClient) -> None:
    first = client.get("/api/articles?limit=3").json()
    assert first["has_more"] is True
    assert "offset=3" in first["next"]
    second = client.get(first["next"]).json()
    ids = [a["id"] for a in first["items"]] + [a["id"] for a in second["items"]]
    assert len(set(ids)) == 6
    last = client.get("/api/articles?limit=3&offset=6").json()
    assert last["has_more"] is False and last["next"] is None and len(last["items"]) == 1


@pytest.mark.parametrize(
    "query",
    ["limit=0", "limit=201", "limit=abc", "offset=-1", "offset=99999999999"],
)
def test_paging_limits_are_enforced(client: TestClient, query: str) -> None:
    response = client.get(f"/api/articles?{query}")
    assert response.status_code == 422
    body = response.json()
    assert body["status"] == 422 and body["error"].startswith("[E078]")


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("source=isna", 1),
        ("source=nowhere", 0),
        ("language=fa", 7),
        ("entity=person:abbas-araghchi", 3),
        ("event_type=threaten", 2),
        ("date_from=2024-04-29&date_to=2024-04-29", 2),
        ("date_from=2024-04-30", 1),
        ("story=1", 2),
    ],
)
def test_article_filters(client: TestClient, query: str, expected: int) -> None:
    assert len(items(client, f"/api/articles?limit=50&{query}")) == expected


def test_bad_date_is_a_message(client: TestClient) -> None:
    response = client.get("/api/articles?date_from=yesterday")
    assert response.status_code == 422
    assert "date_from" in response.json()["error"]


def test_article_with_annotations(client: TestClient) -> None:
    listed = items(client, "/api/articles?source=radiofarda")
    body = client.get(f"/api/articles/{listed[0]['id']}").json()
    article = body["article"]
    assert "tokens" not in article
    assert {m["entity_id"] for m in article["mentions"]} >= {
        "person:emomali-rahmon",
        "person:emmanuel-macron",
    }
    assert any(q["speaker"]["entity_id"] == "person:emmanuel-macron" for q in article["quotes"])
    assert any(e["type"] == "consult" for e in article["events"])
    assert [d["text"] for d in article["dropped"]][0] == "Read More"
    assert body["sightings"][0]["source"] == "radiofarda"
    by_hash = client.get(f"/api/articles/{body['summary']['hash']}").json()
    assert by_hash["summary"]["id"] == body["summary"]["id"]


@pytest.mark.parametrize("ref", ["999999", "ffffffffffffffff", "not-an-id", "1" * 40])
def test_unknown_article_is_404(client: TestClient, ref: str) -> None:
    response = client.get(f"/api/articles/{ref}")
    assert response.status_code == 404
    assert response.json()["error"].startswith("[E072]")


@pytest.mark.parametrize("query", ["رئیس جمهور", "رئیس‌جمهور", "رئیسجمهور", "رئيس جمهور"])
def test_search_finds_every_spelling(client: TestClient, query: str) -> None:
    body = client.get("/api/search", params={"q": query}).json()
    titles = {h["article"]["title"] for h in body["items"]}
    assert "دیدار امامعلی رحمان و امانوئل مکرون در پاریس" in titles
    assert all("<mark>" in h["snippet_html"] for h in body["items"])


def test_search_filters_and_facets(client: TestClient) -> None:
    body = client.get(
        "/api/search", params={"q": "عراقچی", "facets": "true", "source": "isna"}
    ).json()
    assert [h["article"]["source"] for h in body["items"]] == ["isna"]
    facets = body["facets"]
    assert facets["sources"] == [{"name": "isna", "n": 1}]
    assert "person:abbas-araghchi" in [f["entity"]["id"] for f in facets["entities"]]
    assert "consult" in [f["name"] for f in facets["event_types"]]
    ranked = client.get("/api/search", params={"q": "عراقچی", "sort": "relevance"}).json()
    assert len(ranked["items"]) == 3


@pytest.mark.parametrize(
    "query",
    ['"', "AND OR NOT", "title:x*", "NEAR(a b)", "'; DROP TABLE articles; --", "(((", "\x00"],
)
def test_any_query_is_data(client: TestClient, query: str) -> None:
    response = client.get("/api/search", params={"q": query})
    assert response.status_code in (200, 400)
    body = response.json()
    if response.status_code == 400:
        assert body["error"].startswith("[E05")
    else:
        assert isinstance(body["items"], list)


@pytest.mark.parametrize(
    ("params", "status"),
    [({}, 422), ({"q": ""}, 422), ({"q": "x" * 2001}, 422), ({"q": "x", "sort": "best"}, 422)],
)
def test_bad_search_requests(client: TestClient, params: dict[str, str], status: int) -> None:
    response = client.get("/api/search", params=params)
    assert response.status_code == status
    assert "error" in response.json()


def test_hostile_title_stays_text_in_json_html(client: TestClient) -> None:
    body = client.get("/api/search", params={"q": "آزمودن"}).json()
    (hit,) = body["items"]
    assert hit["article"]["title"] == HOSTILE_TITLE
    assert "<script>" not in hit["title_html"] and "&lt;script&gt;" in hit["title_html"]
    assert "<img" not in hit["snippet_html"]
