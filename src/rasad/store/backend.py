"""What the store needs from a database: the contract both backends keep.

`Store` (rasad.store.store) holds all the logic and calls a `Backend` by
query name; a backend knows its connection, its schema migrations, how its
driver spells parameters, and the SQL that only it speaks (the search
index). Rows come back as plain dicts.
"""

from __future__ import annotations

import re
import threading
from abc import ABC, abstractmethod
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, ClassVar

from rasad.errors import RasadError
from rasad.search.query import Plan

Row = dict[str, Any]
Params = Mapping[str, Any]

# `IN :name[type]`: a list parameter (see rasad.store.sql).
LIST_PARAM = re.compile(r"IN :(\w+)\[(text|int)\]")
PARAM = re.compile(r"(?<![:\w]):(\w+)")


def now_utc() -> datetime:
    return datetime.now(UTC)


class StoreError(RasadError):
    """A store that cannot be opened or used; the message says why."""


class Messages:
    E055 = "[E055] cannot open the store {url!r}: {why}"
    E056 = "[E056] the store {url!r} has schema version {found}; this rasad knows up to {known}"
    E057 = "[E057] unknown story {story_id}"
    E058 = "[E058] unknown article {article_id}"
    E059 = (
        "[E059] {url!r} is not a store address: use a file path, sqlite:///PATH or postgresql://..."
    )
    E060 = (
        "[E060] the store cannot be written ({why}); what was committed before is kept:"
        " free the disk or restart the database, then run the command again"
    )


@dataclass(frozen=True, slots=True)
class Migration:
    """One schema change; applied in order and recorded in `schema_migrations`."""

    version: int
    name: str
    sql: str


@dataclass(frozen=True, slots=True)
class SearchQuery:
    """What a backend's search needs: the plan, filter SQL and order."""

    plan: Plan
    where: str  # " AND ..." conditions on articles `a`, from sql.ARTICLE_FILTERS
    params: Params
    ranked: bool
    limit: int
    offset: int
    # Ranked by relevance: only the newest this many matches are ranked.
    window: int = 10_000


class Backend(ABC):
    """A database connection that runs the named queries of one dialect."""

    name: ClassVar[str]
    migrations: ClassVar[Sequence[Migration]]
    # Errors that reject one article (a constraint, a value out of range), not the store.
    article_errors: tuple[type[Exception], ...] = ()
    # Errors that mean the database itself failed (disk full, I/O error, connection lost).
    write_failures: tuple[type[Exception], ...] = ()

    def __init__(self, url: str, queries: Mapping[str, str]) -> None:
        self.url = url
        self._queries = dict(queries)
        self._prepared: dict[str, str] = {}
        # One connection per store, shared by threads one call at a time.
        self.lock = threading.RLock()
        self.depth = 0  # transactions open, the outermost and its savepoints
        self.transaction_serial = 0  # counts outermost transactions begun

    def in_transaction(self) -> bool:
        return self.depth > 0

    def sql(self, name_or_sql: str) -> str:
        """A named query (or literal portable SQL) rewritten for this driver."""
        prepared = self._prepared.get(name_or_sql)
        if prepared is None:
            text = self._queries.get(name_or_sql, name_or_sql)
            prepared = self.prepare(text)
            self._prepared[name_or_sql] = prepared
        return prepared

    def template(self, name: str) -> str:
        """A named query as written, before its `{where}` is filled."""
        return self._queries[name]

    @abstractmethod
    def prepare(self, sql: str) -> str:
        """Rewrite `:name` and `IN :name[type]` into the driver's style."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """All writes inside commit together or not at all; nesting is allowed."""

    @abstractmethod
    def snapshot(self) -> AbstractContextManager[None]:
        """Several reads that see one state of the store (they take no write lock)."""

    @abstractmethod
    def rows(self, query: str, params: Params | None = None) -> list[Row]: ...

    @abstractmethod
    def run(self, query: str, params: Params | None = None) -> int:
        """Execute a statement; the number of rows it touched."""

    @abstractmethod
    def run_many(self, query: str, params: Sequence[Params]) -> None: ...

    @abstractmethod
    def migrate(self) -> None:
        """Apply every migration not yet recorded, each in its own transaction."""

    @abstractmethod
    def close(self) -> None: ...

    # --- the search index: SQL only this backend speaks ----------------------

    @abstractmethod
    def index(self, key: int, title: Sequence[str], body: Sequence[str]) -> None:
        """Add an article's terms to the index under its search key."""

    @abstractmethod
    def unindex(self, key: int, title: Sequence[str], body: Sequence[str]) -> None:
        """Remove what `index` added (the same terms must be given)."""

    @abstractmethod
    def clear_index(self) -> None: ...

    @abstractmethod
    def search(self, query: SearchQuery) -> list[tuple[int, float]]:
        """(article id, score) of one page of matches, in the requested order."""

    @abstractmethod
    def sizes(self) -> dict[str, int]:
        """Bytes on disk: the whole store and its search index."""

    # --- helpers -----------------------------------------------------------

    def row(self, query: str, params: Params | None = None) -> Row | None:
        found = self.rows(query, params)
        return found[0] if found else None

    def value(self, query: str, params: Params | None = None) -> Any:
        found = self.row(query, params)
        return next(iter(found.values())) if found else None

    def iter_rows(self, query: str, params: Params, key: str, batch: int = 1000) -> Iterator[Row]:
        """All rows of a keyset-paged query (`:after`, `:limit`), a batch at a time."""
        after = 0
        while True:
            found = self.rows(query, {**params, "after": after, "limit": batch})
            yield from found
            if len(found) < batch:
                return
            after = found[-1][key]
