"""What a watchlist asks for, and whether an article answers it.

A watchlist of kind `match` holds up to four criteria: a query, entity ids,
event types (or CAMEO codes) and places (entity ids). Every criterion given
must hold, and any one value of a criterion is enough: entities `[A, B]` and
event type `meet` is "A or B is named, and there is a meeting".

The query is matched the way `rasad search` matches it: the article's title
and text are folded into terms (`rasad.search.fold`) and the query's plan
(`rasad.search.query`) is built against those terms, so `رئیس جمهور`,
`رئیس‌جمهور` and `رئیسجمهور` meet, words must all occur and "quoted" words
must stand together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rasad.errors import RasadError
from rasad.model import Article, Event
from rasad.search.fold import terms_of
from rasad.search.highlight import snippet_of
from rasad.search.query import Plan, QueryError, parse, plan
from rasad.store.alerts import KINDS, Watchlist

PLACE_LABELS = frozenset({"LOC", "GPE", "FAC"})
PLACE_PREFIXES = ("city:", "country:", "loc:", "fac:", "province:")


class WatchlistError(RasadError):
    """A watchlist that cannot be saved; the message says why."""


class Messages:
    E122 = "[E122] a watchlist needs a query, an entity, an event type or a place"
    E123 = "[E123] unknown watchlist kind {kind!r}: use match or trend"
    E124 = "[E124] the webhook {url!r} is not an http:// or https:// address"
    E125 = "[E125] {address!r} is not an e-mail address"
    E126 = "[E126] a trend watchlist takes no query (it watches entities, places, event types)"


def check(
    kind: str,
    query: str,
    entities: Sequence[str],
    event_types: Sequence[str],
    places: Sequence[str],
    webhook: str,
    emails: Sequence[str],
) -> None:
    """Raise `WatchlistError` (or `QueryError`) for a watchlist that could never work."""
    if kind not in KINDS:
        raise WatchlistError(Messages.E123.format(kind=kind))
    if kind == "trend" and query.strip():
        raise WatchlistError(Messages.E126)
    if kind == "match" and not (query.strip() or entities or event_types or places):
        raise WatchlistError(Messages.E122)
    if query.strip():
        parse(query)  # raises QueryError for a query with no words, or too long
    if webhook and not webhook.lower().startswith(("http://", "https://")):
        raise WatchlistError(Messages.E124.format(url=webhook))
    for address in emails:
        local, _, domain = address.partition("@")
        if not local or not domain or any(c.isspace() for c in address):
            raise WatchlistError(Messages.E125.format(address=address))


@dataclass(frozen=True, slots=True)
class Match:
    """Why an article answers a watchlist: each criterion's matching values."""

    entities: tuple[str, ...] = ()
    event_types: tuple[str, ...] = ()
    places: tuple[str, ...] = ()
    snippet: str = ""  # the text around the query's first match

    def reasons(self) -> list[str]:
        out = []
        for name, values in (
            ("entities", self.entities),
            ("events", self.event_types),
            ("places", self.places),
        ):
            if values:
                out.append(f"{name}: {', '.join(values)}")
        return out


@dataclass(frozen=True, slots=True)
class Subjects:
    """What an article is about: entity ids by kind (places apart), event types."""

    entities: tuple[str, ...]
    places: tuple[str, ...]
    event_types: tuple[str, ...]


def is_place(entity_id: str, label: str) -> bool:
    return label in PLACE_LABELS or entity_id.startswith(PLACE_PREFIXES)


def subjects_of(article: Article) -> Subjects:
    """The entities and places the article names (dates left out) and its event types."""
    labels: dict[str, str] = {}
    for m in article.mentions:
        if m.entity_id and m.label != "DATE" and not m.entity_id.startswith("date:"):
            labels.setdefault(m.entity_id, m.label)
    for e in _asserted(article.events):
        for p in (*e.actors, *e.targets, *([e.place] if e.place else [])):
            if p.entity_id:
                labels.setdefault(p.entity_id, p.label)
    places = tuple(i for i, label in labels.items() if is_place(i, label))
    entities = tuple(i for i in labels if i not in places)
    types = tuple(dict.fromkeys(e.type for e in _asserted(article.events)))
    return Subjects(entities, places, types)


def _asserted(events: Sequence[Event]) -> list[Event]:
    """Events that are not negated: a meeting that did not happen is no meeting."""
    return [e for e in events if not e.negated]


def match(watchlist: Watchlist, article: Article) -> Match | None:
    """How the article answers the watchlist, or None when some criterion fails."""
    subjects = subjects_of(article)
    named = set(subjects.entities) | set(subjects.places)
    entities = tuple(i for i in watchlist.entities if i in named)
    if watchlist.entities and not entities:
        return None
    places = tuple(i for i in watchlist.places if i in _places_of(article) or i in named)
    if watchlist.places and not places:
        return None
    types = tuple(w for w in watchlist.event_types if _has_event(article.events, w))
    if watchlist.event_types and not types:
        return None
    snippet = ""
    if watchlist.query.strip():
        found = query_plan(watchlist.query, article.title, article.text)
        if found is None:
            return None
        snippet = snippet_of(article.text, found).text
    return Match(entities, types, places, snippet)


def _places_of(article: Article) -> set[str]:
    return {e.place.entity_id for e in _asserted(article.events) if e.place}


def _has_event(events: Sequence[Event], wanted: str) -> bool:
    """An asserted event of this type, or whose CAMEO code starts with these digits."""
    if wanted.isdigit():
        return any(e.code.startswith(wanted) for e in _asserted(events))
    return any(e.type == wanted for e in _asserted(events))


def query_plan(query: str, title: str, text: str) -> Plan | None:
    """The query's plan if the title or text holds every unit of it, else None."""
    try:
        parts = parse(query)
    except QueryError:
        return None
    title_terms, body_terms = terms_of(title), terms_of(text)
    known = set(title_terms) | set(body_terms)
    found = plan(parts, known)
    if found.empty:
        return None
    runs = (_Runs(title_terms), _Runs(body_terms))
    for unit in found.units:
        if not any(r.holds(alt) for alt in unit for r in runs):
            return None
    return found


class _Runs:
    """A sequence of terms that answers "does this run of terms stand in it?"."""

    def __init__(self, terms: list[str]) -> None:
        self.terms = terms
        self.at: dict[str, list[int]] = {}
        for i, t in enumerate(terms):
            self.at.setdefault(t, []).append(i)

    def holds(self, run: tuple[str, ...]) -> bool:
        starts = self.at.get(run[0], [])
        if len(run) == 1:
            return bool(starts)
        k = len(run)
        return any(tuple(self.terms[i : i + k]) == run for i in starts)
