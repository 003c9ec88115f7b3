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
    assert {f"کتاب{s}" for s in SUFFIXES} <= set(inflected("کتاب"))


# (word, its forms that are found, forms that are other words and are not)
JOINED = [
    ("کتاب", ["کتابها", "کتابهای", "کتابش", "کتابشان"], ["کتابی", "کتابت"]),  # کتابت: writing
    ("مسئول", ["مسئولان", "مسئولین", "مسئولانش", "مسئولش"], []),
    ("مسئولان", ["مسئولانشان"], []),
    ("کارگر", ["کارگران", "کارگرانش"], ["کارگری"]),  # کارگری: labour (adjective)
    ("خبرنگار", ["خبرنگاران"], []),
    ("اطلاع", ["اطلاعات", "اطلاعاتش"], ["اطلاعی", "اطلاعاتی"]),
    ("انتخاب", ["انتخابات"], ["انتخابی"]),
    ("تحقیق", ["تحقیقات"], []),
    ("دانشجو", ["دانشجویان", "دانشجوی", "دانشجویش"], []),
    ("آقا", ["آقایان", "آقای"], []),
    ("ایرانی", ["ایرانیان"], []),
    ("نماینده", ["نمایندگان", "نمایندگانش", "نمایندهشان", "نمایندهی"], []),
    ("کشته", ["کشتگان"], []),
    ("مطالعه", ["مطالعات"], []),
    ("حمله", ["حملات"], []),
    ("کشور", ["کشورش", "کشورمان", "کشورشان"], ["کشوری"]),
    # Another word that happens to start with the query word is not its form.
    ("ایران", ["ایرانها"], ["ایرانی"]),  # Iranian
    ("مرد", ["مردان"], ["مردم", "مردمان"]),  # people, peoples
    ("سال", ["سالها"], ["سالم", "سالمان"]),  # healthy
    ("کار", ["کارها"], ["کارت", "کاری"]),  # card
    ("کرم", ["کرمها"], ["کرمان", "کرمانشاه"]),  # Kerman
    ("گروه", ["گروهها"], ["گروگان", "گروهان", "گروات"]),  # hostage, company
    ("خانه", ["خانهها", "خانهمان"], ["خانات"]),  # khanates (of خان)
    ("اسلام", [], ["اسلامی"]),
    ("تهران", [], ["تهرانی"]),
    ("پور", ["پورش"], ["پورت"]),  # port: no singular "your" ت
    ("دار", ["دارش"], ["دارم"]),  # a verb stem with م is "I have"
    ("بین", [], ["بینم", "بینش"]),  # I see; insight
    ("اگر", [], ["اگرین", "اگرم"]),  # a conjunction takes no joined suffix
]


@pytest.mark.parametrize(("term", "found", "other"), JOINED)
def test_forms_written_joined(term: str, found: list[str], other: list[str]) -> None:
    forms = set(inflected(term))
    assert set(found) <= forms
    assert not set(other) & forms


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
