"""Rendering pages: one Jinja2 environment (autoescaped), the reader's language, form values.

Form values arrive as strings, empty when a field was left blank; they are
read here by hand rather than as typed FastAPI parameters so that a blank
date is "any date" and a bad one is a message on the page, not a 422.
"""

from __future__ import annotations

from datetime import date
from functools import cache
from typing import Any
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup, escape

from rasad.api.errors import ApiError, Messages
from rasad.store.records import EntityRecord
from rasad.web import i18n
from rasad.web.annotate import entity_href

PAGE_SIZE = 20
MAX_FIELD = 500


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("rasad", "web/templates"),
        autoescape=select_autoescape(["html"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["entity_href"] = entity_href
    env.globals["entity_link"] = entity_link
    env.filters["urlpart"] = lambda value: quote(str(value), safe="")
    return env


def language(request: Request) -> str:
    return i18n.pick(request.cookies.get(i18n.COOKIE, i18n.DEFAULT))


def render(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    lang = language(request)
    t = i18n.translator(lang)

    def num(value: int | float | str) -> str:
        return i18n.number(value, lang)

    def event_type(value: str) -> str:
        return i18n.term(i18n.EVENT_TYPES, value, lang)

    def modality(value: str) -> str:
        return i18n.term(i18n.MODALITIES, value, lang)

    html = (
        environment()
        .get_template(template)
        .render(
            request=request,
            lang=lang,
            dir=i18n.direction(lang),
            t=t,
            num=num,
            event_type=event_type,
            modality=modality,
            entity_link=entity_link,
            path=request.url.path,
            here=str(request.url.path) + (f"?{request.url.query}" if request.url.query else ""),
            **context,
        )
    )
    return HTMLResponse(html, status_code=status)


def entity_link(entity_id: str, name: str, name_en: str = "", label: str = "") -> Markup:
    """A Persian name linking to its entity page, with the English name beside it."""
    css = f"ent ent-{escape(label)}" if label else "ent"
    name = name or name_en or entity_id
    en = (
        f' <bdi class="en" dir="ltr">{escape(name_en)}</bdi>' if name_en and name_en != name else ""
    )
    if not entity_id:
        return Markup(f'<span class="{css}">{escape(name)}</span>{en}')
    href = escape(entity_href(entity_id))
    return Markup(f'<a class="{css}" href="{href}">{escape(name)}</a>{en}')


def record_link(record: EntityRecord) -> Markup:
    return entity_link(record.id, record.name, record.name_en, record.label)


def field(request: Request, name: str) -> str | None:
    """A form field, stripped; None when blank; refused when absurdly long."""
    value = request.query_params.get(name, "").strip()
    if len(value) > MAX_FIELD:
        raise ApiError(400, Messages.E078.format(why=f"{name} is longer than {MAX_FIELD}"))
    return value or None


def day_field(request: Request, name: str) -> date | None:
    value = field(request, name)
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ApiError(
            400, Messages.E078.format(why=f"{name} is not a date (YYYY-MM-DD)")
        ) from None


def int_field(request: Request, name: str, default: int, low: int, high: int) -> int:
    value = field(request, name)
    if value is None:
        return default
    try:
        return max(low, min(high, int(value)))
    except ValueError:
        raise ApiError(400, Messages.E078.format(why=f"{name} is not a number")) from None


def with_params(request: Request, **changes: Any) -> str:
    """This page's address with some parameters changed (None removes one)."""
    params = dict(request.query_params)
    for k, v in changes.items():
        if v is None:
            params.pop(k, None)
        else:
            params[k] = str(v)
    query = urlencode(params)
    return request.url.path + (f"?{query}" if query else "")


def pager(request: Request, offset: int, has_more: bool, size: int = PAGE_SIZE) -> dict[str, Any]:
    prev = with_params(request, offset=max(0, offset - size) or None) if offset > 0 else None
    following = with_params(request, offset=offset + size) if has_more else None
    return {"prev": prev, "next": following}
