"""Search results for people (a terminal) and for programs (JSON)."""

from __future__ import annotations

from typing import Any

from rasad.search.engine import SearchHit, SearchResults


def hit_json(hit: SearchHit) -> dict[str, Any]:
    s = hit.summary
    return {
        "id": s.id,
        "hash": s.hash,
        "title": s.title,
        "url": s.url,
        "source": s.source,
        "language": s.language,
        "published_at": s.published_at.isoformat() if s.published_at else None,
        "day": s.day,
        "story_id": s.story_id,
        "score": round(hit.score, 6),
        "title_marks": [list(m) for m in hit.title_marks],
        "snippet": {
            "start": hit.snippet.start,
            "end": hit.snippet.end,
            "text": hit.snippet.text,
            "marks": [list(m) for m in hit.snippet.marks],
        },
        "marks": [list(m) for m in hit.marks],
    }


def results_json(results: SearchResults) -> dict[str, Any]:
    """The page as one JSON document: marks are [start, end) offsets into the texts."""
    return {
        "query": results.query,
        "sort": results.sort,
        "offset": results.offset,
        "expansions": results.expansions(),
        "has_more": results.has_more,
        "hits": [hit_json(h) for h in results.hits],
    }


def print_results(results: SearchResults) -> None:
    """A readable page: one block per hit, matches highlighted."""
    from rich.console import Console
    from rich.text import Text

    console = Console(highlight=False)
    if not results.hits:
        console.print("no matches" if results.offset == 0 else "no more matches")
        return
    for n, hit in enumerate(results.hits, results.offset + 1):
        s = hit.summary
        head = Text(f"{n}. ", style="bold")
        title = Text(s.title or "(no title)", style="bold")
        for start, end in hit.title_marks:
            title.stylize("reverse", start, end)
        head.append(title)
        console.print(head)
        console.print(Text(f"   #{s.id} {s.day} {s.source} {s.url}".rstrip(), style="dim"))
        body = Text(hit.snippet.text.replace("\n", " "))
        for start, end in hit.snippet.marks:
            body.stylize("reverse", start, end)
        prefix = "…" if hit.snippet.start > 0 else ""
        console.print(Text("   " + prefix).append(body))
    if results.has_more:
        console.print(
            Text("more: --offset " + str(results.offset + len(results.hits)), style="dim")
        )
