"""Load the Parquet outputs of a batch into a store.

Only finished shards (`_SUCCESS`) are read, in the order of the batch's
plan, and their articles in the order they were read. Each shard streams a
row group at a time: the annotation tables hold their rows in article
order, so they are merged with the articles as they go and a shard of any
size loads in constant memory. The store keys articles by content, so
loading the same outputs twice leaves it as it was.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from rasad.errors import RasadError
from rasad.model import Article
from rasad.pipeline.shard import BatchErrors, is_done, shard_dir
from rasad.pipeline.tables import Row, article_from_rows


class AddOutcome(Protocol):
    @property
    def status(self) -> str: ...  # new | duplicate | updated | failed


class ArticleSink(Protocol):
    """What `load_outputs` needs of a store (`rasad.store.Store` is one)."""

    def add_articles(
        self, articles: Iterable[Article], batch_size: int = ..., update: bool = ...
    ) -> Iterator[AddOutcome]: ...


@dataclass(slots=True)
class LoadReport:
    shards: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    incomplete: list[str] = field(default_factory=list)  # shards of the plan not finished

    @property
    def articles(self) -> int:
        return sum(self.statuses.values())

    def line(self) -> str:
        counts = ", ".join(f"{n} {status}" for status, n in sorted(self.statuses.items()))
        line = f"{self.shards} shards, {self.articles} articles ({counts or 'none'})"
        if self.incomplete:
            line += f"; {len(self.incomplete)} shards not finished, not loaded"
        return line


def load_outputs(
    out: str,
    store: ArticleSink,
    update: bool = True,
    batch_size: int = 200,
    report: Callable[[str], None] = lambda line: None,
) -> LoadReport:
    """Upsert every finished shard of the batch in `out` into `store`."""
    result = LoadReport()
    done, result.incomplete = finished_shards(out)
    for shard_id in result.incomplete:
        report(BatchErrors.E093.format(shard=shard_id))
    for shard_id in done:
        articles = (article for _, article in read_shard(shard_dir(out, shard_id)))
        counts: dict[str, int] = {}
        for outcome in store.add_articles(articles, batch_size=batch_size, update=update):
            counts[outcome.status] = counts.get(outcome.status, 0) + 1
            result.statuses[outcome.status] = result.statuses.get(outcome.status, 0) + 1
        result.shards += 1
        report(f"loaded {shard_id}: " + ", ".join(f"{n} {s}" for s, n in sorted(counts.items())))
    return result


def finished_shards(out: str) -> tuple[list[str], list[str]]:
    """(finished, unfinished) shard ids in the order of the batch's plan."""
    try:
        with open(os.path.join(out, "plan.json"), encoding="utf-8") as f:
            ids = [s["id"] for s in json.load(f)["shards"]]
    except (OSError, ValueError, KeyError, TypeError):
        raise RasadError(BatchErrors.E092.format(out=out)) from None
    done = [i for i in ids if is_done(out, i)]
    return done, [i for i in ids if i not in set(done)]


def read_shard(folder: str, batch_rows: int = 1000) -> Iterator[tuple[str, Article]]:
    """(path read from, article) for each article of a finished shard, in reading order."""
    import pyarrow.parquet as pq

    heads = _rows(pq.ParquetFile(os.path.join(folder, "articles.parquet")), batch_rows)
    children = {
        name: _Peek(_rows(pq.ParquetFile(os.path.join(folder, f"{name}.parquet")), batch_rows))
        for name in ("mentions", "quotes", "events")
    }
    for head in heads:
        parts = {name: rows.take(head["id"]) for name, rows in children.items()}
        yield head["path"], article_from_rows(head, **parts)
    for name, rows in children.items():
        if rows.peek() is not None:
            raise ValueError(f"{folder}: {name} rows for an article not in articles.parquet")


def _rows(file: Any, batch_rows: int) -> Iterator[Row]:
    for batch in file.iter_batches(batch_size=batch_rows):
        yield from batch.to_pylist()


class _Peek:
    """Rows of one annotation table, taken an article's run at a time."""

    def __init__(self, rows: Iterator[Row]) -> None:
        self.rows = rows
        self.next: Row | None = next(rows, None)

    def peek(self) -> Row | None:
        return self.next

    def take(self, article_id: str) -> list[Row]:
        taken = []
        while self.next is not None and self.next["article_id"] == article_id:
            taken.append(self.next)
            self.next = next(self.rows, None)
        return taken
