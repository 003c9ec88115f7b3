from pathlib import Path

import pytest

from rasad.text.boilerplate import find_boilerplate, script_of

SAMPLE = Path(__file__).resolve().parents[3] / "shared" / "samples" / "tajikistan-france-2021.txt"
PROSE = "امامعلی رحمان در این سفر فرانسه را شریک قابل اعتماد تاجیکستان در اروپا توصیف کرد."


def reasons(text: str) -> list[tuple[str, str]]:
    return [(d.text, d.reason) for d in find_boilerplate(text)]


# (line inside a Persian article, expected reason or "" to keep)
LINES = [
    ("Read More", "other-language:en"),
    (
        "This section contains relevant reference points, placed in (Inner related node field)",
        "other-language:en",
    ),
    ("Поделиться в соцсетях", "other-language:ru"),
    ("ادامه مطلب", "navigation"),
    ("بیشتر بخوانید:", "navigation"),
    ("اشتراک گذاری", "navigation"),
    ("کد خبر: ۱۲۳۴۵۶", "navigation"),
    ("برچسب‌ها: ایران، تاجیکستان", "navigation"),
    ("© ۱۴۰۰ کلیه حقوق برای خبرگزاری محفوظ است", "copyright"),
    ("All rights reserved 2021", "copyright"),
    (PROSE, ""),
    ("سفر رحمان به پاریس", ""),  # a short Persian heading
    ("او گفت: «Read More» نام یک برنامه است و " + PROSE, ""),  # prose that quotes English
]


@pytest.mark.parametrize(("line", "reason"), LINES)
def test_lines_in_a_persian_article(line: str, reason: str) -> None:
    text = f"{PROSE}\n{line}\n{PROSE}"
    got = reasons(text)
    assert got == ([(line, reason)] if reason else [])


def test_repeated_short_header_is_dropped_once() -> None:
    text = f"تیتر خبر\n{PROSE}\nتیتر خبر"
    assert reasons(text) == [("تیتر خبر", "repeated")]


def test_repeated_prose_is_kept() -> None:
    assert reasons(f"{PROSE}\n{PROSE}") == []


def test_english_article_keeps_its_english() -> None:
    assert reasons("Rahmon met Macron in Paris.\nRead the full story.") == []


@pytest.mark.parametrize(
    ("line", "script"),
    [("سلام", "arabic"), ("Hello", "latin"), ("Салом", "cyrillic"), ("۱۲۳", "none")],
)
def test_script_of(line: str, script: str) -> None:
    assert script_of(line) == script


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
def test_sample_article_drops_both_english_lines_and_nothing_else() -> None:
    raw = SAMPLE.read_text(encoding="utf-8")
    dropped = find_boilerplate(raw)
    assert [d.text for d in dropped] == [
        "Read More",
        "This section contains relevant reference points, placed in (Inner related node field)",
    ]
    for d in dropped:
        assert raw[d.start : d.end] == d.text
