"""The map's counts over a window of the latest articles."""

from __future__ import annotations

from rasad.api import places as queries
from rasad.store import Store


def test_map_window(store: Store) -> None:
    everything = queries.place_counts(store, "place", window=1000)
    latest = queries.place_counts(store, "place", window=1)
    assert everything.articles == 7 and latest.articles == 1
    assert sum(latest.countries.values()) <= sum(everything.countries.values())
