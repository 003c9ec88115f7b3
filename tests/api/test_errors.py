"""Every failure is a short coded message, never a stack trace."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from rasad.api import Settings, create_app
from rasad.store import open_store
from tests.api.conftest import LOCAL


def test_unknown_path_is_json_under_api(client: TestClient) -> None:
    response = client.get("/api/nothing/here")
    assert response.status_code == 404
    assert response.json() == {"error": "[E072] not found: /api/nothing/here", "status": 404}


def test_wrong_method_is_405_json(client: TestClient) -> None:
    response = client.delete("/api/articles")
    assert response.status_code == 405 and response.json()["error"].startswith("[E078]")


def test_server_failure_hides_the_details(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "closed.db"))
    app = create_app(store, Settings())
    store.close()  # every query now fails inside the database driver
    with TestClient(app, client=LOCAL, raise_server_exceptions=False) as c:
        for url in ("/api/stats", "/"):
            response = c.get(url)
            assert response.status_code == 500
            assert "[E079]" in response.text
            assert "Traceback" not in response.text and "sqlite" not in response.text.lower()
