"""Watchlists, alerts and deliveries in the store (SQLite and PostgreSQL), and migration 2."""

from datetime import timedelta
from pathlib import Path

import pytest

from rasad.store import Store, StoreError, open_store
from rasad.store.backend import now_utc
from rasad.store.sqlite import MIGRATIONS, SqliteBackend
from tests.store.articles import annotated


def test_watchlists_round_trip(store: Store) -> None:
    w = store.add_watchlist(
        "تاجیکستان",
        query="رئیس جمهور",
        entities=["person:emomali-rahmon"],
        event_types=["consult", "04"],
        places=["city:dushanbe"],
        webhook="http://127.0.0.1:9/hook",
        emails=["desk@example.org"],
    )
    assert store.get_watchlist("تاجیکستان") == w
    assert (w.kind, w.entities, w.event_types, w.places, w.emails) == (
        "match",
        ("person:emomali-rahmon",),
        ("consult", "04"),
        ("city:dushanbe",),
        ("desk@example.org",),
    )
    assert w.channels() == [("webhook", "http://127.0.0.1:9/hook"), ("email", "desk@example.org")]
    trend = store.add_watchlist("rising", kind="trend")
    assert [x.name for x in store.watchlists()] == ["rising", "تاجیکستان"]
    assert store.watchlists("trend") == [trend]
    with pytest.raises(StoreError, match="E120"):
        store.add_watchlist("rising", kind="trend")


def test_an_alert_is_recorded_once_with_its_deliveries(store: Store) -> None:
    article_id = store.add_article(annotated()).id
    w = store.add_watchlist("w", query="x", webhook="http://127.0.0.1:9/", emails=["a@b.c"])
    first = store.record_alert(w, "k1", "2021-10-14", "title", "summary", {"n": 1}, article_id)
    assert first is not None
    assert store.record_alert(w, "k1", "2021-10-14", "again", "", {}, article_id) is None
    [alert] = store.alerts()
    assert (alert.id, alert.watchlist, alert.title, alert.payload) == (
        first,
        "w",
        "title",
        {"n": 1},
    )
    assert store.deliveries(first) == [
        ("email", "a@b.c", "pending", 0, ""),
        ("webhook", "http://127.0.0.1:9/", "pending", 0, ""),
    ]
    assert store.alerts("w") == [alert] and store.alerts("other") == []


def test_deliveries_wait_for_their_time(store: Store) -> None:
    w = store.add_watchlist("w", query="x", webhook="http://127.0.0.1:9/")
    alert_id = store.record_alert(w, "k", "2024-01-01", "t", "s", {})
    assert alert_id is not None
    [due] = store.due_deliveries()
    later = now_utc() + timedelta(minutes=5)
    store.set_delivery(due, "pending", 1, later, "HTTP 503")
    assert store.due_deliveries() == []
    assert store.next_delivery() == later
    [due] = store.due_deliveries(later + timedelta(seconds=1))
    assert (due.attempts, due.error) == (1, "HTTP 503")
    store.set_delivery(due, "sent", 2, now_utc())
    assert store.next_delivery() is None
    assert store.deliveries(alert_id) == [("webhook", "http://127.0.0.1:9/", "sent", 2, "")]


def test_removing_a_watchlist_removes_its_alerts(store: Store) -> None:
    w = store.add_watchlist("w", query="x", webhook="http://127.0.0.1:9/")
    store.record_alert(w, "k", "2024-01-01", "t", "s", {})
    store.remove_watchlist("w")
    assert store.watchlists() == [] and store.alerts() == [] and store.due_deliveries() == []
    with pytest.raises(StoreError, match="E121"):
        store.remove_watchlist("w")


class _FirstOnly(SqliteBackend):
    migrations = MIGRATIONS[:1]


class _Backwards(SqliteBackend):
    migrations = tuple(reversed(MIGRATIONS))


def test_a_store_of_the_first_schema_gets_the_alert_tables(tmp_path: Path) -> None:
    path = str(tmp_path / "old.db")
    with Store(_FirstOnly(path, path)) as old:
        assert old.migrations() == [(1, "initial")]
    with Store(_Backwards(path, path)) as store:  # listed in any order, applied by version
        assert [v for v, _ in store.migrations()] == sorted(m.version for m in MIGRATIONS)
        store.add_watchlist("w", query="x")
    with open_store(path) as store:
        assert [w.name for w in store.watchlists()] == ["w"]
