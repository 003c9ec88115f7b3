from collections.abc import Iterator

import pytest

from tests.ingest.server import Server


@pytest.fixture
def server() -> Iterator[Server]:
    with Server() as s:
        yield s
