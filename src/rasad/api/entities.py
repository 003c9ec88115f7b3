"""Entities: people, organizations and places with their mentions, company and words.

Entity ids hold colons and may hold spaces or slashes (`doc:PER:name`), so
they are matched as the rest of the path; the sub-resources are declared
before the plain lookup, which would otherwise take them as part of the id.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from rasad.api.deps import Day, Limit, Offset, Page, Text, page_of, store_of
from rasad.api.errors import not_found
from rasad.api.queries import entity_events, entity_names
from rasad.extract.kb import load_kb
from rasad.store import Store
from rasad.store.records import EntityRecord, to_json

router = APIRouter(prefix="/api/entities", tags=["entities"])


def find_entity(store: Store, entity_id: str) -> EntityRecord:
    record = store.get_entity(entity_id)
    if record is None:
        raise not_found(f"entity {entity_id}")
    return record


def knowledge(entity_id: str) -> dict[str, Any] | None:
    """What the knowledge base says: names in every language and aliases."""
    found = load_kb().get(entity_id)
    if found is None:
        return None
    return {
        "type": found.type,
        "name_fa": found.name_fa,
        "name_en": found.name_en,
        "name_tg": found.name_tg,
        "name_ps": found.name_ps,
        "aliases_fa": list(found.aliases_fa),
        "aliases_en": list(found.aliases_en),
        "aliases_tg": list(found.aliases_tg),
        "aliases_ru": list(found.aliases_ru),
        "country": found.country,
    }


def entity_json(store: Store, record: EntityRecord) -> dict[str, Any]:
    out: dict[str, Any] = to_json(record)
    out["written_as"] = to_json(entity_names(store, record.id))
    out["kb"] = knowledge(record.id)
    return out


@router.get("", response_model=Page, summary="List entities by how many articles name them")
def list_entities(
    request: Request,
    label: Text = None,
    prefix: Text = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> Page:
    """`label`: PER, ORG, LOC, FAC, EVENT...; `prefix`: the start of a Persian or English name."""
    found = store_of(request).list_entities(label or None, prefix or None, limit + 1, offset)
    return page_of(request, to_json(found), limit, offset, len(found))


@router.get("/{entity_id:path}/timeline", summary="Mentions of an entity per day")
def timeline(
    request: Request, entity_id: str, date_from: Day = None, date_to: Day = None
) -> dict[str, Any]:
    store = store_of(request)
    find_entity(store, entity_id)
    days = store.entity_timeline(entity_id, date_from, date_to)
    return {"entity_id": entity_id, "days": to_json(days)}


@router.get("/{entity_id:path}/cooccurring", summary="Entities named in the same articles")
def cooccurring(
    request: Request,
    entity_id: str,
    limit: Limit = 20,
    date_from: Day = None,
    date_to: Day = None,
) -> dict[str, Any]:
    store = store_of(request)
    find_entity(store, entity_id)
    found = store.cooccurring(entity_id, limit, date_from, date_to)
    return {"entity_id": entity_id, "items": to_json(found)}


@router.get("/{entity_id:path}/quotes", response_model=Page, summary="What an entity said")
def quotes(
    request: Request,
    entity_id: str,
    date_from: Day = None,
    date_to: Day = None,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page:
    store = store_of(request)
    find_entity(store, entity_id)
    found = store.quotes(entity_id, None, date_from, date_to, limit + 1, offset)
    return page_of(request, to_json(found), limit, offset, len(found))


@router.get(
    "/{entity_id:path}/events", response_model=Page, summary="Events an entity takes part in"
)
def events(
    request: Request,
    entity_id: str,
    role: Annotated[str, Query(pattern="^(actor|target|place)$")] = "actor",
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page:
    store = store_of(request)
    find_entity(store, entity_id)
    found = entity_events(store, entity_id, role, limit + 1, offset)
    return page_of(request, to_json(found), limit, offset, len(found))


@router.get("/{entity_id:path}", summary="One entity: names, aliases, counts")
def get_entity(request: Request, entity_id: str) -> dict[str, Any]:
    store = store_of(request)
    return entity_json(store, find_entity(store, entity_id))
