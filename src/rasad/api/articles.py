"""Articles and search: lists, one article with its annotations, full-text search."""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from rasad.api.deps import Limit, Offset, Page, article_filter, page_of, store_of
from rasad.api.errors import not_found
from rasad.api.queries import facets
from rasad.search.engine import SORTS, SearchHit
from rasad.search.highlight import mark_up
from rasad.search.hybrid import MODES, find
from rasad.search.query import MAX_QUERY_CHARS
from rasad.store import Store
from rasad.store.records import ArticleFilter, ArticleRecord, to_json

router = APIRouter(prefix="/api", tags=["articles"])

HASH = re.compile(r"^[0-9a-f]{16,64}$")
FACET_HITS = 200  # facets count over this many of the best matches


def find_article(store: Store, ref: str) -> ArticleRecord:
    """By numeric id, or by content hash; 404 otherwise."""
    record = None
    if ref.isdigit() and len(ref) < 19:
        record = store.get_article(int(ref))
    elif HASH.match(ref):
        record = store.get_article(ref)
    if record is None:
        raise not_found(f"article {ref}")
    return record


def article_json(record: ArticleRecord) -> dict[str, Any]:
    """The record as JSON; tokens are not stored, so their empty list is left out."""
    out: dict[str, Any] = to_json(record)
    out["article"].pop("tokens", None)
    return out


@router.get("/articles", response_model=Page, summary="List articles, newest first")
def list_articles(
    request: Request,
    filters: Annotated[ArticleFilter, Depends(article_filter)],
    limit: Limit = 20,
    offset: Offset = 0,
) -> Page:
    store = store_of(request)
    found = store.list_articles(filters, limit + 1, offset)
    return page_of(request, to_json(found), limit, offset, len(found))


@router.get("/articles/{ref}", summary="One article with its annotations")
def get_article(request: Request, ref: str) -> dict[str, Any]:
    """The clean and raw text, dropped boilerplate, mentions, quotations, events, sightings.

    `ref` is the article's id or its content hash.
    """
    return article_json(find_article(store_of(request), ref))


def hit_json(hit: SearchHit) -> dict[str, Any]:
    return {
        "article": to_json(hit.summary),
        "score": hit.score,
        "title_html": mark_up(hit.summary.title, hit.title_marks, escape=True),
        "snippet": to_json(hit.snippet),
        "snippet_html": hit.snippet.html(),
        "marks": [list(m) for m in hit.marks],
    }


@router.get("/search", summary="Full-text search across spellings")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=MAX_QUERY_CHARS)],
    filters: Annotated[ArticleFilter, Depends(article_filter)],
    sort: Annotated[str, Query(pattern="^(" + "|".join(SORTS) + ")$")] = "newest",
    limit: Limit = 20,
    offset: Offset = 0,
    with_facets: Annotated[bool, Query(alias="facets")] = False,
    mode: Annotated[str | None, Query(pattern="^(" + "|".join(MODES) + ")$")] = None,
) -> dict[str, Any]:
    """Matches newest first (or by relevance), each with a highlighted snippet.

    `q` may be English: names, event words and news words are searched in
    Persian, and where the store has vectors the query's meaning too. `mode`
    is keyword, vector or hybrid; by default hybrid for an English query on a
    store with vectors, else keyword. Vector and hybrid results rank by relevance.

    `*_html` fields are escaped HTML with `<mark>` around the matches; marks
    are [start, end) offsets into the article's clean text.
    """
    store = store_of(request)
    results = find(store, q, filters, sort=sort, limit=limit, offset=offset, mode=mode)
    out: dict[str, Any] = {
        "query": q,
        "sort": results.sort,
        "expansions": results.expansions(),
        "limit": limit,
        "offset": results.offset,
        "has_more": results.has_more,
        "items": [hit_json(h) for h in results.hits],
    }
    if with_facets:
        out["facets"] = to_json(search_facets(store, q, filters, mode))
    return out


def search_facets(store: Store, q: str, filters: ArticleFilter, mode: str | None = None) -> Any:
    """Facets over the best `FACET_HITS` matches (newest first) of a query."""
    top = find(store, q, filters, limit=FACET_HITS, snippets=False, mode=mode)
    return facets(store, [h.summary.id for h in top.hits])
