"""The search page, the article page, the language switch and error pages."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from rasad.api.alerts import rising_now
from rasad.api.articles import FACET_HITS, find_article
from rasad.api.deps import store_of
from rasad.api.queries import event_types, facets, languages, sources
from rasad.errors import RasadError
from rasad.search.engine import SORTS
from rasad.search.highlight import mark_up
from rasad.search.hybrid import find
from rasad.store.records import ArticleFilter
from rasad.web import i18n
from rasad.web.annotate import article_html
from rasad.web.templating import (
    PAGE_SIZE,
    day_field,
    field,
    int_field,
    pager,
    render,
    with_params,
)

router = APIRouter(include_in_schema=False)


def error_page(request: Request, status: int, message: str) -> Response:
    return render(request, "error.html", status=status, status_code=status, message=message)


@router.get("/lang")
def switch_language(request: Request, to: str = i18n.DEFAULT, next: str = "/") -> Response:
    """Set the language cookie and go back; only paths on this site are followed."""
    target = next if next.startswith("/") and not next.startswith("//") else "/"
    response = RedirectResponse(target, status_code=303)
    response.set_cookie(i18n.COOKIE, i18n.pick(to), max_age=365 * 24 * 3600, samesite="lax")
    return response


def search_filters(request: Request) -> ArticleFilter:
    story = field(request, "story")
    return ArticleFilter(
        date_from=day_field(request, "date_from"),
        date_to=day_field(request, "date_to"),
        source=field(request, "source"),
        language=field(request, "language"),
        entity=field(request, "entity"),
        event_type=field(request, "event_type"),
        story=int(story) if story and story.isdigit() and len(story) < 12 else None,
    )


@router.get("/")
def search_page(request: Request) -> Response:
    """Search with filters and facets; with no query, the latest articles."""
    store = store_of(request)
    q = field(request, "q") or ""
    sort = field(request, "sort") or "newest"
    sort = sort if sort in SORTS else "newest"
    offset = int_field(request, "offset", 0, 0, 10_000)
    filters = search_filters(request)
    items: list[dict[str, Any]] = []
    message = ""
    has_more = False
    spellings: list[list[str]] = []
    ids: list[int] = []
    try:
        if q:
            results = find(store, q, filters, sort=sort, limit=PAGE_SIZE, offset=offset)
            has_more = results.has_more
            spellings = results.expansions()
            for hit in results.hits:
                items.append(
                    {
                        "summary": hit.summary,
                        "title_html": mark_up(hit.summary.title, hit.title_marks, escape=True),
                        "snippet_html": hit.snippet.html(),
                    }
                )
            top = find(store, q, filters, sort=sort, limit=FACET_HITS, snippets=False)
            ids = [h.summary.id for h in top.hits]
        else:
            found = store.list_articles(filters, PAGE_SIZE + 1, offset)
            has_more = len(found) > PAGE_SIZE
            items = [
                {"summary": s, "title_html": "", "snippet_html": ""} for s in found[:PAGE_SIZE]
            ]
            ids = [s.id for s in store.list_articles(filters, FACET_HITS)]
    except RasadError as e:
        message = str(e)
    empty_store = not q and not items and not store.list_articles(limit=1)
    return render(
        request,
        "search.html",
        q=q,
        sort=sort,
        filters=filters,
        items=items,
        message=message,
        spellings=spellings,
        facets=facets(store, ids),
        sources=sources(store),
        languages=languages(store),
        event_types=event_types(store),
        pages=pager(request, offset, has_more),
        empty_store=empty_store,
        facet_url=lambda **kw: with_params(request, offset=None, **kw),
        trends=() if q else rising_now(store),
    )


@router.get("/articles/{ref}")
def article_page(request: Request, ref: str) -> Response:
    """The clean text with names, quotations and event triggers in colour."""
    record = find_article(store_of(request), ref)
    article = record.article
    quotes = list(enumerate(article.quotes))
    return render(
        request,
        "article.html",
        record=record,
        summary=record.summary,
        article=article,
        body=article_html(article),
        quotes=quotes,
        events=article.events,
        entities=_distinct_entities(article),
    )


def _distinct_entities(article: Any) -> list[Any]:
    """One mention per entity, in order of first appearance, dates left out."""
    seen: dict[str, Any] = {}
    for m in article.mentions:
        if m.entity_id and m.label != "DATE" and m.entity_id not in seen:
            seen[m.entity_id] = m
    return list(seen.values())


@router.get("/api/docs")
def api_docs(request: Request) -> Response:
    """Every endpoint of the OpenAPI schema with its parameters, served without a CDN."""
    schema = request.app.openapi()
    endpoints = [
        {
            "method": method.upper(),
            "path": path,
            "summary": op.get("summary", ""),
            "description": op.get("description", ""),
            "params": [
                (p["name"], p["in"], p.get("required", False)) for p in op.get("parameters", [])
            ],
        }
        for path, ops in schema["paths"].items()
        for method, op in ops.items()
    ]
    return render(request, "api.html", endpoints=endpoints, version=schema["info"]["version"])
