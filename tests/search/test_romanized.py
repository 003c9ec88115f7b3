"""Persian spellings of romanized names: short vowels dropped or written, shared letters tried."""

from __future__ import annotations

import pytest

from rasad.search.romanized import MAX_SPELLINGS, spellings


@pytest.mark.parametrize(
    ("word", "persian"),
    [
        ("Ghalibaf", "قالیباف"),
        ("Mirsalim", "میرسلیم"),  # a short vowel Persian does not write
        ("Kashan", "کاشان"),
        ("Mashhad", "مشهد"),  # sh, then h: not a doubled letter
        ("Izeh", "ایذه"),  # z as ذ
        ("Ali", "علی"),  # a first vowel written with ع
        ("Lavrov", "لاوروف"),
        ("Karimi", "کریمی"),
        ("Yasuj", "یاسوج"),
        ("Esfahani", "اصفهانی"),
        ("Abbas", "عباس"),  # a doubled consonant written once
    ],
)
def test_the_persian_spelling_is_among_the_readings(word: str, persian: str) -> None:
    assert persian in spellings(word)


@pytest.mark.parametrize("word", ["", "ab", "٢٣", "Ωmega"])
def test_no_readings(word: str) -> None:
    assert spellings(word) == ()


def test_most_likely_first_and_bounded() -> None:
    assert spellings("kashan")[0] == "کاشان"
    assert len(spellings("abcdefghijklmnopqrstuvwxyzaeiouaeiou")) <= MAX_SPELLINGS
