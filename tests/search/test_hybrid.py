"""Keyword, vector and hybrid search, for English and Persian queries, in the CLI and the API."""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from rasad.search.engine import search
from rasad.search.hybrid import MODES, default_mode, find, fuse, ranked
from rasad.search.query import QueryError
from rasad.search.vectors import embed_missing
from rasad.store import Store, open_store
from tests.store.articles import plain
from tests.store.conftest import BACKENDS, new_store_url

warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from rasad.api import Settings, create_app  # noqa: E402

TAJIK = (
    "امامعلی رحمان، رئیس‌جمهور تاجیکستان، و امانوئل مکرون، رئیس‌جمهور فرانسه، روز چهارشنبه"
    " پس از دیدار و گفت‌وگو در کاخ الیزه پاریس به رسانه‌ها گفتند که درباره امنیت آسیای میانه"
    " گفت‌وگو کرده‌اند."
)
ARTICLES = [
    ("رحمان در پاریس", TAJIK),
    ("سفر مکرون", "امانوئل مکرون، رئیس‌جمهور فرانسه، برای سفری دو روزه وارد برلین شد."),
    ("قیمت نفت", "قیمت نفت برنت در بازارهای جهانی به کمتر از بیست دلار در هر بشکه رسید."),
    ("اعتراض کارگران", "کارگران کارخانه در اعتراض به حقوق معوق مقابل استانداری تجمع کردند."),
]


def fill(store: Store) -> list[int]:
    ids = []
    for n, (title, text) in enumerate(ARTICLES):
        moment = datetime(2021, 10, 1 + n, tzinfo=UTC)
        article = plain(f"{title}\n{text}", title=title, source="s", published_at=moment)
        ids.append(store.add_article(article).id)
    return ids


@pytest.fixture(scope="module", params=BACKENDS)
def embedded(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Store, list[int]]]:
    """A store of the articles above with their vectors, shared by the tests that only read."""
    folder: Path = tmp_path_factory.mktemp("hybrid")
    with open_store(new_store_url(request.param, folder)) as store:
        ids = fill(store)
        embed_missing(store)
        yield store, ids


@pytest.mark.parametrize(
    ("lists", "weights", "k", "expected"),
    [
        ([[(1, 0.0), (2, 0.0)], [(2, 0.0), (3, 0.0)]], None, 60.0, [2, 1, 3]),
        ([[(1, 0.0)], [(2, 0.0)]], [1.0, 2.0], 60.0, [2, 1]),
        ([[(1, 0.0), (2, 0.0)], []], None, 10.0, [1, 2]),
        ([[], []], None, 60.0, []),
    ],
)
def test_fuse(
    lists: list[list[tuple[int, float]]], weights: list[float] | None, k: float, expected: list[int]
) -> None:
    assert [i for i, _ in fuse(lists, weights, k)] == expected


def test_fused_score_is_the_sum_of_reciprocal_ranks() -> None:
    assert fuse([[(7, 0.0)], [(8, 0.0), (7, 0.0)]], k=1.0) == [(7, 1 / 2 + 1 / 3), (8, 1 / 2)]


def test_english_keyword_ranks_by_concepts_matched(store: Store) -> None:
    ids = fill(store)
    found, plan = ranked(store, "Rahmon Macron meeting", mode="keyword")
    assert [i for i, _ in found][:2] == [ids[0], ids[1]]
    assert ids[2] not in [i for i, _ in found]
    assert plan.units  # the Persian spellings searched, for highlights


def test_default_mode(store: Store, embedded: tuple[Store, list[int]]) -> None:
    fill(store)
    assert default_mode(store, "Rahmon Macron meeting") == "keyword"  # no vectors
    with_vectors, _ = embedded
    assert default_mode(with_vectors, "Rahmon Macron meeting") == "hybrid"
    assert default_mode(with_vectors, "رئیس جمهور") == "keyword"


def test_hybrid_finds_by_meaning(embedded: tuple[Store, list[int]]) -> None:
    store, ids = embedded
    results = find(store, "Rahmon Macron meeting")
    assert results.hits[0].summary.id == ids[0]
    assert results.sort == "relevance"
    hit = results.hits[0]
    assert hit.snippet.text[slice(*hit.snippet.marks[0])] in TAJIK
    # No Persian word for this; the vectors still find the workers' protest.
    vector = find(store, "factory workers demonstrate over unpaid wages", mode="vector", limit=1)
    assert [h.summary.id for h in vector.hits] == [ids[3]]


def test_persian_keyword_is_the_engine_unchanged(embedded: tuple[Store, list[int]]) -> None:
    store, _ = embedded
    for sort in ("newest", "relevance"):
        ours = find(store, "مکرون", sort=sort)
        theirs = search(store, "مکرون", sort=sort)
        assert [h.summary.id for h in ours.hits] == [h.summary.id for h in theirs.hits]


def test_persian_hybrid(embedded: tuple[Store, list[int]]) -> None:
    store, ids = embedded
    results = find(store, "قیمت نفت", mode="hybrid")
    assert results.hits[0].summary.id == ids[2]


def test_paging(embedded: tuple[Store, list[int]]) -> None:
    store, _ = embedded
    first = find(store, "Macron", mode="vector", limit=2)
    second = find(store, "Macron", mode="vector", limit=2, offset=2)
    assert first.has_more and not second.has_more
    assert len({h.summary.id for h in first.hits + second.hits}) == 4


@pytest.mark.parametrize(
    ("mode", "code"),
    [("semantic", "E140"), ("vector", "E141"), ("hybrid", "E141")],
)
def test_mode_errors(store: Store, mode: str, code: str) -> None:
    fill(store)
    with pytest.raises(QueryError, match=code):
        ranked(store, "Macron", mode=mode)


def test_empty_query_is_refused(store: Store) -> None:
    with pytest.raises(QueryError, match="E050"):
        find(store, "  ", mode="keyword")


def test_cli_embed_and_search(store_url: str) -> None:
    with open_store(store_url) as store:
        ids = fill(store)
    runner = CliRunner()
    keyword = runner.invoke(app, ["search", "Rahmon Macron meeting", "--db", store_url, "--json"])
    assert keyword.exit_code == 0, keyword.output
    assert json.loads(keyword.stdout)["hits"][0]["id"] == ids[0]
    embedded = runner.invoke(app, ["embed", "--db", store_url])
    assert embedded.exit_code == 0, embedded.output
    assert "4 articles embedded" in embedded.output
    args = ["search", "oil price", "--db", store_url, "--json", "--mode", "vector", "--limit", "1"]
    vector = runner.invoke(app, args)
    assert [h["id"] for h in json.loads(vector.stdout)["hits"]] == [ids[2]]
    wrong = runner.invoke(app, ["search", "oil", "--db", store_url, "--mode", "semantic"])
    assert wrong.exit_code == 1 and "E140" in wrong.output


def test_api_search_in_english(embedded: tuple[Store, list[int]]) -> None:
    store, ids = embedded
    with TestClient(create_app(store, Settings()), client=("127.0.0.1", 50000)) as client:
        for mode in (*MODES, None):
            params = {"q": "Rahmon Macron meeting", **({"mode": mode} if mode else {})}
            response = client.get("/api/search", params=params)
            assert response.status_code == 200, response.text
            body = response.json()
            assert body["items"][0]["article"]["id"] == ids[0]
            assert body["sort"] == "relevance"
        assert client.get("/api/search", params={"q": "x", "mode": "semantic"}).status_code == 422


def test_a_capitalized_name_is_spelled_out_in_persian(store: Store) -> None:
    fill(store)
    extra = plain("میرسلیم و قالیباف نامزد ریاست مجلس شدند.", title="مجلس", source="s")
    new = store.add_article(extra).id
    found, plan = ranked(store, "Mirsalim and Ghalibaf", mode="keyword")
    assert [i for i, _ in found] == [new]
    assert ("میرسلیم",) in plan.units[0]
    assert ranked(store, "mirsalim", mode="keyword")[0] == []  # lower case: not taken for a name


def test_the_sample_article_is_found_in_english(tmp_path: Path) -> None:
    from tests.sample import SAMPLE

    db = str(tmp_path / "sample.db")
    runner = CliRunner()
    ingested = runner.invoke(app, ["ingest", str(SAMPLE), "--db", db, "--embed"])
    assert ingested.exit_code == 0, ingested.output
    assert "1 embedded" in ingested.output
    for mode in MODES:
        args = ["search", "Rahmon Macron meeting", "--db", db, "--json", "--mode", mode]
        found = runner.invoke(app, args)
        assert found.exit_code == 0, found.output
        assert [h["url"] for h in json.loads(found.stdout)["hits"]] == [str(SAMPLE)]
