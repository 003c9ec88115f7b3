"""The SQLite backend: one file, WAL, foreign keys, an FTS5 index of folded terms.

The search index is a contentless FTS5 table whose rowid is the article's
search key (its time, see `rasad.store.store`), so "newest first" is FTS5's
own descending rowid order and stops after one page. Its tokenizer is
`ascii`: terms arrive folded and joined by spaces, and `ascii` splits only at
ASCII punctuation, which folded terms never hold.

Query words are expanded against `search_terms`, the vocabulary the store
keeps beside the index, rather than `fts5vocab`: a `fts5vocab` lookup reads
every segment of the index (about 70 µs a term at 20,000 articles, growing
with the index), a primary-key lookup a few pages.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager, suppress
from datetime import datetime
from pathlib import Path
from typing import Any

from rasad.store.backend import (
    LIST_PARAM,
    Backend,
    Messages,
    Migration,
    Params,
    Row,
    SearchQuery,
    StoreError,
    now_utc,
)
from rasad.store.sql import QUERIES

SCHEMA_1 = """
CREATE TABLE schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    applied_at TEXT NOT NULL
);
CREATE TABLE store_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE sources (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    first_seen TEXT NOT NULL
);
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    created_at TEXT NOT NULL,
    articles INTEGER NOT NULL DEFAULT 0,
    last_key INTEGER,
    first_article INTEGER
);
CREATE INDEX stories_last ON stories (last_key);
CREATE TABLE articles (
    id INTEGER PRIMARY KEY,
    hash TEXT NOT NULL UNIQUE,
    raw_hash TEXT NOT NULL,
    url TEXT NOT NULL DEFAULT '',
    title TEXT NOT NULL DEFAULT '',
    source_id INTEGER REFERENCES sources (id),
    language TEXT NOT NULL DEFAULT '',
    language_confidence REAL NOT NULL DEFAULT 0,
    published_at TEXT,
    ingested_at TEXT NOT NULL,
    day TEXT NOT NULL,
    search_key INTEGER UNIQUE,
    raw TEXT NOT NULL,
    text TEXT NOT NULL,
    dropped TEXT NOT NULL DEFAULT '[]',
    sentences TEXT NOT NULL DEFAULT '[]',
    dates TEXT NOT NULL DEFAULT '[]',
    line_languages TEXT NOT NULL DEFAULT '[]',
    offsets TEXT NOT NULL DEFAULT '[]',
    story_id INTEGER REFERENCES stories (id)
);
CREATE INDEX articles_story ON articles (story_id, search_key);
CREATE INDEX articles_language ON articles (language, search_key);
CREATE TABLE article_sources (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    source_id INTEGER NOT NULL REFERENCES sources (id),
    url TEXT NOT NULL DEFAULT '',
    seen_at TEXT NOT NULL,
    PRIMARY KEY (article_id, source_id, url)
);
CREATE INDEX article_sources_source ON article_sources (source_id, article_id);
CREATE INDEX article_sources_url ON article_sources (url);
CREATE TABLE signatures (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    signature BLOB NOT NULL
);
CREATE TABLE entities (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL DEFAULT '',
    name TEXT NOT NULL DEFAULT '',
    name_en TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    articles INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX entities_rank ON entities (articles DESC, mentions DESC);
CREATE INDEX entities_name ON entities (name);
CREATE TABLE article_entities (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    day TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX article_entities_entity ON article_entities (entity_id, day);
CREATE TABLE mentions (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    label TEXT NOT NULL,
    entity_id TEXT REFERENCES entities (id),
    name_en TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, idx),
    CHECK (0 <= span_start AND span_start <= span_end)
);
CREATE INDEX mentions_entity ON mentions (entity_id);
CREATE TABLE quotes (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    content TEXT NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT NOT NULL DEFAULT '',
    cue_start INTEGER NOT NULL DEFAULT -1,
    cue_end INTEGER NOT NULL DEFAULT -1,
    speaker_id TEXT REFERENCES entities (id),
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_label TEXT,
    speaker_name_en TEXT,
    speaker_country TEXT,
    cited_source TEXT NOT NULL DEFAULT '',
    day TEXT NOT NULL,
    PRIMARY KEY (article_id, idx),
    CHECK (0 <= span_start AND span_start <= span_end)
);
CREATE INDEX quotes_speaker ON quotes (speaker_id, day);
CREATE TABLE events (
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    idx INTEGER NOT NULL,
    type TEXT NOT NULL,
    code TEXT NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    date TEXT NOT NULL DEFAULT '',
    day TEXT NOT NULL,
    negated BOOLEAN NOT NULL DEFAULT FALSE,
    modality TEXT NOT NULL DEFAULT 'asserted',
    quote_idx INTEGER NOT NULL DEFAULT -1,
    PRIMARY KEY (article_id, idx),
    CHECK (0 <= span_start AND span_start <= span_end)
);
CREATE INDEX events_type ON events (type, day);
CREATE INDEX events_day ON events (day);
CREATE TABLE event_parties (
    article_id INTEGER NOT NULL,
    event_idx INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('actor', 'target', 'place')),
    pos INTEGER NOT NULL,
    span_start INTEGER NOT NULL,
    span_end INTEGER NOT NULL,
    text TEXT NOT NULL,
    entity_id TEXT REFERENCES entities (id),
    name_en TEXT NOT NULL DEFAULT '',
    label TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (article_id, event_idx, role, pos),
    FOREIGN KEY (article_id, event_idx) REFERENCES events (article_id, idx) ON DELETE CASCADE
);
CREATE INDEX event_parties_entity ON event_parties (entity_id, role);
CREATE TABLE seen_items (
    key TEXT PRIMARY KEY,
    meta TEXT NOT NULL DEFAULT '{}',
    seen_at TEXT NOT NULL
);
CREATE TABLE http_cache (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    updated_at TEXT NOT NULL
);
CREATE VIRTUAL TABLE article_search USING fts5 (
    title, body, content = '', tokenize = 'ascii'
);
INSERT INTO article_search (article_search, rank) VALUES ('rank', 'bm25(4.0, 1.0)');
-- Merge segments early: a query then reads fewer segments.
INSERT INTO article_search (article_search, rank) VALUES ('automerge', 2);
CREATE TABLE search_terms (term TEXT PRIMARY KEY) WITHOUT ROWID;
"""

# Watchlists, their alerts and each alert's deliveries (rasad.store.alerts).
SCHEMA_2 = """
CREATE TABLE watchlists (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL DEFAULT 'match' CHECK (kind IN ('match', 'trend')),
    query TEXT NOT NULL DEFAULT '',
    entities TEXT NOT NULL DEFAULT '[]',
    event_types TEXT NOT NULL DEFAULT '[]',
    places TEXT NOT NULL DEFAULT '[]',
    webhook TEXT NOT NULL DEFAULT '',
    emails TEXT NOT NULL DEFAULT '[]',
    created_at TEXT NOT NULL
);
CREATE TABLE alerts (
    id INTEGER PRIMARY KEY,
    watchlist_id INTEGER NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
    key TEXT NOT NULL UNIQUE,
    article_id INTEGER REFERENCES articles (id) ON DELETE CASCADE,
    day TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    payload TEXT NOT NULL DEFAULT '{}',
    created_at TEXT NOT NULL
);
CREATE INDEX alerts_watchlist ON alerts (watchlist_id, id);
CREATE TABLE alert_deliveries (
    alert_id INTEGER NOT NULL REFERENCES alerts (id) ON DELETE CASCADE,
    channel TEXT NOT NULL CHECK (channel IN ('webhook', 'email')),
    target TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_try TEXT NOT NULL,
    error TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL,
    PRIMARY KEY (alert_id, channel, target)
);
CREATE INDEX alert_deliveries_due ON alert_deliveries (status, next_try);
"""

# Article vectors for search across languages (rasad.search.vectors): float16
# blobs searched by brute force, so no database extension is needed.
SCHEMA_3 = """
CREATE TABLE article_vectors (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    model TEXT NOT NULL,
    vector BLOB NOT NULL
);
"""

# A Tajik article's Persian spelling, indexed beside its text (rasad.store.transliterations).
SCHEMA_4 = """
CREATE TABLE article_transliterations (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    script TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    text TEXT NOT NULL
);
"""

MIGRATIONS = (
    Migration(1, "initial", SCHEMA_1),
    Migration(2, "alerts", SCHEMA_2),
    Migration(3, "vectors", SCHEMA_3),
    Migration(4, "transliterations", SCHEMA_4),
)

_MATCHES = (
    "SELECT a.id, {score} AS score, s.rowid AS key FROM article_search s"
    " JOIN articles a ON a.search_key = s.rowid"
    " WHERE article_search MATCH :match{keys}{where} ORDER BY s.rowid DESC"
)
# Newest first: FTS5 walks its rowids downwards and stops after the page.
_NEWEST = _MATCHES + " LIMIT :limit OFFSET :offset"
# By relevance: bm25 of the newest `window` matches only (a word in nearly
# every article would otherwise be scored in every article).
_RANKED = (
    "SELECT id, score FROM (" + _MATCHES + " LIMIT :window)"
    " ORDER BY score DESC, key DESC LIMIT :limit OFFSET :offset"
)


def _row(cursor: sqlite3.Cursor, values: tuple[Any, ...]) -> Row:
    return {d[0]: v for d, v in zip(cursor.description, values, strict=True)}


def _param(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(timespec="microseconds")
    if isinstance(value, list | tuple):
        return json.dumps(list(value), ensure_ascii=False)
    return value


def _params(params: Params | None) -> dict[str, Any]:
    return {k: _param(v) for k, v in (params or {}).items()}


def _wal(conn: sqlite3.Connection, patience: float = 30.0) -> None:
    """Switch a connection to WAL, waiting while another process does the same.

    Two processes opening a new file at once race to change its journal mode;
    the loser gets `database is locked` at once (SQLite's busy handler does not
    cover this step), so the switch is retried like any other busy write.
    """
    deadline = time.monotonic() + patience
    delay = 0.01
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as e:
            if "locked" not in str(e) and "busy" not in str(e) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 0.5)


class SqliteBackend(Backend):
    name = "sqlite"
    migrations = MIGRATIONS
    article_errors = (sqlite3.IntegrityError, sqlite3.DataError, OverflowError)
    write_failures = (sqlite3.OperationalError,)

    def __init__(self, url: str, path: str) -> None:
        super().__init__(url, QUERIES)
        self.path = path
        try:
            if path != ":memory:":
                Path(path).parent.mkdir(parents=True, exist_ok=True)
            self.conn = sqlite3.connect(
                path, isolation_level=None, check_same_thread=False, timeout=30.0
            )
            self.conn.row_factory = _row
            _wal(self.conn)
            for pragma in (
                "synchronous = NORMAL",
                "foreign_keys = ON",
                "busy_timeout = 30000",
                "temp_store = MEMORY",
                "cache_size = -65536",
            ):
                self.conn.execute(f"PRAGMA {pragma}")
        except (sqlite3.Error, OSError) as e:
            raise StoreError(Messages.E055.format(url=url, why=e)) from e

    def prepare(self, sql: str) -> str:
        return LIST_PARAM.sub(r"IN (SELECT value FROM json_each(:\1))", sql)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self.lock:
            depth = self.depth
            if depth == 0:
                self.transaction_serial += 1
            self.conn.execute("BEGIN IMMEDIATE" if depth == 0 else f"SAVEPOINT sp{depth}")
            self.depth += 1
            try:
                yield
            except BaseException:
                self.depth = depth
                if depth == 0:
                    self.conn.execute("ROLLBACK")
                else:
                    self.conn.execute(f"ROLLBACK TO sp{depth}")
                    self.conn.execute(f"RELEASE sp{depth}")
                raise
            self.depth = depth
            try:
                self.conn.execute("COMMIT" if depth == 0 else f"RELEASE sp{depth}")
            except sqlite3.Error:
                # A commit that fails (disk full, I/O error) may leave the
                # transaction open: roll it back so the connection stays usable.
                if depth == 0 and self.conn.in_transaction:
                    with suppress(sqlite3.Error):
                        self.conn.execute("ROLLBACK")
                raise

    @contextmanager
    def snapshot(self) -> Iterator[None]:
        with self.lock:
            if self.depth:
                yield
                return
            self.conn.execute("BEGIN DEFERRED")
            self.depth += 1
            try:
                yield
            finally:
                self.depth -= 1
                self.conn.execute("COMMIT")

    def rows(self, query: str, params: Params | None = None) -> list[Row]:
        with self.lock:
            return self.conn.execute(self.sql(query), _params(params)).fetchall()

    def run(self, query: str, params: Params | None = None) -> int:
        with self.lock:
            return self.conn.execute(self.sql(query), _params(params)).rowcount

    def run_many(self, query: str, params: Sequence[Params]) -> None:
        if params:
            with self.lock:
                self.conn.executemany(self.sql(query), [_params(p) for p in params])

    def migrate(self) -> None:
        with self.transaction():
            exists = self.conn.execute(
                "SELECT 1 FROM sqlite_master WHERE name = 'schema_migrations'"
            ).fetchone()
            done = (
                {r["version"] for r in self.conn.execute("SELECT version FROM schema_migrations")}
                if exists
                else set()
            )
            known = max(m.version for m in self.migrations)
            if done and max(done) > known:
                raise StoreError(Messages.E056.format(url=self.url, found=max(done), known=known))
            # By version, whatever order they were listed in; only the missing ones.
            for migration in sorted(self.migrations, key=lambda m: m.version):
                if migration.version in done:
                    continue
                for statement in _statements(migration.sql):
                    self.conn.execute(statement)
                self.conn.execute(
                    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                    (migration.version, migration.name, _param(now_utc())),
                )

    def close(self) -> None:
        with self.lock:
            self.conn.close()

    # --- search index ---------------------------------------------------------

    def index(self, key: int, title: Sequence[str], body: Sequence[str]) -> None:
        self.conn.execute(
            "INSERT INTO article_search (rowid, title, body) VALUES (?, ?, ?)",
            (key, " ".join(title), " ".join(body)),
        )

    def unindex(self, key: int, title: Sequence[str], body: Sequence[str]) -> None:
        self.conn.execute(
            "INSERT INTO article_search (article_search, rowid, title, body)"
            " VALUES ('delete', ?, ?, ?)",
            (key, " ".join(title), " ".join(body)),
        )

    def clear_index(self) -> None:
        self.conn.execute("INSERT INTO article_search (article_search) VALUES ('delete-all')")

    def search(self, query: SearchQuery) -> list[tuple[int, float]]:
        keys = ""
        if query.params.get("key_from") is not None:
            keys += " AND s.rowid >= :key_from"
        if query.params.get("key_to") is not None:
            keys += " AND s.rowid <= :key_to"
        template = _RANKED if query.ranked else _NEWEST
        sql = template.format(
            score="-s.rank" if query.ranked else "0.0", keys=keys, where=query.where
        )
        params = {
            **query.params,
            "match": query.plan.to_fts5(),
            "limit": query.limit,
            "offset": query.offset,
            "window": max(query.window, query.limit + query.offset),
        }
        found = self.rows(sql, params)
        return [(r["id"], float(r["score"])) for r in found]

    def sizes(self) -> dict[str, int]:
        with self.lock:
            page = self.conn.execute("PRAGMA page_size").fetchone()["page_size"]
            pages = self.conn.execute("PRAGMA page_count").fetchone()["page_count"]
            index = self.conn.execute(
                "SELECT coalesce(sum(pgsize), 0) AS n FROM dbstat WHERE name LIKE 'article_search%'"
            ).fetchone()["n"]
        return {"store": page * pages, "index": index}


def _statements(script: str) -> Iterator[str]:
    """The statements of a script, whole (`sqlite3.complete_statement` decides)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        pending += line
        if sqlite3.complete_statement(pending):
            if pending.strip():
                yield pending.strip()
            pending = ""
    if pending.strip():
        yield pending.strip()
