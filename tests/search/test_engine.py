"""Searching a store finds every spelling, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from rasad.model import Mention
from rasad.search.engine import known_terms
from rasad.search.query import QueryError, parse, plan
from rasad.store import ArticleFilter, Store
from rasad.store.backend import SearchQuery
from tests.store.articles import annotated, plain

Z = "\u200c"

# name: (text, fields)
CORPUS: dict[str, tuple[str, dict[str, object]]] = {
    "zwnj": (f"رئیس{Z}جمهور تاجیکستان به پاریس رفت.", {"source": "a"}),
    "space": ("رئیس جمهور فرانسه از کتاب‌های تازه گفت.", {"source": "b", "language": "fa"}),
    "joined": ("رئیسجمهور ایران در سال ۱۴۰۰ سخن گفت.", {"source": "a"}),
    "arabic": ("رئيس جمهور افغانستان و كتابها.", {"source": "b"}),
    "apart": ("رئیس دانشگاه گفت جمهور مردم تنها ماندند.", {"source": "a"}),
    "council": ("نشست شورای امنیت سازمان ملل در سال 1400.", {"source": "c", "language": "fa"}),
    "scattered": ("امنیت شهر و شورای شهر در ١٤٠٠.", {"source": "c"}),
    "english": ("The president of Tajikistan met the council.", {"source": "c", "language": "en"}),
}
PRESIDENT = {"zwnj", "space", "joined", "arabic"}


@pytest.fixture
def corpus(store: Store) -> dict[str, int]:
    ids = {}
    for n, (name, (text, fields)) in enumerate(CORPUS.items()):
        moment = datetime(2021, 10, 1 + n, tzinfo=UTC)
        ids[name] = store.add_article(plain(text, published_at=moment, **fields)).id
    return ids


def found(store: Store, query: str, **kwargs: object) -> list[int]:
    return [h.summary.id for h in store.search(query, limit=100, **kwargs).hits]


def names(ids: dict[str, int], result: list[int]) -> set[str]:
    by_id = {v: k for k, v in ids.items()}
    return {by_id[i] for i in result}


@pytest.mark.parametrize(
    "query",
    ["رئیس جمهور", f"رئیس{Z}جمهور", "رئیسجمهور", "رئيس جمهور", "رییس جمهور", '"رئیس جمهور"'],
)
def test_every_spelling_finds_every_spelling(
    store: Store, corpus: dict[str, int], query: str
) -> None:
    assert names(corpus, found(store, query)) == PRESIDENT


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("کتاب", {"space", "arabic"}),  # کتاب‌های, كتابها
        ("كتاب", {"space", "arabic"}),
        ("۱۴۰۰", {"joined", "council", "scattered"}),  # ۱۴۰۰, 1400, ١٤٠٠
        ("1400", {"joined", "council", "scattered"}),
        ("تن", set()),  # تنها is not a plural of تن
        ("president", {"english"}),
        ("PRESIDENT", {"english"}),
        ('"شورای امنیت"', {"council"}),  # a phrase: next to each other
        ("شورای امنیت", {"council", "scattered"}),  # words: anywhere
        ("رئیس جمهور تاجیکستان", {"zwnj"}),
        ("ناپیدا", set()),
    ],
)
def test_words_phrases_suffixes_and_digits(
    store: Store, corpus: dict[str, int], query: str, expected: set[str]
) -> None:
    assert names(corpus, found(store, query)) == expected


def test_newest_first_is_the_default(store: Store, corpus: dict[str, int]) -> None:
    assert found(store, "رئیس جمهور") == [corpus[n] for n in ("arabic", "joined", "space", "zwnj")]


def test_relevance_puts_the_title_first(store: Store) -> None:
    body = store.add_article(plain("خبری درباره سیل در شهر.", title="گزارش روز")).id
    title = store.add_article(
        plain("گزارشی کوتاه.", title="سیل", published_at=datetime(2000, 1, 1, tzinfo=UTC))
    ).id
    assert found(store, "سیل") == [body, title]
    ranked = store.search("سیل", sort="relevance").hits
    assert [h.summary.id for h in ranked] == [title, body]
    assert ranked[0].score > ranked[1].score > 0


def test_filters(store: Store, corpus: dict[str, int]) -> None:
    assert names(corpus, found(store, "رئیس جمهور", filters=ArticleFilter(source="b"))) == {
        "space",
        "arabic",
    }
    assert names(corpus, found(store, "رئیس جمهور", filters=ArticleFilter(language="fa"))) == {
        "space"
    }
    days = ArticleFilter(date_from=date(2021, 10, 2), date_to=date(2021, 10, 3))
    assert names(corpus, found(store, "رئیس جمهور", filters=days)) == {"space", "joined"}
    assert found(store, "رئیس جمهور", filters=ArticleFilter(source="nowhere")) == []
    story = store.assign_story(corpus["joined"])
    assert names(corpus, found(store, "رئیس جمهور", filters=ArticleFilter(story=story))) == {
        "joined"
    }


def test_entity_and_event_filters(store: Store) -> None:
    meeting = store.add_article(annotated()).id
    store.add_article(
        plain(
            "مکرون در برلین",
            mentions=(Mention(0, 5, "مکرون", "PER", "person:emmanuel-macron"),),
        )
    )
    macron = ArticleFilter(entity="person:emmanuel-macron")
    assert len(found(store, "مکرون", filters=macron)) == 2
    assert found(store, "مکرون", filters=ArticleFilter(event_type="MEET")) == [meeting]
    assert found(store, "مکرون", filters=ArticleFilter(entity="person:nobody")) == []


def test_pages(store: Store) -> None:
    ids = [store.add_article(plain(f"خبر شماره {n}")).id for n in range(5)]
    first = store.search("خبر", limit=2)
    assert [h.summary.id for h in first.hits] == ids[:-3:-1] and first.has_more
    last = store.search("خبر", limit=2, offset=4)
    assert [h.summary.id for h in last.hits] == [ids[0]] and not last.has_more
    with pytest.raises(QueryError, match="E054"):
        store.search("خبر", offset=10_001)
    with pytest.raises(QueryError, match="E053"):
        store.search("خبر", sort="oldest")


def test_highlights_are_on_the_original_text(store: Store, corpus: dict[str, int]) -> None:
    hits = {h.summary.id: h for h in store.search("رئیس جمهور").hits}
    for name, written in (
        ("zwnj", f"رئیس{Z}جمهور"),
        ("space", "رئیس جمهور"),
        ("joined", "رئیسجمهور"),
        ("arabic", "رئيس جمهور"),
    ):
        hit = hits[corpus[name]]
        text = CORPUS[name][0]
        assert [text[s:e] for s, e in hit.marks] == [written]
        assert [hit.snippet.text[s:e] for s, e in hit.snippet.marks] == [written]
    titled = store.add_article(plain("متن", title="کتاب‌های تازه")).id
    (hit,) = [h for h in store.search("کتاب").hits if h.summary.id == titled]
    assert hit.title_marks == ((0, 8),)


def test_results_say_how_the_query_was_expanded(store: Store, corpus: dict[str, int]) -> None:
    results = store.search("رئیس جمهور")
    assert results.expansions() == [["رییس جمهور", "رییسجمهور"]]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    query=st.one_of(
        st.text(max_size=200),
        st.sampled_from(['"', '""', "*", "NEAR(", "a OR", "^x", "-", "col:x", "\x00", "'", "\\"]),
        st.text(alphabet="ابپ \u200c\"'()*:^-ORANDNT", max_size=40),
    ),
    source=st.one_of(st.none(), st.text(max_size=10)),
)
def test_any_input_gives_results_or_a_clear_error(
    store: Store, query: str, source: str | None
) -> None:
    store.add_article(plain("رئیس‌جمهور گفت که کتاب‌ها OR AND NEAR را خواند"))
    try:
        results = store.search(query, ArticleFilter(source=source, language=source))
    except QueryError as e:
        assert str(e).startswith("[E05")
        return
    for hit in results.hits:
        assert all(0 <= s < e <= len(hit.snippet.text) for s, e in hit.snippet.marks)


def test_a_huge_query_is_refused_clearly(store: Store) -> None:
    with pytest.raises(QueryError, match="E051"):
        store.search("کتاب " * 5000)


def test_relevance_ranks_the_newest_matches(store: Store) -> None:
    best = store.add_article(
        plain("سیل و سیل و سیل", title="سیل", published_at=datetime(2000, 1, 1, tzinfo=UTC))
    ).id
    recent = [
        store.add_article(
            plain(
                f"خبر {n} درباره سیل و چیزهای دیگر",
                published_at=datetime(2021, 1, 1 + n, tzinfo=UTC),
            )
        ).id
        for n in range(3)
    ]
    parts = parse("سیل")
    the_plan = plan(parts, known_terms(store, parts))

    def ranked(window: int) -> list[int]:
        request = SearchQuery(the_plan, "", {}, ranked=True, limit=3, offset=0, window=window)
        return [i for i, _ in store.db.search(request)]

    assert ranked(10)[0] == best
    assert sorted(ranked(3)) == sorted(recent)  # the old article is outside the window
