"""Article vectors: stored as float16 beside the index, embedded once, searched by cosine."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import numpy as np
import pytest

from rasad.search.vectors import (
    DIM,
    embed_missing,
    embed_query,
    from_blob,
    has_vectors,
    matrix,
    nearest,
    passage_text,
    to_blob,
)
from rasad.store import Store, open_store
from rasad.store.records import ArticleFilter
from tests.store.articles import plain
from tests.store.conftest import BACKENDS, new_store_url

ARTICLES = [
    (
        "دیدار رؤسای جمهور تاجیکستان و فرانسه",
        "امامعلی رحمان و امانوئل مکرون در کاخ الیزه پاریس دیدار و گفت‌وگو کردند.",
        "a",
    ),
    (
        "کاهش قیمت نفت",
        "قیمت نفت برنت در بازارهای جهانی به کمتر از بیست دلار در هر بشکه رسید.",
        "b",
    ),
    (
        "پیروزی تیم فوتبال",
        "تیم ملی فوتبال در بازی دیروز با دو گل حریف خود را شکست داد.",
        "b",
    ),
]


def fill(store: Store) -> list[int]:
    ids = []
    for n, (title, text, source) in enumerate(ARTICLES):
        moment = datetime(2021, 10, 1 + n, tzinfo=UTC)
        article = plain(f"{title}\n{text}", title=title, source=source, published_at=moment)
        ids.append(store.add_article(article).id)
    return ids


@pytest.mark.parametrize(
    ("title", "text", "chars", "expected"),
    [
        ("عنوان", "عنوان\nمتن خبر", 400, "عنوان\nمتن خبر"),
        ("عنوان", "متن خبر", 400, "عنوان\nمتن خبر"),
        ("", "متن خبر", 3, "متن"),
        ("عنوان", "", 400, "عنوان"),
    ],
)
def test_passage_text(title: str, text: str, chars: int, expected: str) -> None:
    assert passage_text(title, text, chars) == expected


def test_blob_round_trip() -> None:
    v = np.linspace(-1, 1, DIM, dtype=np.float32)
    blob = to_blob(v)
    assert len(blob) == 2 * DIM
    assert np.allclose(from_blob(blob), v, atol=1e-3)


@pytest.fixture(scope="module", params=BACKENDS)
def embedded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, list[int]]]:
    """A store of the articles above, embedded in batches of two, shared by read-only tests."""
    folder: Path = tmp_path_factory.mktemp("vectors")
    with open_store(new_store_url(request.param, folder)) as store:
        ids = fill(store)
        assert not has_vectors(store)
        assert embed_missing(store, batch=2) == 3
        yield store, ids


def test_embed_once_and_search(embedded: tuple[Store, list[int]]) -> None:
    store, ids = embedded
    assert embed_missing(store) == 0  # a rerun finds nothing to do
    assert has_vectors(store)
    found = nearest(store, embed_query("presidents of Tajikistan and France meet in Paris"), 3)
    assert [i for i, _ in found][0] == ids[0]
    assert found[0][1] > found[1][1] >= found[2][1]
    oil = nearest(store, embed_query("oil price falls"), 1)
    assert oil[0][0] == ids[1]


def test_filters_apply_to_vector_search(embedded: tuple[Store, list[int]]) -> None:
    store, ids = embedded
    condition = store.article_filter(ArticleFilter(source="b"))
    assert condition is not None
    where, params = condition
    found = nearest(store, embed_query("Tajikistan France"), 3, where, params)
    assert sorted(i for i, _ in found) == sorted(ids[1:])


def test_matrix_is_read_again_when_vectors_change(store: Store) -> None:
    fill(store)
    embed_missing(store, limit=1)
    assert len(matrix(store).ids) == 1
    assert matrix(store) is matrix(store)  # unchanged: the same matrix
    embed_missing(store)
    assert len(matrix(store).ids) == 3


def test_vectors_go_with_their_article(store: Store) -> None:
    ids = fill(store)
    embed_missing(store)
    store.db.run("DELETE FROM articles WHERE id = :id", {"id": ids[0]})
    assert sorted(matrix(store).ids.tolist()) == sorted(ids[1:])
