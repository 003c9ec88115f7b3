"""The tsvector PostgreSQL gets: exactly rasad's folded terms, weighted and positioned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from rasad.model import Article
from rasad.store import Store, open_store, postgres
from rasad.store.postgres import MAX_POSITION, MAX_POSITIONS, PostgresBackend, tsvector
from tests.store.articles import plain
from tests.store.conftest import new_store_url


def test_title_terms_weigh_more_and_the_body_starts_apart() -> None:
    assert tsvector(["خبر", "تازه"], ["خبر", "مهم"]) == "'خبر':1A,4 'تازه':2A 'مهم':5"


def test_positions_stay_within_what_postgresql_keeps() -> None:
    body = ["واژه"] * 300 + ["پایان"] * 3
    body[0:0] = ["x"] * MAX_POSITION
    vector = tsvector([], body)
    entries = dict(part.split(":") for part in vector.split(" "))
    assert len(entries["'واژه'"].split(",")) == 1  # only past the last position
    assert entries["'پایان'"] == str(MAX_POSITION)
    assert len(entries["'x'"].split(",")) == MAX_POSITIONS


def test_quotes_in_a_term_are_escaped() -> None:
    assert tsvector(["it's"], []) == "'it''s':1A"


def test_parameters_become_psycopg_placeholders() -> None:
    prepare = PostgresBackend.prepare
    sql = "SELECT x FROM t WHERE a = :a AND b IN :ids[int] AND c IN :names[text] AND d LIKE '5%'"
    assert prepare(None, sql) == (
        "SELECT x FROM t WHERE a = %(a)s AND b = ANY(%(ids)s::bigint[])"
        " AND c = ANY(%(names)s::text[]) AND d LIKE '5%%'"
    )


def _collection() -> list[Article]:
    """Articles a day apart: the phrase in some, its words apart in more, neither in the rest."""
    start = datetime(2022, 1, 1, tzinfo=UTC)
    texts = (
        "شورای امنیت سازمان ملل امروز تشکیل جلسه داد.",
        "امنیت مرزها در شورای شهر بررسی شد.",
        "خبرهای ورزشی امروز کوتاه بود.",
    )
    return [
        plain(f"{texts[i % 3]} شماره {i}", title=f"خبر {i}", published_at=start + timedelta(i))
        for i in range(60)
    ]


def _ids(store: Store, query: str, sort: str, limit: int, offset: int) -> list[int]:
    return [h.summary.id for h in store.search(query, sort=sort, limit=limit, offset=offset).hits]


@pytest.mark.parametrize("query", ['"شورای امنیت"', "شورای امنیت", '"امنیت شورای"'])
@pytest.mark.parametrize(("limit", "offset"), [(3, 0), (20, 0), (5, 18), (50, 0)])
@pytest.mark.parametrize("sample", [1000, 4])  # 4: the walk wins over the index
def test_phrases_find_what_sqlite_finds_whichever_way_is_taken(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    limit: int,
    offset: int,
    sample: int,
) -> None:
    """The sample, the GIN index and the newest-first walk give SQLite's pages."""
    monkeypatch.setattr(postgres, "SAMPLE", sample)
    with (
        open_store(str(tmp_path / "store.db")) as lite,
        open_store(new_store_url("postgresql", tmp_path)) as pg,
    ):
        for store in (lite, pg):
            list(store.add_articles(_collection()))
        want = _ids(lite, query, "newest", limit, offset)
        assert _ids(pg, query, "newest", limit, offset) == want
        pg.db.run("ANALYZE articles")  # the walk is weighed against the index only now
        assert _ids(pg, query, "newest", limit, offset) == want
        ranked = set(_ids(lite, query, "relevance", 100, 0))
        assert set(_ids(pg, query, "relevance", 100, 0)) == ranked


@pytest.mark.parametrize("off", [postgres._BY_INDEX, postgres._BY_DATE])
def test_planner_settings_end_with_the_query(tmp_path: Path, off: tuple[str, ...]) -> None:
    """Switched off for one search, even inside a caller's transaction, and back on after."""
    with open_store(new_store_url("postgresql", tmp_path)) as pg:
        db = pg.db
        assert isinstance(db, PostgresBackend)
        with db.transaction():
            db._planned("SELECT 1 AS one", {}, off)
            assert [db.value(f"SHOW {s}") for s in off] == ["on"] * len(off)
