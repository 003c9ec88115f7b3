from datetime import UTC, datetime

from hypothesis import given
from hypothesis import strategies as st

from rasad.model import (
    Article,
    DateMention,
    Dropped,
    Edit,
    LanguageGuess,
    OffsetLayer,
    OffsetMap,
    Span,
    Token,
    content_id,
)


def make_article() -> Article:
    return Article.from_raw(
        "رئیسجمهور گفت",
        url="https://example.org/a",
        published_at=datetime(2021, 10, 14, tzinfo=UTC),
        text="رئیس\u200cجمهور گفت",
        language="fa",
        language_confidence=0.99,
        line_languages=(LanguageGuess("fa", 0.99),),
        dropped=(Dropped("Read More", "other-language:en", 20, 29),),
        sentences=(Span(0, 15, "sentence", "rules"),),
        tokens=(Token(0, 11, "رئیس\u200cجمهور", "رئیس\u200cجمهور"), Token(12, 15, "گفت")),
        dates=(DateMention(0, 3, "دی", "2021-10-13", "weekday", "test"),),
        offsets=OffsetMap((OffsetLayer((Edit(4, 4, 4, 5),)),)),
    )


def test_json_round_trip() -> None:
    article = make_article()
    assert Article.from_json(article.to_json()) == article


def test_id_is_content_hash() -> None:
    assert Article.from_raw("x").id == content_id("x") == Article.from_raw("x").id
    assert Article.from_raw("x").id != Article.from_raw("y").id


def test_evolve_returns_a_new_article() -> None:
    a = make_article()
    b = a.evolve(language="prs")
    assert (a.language, b.language) == ("fa", "prs")


def test_offset_map_through_insertion_and_deletion() -> None:
    # raw "ab--cd" -> delete "--" -> "abcd" -> insert "|" after b -> "ab|cd"
    first = OffsetLayer((Edit(2, 4, 2, 2),))
    second = OffsetLayer((Edit(2, 2, 2, 3),))
    m = OffsetMap((first, second))
    # The inserted "|" maps to the raw position of the character after it.
    assert [m.to_raw(i) for i in range(6)] == [0, 1, 4, 4, 5, 6]
    assert m.span_to_raw(3, 5) == (4, 6)


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 3)), max_size=8))
def test_offset_map_is_monotonic(steps: list[tuple[int, int]]) -> None:
    edits = []
    old = new = 0
    for gap, length in steps:
        old += gap
        new += gap
        edits.append(Edit(old, old + length, new, new))  # deletions
        old += length
    m = OffsetMap((OffsetLayer(tuple(edits)),))
    mapped = [m.to_raw(i) for i in range(new + 5)]
    assert mapped == sorted(mapped)
    assert OffsetMap.from_json(m.to_json()) == m
