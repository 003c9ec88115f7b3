"""HTTP servers on 127.0.0.1 that misbehave the ways feed hosts do.

A `Farm` runs several servers, each on a port of its own, that share one
table of routes: the fetcher spaces requests per host *and port*, so URLs
spread over ports are fetched without waiting, and a redirect can hop from
port to port. A route's `Fault` says how to answer: normally, never (hang),
with a TCP reset before or in the middle of the body, with an endless body
(gigabytes, streamed and never held in memory), or with a redirect.
"""

from __future__ import annotations

import socket
import struct
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

GIB = 1 << 30
_CHUNK = b"<p>" + b"x" * (64 * 1024 - 7) + b"</p>\n"


@dataclass
class Fault:
    kind: str = "ok"  # ok | hang | reset | reset_mid | endless | declared_huge | redirect
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str = ""


@dataclass
class Tally:
    """What the servers saw: requests per path, bytes sent per path, clients that hung up."""

    requests: dict[str, int] = field(default_factory=dict)
    sent: dict[str, int] = field(default_factory=dict)
    hung_up: dict[str, int] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, table: dict[str, int], path: str, n: int = 1) -> None:
        with self.lock:
            table[path] = table.get(path, 0) + n


class Farm:
    def __init__(self, ports: int, endless_limit: int = 4 * GIB) -> None:
        self.routes: dict[str, Fault] = {}
        self.tally = Tally()
        self.stopping = threading.Event()
        self.endless_limit = endless_limit
        handler = _handler(self)
        self.servers = [ThreadingHTTPServer(("127.0.0.1", 0), handler) for _ in range(ports)]
        self.threads = []
        for s in self.servers:
            s.daemon_threads = True
            s.block_on_close = False
            self.threads.append(threading.Thread(target=s.serve_forever, daemon=True))

    def __enter__(self) -> Farm:
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stopping.set()
        for s in self.servers:
            s.shutdown()
            s.server_close()
        for t in self.threads:
            t.join(5)

    def url(self, port: int, path: str) -> str:
        """The URL of `path` on the farm's `port`-th server."""
        return f"http://127.0.0.1:{self.servers[port].server_address[1]}{path}"


def _handler(farm: Farm) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            path = self.path.split("?")[0]
            farm.tally.add(farm.tally.requests, path)
            fault = farm.routes.get(path, Fault(body=b"", kind="missing"))
            try:
                self._answer(path, fault)
            except (BrokenPipeError, ConnectionResetError):
                farm.tally.add(farm.tally.hung_up, path)
                self.close_connection = True

        def _answer(self, path: str, fault: Fault) -> None:
            if fault.kind == "hang":
                farm.stopping.wait(60)
                self.close_connection = True
                return
            if fault.kind == "reset":
                self._reset()
                return
            if fault.kind == "redirect":
                self._head(302, {"Location": fault.location, "Content-Length": "0"})
                return
            if fault.kind == "missing":
                self._head(404, {"Content-Length": "0"})
                return
            if fault.kind == "declared_huge":
                self._head(
                    200, {"Content-Type": fault.content_type, "Content-Length": str(5 * GIB)}
                )
                self._endless(path)
                return
            if fault.kind == "endless":
                self._head(200, {"Content-Type": fault.content_type, "Connection": "close"})
                self._endless(path)
                return
            length = len(fault.body)
            self._head(200, {"Content-Type": fault.content_type, "Content-Length": str(length)})
            if fault.kind == "reset_mid":
                self.wfile.write(fault.body[: length // 3])
                self.wfile.flush()
                self._reset()
                return
            self.wfile.write(fault.body)
            farm.tally.add(farm.tally.sent, path, length)

        def _head(self, status: int, headers: dict[str, str]) -> None:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            self.end_headers()

        def _endless(self, path: str) -> None:
            """Stream until the client hangs up (or `endless_limit` bytes: a runaway guard)."""
            self.close_connection = True
            sent = 0
            try:
                while sent < farm.endless_limit and not farm.stopping.is_set():
                    self.wfile.write(_CHUNK)
                    sent += len(_CHUNK)
            finally:
                farm.tally.add(farm.tally.sent, path, sent)

        def _reset(self) -> None:
            """Close with a TCP RST (SO_LINGER 0) instead of an orderly FIN."""
            self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            self.close_connection = True
            self.connection.close()

        def log_message(self, format: str, *args: object) -> None:
            pass

    return Handler
