"""Feeds into the store: analysed, stored once, grouped into stories, never fetched twice."""

from pathlib import Path
from typing import Any

from rasad.ingest.collect import Collector
from rasad.ingest.feeds import watch
from rasad.model import Article
from rasad.store import open_store
from tests.ingest.server import Server
from tests.ingest.test_feeds import fetcher, serve_newsroom


def test_feeds_reach_the_store_once_across_restarts(server: Server, tmp_path: Path) -> None:
    feeds = serve_newsroom(server)
    db = str(tmp_path / "rasad.db")
    with open_store(db) as store, fetcher() as f:
        state: Any = store
        collector = Collector(store)
        first = watch(feeds, state, collector, fetcher=f, report=lambda _: None, cycles=1)
        stats = store.stats()
    assert first.read >= 4 and collector.counts["new"] >= 4
    assert stats["articles"] == collector.counts["new"]
    # A restart: a new store object and a new collector on the same file.
    with open_store(db) as store, fetcher() as f:
        state = store
        again = Collector(store)
        second = watch(feeds, state, again, fetcher=f, report=lambda _: None, cycles=1)
        assert store.stats()["articles"] == stats["articles"]
        stories = {store.story_of(a.id) for a in store.list_articles(limit=50)}
    assert second.new == 0 and again.counts["new"] == 0
    assert None not in stories


def test_a_rewrite_joins_the_story_of_its_original(tmp_path: Path) -> None:
    from rasad.ingest.files import InputDoc

    text = (
        "وزیران انرژی تاجیکستان و ازبکستان روز سه‌شنبه در دوشنبه دیدار کردند و درباره "
        "تقسیم آب رودخانه‌های مشترک و ساخت نیروگاه‌های تازه گفت‌وگو کردند. "
        "دو طرف گفتند که کارگروهی مشترک برای بررسی طرح‌ها تشکیل می‌شود."
    )
    with open_store(str(tmp_path / "rasad.db")) as store:
        collect = Collector(store)
        assert collect(InputDoc(path="a", text=text, url="http://127.0.0.1/a"))
        assert collect(
            InputDoc(path="b", text=text + " این دیدار دو ساعت طول کشید.", url="http://127.0.0.1/b")
        )
        assert not collect(InputDoc(path="c", text=text, url="http://127.0.0.1/c"))  # the same text
        ids = [a.id for a in store.list_articles(limit=10)]
        assert len(ids) == 2
        assert len({store.story_of(i) for i in ids}) == 1


def _dump(store: Any) -> dict[str, Any]:
    """What ingest stored, without the times it stored it at."""
    db = store.db
    articles = db.rows(
        "SELECT id, hash, title, text, language, story_id, search_key FROM articles ORDER BY id"
    )
    return {
        "articles": articles,
        "mentions": db.rows("SELECT * FROM mentions ORDER BY article_id, idx"),
        "quotes": db.rows("SELECT * FROM quotes ORDER BY article_id, idx"),
        "events": db.rows("SELECT * FROM events ORDER BY article_id, idx"),
        "stories": db.rows("SELECT id, articles, first_article FROM stories ORDER BY id"),
        "signatures": db.rows("SELECT * FROM signatures ORDER BY article_id"),
    }


def _raw_articles() -> list[Article]:
    """Articles cut from the sample: pairs of paragraphs, a repeat and a rewrite among them."""
    from datetime import UTC, datetime

    from tests.sample import SAMPLE

    paragraphs = [p for p in SAMPLE.read_text(encoding="utf-8").split("\n") if p.strip()]
    texts = ["\n".join(paragraphs[i : i + 2]) for i in range(len(paragraphs) - 1)]
    texts += [texts[0], texts[1] + " این گزارش به‌روز شد."]
    return [
        Article.from_raw(
            t,
            title=f"خبر {n}",
            source="sample",
            url=f"http://127.0.0.1/{n}",
            published_at=datetime(2021, 10, 1 + n % 28, tzinfo=UTC),
        )
        for n, t in enumerate(texts)
    ]


def test_a_pool_of_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    raw = _raw_articles()
    dumps, statuses = [], []
    for workers in (1, 2):
        with open_store(str(tmp_path / f"w{workers}.db")) as store:
            collector = Collector(store)
            results = list(collector.add_all(raw, workers=workers, batch_size=4))
            statuses.append([r.status for r in results])
            dumps.append(_dump(store))
    assert statuses[0] == statuses[1]
    assert statuses[0].count("duplicate") == 1
    assert dumps[0] == dumps[1]
    assert len(dumps[0]["articles"]) == len(raw) - 1
    assert dumps[0]["mentions"] and dumps[0]["events"]
    # The rewrite joined the story of its original.
    by_text = {a["text"]: a["story_id"] for a in dumps[0]["articles"]}
    assert len(set(by_text.values())) < len(by_text)
