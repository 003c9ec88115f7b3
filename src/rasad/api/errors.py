"""Errors as short JSON messages (or an HTML page for the dashboard), never a stack trace.

Every refusal carries a coded message a user can act on; an unexpected
failure is logged on the server and answered with a generic message so that
nothing about the code or the database leaks to the client.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from rasad.errors import RasadError

log = logging.getLogger("rasad.api")


class Messages:
    E072 = "[E072] not found: {what}"
    E073 = "[E073] this request needs an API key (header X-API-Key or Authorization: Bearer)"
    E074 = "[E074] the API key is not valid"
    E075 = "[E075] writing is switched off: the server has no API key (set RASAD_API_KEY)"
    E076 = "[E076] the request body is {size} bytes; the limit is {limit}"
    E077 = "[E077] the request address is {size} characters; the limit is {limit}"
    E078 = "[E078] bad request: {why}"
    E079 = "[E079] something went wrong on the server; the error was logged"
    E080 = "[E080] reading from outside this machine needs an API key"
    E081 = "[E081] nothing to ingest: send the article's text, or a url to fetch"
    E082 = "[E082] could not ingest {what}: {why}"
    E083 = "[E083] too many requests from this address; try again in {seconds} s"


class ApiError(Exception):
    """A refusal with an HTTP status and a coded message."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers


def not_found(what: str) -> ApiError:
    return ApiError(404, Messages.E072.format(what=what))


def error_body(status: int, message: str) -> dict[str, Any]:
    return {"error": message, "status": status}


def validation_message(exc: RequestValidationError) -> str:
    """One line per bad field: where it is and what is wrong, without echoing the input."""
    parts = []
    for err in exc.errors()[:5]:
        where = ".".join(str(p) for p in err.get("loc", ()) if p not in ("query", "body", "path"))
        parts.append(f"{where or 'request'}: {err.get('msg', 'invalid')}")
    return Messages.E078.format(why="; ".join(parts) or "invalid request")


def install_handlers(app: FastAPI, html_page: Any = None) -> None:
    """JSON errors for the API; `html_page(request, status, message)` for dashboard pages."""

    def respond(request: Request, status: int, message: str, headers: Any = None) -> Response:
        if html_page is not None and not request.url.path.startswith("/api"):
            page: Response = html_page(request, status, message)
            if headers:
                page.headers.update(headers)
            return page
        return JSONResponse(error_body(status, message), status_code=status, headers=headers)

    @app.exception_handler(ApiError)
    async def api_error(request: Request, exc: ApiError) -> Response:
        return respond(request, exc.status, exc.message, exc.headers)

    @app.exception_handler(RasadError)
    async def rasad_error(request: Request, exc: RasadError) -> Response:
        # Coded user-facing errors of the store and search layers (a bad query, say).
        return respond(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        return respond(request, 422, validation_message(exc))

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if exc.status_code == 404:
            message = Messages.E072.format(what=request.url.path)
        else:
            message = Messages.E078.format(why=str(exc.detail))
        return respond(request, exc.status_code, message, getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crash(request: Request, exc: Exception) -> Response:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return respond(request, 500, Messages.E079)
