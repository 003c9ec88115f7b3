"""Stories, sources, counts, the network and the map data."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_stories(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    (story,) = body["items"]
    assert story["articles"] == 2
    one = client.get(f"/api/stories/{story['id']}").json()
    assert {a["source"] for a in one["articles"]} == {"irna", "isna"}
    assert client.get("/api/stories?min_articles=3").json()["items"] == []
    assert client.get("/api/stories/999").status_code == 404
    assert client.get("/api/stories/99999999999999999999").status_code == 422


def test_sources_and_stats(client: TestClient) -> None:
    names = [s["name"] for s in client.get("/api/sources").json()["items"]]
    assert set(names) == {"irna", "isna", "tolonews", "ozodi", "test", "radiofarda"}
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 7 and stats["stories"] == 1 and stats["events"] > 0


def test_network_links_actors(client: TestClient) -> None:
    body = client.get("/api/network").json()
    ids = {n["id"] for n in body["nodes"]}
    assert "person:emomali-rahmon" in ids and body["articles"] == 7
    assert not any(i.startswith("date:") for i in ids)
    events = [e for e in body["edges"] if e["kind"] == "event"]
    assert any(e["source"] == "person:donald-trump" and e["target"] == "country:IR" for e in events)
    assert any(e["kind"] == "mention" for e in body["edges"])
    assert all(e["source"] in ids and e["target"] in ids for e in body["edges"])


def test_network_around_an_entity(client: TestClient) -> None:
    body = client.get("/api/network?entity=person:amir-khan-muttaqi").json()
    assert body["articles"] == 1
    assert "org:un" in {n["id"] for n in body["nodes"]}
    assert client.get("/api/network?nodes=1").status_code == 422


def test_map_counts(client: TestClient) -> None:
    body = client.get("/api/map").json()
    assert body["countries"]["AF"] >= 1 and "OM" in body["countries"]
    assert "city:kabul" in [c["id"] for c in body["cities"]]
    actors = client.get("/api/map?role=actor").json()["countries"]
    assert actors.get("IR", 0) >= 1
    assert client.get("/api/map?type=threaten").json()["countries"] == {}
    assert client.get("/api/map?role=owner").status_code == 422
