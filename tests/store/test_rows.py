"""Articles as rows: identity, times and keys, text no database refuses."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rasad.model import Event
from rasad.store.rows import (
    KEY_SCALE,
    as_time,
    content_hash,
    effective_time,
    event_day,
    key_base,
    key_range,
    storable,
)
from tests.store.articles import plain


@given(st.text(alphabet=st.characters(codec=None)))
def test_storable_text_keeps_every_offset(text: str) -> None:
    out = storable(text)
    assert len(out) == len(text)
    assert "\x00" not in out
    out.encode("utf-8")  # no lone surrogate is left


def test_storable_text_replaces_only_what_it_must() -> None:
    assert storable("a\x00b\ud83dc") == "a\ufffdb\ufffdc"
    assert storable("سلام 😀") == "سلام 😀"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("یک خبر", "یک  خبر\n", True),  # spacing and line breaks do not count
        ("یک خبر", "یک خبر دیگر", False),
        ("رئیس‌جمهور", "رئیس جمهور", False),  # a ZWNJ is part of the normalized text
    ],
)
def test_content_hash_is_the_normalized_text(a: str, b: str, same: bool) -> None:
    assert (content_hash(plain(a)) == content_hash(plain(b))) is same


def test_content_hash_ignores_the_raw_input_once_there_is_clean_text() -> None:
    article = plain("متن")
    assert content_hash(article.evolve(raw="<p>متن</p>")) == content_hash(article)
    assert content_hash(article.evolve(text="")) != content_hash(article.evolve(raw="x", text=""))


def test_times_are_utc_and_published_comes_first() -> None:
    tehran = timezone(timedelta(hours=3, minutes=30))
    published = datetime(2021, 10, 14, 2, 0, tzinfo=tehran)
    ingested = datetime(2022, 1, 1, tzinfo=UTC)
    assert effective_time(published, ingested) == datetime(2021, 10, 13, 22, 30, tzinfo=UTC)
    assert effective_time(None, ingested) == ingested
    assert as_time("2021-10-14T08:00:00.000000+00:00") == datetime(2021, 10, 14, 8, tzinfo=UTC)
    assert as_time(datetime(2021, 10, 14, 8)) == datetime(2021, 10, 14, 8, tzinfo=UTC)
    assert as_time(None) is None


def test_key_ranges_cover_whole_days() -> None:
    lo, hi = key_range(date(2021, 10, 14), date(2021, 10, 14))
    assert lo == key_base(datetime(2021, 10, 14, tzinfo=UTC))
    assert hi == key_base(datetime(2021, 10, 15, tzinfo=UTC)) - 1
    last_second = key_base(datetime(2021, 10, 14, 23, 59, 59, tzinfo=UTC)) + KEY_SCALE - 1
    assert lo is not None and hi is not None and lo <= last_second <= hi
    assert key_range(None, None) == (None, None)


@pytest.mark.parametrize(
    ("date_", "expected"),
    [
        ("2021-10-13", "2021-10-13"),
        ("2021-10", "2021-10-14"),
        ("", "2021-10-14"),
        ("2021-13-45", "2021-10-14"),
    ],
)
def test_an_event_is_dated_by_its_own_full_date(date_: str, expected: str) -> None:
    event = Event("MEET", "040", 0, 1, "x", 0, 1, date=date_)
    assert event_day(event, "2021-10-14") == expected
