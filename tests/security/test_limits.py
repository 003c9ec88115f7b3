"""API keys, request size and rate limits, and bodies built to break a parser."""

from __future__ import annotations

import ast
import inspect
import statistics
import time
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from rasad.api import Settings, access, create_app
from rasad.api.access import RateLimiter, check_key
from rasad.api.config import ConfigError, load_settings
from rasad.api.errors import ApiError
from rasad.store import Store
from tests.security.conftest import KEY, LOCAL

REMOTE = ("198.51.100.9", 40000)
AUTH = {"X-API-Key": KEY}


# ---- keys ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"X-API-Key": ""}, 401),
        ({"X-API-Key": KEY[:-1]}, 403),
        ({"X-API-Key": KEY + "x"}, 403),
        ({"X-API-Key": KEY.upper()}, 403),
        ({"X-API-Key": "ک".encode() * 20}, 403),  # UTF-8 bytes in a header
        ({"Authorization": f"Basic {KEY}"}, 401),
        ({"Authorization": f"Bearer {KEY}"}, 200),
        ({"Authorization": f"bearer  {KEY} "}, 200),
        ({"X-API-Key": f" {KEY} "}, 200),
    ],
)
def test_remote_reads_and_keys(store: Store, headers: dict[str, str | bytes], status: int) -> None:
    with TestClient(create_app(store, Settings(api_key=KEY)), client=REMOTE) as c:
        assert c.get("/api/stats", headers=headers).status_code == status
        assert c.get("/", headers=headers).status_code == status


def test_keys_are_compared_in_constant_time_in_the_code() -> None:
    """No `==` or `!=` touches a key in access.py: every comparison is hmac.compare_digest."""
    tree = ast.parse(inspect.getsource(access))
    for node in ast.walk(tree):
        if isinstance(node, ast.Compare) and any(
            isinstance(op, ast.Eq | ast.NotEq) for op in node.ops
        ):
            assert "key" not in ast.unparse(node).lower(), ast.unparse(node)
    assert inspect.getsource(access).count("hmac.compare_digest") >= 2


def test_a_wrong_key_takes_as_long_wherever_it_differs() -> None:
    """Timing: a key wrong in its first byte and one wrong in its last are refused alike."""
    secret = "k" * 200_000
    settings = Settings(api_key=secret)
    early, late = "x" + secret[1:], secret[:-1] + "x"

    def median(key: str) -> float:
        times = []
        for _ in range(60):
            start = time.perf_counter()
            with pytest.raises(ApiError):
                check_key(settings, key)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    median(early)  # warm up
    ratio = median(late) / median(early)
    assert 0.5 < ratio < 2.0, ratio


# ---- rate limit ---------------------------------------------------------------------------


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_token_bucket_refills_at_its_rate() -> None:
    clock = Clock()
    limiter = RateLimiter(rate=2.0, burst=3, clock=clock)
    assert [limiter.wait("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert limiter.wait("a") == pytest.approx(0.5)
    assert limiter.wait("b") == 0.0  # each client has its own bucket
    clock.now = 0.5
    assert limiter.wait("a") == 0.0
    assert limiter.wait("a") > 0
    clock.now = 100.0
    assert [limiter.wait("a") for _ in range(3)] == [0.0, 0.0, 0.0]  # never more than the burst
    assert limiter.wait("a") > 0


def test_token_buckets_are_bounded() -> None:
    limiter = RateLimiter(rate=1.0, burst=1, clock=Clock(), max_clients=100)
    for i in range(10_000):
        limiter.wait(f"10.0.{i // 256}.{i % 256}")
    assert len(limiter._buckets) == 100


def test_rate_limit_zero_is_off() -> None:
    limiter = RateLimiter(rate=0.0, burst=1, clock=Clock())
    assert all(limiter.wait("a") == 0.0 for _ in range(1000))


@pytest.fixture()
def limited(store: Store) -> Iterator[TestClient]:
    settings = Settings(api_key=KEY, rate_per_second=0.5, rate_burst=3)
    with TestClient(create_app(store, settings), client=REMOTE) as c:
        yield c


def test_past_the_burst_a_client_gets_429_with_retry_after(limited: TestClient) -> None:
    answers = [limited.get("/api/stats", headers=AUTH) for _ in range(5)]
    assert [r.status_code for r in answers] == [200, 200, 200, 429, 429]
    refused = answers[3]
    assert refused.json()["error"].startswith("[E083]")
    assert refused.headers["retry-after"] == "2"  # one token at 0.5 per second
    assert refused.headers["content-security-policy"].startswith("default-src")


def test_wrong_keys_count_against_the_limit_too(limited: TestClient) -> None:
    codes = [
        limited.get("/api/stats", headers={"X-API-Key": "guess"}).status_code for _ in range(6)
    ]
    assert codes == [403, 403, 403, 429, 429, 429]  # a key cannot be guessed at speed


def test_loopback_is_not_throttled(store: Store) -> None:
    settings = Settings(api_key=KEY, rate_per_second=0.5, rate_burst=1)
    with TestClient(create_app(store, settings), client=LOCAL) as c:
        assert {c.get("/api/stats").status_code for _ in range(20)} == {200}


@pytest.mark.parametrize(
    ("text", "ok"),
    [
        ("rate_per_second = 5\nrate_burst = 10\n", True),
        ("rate_per_second = 0.5\n", True),
        ("rate_per_second = 0\n", True),
        ("rate_per_second = -1\n", False),
        ('rate_per_second = "fast"\n', False),
        ("rate_burst = 0\n", False),
        ("allow_private_fetch = 1\n", False),
    ],
)
def test_limit_settings_from_the_config_file(tmp_path: object, text: str, ok: bool) -> None:
    from pathlib import Path

    config = Path(str(tmp_path)) / "rasad.toml"
    config.write_text("[api]\n" + text)
    if ok:
        load_settings(config, env={})
    else:
        with pytest.raises(ConfigError, match="E071"):
            load_settings(config, env={})


# ---- sizes and bodies built to break a parser ---------------------------------------------


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * 100_000 + b"]" * 100_000,  # nesting past the parser's recursion limit
        b'{"text":' + b"[" * 5000 + b"]" * 5000 + b"}",
        b'{"text": "\\ud800"}',  # a lone surrogate
        b'{"text": "x", "published_at": "9999-12-31T23:59:59-23:59"}',  # past year 9999 in UTC
        b'{"text": "x", "published_at": "0001-01-01T00:00:00+23:59"}',  # before year 1 in UTC
        b'{"text": "x", "published_at": 1e400}',
        b'{"url": "http://[::1"}',
        b'{"url": "http://\\u0000.org/"}',
    ],
)
def test_hostile_bodies_are_refused_cleanly(store: Store, raw: bytes) -> None:
    with TestClient(create_app(store, Settings(api_key=KEY)), client=LOCAL) as c:
        headers = {**AUTH, "Content-Type": "application/json"}
        response = c.post("/api/articles", content=raw, headers=headers)
        assert 400 <= response.status_code < 500, response.text
        assert response.json()["error"].startswith("[E")


def test_a_body_past_the_limit_is_cut_off_before_it_is_read(store: Store) -> None:
    settings = Settings(api_key=KEY, max_body_bytes=10_000)
    with TestClient(create_app(store, settings), client=LOCAL) as c:
        for size in (10_001, 1_000_000):
            response = c.post("/api/articles", content=b"x" * size, headers=AUTH)
            assert response.status_code == 413
        ok = c.post("/api/articles", json={"text": "ا" * 100}, headers={"X-API-Key": "wrong"})
        assert ok.status_code == 403  # under the limit the key is checked as usual
