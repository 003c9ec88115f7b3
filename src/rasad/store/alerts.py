"""Watchlists, the alerts they raised and where each alert still has to go.

`AlertStore` is the part of `Store` that `rasad.alerts` works through. An
alert has a `key` the store keeps unique (the watchlist and the article, or
the watchlist, the rising subject and its day), so recording the same alert
twice, after a restart say, records nothing. Each alert is written with one
delivery row per channel (a webhook address, an e-mail recipient) in the same
transaction; a delivery is `pending` until sent, so a restart sends what was
not sent and never what was.

Also here: the daily article counts per entity, place and event type that
trends are computed from (`rasad.alerts.trends`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from rasad.store.backend import StoreError, now_utc
from rasad.store.rows import KEY_SCALE, as_time, key_range, storable, stored_time

if TYPE_CHECKING:
    from rasad.store.backend import Backend, Row

KINDS = ("match", "trend")
CHANNELS = ("webhook", "email")
SUBJECT_KINDS = ("entity", "place", "event")


class Messages:
    E120 = "[E120] a watchlist named {name!r} already exists"
    E121 = "[E121] unknown watchlist {name!r}"


@dataclass(frozen=True, slots=True)
class Watchlist:
    """A saved search: every criterion given must hold, any one value of each.

    `kind` is `match` (each new article is checked) or `trend` (subjects of
    new articles that start rising). Entities and places are entity ids;
    event types are types (`consult`) or CAMEO codes (`04` is every code
    starting 04).
    """

    id: int
    name: str
    kind: str
    query: str
    entities: tuple[str, ...]
    event_types: tuple[str, ...]
    places: tuple[str, ...]
    webhook: str
    emails: tuple[str, ...]
    created_at: datetime

    def channels(self) -> list[tuple[str, str]]:
        """(channel, target) for each place its alerts are sent to."""
        out = [("webhook", self.webhook)] if self.webhook else []
        return out + [("email", e) for e in self.emails]


@dataclass(frozen=True, slots=True)
class AlertRecord:
    id: int
    watchlist: str
    key: str
    article_id: int | None
    day: str
    title: str
    summary: str
    payload: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Delivery:
    """One alert to send over one channel, with the state of its tries."""

    alert: AlertRecord
    channel: str
    target: str
    status: str  # pending | sent | failed
    attempts: int
    error: str


@dataclass(frozen=True, slots=True)
class SubjectDay:
    """How many articles of one day name a subject (an entity, a place, an event type)."""

    kind: str
    subject: str
    day: str
    articles: int


_WATCHLIST_COLUMNS = (
    "id, name, kind, query, entities, event_types, places, webhook, emails, created_at"
)
_INSERT_WATCHLIST = (
    "INSERT INTO watchlists (name, kind, query, entities, event_types, places, webhook, emails,"
    " created_at) VALUES (:name, :kind, :query, :entities, :event_types, :places, :webhook,"
    " :emails, :now) ON CONFLICT (name) DO NOTHING RETURNING id"
)
_WATCHLISTS = f"SELECT {_WATCHLIST_COLUMNS} FROM watchlists ORDER BY name"
_WATCHLIST = f"SELECT {_WATCHLIST_COLUMNS} FROM watchlists WHERE name = :name"
_DELETE_WATCHLIST = "DELETE FROM watchlists WHERE name = :name"
_INSERT_ALERT = (
    "INSERT INTO alerts (watchlist_id, key, article_id, day, title, summary, payload, created_at)"
    " VALUES (:watchlist_id, :key, :article_id, :day, :title, :summary, :payload, :now)"
    " ON CONFLICT (key) DO NOTHING RETURNING id"
)
_INSERT_DELIVERY = (
    "INSERT INTO alert_deliveries (alert_id, channel, target, status, attempts, next_try, error,"
    " updated_at) VALUES (:alert_id, :channel, :target, 'pending', 0, :now, '', :now)"
    " ON CONFLICT DO NOTHING"
)
_ALERT_COLUMNS = (
    "al.id, w.name AS watchlist, al.key, al.article_id, al.day, al.title, al.summary,"
    " al.payload, al.created_at"
)
_ALERTS = (
    f"SELECT {_ALERT_COLUMNS} FROM alerts al JOIN watchlists w ON w.id = al.watchlist_id"
    " WHERE 1 = 1{where} ORDER BY al.id DESC LIMIT :limit OFFSET :offset"
)
_DUE = (
    f"SELECT {_ALERT_COLUMNS}, d.channel, d.target, d.status, d.attempts, d.error"
    " FROM alert_deliveries d JOIN alerts al ON al.id = d.alert_id"
    " JOIN watchlists w ON w.id = al.watchlist_id"
    " WHERE d.status = 'pending' AND d.next_try <= :now ORDER BY d.next_try, al.id LIMIT :limit"
)
_DELIVERIES = (
    "SELECT channel, target, status, attempts, error FROM alert_deliveries"
    " WHERE alert_id = :alert_id ORDER BY channel, target"
)
_NEXT_TRY = "SELECT min(next_try) AS t FROM alert_deliveries WHERE status = 'pending'"
_SET_DELIVERY = (
    "UPDATE alert_deliveries SET status = :status, attempts = :attempts, next_try = :next_try,"
    " error = :error, updated_at = :now"
    " WHERE alert_id = :alert_id AND channel = :channel AND target = :target"
)
# Counts per day use the article's day; entities through (entity_id, day).
_ENTITY_DAYS = (
    "SELECT ae.entity_id AS subject, ae.day AS day, count(*) AS n FROM article_entities ae"
    " WHERE ae.entity_id IN :ids[text] AND ae.day >= :day_from AND ae.day <= :day_to"
    " GROUP BY ae.entity_id, ae.day"
)
_EVENT_DAYS = (
    "SELECT e.type AS subject, a.day AS day, count(DISTINCT e.article_id) AS n FROM articles a"
    " JOIN events e ON e.article_id = a.id"
    " WHERE a.search_key >= :key_from AND a.search_key <= :key_to AND e.type IN :ids[text]"
    " AND NOT e.negated GROUP BY e.type, a.day"
)
# Subjects named in at least :min_count articles of one day (the day's key range).
_BUSY_ENTITIES = (
    "SELECT ae.entity_id AS subject, count(*) AS n FROM articles a"
    " JOIN article_entities ae ON ae.article_id = a.id"
    " WHERE a.search_key >= :key_from AND a.search_key <= :key_to"
    " AND ae.entity_id NOT LIKE 'date:%' GROUP BY ae.entity_id HAVING count(*) >= :min_count"
)
_BUSY_EVENTS = (
    "SELECT e.type AS subject, count(DISTINCT e.article_id) AS n FROM articles a"
    " JOIN events e ON e.article_id = a.id"
    " WHERE a.search_key >= :key_from AND a.search_key <= :key_to AND NOT e.negated"
    " GROUP BY e.type HAVING count(DISTINCT e.article_id) >= :min_count"
)
_ACTIVE_DAYS = (
    "SELECT DISTINCT a.day AS day FROM articles a"
    " WHERE a.search_key >= :key_from AND a.search_key <= :key_to"
)
_LATEST_KEY = "SELECT max(search_key) AS k FROM articles WHERE search_key <= :key"
_ENTITY_LABELS = "SELECT id, label, name, name_en FROM entities WHERE id IN :ids[text]"


def _list(values: Iterable[str]) -> str:
    return json.dumps([storable(v) for v in values], ensure_ascii=False)


def watchlist_of(row: Row) -> Watchlist:
    return Watchlist(
        id=int(row["id"]),
        name=row["name"],
        kind=row["kind"],
        query=row["query"],
        entities=tuple(json.loads(row["entities"])),
        event_types=tuple(json.loads(row["event_types"])),
        places=tuple(json.loads(row["places"])),
        webhook=row["webhook"],
        emails=tuple(json.loads(row["emails"])),
        created_at=stored_time(row["created_at"]),
    )


def alert_of(row: Row) -> AlertRecord:
    return AlertRecord(
        id=int(row["id"]),
        watchlist=row["watchlist"],
        key=row["key"],
        article_id=None if row["article_id"] is None else int(row["article_id"]),
        day=row["day"],
        title=row["title"],
        summary=row["summary"],
        payload=json.loads(row["payload"]),
        created_at=stored_time(row["created_at"]),
    )


class AlertStore:
    """Watchlists, alerts and their deliveries, and daily counts for trends."""

    db: Backend

    # --- watchlists -----------------------------------------------------------

    def add_watchlist(
        self,
        name: str,
        kind: str = "match",
        query: str = "",
        entities: Sequence[str] = (),
        event_types: Sequence[str] = (),
        places: Sequence[str] = (),
        webhook: str = "",
        emails: Sequence[str] = (),
    ) -> Watchlist:
        """Save a watchlist (checked by `rasad.alerts.watchlists.check` first)."""
        params = {
            "name": storable(name),
            "kind": kind,
            "query": storable(query),
            "entities": _list(entities),
            "event_types": _list(event_types),
            "places": _list(places),
            "webhook": storable(webhook),
            "emails": _list(emails),
            "now": now_utc(),
        }
        with self.db.transaction():
            if self.db.value(_INSERT_WATCHLIST, params) is None:
                raise StoreError(Messages.E120.format(name=name))
            row = self.db.row(_WATCHLIST, {"name": params["name"]})
        assert row is not None
        return watchlist_of(row)

    def watchlists(self, kind: str | None = None) -> list[Watchlist]:
        """Every watchlist (of one kind), by name."""
        found = [watchlist_of(r) for r in self.db.rows(_WATCHLISTS)]
        return [w for w in found if kind is None or w.kind == kind]

    def get_watchlist(self, name: str) -> Watchlist | None:
        row = self.db.row(_WATCHLIST, {"name": storable(name)})
        return watchlist_of(row) if row else None

    def remove_watchlist(self, name: str) -> None:
        """Delete a watchlist with its alerts; raises StoreError for an unknown name."""
        with self.db.transaction():
            if not self.db.run(_DELETE_WATCHLIST, {"name": storable(name)}):
                raise StoreError(Messages.E121.format(name=name))

    # --- alerts and deliveries ------------------------------------------------

    def record_alert(
        self,
        watchlist: Watchlist,
        key: str,
        day: str,
        title: str,
        summary: str,
        payload: dict[str, Any],
        article_id: int | None = None,
    ) -> int | None:
        """Record an alert and its pending deliveries; None if this key was recorded before."""
        now = now_utc()
        params = {
            "watchlist_id": watchlist.id,
            "key": storable(key),
            "article_id": article_id,
            "day": day,
            "title": storable(title),
            "summary": storable(summary),
            "payload": storable(json.dumps(payload, ensure_ascii=False, default=str)),
            "now": now,
        }
        with self.db.transaction():
            found = self.db.value(_INSERT_ALERT, params)
            if found is None:
                return None
            alert_id = int(found)
            self.db.run_many(
                _INSERT_DELIVERY,
                [
                    {"alert_id": alert_id, "channel": c, "target": storable(t), "now": now}
                    for c, t in watchlist.channels()
                ],
            )
        return alert_id

    def alerts(
        self, watchlist: str | None = None, limit: int = 50, offset: int = 0
    ) -> list[AlertRecord]:
        """Alerts, newest first (of one watchlist, by name)."""
        params: dict[str, Any] = {"limit": max(1, min(limit, 1000)), "offset": max(0, offset)}
        where = ""
        if watchlist is not None:
            where = " AND w.name = :name"
            params["name"] = storable(watchlist)
        return [alert_of(r) for r in self.db.rows(_ALERTS.format(where=where), params)]

    def deliveries(self, alert_id: int) -> list[tuple[str, str, str, int, str]]:
        """(channel, target, status, attempts, error) of each delivery of an alert."""
        return [
            (r["channel"], r["target"], r["status"], int(r["attempts"]), r["error"])
            for r in self.db.rows(_DELIVERIES, {"alert_id": alert_id})
        ]

    def due_deliveries(self, now: datetime | None = None, limit: int = 100) -> list[Delivery]:
        """Pending deliveries whose next try has come, oldest first."""
        rows = self.db.rows(_DUE, {"now": now or now_utc(), "limit": limit})
        return [
            Delivery(
                alert_of(r), r["channel"], r["target"], r["status"], int(r["attempts"]), r["error"]
            )
            for r in rows
        ]

    def next_delivery(self) -> datetime | None:
        """When the earliest pending delivery is due (None when nothing is pending)."""
        return as_time(self.db.value(_NEXT_TRY))

    def set_delivery(
        self,
        delivery: Delivery,
        status: str,
        attempts: int,
        next_try: datetime,
        error: str = "",
    ) -> None:
        params = {
            "alert_id": delivery.alert.id,
            "channel": delivery.channel,
            "target": storable(delivery.target),
            "status": status,
            "attempts": attempts,
            "next_try": next_try,
            "error": storable(error[:500]),
            "now": now_utc(),
        }
        with self.db.transaction():
            self.db.run(_SET_DELIVERY, params)

    # --- daily counts, for trends -----------------------------------------------

    def subject_days(
        self, kind: str, subjects: Sequence[str], day_from: date, day_to: date
    ) -> list[SubjectDay]:
        """Articles per day naming each subject (entity ids, or event types for `event`)."""
        if not subjects:
            return []
        ids = sorted({storable(s) for s in subjects})
        if kind == "event":
            key_from, key_to = key_range(day_from, day_to)
            params: dict[str, Any] = {"ids": ids, "key_from": key_from, "key_to": key_to}
            rows = self.db.rows(_EVENT_DAYS, params)
        else:
            params = {"ids": ids, "day_from": day_from.isoformat(), "day_to": day_to.isoformat()}
            rows = self.db.rows(_ENTITY_DAYS, params)
        return [SubjectDay(kind, r["subject"], r["day"], int(r["n"])) for r in rows]

    def busy_subjects(self, day: date, min_count: int) -> dict[str, dict[str, int]]:
        """Entity ids and event types named in `min_count` articles of `day` or more."""
        key_from, key_to = key_range(day, day)
        params = {"key_from": key_from, "key_to": key_to, "min_count": min_count}
        return {
            "entity": {r["subject"]: int(r["n"]) for r in self.db.rows(_BUSY_ENTITIES, params)},
            "event": {r["subject"]: int(r["n"]) for r in self.db.rows(_BUSY_EVENTS, params)},
        }

    def active_days(self, day_from: date, day_to: date) -> set[str]:
        """The days (YYYY-MM-DD) from `day_from` to `day_to` on which any article was stored."""
        key_from, key_to = key_range(day_from, day_to)
        rows = self.db.rows(_ACTIVE_DAYS, {"key_from": key_from, "key_to": key_to})
        return {r["day"] for r in rows}

    def latest_day(self, until: date) -> date | None:
        """The last day on or before `until` that has an article."""
        _, key_to = key_range(None, until)
        found = self.db.value(_LATEST_KEY, {"key": key_to})
        if found is None:
            return None
        return datetime.fromtimestamp(int(found) // KEY_SCALE, UTC).date()

    def entity_labels(self, ids: Sequence[str]) -> dict[str, Row]:
        """id, label, name and name_en of each known entity among `ids`."""
        if not ids:
            return {}
        rows = self.db.rows(_ENTITY_LABELS, {"ids": sorted({storable(i) for i in ids})})
        return {r["id"]: r for r in rows}
