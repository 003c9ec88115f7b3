"""Queries as data: words and phrases, planned against a vocabulary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.search.query import (
    MAX_ALTERNATIVES,
    MAX_QUERY_CHARS,
    MAX_UNITS,
    Part,
    Plan,
    QueryError,
    Word,
    candidates,
    parse,
    plan,
)

Z = "\u200c"


def words(*terms: str) -> tuple[Word, ...]:
    return tuple(Word(t, t) for t in terms)


@pytest.mark.parametrize(
    ("query", "parts"),
    [
        ("کتاب", [Part(words("کتاب"), False)]),
        ("  كتاب  نو ", [Part(words("کتاب", "نو"), False)]),
        ('"شورای امنیت" ایران', [Part(words("شورای", "امنیت"), True), Part(words("ایران"), False)]),
        ("“شورای امنیت”", [Part(words("شورای", "امنیت"), True)]),
        ('"امنیت', [Part(words("امنیت"), False)]),  # one word in quotes is a word
        ('"شورای امنیت', [Part(words("شورای", "امنیت"), True)]),  # unclosed: runs to the end
        ("OR AND NOT NEAR(x) *:^", [Part(words("or", "and", "not", "near", "x"), False)]),
        ("۱۴۰۰", [Part(words("1400"), False)]),
    ],
)
def test_parse(query: str, parts: list[Part]) -> None:
    def terms(ps: list[Part]) -> list[tuple[list[str], bool]]:
        return [([w.term for w in p.words], p.phrase) for p in ps]

    assert terms(parse(query)) == terms(parts)


def test_a_word_keeps_how_it_was_written() -> None:
    (part,) = parse(f"رئیس{Z}جمهور")
    assert part.words == (Word(f"رئیس{Z}جمهور", "رییسجمهور"),)


@pytest.mark.parametrize(
    ("query", "code"),
    [
        ("", "E050"),
        ("  ", "E050"),
        ('"" ***', "E050"),
        ("\x00", "E050"),
        ("ا" * (MAX_QUERY_CHARS + 1), "E051"),
    ],
)
def test_queries_that_cannot_be_searched(query: str, code: str) -> None:
    with pytest.raises(QueryError, match=code):
        parse(query)


def test_too_many_words() -> None:
    with pytest.raises(QueryError, match="E052"):
        plan(parse(" ".join(f"w{i}" for i in range(MAX_UNITS + 1))), set())


def test_candidates_cover_every_spelling() -> None:
    found = candidates(parse("رئیس جمهور"))
    assert {"رییس", "جمهور", "رییسجمهور", "جمهورها", "رییسجمهورهای"} <= found


def test_suffixed_pieces_are_asked_for_only_where_the_pieces_occur() -> None:
    parts = parse("رئیسجمهور")
    assert "جمهورهای" not in candidates(parts)
    assert "جمهورهای" in candidates(parts, {"رییس", "جمهور"})
    assert candidates(parts, {"رییس"}) == set()


def test_a_two_word_compound_the_index_holds_joined_is_one_unit() -> None:
    known = {"رییس", "جمهور", "رییسجمهور", "فرانسه"}
    assert plan(parse("رئیس جمهور فرانسه"), known) == Plan(
        ((("رییس", "جمهور"), ("رییسجمهور",)), (("فرانسه",),))
    )


def test_words_the_index_never_holds_joined_stay_apart() -> None:
    assert plan(parse("رئیس جمهور"), {"رییس", "جمهور"}) == Plan(((("رییس",),), (("جمهور",),)))


def test_a_joined_word_also_matches_its_pieces_and_inflections() -> None:
    known = {"رییسجمهور", "رییس", "جمهور", "رییسجمهورهای"}
    assert plan(parse("رئیسجمهور"), known) == Plan(
        ((("رییسجمهور",), ("رییسجمهورهای",), ("رییس", "جمهور")),)
    )


def test_a_phrase_inflects_only_its_last_word() -> None:
    known = {"شورای", "امنیت", "امنیتها", "شوراهای"}
    assert plan(parse('"شورای امنیت"'), known) == Plan(
        ((("شورای", "امنیت"), ("شورای", "امنیتها")),)
    )


def test_a_unit_nothing_in_the_index_spells_makes_the_plan_empty() -> None:
    result = plan(parse("کتاب ناپیدا"), {"کتاب"})
    assert result.empty
    assert not plan(parse("کتاب"), {"کتاب"}).empty


def test_a_long_phrase_is_capped_and_never_dead_ends() -> None:
    many = " ".join(["کتاب"] * 300) + " ناپیدا"
    assert plan(parse(f'"{many}"'), {"کتاب"}).empty
    known = {"کتاب", "کتابها"} | {f"کتاب{s}" for s in ("های", "هایی")}
    (unit,) = plan(parse('"' + " ".join(["کتاب"] * 300) + '"'), known).units
    assert 1 < len(unit) <= MAX_ALTERNATIVES
    assert all(len(alt) == 300 for alt in unit)


def test_rendering_quotes_every_term() -> None:
    p = Plan(((("رییس", "جمهور"), ("رییسجمهور",)), (("or",),)))
    assert p.to_fts5() == '("رییس جمهور" OR "رییسجمهور") AND ("or")'
    assert p.to_tsquery() == "(('رییس' <-> 'جمهور') | ('رییسجمهور')) & (('or'))"


@given(st.text(max_size=300))
def test_any_input_parses_or_says_why(query: str) -> None:
    try:
        parts = parse(query)
    except QueryError as e:
        assert str(e).startswith("[E05")
        return
    the_plan = plan(parts, candidates(parts))
    for unit in the_plan.units:
        for alt in unit:
            for term in alt:
                assert term.isalnum() and '"' not in term and "'" not in term
