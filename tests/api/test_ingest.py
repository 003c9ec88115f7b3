"""POST an article's text or a URL: analysed, stored, then found."""

from __future__ import annotations

from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasad.api import Settings, create_app
from rasad.store import open_store
from tests.api.conftest import KEY, LOCAL
from tests.loopback import serving

AUTH = {"X-API-Key": KEY}
TEXT = "امیرخان متقی، وزیر خارجه طالبان، روز شنبه در کابل با سفیر چین دیدار کرد."
PAGE = (
    "<html><head><title>دیدار در کابل</title>"
    '<meta property="article:published_time" content="2024-05-02T08:00:00Z"></head>'
    "<body><article><h1>دیدار در کابل</h1>"
    + "".join(f"<p>{TEXT} این گزارش بند {i} است و جزئیات بیشتری دارد.</p>" for i in range(6))
    + "</article></body></html>"
)


class Pages(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        if self.path == "/news/kabul.html":
            body = PAGE.encode("utf-8")
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        else:
            self.send_error(404)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site() -> Iterator[str]:
    with serving(Pages) as base:
        yield base


@pytest.fixture()
def writer(tmp_path: Path) -> Iterator[TestClient]:
    with (
        open_store(str(tmp_path / "empty.db")) as store,
        # The page server is on loopback: private fetches are allowed for these tests.
        TestClient(
            create_app(store, Settings(api_key=KEY, allow_private_fetch=True)), client=LOCAL
        ) as c,
    ):
        yield c


def test_post_text_then_find_it(writer: TestClient) -> None:
    body = {
        "text": TEXT,
        "title": "متقی و سفیر چین",
        "source": "tolonews",
        "published_at": "2024-05-04T09:00:00",
    }
    response = writer.post("/api/articles", json=body, headers=AUTH)
    assert response.status_code == 201, response.text
    (result,) = response.json()["results"]
    assert result["status"] == "new"
    again = writer.post("/api/articles", json=body, headers=AUTH).json()["results"][0]
    assert again["status"] == "duplicate" and again["id"] == result["id"]
    article = writer.get(f"/api/articles/{result['id']}").json()
    assert article["summary"]["published_at"].startswith("2024-05-04T09:00:00")
    assert "person:amir-khan-muttaqi" in {m["entity_id"] for m in article["article"]["mentions"]}
    hits = writer.get("/api/search", params={"q": "متقی"}).json()["items"]
    assert [h["article"]["id"] for h in hits] == [result["id"]]


def test_post_url_fetches_the_page(writer: TestClient, site: str) -> None:
    response = writer.post("/api/articles", json={"url": f"{site}/news/kabul.html"}, headers=AUTH)
    assert response.status_code == 201, response.text
    (result,) = response.json()["results"]
    assert result["status"] == "new" and result["title"] == "دیدار در کابل"


def test_post_url_that_fails(writer: TestClient, site: str) -> None:
    response = writer.post("/api/articles", json={"url": f"{site}/missing"}, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["error"].startswith("[E082]") and "404" in response.json()["error"]


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({}, "[E081]"),
        ({"title": "بی‌متن"}, "[E081]"),
        ({"text": ""}, "[E078]"),
        ({"text": 5}, "[E078]"),
        ({"text": "متن", "published_at": "دیروز"}, "[E078]"),
        ({"url": "x" * 3000}, "[E078]"),
    ],
)
def test_malformed_ingest_is_422(writer: TestClient, payload: dict[str, object], code: str) -> None:
    response = writer.post("/api/articles", json=payload, headers=AUTH)
    assert response.status_code == 422
    assert response.json()["error"].startswith(code)


@pytest.mark.parametrize("raw", [b"{not json", b"\xff\xfe", b"[1, 2]", b""])
def test_broken_body_is_4xx_with_a_message(writer: TestClient, raw: bytes) -> None:
    headers = {**AUTH, "Content-Type": "application/json"}
    response = writer.post("/api/articles", content=raw, headers=headers)
    assert 400 <= response.status_code < 500
    assert "Traceback" not in response.text and response.json()["error"]
