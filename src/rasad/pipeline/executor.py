"""Executors only chain generators and shard the input by `rank::world_size`."""

from __future__ import annotations

import itertools
import multiprocessing as mp
from collections.abc import Iterable, Iterator

from rasad.model import Article
from rasad.pipeline.base import Pipeline

_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _run_batch(batch: list[Article]) -> list[Article]:
    assert _WORKER_PIPELINE is not None
    return list(_WORKER_PIPELINE.run(batch))


class LocalExecutor:
    """Runs a pipeline in this process (workers=1) or in a pool of processes.

    With several workers, input is cut into batches that are processed in
    parallel and yielded back in input order, so results do not depend on
    the number of workers.
    """

    def __init__(self, pipeline: Pipeline, workers: int = 1, batch_size: int = 32) -> None:
        self.pipeline = pipeline
        self.workers = max(1, workers)
        self.batch_size = max(1, batch_size)

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        if self.workers == 1:
            yield from self.pipeline.run(articles)
            return
        ctx = mp.get_context("spawn")
        batches = _batched(articles, self.batch_size)
        with ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.pipeline,)) as pool:
            for out in pool.imap(_run_batch, batches):
                yield from out

    def run_shard(
        self, articles: Iterable[Article], rank: int, world_size: int
    ) -> Iterator[Article]:
        """Process only this rank's share of the input: items rank, rank+world_size, ..."""
        shard = itertools.islice(articles, rank, None, world_size)
        yield from self.pipeline.run(shard, rank=rank, world_size=world_size)


def _batched(items: Iterable[Article], n: int) -> Iterator[list[Article]]:
    it = iter(items)
    while batch := list(itertools.islice(it, n)):
        yield batch
