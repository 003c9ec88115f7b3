"""The store: one interface over SQLite and PostgreSQL.

Every write runs in one transaction: an article goes in with its
annotations, its search terms and where it was seen, or not at all.
Articles are keyed by `content_hash` (the normalized text), so adding the
same text again only records where it was seen this time; adding the same
input again changes nothing.

Each article gets a search key: its time (published, else ingested) in
seconds times 1,000,000 plus its id modulo 1,000,000, moved up past any key
already taken. Newest-first is descending key order, in lists and in the
search index alike, and a day range is a key range.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import datetime
from typing import Any, Self

from rasad.model import Article
from rasad.search.fold import FOLD_VERSION
from rasad.store.alerts import AlertStore
from rasad.store.backend import Backend, Messages, StoreError, now_utc
from rasad.store.reader import Reader
from rasad.store.records import AddResult
from rasad.store.rows import (
    KEY_SCALE,
    article_row,
    content_hash,
    effective_time,
    entity_rows,
    event_rows,
    key_base,
    mention_counts,
    mention_rows,
    quote_rows,
    storable,
    stored_time,
)
from rasad.store.transliterations import index_terms, stored_terms

UNKNOWN_SOURCE = "unknown"


class Store(Reader, AlertStore):
    """Articles, their annotations, stories, fetch state and the search index.

    Open one with `rasad.store.open_store`. A store may be shared by threads
    (calls are serialized); a process that writes a lot should own its store.
    """

    def __init__(self, backend: Backend) -> None:
        self.db = backend
        # What is known to be committed: source ids and the vocabulary (loaded
        # on the first write); and what the transaction under way added, kept
        # apart until it commits (`_pending_in` names that transaction).
        self._sources: dict[str, int] = {}
        self._vocabulary: set[str] | None = None
        self._new_sources: dict[str, int] = {}
        self._fresh: set[str] = set()
        self._pending_in = -1
        backend.migrate()
        self._check_index()

    @property
    def backend(self) -> str:
        return self.db.name

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- articles -------------------------------------------------------------

    def add_article(
        self, article: Article, signature: bytes | None = None, update: bool = False
    ) -> AddResult:
        """Store an article seen at `article.source` / `article.url`, all or nothing.

        A text already stored is not stored again: this sighting is recorded
        and the result says `duplicate`, unless `update` replaces the stored
        annotations with these (`updated`). `signature` is the article's
        MinHash signature, kept for story grouping after a restart.
        """
        with self._writing():
            return self._add(article, signature, update)

    def add_articles(
        self, articles: Iterable[Article], batch_size: int = 200, update: bool = False
    ) -> Iterator[AddResult]:
        """Store many articles, `batch_size` to a transaction.

        An article the database refuses (a span outside its text, say) is
        rolled back alone and reported with status `failed`; the rest of its
        batch is kept.
        """
        batch: list[Article] = []
        for article in articles:
            batch.append(article)
            if len(batch) >= batch_size:
                yield from self._add_batch(batch, update)
                batch = []
        if batch:
            yield from self._add_batch(batch, update)

    def _add_batch(self, batch: list[Article], update: bool) -> list[AddResult]:
        # One transaction for the batch, without a savepoint per article: a
        # savepoint makes FTS5 write its pending terms at every release. If
        # the database refuses one article, the batch is rolled back and
        # written again one article to a transaction.
        try:
            with self._writing():
                return [self._add(article, None, update) for article in batch]
        except self.db.article_errors:
            pass
        results = []
        for article in batch:
            try:
                results.append(self.add_article(article, update=update))
            except self.db.article_errors as e:
                results.append(AddResult(0, content_hash(article), "failed", str(e)))
        return results

    def _add(self, article: Article, signature: bytes | None, update: bool) -> AddResult:
        hash_ = content_hash(article)
        now = now_utc()
        source_id = self._source_id(storable(article.source) or UNKNOWN_SOURCE, now)
        found = self.db.row("find_hash", {"hash": hash_})
        if found is not None:
            article_id = int(found["id"])
            self._sight(article_id, source_id, article.url, now)
            if update:
                self._replace(article_id, article)
                return AddResult(article_id, hash_, "updated")
            return AddResult(article_id, hash_, "duplicate")
        row = article_row(article, hash_, source_id, now)
        article_id = int(self.db.value("insert_article", row))
        key = self._set_key(article_id, effective_time(article.published_at, now))
        self._sight(article_id, source_id, article.url, now)
        self._annotate(article_id, article, row["day"])
        self._index(key, *index_terms(self.db, article_id, article))
        if signature is not None:
            self.db.run("upsert_signature", {"article_id": article_id, "signature": signature})
        return AddResult(article_id, hash_, "new")

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """A write transaction; on commit its new terms join the known vocabulary."""
        outermost = not self.db.in_transaction()
        try:
            with self.db.transaction():
                yield
        except self.db.write_failures as e:
            self._new_sources.clear()
            self._fresh.clear()
            why = " ".join(str(e).split()) or type(e).__name__
            raise StoreError(Messages.E060.format(why=why)) from e
        except BaseException:
            self._new_sources.clear()
            self._fresh.clear()
            raise
        if outermost:
            # Committed. (Inside a caller's transaction nothing is sure yet;
            # the next transaction forgets what this one added, see _pending.)
            self._sources |= self._new_sources
            if self._vocabulary is not None:
                self._vocabulary |= self._fresh
            self._new_sources.clear()
            self._fresh.clear()

    def batch(self) -> AbstractContextManager[None]:
        """One transaction around many writes (`add_article`, `assign_story`...).

        Committing once per batch rather than once per article is faster;
        each write inside still succeeds or fails alone (a savepoint).
        """
        return self._writing()

    def _pending(self) -> None:
        """Forget what an earlier transaction added but did not commit as ours."""
        if self._pending_in != self.db.transaction_serial:
            self._new_sources, self._fresh = {}, set()
            self._pending_in = self.db.transaction_serial

    def _index(self, key: int, title: list[str], body: list[str]) -> None:
        """Index an article's terms and add the terms new to the vocabulary."""
        self.db.index(key, title, body)
        if self._vocabulary is None:
            self._vocabulary = {r["term"] for r in self.db.rows("all_terms")}
        self._pending()
        new = set(title).union(body) - self._vocabulary - self._fresh
        if new:
            self.db.run_many("insert_term", [{"term": t} for t in sorted(new)])
            self._fresh |= new

    def _source_id(self, name: str, now: datetime) -> int:
        self._pending()
        known = self._sources.get(name) or self._new_sources.get(name)
        if known is not None:
            return known
        found = self.db.value("find_source", {"name": name})
        if found is None:
            found = self.db.value("insert_source", {"name": name, "now": now})
        if found is None:  # another writer added it between the two statements
            found = self.db.value("find_source", {"name": name})
        self._new_sources[name] = int(found)
        return int(found)

    def _sight(self, article_id: int, source_id: int, url: str, now: datetime) -> None:
        params = {"article_id": article_id, "source_id": source_id, "url": storable(url)}
        self.db.run("insert_sighting", {**params, "now": now})

    def _set_key(self, article_id: int, moment: datetime) -> int:
        key = key_base(moment) + article_id % KEY_SCALE
        while not self.db.run("set_free_key", {"key": key, "id": article_id}):
            key += 1
        return key

    def _annotate(self, article_id: int, article: Article, day: str) -> None:
        entities = entity_rows(article)
        self.db.run_many("upsert_entity", list(entities.values()))
        counts = mention_counts(article)
        self.db.run_many(
            "count_entity",
            [{"id": i, "articles": 1, "mentions": n} for i, n in counts.items()],
        )
        self.db.run_many(
            "insert_article_entity",
            [
                {"article_id": article_id, "entity_id": i, "day": day, "mentions": n}
                for i, n in counts.items()
            ],
        )
        self.db.run_many("insert_mention", mention_rows(article_id, article.mentions))
        self.db.run_many("insert_quote", quote_rows(article_id, article.quotes, day))
        events, parties = event_rows(article_id, article.events, day)
        self.db.run_many("insert_event", events)
        self.db.run_many("insert_party", parties)

    def _replace(self, article_id: int, article: Article) -> None:
        """Swap the stored annotations and index terms for the article's."""
        old = self.db.row("article_index_row", {"id": article_id})
        assert old is not None
        old_terms = stored_terms(self.db, article_id, old["title"], old["text"], forget=True)
        self.db.unindex(old["search_key"], *old_terms)
        counts = self.db.rows("article_entities", {"article_id": article_id})
        self.db.run_many(
            "count_entity",
            [{"id": r["entity_id"], "articles": -1, "mentions": -r["mentions"]} for r in counts],
        )
        for query in (
            "delete_parties",
            "delete_events",
            "delete_quotes",
            "delete_mentions",
            "delete_article_entities",
        ):
            self.db.run(query, {"article_id": article_id})
        ingested = stored_time(old["ingested_at"])
        row = article_row(article, "", None, ingested)
        self.db.run("update_article", {**row, "id": article_id})
        key = old["search_key"]
        moment = effective_time(article.published_at, ingested)
        if key // KEY_SCALE != key_base(moment) // KEY_SCALE:
            self.db.run("set_key", {"key": None, "id": article_id})
            key = self._set_key(article_id, moment)
        self._annotate(article_id, article, row["day"])
        self._index(key, *index_terms(self.db, article_id, article))
        if old["story_id"] is not None:
            self.db.run("count_story", {"id": old["story_id"]})

    def find_article(self, hash: str | None = None, url: str | None = None) -> int | None:
        """The id of the article with this content hash, or first seen at this URL."""
        if hash is not None:
            found = self.db.value("find_hash", {"hash": hash})
        elif url is not None:
            found = self.db.value("find_url", {"url": storable(url)})
        else:
            return None
        return int(found) if found is not None else None

    # --- stories and signatures -------------------------------------------------

    def assign_story(self, article_id: int, story_id: int | None = None) -> int:
        """Put an article in a story (a new one when `story_id` is None); the story's id."""
        with self.db.transaction():
            current = self.db.row("article_story", {"id": article_id})
            if current is None:
                raise StoreError(Messages.E058.format(article_id=article_id))
            if story_id is None:
                story_id = int(self.db.value("insert_story", {"now": now_utc()}))
            elif self.db.row("story_exists", {"id": story_id}) is None:
                raise StoreError(Messages.E057.format(story_id=story_id))
            old = current["story_id"]
            if old == story_id:
                return story_id
            self.db.run("set_story", {"story_id": story_id, "id": article_id})
            self.db.run("count_story", {"id": story_id})
            if old is not None:
                self.db.run("count_story", {"id": old})
            return story_id

    def story_of(self, article_id: int) -> int | None:
        found = self.db.row("article_story", {"id": article_id})
        return None if found is None or found["story_id"] is None else int(found["story_id"])

    def set_signature(self, article_id: int, signature: bytes) -> None:
        with self.db.transaction():
            self.db.run("upsert_signature", {"article_id": article_id, "signature": signature})

    def iter_signatures(self) -> Iterator[tuple[int, int | None, bytes]]:
        """(article id, story id, signature) of every article that has one, by id."""
        for r in self.db.iter_rows("signatures_after", {}, key="article_id"):
            yield int(r["article_id"]), r["story_id"], bytes(r["signature"])

    # --- fetch state --------------------------------------------------------------

    def seen(self, key: str) -> bool:
        """Whether a feed item (its guid or URL) was marked seen."""
        return self.db.row("seen", {"key": storable(key)}) is not None

    def mark_seen(self, key: str, meta: dict[str, Any] | None = None) -> None:
        payload = storable(json.dumps(meta or {}, ensure_ascii=False, default=str))
        with self.db.transaction():
            self.db.run("mark_seen", {"key": storable(key), "meta": payload, "now": now_utc()})

    def get_http_cache(self, url: str) -> tuple[str | None, str | None] | None:
        """(ETag, Last-Modified) from the last fetch of `url`, for a conditional request."""
        found = self.db.row("get_http_cache", {"url": storable(url)})
        return None if found is None else (found["etag"], found["last_modified"])

    def set_http_cache(self, url: str, etag: str | None, last_modified: str | None) -> None:
        params = {
            "url": storable(url),
            "etag": storable(etag) if etag is not None else None,
            "last_modified": storable(last_modified) if last_modified is not None else None,
            "now": now_utc(),
        }
        with self.db.transaction():
            self.db.run("set_http_cache", params)

    # --- the search index -----------------------------------------------------------

    def _check_index(self) -> None:
        """Rebuild the index if it was built by another folding (or never recorded one)."""
        if self.db.value("get_meta", {"key": "fold_version"}) != str(FOLD_VERSION):
            self.reindex()

    def reindex(self) -> int:
        """Fold every article again and rebuild the index; how many were indexed."""
        n = 0
        with self._writing():
            self.db.clear_index()
            self.db.run("clear_terms")
            self._vocabulary = set()
            for r in self.db.iter_rows("index_rows_after", {}, key="id"):
                terms = stored_terms(self.db, r["id"], r["title"], r["text"])
                self._index(r["search_key"], *terms)
                n += 1
            self.db.run("set_meta", {"key": "fold_version", "value": str(FOLD_VERSION)})
        return n

    def sizes(self) -> dict[str, int]:
        """Bytes: the whole store and its search index."""
        return self.db.sizes()
