"""The dashboard: server-rendered pages (Jinja2) in Persian, right to left, with an English toggle.

Everything the pages load (the Vazirmatn font, cytoscape.js, the world map,
the style sheet and the small scripts) is served from `static/` by rasad
itself; no page reaches the network.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import Response
from fastapi.staticfiles import StaticFiles

HtmlPage = Callable[[Request, int, str], Response]


def install(app: FastAPI) -> HtmlPage:
    """Add the pages and /static to `app`; the renderer of error pages."""
    from rasad.web import pages, views

    static = resources.files("rasad") / "web" / "static"
    app.mount("/static", StaticFiles(directory=str(static)), name="static")
    app.include_router(views.router)
    app.include_router(pages.router)
    return views.error_page
