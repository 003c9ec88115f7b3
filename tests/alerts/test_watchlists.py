"""Which articles answer a watchlist: queries folded like search, criteria ANDed."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from rasad.alerts.watchlists import WatchlistError, check, match, query_plan, subjects_of
from rasad.search.query import QueryError
from rasad.store.alerts import Watchlist
from tests.store.articles import TEXT, annotated

Z = "\u200c"

WATCH = Watchlist(
    id=1,
    name="w",
    kind="match",
    query="",
    entities=(),
    event_types=(),
    places=(),
    webhook="",
    emails=(),
    created_at=datetime(2024, 1, 1, tzinfo=UTC),
)


@pytest.mark.parametrize(
    ("query", "text", "found"),
    [
        ("رئیس جمهور", f"رئیس{Z}جمهور تاجیکستان گفت", True),  # space in the query, ZWNJ in text
        (f"رئیس{Z}جمهور", "رئیس جمهور تاجیکستان گفت", True),  # and the other way
        ("رئیس جمهور", "رئیسجمهور تاجیکستان گفت", True),  # written solid
        ("رئيس جمهور", f"رئیس{Z}جمهور گفت", True),  # Arabic yeh in the query
        ("رییس جمهور", f"رئیس{Z}جمهور گفت", True),  # hamza seat left out
        ("كتاب", "این کتاب خوانده شد", True),  # Arabic kaf
        ("کتاب", f"کتاب{Z}های تازه رسید", True),  # a plural suffix
        ("مسئول", "مسؤول پرونده گفت", True),  # the other hamza seat
        ("۱۴۰۰", "در سال 1400 رخ داد", True),  # Persian and Latin digits
        ("تهران دوشنبه", "سفر از تهران به دوشنبه", True),  # every word, anywhere
        ("تهران کابل", "سفر از تهران به دوشنبه", False),  # a word missing
        ('"دیدار رسمی"', "یک دیدار رسمی انجام شد", True),  # a phrase
        ('"دیدار رسمی"', "یک دیدار غیر رسمی انجام شد", False),  # words apart
        ('"رئیس جمهور"', "جمهور و رئیس", False),  # a phrase keeps its order
    ],
)
def test_queries_meet_every_spelling(query: str, text: str, found: bool) -> None:
    assert (query_plan(query, "", text) is not None) == found


def test_the_title_counts_too() -> None:
    assert query_plan("مکرون", "دیدار با مکرون", "متن خبر") is not None


@pytest.mark.parametrize(
    ("criteria", "found"),
    [
        ({"query": "رئیس جمهور"}, True),
        ({"entities": ("person:emomali-rahmon",)}, True),
        ({"entities": ("person:nobody", "person:emmanuel-macron")}, True),  # any one of them
        ({"entities": ("person:nobody",)}, False),
        ({"event_types": ("MEET",)}, True),
        ({"event_types": ("04",)}, True),  # a CAMEO root: 040
        ({"event_types": ("05",)}, True),  # 051, the support event
        ({"event_types": ("19",)}, False),
        ({"places": ("city:paris",)}, True),
        ({"places": ("city:kabul",)}, False),
        ({"query": "رئیس جمهور", "places": ("city:paris",)}, True),
        ({"query": "رئیس جمهور", "places": ("city:kabul",)}, False),  # every criterion holds
        ({"query": "کابل", "entities": ("person:emomali-rahmon",)}, False),
    ],
)
def test_criteria(criteria: dict[str, object], found: bool) -> None:
    assert (match(replace(WATCH, **criteria), annotated()) is not None) == found


def test_a_match_says_why() -> None:
    w = replace(WATCH, query="مکرون", entities=("person:emomali-rahmon",), places=("city:paris",))
    found = match(w, annotated())
    assert found is not None
    assert found.reasons() == ["entities: person:emomali-rahmon", "places: city:paris"]
    assert "مکرون" in found.snippet


def test_negated_events_do_not_count() -> None:
    article = annotated()
    negated = article.evolve(events=tuple(replace(e, negated=True) for e in article.events))
    assert match(replace(WATCH, event_types=("MEET",)), negated) is None
    assert subjects_of(negated).event_types == ()


def test_subjects_keep_places_apart() -> None:
    s = subjects_of(annotated())
    assert set(s.entities) == {"person:emomali-rahmon", "person:emmanuel-macron"}
    assert set(s.places) == {"city:paris", "country:tj", "country:fr"}
    assert s.event_types == ("MEET", "SUPPORT")


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({}, "E122"),
        ({"kind": "alarm", "query": "x"}, "E123"),
        ({"query": "x", "webhook": "ftp://host/x"}, "E124"),
        ({"query": "x", "emails": ["not an address"]}, "E125"),
        ({"query": "x", "emails": ["@example.org"]}, "E125"),
        ({"kind": "trend", "query": "x"}, "E126"),
        ({"query": "!!!"}, "E050"),
    ],
)
def test_check_refuses_what_could_never_work(kwargs: dict[str, object], code: str) -> None:
    values: dict[str, object] = {
        "kind": "match",
        "query": "",
        "entities": [],
        "event_types": [],
        "places": [],
        "webhook": "",
        "emails": [],
    } | kwargs
    with pytest.raises((WatchlistError, QueryError), match=code):
        check(**values)  # type: ignore[arg-type]


def test_check_accepts_a_trend_watchlist_of_everything() -> None:
    check("trend", "", [], [], [], "https://hooks.example/x", ["desk@example.org"])


def test_the_sample_text_is_what_the_tables_assume() -> None:
    assert "رئیس\u200cجمهور" in TEXT and "پاریس" in TEXT
