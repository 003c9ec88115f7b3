"""Articles coming in through the collector raise alerts once, across restarts too."""

import time
from collections.abc import Iterable
from datetime import timedelta
from pathlib import Path

from rasad.alerts.hook import hook_of
from rasad.ingest.collect import Collector
from rasad.model import Article
from rasad.store import Store, open_store
from rasad.store.backend import now_utc
from tests.alerts.conftest import FAST
from tests.alerts.receivers import Webhook
from tests.alerts.stream import PLACE, RISING, STEADY, article, stream


def collect(store: Store, articles: Iterable[Article]) -> list[str]:
    collector = Collector(store)
    return [collector.add_result(a).status for a in articles]


def test_matching_articles_are_sent_once_across_restarts(store_url: str) -> None:
    today = now_utc().date()
    articles = [
        article(today, 1, STEADY, words="رئیس‌جمهور سخن گفت"),
        article(today, 2, PLACE, words="رئیسجمهور سفر کرد"),
        article(today, 3, RISING, words="وزیر سخن گفت"),
    ]
    with Webhook() as receiver:
        with open_store(store_url) as store:
            store.add_watchlist("president", query="رئیس جمهور", webhook=receiver.url)
            hook = hook_of(store, settings=FAST)
            assert collect(store, articles) == ["new", "new", "new"]
            assert hook.sender.drain(10)
            assert sorted(a.title for a in store.alerts()) == [f"{PLACE[2]} 2", f"{STEADY[2]} 1"]
        assert sorted(b["article"]["url"] for b in receiver.received) == sorted(
            a.url for a in articles[:2]
        )
        # A restart that sees the same articles again: nothing new, nothing sent.
        with open_store(store_url) as store:
            hook = hook_of(store, settings=FAST)
            assert collect(store, articles) == ["duplicate"] * 3
            for i, a in enumerate(articles, 1):
                assert hook.check(store, a, i) == []
            assert hook.sender.drain(10)
            assert len(store.alerts()) == 2
    assert len(receiver.received) == 2 and receiver.tries == 2


def test_what_was_left_pending_is_sent_by_the_next_process(tmp_path: Path) -> None:
    db = str(tmp_path / "rasad.db")
    with Webhook() as receiver:
        with open_store(db) as store:
            w = store.add_watchlist("w", query="x", webhook=receiver.url)
            store.record_alert(w, "k", "2024-01-01", "left pending", "", {})
        for _ in range(2):  # two restarts: the first sends it, the second has nothing to send
            with open_store(db) as store:
                assert hook_of(store, settings=FAST).sender.drain(10)
    assert [b["title"] for b in receiver.received] == ["left pending"]


def test_a_trend_watchlist_fires_on_the_day_a_story_rises(store_url: str) -> None:
    today = now_utc().date()
    with open_store(store_url) as store:
        store.add_watchlist("rising", kind="trend")
        store.add_watchlist("steady only", kind="trend", entities=[STEADY[0]])
        hook_of(store, settings=FAST)
        collect(store, stream(today, 16, rise_on=today))
        alerts = store.alerts()
    assert [(a.watchlist, a.day, a.payload["trend"]["subject"]) for a in alerts] == [
        ("rising", today.isoformat(), RISING[0])
    ]
    assert alerts[0].payload["trend"]["articles"] == 4  # flagged as soon as the rule held
    assert alerts[0].title == f"rising: {RISING[2]} ({RISING[3]})"


def test_an_archive_raises_no_trend_alert(tmp_path: Path) -> None:
    today = now_utc().date()
    with open_store(str(tmp_path / "rasad.db")) as store:
        store.add_watchlist("rising", kind="trend")
        hook_of(store, settings=FAST)
        collect(store, stream(today - timedelta(days=3), 16, rise_on=today - timedelta(days=5)))
        assert store.alerts() == []


def test_alerts_of_a_batch_are_sent_once_it_commits(tmp_path: Path) -> None:
    today = now_utc().date()
    with Webhook() as receiver, open_store(str(tmp_path / "rasad.db")) as store:
        store.add_watchlist("president", query="رئیس جمهور", webhook=receiver.url)
        hook = hook_of(store, settings=FAST)
        collector = Collector(store)
        with store.batch():  # as Collector.add_all stores each batch
            for n in range(3):
                collector.add_result(article(today, n, STEADY, words="رئیس‌جمهور سخن گفت"))
            assert receiver.tries == 0  # nothing is visible to the sender yet
        deadline = time.monotonic() + 10
        while len(receiver.received) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)  # the sender finds them on its own once the batch commits
        assert len(receiver.received) == 3
        assert hook.close(10)
    assert receiver.tries == 3
