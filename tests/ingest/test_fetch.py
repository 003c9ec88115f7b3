import gzip
import socket
import time

import pytest

from rasad import __version__
from rasad.ingest.fetch import Fetched, Fetcher, FetchFailure, check_url
from tests.ingest.server import Reply, Server

PAGE = "<p>سلام</p>".encode()


def fetcher(**kw: object) -> Fetcher:
    options: dict = {"timeout": 0.5, "retries": 1, "backoff": 0.01, "host_delay": 0.0}
    return Fetcher(**(options | kw))


def ok(result: Fetched | FetchFailure) -> Fetched:
    assert isinstance(result, Fetched), result
    return result


def failed(result: Fetched | FetchFailure) -> FetchFailure:
    assert isinstance(result, FetchFailure), result
    return result


def test_get_sends_user_agent_and_returns_the_body(server: Server) -> None:
    server.route("/a", Reply(body=PAGE, headers={"ETag": '"v1"', "Last-Modified": "Mon"}))
    with fetcher() as f:
        got = ok(f.get(server.url("/a")))
    assert (got.status, got.content, got.etag, got.last_modified) == (200, PAGE, '"v1"', "Mon")
    assert got.content_type == "text/html; charset=utf-8"
    assert got.fetched_at.endswith("Z")
    agent = server.hits("/a")[0].headers["user-agent"]
    assert agent.startswith(f"rasad/{__version__} (+https://")


def test_conditional_request_gets_304(server: Server) -> None:
    def route(request):  # type: ignore[no-untyped-def]
        if request.headers.get("if-none-match") == '"v1"':
            return Reply(304)
        return Reply(body=PAGE, headers={"ETag": '"v1"'})

    server.route("/feed", route)
    with fetcher() as f:
        first = ok(f.get(server.url("/feed")))
        second = ok(f.get(server.url("/feed"), etag=first.etag, last_modified="Tue"))
    assert (first.not_modified, second.not_modified, second.content) == (False, True, b"")
    assert server.hits("/feed")[1].headers["if-modified-since"] == "Tue"


def test_5xx_is_retried_with_exponential_backoff(server: Server) -> None:
    server.sequence("/flaky", Reply(500), Reply(503), Reply(body=PAGE))
    waits: list[float] = []
    with fetcher(retries=2, backoff=0.01, sleep=waits.append) as f:
        assert ok(f.get(server.url("/flaky"))).content == PAGE
    assert len(server.hits("/flaky")) == 3
    assert waits == [0.01, 0.02]


def test_5xx_gives_up_after_the_retries(server: Server) -> None:
    server.route("/down", Reply(503, headers={"Retry-After": "1"}))
    waits: list[float] = []
    with fetcher(retries=2, backoff=0.01, max_backoff=0.5, sleep=waits.append) as f:
        failure = failed(f.get(server.url("/down")))
    assert (failure.reason, failure.transient) == ("http_503", True)
    assert waits == [0.5, 0.5]  # Retry-After asked for 1 s; capped by max_backoff
    assert len(server.hits("/down")) == 3


@pytest.mark.parametrize("status", [400, 403, 404, 410, 429])
def test_4xx_is_not_retried(server: Server, status: int) -> None:
    server.route("/x", Reply(status))
    with fetcher(retries=3) as f:
        failure = failed(f.get(server.url("/x")))
    assert (failure.reason, failure.transient) == (f"http_{status}", False)
    assert len(server.hits("/x")) == 1
    assert failure.as_input_failure().message.startswith(f"[E032] {server.url('/x')}: ")


def test_a_server_that_hangs_times_out_and_is_retried(server: Server) -> None:
    server.route("/hang", Reply(hang=True))
    start = time.monotonic()
    with fetcher(timeout=0.3, retries=1) as f:
        failure = failed(f.get(server.url("/hang")))
    assert (failure.reason, failure.transient) == ("timeout", True)
    assert len(server.hits("/hang")) == 2
    assert time.monotonic() - start < 3


def test_a_body_that_trickles_stops_at_the_deadline(server: Server) -> None:
    server.route("/slow", Reply(body=b"x" * 100, trickle=0.05))
    with fetcher(timeout=1.0, deadline=0.3, retries=0) as f:
        failure = failed(f.get(server.url("/slow")))
    assert failure.reason == "timeout"
    assert "after 0.3 s" in failure.why


def test_refused_connection_is_transient() -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # bound, never listening: connections are refused
        with fetcher(retries=1, sleep=lambda _: None) as f:
            failure = failed(f.get(f"http://127.0.0.1:{port}/"))
    assert (failure.reason, failure.transient) == ("connection", True)


def test_declared_oversized_body_is_refused_unread(server: Server) -> None:
    server.route("/big", Reply(body=b"x" * 5000))
    with fetcher(max_bytes=1000) as f:
        failure = failed(f.get(server.url("/big")))
    assert failure.reason == "too_large"
    assert failure.why == "5000 bytes, over the limit of 1000"


def test_undeclared_oversized_body_stops_at_the_limit(server: Server) -> None:
    server.route("/huge", Reply(body=b"x" * 3_000_000, length=False))
    with fetcher(max_bytes=100_000) as f:
        failure = failed(f.get(server.url("/huge")))
    assert failure.reason == "too_large"
    assert failure.why == "more than 100000 bytes, over the limit of 100000"


def test_gzip_body_is_decoded_and_the_limit_holds_after_decoding(server: Server) -> None:
    bomb = gzip.compress(b"a" * 1_000_000)  # about 1 KB on the wire
    server.route("/gz", Reply(body=gzip.compress(PAGE), headers={"Content-Encoding": "gzip"}))
    server.route("/bomb", Reply(body=bomb, headers={"Content-Encoding": "gzip"}))
    with fetcher(max_bytes=100_000) as f:
        assert ok(f.get(server.url("/gz"))).content == PAGE
        assert failed(f.get(server.url("/bomb"))).reason == "too_large"


def test_redirects_are_followed_to_the_final_url(server: Server) -> None:
    server.route("/old", Reply(301, headers={"Location": "/new"}))
    server.route("/new", Reply(302, headers={"Location": server.url("/final")}))
    server.route("/final", Reply(body=PAGE))
    with fetcher() as f:
        got = ok(f.get(server.url("/old")))
    assert (got.url, got.content) == (server.url("/final"), PAGE)


@pytest.mark.parametrize(
    ("routes", "reason", "why"),
    [
        ({"/loop": "/loop"}, "redirects", "redirect loop at"),
        ({"/a": "/b", "/b": "/a"}, "redirects", "redirect loop at"),
        ({f"/{i}": f"/{i + 1}" for i in range(10)}, "redirects", "more than 3 redirects"),
        ({"/ftp": "ftp://example.org/file"}, "bad_scheme", "not 'ftp'"),
        ({"/file": "file:///etc/passwd"}, "bad_scheme", "not 'file'"),
    ],
)
def test_bad_redirects(server: Server, routes: dict[str, str], reason: str, why: str) -> None:
    for path, target in routes.items():
        server.route(path, Reply(302, headers={"Location": target}))
    with fetcher(max_redirects=3) as f:
        failure = failed(f.get(server.url(next(iter(routes)))))
    assert failure.reason == reason
    assert why in failure.why
    assert len(server.log) <= 4


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "bad_scheme"),
        ("ftp://example.org/a", "bad_scheme"),
        ("javascript:alert(1)", "bad_scheme"),
        ("/relative/path", "bad_scheme"),
        ("http:///no-host", "bad_url"),
        ("http://[::1", "bad_url"),
    ],
)
def test_urls_that_are_never_fetched(url: str, reason: str) -> None:
    failure = check_url(url)
    assert failure is not None and failure.reason == reason
    with fetcher() as f:
        assert failed(f.get(url)).reason == reason


def test_requests_to_one_host_are_spaced(server: Server) -> None:
    server.route("/a", Reply(body=PAGE))
    with fetcher(host_delay=0.2) as f:
        for _ in range(3):
            ok(f.get(server.url("/a")))
    times = [r.at for r in server.hits("/a")]
    assert all(b - a >= 0.19 for a, b in zip(times, times[1:], strict=False))
