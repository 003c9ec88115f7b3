"""Stories, sources, counts, and the data behind the network and the map."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request

from rasad.api.deps import Day, IdPath, Limit, Offset, Page, Text, page_of, store_of
from rasad.api.errors import not_found
from rasad.api.network import network
from rasad.api.places import place_counts
from rasad.api.queries import ROLES
from rasad.store.records import ArticleFilter, to_json

router = APIRouter(prefix="/api", tags=["overview"])

STORY_ARTICLES = 200


@router.get("/stories", response_model=Page, summary="Stories: near-duplicate articles grouped")
def list_stories(
    request: Request,
    min_articles: Annotated[int, Query(ge=1, le=1000)] = 1,
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page:
    found = store_of(request).list_stories(limit + 1, offset, min_articles)
    return page_of(request, to_json(found), limit, offset, len(found))


@router.get("/stories/{story_id}", summary="One story with its articles across sources")
def get_story(request: Request, story_id: IdPath) -> dict[str, Any]:
    store = store_of(request)
    story = store.get_story(story_id)
    if story is None:
        raise not_found(f"story {story_id}")
    articles = store.list_articles(ArticleFilter(story=story_id), STORY_ARTICLES)
    return {"story": to_json(story), "articles": to_json(articles)}


@router.get("/sources", summary="Sources with how many articles were seen there")
def list_sources(request: Request) -> dict[str, Any]:
    return {"items": to_json(store_of(request).list_sources())}


@router.get("/stats", summary="How many of each thing the store holds")
def stats(request: Request) -> dict[str, int]:
    return store_of(request).stats()


@router.get("/network", summary="Actors linked by events and co-mentions")
def get_network(
    request: Request,
    entity: Text = None,
    window: Annotated[int, Query(ge=1, le=5000)] = 500,
    nodes: Annotated[int, Query(ge=2, le=150)] = 40,
) -> dict[str, Any]:
    """Cytoscape-ready elements drawn from the latest `window` articles (naming `entity`)."""
    graph = network(store_of(request), entity or None, window, nodes)
    return {
        "articles": graph.articles,
        "nodes": [
            {
                "id": n.entity.id,
                "name": n.entity.name,
                "name_en": n.entity.name_en,
                "label": n.entity.label,
                "articles": n.n,
            }
            for n in graph.nodes
        ],
        "edges": to_json(graph.edges),
    }


@router.get("/map", summary="Events per country and per city")
def get_map(
    request: Request,
    role: Annotated[str, Query(pattern="^(" + "|".join(ROLES) + ")$")] = "place",
    type: Text = None,
    date_from: Day = None,
    date_to: Day = None,
) -> dict[str, Any]:
    """Countries are ISO 3166 alpha-2 codes of the party in `role` (the place, by default)."""
    counts = place_counts(store_of(request), role, type or None, date_from, date_to)
    found: dict[str, Any] = to_json(counts)
    return found
