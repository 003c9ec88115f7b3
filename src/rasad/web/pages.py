"""Entity, network, map, events and stories pages."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from rasad.api.deps import IdPath, store_of
from rasad.api.entities import find_entity, knowledge
from rasad.api.errors import not_found
from rasad.api.places import place_counts
from rasad.api.queries import (
    ROLES,
    alongside,
    entity_events,
    entity_names,
    event_types,
    events,
)
from rasad.store.records import ArticleFilter, EntityDay, EventFilter
from rasad.web import geo
from rasad.web.templating import (
    PAGE_SIZE,
    day_field,
    field,
    int_field,
    pager,
    record_link,
    render,
    with_params,
)

router = APIRouter(include_in_schema=False)

LABELS = ("PER", "ORG", "LOC", "FAC", "EVENT", "PRODUCT")
SIDE = 10  # rows of quotations and events on the entity page


@router.get("/entities")
def entities_page(request: Request) -> Response:
    store = store_of(request)
    label = field(request, "label")
    label = label if label in LABELS else None
    prefix = field(request, "prefix")
    offset = int_field(request, "offset", 0, 0, 1_000_000)
    found = store.list_entities(label, prefix, PAGE_SIZE + 1, offset)
    return render(
        request,
        "entities.html",
        entities=found[:PAGE_SIZE],
        label=label,
        prefix=prefix or "",
        labels=LABELS,
        pages=pager(request, offset, len(found) > PAGE_SIZE),
        record_link=record_link,
    )


def timeline_bars(days: list[EntityDay], width: int = 640, height: int = 120) -> dict[str, Any]:
    """Bars of articles per day, laid out for an inline SVG (the latest 120 days shown)."""
    days = days[-120:]
    if not days:
        return {"bars": [], "width": width, "height": height}
    top = max(d.articles for d in days)
    step = width / len(days)
    bars = []
    for i, d in enumerate(days):
        h = max(2.0, (height - 20) * d.articles / top)
        bars.append(
            {
                "x": round(i * step + step * 0.1, 1),
                "y": round(height - 16 - h, 1),
                "w": round(max(1.0, step * 0.8), 1),
                "h": round(h, 1),
                "day": d.day,
                "articles": d.articles,
                "mentions": d.mentions,
            }
        )
    return {
        "bars": bars,
        "width": width,
        "height": height,
        "first": days[0].day,
        "last": days[-1].day,
    }


@router.get("/entities/{entity_id:path}")
def entity_page(request: Request, entity_id: str) -> Response:
    store = store_of(request)
    entity = find_entity(store, entity_id)
    return render(
        request,
        "entity.html",
        entity=entity,
        kb=knowledge(entity.id),
        written=entity_names(store, entity.id),
        timeline=timeline_bars(store.entity_timeline(entity.id)),
        quotes=store.quotes(entity.id, limit=SIDE),
        as_actor=entity_events(store, entity.id, "actor", SIDE),
        as_target=entity_events(store, entity.id, "target", SIDE),
        cooccurring=alongside(store, entity.id, 15),
        record_link=record_link,
    )


@router.get("/network")
def network_page(request: Request) -> Response:
    store = store_of(request)
    entity = field(request, "entity")
    focus = find_entity(store, entity) if entity else None
    return render(
        request,
        "network.html",
        entity=entity or "",
        focus=focus,
        empty=not store.list_articles(limit=1),
        record_link=record_link,
    )


@router.get("/map")
def map_page(request: Request) -> Response:
    store = store_of(request)
    role = field(request, "role") or "place"
    role = role if role in ROLES else "place"
    event_type = field(request, "type")
    counts = place_counts(
        store, role, event_type, day_field(request, "date_from"), day_field(request, "date_to")
    )
    largest = max(counts.countries.values(), default=0)
    shapes = [
        {
            "code": c.code,
            "name": c.name_en,
            "d": c.d,
            "n": counts.countries.get(c.code, 0),
            "fill": geo.colour(counts.countries.get(c.code, 0), largest),
        }
        for c in geo.countries()
    ]
    positions = geo.cities()
    city_max = max((c.n for c in counts.cities), default=0)
    dots = [
        {"city": c, "x": positions[c.id].x, "y": positions[c.id].y, "r": geo.radius(c.n, city_max)}
        for c in counts.cities
        if c.id in positions
    ]
    ranked = sorted(counts.countries.items(), key=lambda kv: (-kv[1], kv[0]))
    return render(
        request,
        "map.html",
        shapes=shapes,
        dots=dots,
        cities=counts.cities,
        countries=ranked[:30],
        country_names=_country_names(),
        width=geo.WIDTH,
        height=round(geo.HEIGHT, 1),
        role=role,
        roles=ROLES,
        selected_type=event_type or "",
        event_types=event_types(store),
        palette=geo.PALETTE,
        window=counts.articles,
    )


def _country_names() -> dict[str, tuple[str, str]]:
    from rasad.extract.kb import load_kb

    kb = load_kb()
    out = {}
    for entity in kb.entities.values():
        if entity.type == "GPE" and entity.country:
            out[entity.country] = (entity.name_fa, entity.name_en)
    return out


def event_filters(request: Request) -> EventFilter:
    return EventFilter(
        type=field(request, "type"),
        actor=field(request, "actor"),
        target=field(request, "target"),
        place=field(request, "place"),
        modality=field(request, "modality"),
        date_from=day_field(request, "date_from"),
        date_to=day_field(request, "date_to"),
    )


@router.get("/events")
def events_page(request: Request) -> Response:
    store = store_of(request)
    filters = event_filters(request)
    offset = int_field(request, "offset", 0, 0, 1_000_000)
    found = events(store, filters, PAGE_SIZE + 1, offset)
    query = request.url.query
    query = "&".join(p for p in query.split("&") if p and not p.startswith("offset="))
    return render(
        request,
        "events.html",
        events=found[:PAGE_SIZE],
        filters=filters,
        event_types=event_types(store),
        pages=pager(request, offset, len(found) > PAGE_SIZE),
        export_query=query,
        clear_url=with_params(
            request,
            type=None,
            actor=None,
            target=None,
            place=None,
            modality=None,
            date_from=None,
            date_to=None,
            offset=None,
        ),
    )


@router.get("/stories")
def stories_page(request: Request) -> Response:
    store = store_of(request)
    offset = int_field(request, "offset", 0, 0, 1_000_000)
    least = int_field(request, "min", 2, 1, 1000)
    found = store.list_stories(PAGE_SIZE + 1, offset, least)
    return render(
        request,
        "stories.html",
        stories=found[:PAGE_SIZE],
        least=least,
        pages=pager(request, offset, len(found) > PAGE_SIZE),
    )


@router.get("/stories/{story_id}")
def story_page(request: Request, story_id: IdPath) -> Response:
    store = store_of(request)
    story = store.get_story(story_id)
    if story is None:
        raise not_found(f"story {story_id}")
    articles = store.list_articles(ArticleFilter(story=story_id), 200)
    return render(request, "story.html", story=story, articles=articles)
