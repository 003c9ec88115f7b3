"""The read side the API and dashboard use, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from rasad.model import Mention
from rasad.store import ArticleFilter, EventFilter, Store, to_json
from tests.store.articles import TEXT, annotated, plain


def day(d: int) -> datetime:
    return datetime(2021, 10, d, 8, 0, tzinfo=UTC)


@pytest.fixture
def filled(store: Store) -> dict[str, int]:
    """Four articles over four days, two sources, two languages, one story."""
    ids = {
        "meeting": store.add_article(annotated(published_at=day(14))).id,
        "tajik": store.add_article(
            plain(
                "Душанбе пойтахти Тоҷикистон аст",
                language="tg",
                source="asia-plus",
                published_at=day(12),
                mentions=(Mention(0, 7, "Душанбе", "LOC", "city:dushanbe", "Dushanbe"),),
            )
        ).id,
        "kabul": store.add_article(
            plain(
                "امامعلی رحمان در کابل",
                language="fa",
                source="example",
                published_at=day(10),
                mentions=(
                    Mention(0, 13, "امامعلی رحمان", "PER", "person:emomali-rahmon"),
                    Mention(17, 21, "کابل", "LOC", "city:kabul"),
                ),
            )
        ).id,
        "old": store.add_article(
            plain("خبر قدیمی", language="fa", source="example", published_at=day(1))
        ).id,
    }
    story = store.assign_story(ids["meeting"])
    store.assign_story(ids["kabul"], story)
    ids["story"] = story
    return ids


def listed(store: Store, **filters: object) -> list[int]:
    return [a.id for a in store.list_articles(ArticleFilter(**filters))]


def test_articles_are_listed_newest_first_and_filtered(
    store: Store, filled: dict[str, int]
) -> None:
    meeting, tajik, kabul, old = (filled[k] for k in ("meeting", "tajik", "kabul", "old"))
    assert listed(store) == [meeting, tajik, kabul, old]
    assert listed(store, date_from=date(2021, 10, 10), date_to=date(2021, 10, 12)) == [tajik, kabul]
    assert listed(store, date_to=date(2021, 10, 1)) == [old]
    assert listed(store, language="tg") == [tajik]
    assert listed(store, source="example") == [meeting, kabul, old]
    assert listed(store, source="no-such-source") == []
    assert listed(store, entity="person:emomali-rahmon") == [meeting, kabul]
    assert listed(store, event_type="MEET") == [meeting]
    assert listed(store, story=filled["story"]) == [meeting, kabul]
    assert listed(store, language="fa", entity="city:kabul") == [kabul]
    assert [a.id for a in store.list_articles(limit=2, offset=1)] == [tajik, kabul]
    assert store.count_articles() == 4
    assert store.count_articles(ArticleFilter(language="fa")) == 3
    assert store.count_articles(ArticleFilter(source="nowhere")) == 0


def test_entities_by_how_many_articles_name_them(store: Store, filled: dict[str, int]) -> None:
    top = store.list_entities(limit=2)
    assert [(e.id, e.articles, e.mentions) for e in top] == [
        ("person:emomali-rahmon", 2, 2),
        ("country:tj", 1, 2),
    ]
    rahmon = store.get_entity("person:emomali-rahmon")
    assert rahmon is not None
    assert (rahmon.label, rahmon.name_en, rahmon.country) == ("PER", "Emomali Rahmon", "TJ")
    assert [e.id for e in store.list_entities(label="LOC")] == [
        "country:tj",
        "city:dushanbe",
        "city:kabul",
        "city:paris",
    ]
    assert [e.id for e in store.list_entities(prefix="امامعلی")] == ["person:emomali-rahmon"]
    assert [e.id for e in store.list_entities(prefix="emm")] == ["person:emmanuel-macron"]
    assert store.get_entity("person:nobody") is None


def test_an_entity_over_time_and_in_company(store: Store, filled: dict[str, int]) -> None:
    timeline = store.entity_timeline("person:emomali-rahmon")
    assert [(d.day, d.articles, d.mentions) for d in timeline] == [
        ("2021-10-10", 1, 1),
        ("2021-10-14", 1, 1),
    ]
    assert [d.day for d in store.entity_timeline("person:emomali-rahmon", date(2021, 10, 11))] == [
        "2021-10-14"
    ]
    company = store.cooccurring("person:emomali-rahmon")
    assert [(c.entity.id, c.articles) for c in company] == [
        ("city:kabul", 1),
        ("city:paris", 1),
        ("country:tj", 1),
        ("person:emmanuel-macron", 1),
    ]
    assert store.cooccurring("person:emomali-rahmon", date_to=date(2021, 10, 10))[0].entity.id == (
        "city:kabul"
    )


def test_quotes_by_speaker(store: Store, filled: dict[str, int]) -> None:
    found = store.quotes(speaker="person:emmanuel-macron")
    assert [(q.article_id, q.idx, q.day) for q in found] == [(filled["meeting"], 0, "2021-10-14")]
    assert found[0].quote == annotated().quotes[0]
    assert store.quotes(speaker="person:emomali-rahmon") == []
    assert store.quotes(date_from=date(2021, 10, 15)) == []
    assert len(store.quotes(article_id=filled["meeting"])) == 1


def test_events_with_filters(store: Store, filled: dict[str, int]) -> None:
    meeting, support = annotated().events
    everything = store.events()
    # The meeting's own date (13th) comes before the article's day for the support.
    assert [(e.idx, e.day) for e in everything] == [(1, "2021-10-14"), (0, "2021-10-13")]
    assert [e.event for e in everything] == [support, meeting]

    def idx(**f: object) -> list[int]:
        return [e.idx for e in store.events(EventFilter(**f))]

    assert idx(type="MEET") == [0]
    assert idx(actor="person:emomali-rahmon") == [0]
    assert idx(target="person:emomali-rahmon") == []
    assert idx(target="country:tj") == [1]
    assert idx(place="city:paris") == [0]
    assert idx(modality="intended") == [1]
    assert idx(date_from=date(2021, 10, 14)) == [1]
    assert idx(date_to=date(2021, 10, 13), code="040") == [0]
    assert idx(article_id=filled["kabul"]) == []


def test_sources_stats_and_stories(store: Store, filled: dict[str, int]) -> None:
    store.add_article(plain(TEXT, source="mirror", url="https://mirror.example/1"))
    assert [(s.name, s.articles) for s in store.list_sources()] == [
        ("example", 3),
        ("asia-plus", 1),
        ("mirror", 1),
    ]
    stats = store.stats()
    # The mirror carried the meeting's text: one more sighting, no new article.
    assert (stats["articles"], stats["sightings"], stats["stories"]) == (4, 5, 1)
    (story,) = store.list_stories()
    assert (story.id, story.articles, story.first_article) == (
        filled["story"],
        2,
        filled["meeting"],
    )
    assert story.title == "دیدار رحمان و مکرون"
    assert story.last_published == day(14)


def test_records_become_json(store: Store, filled: dict[str, int]) -> None:
    stored = store.get_article(filled["meeting"])
    data = to_json(stored)
    assert data["summary"]["published_at"] == "2021-10-14T08:00:00+00:00"
    assert data["article"]["quotes"][0]["speaker"]["entity_id"] == "person:emmanuel-macron"
    assert to_json(store.entity_timeline("city:kabul")) == [
        {"day": "2021-10-10", "articles": 1, "mentions": 1}
    ]
