"""Matches marked on the clean text exactly as it was written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.search.highlight import (
    Snippet,
    highlights,
    mark_up,
    merge,
    page_marks,
    snippet,
    snippet_of,
)
from rasad.search.query import Plan
from rasad.search.surface import find, is_simple

Z = "\u200c"
PRESIDENT = Plan(((("رییس", "جمهور"), ("رییسجمهور",)),))


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        (f"دیدار رئیس{Z}جمهور با وزیر", [f"رئیس{Z}جمهور"]),
        ("دیدار رئيس جمهور با وزیر", ["رئيس جمهور"]),  # a phrase is one span
        ("رئیسجمهور و رييسجمهور", ["رئیسجمهور", "رييسجمهور"]),
        ("رئیس دانشگاه و جمهور", []),  # the pieces apart are no match
        ("", []),
    ],
)
def test_highlights_point_at_the_text_as_written(text: str, marked: list[str]) -> None:
    assert [text[s:e] for s, e in highlights(text, PRESIDENT)] == marked


def test_single_terms_and_phrases_merge_when_they_touch() -> None:
    plan = Plan(((("کتاب",), ("کتاب", "نو")),))
    text = "کتاب نو و کتاب"
    assert highlights(text, plan) == [(0, 7), (10, 14)]
    assert merge([(5, 9), (0, 3), (2, 6)]) == [(0, 9)]


def test_a_snippet_holds_the_first_match_and_whole_words() -> None:
    text = ("واژه " * 100) + "هدف " + ("واژه " * 100)
    start = text.index("هدف")
    snip = snippet(text, [(start, start + 3)], width=60)
    assert snip.start <= start < start + 3 <= snip.end
    assert snip.text == text[snip.start : snip.end]
    assert snip.text.startswith("واژه") and snip.text.endswith("واژه")
    assert snip.marks == ((start - snip.start, start - snip.start + 3),)


def test_a_snippet_without_matches_is_the_start_of_the_text() -> None:
    assert snippet("یک دو سه", [], width=5) == Snippet(0, 5, "یک دو", ())
    assert snippet("", []) == Snippet(0, 0, "", ())


def test_mark_up_escapes_html() -> None:
    assert mark_up("<b>کتاب</b>", [(3, 7)], escape=True) == "&lt;b&gt;<mark>کتاب</mark>&lt;/b&gt;"
    assert Snippet(0, 4, "a<b>", ((0, 1),)).html() == "<mark>a</mark>&lt;b&gt;"


WORDS = ["کتاب", "کتاب‌های", "رئیس", "جمهور", "رئیس‌جمهور", "و", "در", "۱۴۰۰", "خبر"]


@settings(deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=400), st.integers(20, 300))
def test_the_snippet_of_a_long_text_is_found_reading_only_a_part(
    words: list[str], width: int
) -> None:
    text = " ".join(words)
    for plan in (PRESIDENT, Plan(((("کتابهای",), ("1400",)),))):
        everywhere = highlights(text, plan)
        found = snippet_of(text, plan, width)
        assert found.text == text[found.start : found.end]
        assert bool(found.marks) == bool(everywhere)
        for s, e in found.marks:  # each mark is a real match
            assert any(a <= s + found.start and e + found.start <= b for a, b in everywhere)
        if everywhere:  # and the window holds the first one
            assert found.start <= everywhere[0][0] < found.end


PLANS = (PRESIDENT, Plan(((("کتابهای",), ("1400",)),)), Plan(((("خبر",),), (("کتاب",),))))


@settings(deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(st.sampled_from(WORDS), max_size=8),
            st.lists(st.sampled_from([*WORDS, "\n", "é", "½"]), max_size=600),
        ),
        max_size=6,
    ),
    st.integers(20, 300),
)
def test_a_page_is_marked_as_each_hit_alone(
    hits: list[tuple[list[str], list[str]]], width: int
) -> None:
    titles = [" ".join(t) for t, _ in hits]
    texts = [" ".join(words) for _, words in hits]
    for plan in PLANS:
        page = page_marks(titles, texts, plan, width)
        assert [m for m, _ in page] == [highlights(t, plan) for t in titles]
        for text, (_, found) in zip(texts, page, strict=True):
            everywhere = highlights(text, plan)
            assert found.text == text[found.start : found.end]
            assert [(s + found.start, e + found.start) for s, e in found.marks] == [
                (s, e) for s, e in everywhere if found.start <= s and e <= found.end
            ]
            if everywhere:
                assert found.start <= everywhere[0][0] < found.end
            else:
                assert found == snippet_of(text, plan, width)


@pytest.mark.parametrize(
    ("text", "marked"),
    [
        (f"رئیس{Z}جمهور\u064e و رئیس جمهور", [f"رئیس{Z}جمهور\u064e", "رئیس جمهور"]),
        ("رئیس\nجمهور", ["رئیس\nجمهور"]),  # a phrase across a line end, inside one text
        ("ــرئیس جمهورــ", ["رئیس جمهورــ"]),  # kashidas after a match are in it
        ("رئیس جمهوری", []),
        ("½ رئیس جمهور", ["رئیس جمهور"]),  # read word by word
    ],
)
def test_page_marks_point_at_the_text_as_written(text: str, marked: list[str]) -> None:
    ((title_marks, found),) = page_marks([text], [text], PRESIDENT)
    assert [text[s:e] for s, e in title_marks] == marked
    assert [found.text[s:e] for s, e in found.marks] == marked


def test_no_phrase_runs_from_one_hit_into_the_next() -> None:
    page = page_marks(["خبر رئیس", "جمهور امروز"], ["رئیس", "جمهور"], PRESIDENT)
    assert all(not title and not found.marks for title, found in page)


PIECES = ["رئیس", "رئيس", "رييس", "جمهور", "كتابهای", "کتاب", "۱۴۰۰", "1400", "و", "ـ", Z, "\u064e"]


@settings(deadline=None)
@given(st.lists(st.sampled_from([*PIECES, " ", "\n", "،"]), max_size=80))
def test_highlights_find_what_the_term_patterns_find(pieces: list[str]) -> None:
    text = "".join(pieces)
    for plan in PLANS:
        alternatives = tuple(alt for unit in plan.units for alt in unit)
        if is_simple(text):
            assert highlights(text, plan) == merge(find(text, alternatives))
