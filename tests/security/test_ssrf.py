"""Server-side request forgery through the ingest-URL endpoint, refused unless configured.

A real page server listens on 127.0.0.1. A client with the API key asks the
server to fetch it directly, through names and numeric spellings that mean
loopback, and through a redirect from a "public" page; every attempt must be
refused without a request reaching the page server. With
`allow_private_fetch` on, the same page is fetched and stored.
"""

from __future__ import annotations

import ipaddress
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import httpcore
import pytest
from fastapi.testclient import TestClient

from rasad.api import Settings, create_app
from rasad.ingest.addresses import PublicOnlyBackend, is_public, refusal
from rasad.ingest.fetch import Fetcher, FetchFailure
from rasad.store import open_store
from tests.security.conftest import KEY, LOCAL

AUTH = {"X-API-Key": KEY}
TEXT = "امیرخان متقی، وزیر خارجه طالبان، روز شنبه در کابل با سفیر چین دیدار کرد. " * 8
PAGE = f"<html><head><title>کابل</title></head><body><article><p>{TEXT}</p></article></body></html>"


class Secret(BaseHTTPRequestHandler):
    """A service only the server's machine can see; it counts who reached it."""

    hits: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        Secret.hits.append(self.path)
        if self.path.startswith("/bounce"):
            self.send_response(302)
            self.send_header("Location", self.path.split("to=", 1)[1])
            self.end_headers()
            return
        body = PAGE.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Secret)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield int(server.server_address[1])
    server.shutdown()
    server.server_close()
    thread.join()


def writer(tmp_path: Path, allow: bool) -> TestClient:
    store = open_store(str(tmp_path / f"ssrf-{allow}.db"))
    settings = Settings(api_key=KEY, allow_private_fetch=allow)
    return TestClient(create_app(store, settings), client=LOCAL)


@pytest.mark.parametrize(
    ("address", "public"),
    [
        ("127.0.0.1", False),
        ("127.1.2.3", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("172.31.255.255", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),  # cloud metadata
        ("100.64.0.1", False),  # carrier-grade NAT
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("::1", False),
        ("fc00::1", False),
        ("fd12:3456::1", False),
        ("fe80::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::", False),
        ("8.8.8.8", True),
        ("172.32.0.1", True),
        ("2606:4700:4700::1111", True),
    ],
)
def test_is_public(address: str, public: bool) -> None:
    assert is_public(ipaddress.ip_address(address)) is public


@pytest.mark.parametrize(
    "host",
    ["localhost", "127.0.0.1", "2130706433", "0x7f.0.0.1", "0177.0.0.1", "127.1", "[::1]", "::1"],
)
def test_names_and_spellings_of_loopback_are_refused(host: str) -> None:
    why = refusal(host)
    assert why is not None and "not a public address" in why


def targets(port: int) -> list[str]:
    """Addresses of the page server (on loopback) written every way a client might."""
    return [
        f"http://127.0.0.1:{port}/page",
        f"http://localhost:{port}/page",
        f"http://2130706433:{port}/page",
        f"http://0x7f.0.0.1:{port}/page",
        f"http://127.1:{port}/page",
        f"http://[::ffff:127.0.0.1]:{port}/page",
        f"http://user@127.0.0.1:{port}/page",
        f"http://[::1]:{port}/page",
        f"http://LocalHost:{port}/page",
    ]


def test_the_ingest_url_endpoint_refuses_private_addresses(tmp_path: Path, port: int) -> None:
    Secret.hits.clear()
    with writer(tmp_path, allow=False) as c:
        for url in targets(port):
            response = c.post("/api/articles", json={"url": url}, headers=AUTH)
            assert response.status_code == 422, (url, response.text)
            assert "not a public address" in response.json()["error"], url
        for url in ("http://10.255.255.1/", "http://169.254.169.254/latest/meta-data/"):
            response = c.post("/api/articles", json={"url": url}, headers=AUTH)
            assert response.status_code == 422 and "not a public" in response.json()["error"]
    assert Secret.hits == []  # nothing reached the private service


@pytest.mark.parametrize(
    "url", ["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://127.0.0.1/", "/etc/passwd"]
)
def test_other_schemes_are_refused(tmp_path: Path, url: str) -> None:
    with writer(tmp_path, allow=False) as c:
        response = c.post("/api/articles", json={"url": url}, headers=AUTH)
        assert response.status_code == 422 and "only http and https" in response.text


class Bounce(Fetcher):
    """Takes 127.0.0.1 for a public site that redirects; every other host is checked."""

    def __init__(self) -> None:
        super().__init__(allow_private=True, retries=0, host_delay=0)

    def _check_address(self, url: str, current: str) -> FetchFailure | None:
        host = urlsplit(current).hostname or ""
        why = None if host == "127.0.0.1" else refusal(host)
        return FetchFailure(url, "private_address", why) if why else None


class Rebound(Fetcher):
    """Skips the check before the request, as if the name had resolved to a public address."""

    def __init__(self) -> None:
        super().__init__(allow_private=False, retries=0, host_delay=0)

    def _check_address(self, url: str, current: str) -> FetchFailure | None:
        return None


def test_a_redirect_to_loopback_is_refused(port: int) -> None:
    Secret.hits.clear()
    with Bounce() as fetcher:
        got = fetcher.get(f"http://127.0.0.1:{port}/bounce?to=http://localhost:{port}/page")
    assert isinstance(got, FetchFailure) and got.reason == "private_address", got
    assert Secret.hits == [f"/bounce?to=http://localhost:{port}/page"]  # the page was not asked


def test_connections_are_checked_when_opened(port: int) -> None:
    """DNS rebinding: a name that passed the first check resolves to loopback at connect time."""
    backend = PublicOnlyBackend()
    for host in ("127.0.0.1", "localhost", "::1"):
        with pytest.raises(httpcore.ConnectError, match="not public"):
            backend.connect_tcp(host, port, timeout=2)
    Secret.hits.clear()
    with Rebound() as fetcher:
        got = fetcher.get(f"http://localhost:{port}/page")
    assert isinstance(got, FetchFailure) and got.reason == "connection", got
    assert "not public" in got.why
    assert Secret.hits == []


def test_allowed_when_configured(tmp_path: Path, port: int) -> None:
    with writer(tmp_path, allow=True) as c:
        url = f"http://127.0.0.1:{port}/bounce?to=http://localhost:{port}/page"
        response = c.post("/api/articles", json={"url": url}, headers=AUTH)
        assert response.status_code == 201, response.text
        assert response.json()["results"][0]["status"] == "new"


def test_allow_private_fetch_from_the_config_file(tmp_path: Path) -> None:
    from rasad.api.config import load_settings

    assert load_settings(env={}).allow_private_fetch is False
    config = tmp_path / "rasad.toml"
    config.write_text("[api]\nallow_private_fetch = true\n")
    assert load_settings(config, env={}).allow_private_fetch is True
