"""Stores on SQLite and PostgreSQL, and delivery settings fast enough for tests."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from rasad.alerts.settings import AlertSettings
from rasad.store import Store, open_store
from tests.store.conftest import BACKENDS, new_store_url

# No waiting between retries, short timeouts.
FAST = AlertSettings(timeout=2.0, retry_delays=(0.0, 0.0), exit_wait=5.0)


@pytest.fixture(params=BACKENDS)
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    return new_store_url(request.param, tmp_path)


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    with open_store(store_url) as s:
        yield s
