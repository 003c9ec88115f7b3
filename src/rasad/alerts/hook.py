"""What happens to each new article: watchlists checked, alerts recorded, the sender woken.

`on_new_article` is the one call the collector makes (`rasad watch` and
`rasad ingest` both store through it). It never raises and never waits on
the network: it records alerts in the store, each with its pending
deliveries, and wakes a `Sender`, a background thread with its own
connection to the store that sends what is due and marks it sent. A
finishing process gives the sender `AlertSettings.exit_wait` seconds; what
is still pending then is sent by the next process that opens a hook on the
store.

Trend watchlists are checked for the subjects of each new article, for
articles of today or yesterday only: loading last year's archive raises
no alert about last year.
"""

from __future__ import annotations

import atexit
import logging
import threading
import time
import weakref
from collections.abc import Callable
from dataclasses import asdict
from datetime import date, timedelta
from typing import Any

from rasad.alerts.notify import deliver_due
from rasad.alerts.settings import AlertSettings, load_alert_settings
from rasad.alerts.trends import DEFAULT_RULE, Trend, TrendRule, active_days, rising, trend_key
from rasad.alerts.watchlists import Match, Subjects, match, subjects_of
from rasad.model import Article
from rasad.store.alerts import Watchlist
from rasad.store.backend import now_utc
from rasad.store.rows import effective_time

log = logging.getLogger("rasad.alerts")

SUMMARY_CHARS = 300
MAX_WAIT = 60.0  # seconds the sender sleeps at most before looking for due deliveries
GRACE = 30.0  # seconds the sender keeps looking for alerts still inside a transaction
POLL = 0.5  # seconds between those looks
ACTIVE_TTL = 300.0  # seconds the days that hold articles are known without asking again


def on_new_article(store: Any, article: Article, article_id: int) -> None:
    """Check a newly stored article against the store's watchlists; never raises."""
    try:
        hook_of(store).check(store, article, article_id)
    except Exception:  # an alert must never stop the articles coming in
        log.exception("alerts: article %s was stored but not checked", article_id)


def hook_of(store: Any, **options: Any) -> AlertHook:
    """The store's hook, made on first use (`options` go to `AlertHook` then)."""
    hook = _hooks.get(store)
    if hook is None:
        hook = _hooks[store] = AlertHook(store, **options)
    return hook


class AlertHook:
    """Records the alerts of new articles in a store and has them sent."""

    def __init__(
        self,
        store: Any,
        settings: AlertSettings | None = None,
        rule: TrendRule = DEFAULT_RULE,
        today: Callable[[], date] | None = None,
    ) -> None:
        self.settings = settings or load_alert_settings()
        self.rule = rule
        self.today = today or (lambda: now_utc().date())
        self.sender = Sender(store, self.settings)
        self._active: dict[date, tuple[float, list[str]]] = {}
        if store.next_delivery() is not None:  # left pending by an earlier process
            self.sender.wake()

    def check(self, store: Any, article: Article, article_id: int) -> list[int]:
        """Record the alerts this article raises; the ids of those not recorded before."""
        watchlists = store.watchlists()
        if not watchlists:
            return []
        day = effective_time(article.published_at, now_utc()).date()
        recorded = []
        for w in watchlists:
            if w.kind != "match":
                continue
            found = match(w, article)
            if found is not None:
                recorded.append(self._record_match(store, w, article, article_id, day, found))
        trend_lists = [w for w in watchlists if w.kind == "trend"]
        if trend_lists and day >= self.today() - timedelta(days=1):
            trends = self._trends(store, subjects_of(article), day)
            for w in trend_lists:
                for t in trends:
                    if watches(w, t):
                        recorded.append(_record_trend(store, w, t))
        ids = [i for i in recorded if i is not None]
        if ids and any(w.channels() for w in watchlists):
            # Inside the caller's transaction (a batch) the alerts are not
            # visible to the sender's connection until it commits.
            self.sender.wake(uncommitted=store.db.in_transaction())
        return ids

    def _record_match(
        self,
        store: Any,
        w: Watchlist,
        article: Article,
        article_id: int,
        day: date,
        found: Match,
    ) -> int | None:
        title = article.title or article.text[:80]
        lead = found.snippet or article.text[:SUMMARY_CHARS]
        summary = "\n".join([lead, *found.reasons()])
        published = article.published_at.isoformat() if article.published_at else None
        payload = {
            "kind": "match",
            "article": {
                "id": article_id,
                "title": article.title,
                "url": article.url,
                "source": article.source,
                "published_at": published,
                "language": article.language,
            },
            "matched": {
                "query": w.query,
                "entities": list(found.entities),
                "event_types": list(found.event_types),
                "places": list(found.places),
            },
        }
        key = f"{w.id}:article:{article_id}"
        return store.record_alert(w, key, day.isoformat(), title, summary, payload, article_id)

    def _trends(self, store: Any, subjects: Subjects, day: date) -> list[Trend]:
        """Which of the article's subjects are rising on its day."""
        candidates: dict[str, dict[str, int]] = {}
        for kind, ids in (
            ("entity", subjects.entities + subjects.places),
            ("event", subjects.event_types),
        ):
            rows = store.subject_days(kind, list(ids), day, day)
            candidates[kind] = {r.subject: r.articles for r in rows}
        return rising(store, day, candidates, self.rule, self._active_days(store, day))

    def _active_days(self, store: Any, day: date) -> list[str]:
        """The baseline's active days, looked up once per day and `ACTIVE_TTL` seconds."""
        found = self._active.get(day)
        if found is None or time.monotonic() - found[0] > ACTIVE_TTL:
            found = self._active[day] = (time.monotonic(), active_days(store, day, self.rule))
        return found[1]

    def close(self, timeout: float = 5.0) -> bool:
        """Send what is due and stop, waiting up to `timeout` seconds; whether it stopped."""
        return self.sender.finish(timeout)


def watches(w: Watchlist, trend: Trend) -> bool:
    """Whether a trend watchlist covers this subject (one that lists none covers all)."""
    if not (w.entities or w.places or w.event_types):
        return True
    if trend.kind == "event":
        return trend.subject in w.event_types
    return trend.subject in w.entities or trend.subject in w.places


def _record_trend(store: Any, w: Watchlist, t: Trend) -> int | None:
    name = t.name if not t.name_en or t.name_en == t.name else f"{t.name} ({t.name_en})"
    title = f"rising: {name}"
    summary = (
        f"{t.articles} articles on {t.day}; usually {t.mean:g} a day (± {t.std:g}),"
        f" {t.score:g} deviations above"
    )
    payload = {"kind": "trend", "trend": asdict(t)}
    return store.record_alert(w, trend_key(w.id, t), t.day, title, summary, payload)


class Sender:
    """A background thread that sends due deliveries, started when there is work.

    It opens its own connection to the store (an in-memory store is shared
    instead), so sending never holds up the writer, and it stops once
    nothing is pending. Alerts recorded inside the writer's transaction are
    not visible to it until the writer commits: after such a wake it keeps
    looking for `GRACE` seconds, or until the process finishes.
    """

    def __init__(self, store: Any, settings: AlertSettings) -> None:
        self.settings = settings
        in_memory = getattr(store.db, "path", None) == ":memory:"
        self.url = None if in_memory else store.db.url
        self._shared = weakref.ref(store) if in_memory else None
        self._lock = threading.Lock()
        self._wake = threading.Event()
        self._done = threading.Event()
        self._done.set()
        self._pending = False
        self._grace_until = 0.0
        self._closing = False
        self.used = False  # woken at least once
        self._thread: threading.Thread | None = None
        _senders.add(self)

    def wake(self, uncommitted: bool = False) -> None:
        """Look for due deliveries now (starting the thread if it is not running)."""
        with self._lock:
            self._pending = self.used = True
            if uncommitted:
                self._grace_until = time.monotonic() + GRACE
            self._wake.set()
            if self._thread is None:
                self._done.clear()
                self._thread = threading.Thread(target=self._run, name="rasad-alerts", daemon=True)
                self._thread.start()

    def drain(self, timeout: float) -> bool:
        """Wait up to `timeout` seconds for the thread to finish; whether it did."""
        return self._done.wait(timeout)

    def finish(self, timeout: float) -> bool:
        """Send what is due now that every writer has committed, then stop; whether it did."""
        with self._lock:
            self._closing = True
        if self.used:
            self.wake()
        return self.drain(timeout)

    def _open(self) -> tuple[Any, bool]:
        if self.url is None:
            assert self._shared is not None
            return self._shared(), False
        from rasad.store import open_store

        return open_store(self.url), True

    def _run(self) -> None:
        store, own, finished = None, False, False
        try:
            store, own = self._open()
            while store is not None and not finished:
                with self._lock:
                    self._pending = False
                    self._wake.clear()
                deliver_due(store, self.settings)
                due = store.next_delivery()
                with self._lock:
                    waiting = time.monotonic() < self._grace_until and not self._closing
                    # Decided under the lock: a wake from here on starts a new thread.
                    finished = due is None and not self._pending and not waiting
                    if finished:
                        self._thread = None
                if not finished:
                    wait = (due - now_utc()).total_seconds() if due is not None else MAX_WAIT
                    self._wake.wait(min(max(wait, 0.0), POLL if waiting else MAX_WAIT))
        except Exception:
            log.exception("alerts: sending stopped; pending alerts are sent on the next start")
        finally:
            if own and store is not None:
                store.close()
            with self._lock:
                if not finished:
                    self._thread = None
                if self._thread is None:
                    self._done.set()


_hooks: weakref.WeakKeyDictionary[Any, AlertHook] = weakref.WeakKeyDictionary()
_senders: weakref.WeakSet[Sender] = weakref.WeakSet()


@atexit.register
def _finish() -> None:
    """At exit, give deliveries under way their time (`exit_wait`) to finish."""
    for sender in list(_senders):
        sender.finish(sender.settings.exit_wait)
