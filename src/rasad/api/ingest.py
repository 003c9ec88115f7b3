"""Writing: POST an article's text, or a URL to fetch, and it is analysed and stored.

Only a client with the API key may write. The analysis runs in the
server's worker threads (the handler is synchronous), one request at a
time per thread; the store serializes its writes.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, Field, field_validator

from rasad.api.access import require_key
from rasad.api.deps import store_of
from rasad.api.errors import ApiError, Messages
from rasad.ingest.files import InputDoc
from rasad.model import Article
from rasad.pipeline.base import Pipeline

router = APIRouter(prefix="/api", tags=["ingest"])

MAX_TEXT = 1_000_000
MAX_FROM_URL = 50  # articles taken from one feed URL


class IngestRequest(BaseModel):
    """An article to store: its `text`, or a `url` of a page or feed to fetch."""

    text: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT)
    url: str | None = Field(default=None, min_length=1, max_length=2000)
    title: str = Field(default="", max_length=2000)
    source: str = Field(default="api", min_length=1, max_length=200)
    published_at: datetime | None = None

    @field_validator("published_at")
    @classmethod
    def in_utc(cls, value: datetime | None) -> datetime | None:
        """A naive time is UTC; one that leaves the calendar once in UTC is refused."""
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        try:
            return value.astimezone(UTC)
        except OverflowError:
            raise ValueError("out of range once turned to UTC") from None


class IngestResult(BaseModel):
    id: int
    hash: str
    status: str  # new | duplicate | failed
    title: str = ""
    url: str = ""


class IngestResponse(BaseModel):
    results: list[IngestResult]
    failures: list[str]


@cache
def pipeline() -> Pipeline:
    from rasad.pipeline.steps import analysis_pipeline

    return analysis_pipeline()


def analyse(article: Article) -> Article:
    return next(iter(pipeline().run([article])))


def from_text(body: IngestRequest) -> list[Article]:
    assert body.text is not None
    published = body.published_at
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return [
        Article.from_raw(
            body.text,
            title=body.title,
            url=body.url or "",
            source=body.source,
            published_at=published,
        )
    ]


def fetched_article(item: InputDoc, body: IngestRequest) -> Article:
    """An article from a fetched page or feed item; the request fills what it lacks."""
    published = None
    if item.published:
        try:
            published = datetime.fromisoformat(item.published)
        except ValueError:
            published = None
        if published is not None and published.tzinfo is None:
            published = published.replace(tzinfo=UTC)
    return Article.from_raw(
        item.text,
        title=item.title or body.title,
        url=item.url or body.url or "",
        source=item.source or body.source,
        published_at=published or body.published_at,
    )


def from_url(body: IngestRequest, allow_private: bool = False) -> tuple[list[Article], list[str]]:
    """The article at the URL (or a feed's items), and the coded failures met.

    Unless `allow_private`, only public addresses are fetched: a client may
    not make the server reach its own loopback or private network.
    """
    from rasad.ingest.feeds import read_url
    from rasad.ingest.fetch import Fetcher
    from rasad.ingest.files import InputFailure

    assert body.url is not None
    articles: list[Article] = []
    failures: list[str] = []
    with Fetcher(allow_private=allow_private) as fetcher:
        for item in read_url(body.url, fetcher):
            if isinstance(item, InputFailure):
                failures.append(item.message)
                continue
            articles.append(fetched_article(item, body))
            if len(articles) >= MAX_FROM_URL:
                break
    return articles, failures


@router.post(
    "/articles",
    status_code=201,
    response_model=IngestResponse,
    dependencies=[Depends(require_key)],
    summary="Analyse and store an article (needs the API key)",
)
def ingest(request: Request, body: IngestRequest) -> IngestResponse:
    """Send `text` (with an optional title, url, source, published_at) or a `url` to fetch."""
    if body.text is None and body.url is None:
        raise ApiError(422, Messages.E081)
    failures: list[str] = []
    if body.text is not None:
        articles = from_text(body)
    else:
        articles, failures = from_url(body, request.app.state.settings.allow_private_fetch)
    if not articles:
        what = body.url or "the text"
        raise ApiError(422, Messages.E082.format(what=what, why="; ".join(failures) or "empty"))
    store = store_of(request)
    results = []
    for article in articles:
        added = store.add_article(analyse(article))
        results.append(
            IngestResult(
                id=added.id,
                hash=added.hash,
                status=added.status,
                title=article.title,
                url=article.url,
            )
        )
    return IngestResponse(results=results, failures=failures)
