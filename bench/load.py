"""The API under concurrent load on loopback while `rasad watch` keeps ingesting.

Store: a SQLite store of `--n` articles built the way bench/dashboard.py
builds its own (a pool of analysed Fars News articles repeated, each with its
own closing line, dates over two years; its `load_pool` and `fill` are
reused), kept in `--dir` and reused by later runs.

Processes, all on 127.0.0.1:
- `rasad serve` over the store (one uvicorn worker, as an analyst runs it);
- `rasad watch` over the same store, polling a feed served by this script
  that offers `--feed-items` new items on every poll, each a page of Persian
  text; every new item is fetched, analysed and stored while the load runs;
- a load client in a process of its own: an asyncio pool of httpx clients,
  `c` concurrent clients for `--duration` seconds at each level of
  `--levels`, each client sending its next request as soon as the last one
  is answered (a closed loop). Half the requests are searches (a word or
  name from the pool, newest first or by relevance, sometimes with a source
  filter), half are article reads by id.

Figures per level: requests, throughput, p50/p99 latency (client side, from
sending the request to the full body), error rate (any answer but 200, or no
answer), and how many articles `rasad watch` stored meanwhile.

Writes bench/results/load.json. Examples:
  .venv/bin/python bench/load.py --n 2000 --pool 40 --levels 5,20 --duration 5
  .venv/bin/python bench/load.py --n 100000 --dir /tmp/rasad-load      # the reported run
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

import httpx

ROOT = Path(__file__).resolve().parents[1]
RESULTS = ROOT / "bench" / "results" / "load.json"
SOURCE_FILTER = "source-03"


# ---- the store ----------------------------------------------------------------------------


def build_store(path: Path, n: int, pool_size: int) -> tuple[list[str], float | None]:
    """The store at `path` (filled when new) and the search words drawn from the pool."""
    sys.path.insert(0, str(ROOT))
    from bench.dashboard import fill, load_pool

    from rasad.store import open_store

    pool = load_pool(pool_size)
    rate = None
    with open_store(str(path)) as store:
        if store.stats()["articles"] == 0:
            rate = fill(store, pool, n)
    names = sorted({m.text for a in pool for m in a.mentions if len(m.text) > 2})
    rng = random.Random(7)
    words = rng.sample(names, min(40, len(names)))
    return words, rate


def pool_texts(pool_size: int) -> list[tuple[str, str]]:
    """(title, text) of raw Fars News articles for the feed's pages (not analysed here)."""
    data = ROOT.parent / "shared" / "data" / "farsnews-2008"
    out: list[tuple[str, str]] = []
    for path in sorted(data.glob("*.json"))[-3:]:
        for record in json.loads(path.read_text(encoding="utf-8")):
            paragraphs = [p.strip() for p in record.get("paragraphs") or () if p.strip()]
            if len(paragraphs) >= 2:
                out.append((record["title"].strip(), "\n".join(paragraphs)))
            if len(out) >= pool_size:
                return out
    return out


# ---- the feed that keeps giving -----------------------------------------------------------


class Feed:
    """Every poll offers `per_poll` items never offered before; each links to its page."""

    def __init__(self, texts: Sequence[tuple[str, str]], per_poll: int) -> None:
        self.texts, self.per_poll = texts, per_poll
        self.next = 0
        self.lock = threading.Lock()

    def rss(self, base: str) -> bytes:
        with self.lock:
            first, self.next = self.next, self.next + self.per_poll
        items = "".join(
            f"<item><title>{escape(self.texts[i % len(self.texts)][0])}</title>"
            f"<link>{base}/news/{i}</link><guid>load-{i}</guid></item>"
            for i in range(first, first + self.per_poll)
        )
        return (
            '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
            f"<title>load</title>{items}</channel></rss>"
        ).encode()

    def page(self, i: int) -> bytes:
        title, text = self.texts[i % len(self.texts)]
        paragraphs = "".join(f"<p>{escape(p)}</p>" for p in text.split("\n"))
        return (
            f"<html><head><title>{escape(title)}</title></head><body><article>"
            f"<h1>{escape(title)}</h1>{paragraphs}<p>(خبر شماره {i})</p></article></body></html>"
        ).encode()


def feed_server(feed: Feed) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the http.server API
            base = f"http://{self.headers['Host']}"
            if self.path == "/feed.xml":
                self._send(feed.rss(base), "application/rss+xml")
            elif self.path.startswith("/news/") and self.path[6:].isdigit():
                self._send(feed.page(int(self.path[6:])), "text/html; charset=utf-8")
            else:
                self.send_error(404)

        def _send(self, body: bytes, kind: str) -> None:
            self.send_response(200)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# ---- processes ----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def rasad(*args: str, log: Path) -> subprocess.Popen[bytes]:
    out = open(log, "wb")  # noqa: SIM115 - closed with the process
    return subprocess.Popen(
        [sys.executable, "-m", "rasad.cli", *args], stdout=out, stderr=subprocess.STDOUT
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    """Ctrl-C first (watch finishes the article in hand), then terminate."""
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.terminate()
            process.wait(timeout=10)


@contextmanager
def serving(db: Path, folder: Path) -> Iterator[str]:
    port = free_port()
    process = rasad("serve", "--db", str(db), "--port", str(port), log=folder / "serve.log")
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            try:
                if httpx.get(url + "/api/stats", timeout=5).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"rasad serve did not start; see {folder / 'serve.log'}")
            time.sleep(0.3)
        yield url
    finally:
        stop(process)


@contextmanager
def watching(db: Path, folder: Path, feed: Feed, interval: float) -> Iterator[None]:
    server = feed_server(feed)
    feeds = folder / "load-feeds.toml"
    feeds.write_text(
        f'[[feed]]\nurl = "http://127.0.0.1:{server.server_address[1]}/feed.xml"\n'
        f'name = "load"\nlanguage = "fa"\ninterval = {interval}\n',
        encoding="utf-8",
    )
    process = rasad(
        "watch", str(feeds), "--db", str(db), "--retries", "0", log=folder / "watch.log"
    )
    try:
        yield
    finally:
        stop(process)
        server.shutdown()
        server.server_close()


# ---- the load client (its own process) ----------------------------------------------------


async def client_run(
    url: str, clients: int, duration: float, words: Sequence[str], max_id: int
) -> dict[str, Any]:
    """`clients` closed-loop clients for `duration` seconds; latencies per kind and errors."""
    latencies: dict[str, list[float]] = {"search": [], "article": []}
    errors: dict[str, int] = {}
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    timeout = httpx.Timeout(60.0)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=timeout) as http:
        end = time.perf_counter() + duration

        async def one(seed: int) -> None:
            rng = random.Random(seed)
            while time.perf_counter() < end:
                kind, path, params = request(rng, words, max_id)
                started = time.perf_counter()
                try:
                    response = await http.get(path, params=params)
                    failed = "" if response.status_code == 200 else f"http_{response.status_code}"
                except httpx.HTTPError as e:
                    failed = type(e).__name__
                if failed:
                    errors[failed] = errors.get(failed, 0) + 1
                else:
                    latencies[kind].append((time.perf_counter() - started) * 1000)

        started = time.perf_counter()
        await asyncio.gather(*(one(i) for i in range(clients)))
        elapsed = time.perf_counter() - started
    return figures(latencies, errors, elapsed, clients)


def request(
    rng: random.Random, words: Sequence[str], max_id: int
) -> tuple[str, str, dict[str, Any]]:
    if rng.random() < 0.5:
        params: dict[str, Any] = {"q": rng.choice(words)}
        roll = rng.random()
        if roll < 0.25:
            params["sort"] = "relevance"
        elif roll < 0.4:
            params["source"] = SOURCE_FILTER
        return "search", "/api/search", params
    return "article", f"/api/articles/{rng.randint(1, max_id)}", {}


def percentile(values: Sequence[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))], 1)


def figures(
    latencies: dict[str, list[float]], errors: dict[str, int], elapsed: float, clients: int
) -> dict[str, Any]:
    every = [t for ts in latencies.values() for t in ts]
    failed = sum(errors.values())
    total = len(every) + failed
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": total,
        "per_second": round(total / elapsed, 1) if elapsed else 0.0,
        "p50_ms": percentile(every, 0.5),
        "p99_ms": percentile(every, 0.99),
        "error_rate": round(failed / total, 4) if total else 0.0,
        "errors": errors,
        "by_kind": {
            kind: {"n": len(ts), "p50_ms": percentile(ts, 0.5), "p99_ms": percentile(ts, 0.99)}
            for kind, ts in latencies.items()
        },
    }


def client_main(argv: Sequence[str]) -> int:
    """`load.py client URL CLIENTS DURATION MAX_ID WORDS_JSON`: one level, JSON on stdout."""
    url, clients, duration, max_id, words = argv
    result = asyncio.run(
        client_run(url, int(clients), float(duration), json.loads(words), int(max_id))
    )
    print(json.dumps(result))
    return 0


def level(url: str, clients: int, duration: float, words: Sequence[str], max_id: int) -> Any:
    command = [sys.executable, __file__, "client", url, str(clients), str(duration), str(max_id)]
    done = subprocess.run(
        [*command, json.dumps(words, ensure_ascii=False)],
        capture_output=True,
        text=True,
        timeout=duration + 600,
    )
    if done.returncode != 0:
        raise SystemExit(f"load client failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout)


# ---- the run ------------------------------------------------------------------------------


def run(args: argparse.Namespace) -> dict[str, Any]:
    folder = Path(args.dir or tempfile.mkdtemp(prefix="rasad-load-"))
    folder.mkdir(parents=True, exist_ok=True)
    db = folder / f"load-{args.n}.db"
    words, rate = build_store(db, args.n, args.pool)
    feed = Feed(pool_texts(max(20, args.pool)), args.feed_items)
    levels = []
    with serving(db, folder) as url:
        before = httpx.get(url + "/api/stats", timeout=30).json()["articles"]
        with watching(db, folder, feed, args.interval):
            if args.warmup:
                level(url, 5, args.warmup, words, before)
            for clients in args.levels:
                start_count = httpx.get(url + "/api/stats", timeout=60).json()["articles"]
                result = level(url, clients, args.duration, words, before)
                after_count = httpx.get(url + "/api/stats", timeout=60).json()["articles"]
                result["ingested_meanwhile"] = after_count - start_count
                levels.append(result)
                print(line(result), flush=True)
        after = httpx.get(url + "/api/stats", timeout=60).json()["articles"]
    return {
        "articles_at_start": before,
        "ingested_by_watch": after - before,
        "feed_items_offered": feed.next,
        "fill_articles_per_s": round(rate, 1) if rate else None,
        "duration_s": args.duration,
        "levels": levels,
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
        "command": "python bench/load.py " + " ".join(args.argv),
    }


def line(r: dict[str, Any]) -> str:
    return (
        f"{r['clients']:>7} {r['requests']:>9} {r['per_second']:>8.1f} {r['p50_ms']:>8.1f}"
        f" {r['p99_ms']:>9.1f} {100 * r['error_rate']:>7.2f}% {r['ingested_meanwhile']:>9}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["client"]:
        return client_main(argv[1:])
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=100_000, help="articles in the store")
    parser.add_argument("--pool", type=int, default=300, help="distinct articles analysed")
    parser.add_argument("--levels", default="10,50,200", help="concurrent clients, comma-separated")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds per level")
    parser.add_argument("--warmup", type=float, default=5.0, help="seconds of warm-up (0: none)")
    parser.add_argument("--feed-items", type=int, default=10, help="new feed items per poll")
    parser.add_argument("--interval", type=float, default=2.0, help="seconds between polls")
    parser.add_argument("--dir", help="where the store is built (kept; reused if it exists)")
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    args.levels = [int(x) for x in args.levels.split(",") if x]
    args.argv = argv
    print(f"{'clients':>7} {'requests':>9} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>9} {'errors':>8}"
          f" {'ingested':>9}")  # fmt: skip
    result = run(args)
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(
        f"{result['articles_at_start']:,} articles; rasad watch stored "
        f"{result['ingested_by_watch']} more during the run"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
