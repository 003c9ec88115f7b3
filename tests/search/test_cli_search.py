"""`rasad search`: a readable page or one JSON document."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from typer.testing import CliRunner

from rasad.cli import app
from rasad.store import open_store
from tests.store.articles import plain

runner = CliRunner()
Z = "\u200c"


@pytest.fixture
def db(store_url: str) -> str:
    path = store_url
    with open_store(path) as store:
        for n, text in enumerate(["رئیس جمهور گفت.", f"رئیس{Z}جمهور رفت.", "خبر دیگر."]):
            moment = datetime(2021, 10, 1 + n, tzinfo=UTC)
            store.add_article(plain(text, title=f"عنوان {n}", source=f"s{n}", published_at=moment))
    return path


def test_search_json(db: str) -> None:
    result = runner.invoke(app, ["search", "رئیسجمهور", "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [h["id"] for h in data["hits"]] == [2, 1]
    hit = data["hits"][0]
    assert hit["snippet"]["text"][slice(*hit["snippet"]["marks"][0])] == f"رئیس{Z}جمهور"
    assert data["expansions"] == [["رییسجمهور", "رییس جمهور"]]
    assert data["has_more"] is False


def test_search_with_filters(db: str) -> None:
    args = [
        "search",
        "رئیس جمهور",
        "--db",
        db,
        "--json",
        "--from",
        "2021-10-01",
        "--to",
        "2021-10-01",
    ]
    assert [h["id"] for h in json.loads(runner.invoke(app, args).stdout)["hits"]] == [1]
    args = ["search", "رئیس جمهور", "--db", db, "--json", "--source", "s1", "--sort", "relevance"]
    assert [h["id"] for h in json.loads(runner.invoke(app, args).stdout)["hits"]] == [2]


def test_search_for_people(db: str) -> None:
    result = runner.invoke(app, ["search", "رئیس جمهور", "--db", db, "--limit", "1"])
    assert result.exit_code == 0
    assert "عنوان 1" in result.stdout and "more: --offset 1" in result.stdout
    none = runner.invoke(app, ["search", "ناپیدا", "--db", db])
    assert none.stdout.strip() == "no matches"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["***"], "[E050]"),
        (["x", "--sort", "oldest"], "[E053]"),
        (["x", "--from", "yesterday"], "[E020]"),
    ],
)
def test_search_errors_are_clear(db: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["search", *args, "--db", db])
    assert result.exit_code != 0
    assert message in result.output


def test_search_needs_an_existing_store(tmp_path: Path) -> None:
    result = runner.invoke(app, ["search", "x", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 1
    assert "[E055]" in result.stderr
    assert not (tmp_path / "missing.db").exists()
