"""Flat tables of events, quotations and entities, as CSV or JSON lines.

The event table follows GDELT's shape (one row per event: day, CAMEO code
and root code, actor 1, actor 2, place, the source article) so that an
analyst can load it into a notebook beside GDELT data. Rows stream page by
page from the store; nothing is held in memory whole.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from rasad.model import Party
from rasad.store import Store
from rasad.store.records import EntityRecord, EventFilter, EventRecord, QuoteRecord

PAGE = 1000
FORMATS = ("csv", "jsonl")

EVENT_COLUMNS = (
    "event_id",
    "day",
    "date",
    "article_id",
    "article_title",
    "event_code",
    "event_root_code",
    "event_type",
    "negated",
    "modality",
    "trigger",
    "actor1_id",
    "actor1_name",
    "actor1_name_en",
    "actor1_country",
    "actor2_id",
    "actor2_name",
    "actor2_name_en",
    "actor2_country",
    "place_id",
    "place_name",
    "place_name_en",
    "place_country",
)
QUOTE_COLUMNS = (
    "quote_id",
    "day",
    "article_id",
    "article_title",
    "kind",
    "speaker_id",
    "speaker_name",
    "speaker_name_en",
    "speaker_country",
    "cue",
    "cited_source",
    "content",
)
ENTITY_COLUMNS = ("entity_id", "label", "name", "name_en", "country", "articles", "mentions")


def _party(prefix: str, party: Party | None) -> dict[str, Any]:
    return {
        f"{prefix}_id": party.entity_id if party else "",
        f"{prefix}_name": party.text if party else "",
        f"{prefix}_name_en": party.name_en if party else "",
        f"{prefix}_country": party.country if party else "",
    }


def event_row(record: EventRecord) -> dict[str, Any]:
    """One GDELT-style row; several actors or targets are joined with `;`."""
    e = record.event
    row: dict[str, Any] = {
        "event_id": f"{record.article_id}-{record.idx}",
        "day": record.day,
        "date": e.date,
        "article_id": record.article_id,
        "article_title": record.title,
        "event_code": e.code,
        "event_root_code": e.code[:2],
        "event_type": e.type,
        "negated": e.negated,
        "modality": e.modality,
        "trigger": e.trigger,
    }
    row |= _joined("actor1", e.actors)
    row |= _joined("actor2", e.targets)
    row |= _party("place", e.place)
    return row


def _joined(prefix: str, parties: Sequence[Party]) -> dict[str, Any]:
    if len(parties) <= 1:
        return _party(prefix, parties[0] if parties else None)
    each = [_party(prefix, p) for p in parties]
    return {k: ";".join(str(d[k]) for d in each) for k in each[0]}


def quote_row(record: QuoteRecord) -> dict[str, Any]:
    q = record.quote
    return {
        "quote_id": f"{record.article_id}-{record.idx}",
        "day": record.day,
        "article_id": record.article_id,
        "article_title": record.title,
        "kind": q.kind,
        **_party("speaker", q.speaker),
        "cue": q.cue,
        "cited_source": q.source,
        "content": q.content,
    }


def entity_row(record: EntityRecord) -> dict[str, Any]:
    return {
        "entity_id": record.id,
        "label": record.label,
        "name": record.name,
        "name_en": record.name_en,
        "country": record.country,
        "articles": record.articles,
        "mentions": record.mentions,
    }


def paged(fetch: Callable[[int, int], Sequence[Any]], max_rows: int) -> Iterator[Any]:
    """Every record `fetch(limit, offset)` gives, page after page, at most `max_rows`."""
    offset = 0
    while offset < max_rows:
        found = fetch(min(PAGE, max_rows - offset), offset)
        yield from found
        if len(found) < PAGE:
            return
        offset += len(found)


def event_rows(store: Store, filters: EventFilter, max_rows: int) -> Iterator[dict[str, Any]]:
    from rasad.api.queries import events

    records = paged(lambda limit, offset: events(store, filters, limit, offset), max_rows)
    return (event_row(r) for r in records)


def encode(rows: Iterable[dict[str, Any]], columns: Sequence[str], fmt: str) -> Iterator[bytes]:
    """Rows as UTF-8 CSV (with a header and a BOM, so spreadsheets read Persian) or JSON lines."""
    if fmt == "jsonl":
        for row in rows:
            yield (json.dumps(row, ensure_ascii=False) + "\n").encode("utf-8")
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), extrasaction="ignore")
    writer.writeheader()
    yield ("\ufeff" + buffer.getvalue()).encode("utf-8")
    for row in rows:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow({k: _cell(v) for k, v in row.items()})
        yield buffer.getvalue().encode("utf-8")


def _cell(value: Any) -> Any:
    # A cell starting with = + - @ would run as a formula in a spreadsheet.
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
