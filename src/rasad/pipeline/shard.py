"""One shard of a batch, in a worker: its inputs analysed into Parquet, then its marker.

A shard is analysed by one worker in input order, so its output depends
only on its input. `run_shard` writes `OUT/shards/ID/`: the tables of
`rasad.pipeline.tables` as Parquet, `stats.json` and `log.txt`, and then,
last, the completion marker `_SUCCESS`, written aside and renamed into
place so it exists only once every file is whole on disk. An attempt starts
by removing whatever an unfinished attempt left, except the log, which
keeps the history of every attempt. Timestamps live only in the statistics
and the log, never in the data files.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import socket
import time
import traceback
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any, TextIO

from rasad import __version__
from rasad.errors import RasadError
from rasad.model import Article
from rasad.pipeline.base import Pipeline
from rasad.pipeline.tables import SCHEMAS, TABLES, Row, article_rows, to_table

DONE, FAILED = "_SUCCESS", "_FAILED"
LOG, STATS = "log.txt", "stats.json"
MAX_BYTES = 1 << 30  # JSON and JSON-lines shards are read whole; crawl files stream
FLUSH_ARTICLES = 1000  # articles per Parquet row group
_SURROGATE = re.compile("[\ud800-\udfff]")


class BatchErrors:
    """Coded messages of batch runs and loads (numbered apart from `Errors`)."""

    E090 = "[E090] {path}: input not found"
    E091 = "[E091] shard {shard} failed after {attempts} attempts ({error}); its log: {log}"
    E092 = "[E092] {out}: not the output folder of a batch (no plan.json)"
    E093 = "[E093] shard {shard} is not finished and was not loaded; rerun rasad batch"
    E094 = "[E094] the ray engine needs Ray: pip install 'rasad[ray]' ({why})"


class ArticleError(RasadError):
    """A step failed on one article; the message names the article and the error."""


@dataclass(frozen=True, slots=True)
class Shard:
    """A unit of work. Its id is named after its files, so a rerun finds its output."""

    id: str
    files: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ShardTask:
    shard: Shard
    out: str  # the batch's output folder, absolute
    attempt: int = 1
    engine: str = "local"
    max_bytes: int = MAX_BYTES
    alone: bool = False  # lost with other shards once: runs with no other beside it


@dataclass(frozen=True, slots=True)
class ShardResult:
    shard_id: str
    ok: bool
    articles: int = 0
    seconds: float = 0.0
    error: str = ""
    unreadable: int = 0  # inputs that were not read (bad JSON lines, damaged crawl records)


def shard_dir(out: str, shard_id: str) -> str:
    return os.path.join(out, "shards", shard_id)


def is_done(out: str, shard_id: str) -> bool:
    return os.path.exists(os.path.join(shard_dir(out, shard_id), DONE))


def run_shard(task: ShardTask, pipeline: Pipeline) -> ShardResult:
    """Analyse one shard into its folder; an exception fails the attempt, never the caller."""
    folder = shard_dir(task.out, task.shard.id)
    os.makedirs(folder, exist_ok=True)
    for name in os.listdir(folder):
        if name != LOG:
            os.remove(os.path.join(folder, name))
    start, cpu = time.perf_counter(), time.process_time()
    with open(os.path.join(folder, LOG), "a", encoding="utf-8", buffering=1) as log:
        where = f"{socket.gethostname()} pid {os.getpid()}"
        write_log(log, f"attempt {task.attempt} on {task.engine}, {where}")
        try:
            stats = _analyse(task, pipeline, folder, log)
            seconds = time.perf_counter() - start
            stats |= _timing(task, stats, seconds, time.process_time() - cpu)
            write_json(os.path.join(folder, STATS), stats)
            _mark_done(folder, task.shard)
        except Exception as e:  # noqa: BLE001 - any failure is this shard's, recorded and retried
            write_log(log, "failed:\n" + traceback.format_exc().rstrip())
            return ShardResult(task.shard.id, False, error=describe(e))
        write_log(log, f"done: {stats['articles']} articles in {seconds:.1f} s")
    unreadable = sum(stats["input_failures"].values())
    return ShardResult(task.shard.id, True, stats["articles"], seconds, unreadable=unreadable)


@dataclass(slots=True)
class _Reader:
    """The articles of a shard's files, counting what is not one (by reason)."""

    task: ShardTask
    log: TextIO
    counts: Counter[str] = field(default_factory=Counter)
    failures: Counter[str] = field(default_factory=Counter)
    skipped: Counter[str] = field(default_factory=Counter)
    paths: dict[str, str] = field(default_factory=dict)  # article id -> where it was read
    last: str = ""  # where the article last handed to the pipeline was read

    def articles(self) -> Iterator[Article]:
        from rasad.ingest.files import InputFailure, iter_inputs

        files, limit = self.task.shard.files, self.task.max_bytes
        for item in iter_inputs(files, max_bytes=limit, skipped=self.skipped):
            if isinstance(item, InputFailure):
                self.failures[item.reason] += 1
                write_log(self.log, item.message)
                continue
            self.counts["read"] += 1
            self.counts["warnings"] += len(item.warnings)
            for warning in item.warnings:
                write_log(self.log, warning)
            article = Article.from_raw(
                self._valid(item.text),
                title=self._valid(item.title),
                url=self._valid(item.url),
                source=self._valid(item.source),
                published_at=parse_published(item.published),
            )
            if article.id in self.paths:  # the same text again: one row per article
                self.counts["duplicates"] += 1
                continue
            self.paths[article.id] = self.last = item.path
            yield article

    def _valid(self, text: str) -> str:
        """Lone surrogates (a JSON escape of half an emoji) as U+FFFD: Parquet holds UTF-8 only.

        One character for one keeps every offset.
        """
        if not _SURROGATE.search(text):
            return text
        self.counts["surrogates"] += 1
        return _SURROGATE.sub("\ufffd", text)


class _Writer:
    """The Parquet files of one shard, a row group every `FLUSH_ARTICLES` articles."""

    def __init__(self, folder: str) -> None:
        import pyarrow.parquet as pq

        self.files = {
            name: pq.ParquetWriter(
                os.path.join(folder, f"{name}.parquet"), SCHEMAS[name], compression="zstd"
            )
            for name in TABLES
        }
        self.pending: dict[str, list[Row]] = {name: [] for name in TABLES}
        self.rows: Counter[str] = Counter()

    def add(self, article: Article, path: str) -> None:
        for name, rows in article_rows(article, self.rows["articles"], path).items():
            self.pending[name].extend(rows)
            self.rows[name] += len(rows)
        self.rows["tokens"] += len(article.tokens)
        if self.rows["articles"] % FLUSH_ARTICLES == 0:
            self.flush()

    def flush(self) -> None:
        for name, rows in self.pending.items():
            if rows:
                self.files[name].write_table(to_table(name, rows))
                rows.clear()

    def close(self) -> None:
        for file in self.files.values():
            file.close()


def _analyse(task: ShardTask, pipeline: Pipeline, folder: str, log: TextIO) -> dict[str, Any]:
    """Read, analyse and write one shard; its statistics."""
    reader, writer = _Reader(task, log), _Writer(folder)
    try:
        stream = pipeline.run(reader.articles())
        while True:
            try:
                article = next(stream)
            except StopIteration:
                break
            except Exception as e:
                raise ArticleError(f"while analysing {reader.last}: {describe(e)}") from e
            writer.add(article, reader.paths[article.id])
        writer.flush()
    finally:
        writer.close()
    return {
        "shard": task.shard.id,
        "files": list(task.shard.files),
        "read": reader.counts["read"],
        "duplicates": reader.counts["duplicates"],
        "warnings": reader.counts["warnings"],
        "surrogates_replaced": reader.counts["surrogates"],
        "input_failures": dict(sorted(reader.failures.items())),
        "skipped": dict(sorted(reader.skipped.items())),
    } | {name: writer.rows[name] for name in (*TABLES, "tokens")}


def _timing(
    task: ShardTask, stats: dict[str, Any], seconds: float, cpu_seconds: float
) -> dict[str, Any]:
    """When, where and how fast: kept in the statistics, out of the data files.

    `cpu_seconds` is this worker's processor time on the shard: on a busy
    machine it tells the cost of the analysis apart from the wait for a core.
    """
    return {
        "seconds": round(seconds, 3),
        "cpu_seconds": round(cpu_seconds, 3),
        "articles_per_s": round(stats["articles"] / seconds, 2) if seconds else 0.0,
        "started_at": iso_time(time.time() - seconds),
        "finished_at": iso_time(time.time()),
        "attempt": task.attempt,
        "engine": task.engine,
        "host": socket.gethostname(),
        "pid": os.getpid(),
        "rasad": __version__,
    }


def _mark_done(folder: str, shard: Shard) -> None:
    """Write the completion marker last, atomically, once the data is on disk."""
    import pyarrow.parquet as pq

    tables = {}
    for name in TABLES:
        path = os.path.join(folder, f"{name}.parquet")
        _fsync(path)
        with open(path, "rb") as f:
            digest = hashlib.file_digest(f, "sha256").hexdigest()
        tables[name] = {"rows": pq.ParquetFile(path).metadata.num_rows, "sha256": digest}
    write_json(
        os.path.join(folder, DONE),
        {"shard": shard.id, "files": list(shard.files)} | {"tables": tables},
    )
    _fsync(folder)


def mark_failed(task: ShardTask, error: str) -> None:
    """Record a shard given up on; a rerun tries it again."""
    folder = shard_dir(task.out, task.shard.id)
    os.makedirs(folder, exist_ok=True)
    marker = {"shard": task.shard.id, "files": list(task.shard.files), "attempts": task.attempt}
    write_json(os.path.join(folder, FAILED), marker | {"error": error, "at": iso_time(time.time())})


def note(task: ShardTask, message: str) -> None:
    """Add a line to a shard's log from outside its worker (which may be gone)."""
    folder = shard_dir(task.out, task.shard.id)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, LOG), "a", encoding="utf-8") as log:
        write_log(log, message)


def write_json(path: str, data: dict[str, Any]) -> None:
    """Write aside, flush to disk, rename: a reader sees the old file or the new, whole."""
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, indent=2, sort_keys=True)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def _fsync(path: str) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_log(log: TextIO, message: str) -> None:
    log.write(f"{iso_time(time.time())} {message}\n")


def iso_time(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).isoformat(timespec="seconds")


def describe(e: BaseException) -> str:
    """One line for a report: the exception's type and the first line of its message."""
    if isinstance(e, ArticleError):
        return str(e)
    text = str(e).strip().splitlines()
    return f"{type(e).__name__}: {text[0]}" if text else type(e).__name__


def parse_published(value: str) -> datetime | None:
    """A record's publication time, aware (UTC where it gives no zone); None if unreadable.

    Records give ISO 8601 (`2021-10-14`, `2021-10-14T08:30:00+03:30`) or, in
    feeds, RFC 2822 (`Thu, 14 Oct 2021 08:30:00 GMT`).
    """
    value = value.strip()
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError, IndexError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
