"""Every store test runs on SQLite and on a real PostgreSQL server."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from rasad.store import Store, open_store
from tests.store.postgres_server import cluster

BACKENDS = ["sqlite", "postgresql"]


def new_store_url(backend: str, folder: Path) -> str:
    """A fresh, empty store of that backend."""
    if backend == "sqlite":
        return str(folder / "store.db")
    server = cluster()
    if server is None:
        pytest.skip("PostgreSQL is not installed: run scripts/system_deps.sh")
    return server.new_database()


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return new_store_url(request.param, tmp_path)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s
