"""Counting the network's pairs."""

from __future__ import annotations

from rasad.api import network as queries


def test_co_mentions() -> None:
    named = {1: ["a", "b", "c"], 2: ["b", "a"], 3: ["c"]}
    assert queries.co_mentions(named, {"a", "b", "c"}) == [
        (("a", "b"), 2),
        (("a", "c"), 1),
        (("b", "c"), 1),
    ]
    assert queries.co_mentions(named, {"a", "c"}) == [(("a", "c"), 1)]
