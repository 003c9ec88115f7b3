"""A real HTTP server on 127.0.0.1 for the fetch and feed tests.

Each test registers routes: a path and a function from the request to a
`Reply` (status, headers, body, or a behaviour: hang, trickle). Every request
is logged with its time and headers, so tests can assert what was asked for
and when.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

FIXTURES = Path(__file__).parent / "fixtures"


@dataclass
class Reply:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    hang: bool = False  # never answer (until the server stops)
    trickle: float = 0.0  # send the body one byte per this many seconds
    length: bool = True  # send Content-Length


@dataclass
class Request:
    path: str
    headers: dict[str, str]
    at: float


Route = Callable[[Request], Reply]


class Server:
    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Request] = []
        self.stopping = threading.Event()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
                request = Request(
                    self.path, {k.lower(): v for k, v in self.headers.items()}, time.monotonic()
                )
                server.log.append(request)
                route = server.routes.get(self.path.split("?")[0])
                reply = route(request) if route else Reply(404, b"<h1>Not Found</h1>")
                if reply.hang:
                    server.stopping.wait(30)
                    return
                self.send_response(reply.status)
                headers = {"Content-Type": "text/html; charset=utf-8"} | reply.headers
                for key, value in headers.items():
                    self.send_header(key, value)
                if reply.length:
                    self.send_header("Content-Length", str(len(reply.body)))
                else:
                    self.send_header("Connection", "close")
                self.end_headers()
                try:
                    if reply.trickle:
                        for i in range(len(reply.body)):
                            self.wfile.write(reply.body[i : i + 1])
                            self.wfile.flush()
                            if server.stopping.wait(reply.trickle):
                                return
                    else:
                        self.wfile.write(reply.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up, as it should
                if not reply.length:
                    self.close_connection = True

            def log_message(self, format: str, *args: object) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.host = f"127.0.0.1:{self.httpd.server_address[1]}"
        self.base = f"http://{self.host}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)

    def url(self, path: str) -> str:
        return self.base + path

    def route(self, path: str, reply: Reply | Route) -> None:
        self.routes[path] = reply if callable(reply) else (lambda _request, r=reply: r)

    def sequence(self, path: str, *replies: Reply) -> None:
        """Answer `path` with each reply in turn, then the last one forever."""
        it: Iterator[Reply] = iter(replies)
        last = [replies[-1]]

        def route(_request: Request) -> Reply:
            last[0] = next(it, last[0])
            return last[0]

        self.routes[path] = route

    def hits(self, path: str) -> list[Request]:
        return [r for r in self.log if r.path.split("?")[0] == path]

    def fixture(self, name: str) -> bytes:
        """A fixture file with {base} and {host} filled in for this server."""
        text = (FIXTURES / name).read_text(encoding="utf-8")
        return text.replace("{base}", self.base).replace("{host}", self.host).encode()
