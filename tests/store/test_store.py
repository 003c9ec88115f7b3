"""Writing to the store: all or nothing, once per text, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rasad.model import Mention
from rasad.store import ArticleFilter, Store, StoreError, open_store
from rasad.store.store import UNKNOWN_SOURCE
from tests.store.articles import TEXT, annotated, plain

EMPTY = {
    "articles": 0,
    "sources": 0,
    "sightings": 0,
    "entities": 0,
    "mentions": 0,
    "quotes": 0,
    "events": 0,
    "stories": 0,
    "seen_items": 0,
}


def test_a_new_store_records_its_migrations(store_url: str) -> None:
    with open_store(store_url) as store:
        known = sorted((m.version, m.name) for m in store.db.migrations)
        assert store.migrations()[0] == (1, "initial")
        assert store.migrations() == known
        assert store.stats() == EMPTY
    with open_store(store_url) as store:  # opening again applies nothing twice
        assert store.migrations() == known


def test_an_article_comes_back_with_every_annotation(store: Store) -> None:
    article = annotated()
    result = store.add_article(article)
    assert result.status == "new"
    stored = store.get_article(result.id)
    assert stored is not None
    assert stored.article == article.evolve(tokens=())
    assert store.get_article(result.hash) == stored
    assert stored.summary.day == "2021-10-14"
    assert [(s.source, s.url) for s in stored.sightings] == [
        ("example", "https://example.org/rahmon-macron")
    ]
    assert store.stats() == EMPTY | {
        "articles": 1,
        "sources": 1,
        "sightings": 1,
        "entities": 5,
        "mentions": 5,
        "quotes": 1,
        "events": 2,
    }


def test_adding_the_same_input_again_changes_nothing(store: Store) -> None:
    first = store.add_article(annotated())
    before = (store.stats(), store.get_article(first.id), store.list_entities())
    again = store.add_article(annotated())
    assert again == first.__class__(first.id, first.hash, "duplicate")
    assert (store.stats(), store.get_article(first.id), store.list_entities()) == before


def test_the_same_text_from_two_sources_is_stored_once(store: Store) -> None:
    a = plain(TEXT, source="feed-a", url="https://a.example/1")
    # Another page around the same text: other raw input, same normalized text.
    b = a.evolve(raw="Menu\n" + TEXT, id="other", source="feed-b", url="https://b.example/9")
    assert store.add_article(a).status == "new"
    result = store.add_article(b)
    assert result.status == "duplicate"
    stored = store.get_article(result.id)
    assert stored is not None
    assert [(s.source, s.url) for s in stored.sightings] == [
        ("feed-a", "https://a.example/1"),
        ("feed-b", "https://b.example/9"),
    ]
    assert store.stats()["articles"] == 1
    assert [s.id for s in store.list_articles(ArticleFilter(source="feed-b"))] == [result.id]
    assert store.find_article(url="https://b.example/9") == result.id
    assert store.find_article(hash=result.hash) == result.id
    assert store.find_article(url="https://nowhere.example") is None


def test_whitespace_alone_does_not_make_another_article(store: Store) -> None:
    first = store.add_article(plain("یک  خبر\nکوتاه"))
    assert store.add_article(plain("یک خبر کوتاه ")).id == first.id


def test_an_article_without_a_source_is_recorded_as_unknown(store: Store) -> None:
    result = store.add_article(plain("خبری بی‌منبع"))
    stored = store.get_article(result.id)
    assert stored is not None and stored.summary.source == UNKNOWN_SOURCE


def test_a_rejected_article_leaves_nothing_behind(store: Store) -> None:
    good = annotated()
    # The last annotation is impossible (a span that ends before it starts):
    # the article, its mentions and its index terms were written before it.
    bad = good.evolve(events=(*good.events, good.events[0].__class__("X", "0", 5, 1, "", 0, 0)))
    with pytest.raises(store.db.article_errors):
        store.add_article(bad)
    assert store.stats() == EMPTY
    assert store.known_terms(["رحمان", "تاجیکستان"]) == set()
    assert store.search("رحمان").hits == ()


def test_a_batch_keeps_its_good_articles(store: Store) -> None:
    bad = plain("یک خبر نادرست", mentions=(Mention(9, 2, "x", "PER", "doc:PER:x"),))
    results = list(
        store.add_articles(
            [plain("خبر اول"), bad, plain("خبر دوم"), plain("خبر اول")], batch_size=3
        )
    )
    assert [r.status for r in results] == ["new", "failed", "new", "duplicate"]
    assert results[1].error
    assert store.stats()["articles"] == 2
    assert store.stats()["entities"] == 0


def test_update_replaces_the_stored_analysis(store: Store) -> None:
    first = store.add_article(annotated())
    fewer = annotated(mentions=(Mention(0, 13, "امامعلی رحمان", "PER", "person:other"),), events=())
    result = store.add_article(fewer, update=True)
    assert result == first.__class__(first.id, first.hash, "updated")
    stored = store.get_article(first.id)
    assert stored is not None
    assert stored.article.mentions == fewer.mentions
    assert stored.article.events == ()
    rahmon = store.get_entity("person:emomali-rahmon")
    assert rahmon is not None and (rahmon.articles, rahmon.mentions) == (0, 0)
    other = store.get_entity("person:other")
    assert other is not None and (other.articles, other.mentions) == (1, 1)
    assert [h.summary.id for h in store.search("مکرون").hits] == [first.id]


def test_update_moves_an_article_in_time(store: Store) -> None:
    first = store.add_article(plain("خبر قدیمی", published_at=datetime(2020, 1, 1, tzinfo=UTC)))
    store.add_article(plain("خبر میانی", published_at=datetime(2021, 1, 1, tzinfo=UTC)))
    later = plain("خبر قدیمی", published_at=datetime(2022, 1, 1, tzinfo=UTC))
    store.add_article(later, update=True)
    assert [a.id for a in store.list_articles()][0] == first.id
    assert [h.summary.id for h in store.search("خبر").hits][0] == first.id


def test_text_no_database_stores_keeps_its_length(store: Store) -> None:
    text = "خبر\x00با نویسه\ud800 ناجور"
    result = store.add_article(plain(text, title="عنوان\x00", source="s\x00"))
    stored = store.get_article(result.id)
    assert stored is not None
    assert stored.article.text == text.replace("\x00", "\ufffd").replace("\ud800", "\ufffd")
    assert stored.article.title == "عنوان\ufffd"
    assert [h.summary.id for h in store.search("ناجور").hits] == [result.id]


def test_articles_of_the_same_second_all_get_a_place(store: Store) -> None:
    moment = datetime(2021, 5, 5, 12, 0, tzinfo=UTC)
    ids = [store.add_article(plain(f"خبر شماره {n}", published_at=moment)).id for n in range(5)]
    assert [a.id for a in store.list_articles()] == ids[::-1]
    assert [h.summary.id for h in store.search("خبر").hits] == ids[::-1]


def test_feed_state_survives_reopening(store_url: str) -> None:
    with open_store(store_url) as store:
        assert not store.seen("guid-1")
        assert store.get_http_cache("https://feed.example/rss") is None
        store.mark_seen("guid-1", {"feed": "example", "url": "https://x.example/1"})
        store.set_http_cache("https://feed.example/rss", '"abc"', "Wed, 13 Oct 2021 10:00:00 GMT")
    with open_store(store_url) as store:
        assert store.seen("guid-1")
        assert not store.seen("guid-2")
        assert store.get_http_cache("https://feed.example/rss") == (
            '"abc"',
            "Wed, 13 Oct 2021 10:00:00 GMT",
        )
        store.set_http_cache("https://feed.example/rss", None, "Thu, 14 Oct 2021 10:00:00 GMT")
        assert store.get_http_cache("https://feed.example/rss") == (
            None,
            "Thu, 14 Oct 2021 10:00:00 GMT",
        )
        assert store.stats()["seen_items"] == 1


def test_stories_gather_articles(store: Store) -> None:
    a = store.add_article(plain("خبر یک", published_at=datetime(2021, 1, 1, tzinfo=UTC))).id
    b = store.add_article(plain("خبر دو", published_at=datetime(2021, 1, 2, tzinfo=UTC))).id
    c = store.add_article(plain("خبر سه", published_at=datetime(2021, 1, 3, tzinfo=UTC))).id
    first = store.assign_story(a)
    assert store.assign_story(b, first) == first
    second = store.assign_story(c)
    assert store.story_of(b) == first and store.story_of(c) == second
    story = store.get_story(first)
    assert story is not None
    assert (story.articles, story.first_article, story.title) == (2, a, "")
    assert story.last_published == datetime(2021, 1, 2, tzinfo=UTC)
    assert [s.id for s in store.list_stories()] == [second, first]
    store.assign_story(b, second)  # moved: both stories are recounted
    assert [(s.id, s.articles) for s in store.list_stories()] == [(second, 2), (first, 1)]
    assert [s.id for s in store.list_stories(min_articles=2)] == [second]
    assert [x.id for x in store.list_articles(ArticleFilter(story=second))] == [c, b]
    with pytest.raises(StoreError, match="E057"):
        store.assign_story(a, 999)
    with pytest.raises(StoreError, match="E058"):
        store.assign_story(999)


def test_signatures_are_kept_for_story_grouping(store: Store) -> None:
    a = store.add_article(plain("خبر یک"), signature=b"\x00\x01sig-a").id
    b = store.add_article(plain("خبر دو")).id
    store.set_signature(b, b"sig-b")
    story = store.assign_story(b)
    store.set_signature(b, b"sig-b2")
    assert list(store.iter_signatures()) == [(a, None, b"\x00\x01sig-a"), (b, story, b"sig-b2")]


def test_an_index_built_by_another_folding_is_rebuilt(store_url: str) -> None:
    with open_store(store_url) as store:
        store.add_article(plain("رئیس‌جمهور گفت"))
        store.db.run("set_meta", {"key": "fold_version", "value": "0"})
        store.db.clear_index()
        assert store.search("رئیس جمهور").hits == ()
    with open_store(store_url) as store:
        assert len(store.search("رئیس جمهور").hits) == 1
        assert store.reindex() == 1


def test_the_vocabulary_forgets_nothing_a_rolled_back_write_added(store: Store) -> None:
    with pytest.raises(RuntimeError), store.db.transaction():
        store.add_article(plain("واژه‌ای نو"))
        raise RuntimeError("the caller gives up")
    assert store.known_terms(["واژهای", "نو"]) == set()
    store.add_article(plain("واژه‌ای نو دوباره"))
    assert store.known_terms(["واژهای", "نو"]) == {"واژهای", "نو"}
    assert len(store.search("واژه ای").hits) == 1  # the pieces find the joined word


def test_a_batch_that_is_written_again_keeps_its_vocabulary(store: Store) -> None:
    bad = plain("نادرست", mentions=(Mention(9, 2, "x", "PER", "doc:PER:x"),))
    list(store.add_articles([plain("نخستین"), bad, plain("دومین")]))
    assert store.known_terms(["نخستین", "دومین", "نادرست"]) == {"نخستین", "دومین"}
