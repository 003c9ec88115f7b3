"""The web tests use the API tests' fixture store and client."""

from tests.api.conftest import client, fixture_db, store

__all__ = ["client", "fixture_db", "store"]
