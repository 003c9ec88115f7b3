"""The quick version of bench/load.py: a small store, served and read while watch ingests.

The full run (100,000 articles; 10, 50 and 200 clients) is
`python bench/load.py --n 100000 --dir /tmp/rasad-load`; docs/security.md has its figures.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

import httpx
import pytest

from rasad.api import Settings, create_app
from rasad.store import open_store
from tests.api.fixture_db import articles

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
from bench.load import Feed, client_run, figures, serving, watching  # noqa: E402


def test_figures_from_latencies() -> None:
    result = figures({"search": [10.0, 20.0, 30.0], "article": [5.0]}, {"http_500": 1}, 2.0, 3)
    assert result["requests"] == 5 and result["per_second"] == 2.5
    assert result["error_rate"] == 0.2 and result["p50_ms"] == 20.0 and result["p99_ms"] == 30.0


@pytest.mark.filterwarnings("ignore::DeprecationWarning")
def test_quick_load_while_watch_ingests(tmp_path: Path) -> None:
    from rasad.pipeline.steps import analysis_pipeline

    db = tmp_path / "load.db"
    pool = list(analysis_pipeline().run(articles()))
    with open_store(str(db)) as store:
        for a in pool:
            store.add_article(a)
        create_app(store, Settings())  # the app builds over this store
    words = ["عراقچی", "مسقط", "کابل", "رحمان", "تاجیکستان"]
    feed = Feed([(a.title, a.raw) for a in pool], per_poll=2)
    with serving(db, tmp_path) as url, watching(db, tmp_path, feed, interval=0.5):
        result = asyncio.run(client_run(url, 8, 2.0, words, len(pool)))
        stored = 0
        for _ in range(60):  # watch stores its first items within seconds
            stored = httpx.get(url + "/api/stats").json()["articles"] - len(pool)
            if stored > 0:
                break
            asyncio.run(asyncio.sleep(0.5))
    assert result["requests"] >= 8, result  # every client was answered at least once
    assert result["error_rate"] == 0.0, result
    assert result["by_kind"]["search"]["n"] > 0 and result["by_kind"]["article"]["n"] > 0
    assert stored > 0, (tmp_path / "watch.log").read_text()
