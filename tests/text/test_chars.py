import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.text.chars import CharOptions, fold_for_search, normalize_chars, normalize_chars_tracked

Z = "\u200c"

# (input, expected) with default options
CASES = [
    ("علي", "علی"),  # Arabic yeh
    ("موسى", "موسی"),  # alef maksura
    ("كتاب", "کتاب"),  # Arabic kaf
    ("مدرسة", "مدرسه"),  # teh marbuta
    ("ســـلام", "سلام"),  # kashida
    ("كِتَابٌ", "کتاب"),  # short vowels and tanwin
    ("مُحَمَّد", "محمد"),  # damma, fatha, shadda
    ("کاملاً", "کاملاً"),  # fathatan on alef is kept
    ("٣٤٥", "۳۴۵"),  # Arabic-Indic digits become Persian
    ("۱۴۰۰ و 2021", "۱۴۰۰ و 2021"),  # the text's own digits are kept
    ("\ufefb", "لا"),  # presentation-form ligature
    ("\ufbfe\ufbff", "یی"),  # presentation forms of yeh
    ("سلام ، خوبی ؟", "سلام، خوبی؟"),  # no space before punctuation
    ("گفت:«سلام»", "گفت:«سلام»"),
    ("« سلام »", "«سلام»"),  # no space inside guillemets
    ("سلام،خوبی", "سلام، خوبی"),  # a space after the comma
    ("چرا?", "چرا؟"),  # Latin question mark after Persian
    ("الف,ب", "الف، ب"),
    ("Hello, world?", "Hello, world?"),  # English punctuation is left alone
    ("دو  فاصله   ", "دو فاصله"),
    ("می\u200c\u200cکند", f"می{Z}کند"),  # doubled ZWNJ
    (f"کتاب {Z}ها", "کتاب ها"),  # ZWNJ beside a space carries nothing
    ("می\u200dکند", f"می{Z}کند"),  # ZWJ where ZWNJ was meant
    ("a\u200bb", "ab"),  # zero-width space
    ("\u200fسلام", "سلام"),  # directional mark
    ("خط اول\nخط دوم", "خط اول\nخط دوم"),  # lines are kept
]


@pytest.mark.parametrize(("raw", "expected"), CASES)
def test_normalize_chars(raw: str, expected: str) -> None:
    assert normalize_chars(raw) == expected


def test_keep_diacritics_switch() -> None:
    assert normalize_chars("كِتَاب", CharOptions(keep_diacritics=True)) == "کِتَاب"


@pytest.mark.parametrize(
    ("digits", "expected"), [("latin", "1400 و 2021"), ("persian", "۱۴۰۰ و ۲۰۲۱")]
)
def test_digit_options(digits: str, expected: str) -> None:
    assert normalize_chars("۱۴۰۰ و 2021", CharOptions(digits=digits)) == expected


def test_search_folding_erases_spelling_differences() -> None:
    keys = {fold_for_search(s) for s in ("رئیس\u200cجمهور", "رئيسجمهور", "رئیسجمهور")}
    assert len(keys) == 1
    assert fold_for_search("۱۴۰۰") == fold_for_search("1400") == "1400"


def test_offsets_map_back_to_raw() -> None:
    raw = "ســـلام  كِتَاب ، \ufefb"
    text, offsets = normalize_chars_tracked(raw)
    assert text == "سلام کتاب، لا"
    start = text.index("کتاب")
    s, e = offsets.span_to_raw(start, start + 4)
    assert raw[s:e] == "كِتَاب"
    assert offsets.to_raw(0) == 0


@given(st.text(max_size=80))
def test_idempotent_and_offsets_in_bounds(raw: str) -> None:
    text, offsets = normalize_chars_tracked(raw)
    assert normalize_chars(text) == text
    for i in range(len(text) + 1):
        assert 0 <= offsets.to_raw(i) <= len(raw)
