"""The fixture store and an in-process client for the API tests."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

# Starlette's TestClient prefers httpx2; httpx still works and is what rasad pins.
warnings.filterwarnings("ignore", message=".*httpx2.*")

from fastapi.testclient import TestClient  # noqa: E402

from rasad.api import Settings, create_app  # noqa: E402
from rasad.store import Store, open_store  # noqa: E402
from tests.api.fixture_db import shared  # noqa: E402

KEY = "test-key-0123456789"
LOCAL = ("127.0.0.1", 50000)


@pytest.fixture(scope="session")
def fixture_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return shared(tmp_path_factory.getbasetemp())


@pytest.fixture(scope="session")
def store(fixture_db: Path) -> Iterator[Store]:
    with open_store(str(fixture_db)) as s:
        yield s


@pytest.fixture(scope="session")
def client(store: Store) -> Iterator[TestClient]:
    app = create_app(store, Settings(api_key=KEY))
    with TestClient(app, client=LOCAL) as c:
        yield c
