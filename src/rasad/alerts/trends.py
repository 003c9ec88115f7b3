"""Rising subjects: entities, places and event types named far more often than usual.

The rule, per subject and day D (a subject is an entity, a place or an
event type; its count on a day is how many articles of that day name it,
or hold an event of that type that is not negated):

- the baseline is the subject's counts on the *active* days among the
  `window` days before D (14 by default): days on which the store holds any
  article at all, so a day the feeds were down does not pull the mean down;
  a subject absent on an active day counts 0 there;
- there must be at least `min_days` active days (7) in the window, else no
  subject is rising on D: without a history nothing can stand out from it;
- the subject is rising when its count on D is at least `min_count` (4),
  at least `ratio` (2) times the baseline mean, and at least `z` (3)
  standard deviations above it, the deviation taken as at least 1 so that
  a flat baseline does not make one extra article significant.

Its score is that number of deviations above the mean. The rule is EMM's
idea of breaking news, a story whose article count grows fast compared with
its own past, on daily counts: a steady story named every day, however
often, does not rise; one that doubles and leaves its usual range does.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rasad.alerts.watchlists import is_place
from rasad.store.alerts import SUBJECT_KINDS


@dataclass(frozen=True, slots=True)
class TrendRule:
    window: int = 14  # days of baseline before the day looked at
    min_days: int = 7  # active days the baseline needs
    min_count: int = 4  # articles on the day, at least
    ratio: float = 2.0  # times the baseline mean, at least
    z: float = 3.0  # standard deviations above the mean, at least


DEFAULT_RULE = TrendRule()


@dataclass(frozen=True, slots=True)
class Trend:
    """A subject rising on `day`: its count there against its baseline's mean and deviation."""

    kind: str  # entity | place | event
    subject: str  # an entity id or an event type
    name: str
    name_en: str
    day: str
    articles: int
    mean: float
    std: float
    score: float


def baseline(counts: Sequence[int]) -> tuple[float, float]:
    """Mean and (population) standard deviation of the baseline counts."""
    if not counts:
        return 0.0, 0.0
    mean = sum(counts) / len(counts)
    return mean, math.sqrt(sum((c - mean) ** 2 for c in counts) / len(counts))


def rise(count: int, history: Sequence[int], rule: TrendRule = DEFAULT_RULE) -> float | None:
    """How many deviations `count` stands above `history`, if that is a rise by the rule."""
    if len(history) < rule.min_days or count < rule.min_count:
        return None
    mean, std = baseline(history)
    score = (count - mean) / max(std, 1.0)
    if count < rule.ratio * mean or score < rule.z:
        return None
    return score


def window_of(day: date, rule: TrendRule) -> tuple[date, date]:
    """The first and last day of the baseline before `day`."""
    return day - timedelta(days=rule.window), day - timedelta(days=1)


def active_days(store: Any, day: date, rule: TrendRule = DEFAULT_RULE) -> list[str]:
    """The days of the baseline window before `day` that hold any article, in order."""
    return sorted(store.active_days(*window_of(day, rule)))


def rising(
    store: Any,
    day: date,
    candidates: dict[str, dict[str, int]],
    rule: TrendRule = DEFAULT_RULE,
    active: Sequence[str] | None = None,
) -> list[Trend]:
    """Of the candidates (`{"entity": {id: count on day}, "event": {type: count}}`), the rising.

    Entity candidates are split into entities and places by their label.
    `active` are the active days of the window when the caller knows them.
    """
    first, last = window_of(day, rule)
    if active is None:
        active = active_days(store, day, rule)
    if len(active) < rule.min_days:
        return []
    found: list[Trend] = []
    names = store.entity_labels(list(candidates.get("entity", {})))
    for kind, counts in candidates.items():
        wanted = {s: n for s, n in counts.items() if n >= rule.min_count}
        if not wanted:
            continue
        history: dict[str, dict[str, int]] = {s: {} for s in wanted}
        for row in store.subject_days(kind, list(wanted), first, last):
            history[row.subject][row.day] = row.articles
        for subject, n in wanted.items():
            past = [history[subject].get(d, 0) for d in active]
            score = rise(n, past, rule)
            if score is None:
                continue
            mean, std = baseline(past)
            found.append(_trend(kind, subject, names, day, n, mean, std, score))
    found.sort(key=lambda t: (-t.score, -t.articles, t.subject))
    return found


def _trend(
    kind: str,
    subject: str,
    names: dict[str, Any],
    day: date,
    n: int,
    mean: float,
    std: float,
    score: float,
) -> Trend:
    row = names.get(subject)
    if kind == "entity" and is_place(subject, row["label"] if row else ""):
        kind = "place"
    return Trend(
        kind=kind,
        subject=subject,
        name=row["name"] if row else subject,
        name_en=row["name_en"] if row else "",
        day=day.isoformat(),
        articles=n,
        mean=round(mean, 2),
        std=round(std, 2),
        score=round(score, 2),
    )


def trends(
    store: Any,
    day: date | None = None,
    rule: TrendRule = DEFAULT_RULE,
    today: date | None = None,
    limit: int = 20,
    kinds: Sequence[str] = SUBJECT_KINDS,
) -> list[Trend]:
    """Subjects rising on `day` (by default the latest day with articles, up to today)."""
    if day is None:
        day = store.latest_day(today or date.today())
        if day is None:
            return []
    found = rising(store, day, store.busy_subjects(day, rule.min_count), rule)
    return [t for t in found if t.kind in kinds][:limit]


def trend_key(watchlist_id: int, trend: Trend) -> str:
    """The alert key of a trend: once per watchlist, subject and day."""
    return f"{watchlist_id}:trend:{trend.kind}:{trend.subject}:{trend.day}"
