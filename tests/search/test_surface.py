"""The fast paths agree with folding word by word."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.search.fold import fold_word, iter_words, split_words, terms_of
from rasad.search.highlight import _by_words, highlights
from rasad.search.query import Plan
from rasad.search.surface import fold_text, is_simple

Z = "\u200c"
# Persian and Arabic letters, digits of three scripts, marks, ZWNJ, kashida,
# punctuation and Latin in both cases: what news text is made of.
ALPHABET = "ابپتجچدرزسشکگلمنوهیيكةئأآؤۀ۱۴١٤14 \n،.:«»-ـًٌَُِّْ" + Z + "\u200e" + "aBcÉé_"
texts = st.text(alphabet=ALPHABET, max_size=80)


@settings(deadline=None)
@given(texts)
def test_whole_text_folding_matches_word_by_word(text: str) -> None:
    by_words = [t for w in iter_words(text) for t in w.terms]
    assert terms_of(text) == by_words
    folded = fold_text(text)
    assert folded is not None  # this alphabet is all simple


@settings(deadline=None)
@given(texts, st.data())
def test_term_patterns_find_what_word_by_word_finds(text: str, data: st.DataObject) -> None:
    words = [w for w in split_words(text) if fold_word(w)]
    if not words or not is_simple(text):
        return
    picked = data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=3))
    alternatives = tuple((fold_word(w)[0],) for w in picked)
    if len(words) > 1:  # and a phrase of two neighbours
        i = data.draw(st.integers(0, len(words) - 2))
        alternatives += ((fold_word(words[i])[0], fold_word(words[i + 1])[0]),)
    plan = Plan((alternatives,))
    assert highlights(text, plan) == _by_words(text, alternatives)


@pytest.mark.parametrize(
    ("text", "simple"),
    [
        (f"رئیس{Z}جمهور گفت: «کتاب‌ها»", True),
        ("متن ـ با خط ـ کشیده", True),  # a kashida standing alone
        (f"گفت:{Z} بله", True),
        (f" {Z}کتاب", True),  # a ZWNJ before a word, outside it
        ("\u200eمتن", True),
        (f" {Z}\u200e{Z}کتاب", True),
        ("ﻻ", False),  # a presentation form
        ("कार", False),  # another script's vowel sign
    ],
)
def test_which_text_is_simple(text: str, simple: bool) -> None:
    assert is_simple(text) is simple


def test_a_term_inside_a_longer_word_is_not_marked() -> None:
    text = f"رئیس{Z}جمهور گفت که جمهور"
    assert highlights(text, Plan(((("جمهور",),),))) == [(text.rindex("جمهور"), len(text))]
