"""Dashboard and API server time at scale: every page, rendered in process, p50 and p99.

Collection: `--pool` Fars News articles from ../shared/data (title and
paragraphs) are analysed once with the full pipeline (entities, quotations,
events); the store is then filled with `--n` articles (default 10,000; the
reported figure uses 100,000) that repeat the pool, each with its own
closing line (so its own content hash), a date spread over two years and one
of twelve sources. Annotations are the pool's, so entities, events and
quotations grow with the collection the way they would in a real one.

Timing: each page is requested `--repeat` times through FastAPI's in-process
client after one warm-up request (templates compiled, caches filled); the
figure is the server time of the whole request, from the client's call to
the full body, in milliseconds.

Writes bench/results/dashboard.json. Examples:
  .venv/bin/python bench/dashboard.py --n 2000 --pool 100
  .venv/bin/python bench/dashboard.py --n 100000 --dir /tmp/dash
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
import warnings
from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from rasad.api import Settings, create_app  # noqa: E402
from rasad.model import Article  # noqa: E402
from rasad.pipeline.steps import analysis_pipeline  # noqa: E402
from rasad.store import Store, open_store  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
RESULTS = ROOT / "bench" / "results" / "dashboard.json"
SOURCES = tuple(f"source-{i:02d}" for i in range(12))
START = datetime(2021, 1, 1, tzinfo=UTC)


def load_pool(size: int) -> list[Article]:
    """The first `size` Fars News articles with at least two paragraphs, analysed."""
    raw: list[Article] = []
    for path in sorted((DATA / "farsnews-2008").glob("*.json")):
        for record in json.loads(path.read_text(encoding="utf-8")):
            paragraphs = [p.strip() for p in record.get("paragraphs") or () if p.strip()]
            if len(paragraphs) < 2:
                continue
            text = "\n".join(paragraphs)
            raw.append(Article.from_raw(text, title=record["title"].strip(), url=record["link"]))
            if len(raw) >= size:
                break
        if len(raw) >= size:
            break
    return list(analysis_pipeline().run(raw))


def collection(pool: Sequence[Article], n: int) -> Iterator[Article]:
    """`n` articles repeating the pool; each closes with its own line, so each is new."""
    step = timedelta(days=730) / n
    for i in range(n):
        base = pool[i % len(pool)]
        text = f"{base.text}\n(شماره {i})"
        yield replace(
            base,
            id=f"{i:016x}",
            raw=text,
            text=text,
            source=SOURCES[i % len(SOURCES)],
            url=f"https://example.org/{i}",
            published_at=START + step * i,
        )


def fill(store: Store, pool: Sequence[Article], n: int) -> float:
    """Articles per second into the store."""
    started = time.perf_counter()
    for _ in store.add_articles(collection(pool, n), batch_size=500):
        pass
    return n / (time.perf_counter() - started)


def pages(store: Store, pool: Sequence[Article]) -> dict[str, str]:
    """One address per page, filled from what the store holds."""
    entities = store.list_entities(label="PER", limit=200)
    top, middle = entities[0].id, entities[len(entities) // 2].id
    word = next(m.text for a in pool for m in a.mentions if m.label == "LOC")
    newest = store.list_articles(limit=1)[0].id
    story = store.assign_story(newest)
    return {
        "search: latest": "/",
        "search: word": f"/?q={word}",
        "search: word, ranked": f"/?q={word}&sort=relevance",
        "search: word, source": f"/?q={word}&source={SOURCES[3]}",
        "article": f"/articles/{newest}",
        "entities": "/entities",
        "entity: most named": f"/entities/{top}",
        "entity: median": f"/entities/{middle}",
        "network": "/network",
        "network data": "/api/network",
        "network data: around an entity": f"/api/network?entity={top}",
        "map": "/map",
        "events": "/events",
        "events: type and actor": f"/events?type=consult&actor={top}",
        "stories": "/stories",
        "story": f"/stories/{story}",
        "api: search": f"/api/search?q={word}",
        "api: entity quotes": f"/api/entities/{top}/quotes",
    }


def timed(client: TestClient, url: str, repeat: int) -> dict[str, float]:
    response = client.get(url)
    if response.status_code != 200:
        raise SystemExit(f"{url}: {response.status_code} {response.text[:200]}")
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p99 = times[min(len(times) - 1, round(0.99 * (len(times) - 1)))]
    return {"p50": round(statistics.median(times), 1), "p99": round(p99, 1)}


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--n", type=int, default=10_000, help="articles in the store")
    parser.add_argument("--pool", type=int, default=300, help="distinct articles analysed")
    parser.add_argument("--repeat", type=int, default=20, help="requests per page")
    parser.add_argument("--dir", help="where to build the store (kept; reused if it exists)")
    parser.add_argument("--out", default=str(RESULTS))
    args = parser.parse_args(argv)
    folder = Path(args.dir or tempfile.mkdtemp(prefix="rasad-dash-"))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"dashboard-{args.n}.db"
    pool = load_pool(args.pool)
    rate = None
    fresh = not path.exists()
    with open_store(str(path)) as store:
        if fresh:
            rate = fill(store, pool, args.n)
        urls = pages(store, pool)
        with TestClient(create_app(store, Settings()), client=("127.0.0.1", 1)) as client:
            figures = {name: timed(client, url, args.repeat) for name, url in urls.items()}
        stats = store.stats()
    result: dict[str, Any] = {
        "articles": stats["articles"],
        "entities": stats["entities"],
        "events": stats["events"],
        "quotes": stats["quotes"],
        "pool": args.pool,
        "fill_articles_per_s": round(rate, 1) if rate else None,
        "repeat": args.repeat,
        "pages_ms": figures,
        "worst_p99_ms": max(f["p99"] for f in figures.values()),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores",
        "python": platform.python_version(),
    }
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n")
    print(
        f"{result['articles']:,} articles, {result['events']:,} events, {result['quotes']:,} quotations"
    )
    print(f"{'page':34} {'p50 ms':>8} {'p99 ms':>8}")
    for name, f in figures.items():
        print(f"{name:34} {f['p50']:8.1f} {f['p99']:8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
