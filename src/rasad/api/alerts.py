"""Watchlists, their alerts (JSON and an Atom feed) and the subjects rising now.

Reads like every other read: open to loopback clients, to others with the
key or when the config opens reads. Watchlists are written with
`rasad watchlist add`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from rasad.alerts.atom import MEDIA_TYPE, atom_feed
from rasad.alerts.trends import Trend, trends
from rasad.api.deps import Day, Limit, Offset, Page, Text, page_of, store_of
from rasad.api.errors import not_found
from rasad.api.queries import fresh
from rasad.store import Store
from rasad.store.alerts import SUBJECT_KINDS
from rasad.store.records import to_json

router = APIRouter(prefix="/api", tags=["alerts"])

FEED_ENTRIES = 50
Kind = Annotated[str | None, Query(pattern="^(" + "|".join(SUBJECT_KINDS) + ")$")]


@fresh
def rising_now(store: Store, limit: int = 10) -> list[Trend]:
    """The subjects rising on the latest day, for the dashboard's front page (a minute old at most)."""
    return trends(store, limit=limit)


def _known(request: Request, watchlist: str | None) -> str | None:
    if watchlist and store_of(request).get_watchlist(watchlist) is None:
        raise not_found(f"watchlist {watchlist}")
    return watchlist or None


@router.get("/watchlists", summary="Saved searches checked against each new article")
def list_watchlists(request: Request) -> dict[str, Any]:
    found = to_json(store_of(request).watchlists())
    for w in found:
        # Where alerts go is the owner's business, not every reader's.
        w["webhook"] = bool(w["webhook"])
        w["emails"] = len(w["emails"])
    return {"items": found}


@router.get("/alerts", response_model=Page, summary="Alerts raised by watchlists, newest first")
def list_alerts(
    request: Request, watchlist: Text = None, limit: Limit = 50, offset: Offset = 0
) -> Page:
    found = store_of(request).alerts(_known(request, watchlist), limit + 1, offset)
    return page_of(request, to_json(found), limit, offset, len(found))


@router.get(
    "/alerts.atom",
    summary="Alerts as an Atom feed",
    response_class=Response,
    responses={200: {"content": {"application/atom+xml": {}}}},
)
def alerts_feed(request: Request, watchlist: Text = None) -> Response:
    """The latest 50 alerts (of one watchlist), for a feed reader."""
    name = _known(request, watchlist)
    found = store_of(request).alerts(name, FEED_ENTRIES)
    title = f"rasad alerts: {name}" if name else "rasad alerts"
    body = atom_feed(found, str(request.base_url).rstrip("/"), str(request.url), title)
    return Response(body, media_type=MEDIA_TYPE)


@router.get("/trends", summary="Entities, places and event types rising above their baseline")
def list_trends(
    request: Request,
    day: Day = None,
    kind: Kind = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> dict[str, Any]:
    """Rising on `day` (default: the latest day with articles); the rule is in docs/alerts.md."""
    kinds = (kind,) if kind else SUBJECT_KINDS
    found = trends(store_of(request), day, limit=limit, kinds=kinds)
    return {"items": to_json(found)}
