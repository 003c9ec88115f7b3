"""Feeds into the store: analysed, stored once, grouped into stories, never fetched twice."""

from pathlib import Path
from typing import Any

from rasad.ingest.collect import Collector
from rasad.ingest.feeds import watch
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
