"""What every endpoint shares: the store, paging, the filters of articles and events."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Path, Query, Request
from pydantic import BaseModel

from rasad.store import Store
from rasad.store.records import ArticleFilter, EventFilter

MAX_LIMIT = 200
MAX_OFFSET = 1_000_000
MAX_TEXT_PARAM = 500  # an id, a name, a type: never longer
MAX_ID = 2**53  # far above any row id, far below what a database integer overflows at

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, 1 to {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")]
Text = Annotated[str | None, Query(max_length=MAX_TEXT_PARAM)]
Day = Annotated[date | None, Query(description="YYYY-MM-DD, inclusive")]
IdPath = Annotated[int, Path(ge=1, le=MAX_ID)]
IdQuery = Annotated[int | None, Query(ge=1, le=MAX_ID)]


class Page(BaseModel):
    """One page of a list; `next` is the address of the following page, if any."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    has_more: bool
    next: str | None = None


def store_of(request: Request) -> Store:
    store: Store = request.app.state.store
    return store


def page_of(
    request: Request, items: list[dict[str, Any]], limit: int, offset: int, fetched: int
) -> Page:
    """A page from `fetched` rows asked for as `limit + 1`: the extra row says more follow."""
    has_more = fetched > limit
    following = None
    if has_more:
        following = str(request.url.include_query_params(offset=offset + limit, limit=limit))
    return Page(items=items[:limit], limit=limit, offset=offset, has_more=has_more, next=following)


def article_filter(
    date_from: Day = None,
    date_to: Day = None,
    source: Text = None,
    language: Text = None,
    entity: Text = None,
    event_type: Text = None,
    story: IdQuery = None,
) -> ArticleFilter:
    """The article filters of the search layer, from query parameters (empty means any)."""
    return ArticleFilter(
        date_from=date_from,
        date_to=date_to,
        source=source or None,
        language=language or None,
        entity=entity or None,
        event_type=event_type or None,
        story=story,
    )


def event_filter(
    type: Text = None,
    code: Text = None,
    actor: Text = None,
    target: Text = None,
    place: Text = None,
    modality: Text = None,
    article_id: IdQuery = None,
    date_from: Day = None,
    date_to: Day = None,
) -> EventFilter:
    """Event filters: actor, target and place are entity ids; days are inclusive."""
    return EventFilter(
        type=type or None,
        code=code or None,
        actor=actor or None,
        target=target or None,
        place=place or None,
        modality=modality or None,
        article_id=article_id,
        date_from=date_from,
        date_to=date_to,
    )
