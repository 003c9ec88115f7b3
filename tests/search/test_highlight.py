"""Matches marked on the clean text exactly as it was written."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rasad.search.highlight import Snippet, highlights, mark_up, merge, snippet, snippet_of
from rasad.search.query import Plan

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
