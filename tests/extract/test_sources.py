"""Source lines (sources.py): where an article names its outlet, which is never a speaker."""

import pytest

from rasad.extract.quotes import find_quotes
from rasad.extract.sources import source_phrases, source_spans
from tests.extract.conftest import analyze


@pytest.mark.parametrize(
    ("text", "source"),
    [
        ("به گزارش خبرگزاری فارس، علی لاریجانی گفت: مجلس طرح را بررسی می‌کند.", "به گزارش خبرگزاری فارس،"),
        ("به گزارش خبرنگار سیاسی فارس از تهران، وزیر خارجه به مسکو رفت.", "به گزارش خبرنگار سیاسی فارس از تهران،"),
        ("به نقل از رادیو فردا، وزیر خارجه به مسکو رفت.", "به نقل از رادیو فردا،"),
        # A press office with no clause in it is all source.
        (
            "به گزارش روابط عمومی اداره کل فرهنگ و ارشاد اسلامی استان آذربایجان شرقی، نمایشگاه کتاب گشایش یافت.",
            "به گزارش روابط عمومی اداره کل فرهنگ و ارشاد اسلامی استان آذربایجان شرقی،",
        ),
    ],
)  # fmt: skip
def test_source_leads(text: str, source: str) -> None:
    assert [text[a:b] for a, b in source_spans(text)] == [source]


def test_an_outlet_that_reports_is_named_by_the_last_part_before_its_verb() -> None:
    text = "روز پنجشنبه، رادیو تاجیکی «صدای خراسان» گزارش داد که رحمان به پاریس رفت."
    ((_, end, outlet),) = source_phrases(text)
    assert outlet == "رادیو تاجیکی «صدای خراسان»"
    assert text[:end].endswith("گزارش داد که")


def test_no_source_in_plain_speech() -> None:
    assert source_spans("علی لاریجانی گفت: مجلس این طرح را بررسی می‌کند.") == []


def test_source_line_is_a_source_not_a_speaker() -> None:
    raw = "به گزارش خبرگزاری فارس، علی لاریجانی گفت: مجلس این طرح را بررسی می‌کند."
    (q,) = find_quotes(analyze(raw))
    assert q.speaker is not None and q.speaker.text == "علی لاریجانی"
    assert q.source == "خبرگزاری فارس"
