"""Store addresses: paths, sqlite:// URLs, postgresql:// URLs and mistakes."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from rasad.store import StoreError, open_store
from rasad.store.sqlite import SqliteBackend


@pytest.mark.parametrize(
    ("url", "path"),
    [
        ("rasad.db", "rasad.db"),
        ("sqlite:///rasad.db", "rasad.db"),
        ("sqlite:////tmp/x/rasad.db", "/tmp/x/rasad.db"),
        ("SQLITE:///data/r.db", "data/r.db"),
        ("sqlite://", ":memory:"),
        (":memory:", ":memory:"),
    ],
)
def test_sqlite_addresses(url: str, path: str, tmp_path: Path) -> None:
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        if path.startswith("/tmp/x"):
            path = str(tmp_path / "abs.db")
            url = "sqlite:///" + path
        with open_store(url) as store:
            assert isinstance(store.db, SqliteBackend)
            assert store.db.path == path
            assert store.backend == "sqlite"
    finally:
        os.chdir(old)


def test_a_new_sqlite_store_is_one_file_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "folder" / "rasad.db"
    with open_store(str(path)) as store:
        assert store.db.value("PRAGMA journal_mode") == "wal"
        assert store.db.value("PRAGMA foreign_keys") == 1
    assert path.exists()


def test_an_unknown_scheme_is_refused() -> None:
    with pytest.raises(StoreError, match=r"\[E059\]"):
        open_store("mysql://localhost/rasad")


def test_an_unreachable_server_is_a_clear_error() -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(StoreError, match=r"\[E055\]"):
        open_store(f"postgresql://rasad:secret@127.0.0.1:{port}/rasad?connect_timeout=2")


def test_the_password_stays_out_of_messages() -> None:
    with pytest.raises(StoreError) as caught:
        open_store("postgresql://rasad:hunter2@127.0.0.1:1/rasad?connect_timeout=2")
    assert "hunter2" not in str(caught.value)


def test_a_store_from_a_newer_rasad_is_refused(store_url: str) -> None:
    with open_store(store_url) as store:
        store.db.run(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'future', :now)",
            {"now": "2030-01-01T00:00:00+00:00"},
        )
    with pytest.raises(StoreError, match=r"\[E056\]"):
        open_store(store_url)
