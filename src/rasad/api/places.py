"""The map's data: events per country and per city over the latest articles."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rasad.api.queries import ROLES, fresh
from rasad.store import Store
from rasad.store.records import ArticleFilter
from rasad.store.rows import storable

_WINDOW = (
    "SELECT a.id FROM articles a WHERE a.search_key IS NOT NULL{where}"
    " ORDER BY a.search_key DESC LIMIT :limit"
)
_COUNTRIES = (
    "SELECT p.country AS country, count(*) AS n FROM event_parties p"
    " JOIN events e ON e.article_id = p.article_id AND e.idx = p.event_idx"
    " WHERE p.article_id IN :ids[int] AND p.role = :role AND p.country <> ''{type}"
    " GROUP BY p.country ORDER BY n DESC"
)
_CITIES = (
    "SELECT p.entity_id AS id, min(p.text) AS text, min(p.name_en) AS name_en,"
    " min(p.country) AS country, count(*) AS n FROM event_parties p"
    " JOIN events e ON e.article_id = p.article_id AND e.idx = p.event_idx"
    " WHERE p.article_id IN :ids[int] AND p.role = :role AND p.entity_id LIKE 'city:%'{type}"
    " GROUP BY p.entity_id ORDER BY n DESC, p.entity_id LIMIT :limit"
)


@dataclass(frozen=True, slots=True)
class CityCount:
    id: str
    text: str
    name_en: str
    country: str
    n: int


@dataclass(frozen=True, slots=True)
class PlaceCounts:
    countries: dict[str, int]
    cities: tuple[CityCount, ...]
    articles: int  # the window counted over


def latest_articles(
    store: Store, date_from: date | None, date_to: date | None, window: int
) -> list[int]:
    """Ids of the latest `window` articles in the date range (newest first)."""
    found = store.article_filter(ArticleFilter(date_from=date_from, date_to=date_to))
    if found is None:
        return []
    where, params = found
    rows = store.db.rows(_WINDOW.format(where=where), {**params, "limit": window})
    return [int(r["id"]) for r in rows]


@fresh
def place_counts(
    store: Store,
    role: str = "place",
    event_type: str | None = None,
    date_from: date | None = None,
    date_to: date | None = None,
    max_cities: int = 50,
    window: int = 5000,
) -> PlaceCounts:
    """Events per country (ISO alpha-2) and per city, by the country of a role's party.

    Counted over the latest `window` articles in the date range: the map
    shows what the news is about now, at a cost that does not grow with
    the store.
    """
    if role not in ROLES:
        raise ValueError(role)
    ids = latest_articles(store, date_from, date_to, window)
    if not ids:
        return PlaceCounts({}, (), 0)
    params: dict[str, Any] = {"ids": ids, "role": role, "limit": max_cities}
    type_sql = ""
    if event_type:
        type_sql = " AND e.type = :type"
        params["type"] = storable(event_type)
    countries = {
        str(r["country"]).upper(): int(r["n"])
        for r in store.db.rows(_COUNTRIES.format(type=type_sql), params)
    }
    cities = tuple(
        CityCount(r["id"], r["text"] or "", r["name_en"] or "", r["country"] or "", int(r["n"]))
        for r in store.db.rows(_CITIES.format(type=type_sql), params)
    )
    return PlaceCounts(countries, cities, len(ids))
