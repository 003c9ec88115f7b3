"""The web application: the REST API under /api and the dashboard beside it.

    from rasad.api import create_app
    app = create_app(open_store("rasad.db"), load_settings())

`rasad serve` runs it with uvicorn. The OpenAPI schema is at /api/openapi.json
and a page that lists it at /api/docs (rendered by `rasad.web`).
"""

from __future__ import annotations

from fastapi import FastAPI
from fastapi.middleware.gzip import GZipMiddleware

from rasad import __version__
from rasad.api import alerts, articles, entities, events, ingest, overview
from rasad.api.access import Guard
from rasad.api.config import Settings
from rasad.api.errors import install_handlers
from rasad.store import Store


def create_app(store: Store, settings: Settings | None = None, dashboard: bool = True) -> FastAPI:
    """An app serving `store`; the caller keeps (and closes) the store."""
    settings = settings or Settings()
    app = FastAPI(
        title="rasad",
        version=__version__,
        summary="Persian news as searchable people, places, quotations and events.",
        openapi_url="/api/openapi.json",
        docs_url=None,  # the stock page loads its scripts from a CDN; rasad serves its own
        redoc_url=None,
    )
    app.state.store = store
    app.state.settings = settings
    for module in (articles, entities, events, overview, ingest):
        app.include_router(module.router)
    app.include_router(alerts.router)  # watchlists, alerts and their Atom feed, trends
    html_page = None
    if dashboard:
        from rasad.web import install

        html_page = install(app)
    install_handlers(app, html_page)

    # The map page is mostly SVG paths: compressed it is a fifth of the size.
    app.add_middleware(GZipMiddleware, minimum_size=2000)
    app.add_middleware(Guard, settings=settings)
    return app
