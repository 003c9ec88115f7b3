"""Batch analysis: input shards to Parquet, resumable, on this machine or on Ray.

A shard is one input file (a WARC crawl file, a JSON or JSON-lines dump) or
a run of single-article files from one directory; a worker analyses it
alone, in input order (`rasad.pipeline.shard`), so its output is the same
rows in the same bytes whichever engine ran it and however many workers it
had. Workers run shards in parallel.

`run_batch` adds the shards of its inputs to `OUT/plan.json` and runs those
without a completion marker, so a rerun skips finished shards and a run
killed at any moment resumes to exactly the outputs of an uninterrupted
one. A shard whose attempt fails, or whose worker dies, goes to the back of
the queue, up to `retries` more times, then is marked `_FAILED` while the
others go on; a later run tries it again. `OUT/run.json` says what the last
run did.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import Any

from rasad import __version__
from rasad.errors import RasadError
from rasad.pipeline.base import Pipeline
from rasad.pipeline.engines import Engine, InProcessEngine, ProcessEngine
from rasad.pipeline.shard import (
    LOG,
    MAX_BYTES,
    BatchErrors,
    Shard,
    ShardResult,
    ShardTask,
    describe,
    is_done,
    iso_time,
    mark_failed,
    note,
    shard_dir,
    write_json,
)

FILES_PER_SHARD = 1000  # single-article files grouped into one shard
_CONTAINERS = (".jsonl", ".ndjson", ".json", ".warc", ".warc.gz")
_SINGLES = (".txt", ".md", ".html", ".htm")
_SLUG = re.compile(r"[^A-Za-z0-9_]+")


@dataclass(slots=True)
class BatchReport:
    """What one `run_batch` call did; `missing` are inputs that do not exist."""

    shards: int = 0
    done: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    missing: list[str] = field(default_factory=list)
    retried: int = 0
    articles: int = 0
    unreadable: int = 0  # inputs of finished shards that could not be read (see their logs)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed and not self.missing

    def line(self) -> str:
        rate = self.articles / self.seconds if self.seconds else 0.0
        return (
            f"{self.shards} shards: {len(self.done)} done, {len(self.skipped)} skipped,"
            f" {len(self.failed)} failed; {self.articles} articles in {self.seconds:.1f} s"
            f" ({rate:.1f}/s)"
            + (f"; {self.unreadable} inputs unreadable" if self.unreadable else "")
        )


# --- planning ------------------------------------------------------------------


def plan_shards(
    paths: Sequence[str], files_per_shard: int = FILES_PER_SHARD, skip: str | None = None
) -> tuple[list[Shard], list[str]]:
    """The shards of `paths` in reading order, and the paths that do not exist.

    `skip` is a folder left out of the walk: the batch's own output, when it
    lies inside an input folder.
    """
    skipped = os.path.realpath(skip) if skip else None
    shards: list[Shard] = []
    missing: list[str] = []
    singles: list[str] = []

    def flush() -> None:
        for i in range(0, len(singles), max(1, files_per_shard)):
            shards.append(_shard(singles[i : i + max(1, files_per_shard)]))
        singles.clear()

    for path in paths:
        if not os.path.exists(path):
            missing.append(path)
            continue
        for file in _files(path, skipped):
            if _is_container(file):
                flush()
                shards.append(_shard([file]))
            else:
                if singles and os.path.dirname(singles[-1]) != os.path.dirname(file):
                    flush()
                singles.append(file)
    flush()
    return shards, missing


def _files(path: str, skip: str | None) -> Iterator[str]:
    """A file itself, or a directory's readable files in sorted order (as `iter_inputs`)."""
    if skip and os.path.realpath(path) == skip:
        return
    if not os.path.isdir(path):
        yield path
        return
    with os.scandir(path) as it:
        entries = sorted(it, key=lambda e: e.name)
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir():
            if not entry.is_symlink():
                yield from _files(entry.path, skip)
        elif _is_container(entry.name) or _is_single(entry.name):
            yield entry.path


def _is_container(name: str) -> bool:
    return name.lower().endswith(_CONTAINERS)


def _is_single(name: str) -> bool:
    return name.lower().endswith(_SINGLES) or not os.path.splitext(name)[1]


def _shard(files: Sequence[str]) -> Shard:
    absolute = [os.path.abspath(f) for f in files]
    digest = hashlib.sha256("\n".join(absolute).encode("utf-8", "surrogateescape")).hexdigest()
    name = os.path.basename(files[0]).split(".")[0]
    slug = _SLUG.sub("_", name).strip("_")[:40] or "shard"
    return Shard(f"{slug}-{digest[:12]}", tuple(absolute))


# --- the driver -------------------------------------------------------------------------


def run_batch(
    paths: Sequence[str],
    out: str,
    engine: str = "local",
    workers: int | None = None,
    address: str | None = None,
    retries: int = 2,
    files_per_shard: int = FILES_PER_SHARD,
    max_bytes: int = MAX_BYTES,
    pipeline: Pipeline | None = None,
    report: Callable[[str], None] = lambda line: None,
) -> BatchReport:
    """Analyse every shard of `paths` not yet done into `out`; `report` hears each outcome."""
    if engine not in ("local", "ray"):
        raise ValueError(f"unknown engine {engine!r}: use local or ray")
    if pipeline is None:
        from rasad.pipeline.steps import analysis_pipeline

        pipeline = analysis_pipeline()
    start = time.perf_counter()
    started_at = iso_time(time.time())
    out = os.path.abspath(out)  # workers may run in another directory
    shards, missing = plan_shards(paths, files_per_shard, skip=out)
    result = BatchReport(shards=len(shards), missing=missing)
    for path in missing:
        report(BatchErrors.E090.format(path=path))
    os.makedirs(os.path.join(out, "shards"), exist_ok=True)
    _extend_plan(out, shards)
    queue: deque[ShardTask] = deque()
    for shard in shards:
        if is_done(out, shard.id):
            result.skipped.append(shard.id)
        else:
            queue.append(ShardTask(shard, out, engine=engine, max_bytes=max_bytes))
    if queue:
        runner = _engine(engine, pipeline, workers, address)
        try:
            _Driver(runner, retries, result, report).run(queue)
        finally:
            runner.close()
    result.seconds = time.perf_counter() - start
    write_json(
        os.path.join(out, "run.json"),
        {
            "started_at": started_at,
            "finished_at": iso_time(time.time()),
            "engine": engine,
            "workers": workers,
            "seconds": round(result.seconds, 3),
            "articles": result.articles,
            "unreadable": result.unreadable,
            "shards": result.shards,
            "done": sorted(result.done),
            "skipped": sorted(result.skipped),
            "failed": dict(sorted(result.failed.items())),
            "missing": result.missing,
            "retried": result.retried,
            "rasad": __version__,
        },
    )
    return result


def _extend_plan(out: str, shards: Sequence[Shard]) -> None:
    """Add these shards to the folder's plan: a folder gathers the shards of every run."""
    path = os.path.join(out, "plan.json")
    planned: list[dict[str, Any]] = []
    if os.path.exists(path):
        with open(path, encoding="utf-8") as f:
            planned = json.load(f)["shards"]
    known = {s["id"] for s in planned}
    planned += [asdict(s) for s in shards if s.id not in known]
    write_json(path, {"shards": planned})


def _engine(name: str, pipeline: Pipeline, workers: int | None, address: str | None) -> Engine:
    if name == "ray":
        try:
            from rasad.pipeline.ray_engine import RayEngine
        except ImportError as e:
            raise RasadError(BatchErrors.E094.format(why=e)) from None

        return RayEngine(pipeline, workers=workers, address=address)
    n = workers or os.cpu_count() or 1
    return InProcessEngine(pipeline) if n == 1 else ProcessEngine(pipeline, n)


class _Driver:
    """Keeps every slot busy; retries a failed shard at the back of the queue, then gives up.

    When a pool of local processes loses a worker, every shard in flight is
    lost with it and nothing tells which one killed it: those shards are not
    charged an attempt but run again one at a time (`alone`), so only a shard
    that kills its worker on its own uses up its retries.
    """

    def __init__(
        self,
        runner: Engine,
        retries: int,
        result: BatchReport,
        report: Callable[[str], None],
    ) -> None:
        self.runner, self.retries, self.result, self.report = runner, retries, result, report
        self.running = 0
        self.solo = False  # a shard that must run alone is running

    def run(self, queue: deque[ShardTask]) -> None:
        while queue or self.running:
            self._fill(queue)
            task, outcome = self.runner.next_done()
            self.running -= 1
            self.solo = self.solo and not task.alone
            if isinstance(outcome, ShardResult) and outcome.ok:
                self._done(task, outcome)
            elif isinstance(outcome, ShardResult):
                self._failed(task, outcome.error, queue)
            elif self.runner.shared_fate and not task.alone:
                note(task, f"attempt {task.attempt} lost with its pool; it will run alone")
                queue.appendleft(replace(task, alone=True))
            else:
                self._failed(task, _lost(task, outcome), queue)

    def _fill(self, queue: deque[ShardTask]) -> None:
        while queue and self.running < self.runner.slots and not self.solo:
            if queue[0].alone and self.running:
                return
            task = queue.popleft()
            self.runner.submit(task)
            self.running += 1
            self.solo = task.alone

    def _done(self, task: ShardTask, outcome: ShardResult) -> None:
        self.result.done.append(task.shard.id)
        self.result.articles += outcome.articles
        self.result.unreadable += outcome.unreadable
        line = f"done {task.shard.id}: {outcome.articles} articles in {outcome.seconds:.1f} s"
        if outcome.unreadable:
            line += f", {outcome.unreadable} inputs unreadable (see its log)"
        self.report(line)

    def _failed(self, task: ShardTask, error: str, queue: deque[ShardTask]) -> None:
        if task.attempt <= self.retries:
            self.result.retried += 1
            self.report(f"retry {task.shard.id} (attempt {task.attempt} failed: {error})")
            queue.append(replace(task, attempt=task.attempt + 1))
            return
        self.result.failed[task.shard.id] = error
        mark_failed(task, error)
        log = os.path.join(shard_dir(task.out, task.shard.id), LOG)
        self.report(
            BatchErrors.E091.format(
                shard=task.shard.id, attempts=task.attempt, error=error, log=log
            )
        )


def _lost(task: ShardTask, error: BaseException) -> str:
    """A worker died mid-shard: say so in the shard's log, which the worker could not."""
    message = f"worker lost: {describe(error)}"
    note(task, f"attempt {task.attempt} {message}")
    return message
