"""Reporting verbs (cues.py): every tense, words that only look like one, forms that need
what follows them."""

import pytest

from rasad.extract.cues import CUE


@pytest.mark.parametrize(
    "cue",
    [
        "گفت", "گفتند", "گفته است", "گفته‌اند", "گفته بود", "می‌گوید", "افزود", "افزوده است",
        "اظهار داشت", "اظهارداشت", "تأکید کرد", "تاکید کرده است", "خاطرنشان کرد",
        "اعلام کرد", "نوشت", "یادآور شد", "اطمینان داد", "بیان کرد", "ادامه داد",
        "خاطر نشان ساخت", "شمرد", "نامید", "عقیده دارند", "اصرار دارند", "تأکید دارد",
        "توصیف نمود", "تلقی کرد", "تشبیه کرد", "پیش‌بینی کرد", "می‌فرماید", "فرمودند",
        "نتیجه گرفت", "ابراز اطمینان کرد", "پیشنهاد داد", "درخواست کردند", "در خواست کرد",
        "متهم کرد", "تفسیر کردند", "امیدوارند", "امیدوار است", "معترف هستند",
        "خاطر‌نشان کرد", "ندانست", "یاد آور شد", "ادعا می‌کند", "ذکر کرد",
    ],
)  # fmt: skip
def test_reporting_verbs_in_every_tense(cue: str) -> None:
    assert CUE.fullmatch(cue)


@pytest.mark.parametrize("word", ["گفتگو", "گفت‌وگو", "نگفت", "گفته‌ها", "افزودنی", "اعلامیه"])
def test_words_that_are_not_cues(word: str) -> None:
    assert not CUE.search(word)


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # The perfect without `است` reports only before `که` or a colon.
        ("عراقچی اعلام کرده که مذاکرات ادامه دارد", "اعلام کرده"),
        ("وی گفته: مذاکرات ادامه دارد", "گفته"),
        ("اعلام کرده بودند", "اعلام کرده بودند"),
        # The past continuous reports only before a colon.
        ("تظاهرکنندگان فریاد می‌زدند: «مرگ بر آمریکا»", "فریاد می‌زدند"),
        ("او همیشه می‌گفت که", None),
    ],
)
def test_cue_forms_that_need_what_follows(text: str, cue: str | None) -> None:
    m = CUE.search(text)
    assert (m.group() if m else None) == cue
