"""The dashboard's own reads agree with the store's where both exist."""

from __future__ import annotations

from datetime import date

import pytest

from rasad.api import queries
from rasad.store import Store
from rasad.store.records import EventFilter


@pytest.mark.parametrize(
    "filters",
    [
        EventFilter(actor="person:abbas-araghchi"),
        EventFilter(actor="person:abbas-araghchi", type="consult"),
        EventFilter(target="country:IR"),
        EventFilter(place="city:muscat"),
        EventFilter(actor="person:emomali-rahmon", target="person:emmanuel-macron"),
        EventFilter(actor="person:emomali-rahmon", date_from=date(2022, 1, 1)),
        EventFilter(actor="person:nobody"),
        EventFilter(type="statement"),
    ],
)
def test_events_match_the_store(store: Store, filters: EventFilter) -> None:
    ours = [(r.article_id, r.idx) for r in queries.events(store, filters, 200)]
    theirs = [(r.article_id, r.idx) for r in store.events(filters, 200)]
    assert sorted(ours) == sorted(theirs)
    assert [r.day for r in queries.events(store, filters, 200)] == sorted(
        (r.day for r in store.events(filters, 200)), reverse=True
    )


def test_events_are_paged(store: Store) -> None:
    f = EventFilter(actor="person:emomali-rahmon")
    every = [(r.article_id, r.idx) for r in queries.events(store, f, 200)]
    pages = [
        (r.article_id, r.idx)
        for o in range(0, len(every), 3)
        for r in queries.events(store, f, 3, o)
    ]
    assert pages == every


def test_alongside_agrees_with_cooccurring(store: Store) -> None:
    ours = {c.entity.id: c.n for c in queries.alongside(store, "person:emomali-rahmon", 100)}
    theirs = {
        c.entity.id: c.articles
        for c in store.cooccurring("person:emomali-rahmon", 100)
        if c.entity.label != "DATE"
    }
    assert ours == theirs
