"""The tsvector PostgreSQL gets: exactly rasad's folded terms, weighted and positioned."""

from __future__ import annotations

from rasad.store.postgres import MAX_POSITION, MAX_POSITIONS, PostgresBackend, tsvector


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
