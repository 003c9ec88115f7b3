"""Events and quotations, and their export as CSV or JSON lines."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from fastapi.responses import StreamingResponse

from rasad.api import export, queries
from rasad.api.deps import (
    Day,
    IdQuery,
    Limit,
    Offset,
    Page,
    Text,
    event_filter,
    page_of,
    store_of,
)
from rasad.store.records import EventFilter, to_json

router = APIRouter(prefix="/api", tags=["events and quotations"])

Format = Annotated[str, Path(pattern="^(csv|jsonl)$", description="csv or jsonl")]
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}


@router.get("/events", response_model=Page, summary="Events, latest day first")
def list_events(
    request: Request,
    filters: Annotated[EventFilter, Depends(event_filter)],
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    """Filter by type (`consult`), CAMEO code, actor, target, place (entity ids) and days."""
    found = queries.events(store_of(request), filters, limit + 1, offset)
    return page_of(request, to_json(found), limit, offset, len(found))


@router.get("/quotes", response_model=Page, summary="Quotations, newest first")
def list_quotes(
    request: Request,
    speaker: Text = None,
    article_id: IdQuery = None,
    date_from: Day = None,
    date_to: Day = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    found = store_of(request).quotes(
        speaker or None, article_id, date_from, date_to, limit + 1, offset
    )
    return page_of(request, to_json(found), limit, offset, len(found))


def download(rows: Iterable[dict[str, Any]], columns: Any, fmt: str, name: str) -> Any:
    return StreamingResponse(
        export.encode(rows, columns, fmt),
        media_type=MEDIA[fmt],
        headers={"Content-Disposition": f'attachment; filename="rasad-{name}.{fmt}"'},
    )


@router.get("/export/events.{fmt}", summary="The event table (GDELT-style), CSV or JSON lines")
def export_events(
    request: Request, fmt: Format, filters: Annotated[EventFilter, Depends(event_filter)]
) -> Any:
    store = store_of(request)
    limit = request.app.state.settings.export_rows
    return download(export.event_rows(store, filters, limit), export.EVENT_COLUMNS, fmt, "events")


@router.get("/export/quotes.{fmt}", summary="Quotations, CSV or JSON lines")
def export_quotes(
    request: Request,
    fmt: Format,
    speaker: Text = None,
    date_from: Day = None,
    date_to: Day = None,
) -> Any:
    store = store_of(request)
    limit = request.app.state.settings.export_rows
    records = export.paged(
        lambda n, skip: store.quotes(speaker or None, None, date_from, date_to, n, skip), limit
    )
    rows = (export.quote_row(r) for r in records)
    return download(rows, export.QUOTE_COLUMNS, fmt, "quotes")


@router.get("/export/entities.{fmt}", summary="Entities with their counts, CSV or JSON lines")
def export_entities(request: Request, fmt: Format, label: Text = None) -> Any:
    store = store_of(request)
    limit = request.app.state.settings.export_rows
    records = export.paged(lambda n, skip: store.list_entities(label or None, None, n, skip), limit)
    rows = (export.entity_row(r) for r in records)
    return download(rows, export.ENTITY_COLUMNS, fmt, "entities")
