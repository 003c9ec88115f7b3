"""One entity, both presses: a Persian and a Tajik article about the same person and city."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from rasad.api import Settings, create_app
from rasad.model import Article
from rasad.pipeline.steps import analysis_pipeline
from rasad.store import open_store
from tests.api.conftest import KEY, LOCAL

PERSIAN = "امامعلی رحمان، رئیس‌جمهور تاجیکستان، روز چهارشنبه در دوشنبه با ولادیمیر پوتین دیدار کرد."
TAJIK = (
    "Эмомалӣ Раҳмон, президенти Тоҷикистон, рӯзи чоршанбе дар Душанбе бо Владимир Путин"
    " дидор кард.\nОқои Раҳмон гуфт, ки ҳамкорӣ идома хоҳад ёфт."
)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    path: Path = tmp_path_factory.mktemp("tajik") / "store.db"
    published = datetime(2024, 4, 25, 10, tzinfo=UTC)
    articles = [
        Article.from_raw(PERSIAN, title="دیدار رحمان و پوتین", source="radiofarda"),
        Article.from_raw(TAJIK, title="Дидори Раҳмон ва Путин", source="ozodi"),
    ]
    analyzed = analysis_pipeline().run([a.evolve(published_at=published) for a in articles], 0, 1)
    with open_store(str(path)) as store:
        assert [r.status for r in store.add_articles(analyzed)] == ["new", "new"]
        with TestClient(create_app(store, Settings(api_key=KEY)), client=LOCAL) as c:
            yield c


@pytest.mark.parametrize("entity_id", ["person:emomali-rahmon", "city:dushanbe"])
def test_one_entity_lists_both_presses(client: TestClient, entity_id: str) -> None:
    body = client.get(f"/api/entities/{entity_id}").json()
    assert body["articles"] == 2
    listed = client.get("/api/articles", params={"entity": entity_id}).json()["items"]
    assert sorted(a["language"] for a in listed) == ["fa", "tg"]


def test_the_entity_is_written_in_both_scripts(client: TestClient) -> None:
    body = client.get("/api/entities/person:emomali-rahmon").json()
    written = {w["name"] for w in body["written_as"]}
    assert {"امامعلی رحمان", "Эмомалӣ Раҳмон", "Раҳмон"} <= written
    page = client.get("/entities/person:emomali-rahmon")
    assert page.status_code == 200
    assert "Эмомалӣ Раҳмон" in page.text and "امامعلی رحمان" in page.text


def test_a_persian_query_finds_the_tajik_article(client: TestClient) -> None:
    found = client.get("/api/search", params={"q": "دوشنبه"}).json()["items"]
    assert sorted(h["article"]["language"] for h in found) == ["fa", "tg"]
    found = client.get("/api/search", params={"q": "Душанбе"}).json()["items"]
    assert sorted(h["article"]["language"] for h in found) == ["fa", "tg"]
