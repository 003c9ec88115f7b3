"""Search a store: plan the query against the index's vocabulary, run it, mark the hits.

    results = store.search("رئیس جمهور", ArticleFilter(language="fa"), sort="relevance")
    for hit in results.hits:
        print(hit.summary.title, hit.snippet.html())

The query is cut into words and folded (`rasad.search.query`), the
candidate spellings of each word are looked up in the store's vocabulary
(two small lookups), and the resulting plan runs as one FTS5 or tsquery
expression with the filters in the same SQL statement. Highlights are
spans of the stored clean text; the page's titles and snippets are marked
in one pass (`rasad.search.highlight.page_marks`), a hit's `marks` over the
whole text only when asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rasad.search.crossscript import cross_script_plan
from rasad.search.highlight import Snippet, Span, highlights, page_marks
from rasad.search.query import Part, Plan, QueryError, candidates, parse
from rasad.store.backend import SearchQuery
from rasad.store.reader import page, summary_of
from rasad.store.records import ArticleFilter, ArticleSummary

if TYPE_CHECKING:
    from rasad.store.reader import Reader

SORTS = ("newest", "relevance")
MAX_OFFSET = 10_000


class Messages:
    E053 = "[E053] unknown sort {sort!r}: use newest or relevance"
    E054 = "[E054] offset {offset} is past the last page searched ({limit}); narrow the query"


@dataclass(frozen=True)
class SearchHit:
    summary: ArticleSummary
    score: float  # higher is better; 0 when sorted newest first
    title_marks: tuple[Span, ...]  # spans of summary.title
    snippet: Snippet  # of the clean text, offsets into it
    text: str = field(default="", repr=False, compare=False)  # the clean text
    plan: Plan = field(default=Plan(()), repr=False, compare=False)

    @property
    def marks(self) -> tuple[Span, ...]:
        """Every match in the clean text: computed on demand (a result list needs the snippet only)."""
        return tuple(highlights(self.text, self.plan))


@dataclass(frozen=True, slots=True)
class SearchResults:
    query: str
    plan: Plan
    sort: str
    offset: int
    hits: tuple[SearchHit, ...]
    has_more: bool  # another page follows

    def expansions(self) -> list[list[str]]:
        """Per query unit, the spellings searched for (phrases joined by spaces)."""
        return [[" ".join(alt) for alt in unit] for unit in self.plan.units]


def known_terms(store: Reader, parts: list[Part]) -> set[str]:
    """The candidate spellings of the query that the index holds, in two small rounds."""
    first = candidates(parts)
    known = store.known_terms(first)
    more = candidates(parts, known) - first
    if more:
        known |= store.known_terms(more)
    return known


def search(
    store: Reader,
    query: str,
    filters: ArticleFilter | None = None,
    sort: str = "newest",
    limit: int = 20,
    offset: int = 0,
    snippets: bool = True,
) -> SearchResults:
    """One page of articles matching `query` and `filters`; raises `QueryError` for bad input.

    `sort` is `newest` (the article's time, published else ingested) or
    `relevance` (BM25 on SQLite, ts_rank on PostgreSQL, the title weighing
    more), which ranks the newest 10,000 matches: a word found in most
    articles is not scored in every one of them.
    """
    if sort not in SORTS:
        raise QueryError(Messages.E053.format(sort=sort))
    paging = page(limit, offset)
    if paging["offset"] > MAX_OFFSET:
        raise QueryError(Messages.E054.format(offset=paging["offset"], limit=MAX_OFFSET))
    parts = parse(query)
    # Cyrillic words are also searched in Persian script (rasad.search.crossscript).
    the_plan = cross_script_plan(parts, lambda found: known_terms(store, found))
    condition = store.article_filter(filters or ArticleFilter())
    if the_plan.empty or condition is None:
        return SearchResults(query, the_plan, sort, paging["offset"], (), False)
    where, params = condition
    request = SearchQuery(
        plan=the_plan,
        where=where,
        params=params,
        ranked=sort == "relevance",
        limit=paging["limit"] + 1,
        offset=paging["offset"],
    )
    found = store.db.search(request)
    has_more = len(found) > paging["limit"]
    found = found[: paging["limit"]]
    by_id = {int(r["id"]): r for r in store.db.rows("summaries", {"ids": [i for i, _ in found]})}
    rows = [by_id[article_id] for article_id, _ in found]
    summaries = [summary_of(row) for row in rows]
    no_marks: tuple[list[Span], Snippet] = ([], Snippet(0, 0, "", ()))
    marks = (
        page_marks([s.title for s in summaries], [row["text"] for row in rows], the_plan)
        if snippets
        else [no_marks] * len(rows)
    )
    hits = [
        SearchHit(
            summary=summary,
            score=score,
            title_marks=tuple(title_marks),
            snippet=snip,
            text=row["text"],
            plan=the_plan,
        )
        for (_, score), row, summary, (title_marks, snip) in zip(
            found, rows, summaries, marks, strict=True
        )
    ]
    return SearchResults(query, the_plan, sort, paging["offset"], tuple(hits), has_more)
