"""What the store returns: plain frozen records, ready for JSON via `to_json`."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from rasad.model import Article, Event, Quote


@dataclass(frozen=True, slots=True)
class AddResult:
    """What `Store.add_article` did: `status` is new, duplicate, updated or failed."""

    id: int
    hash: str
    status: str
    error: str = ""  # why it failed


@dataclass(frozen=True, slots=True)
class Sighting:
    """One place an article was found: the same text from two feeds is two sightings."""

    source: str
    url: str
    seen_at: datetime


@dataclass(frozen=True, slots=True)
class ArticleSummary:
    id: int
    hash: str
    title: str
    url: str
    source: str
    language: str
    published_at: datetime | None
    ingested_at: datetime
    day: str  # YYYY-MM-DD of published_at, else of ingested_at (UTC)
    story_id: int | None


@dataclass(frozen=True, slots=True)
class ArticleRecord:
    """A stored article with every annotation, as an `Article` of the data model."""

    summary: ArticleSummary
    article: Article
    sightings: tuple[Sighting, ...]


@dataclass(frozen=True, slots=True)
class EntityRecord:
    id: str
    label: str
    name: str  # Persian
    name_en: str
    country: str
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class EntityDay:
    day: str
    articles: int
    mentions: int


@dataclass(frozen=True, slots=True)
class Cooccurrence:
    entity: EntityRecord
    articles: int  # articles that name both


@dataclass(frozen=True, slots=True)
class QuoteRecord:
    article_id: int
    idx: int
    day: str
    title: str
    published_at: datetime | None
    quote: Quote


@dataclass(frozen=True, slots=True)
class EventRecord:
    article_id: int
    idx: int
    day: str  # the event's own date where it has a full one, else the article's day
    title: str
    published_at: datetime | None
    event: Event


@dataclass(frozen=True, slots=True)
class StoryRecord:
    id: int
    created_at: datetime
    articles: int
    first_article: int | None
    title: str  # of its first article
    last_published: datetime | None


@dataclass(frozen=True, slots=True)
class SourceRecord:
    id: int
    name: str
    first_seen: datetime
    articles: int


@dataclass(frozen=True, slots=True)
class ArticleFilter:
    """Which articles: every field left empty matches all.

    Dates are inclusive days of the article's time (published, else ingested).
    `source` matches any place the article was seen, not only the first.
    """

    date_from: date | None = None
    date_to: date | None = None
    source: str | None = None
    language: str | None = None
    entity: str | None = None
    event_type: str | None = None
    story: int | None = None


@dataclass(frozen=True, slots=True)
class EventFilter:
    """Which events: actor, target and place are entity ids; days are inclusive."""

    type: str | None = None
    code: str | None = None
    actor: str | None = None
    target: str | None = None
    place: str | None = None
    modality: str | None = None
    article_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None


def to_json(value: Any) -> Any:
    """A record (or list of them) as JSON-ready data: dates as ISO strings."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if isinstance(value, Article):
            return value.to_dict()
        return {f.name: to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, list | tuple):
        return [to_json(v) for v in value]
    if isinstance(value, dict):
        return {k: to_json(v) for k, v in value.items()}
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value
