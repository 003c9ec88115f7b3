"""Folding words into index terms: every spelling of a word meets."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.search.fold import MAX_TERM, Word, fold_word, iter_words, terms_of, word_parts

Z = "\u200c"

# (word as written, terms)
CASES = [
    (f"رئیس{Z}جمهور", ("رییسجمهور",)),  # ZWNJ goes, hamza on yeh goes
    ("رئيسجمهور", ("رییسجمهور",)),  # Arabic yeh
    ("رییسجمهور", ("رییسجمهور",)),
    ("كتاب", ("کتاب",)),  # Arabic kaf
    (f"كتاب{Z}های", ("کتابهای",)),
    ("آمریکا", ("امریکا",)),  # madda
    ("أمريكا", ("امریکا",)),  # hamza on alef, Arabic letters
    ("مسؤول", ("مسوول",)),
    ("مسئول", ("مسیول",)),
    ("مدرسة", ("مدرسه",)),  # teh marbuta
    ("خانۀ", ("خانه",)),  # heh with hamza
    ("مُحَمَّد", ("محمد",)),  # diacritics
    ("ســـلام", ("سلام",)),  # kashida
    ("۱۴۰۰", ("1400",)),  # Persian digits
    ("١٤٠٠", ("1400",)),  # Arabic-Indic digits
    ("1400", ("1400",)),
    ("Tehran", ("tehran",)),
    ("ÉCOLE", ("ecole",)),
    ("ﻻ", ("لا",)),  # presentation-form ligature
    ("½", ("1", "2")),  # folding may split a word
    ("\u064b\u064c", ()),  # marks alone are no word
    ("x" * 100, ("x" * MAX_TERM,)),
]


@pytest.mark.parametrize(("word", "terms"), CASES)
def test_fold_word(word: str, terms: tuple[str, ...]) -> None:
    assert fold_word(word) == terms


def test_words_keep_their_offsets_in_the_text() -> None:
    text = f"رئیس{Z}جمهور، «كتاب» و ۱۴۰۰ — U.S."
    words = list(iter_words(text))
    assert [text[w.start : w.end] for w in words] == [
        f"رئیس{Z}جمهور",
        "كتاب",
        "و",
        "۱۴۰۰",
        "U",
        "S",
    ]
    assert words[0] == Word(0, 10, ("رییسجمهور",))
    assert terms_of(text) == ["رییسجمهور", "کتاب", "و", "1400", "u", "s"]


@pytest.mark.parametrize(
    ("word", "parts"),
    [
        (f"رئیس{Z}جمهور", ["رییس", "جمهور"]),
        (f"گفت{Z}و{Z}گو", ["گفت", "و", "گو"]),
        ("رئیسجمهور", ["رییسجمهور"]),
        ("می\u200dکند", ["می", "کند"]),  # a joiner where a non-joiner was meant
    ],
)
def test_word_parts_cut_at_zwnj(word: str, parts: list[str]) -> None:
    assert word_parts(word) == parts


@given(st.text())
def test_terms_hold_only_letters_and_digits(text: str) -> None:
    for term in terms_of(text):
        assert term and len(term) <= MAX_TERM
        assert all(c.isalnum() for c in term)
        assert not any(c.isascii() and not c.isalnum() for c in term)


@given(st.text())
def test_a_text_folds_to_the_terms_of_its_words(text: str) -> None:
    assert terms_of(text) == [t for w in iter_words(text) for t in w.terms]
    for w in iter_words(text):
        assert 0 <= w.start < w.end <= len(text)
