"""Loading batch outputs into a store, idempotently; `rasad batch` and `rasad load`."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from rasad.model import Article
from rasad.pipeline.batch import run_batch
from rasad.pipeline.load import finished_shards, load_outputs, read_shard
from rasad.pipeline.shard import DONE
from rasad.store import open_store
from tests.pipeline.test_batch import write_shards


@pytest.fixture(scope="module")
def batch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    inputs = tmp_path_factory.mktemp("inputs")
    write_shards(inputs)
    out = tmp_path_factory.mktemp("batch")
    assert run_batch([str(inputs)], str(out), workers=1).ok
    return out


def dump(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: the whole state of a SQLite store.

    A full-text index is compared by its vocabulary (terms and the articles
    holding them), not by its pages, which a rewrite of the same terms moves.
    """
    with sqlite3.connect(db) as conn:
        tables = list(conn.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'"))
        fts = [name for name, sql in tables if "USING fts5 (" in sql]
        names = [n for n, _ in tables if not any(n == f or n.startswith(f + "_") for f in fts)]
        return {n: sorted(conn.execute(f'SELECT * FROM "{n}"'), key=repr) for n in names}


def test_loading_twice_leaves_the_store_as_it_was(batch: Path, tmp_path: Path) -> None:
    db = tmp_path / "rasad.db"
    with open_store(str(db)) as store:
        first = load_outputs(str(batch), store)
    assert first.shards == 4 and first.articles == 10 and first.statuses["new"] > 5
    before = dump(db)
    for update in (True, False):
        with open_store(str(db)) as store:
            again = load_outputs(str(batch), store, update=update)
        assert again.articles == 10 and dump(db) == before
    with open_store(str(db)) as store:
        assert store.db.value("SELECT count(*) FROM articles") == first.statuses["new"]


@dataclass
class Added:
    status: str


class ListSink:
    """Any object with `add_articles` can take a batch's outputs."""

    def __init__(self) -> None:
        self.articles: list[Article] = []

    def add_articles(
        self, articles: Iterable[Article], batch_size: int = 200, update: bool = True
    ) -> Iterator[Added]:
        for article in articles:
            self.articles.append(article)
            yield Added("new")


def test_load_reads_finished_shards_in_plan_order(batch: Path) -> None:
    sink = ListSink()
    load_outputs(str(batch), sink)
    done, unfinished = finished_shards(str(batch))
    expected = [a for shard in done for _, a in read_shard(str(batch / "shards" / shard))]
    assert sink.articles == expected and unfinished == []
    assert [a.title for a in sink.articles][:3] == ["فارس 2", "فارس 7", "خبر 0"]


def test_cli_batch_then_load(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    write_shards(inputs, jsonl=1)
    runner = CliRunner()
    out, db = tmp_path / "out", tmp_path / "rasad.db"
    result = runner.invoke(app, ["batch", str(inputs), "--out", str(out), "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert "3 shards: 3 done, 0 skipped, 0 failed" in result.output
    missing = runner.invoke(app, ["batch", str(inputs / "gone"), "--out", str(out)])
    assert missing.exit_code == 1 and "[E090]" in missing.output
    loaded = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert loaded.exit_code == 0 and "3 shards, 7 articles" in loaded.output
    next(out.glob(f"shards/*/{DONE}")).unlink()
    partial = runner.invoke(app, ["load", str(out), "--db", str(db)])
    assert partial.exit_code == 1 and "[E093]" in partial.output
    wrong = runner.invoke(app, ["load", str(inputs), "--db", str(db)])
    assert wrong.exit_code == 1 and "[E092]" in wrong.output
    bad = runner.invoke(app, ["batch", str(inputs), "--out", str(out), "--address", "auto"])
    assert bad.exit_code == 2
