"""Search in any mode: keyword, vector or both, for Persian and English queries.

    results = find(store, "Rahmon Macron meeting")          # English: hybrid
    results = find(store, "رئیس جمهور", sort="relevance")   # Persian: keyword, as before

Keyword search of an English query runs each of its concepts
(`rasad.search.english`) as its own unit of Persian spellings and ranks
articles by the weight of the concepts they match, then by reciprocal rank
within each concept: an article naming Rahmon and Macron and a meeting
comes before one naming Macron alone, and no concept the Persian text
lacks empties the list (as an AND would). A Persian query uses the
full-text engine unchanged.

Vector search ranks articles by the cosine of their stored vector and the
query's (`rasad.search.vectors`). Hybrid fuses the two lists by reciprocal
rank fusion (Cormack, Clarke and Büttcher, 2009): each article scores
sum(weight / (k + rank)) over the lists it appears in; `FUSION_K` and
`VECTOR_WEIGHT` were set on the development half of the cross-lingual
query set (bench/crosslingual.py), never on the half it reports.

Default mode: hybrid for a query in Latin script when the store has
vectors, else keyword.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from rasad.search.engine import SORTS, SearchHit, SearchResults, known_terms, search
from rasad.search.english import Concept, capitalized, is_latin, understand
from rasad.search.highlight import Snippet, highlights, snippet_of
from rasad.search.query import Alternative, Plan, QueryError, parse, plan
from rasad.search.romanized import spellings
from rasad.store.backend import SearchQuery
from rasad.store.reader import page, summary_of
from rasad.store.records import ArticleFilter

if TYPE_CHECKING:
    from rasad.store.reader import Reader

MODES = ("keyword", "vector", "hybrid")
FUSION_K = 5.0  # chosen on the development queries (bench/crosslingual.py --tune)
VECTOR_WEIGHT = 1.5
DEPTH = 100  # of each list, fused
UNIT_DEPTH = 1000  # matches read per concept of an English query
MAX_UNIT_ALTERNATIVES = 96
UNIT_K = 60.0  # ranks within a concept, below one concept's worth
NAME_SPELLINGS = 3  # Persian spellings searched for a romanized name

Ranked = list[tuple[int, float]]


class Messages:
    E140 = "[E140] unknown search mode {mode!r}: use keyword, vector or hybrid"
    E141 = "[E141] the store has no article vectors: run `rasad embed --db ...` first"


@dataclass(frozen=True)
class EnglishPlan:
    """An English query made Persian: one unit per concept, and the plan that highlights them."""

    concepts: tuple[Concept, ...]
    units: tuple[tuple[Alternative, ...], ...]  # parallel to concepts; empty: not in the index

    @property
    def highlight(self) -> Plan:
        return Plan(tuple(u for u in self.units if u))


def english_plan(store: Reader, query: str) -> EnglishPlan:
    """The concepts of `query` and, for each, the spellings the index holds.

    A capitalized word nothing else understood is taken for a name and also
    searched in the Persian spellings of it that the index holds
    (`rasad.search.romanized`).
    """
    names = capitalized(query)
    concepts = []
    for c in understand(query):
        if c.kind == "latin" and c.english in names:
            spelled = known_spellings(store, c.english)
            if spelled:
                c = replace(c, kind="name", persian=(*c.persian, *spelled))
        concepts.append(c)
    return EnglishPlan(tuple(concepts), tuple(concept_unit(store, c.persian) for c in concepts))


def known_spellings(store: Reader, word: str) -> tuple[str, ...]:
    """The first `NAME_SPELLINGS` Persian readings of a romanized name that the index holds."""
    readings = spellings(word)
    known = store.known_terms(readings) if readings else set()
    return tuple(r for r in readings if r in known)[:NAME_SPELLINGS]


def concept_unit(store: Reader, persian: Sequence[str]) -> tuple[Alternative, ...]:
    """One unit of alternatives for several Persian names or words (each a phrase)."""
    alternatives: list[Alternative] = []
    for text in persian:
        try:
            parts = parse(f'"{text}"')
        except QueryError:
            continue
        for unit in plan(parts, known_terms(store, parts)).units:
            alternatives += unit
    return tuple(dict.fromkeys(alternatives))[:MAX_UNIT_ALTERNATIVES]


def keyword_english(
    store: Reader, english: EnglishPlan, where: str, params: dict[str, Any], depth: int
) -> Ranked:
    """Articles by the weight of the concepts they match, then by rank within each."""
    scores: dict[int, float] = {}
    for concept, unit in zip(english.concepts, english.units, strict=True):
        if not unit:
            continue
        request = SearchQuery(Plan((unit,)), where, params, True, UNIT_DEPTH, 0)
        for rank, (article_id, _) in enumerate(store.db.search(request), 1):
            scores[article_id] = scores.get(article_id, 0.0) + concept.weight * (
                1.0 + 1.0 / (UNIT_K + rank)
            )
    return sorted(scores.items(), key=lambda kv: (-kv[1], -kv[0]))[:depth]


def keyword_persian(store: Reader, query: str, filters: ArticleFilter, depth: int) -> Ranked:
    found = search(store, query, filters, sort="relevance", limit=depth, snippets=False)
    return [(h.summary.id, h.score) for h in found.hits]


def vector_ranked(
    store: Reader, query: str, where: str, params: dict[str, Any], depth: int
) -> Ranked:
    from rasad.search.vectors import embed_query, nearest

    return nearest(store, embed_query(query), depth, where, params)


def fuse(
    lists: Sequence[Ranked], weights: Sequence[float] | None = None, k: float = FUSION_K
) -> Ranked:
    """Reciprocal rank fusion: sum of weight / (k + rank) over the lists, best first."""
    weights = weights or [1.0] * len(lists)
    scores: dict[int, float] = {}
    for ranked, weight in zip(lists, weights, strict=True):
        for rank, (article_id, _) in enumerate(ranked, 1):
            scores[article_id] = scores.get(article_id, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], -kv[0]))


def default_mode(store: Reader, query: str) -> str:
    from rasad.search.vectors import has_vectors

    return "hybrid" if is_latin(query) and has_vectors(store) else "keyword"


def ranked(
    store: Reader,
    query: str,
    filters: ArticleFilter | None = None,
    mode: str | None = None,
    depth: int = DEPTH,
) -> tuple[Ranked, Plan]:
    """(article id, score) best first, and the plan that marks the matches; raises `QueryError`."""
    filters = filters or ArticleFilter()
    mode = mode or default_mode(store, query)
    if mode not in MODES:
        raise QueryError(Messages.E140.format(mode=mode))
    parse(query)  # the same errors as keyword search for an empty or oversized query
    condition = store.article_filter(filters)
    if condition is None:
        return [], Plan(())
    where, params = condition
    english = is_latin(query)
    if english:
        the_plan = english_plan(store, query)
        highlight = the_plan.highlight
    else:
        parts = parse(query)
        highlight = plan(parts, known_terms(store, parts))
    keyword: Ranked = []
    if mode in ("keyword", "hybrid"):
        keyword = (
            keyword_english(store, the_plan, where, params, depth)
            if english
            else keyword_persian(store, query, filters, depth)
        )
        if mode == "keyword":
            return keyword, highlight
    from rasad.search.vectors import has_vectors

    if not has_vectors(store):
        raise QueryError(Messages.E141)
    vector = vector_ranked(store, query, where, params, depth)
    if mode == "vector":
        return vector, highlight
    return fuse([keyword, vector], [1.0, VECTOR_WEIGHT])[:depth], highlight


def find(
    store: Reader,
    query: str,
    filters: ArticleFilter | None = None,
    sort: str = "newest",
    limit: int = 20,
    offset: int = 0,
    snippets: bool = True,
    mode: str | None = None,
) -> SearchResults:
    """One page of results in `mode` (None: the default for the query), as `search` returns them.

    A Persian query in keyword mode is the full-text engine's search,
    sorted as asked; any other search ranks by relevance.
    """
    if sort not in SORTS:
        return search(store, query, filters, sort, limit, offset, snippets)  # raises E053
    chosen = mode or default_mode(store, query)
    if chosen == "keyword" and not is_latin(query):
        return search(store, query, filters, sort, limit, offset, snippets)
    paging = page(limit, offset)
    depth = max(DEPTH, paging["offset"] + paging["limit"] + 1)
    found, the_plan = ranked(store, query, filters, chosen, depth)
    window = found[paging["offset"] : paging["offset"] + paging["limit"]]
    has_more = len(found) > paging["offset"] + paging["limit"]
    rows = {int(r["id"]): r for r in store.db.rows("summaries", {"ids": [i for i, _ in window]})}
    hits = []
    for article_id, score in window:
        row = rows[article_id]
        summary = summary_of(row)
        hits.append(
            SearchHit(
                summary=summary,
                score=score,
                title_marks=tuple(highlights(summary.title, the_plan)) if snippets else (),
                snippet=snippet_of(row["text"], the_plan) if snippets else Snippet(0, 0, "", ()),
                text=row["text"],
                plan=the_plan,
            )
        )
    return SearchResults(query, the_plan, "relevance", paging["offset"], tuple(hits), has_more)
