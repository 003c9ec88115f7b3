"""Other spellings of a query word: inflected, cut into pieces, joined."""

from __future__ import annotations

import pytest

from rasad.search.forms import SUFFIXES, inflected, joined, pieces

Z = "\u200c"


@pytest.mark.parametrize(
    ("term", "some", "none"),
    [
        ("کتاب", ["کتابها", "کتابهای", "کتابهایشان"], ["کتابام", "کتابی"]),
        ("خانه", ["خانهها", "خانهای", "خانهام", "خانهی"], []),
        ("تن", [], ["تنها", "تنهای"]),  # تنها is "alone", not bodies
        ("1400", [], ["1400ها"]),  # numbers and Latin take no Persian suffix
        ("tehran", [], ["tehranها"]),
    ],
)
def test_inflected(term: str, some: list[str], none: list[str]) -> None:
    forms = inflected(term)
    assert set(some) <= set(forms)
    assert not set(none) & set(forms)


def test_every_plural_suffix_is_tried() -> None:
    assert len(inflected("کتاب")) == len(SUFFIXES)


@pytest.mark.parametrize(
    ("term", "written", "first"),
    [
        ("رییسجمهور", f"رئیس{Z}جمهور", ("رییس", "جمهور")),  # the query's own ZWNJ
        ("رییسجمهور", "رئیسجمهور", ("رییس", "جمهور")),  # the lexicon's ZWNJ spelling
        ("بینالمللی", "", ("بین", "المللی")),
        ("کشورهای", "", ("کشور", "های")),  # a suffix written apart
    ],
)
def test_pieces(term: str, written: str, first: tuple[str, ...]) -> None:
    assert pieces(term, written)[0] == first


@pytest.mark.parametrize("term", ["ایران", "تنها", "میدان", "1400"])
def test_words_written_solid_are_not_cut(term: str) -> None:
    assert pieces(term) == ()


def test_an_unknown_word_may_be_cut_anywhere_into_real_pieces() -> None:
    cuts = pieces("زرگرپور")
    assert ("زرگر", "پور") in cuts
    assert all(len(p) >= 2 for cut in cuts for p in cut)


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [("رییس", "جمهور", "رییسجمهور"), ("سال", "1400", ""), ("new", "york", "")],
)
def test_joined(a: str, b: str, expected: str) -> None:
    assert joined(a, b) == expected
