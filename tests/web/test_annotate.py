"""Marking an article's text: names and triggers nested inside quotations, all escaped."""

from __future__ import annotations

import pytest

from rasad.model import Article, Event, Mention, Party, Quote
from rasad.web.annotate import Run, article_html, atoms, entity_href, runs

TEXT = "رحمان گفت: «فرانسه دوست است» و دیدار کرد."


def article(**fields: object) -> Article:
    return Article(id="a", raw=TEXT, text=TEXT, **fields)  # type: ignore[arg-type]


def span(word: str) -> tuple[int, int]:
    start = TEXT.index(word)
    return start, start + len(word)


RAHMON = Mention(*span("رحمان"), "رحمان", "PER", "person:emomali-rahmon", "Emomali Rahmon")
FRANCE = Mention(*span("فرانسه"), "فرانسه", "LOC", "country:FR", "France")
QUOTE = Quote(*span("فرانسه دوست است"), "فرانسه دوست است", "direct", speaker=Party(0, 5, "رحمان"))
MEET = Event("consult", "040", 0, len(TEXT), "دیدار", *span("دیدار"))


@pytest.mark.parametrize(
    ("length", "quotes", "expected"),
    [
        (10, [], [Run(0, 10, -1)]),
        (10, [(2, 5)], [Run(0, 2, -1), Run(2, 5, 0), Run(5, 10, -1)]),
        (10, [(0, 10)], [Run(0, 10, 0)]),
        (
            10,
            [(6, 8), (2, 4)],
            [Run(0, 2, -1), Run(2, 4, 1), Run(4, 6, -1), Run(6, 8, 0), Run(8, 10, -1)],
        ),
        (10, [(2, 6), (4, 8)], [Run(0, 2, -1), Run(2, 6, 0), Run(6, 8, 1), Run(8, 10, -1)]),
        (5, [(3, 9)], [Run(0, 3, -1), Run(3, 5, 0)]),
    ],
)
def test_runs(length: int, quotes: list[tuple[int, int]], expected: list[Run]) -> None:
    assert runs(length, quotes) == expected


def test_atoms_drop_overlaps_and_empty_spans() -> None:
    inside = Mention(RAHMON.start + 1, RAHMON.end, "حمان", "PER", "doc:PER:حمان")
    empty = Mention(3, 3, "", "PER", "x")
    found = atoms(article(mentions=(inside, RAHMON, empty), events=(MEET,)))
    assert [(a.start, a.kind) for a in found] == [
        (RAHMON.start, "mention"),
        (MEET.trigger_start, "event"),
    ]
    assert found[0].href == "/entities/person:emomali-rahmon"


def test_article_html_nests_names_in_quotations() -> None:
    html = str(article_html(article(mentions=(RAHMON, FRANCE), quotes=(QUOTE,), events=(MEET,))))
    assert html.startswith(
        '<a class="m m-PER" href="/entities/person:emomali-rahmon" title="Emomali Rahmon">رحمان</a>'
    )
    assert '<span class="quote q-direct" title="direct: رحمان"><a class="m m-LOC"' in html
    assert '<span class="ev ev-consult" title="consult 040">دیدار</span>' in html
    assert html.count("<span") == html.count("</span>")


def test_a_name_across_a_quotation_edge_is_cut_in_two() -> None:
    across = Mention(
        QUOTE.start - 2, QUOTE.start + 3, TEXT[QUOTE.start - 2 : QUOTE.start + 3], "ORG", "org:x"
    )
    html = str(article_html(article(mentions=(across,), quotes=(QUOTE,))))
    assert html.count('href="/entities/org:x"') == 2


def test_markup_in_the_text_is_escaped() -> None:
    text = 'خبر <script>alert("x")</script> و <img src=x onerror=alert(1)>'
    name = Mention(0, 3, "خبر", "PER", 'doc:PER:"><script>', '"><b>')
    html = str(article_html(Article(id="b", raw=text, text=text, mentions=(name,))))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&lt;script&gt;" in html
    assert entity_href('doc:PER:"><script>') in html.replace("&amp;", "&") or "%3Cscript%3E" in html


def test_dates_and_unlinked_names_are_not_links() -> None:
    date = Mention(0, 5, "رحمان", "DATE", "date:2024-01-01")
    html = str(article_html(article(mentions=(date,))))
    assert "<a " not in html and 'class="m m-DATE"' in html
