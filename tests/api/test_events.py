"""Events, quotations and their export as CSV and JSON lines."""

from __future__ import annotations

import csv
import io
import json

import pytest
from fastapi.testclient import TestClient

from rasad.api.export import ENTITY_COLUMNS, EVENT_COLUMNS, QUOTE_COLUMNS


@pytest.mark.parametrize(
    ("query", "check"),
    [
        ("type=consult", lambda e: e["event"]["type"] == "consult"),
        ("code=130", lambda e: e["event"]["code"] == "130"),
        (
            "actor=person:abbas-araghchi",
            lambda e: "person:abbas-araghchi" in [a["entity_id"] for a in e["event"]["actors"]],
        ),
        (
            "target=country:IR",
            lambda e: "country:IR" in [a["entity_id"] for a in e["event"]["targets"]],
        ),
        ("place=city:kabul", lambda e: e["event"]["place"]["entity_id"] == "city:kabul"),
        ("date_from=2024-04-30&date_to=2024-04-30", lambda e: e["day"] == "2024-04-30"),
    ],
)
def test_event_filters(client: TestClient, query: str, check: object) -> None:
    found = client.get(f"/api/events?limit=200&{query}").json()["items"]
    assert found and all(check(e) for e in found)  # type: ignore[operator]


def test_events_latest_day_first_and_paged(client: TestClient) -> None:
    body = client.get("/api/events?limit=5").json()
    days = [e["day"] for e in body["items"]]
    assert days == sorted(days, reverse=True) and body["has_more"]
    assert client.get("/api/events?limit=500").status_code == 422


def test_quotes(client: TestClient) -> None:
    body = client.get("/api/quotes?speaker=person:vladimir-putin").json()
    assert len(body["items"]) == 2
    assert all(q["quote"]["kind"] in ("direct", "indirect") for q in body["items"])
    assert client.get("/api/quotes?article_id=0").status_code == 422


def read_csv(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))


def test_event_export_csv_is_a_gdelt_style_table(client: TestClient) -> None:
    response = client.get("/api/export/events.csv?type=threaten")
    assert response.headers["content-type"].startswith("text/csv")
    assert 'filename="rasad-events.csv"' in response.headers["content-disposition"]
    rows = read_csv(response.text)
    assert tuple(rows[0]) == EVENT_COLUMNS
    trump = [r for r in rows if r["actor1_id"] == "person:donald-trump"]
    assert trump[0]["actor2_id"] == "country:IR" and trump[0]["event_root_code"] == "13"
    assert trump[0]["actor1_name_en"] == "Donald Trump"


def test_event_export_jsonl_matches_the_list(client: TestClient) -> None:
    lines = client.get("/api/export/events.jsonl").text.splitlines()
    total = len(client.get("/api/events?limit=200").json()["items"])
    assert len(lines) == total
    first = json.loads(lines[0])
    assert set(first) == set(EVENT_COLUMNS)


def test_quote_and_entity_exports(client: TestClient) -> None:
    quotes = read_csv(client.get("/api/export/quotes.csv?speaker=person:emmanuel-macron").text)
    assert tuple(quotes[0]) == QUOTE_COLUMNS
    assert {q["speaker_name_en"] for q in quotes} == {"Emmanuel Macron"}
    entities = [
        json.loads(x) for x in client.get("/api/export/entities.jsonl?label=PER").text.splitlines()
    ]
    assert entities and set(entities[0]) == set(ENTITY_COLUMNS)
    assert all(e["label"] == "PER" for e in entities)


@pytest.mark.parametrize("url", ["/api/export/events.xml", "/api/export/nothing.csv"])
def test_unknown_export_is_refused(client: TestClient, url: str) -> None:
    assert client.get(url).status_code in (404, 422)
