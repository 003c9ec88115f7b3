"""From an input document to a stored, analysed article in its story.

`Collector` is the sink that `rasad watch` (and anything else that takes
articles one at a time) hands documents to: it analyses each, stores it once
(the store keys articles by a hash of their normalized text) and puts it in a
story of near-duplicates with the MinHash index, which it rebuilds from the
signatures the store keeps, so that stories survive restarts.

`Collector.add_all` does the same for many articles at once: the analysis
and the MinHash signatures run in a pool of worker processes while this
process stores the finished batches, one transaction each, in input order,
so the store ends up exactly as the one-at-a-time path leaves it.
"""

from __future__ import annotations

import contextlib
import itertools
import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.pool import AsyncResult
from multiprocessing.pool import Pool as ProcessPool
from typing import Any

import numpy as np

from rasad.alerts.hook import on_new_article
from rasad.ingest.dedup import StoryIndex, fingerprint, signature_bytes
from rasad.ingest.files import InputDoc, parse_published
from rasad.model import Article
from rasad.pipeline.base import Pipeline
from rasad.pipeline.steps import analysis_pipeline

Analysed = tuple[Article, np.ndarray]  # an analysed article and its MinHash values
_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline
    # A worker outlives a killed parent otherwise, blocked on the task queue
    # (and holding its output pipes open): it leaves when it is orphaned.
    threading.Thread(target=_exit_with_parent, args=(os.getppid(),), daemon=True).start()


def _exit_with_parent(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(0.5)
    os._exit(1)


def analyse(pipeline: Pipeline, batch: list[Article]) -> list[Analysed]:
    """The batch analysed, each article with its MinHash values: the CPU-heavy part of ingest."""
    return [(a, fingerprint(a.text, a.title)[1]) for a in pipeline.run(batch)]


def _analyse_in_worker(batch: list[Article]) -> list[Analysed]:
    assert _WORKER_PIPELINE is not None
    return analyse(_WORKER_PIPELINE, batch)


class Collector:
    """Analyse, store and group documents; counts what happened to them."""

    def __init__(self, store: Any) -> None:
        self.store = store
        self.pipeline = analysis_pipeline()
        self._load()
        self.counts = {"new": 0, "duplicate": 0, "failed": 0}

    def _load(self) -> None:
        """The story index, from the signatures the store keeps."""
        self.stories = StoryIndex()
        self.story_ids: dict[str, int] = {}  # index story key -> store story id
        for article_id, story_id, blob in self.store.iter_signatures():
            self._remember(article_id, story_id, blob)

    def _remember(self, article_id: int, story_id: int | None, blob: bytes) -> None:
        from rasad.ingest.dedup import signature_from_bytes

        key = str(story_id) if story_id is not None else f"a{article_id}"
        match = self.stories.add(str(article_id), signature_from_bytes(blob), story_id=key)
        if story_id is not None:
            self.story_ids[match.story_id] = story_id

    def __call__(self, doc: InputDoc) -> bool:
        """Store one document; False when its text was already stored."""
        article = Article.from_raw(
            doc.text,
            title=doc.title,
            url=doc.url or doc.path,
            source=doc.source or doc.path,
            published_at=parse_published(doc.published) if doc.published else None,
        )
        (analysed,) = self.pipeline.run([article], 0, 1)
        return self.add(analysed)

    def add(self, article: Article) -> bool:
        """Store an analysed article in its story; False unless it is new."""
        return self.add_result(article).status == "new"

    def add_result(self, article: Article, values: np.ndarray | None = None) -> Any:
        """Store an analysed article in its story; the store's result.

        `values` are its MinHash values when already computed (`analyse`).
        """
        if values is None:
            _, values = fingerprint(article.text, article.title)
        try:
            result = self.store.add_article(article, signature=signature_bytes(values))
        except self.store.db.article_errors as e:
            from rasad.store.records import AddResult

            self.counts["failed"] += 1
            return AddResult(0, "", "failed", str(e))
        if result.status != "new":
            self.counts[result.status if result.status in self.counts else "failed"] += 1
            return result
        self.counts["new"] += 1
        match = self.stories.add(str(result.id), values)
        story = self.store.assign_story(result.id, self.story_ids.get(match.story_id))
        self.story_ids[match.story_id] = story
        on_new_article(self.store, article, result.id)  # watchlists and trends: rasad.alerts
        return result

    def add_all(
        self, articles: Iterable[Article], workers: int = 1, batch_size: int = 32
    ) -> Iterator[Any]:
        """Analyse and store raw articles, in input order; the store's result for each.

        With `workers` > 1 the analysis runs in that many processes, this
        one included: a pool of `workers - 1` analyses a few batches ahead
        (never the whole input) while this one stores what is done and,
        whenever the next batch to store is not done yet, analyses a batch
        itself rather than wait (so it is never slower than alone, even while
        the pool starts, which takes seconds). Input that fits in one batch
        is analysed here. Each batch is stored in one transaction.
        """
        batches = _batched(articles, max(1, batch_size))
        first = next(batches, None)
        if first is None:
            return
        if workers <= 1 or len(first) < batch_size:
            analysed: Iterator[list[Analysed]] = (
                analyse(self.pipeline, b) for b in itertools.chain([first], batches)
            )
            yield from self._store_all(analysed)
            return
        context = mp.get_context("spawn")
        # Leaving the block ends the workers (terminate), even when the caller stops early.
        with context.Pool(workers - 1, initializer=_init_worker, initargs=(self.pipeline,)) as pool:
            shared = _shared(pool, self.pipeline, itertools.chain([first], batches), workers)
            yield from self._store_all(shared)

    def _store_all(self, batches: Iterable[list[Analysed]]) -> Iterator[Any]:
        for batch in batches:
            try:
                with self.store.batch():
                    results = [self.add_result(article, values) for article, values in batch]
            except BaseException:
                # The story index may hold articles that were rolled back; the store
                # may be gone too (E060), in which case the error above is the one to report.
                with contextlib.suppress(Exception):
                    self._load()
                raise
            yield from results


def _shared(
    pool: ProcessPool, pipeline: Pipeline, batches: Iterator[list[Article]], depth: int
) -> Iterator[list[Analysed]]:
    """The batches analysed, in order: by the pool, `depth` under way, or here while it is behind."""
    slots: deque[AsyncResult[list[Analysed]] | list[Analysed]] = deque()
    in_pool = 0
    more = True
    while True:
        while more and in_pool < depth:
            batch = next(batches, None)
            if batch is None:
                more = False
            else:
                slots.append(pool.apply_async(_analyse_in_worker, (batch,)))
                in_pool += 1
        if not slots:
            return
        head = slots[0]
        if isinstance(head, AsyncResult) and not head.ready() and more and len(slots) < 2 * depth:
            batch = next(batches, None)
            if batch is not None:  # the next one here, rather than wait for the pool
                slots.append(analyse(pipeline, batch))
                continue
            more = False
        slots.popleft()
        if isinstance(head, AsyncResult):
            in_pool -= 1
            yield head.get()
        else:
            yield head


def _batched(items: Iterable[Article], n: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch
