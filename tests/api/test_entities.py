"""Entities: lists, one entity with its names, timeline, company and quotations."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from tests.api.fixture_db import HOSTILE_ENTITY


def test_list_by_articles_then_filters(client: TestClient) -> None:
    body = client.get("/api/entities?limit=5").json()
    counts = [e["articles"] for e in body["items"]]
    assert counts == sorted(counts, reverse=True) and body["has_more"] is True
    people = client.get("/api/entities?label=PER&limit=200").json()["items"]
    assert people and all(e["label"] == "PER" for e in people)
    by_prefix = client.get("/api/entities", params={"prefix": "Emomali"}).json()["items"]
    assert [e["id"] for e in by_prefix] == ["person:emomali-rahmon"]
    by_persian = client.get("/api/entities", params={"prefix": "امامعلی"}).json()["items"]
    assert [e["id"] for e in by_persian] == ["person:emomali-rahmon"]


def test_one_entity_with_names(client: TestClient) -> None:
    body = client.get("/api/entities/person:emomali-rahmon").json()
    assert body["name"] == "امامعلی رحمان" and body["name_en"] == "Emomali Rahmon"
    assert body["articles"] == 2
    written = {w["name"] for w in body["written_as"]}
    assert {"امامعلی رحمان", "رحمان"} <= written
    assert body["kb"]["name_tg"] and "Emomali Rahmonov" in body["kb"]["aliases_en"]


def test_entity_outside_the_knowledge_base(client: TestClient) -> None:
    entity_id = "doc:PER:بدر البوسعیدی"
    body = client.get("/api/entities/" + quote(entity_id)).json()
    assert body["id"] == entity_id and body["kb"] is None


def test_timeline_and_date_range(client: TestClient) -> None:
    days = client.get("/api/entities/person:emomali-rahmon/timeline").json()["days"]
    assert [d["day"] for d in days] == ["2021-10-14", "2024-04-25"]
    late = client.get("/api/entities/person:emomali-rahmon/timeline?date_from=2022-01-01").json()
    assert [d["day"] for d in late["days"]] == ["2024-04-25"]


def test_cooccurring(client: TestClient) -> None:
    items = client.get("/api/entities/person:emomali-rahmon/cooccurring?limit=3").json()["items"]
    assert len(items) == 3
    assert items[0]["articles"] >= items[-1]["articles"]
    assert "person:emomali-rahmon" not in [i["entity"]["id"] for i in items]


def test_quotes_and_events_of_an_entity(client: TestClient) -> None:
    quotes = client.get("/api/entities/person:emmanuel-macron/quotes").json()["items"]
    assert quotes and all(
        q["quote"]["speaker"]["entity_id"] == "person:emmanuel-macron" for q in quotes
    )
    acted = client.get("/api/entities/person:donald-trump/events?role=actor").json()["items"]
    assert [e["event"]["type"] for e in acted] == ["threaten"]
    targeted = client.get("/api/entities/country:IR/events?role=target").json()["items"]
    assert "threaten" in [e["event"]["type"] for e in targeted]
    placed = client.get("/api/entities/city:muscat/events?role=place").json()["items"]
    assert placed and all(e["event"]["place"]["entity_id"] == "city:muscat" for e in placed)


@pytest.mark.parametrize(
    "url",
    [
        "/api/entities/person:nobody",
        "/api/entities/person:nobody/timeline",
        "/api/entities/person:nobody/cooccurring",
        "/api/entities/person:nobody/quotes",
        "/api/entities/person:nobody/events",
    ],
)
def test_unknown_entity_is_404(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404 and "person:nobody" in response.json()["error"]


def test_bad_role_is_422(client: TestClient) -> None:
    assert client.get("/api/entities/country:IR/events?role=owner").status_code == 422


def test_hostile_entity_name_is_plain_json(client: TestClient) -> None:
    entity_id = "doc:PER:" + HOSTILE_ENTITY
    body = client.get("/api/entities/" + quote(entity_id, safe=":")).json()
    assert body["name"] == HOSTILE_ENTITY
