import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.text.zwnj import restore_word, restore_zwnj

Z = "\u200c"


def z(s: str) -> str:
    """Tables write ZWNJ as | for readability."""
    return s.replace("|", Z)


# (input without ZWNJ, expected)
JOINED = [
    ("رئیسجمهور", "رئیس|جمهور"),
    ("میایستد", "می|ایستد"),
    ("کشورهاییاند", "کشورهایی|اند"),
    ("میکند", "می|کند"),
    ("نمیتوانند", "نمی|توانند"),
    ("میکرد", "می|کرد"),
    ("میشوند", "می|شوند"),
    ("میاندازد", "می|اندازد"),
    ("میجنگد", "می|جنگد"),
    ("برمیگردد", "برمی|گردد"),
    ("رسانهها", "رسانه|ها"),
    ("زمینههای", "زمینه|های"),
    ("اقدامهایی", "اقدام|هایی"),
    ("مقامهایشان", "مقام|هایشان"),
    ("سرویسهای", "سرویس|های"),
    ("نداشتهاند", "نداشته|اند"),
    ("کردهاند", "کرده|اند"),
    ("خبرنامهای", "خبرنامه|ای"),
    ("گفتوگو", "گفت|وگو"),
    ("بینالمللی", "بین|المللی"),
    ("مسلماننشین", "مسلمان|نشین"),
    ("بیثباتی", "بی|ثباتی"),
    ("شرکتکنندگان", "شرکت|کنندگان"),
    ("موضعگیریهای", "موضع|گیری|های"),
    ("سختگیرانه", "سخت|گیرانه"),
    ("تروریستها", "تروریست|ها"),
    ("مشترکالمنافع", "مشترک|المنافع"),
]

# Words that must come out exactly as they went in.
UNCHANGED = [
    "میانجی",
    "میز",
    "میدان",
    "میان",
    "میلیون",
    "آقای",
    "آسیای",
    "هایی",
    "تنها",
    "تنهایی",
    "الهام",
    "بیشتر",
    "تهدیدهای",
    "کشورها",
    "دنیاست",
    "برایشان",
    "همچنین",
    "Macron",
    "۱۴۰۰",
    "میخائیل",
]

# (input with a space where the ZWNJ was, expected)
SPACED = [
    ("می کند", "می|کند"),
    ("نمی توانند", "نمی|توانند"),
    ("رسانه ها", "رسانه|ها"),
    ("روش های", "روش|های"),
    ("کشورهایی اند", "کشورهایی|اند"),
    ("نداشته اند", "نداشته|اند"),
    ("خانه ای بزرگ", "خانه|ای بزرگ"),
]

# Spaces that are not lost ZWNJs.
KEEP_SPACE = [
    "شده است",
    "پس از",
    "کره شمالی",
    "به عنوان",
    "در این",
    "ای کاش",
    "او را می بیند و",
]


@pytest.mark.parametrize(("raw", "expected"), JOINED)
def test_restores_joined_words(raw: str, expected: str) -> None:
    assert restore_zwnj(raw) == z(expected)


@pytest.mark.parametrize("word", UNCHANGED)
def test_leaves_correct_words_alone(word: str) -> None:
    assert restore_zwnj(word) == word


@pytest.mark.parametrize(("raw", "expected"), SPACED)
def test_restores_across_a_space(raw: str, expected: str) -> None:
    assert restore_zwnj(raw) == z(expected)


@pytest.mark.parametrize("text", KEEP_SPACE[:-1])
def test_keeps_real_spaces(text: str) -> None:
    assert restore_zwnj(text) == text


def test_correct_text_is_unchanged() -> None:
    text = z(
        "امامعلی رحمان، رئیس|جمهور تاجیکستان، و امانوئل مکرون پس از دیدار و گفت|وگو "
        "به رسانه|ها گفتند که فرانسه در کنار این کشور می|ایستد."
    )
    assert restore_zwnj(text) == text


def test_words_already_holding_a_zwnj_are_kept() -> None:
    assert restore_word(z("می|کند")) == z("می|کند")
    assert restore_word(z("کتاب|ها")) == z("کتاب|ها")


def test_english_text_is_untouched() -> None:
    text = "Read More about Rahmon and Macron, 2021."
    assert restore_zwnj(text) == text


@given(st.text(alphabet="میکنداهایتبرسگو \u200c.،" + "abc", max_size=60))
def test_only_inserts_zwnj_or_turns_spaces_into_it(text: str) -> None:
    out = restore_zwnj(text)
    assert out.replace("\u200c", "").replace(" ", "") == text.replace("\u200c", "").replace(" ", "")
    assert restore_zwnj(out) == out
