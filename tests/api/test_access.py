"""Who may read and write, and how much a request may carry."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rasad.api import Settings, create_app
from rasad.api.access import is_loopback, presented_key
from rasad.store import Store
from tests.api.conftest import KEY, LOCAL

REMOTE = ("203.0.113.7", 40000)


@pytest.fixture(scope="module")
def remote(store: Store) -> Iterator[TestClient]:
    with TestClient(create_app(store, Settings(api_key=KEY)), client=REMOTE) as c:
        yield c


@pytest.mark.parametrize(
    ("host", "expected"),
    [
        ("127.0.0.1", True),
        ("127.8.9.10", True),
        ("::1", True),
        ("localhost", True),
        ("203.0.113.7", False),
        ("10.0.0.1", False),
        ("testclient", False),
        ("", False),
        (None, False),
    ],
)
def test_is_loopback(host: str | None, expected: bool) -> None:
    assert is_loopback(host) is expected


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"x-api-key": " k "}, "k"),
        ({"authorization": "Bearer k"}, "k"),
        ({"authorization": "Basic k"}, ""),
        ({}, ""),
    ],
)
def test_presented_key(headers: dict[str, str], expected: str) -> None:
    assert presented_key(headers) == expected


def test_loopback_reads_without_key(client: TestClient) -> None:
    assert client.get("/api/stats").status_code == 200
    assert client.get("/").status_code == 200


def test_remote_reads_need_the_key(remote: TestClient) -> None:
    missing = remote.get("/api/stats")
    assert missing.status_code == 401 and missing.json()["error"].startswith("[E080]")
    assert missing.headers["www-authenticate"] == "Bearer"
    assert remote.get("/api/stats", headers={"X-API-Key": "wrong"}).status_code == 403
    assert remote.get("/api/stats", headers={"X-API-Key": KEY}).status_code == 200
    assert remote.get("/", headers={"Authorization": f"Bearer {KEY}"}).status_code == 200


def test_open_reads_setting(store: Store) -> None:
    app = create_app(store, Settings(api_key=KEY, open_reads=True))
    with TestClient(app, client=REMOTE) as c:
        assert c.get("/api/stats").status_code == 200


@pytest.mark.parametrize(
    ("headers", "status", "code"),
    [
        ({}, 401, "[E073]"),
        ({"X-API-Key": "wrong"}, 403, "[E074]"),
        ({"Authorization": "Bearer wrong"}, 403, "[E074]"),
    ],
)
def test_writing_needs_the_right_key(
    client: TestClient, headers: dict[str, str], status: int, code: str
) -> None:
    response = client.post("/api/articles", json={"text": "متن"}, headers=headers)
    assert response.status_code == status
    assert response.json()["error"].startswith(code)


def test_writing_is_off_without_a_configured_key(store: Store) -> None:
    with TestClient(create_app(store, Settings()), client=LOCAL) as c:
        response = c.post("/api/articles", json={"text": "متن"}, headers={"X-API-Key": ""})
        assert response.status_code == 403 and response.json()["error"].startswith("[E075]")


def test_oversize_body_is_413(store: Store) -> None:
    app = create_app(store, Settings(api_key=KEY, max_body_bytes=1000))
    with TestClient(app, client=LOCAL) as c:
        big = {"text": "ا" * 2000}
        response = c.post("/api/articles", json=big, headers={"X-API-Key": KEY})
        assert response.status_code == 413 and response.json()["error"].startswith("[E076]")

        def chunks() -> Iterator[bytes]:  # no Content-Length: cut off while streaming
            yield b'{"text": "'
            for _ in range(20):
                yield b"a" * 100
            yield b'"}'

        streamed = c.post(
            "/api/articles",
            content=chunks(),
            headers={"X-API-Key": KEY, "Content-Type": "application/json"},
        )
        assert streamed.status_code == 413


def test_oversize_address_is_414(client: TestClient) -> None:
    response = client.get("/api/search?q=" + "a" * 5000)
    assert response.status_code == 414 and response.json()["error"].startswith("[E077]")


def test_pages_carry_a_content_security_policy(client: TestClient) -> None:
    for url in ("/", "/api/stats", "/api/nothing"):
        headers = client.get(url).headers
        assert "script-src" not in headers["content-security-policy"]  # default-src 'self'
        assert headers["content-security-policy"].startswith("default-src 'self'")
        assert headers["x-content-type-options"] == "nosniff"
