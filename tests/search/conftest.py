"""Every search test that needs a store runs on SQLite and on PostgreSQL."""

from tests.store.conftest import store, store_url

__all__ = ["store", "store_url"]
