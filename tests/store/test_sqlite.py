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


def test_switching_to_wal_waits_for_another_process_holding_the_file(tmp_path: Path) -> None:
    """`PRAGMA journal_mode = WAL` is retried while another connection holds the file."""
    import sqlite3
    import threading

    from rasad.store.sqlite import _wal

    path = tmp_path / "new.db"
    holder = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    threading.Timer(0.3, lambda: holder.execute("COMMIT")).start()
    waiter = sqlite3.connect(path, isolation_level=None, timeout=0)  # no busy handler at all
    _wal(waiter, patience=10)
    assert waiter.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    waiter.close()
    holder.close()
