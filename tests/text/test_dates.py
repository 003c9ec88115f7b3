import re
from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.text.dates import _DATE, _matches, find_dates, is_weekday_mention, resolve_weekday

Z = "\u200c"
P = date(2021, 10, 14)  # a Thursday, 22 Mehr 1400
SAMPLE = Path("/work/shared/samples/tajikistan-france-2021.txt")


def z(s: str) -> str:
    """Tables write ZWNJ as | for readability."""
    return s.replace("|", Z)


def found(text: str, published: date | None) -> list[tuple[str, str, str]]:
    return [(m.text, m.value, m.calendar) for m in find_dates(text, published)]


# (text, published, [(mention text, value, calendar)]); | stands for ZWNJ.
CASES = [
    # Jalali
    ("۲۱ مهر ۱۴۰۰", None, [("۲۱ مهر ۱۴۰۰", "2021-10-13", "jalali")]),
    ("۲۱ مهرماه ۱۴۰۰", None, [("۲۱ مهرماه ۱۴۰۰", "2021-10-13", "jalali")]),
    ("۲۱ مهر|ماه ۱۴۰۰", None, [("۲۱ مهر|ماه ۱۴۰۰", "2021-10-13", "jalali")]),
    ("در ۲۱ مهر ماه گفت", P, [("۲۱ مهر ماه", "2021-10-13", "jalali")]),
    ("در ۲۱ مهر ماه گفت", None, []),  # no year and nothing to infer it from
    ("۲۵ آبان", P, [("۲۵ آبان", "2020-11-15", "jalali")]),  # not a month ahead: last year
    ("مهر ۱۴۰۰", None, [("مهر ۱۴۰۰", "2021-10", "jalali")]),
    ("۱۴۰۰/۷/۲۱", None, [("۱۴۰۰/۷/۲۱", "2021-10-13", "jalali")]),
    ("۱۴۰۰-۰۷-۲۱", None, [("۱۴۰۰-۰۷-۲۱", "2021-10-13", "jalali")]),
    ("٢١ مهر ١٤٠٠", None, [("٢١ مهر ١٤٠٠", "2021-10-13", "jalali")]),
    ("21 مهر 1400", None, [("21 مهر 1400", "2021-10-13", "jalali")]),
    ("سه|شنبه ۲۱ مهر ۱۴۰۰", None, [("سه|شنبه ۲۱ مهر ۱۴۰۰", "2021-10-13", "jalali")]),
    ("روز یکشنبه، ۱۷ مرداد ۱۴۰۰", P, [("روز یکشنبه، ۱۷ مرداد ۱۴۰۰", "2021-08-08", "jalali")]),
    ("بیست و یکم مهر ۱۴۰۰", None, [("بیست و یکم مهر ۱۴۰۰", "2021-10-13", "jalali")]),
    ("اول فروردین ۱۴۰۱", None, [("اول فروردین ۱۴۰۱", "2022-03-21", "jalali")]),
    ("سی و یکم شهریور", P, [("سی و یکم شهریور", "2021-09-22", "jalali")]),
    ("۱۰ دی ۱۳۹۹ هجری شمسی", None, [("۱۰ دی ۱۳۹۹ هجری شمسی", "2020-12-30", "jalali")]),
    ("۳۱ مهر ۱۴۰۰", None, []),  # Mehr has 30 days
    ("۳۰ اسفند ۱۴۰۰", None, []),  # 1400 is no leap year
    ("به گزارش خبرگزاری مهر، وزیر گفت", P, []),
    ("خبرگزاری مهر ۱۴۰۰", None, []),
    ("او دی را دید و تیر خورد", P, []),
    ("۲۰ تا ۲۲ مهر ۱۴۰۰", None, [("۲۲ مهر ۱۴۰۰", "2021-10-14", "jalali")]),  # no ranges
    # Afghan solar months
    ("۲۲ اسد ۱۴۰۰", None, [("۲۲ اسد ۱۴۰۰", "2021-08-13", "afghan")]),
    ("۱۵ حوت", P, [("۱۵ حوت", "2021-03-05", "afghan")]),
    ("میزان ۱۴۰۰", None, [("میزان ۱۴۰۰", "2021-10", "afghan")]),
    ("۲۲ وری ۱۴۰۰", None, [("۲۲ وری ۱۴۰۰", "2021-04-11", "afghan")]),  # Pashto
    ("بشار اسد و میزان تورم و سرطان ریه", P, []),
    ("به میزان ۱۴۰۰ میلیارد افغانی", None, []),
    # Gregorian
    ("۱۴ اکتبر ۲۰۲۱", None, [("۱۴ اکتبر ۲۰۲۱", "2021-10-14", "gregorian")]),
    ("۱۴ اکتبر", P, [("۱۴ اکتبر", "2021-10-14", "gregorian")]),
    ("اکتبر ۲۰۲۱ میلادی", None, [("اکتبر ۲۰۲۱ میلادی", "2021-10", "gregorian")]),
    ("۲۰ جولای ۲۰۲۱", None, [("۲۰ جولای ۲۰۲۱", "2021-07-20", "gregorian")]),  # Dari
    ("۳ سپتمبر ۲۰۲۱", None, [("۳ سپتمبر ۲۰۲۱", "2021-09-03", "gregorian")]),
    ("۵ می ۲۰۲۱", None, [("۵ می ۲۰۲۱", "2021-05-05", "gregorian")]),
    ("۵ می روند و مه غلیظ است", P, []),  # May without a year is the verb prefix or fog
    ("در ماه مارس", P, []),
    ("2021-10-14", None, [("2021-10-14", "2021-10-14", "gregorian")]),
    ("14/10/2021", None, [("14/10/2021", "2021-10-14", "gregorian")]),
    ("05/06/2021", None, []),  # day and month could be swapped
    ("۱۲/۱۲/۲۰۲۱", None, [("۱۲/۱۲/۲۰۲۱", "2021-12-12", "gregorian")]),
    ("۱۲ درصد و ۳۵۰۰ نفر در ۲۰۲۱", P, []),
    # Hijri (tabular)
    ("۱۰ محرم ۱۴۴۳", None, [("۱۰ محرم ۱۴۴۳", "2021-08-19", "hijri")]),
    ("رمضان ۱۴۴۳ هجری قمری", None, [("رمضان ۱۴۴۳ هجری قمری", "2022-04", "hijri")]),
    ("۱۵ شعبان", P, [("۱۵ شعبان", "2021-03-29", "hijri")]),
    ("۱۲ ربیع|الاول ۱۴۴۳", None, [("۱۲ ربیع|الاول ۱۴۴۳", "2021-10-19", "hijri")]),
    # Weekdays
    ("روز چهارشنبه", P, [("روز چهارشنبه", "2021-10-13", "weekday")]),
    ("روز پنجشنبه", P, [("روز پنجشنبه", "2021-10-14", "weekday")]),
    ("در روز پنج|شنبه", P, [("روز پنج|شنبه", "2021-10-14", "weekday")]),
    ("پنجشنبه گذشته", P, [("پنجشنبه گذشته", "2021-10-07", "weekday")]),
    ("چهارشنبه هفته آینده", P, [("چهارشنبه هفته آینده", "2021-10-20", "weekday")]),
    ("شنبه هفته گذشته", P, [("شنبه هفته گذشته", "2021-10-02", "weekday")]),
    ("شنبه آینده", P, [("شنبه آینده", "2021-10-16", "weekday")]),
    (
        "سه شنبه و سهشنبه",
        P,
        [("سه شنبه", "2021-10-12", "weekday"), ("سهشنبه", "2021-10-12", "weekday")],
    ),
    ("یک|شنبه", P, [("یک|شنبه", "2021-10-10", "weekday")]),
    ("شنبه بعد از ظهر", P, [("شنبه", "2021-10-09", "weekday")]),
    ("جمعه", P, [("جمعه", "2021-10-08", "weekday")]),
    ("امام جمعه و نماز جمعه", P, []),
    ("روز چهارشنبه", None, []),
    ("روز دوشنبه", P, [("روز دوشنبه", "2021-10-11", "weekday")]),
    ("رحمان در دوشنبه، پایتخت تاجیکستان", P, []),
    ("دوشنبه|ها", P, []),
    # Relative days
    ("امروز", P, [("امروز", "2021-10-14", "relative")]),
    ("دیروز", P, [("دیروز", "2021-10-13", "relative")]),
    ("فردا", P, [("فردا", "2021-10-15", "relative")]),
    ("پریروز", P, [("پریروز", "2021-10-12", "relative")]),
    ("دیروز", None, []),
    ("امروزه فردای بهتری", P, []),
    (
        "امروز سه|شنبه ۲۱ مهر",
        P,
        [("امروز", "2021-10-14", "relative"), ("سه|شنبه ۲۱ مهر", "2021-10-13", "jalali")],
    ),
]


@pytest.mark.parametrize(("text", "published", "expected"), CASES)
def test_find_dates(
    text: str, published: date | None, expected: list[tuple[str, str, str]]
) -> None:
    assert found(z(text), published) == [(z(t), v, c) for t, v, c in expected]


def test_sample_article() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    mentions = find_dates(text, P)
    assert [(m.text, m.value, m.source) for m in mentions] == [
        ("روز چهارشنبه", "2021-10-13", "weekday"),
        ("روز پنجشنبه", "2021-10-14", "weekday"),
        ("روز چهارشنبه", "2021-10-13", "weekday"),
    ]
    assert all(text[m.start : m.end] == m.text for m in mentions)


def test_offsets_and_sources() -> None:
    text = "گزارش: روز سه|شنبه ۲۱ مهر ۱۴۰۰ و دیروز"
    assert [(m.start, m.end, m.source) for m in find_dates(z(text), P)] == [
        (7, 30, "solar_dmy"),
        (33, 38, "relative"),
    ]


def test_datetime_publication() -> None:
    assert found("دیروز", datetime(2021, 10, 14, 9, 30)) == [("دیروز", "2021-10-13", "relative")]


@pytest.mark.parametrize(
    ("weekday", "direction", "expected"),
    [
        (2, "past", date(2021, 10, 13)),
        (3, "past", date(2021, 10, 14)),  # the publication day itself
        (3, "previous", date(2021, 10, 7)),
        (3, "future", date(2021, 10, 21)),
        (5, "future", date(2021, 10, 16)),
        (5, "last_week", date(2021, 10, 2)),
        (4, "next_week", date(2021, 10, 22)),
    ],
)
def test_resolve_weekday(weekday: int, direction: str, expected: date) -> None:
    assert resolve_weekday(weekday, P, direction) == expected


def test_resolve_weekday_rejects_unknown_direction() -> None:
    with pytest.raises(ValueError, match="unknown direction"):
        resolve_weekday(0, P, "sideways")


WEEKDAY_CONTEXTS = [
    "روز دوشنبه رئیس|جمهور گفت",
    "در روز دوشنبه نشستی برگزار شد",
    "صبح دوشنبه انفجاری رخ داد",
    "عصر دوشنبه",
    "شب دوشنبه",
    "بامداد دوشنبه",
    "امروز دوشنبه",
    "این دوشنبه",
    "هر دوشنبه جلسه دارند",
    "دوشنبه گذشته",
    "دوشنبه هفته آینده",
    "دوشنبه شب",
    "در دوشنبه گذشته",
    "در دوشنبه ۱۲ مهر",
    "تهران، دوشنبه، ۱۲ مهر ۱۴۰۰",
    "از دوشنبه تا جمعه",
    "شنبه و دوشنبه",
    "رحمان دوشنبه گفت",  # no clue either way: the weekday
]
CITY_CONTEXTS = [
    "در دوشنبه، پایتخت تاجیکستان",
    "رحمان به دوشنبه بازگشت",
    "او از دوشنبه به مسکو رفت",
    "شهر دوشنبه",
    "فرودگاه دوشنبه",
    "سفر به دوشنبه",
    "دوشنبه، پایتخت تاجیکستان، میزبان نشست بود",
    "دوشنبه، تاجیکستان",
    "دوشنبه و خجند",
    "خجند و دوشنبه",
    "شهردار دوشنبه",
    "پایتخت تاجیکستان، دوشنبه",
    "در دوشنبه با رحمان دیدار کرد",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [(t, True) for t in WEEKDAY_CONTEXTS] + [(t, False) for t in CITY_CONTEXTS],
)
def test_is_weekday_mention(text: str, expected: bool) -> None:
    text = z(text)
    start = text.index("دوشنبه")
    assert is_weekday_mention(text, start, start + len("دوشنبه")) is expected


PIECES = [
    "۲۱", "۱۴۰۰", "2021", "۷", "/", "-", "مهر", "ماه", "مهرماه", "اسد", "اکتبر", "می", "مه",
    "محرم", "۱۴۴۳", "روز", "دوشنبه", "سه|شنبه", "جمعه", "گذشته", "هفته", "آینده", "امروز",
    "دیروز", "بیست", "و", "یکم", "سال", "،", "در", "پایتخت", "خبرگزاری", "٢١", "ي", "ك",
]  # fmt: skip
ISO = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@given(
    st.lists(st.sampled_from(PIECES) | st.text(max_size=3), max_size=30).flatmap(
        lambda words: st.lists(
            st.sampled_from([" ", "", Z, "\n"]), min_size=len(words), max_size=len(words)
        ).map(lambda seps: "".join(z(w) + s for w, s in zip(words, seps, strict=True)))
    ),
    st.none() | st.dates(),
)
def test_find_dates_never_breaks(text: str, published: date | None) -> None:
    mentions = find_dates(text, published)
    previous_end = 0
    for m in mentions:
        assert previous_end <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
        assert ISO.fullmatch(m.value)
        assert m.calendar in {"gregorian", "jalali", "afghan", "hijri", "weekday", "relative"}
        previous_end = m.end


@given(st.lists(st.sampled_from(PIECES + ["اردیبهشت", "هجری", "شمسی", "۳۵۰۰", "نفر"]), max_size=40))
def test_anchor_windows_find_what_a_full_scan_finds(words: list[str]) -> None:
    text = z(" ".join(words))
    windowed = [(m.span(), m.lastgroup) for m in _matches(text)]
    assert windowed == [(m.span(), m.lastgroup) for m in _DATE.finditer(text)]
