"""Storing articles: SQLite by default, PostgreSQL with the same interface.

from rasad.store import open_store

with open_store("rasad.db") as store:  # or sqlite:///rasad.db, postgresql://...
    result = store.add_article(article)  # AddResult(id, hash, "new" | "duplicate")
    page = store.search("رئیس جمهور")
"""

from __future__ import annotations

import re

from rasad.store.backend import Backend, Messages, StoreError
from rasad.store.records import (
    AddResult,
    ArticleFilter,
    ArticleRecord,
    ArticleSummary,
    EventFilter,
    to_json,
)
from rasad.store.rows import content_hash
from rasad.store.store import Store

_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*)://")


def open_store(url: str) -> Store:
    """Open (and create or migrate) the store at a path, `sqlite:///PATH` or `postgresql://...`."""
    return Store(backend_for(url))


def backend_for(url: str) -> Backend:
    scheme = _SCHEME.match(url)
    if scheme is None:
        from rasad.store.sqlite import SqliteBackend

        return SqliteBackend(url, url)
    name = scheme.group(1).lower()
    if name == "sqlite":
        from rasad.store.sqlite import SqliteBackend

        # sqlite:///rel.db is relative, sqlite:////abs.db absolute, sqlite:// in memory.
        path = url[len("sqlite:///") :] if url.lower().startswith("sqlite:///") else ""
        return SqliteBackend(url, path or ":memory:")
    if name in ("postgresql", "postgres"):
        from rasad.store.postgres import PostgresBackend

        return PostgresBackend(url)
    raise StoreError(Messages.E059.format(url=url))


__all__ = [
    "AddResult",
    "ArticleFilter",
    "ArticleRecord",
    "ArticleSummary",
    "EventFilter",
    "Store",
    "StoreError",
    "content_hash",
    "open_store",
    "to_json",
]
