"""The OpenAPI schema documents every endpoint."""

from __future__ import annotations

from fastapi.testclient import TestClient

ENDPOINTS = {
    "/api/articles": {"get", "post"},
    "/api/articles/{ref}": {"get"},
    "/api/search": {"get"},
    "/api/entities": {"get"},
    "/api/entities/{entity_id}": {"get"},
    "/api/entities/{entity_id}/timeline": {"get"},
    "/api/entities/{entity_id}/cooccurring": {"get"},
    "/api/entities/{entity_id}/quotes": {"get"},
    "/api/entities/{entity_id}/events": {"get"},
    "/api/events": {"get"},
    "/api/quotes": {"get"},
    "/api/export/events.{fmt}": {"get"},
    "/api/export/quotes.{fmt}": {"get"},
    "/api/export/entities.{fmt}": {"get"},
    "/api/stories": {"get"},
    "/api/stories/{story_id}": {"get"},
    "/api/sources": {"get"},
    "/api/stats": {"get"},
    "/api/network": {"get"},
    "/api/map": {"get"},
    "/api/watchlists": {"get"},
    "/api/alerts": {"get"},
    "/api/alerts.atom": {"get"},
    "/api/trends": {"get"},
}


def test_openapi_lists_every_endpoint(client: TestClient) -> None:
    schema = client.get("/api/openapi.json").json()
    paths = {p: set(ops) for p, ops in schema["paths"].items()}
    assert paths == ENDPOINTS
    for ops in schema["paths"].values():
        for op in ops.values():
            assert op.get("summary"), op


def test_docs_page_is_served(client: TestClient) -> None:
    page = client.get("/api/docs").text
    assert "/api/export/events.{fmt}" in page and "cdn" not in page.lower()
