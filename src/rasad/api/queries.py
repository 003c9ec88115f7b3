"""Reads the dashboard needs beyond the store's own: facets, lists, an entity's events.

Each is one or two portable SQL statements run through the store's query
helpers (`store.db.rows`, `IN :name[type]` lists), bounded by a window of
recent articles or a row limit so that a page costs the same at a hundred
articles or a hundred thousand.
"""

from __future__ import annotations

import functools
import time
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from rasad.store import Store
from rasad.store.reader import entity_of
from rasad.store.records import (
    EntityRecord,
    EventFilter,
    EventRecord,
    SourceRecord,
)
from rasad.store.rows import storable

_FACET_SOURCES = (
    "SELECT s.name AS name, count(DISTINCT x.article_id) AS n FROM article_sources x"
    " JOIN sources s ON s.id = x.source_id WHERE x.article_id IN :ids[int]"
    " GROUP BY s.name ORDER BY n DESC, s.name LIMIT :limit"
)
_FACET_ENTITIES = (
    "SELECT ae.entity_id AS id, count(*) AS n FROM article_entities ae"
    " JOIN entities en ON en.id = ae.entity_id"
    " WHERE ae.article_id IN :ids[int] AND en.label <> 'DATE'"
    " GROUP BY ae.entity_id ORDER BY n DESC, ae.entity_id LIMIT :limit"
)
_FACET_EVENTS = (
    "SELECT type AS name, count(DISTINCT article_id) AS n FROM events"
    " WHERE article_id IN :ids[int] GROUP BY type ORDER BY n DESC, type LIMIT :limit"
)
_EVENT_TYPES = "SELECT type AS name, count(*) AS n FROM events GROUP BY type ORDER BY n DESC, type"
_LANGUAGES = (
    "SELECT language AS name, count(*) AS n FROM articles GROUP BY language ORDER BY n DESC"
)
_RECENT_WITH = (
    "SELECT article_id AS id FROM article_entities WHERE entity_id = :entity"
    " ORDER BY day DESC LIMIT :limit"  # the (entity_id, day) index gives this order
)
_ALONGSIDE = (
    "SELECT entity_id AS id, count(*) AS n FROM article_entities"
    " WHERE article_id IN :ids[int] AND entity_id <> :id AND entity_id NOT LIKE 'date:%'"
    " GROUP BY entity_id ORDER BY n DESC, entity_id LIMIT :limit"
)

ROLES = ("place", "actor", "target")  # an event party's roles
FRESH_SECONDS = 60.0  # how old a whole-store count may be before it is counted again

_T = TypeVar("_T")
_cache: weakref.WeakKeyDictionary[Store, dict[tuple[Any, ...], tuple[float, Any]]] = (
    weakref.WeakKeyDictionary()
)


def fresh(fn: Callable[..., _T]) -> Callable[..., _T]:
    """Keep a whole-store count for `FRESH_SECONDS` per store and arguments.

    Counts over every event or source cost tens of milliseconds per 10,000
    articles; a minute-old figure is as good on a dashboard and costs nothing.
    """

    @functools.wraps(fn)
    def wrapper(store: Store, *args: Any, **kwargs: Any) -> _T:
        table = _cache.setdefault(store, {})
        key = (fn.__name__, args, tuple(sorted(kwargs.items())))
        now = time.monotonic()
        found = table.get(key)
        if found is not None and now - found[0] < FRESH_SECONDS:
            return found[1]
        value = fn(store, *args, **kwargs)
        if len(table) > 512:
            table.clear()
        table[key] = (now, value)
        return value

    return wrapper


@dataclass(frozen=True, slots=True)
class Count:
    name: str
    n: int


@dataclass(frozen=True, slots=True)
class EntityCount:
    entity: EntityRecord
    n: int


@dataclass(frozen=True, slots=True)
class Facets:
    sources: tuple[Count, ...]
    entities: tuple[EntityCount, ...]
    event_types: tuple[Count, ...]


def _counts(rows: Sequence[dict[str, Any]]) -> tuple[Count, ...]:
    return tuple(Count(str(r["name"] or ""), int(r["n"])) for r in rows)


def entities_by_id(store: Store, ids: Sequence[str]) -> dict[str, EntityRecord]:
    if not ids:
        return {}
    return {r["id"]: entity_of(r) for r in store.db.rows("entities_in", {"ids": list(ids)})}


def facets(store: Store, article_ids: Sequence[int], limit: int = 10) -> Facets:
    """Sources, entities and event types over a set of articles (a search's matches)."""
    if not article_ids:
        return Facets((), (), ())
    params = {"ids": list(article_ids), "limit": limit}
    entity_rows = store.db.rows(_FACET_ENTITIES, params)
    known = entities_by_id(store, [r["id"] for r in entity_rows])
    return Facets(
        sources=_counts(store.db.rows(_FACET_SOURCES, params)),
        entities=tuple(EntityCount(known[r["id"]], int(r["n"])) for r in entity_rows),
        event_types=_counts(store.db.rows(_FACET_EVENTS, params)),
    )


@fresh
def event_types(store: Store) -> tuple[Count, ...]:
    """Every event type in the store with its number of events."""
    return _counts(store.db.rows(_EVENT_TYPES))


@fresh
def languages(store: Store) -> tuple[Count, ...]:
    return _counts(store.db.rows(_LANGUAGES))


def alongside(
    store: Store, entity_id: str, limit: int = 15, window: int = 1000
) -> list[EntityCount]:
    """Entities named with this one in its latest `window` articles, most shared first.

    `store.cooccurring` counts over every article naming the entity, which
    for the most-named ones is a large part of the store.
    """
    ids = recent_with(store, entity_id, window)
    if not ids:
        return []
    counts = store.db.rows(_ALONGSIDE, {"ids": ids, "id": storable(entity_id), "limit": limit})
    known = entities_by_id(store, [r["id"] for r in counts])
    return [EntityCount(known[r["id"]], int(r["n"])) for r in counts if r["id"] in known]


_NAMES = (
    "SELECT text AS name, count(*) AS n FROM mentions"
    # `|| ''` keeps the planner on the article ids (a thousand) rather than the
    # entity's index (every mention it ever had).
    " WHERE article_id IN :ids[int] AND entity_id || '' = :id"
    " GROUP BY text ORDER BY n DESC, text LIMIT :limit"
)


def recent_with(store: Store, entity_id: str, window: int = 1000) -> list[int]:
    """Ids of the latest `window` articles naming the entity."""
    rows = store.db.rows(_RECENT_WITH, {"entity": storable(entity_id), "limit": window})
    return [int(r["id"]) for r in rows]


def entity_names(
    store: Store, entity_id: str, limit: int = 12, window: int = 200
) -> tuple[Count, ...]:
    """How its latest `window` articles wrote an entity's name, most frequent first."""
    ids = recent_with(store, entity_id, window)
    if not ids:
        return ()
    params = {"ids": ids, "id": storable(entity_id), "limit": limit}
    return _counts(store.db.rows(_NAMES, params))


_PARTY_EVENTS = (
    "SELECT p.article_id AS article_id, p.event_idx AS idx FROM event_parties p"
    " JOIN events e ON e.article_id = p.article_id AND e.idx = p.event_idx"
    " WHERE p.entity_id = :party AND p.role = :role{where}"
    " ORDER BY e.day DESC, p.article_id DESC, p.event_idx LIMIT :limit OFFSET :offset"
)
_OTHER_PARTY = (
    " AND EXISTS (SELECT 1 FROM event_parties o WHERE o.article_id = e.article_id"
    " AND o.event_idx = e.idx AND o.role = '{role}' AND o.entity_id = :{role})"
)
_EVENT_CONDITIONS = {
    "type": " AND e.type = :type",
    "code": " AND e.code = :code",
    "modality": " AND e.modality = :modality",
    "article_id": " AND e.article_id = :article_id",
    "date_from": " AND e.day >= :date_from",
    "date_to": " AND e.day <= :date_to",
}


def events(
    store: Store, filters: EventFilter, limit: int = 50, offset: int = 0
) -> list[EventRecord]:
    """`store.events`, found through the parties' entity index when a party is given.

    The store's filter walks every event by day and tests each one, which at
    a hundred thousand articles takes most of a second for an entity that
    seldom appears; starting from the entity's own rows costs what it has.
    """
    role = next((r for r in ("actor", "target", "place") if getattr(filters, r)), None)
    if role is None:
        return store.events(filters, limit, offset)
    params: dict[str, Any] = {
        "party": storable(getattr(filters, role)),
        "role": role,
        "limit": max(1, min(limit, 1000)),
        "offset": max(0, offset),
    }
    where = ""
    for name in ("actor", "target", "place"):
        value = getattr(filters, name)
        if name != role and value:
            where += _OTHER_PARTY.format(role=name)
            params[name] = storable(value)
    for name, condition in _EVENT_CONDITIONS.items():
        value = getattr(filters, name)
        if value is not None:
            where += condition
            params[name] = value.isoformat() if isinstance(value, date) else value
    keys = [
        (int(r["article_id"]), int(r["idx"]))
        for r in store.db.rows(_PARTY_EVENTS.format(where=where), params)
    ]
    by_article: dict[int, dict[int, EventRecord]] = {}
    for article_id in dict.fromkeys(a for a, _ in keys):
        records = store.events(EventFilter(article_id=article_id), limit=1000)
        by_article[article_id] = {r.idx: r for r in records}
    return [by_article[a][i] for a, i in keys if i in by_article.get(a, {})]


def entity_events(
    store: Store, entity_id: str, role: str = "actor", limit: int = 20, offset: int = 0
) -> list[EventRecord]:
    """Events with the entity in `role`, latest day first."""
    if role not in ROLES:
        raise ValueError(role)
    if role == "target":
        return events(store, EventFilter(target=entity_id), limit, offset)
    if role == "place":
        return events(store, EventFilter(place=entity_id), limit, offset)
    return events(store, EventFilter(actor=entity_id), limit, offset)


@fresh
def sources(store: Store) -> tuple[SourceRecord, ...]:
    """`store.list_sources()`, kept fresh for a minute (it counts every sighting)."""
    return tuple(store.list_sources())
