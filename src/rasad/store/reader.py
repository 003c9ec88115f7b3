"""The store's read side: what the REST API and the dashboard ask for.

Every list is paged (`limit`, `offset`) and ordered newest first by the
articles' search keys. Filters are ANDed; each is a fixed SQL condition
from `rasad.store.sql` with the user's value as a parameter.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any

from rasad.store.records import (
    ArticleFilter,
    ArticleRecord,
    ArticleSummary,
    Cooccurrence,
    EntityDay,
    EntityRecord,
    EventFilter,
    EventRecord,
    QuoteRecord,
    Sighting,
    SourceRecord,
    StoryRecord,
)
from rasad.store.rows import (
    article_of,
    as_time,
    event_of,
    key_range,
    mention_of,
    quote_of,
    storable,
    stored_time,
)
from rasad.store.sql import ARTICLE_FILTERS, ENTITY_FILTERS, EVENT_FILTERS, QUOTE_FILTERS

if TYPE_CHECKING:
    from rasad.search.engine import SearchResults
    from rasad.store.backend import Backend, Row

MAX_LIMIT = 1000
FIRST_DAY = "0000-01-01"
LAST_DAY = "9999-12-31"


def page(limit: int, offset: int) -> dict[str, int]:
    """Paging parameters, clamped to sane bounds."""
    return {"limit": max(1, min(int(limit), MAX_LIMIT)), "offset": max(0, int(offset))}


def where(fragments: Mapping[str, str], values: Mapping[str, Any]) -> str:
    """` AND ...` for every filter that has a value."""
    return "".join(f" AND {fragments[k]}" for k, v in values.items() if v is not None)


def summary_of(row: Row) -> ArticleSummary:
    return ArticleSummary(
        id=int(row["id"]),
        hash=row["hash"],
        title=row["title"],
        url=row["url"],
        source=row["source"] or "",
        language=row["language"],
        published_at=as_time(row["published_at"]),
        ingested_at=stored_time(row["ingested_at"]),
        day=row["day"],
        story_id=row["story_id"],
    )


def entity_of(row: Row) -> EntityRecord:
    return EntityRecord(
        id=row["id"],
        label=row["label"],
        name=row["name"],
        name_en=row["name_en"],
        country=row["country"],
        articles=int(row["articles"]),
        mentions=int(row["mentions"]),
    )


def _day(value: date | None, default: str) -> str:
    return value.isoformat() if value else default


class Reader:
    db: Backend

    # --- articles ---------------------------------------------------------------

    def get_article(self, ref: int | str) -> ArticleRecord | None:
        """An article with every annotation, by id or by content hash."""
        if isinstance(ref, str):
            found = self.db.value("find_hash", {"hash": storable(ref)})
            if found is None:
                return None
            ref = int(found)
        with self.db.snapshot():
            row = self.db.row("article_by_id", {"id": ref})
            if row is None:
                return None
            params = {"id": ref}
            mentions = [mention_of(r) for r in self.db.rows("mentions_of", params)]
            quotes = [quote_of(r) for r in self.db.rows("quotes_of", params)]
            parties = self.db.rows("parties_of", params)
            events = [
                event_of(r, [p for p in parties if p["event_idx"] == r["idx"]])
                for r in self.db.rows("events_of", params)
            ]
            sightings = tuple(
                Sighting(r["source"], r["url"], stored_time(r["seen_at"]))
                for r in self.db.rows("sightings", params)
            )
        return ArticleRecord(summary_of(row), article_of(row, mentions, quotes, events), sightings)

    def article_filter(self, filters: ArticleFilter) -> tuple[str, dict[str, Any]] | None:
        """` AND ...` conditions on articles `a` and their parameters; None if nothing can match."""
        source_id = None
        if filters.source is not None:
            source_id = self.db.value("find_source", {"name": storable(filters.source)})
            if source_id is None:
                return None
        key_from, key_to = key_range(filters.date_from, filters.date_to)
        values: dict[str, Any] = {
            "key_from": key_from,
            "key_to": key_to,
            "source_id": source_id,
            "language": storable(filters.language) if filters.language is not None else None,
            "entity": storable(filters.entity) if filters.entity is not None else None,
            "event_type": storable(filters.event_type) if filters.event_type is not None else None,
            "story": filters.story,
        }
        return where(ARTICLE_FILTERS, values), {k: v for k, v in values.items() if v is not None}

    def list_articles(
        self, filters: ArticleFilter | None = None, limit: int = 20, offset: int = 0
    ) -> list[ArticleSummary]:
        """Articles matching `filters`, newest first."""
        found = self.article_filter(filters or ArticleFilter())
        if found is None:
            return []
        condition, params = found
        sql = self.db.template("list_articles").format(where=condition, order="DESC")
        return [summary_of(r) for r in self.db.rows(sql, {**params, **page(limit, offset)})]

    def count_articles(self, filters: ArticleFilter | None = None) -> int:
        found = self.article_filter(filters or ArticleFilter())
        if found is None:
            return 0
        condition, params = found
        sql = self.db.template("count_articles").format(where=condition)
        return int(self.db.value(sql, params) or 0)

    # --- entities ---------------------------------------------------------------

    def get_entity(self, entity_id: str) -> EntityRecord | None:
        row = self.db.row("entity", {"id": storable(entity_id)})
        return entity_of(row) if row else None

    def list_entities(
        self,
        label: str | None = None,
        prefix: str | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[EntityRecord]:
        """Entities by how many articles name them; `prefix` starts a Persian or English name."""
        values: dict[str, Any] = {"label": storable(label) if label is not None else None}
        params: dict[str, Any] = {}
        if prefix:
            values["prefix"] = storable(prefix)
            params |= {
                "prefix": storable(prefix),
                "prefix_end": storable(prefix) + "\U0010ffff",
                "prefix_en": storable(prefix).lower(),
                "prefix_en_end": storable(prefix).lower() + "\U0010ffff",
            }
        sql = self.db.template("list_entities").format(where=where(ENTITY_FILTERS, values))
        params |= {k: v for k, v in values.items() if v is not None and k != "prefix"}
        return [entity_of(r) for r in self.db.rows(sql, {**params, **page(limit, offset)})]

    def entity_timeline(
        self, entity_id: str, date_from: date | None = None, date_to: date | None = None
    ) -> list[EntityDay]:
        """Per day: how many articles name the entity and how many times."""
        params = {
            "id": storable(entity_id),
            "day_from": _day(date_from, FIRST_DAY),
            "day_to": _day(date_to, LAST_DAY),
        }
        return [
            EntityDay(r["day"], int(r["articles"]), int(r["mentions"]))
            for r in self.db.rows("entity_timeline", params)
        ]

    def cooccurring(
        self,
        entity_id: str,
        limit: int = 20,
        date_from: date | None = None,
        date_to: date | None = None,
    ) -> list[Cooccurrence]:
        """Entities named in the same articles, by how many articles they share."""
        params = {
            "id": storable(entity_id),
            "day_from": _day(date_from, FIRST_DAY),
            "day_to": _day(date_to, LAST_DAY),
            "limit": page(limit, 0)["limit"],
        }
        counts = self.db.rows("cooccurring", params)
        ids = [r["id"] for r in counts]
        entities = {r["id"]: entity_of(r) for r in self.db.rows("entities_in", {"ids": ids})}
        return [Cooccurrence(entities[r["id"]], int(r["together"])) for r in counts]

    # --- quotes and events --------------------------------------------------------

    def quotes(
        self,
        speaker: str | None = None,
        article_id: int | None = None,
        date_from: date | None = None,
        date_to: date | None = None,
        limit: int = 50,
        offset: int = 0,
    ) -> list[QuoteRecord]:
        """Quotations, newest first; `speaker` is an entity id."""
        values = {
            "speaker": storable(speaker) if speaker is not None else None,
            "article_id": article_id,
            "day_from": _day(date_from, "") or None,
            "day_to": _day(date_to, "") or None,
        }
        sql = self.db.template("list_quotes").format(where=where(QUOTE_FILTERS, values))
        params = {k: v for k, v in values.items() if v is not None} | page(limit, offset)
        return [
            QuoteRecord(
                int(r["article_id"]),
                int(r["idx"]),
                r["day"],
                r["title"],
                as_time(r["published_at"]),
                quote_of(r),
            )
            for r in self.db.rows(sql, params)
        ]

    def events(
        self, filters: EventFilter | None = None, limit: int = 50, offset: int = 0
    ) -> list[EventRecord]:
        """Events, latest day first; actor, target and place are entity ids."""
        f = filters or EventFilter()
        values: dict[str, Any] = {
            "type": f.type,
            "code": f.code,
            "modality": f.modality,
            "article_id": f.article_id,
            "day_from": _day(f.date_from, "") or None,
            "day_to": _day(f.date_to, "") or None,
            "actor": f.actor,
            "target": f.target,
            "place": f.place,
        }
        values = {k: storable(v) if isinstance(v, str) else v for k, v in values.items()}
        sql = self.db.template("list_events").format(where=where(EVENT_FILTERS, values))
        params = {k: v for k, v in values.items() if v is not None} | page(limit, offset)
        rows = self.db.rows(sql, params)
        ids = sorted({int(r["article_id"]) for r in rows})
        parties: dict[tuple[int, int], list[Row]] = {}
        for p in self.db.rows("parties_in", {"ids": ids}) if ids else []:
            parties.setdefault((int(p["article_id"]), int(p["event_idx"])), []).append(p)
        return [
            EventRecord(
                int(r["article_id"]),
                int(r["idx"]),
                r["day"],
                r["title"],
                as_time(r["published_at"]),
                event_of(r, parties.get((int(r["article_id"]), int(r["idx"])), [])),
            )
            for r in rows
        ]

    # --- stories, sources, counts -------------------------------------------------

    def get_story(self, story_id: int) -> StoryRecord | None:
        row = self.db.row("story", {"id": story_id})
        return _story(row) if row else None

    def list_stories(
        self, limit: int = 20, offset: int = 0, min_articles: int = 1
    ) -> list[StoryRecord]:
        """Stories by their latest article, newest first."""
        params = {"min_articles": min_articles} | page(limit, offset)
        return [_story(r) for r in self.db.rows("list_stories", params)]

    def list_sources(self) -> list[SourceRecord]:
        """Every source with how many articles were seen there."""
        return [
            SourceRecord(int(r["id"]), r["name"], stored_time(r["first_seen"]), int(r["articles"]))
            for r in self.db.rows("list_sources")
        ]

    def stats(self) -> dict[str, int]:
        """How many of each thing the store holds."""
        row = self.db.row("stats")
        return {k: int(v) for k, v in (row or {}).items()}

    def migrations(self) -> list[tuple[int, str]]:
        """The schema migrations applied to this store, in order."""
        return [(int(r["version"]), r["name"]) for r in self.db.rows("migrations")]

    # --- search -------------------------------------------------------------------

    def known_terms(self, terms: Iterable[str]) -> set[str]:
        """Of `terms`, those the index has held: what query words are expanded against."""
        wanted = sorted(set(terms))
        if not wanted:
            return set()
        return {r["term"] for r in self.db.rows("known_terms", {"terms": wanted})}

    def search(
        self,
        query: str,
        filters: ArticleFilter | None = None,
        sort: str = "newest",
        limit: int = 20,
        offset: int = 0,
        snippets: bool = True,
    ) -> SearchResults:
        """Full-text search; see `rasad.search.engine.search`."""
        from rasad.search.engine import search

        return search(
            self, query, filters, sort=sort, limit=limit, offset=offset, snippets=snippets
        )


def _story(row: Row) -> StoryRecord:
    return StoryRecord(
        id=int(row["id"]),
        created_at=stored_time(row["created_at"]),
        articles=int(row["articles"]),
        first_article=row["first_article"],
        title=row["title"] or "",
        last_published=as_time(row["last_published"]),
    )
