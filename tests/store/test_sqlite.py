"""What only the SQLite backend does: parameters, scripts, the FTS5 vocabulary."""

from __future__ import annotations

from pathlib import Path

from rasad.store import open_store
from rasad.store.sqlite import SqliteBackend, _statements
from tests.store.articles import plain


def test_list_parameters_become_json() -> None:
    sql = "SELECT x FROM t WHERE a = :a AND b IN :ids[int]"
    assert SqliteBackend.prepare(None, sql) == (
        "SELECT x FROM t WHERE a = :a AND b IN (SELECT value FROM json_each(:ids))"
    )


def test_scripts_are_cut_into_whole_statements() -> None:
    script = "CREATE TABLE a (x TEXT DEFAULT ';');\nINSERT INTO a VALUES ('1;2');\n\n"
    assert list(_statements(script)) == [
        "CREATE TABLE a (x TEXT DEFAULT ';');",
        "INSERT INTO a VALUES ('1;2');",
    ]


def test_the_vocabulary_counts_articles(tmp_path: Path) -> None:
    with open_store(str(tmp_path / "s.db")) as store:
        store.add_article(plain("کتاب کتاب‌ها"))
        store.add_article(plain("کتاب"))
        assert store.known_terms(["کتاب", "کتابها", "قلم"]) == {"کتاب", "کتابها"}
        sizes = store.sizes()
        assert 0 < sizes["index"] < sizes["store"]
