"""The network: who is linked to whom, by events and by being named together.

Drawn from a window of the latest articles (or the latest naming one
entity), so it costs the same at a hundred articles or a hundred thousand;
names and pairs are counted here from the window's rows.
"""

from __future__ import annotations

import itertools
from collections import Counter
from dataclasses import dataclass

from rasad.api.queries import EntityCount, entities_by_id, recent_with
from rasad.store import Store

_RECENT = (
    "SELECT id FROM articles WHERE search_key IS NOT NULL ORDER BY search_key DESC LIMIT :limit"
)
_NAMED_IN = "SELECT article_id, entity_id FROM article_entities WHERE article_id IN :ids[int]"
_EVENT_EDGES = (
    "SELECT p.entity_id AS source, q.entity_id AS target, e.type AS type, count(*) AS n"
    " FROM event_parties p"
    " JOIN event_parties q ON q.article_id = p.article_id AND q.event_idx = p.event_idx"
    " AND q.role = 'target'"
    " JOIN events e ON e.article_id = p.article_id AND e.idx = p.event_idx"
    " WHERE p.role = 'actor' AND p.article_id IN :ids[int]"
    " AND p.entity_id <> '' AND q.entity_id <> '' AND p.entity_id <> q.entity_id"
    " GROUP BY p.entity_id, q.entity_id, e.type ORDER BY n DESC LIMIT :limit"
)


@dataclass(frozen=True, slots=True)
class Edge:
    source: str
    target: str
    kind: str  # "event" or "mention"
    type: str  # the event type for an event edge
    n: int


@dataclass(frozen=True, slots=True)
class Network:
    nodes: tuple[EntityCount, ...]
    edges: tuple[Edge, ...]
    articles: int  # the window the network was drawn from


def network(
    store: Store,
    entity: str | None = None,
    window: int = 500,
    max_nodes: int = 40,
    max_edges: int = 300,
) -> Network:
    """Who is linked to whom in the latest `window` articles (those naming `entity`, if given).

    Nodes are the most-named entities there; edges are events from an actor
    to a target, and co-mentions (named in the same article) among the nodes.
    Names and pairs are counted here from the window's rows, so the cost
    follows the window, never the size of the store.
    """
    if entity:
        ids = recent_with(store, entity, window)
    else:
        ids = [int(r["id"]) for r in store.db.rows(_RECENT, {"limit": window})]
    if not ids:
        return Network((), (), 0)
    named: dict[int, list[str]] = {}
    for r in store.db.rows(_NAMED_IN, {"ids": ids}):
        if not str(r["entity_id"]).startswith("date:"):
            named.setdefault(int(r["article_id"]), []).append(r["entity_id"])
    mentions = Counter(i for names in named.values() for i in names)
    counted = dict(sorted(mentions.items(), key=lambda kv: (-kv[1], kv[0]))[:max_nodes])
    if entity and entity not in counted:
        counted[entity] = len(ids)
    event_rows = store.db.rows(_EVENT_EDGES, {"ids": ids, "limit": max_edges})
    for r in event_rows:  # an actor or target outside the top nodes still gets its node
        counted.setdefault(r["source"], 1)
        counted.setdefault(r["target"], 1)
    known = entities_by_id(store, sorted(counted))
    nodes = tuple(
        EntityCount(known[i], n)
        for i, n in sorted(counted.items(), key=lambda kv: (-kv[1], kv[0]))
        if i in known
    )
    edges = [
        Edge(r["source"], r["target"], "event", r["type"], int(r["n"]))
        for r in event_rows
        if r["source"] in known and r["target"] in known
    ]
    # Co-mentions join almost everything in a small window: keep the strongest,
    # about two per node, so the events stay readable.
    room = max(0, min(max_edges - len(edges), 2 * len(nodes)))
    edges += [Edge(a, b, "mention", "", n) for (a, b), n in co_mentions(named, set(known))[:room]]
    return Network(nodes, tuple(edges), len(ids))


def co_mentions(named: dict[int, list[str]], among: set[str]) -> list[tuple[tuple[str, str], int]]:
    """Pairs of `among` named in the same article, most articles first."""
    pairs: Counter[tuple[str, str]] = Counter()
    for names in named.values():
        present = sorted(set(names) & among)
        pairs.update(itertools.combinations(present, 2))
    return sorted(pairs.items(), key=lambda kv: (-kv[1], kv[0]))
