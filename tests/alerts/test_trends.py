"""The trend rule on its own, and on a store fed a stream of simulated days."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest

from rasad.alerts.trends import TrendRule, baseline, rise, trends
from rasad.store import Store, open_store
from tests.alerts.stream import FILLER, RISING, STEADY, stream
from tests.store.conftest import BACKENDS, new_store_url

LAST = date(2024, 3, 20)
RISE_ON = date(2024, 3, 18)


@pytest.mark.parametrize(
    ("count", "history", "rising"),
    [
        (9, [1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0, 1, 0], True),  # a quiet subject jumps
        (6, [5, 4, 6, 5, 4, 6, 5, 4, 6, 5, 4, 6, 5, 4], False),  # steady, on a high day
        (20, [10, 12, 9, 11, 10, 12, 9, 11, 10, 12, 9, 11, 10, 12], False),  # not twice the mean
        (40, [10, 12, 9, 11, 10, 12, 9, 11, 10, 12, 9, 11, 10, 12], True),
        (3, [0] * 14, False),  # too few articles to mean anything
        (4, [0] * 14, True),  # the minimum, from nothing
        (9, [0] * 6, False),  # six days of history are not enough
        (9, [0, 20, 0, 20, 0, 20, 0, 20], False),  # a subject that swings widely
    ],
)
def test_rule(count: int, history: list[int], rising: bool) -> None:
    assert (rise(count, history) is not None) == rising


def test_the_deviation_is_at_least_one() -> None:
    assert baseline([2, 2, 2]) == (2.0, 0.0)
    assert rise(8, [2] * 7) == pytest.approx(6.0)  # (8 - 2) / max(0, 1)


@pytest.fixture(scope="module", params=BACKENDS)
def streamed(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Store]:
    url = new_store_url(request.param, tmp_path_factory.mktemp("trends"))
    with open_store(url) as store:
        list(store.add_articles(stream(LAST, 20, RISE_ON)))
        yield store


def subjects(store: Store, day: date) -> set[str]:
    return {t.subject for t in trends(store, day)}


def test_a_rising_story_is_flagged_on_the_day_it_rises(streamed: Store) -> None:
    found = trends(streamed, RISE_ON)
    assert [t.subject for t in found] == [RISING[0]]
    t = found[0]
    assert (t.kind, t.name, t.name_en, t.day, t.articles) == (
        "entity",
        RISING[2],
        RISING[3],
        "2024-03-18",
        9,
    )
    assert t.mean == 0.5 and t.std == 0.5 and t.score == 8.5


def test_not_before_it_rises(streamed: Store) -> None:
    assert subjects(streamed, RISE_ON - timedelta(days=1)) == set()


def test_a_steady_story_is_never_flagged(streamed: Store) -> None:
    for n in range(8):
        day = LAST - timedelta(days=n)
        assert STEADY[0] not in subjects(streamed, day)
        assert "consult" not in subjects(streamed, day)  # its meetings are steady too
        assert FILLER[0] not in subjects(streamed, day)


def test_the_default_day_is_the_latest_with_articles(streamed: Store) -> None:
    assert trends(streamed, today=LAST + timedelta(days=30)) == trends(streamed, LAST)
    assert trends(streamed, today=RISE_ON)[0].subject == RISING[0]
    assert trends(streamed, today=date(2000, 1, 1)) == []


def test_without_enough_history_nothing_rises(streamed: Store) -> None:
    assert trends(streamed, RISE_ON, TrendRule(min_days=15)) == []  # 14 days hold at most 14
    assert trends(streamed, RISE_ON, TrendRule(window=5, min_days=5))
