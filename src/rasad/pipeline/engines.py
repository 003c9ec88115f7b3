"""Engines run shard tasks: in this process, in a pool of local processes, or on Ray.

An engine only runs what it is given and says when each task ends; the
batch driver decides what to submit, what to retry and what to give up on.
Every engine calls the same `run_shard`, so the outputs do not depend on
which one ran them. `rasad.pipeline.ray_engine` has the Ray engine.
"""

from __future__ import annotations

from collections import deque
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Protocol

from rasad.pipeline.base import Pipeline
from rasad.pipeline.shard import ShardResult, ShardTask, run_shard


class Engine(Protocol):
    """Runs shard tasks; the driver keeps at most `slots` submitted and not yet done.

    `shared_fate` says that a lost worker loses every task in flight, not only its own.
    """

    slots: int
    shared_fate: bool

    def submit(self, task: ShardTask) -> None: ...

    def next_done(self) -> tuple[ShardTask, ShardResult | BaseException]:
        """Wait for a task to end; an exception says its worker was lost."""
        ...

    def close(self) -> None: ...


class InProcessEngine:
    """One worker: this process (a crash here ends the run; a rerun resumes)."""

    slots = 1
    shared_fate = False

    def __init__(self, pipeline: Pipeline) -> None:
        self.pipeline = pipeline
        self.queue: deque[ShardTask] = deque()

    def submit(self, task: ShardTask) -> None:
        self.queue.append(task)

    def next_done(self) -> tuple[ShardTask, ShardResult | BaseException]:
        task = self.queue.popleft()
        return task, run_shard(task, self.pipeline)

    def close(self) -> None:
        self.queue.clear()


_WORKER_PIPELINE: Pipeline | None = None


def _init_worker(pipeline: Pipeline) -> None:
    global _WORKER_PIPELINE
    _WORKER_PIPELINE = pipeline


def _pool_run(task: ShardTask) -> ShardResult:
    assert _WORKER_PIPELINE is not None
    return run_shard(task, _WORKER_PIPELINE)


class ProcessEngine:
    """Worker processes on this machine, each keeping its pipeline (and models) between shards.

    A worker that dies (killed, out of memory) breaks the pool: the tasks in
    flight come back as failures to retry, and the next submit starts a new
    pool.
    """

    shared_fate = True

    def __init__(self, pipeline: Pipeline, workers: int) -> None:
        self.pipeline = pipeline
        self.slots = workers
        self.pool: ProcessPoolExecutor | None = None
        self.futures: dict[Future[ShardResult], ShardTask] = {}

    def submit(self, task: ShardTask) -> None:
        pool = self.pool or self._new_pool()
        try:
            future = pool.submit(_pool_run, task)
        except BrokenProcessPool:
            future = self._new_pool().submit(_pool_run, task)
        self.futures[future] = task

    def _new_pool(self) -> ProcessPoolExecutor:
        import multiprocessing as mp

        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)
        self.pool = ProcessPoolExecutor(
            self.slots,
            mp_context=mp.get_context("spawn"),
            initializer=_init_worker,
            initargs=(self.pipeline,),
        )
        return self.pool

    def next_done(self) -> tuple[ShardTask, ShardResult | BaseException]:
        done, _ = wait(self.futures, return_when=FIRST_COMPLETED)
        future = min(done, key=lambda f: self.futures[f].shard.id)
        task = self.futures.pop(future)
        error = future.exception()
        return task, error if error is not None else future.result()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)
            self.pool = None
