"""Persian queries find Tajik articles and Cyrillic queries Persian ones, on both backends."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from rasad.model import Article
from rasad.search.crossscript import cross_script_plan, persian_part
from rasad.search.query import parse, plan
from rasad.store import Store
from rasad.store.transliterations import persian_spelling
from tests.store.articles import plain

# Tajik news sentences (as Tajik news writes them) and Persian ones.
CORPUS: dict[str, tuple[str, str]] = {
    "tg-dushanbe": ("Сӯҳроби Зиё аз шаҳри Душанбе гузориш медиҳад.", "tg"),
    "tg-rahmon": (
        "Эмомалӣ Раҳмон, президенти Тоҷикистон, бо Эммануэл Макрон дар Порис дидор кард.",
        "tg",
    ),
    "tg-rogun": ("Давлати Тоҷикистон сохтмони нерӯгоҳи Роғунро идома медиҳад.", "tg"),
    "fa-dushanbe": ("خبرنگار ما از شهر دوشنبه گزارش می‌دهد.", "fa"),
    "fa-rahmon": ("امامعلی رحمان، رئیس‌جمهور تاجیکستان، با امانوئل مکرون در پاریس دیدار کرد.", "fa"),
    "fa-kabul": ("طالبان در کابل نشست خبری برگزار کردند.", "fa"),
}


@pytest.fixture
def corpus(store: Store) -> dict[str, int]:
    ids = {}
    for n, (name, (text, language)) in enumerate(CORPUS.items()):
        moment = datetime(2021, 10, 1 + n, tzinfo=UTC)
        article = plain(text, published_at=moment, language=language, source=name)
        ids[name] = store.add_article(article).id
    return ids


def found(store: Store, ids: dict[str, int], query: str) -> set[str]:
    by_id = {v: k for k, v in ids.items()}
    return {by_id[h.summary.id] for h in store.search(query, limit=100).hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # Persian finds Tajik through the Persian spelling indexed beside it.
        ("دوشنبه", {"tg-dushanbe", "fa-dushanbe"}),
        ("رحمان", {"tg-rahmon", "fa-rahmon"}),
        ("امامعلی رحمان", {"tg-rahmon", "fa-rahmon"}),
        ('"امامعلی رحمان"', {"tg-rahmon", "fa-rahmon"}),
        ("گزارش", {"tg-dushanbe", "fa-dushanbe"}),
        ("تاجیکستان", {"tg-rahmon", "tg-rogun", "fa-rahmon"}),
        # Cyrillic finds Persian through its transliteration, and Tajik as typed.
        ("Душанбе", {"tg-dushanbe", "fa-dushanbe"}),
        ("душанбе", {"tg-dushanbe", "fa-dushanbe"}),
        ("Раҳмон", {"tg-rahmon", "fa-rahmon"}),
        ("Эмомалӣ Раҳмон", {"tg-rahmon", "fa-rahmon"}),
        ('"Эмомалӣ Раҳмон"', {"tg-rahmon", "fa-rahmon"}),
        ("Кобул", {"fa-kabul"}),
        ("Макрон", {"tg-rahmon", "fa-rahmon"}),
        # Both scripts in one query: every word must still occur.
        ("Раҳмон مکرون", {"tg-rahmon", "fa-rahmon"}),
        ("Раҳмон کابل", set()),
        # A word only Tajik text has is found there alone.
        ("нерӯгоҳи", {"tg-rogun"}),
    ],
)
def test_search_across_scripts(
    store: Store, corpus: dict[str, int], query: str, expected: set[str]
) -> None:
    assert found(store, corpus, query) == expected


def test_replacing_and_reindexing_keep_the_persian_spelling(
    store: Store, corpus: dict[str, int]
) -> None:
    text, _ = CORPUS["tg-dushanbe"]
    again = plain(text, language="tg", source="tg-dushanbe")
    assert store.add_article(again, update=True).status == "updated"
    assert found(store, corpus, "دوشنبه") == {"tg-dushanbe", "fa-dushanbe"}
    # Stored as another language, it loses its Persian spelling in the index.
    assert store.add_article(plain(text, language="ru"), update=True).status == "updated"
    assert found(store, corpus, "دوشنبه") == {"fa-dushanbe"}
    assert store.add_article(again, update=True).status == "updated"
    assert store.reindex() == len(CORPUS)
    assert found(store, corpus, "دوشنبه") == {"tg-dushanbe", "fa-dushanbe"}
    assert found(store, corpus, "Душанбе") == {"tg-dushanbe", "fa-dushanbe"}


def test_persian_spelling_is_for_tajik_articles_only() -> None:
    tajik = Article.from_raw("x", text="Шаҳри Душанбе", title="Душанбе", language="tg")
    spelling = persian_spelling(tajik)
    assert spelling is not None
    assert (spelling.title, spelling.text) == ("دوشنبه", "شهر دوشنبه")
    assert persian_spelling(tajik.evolve(language="ru")) is None
    assert persian_spelling(tajik.evolve(language="fa")) is None


@pytest.mark.parametrize(
    ("query", "persian"),
    [
        ("Душанбе", ["دوشنبه"]),
        ("Эмомалӣ Раҳмон", ["امامعلی", "رحمان"]),
        ("Раҳмон مکرون", ["رحمان", "مکرون"]),
    ],
)
def test_cyrillic_words_are_spelled_in_persian(query: str, persian: list[str]) -> None:
    (part,) = parse(query)
    spelled = persian_part(part)
    assert spelled is not None
    assert [w.written for w in spelled.words] == persian


def test_a_query_without_cyrillic_is_planned_as_before() -> None:
    parts = parse("رئیس جمهور تاجیکستان")
    known = {"رییس", "جمهور", "رییسجمهور", "تاجیکستان"}
    assert persian_part(parts[0]) is None
    assert cross_script_plan(parts, lambda _: known) == plan(parts, known)


def test_each_unit_gets_the_other_scripts_spelling() -> None:
    parts = parse("Душанбе Тоҷикистон")
    known = {"душанбе", "دوشنبه", "тоҷикистон", "تاجیکستان"}
    units = cross_script_plan(parts, lambda _: known).units
    assert units == ((("душанбе",), ("دوشنبه",)), (("тоҷикистон",), ("تاجیکستان",)))
