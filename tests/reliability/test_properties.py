"""Properties every reader of hostile input keeps, checked on generated Persian text.

For each of the normalizer, the cleaner, the sentence splitter, the
tokenizer, the date finder, boilerplate removal, the HTML, feed and WARC
readers and the search query parser: no exception but the one the module
documents, a bounded time per input (Hypothesis' deadline), offsets inside
the text and consistent with it, and `normalize` idempotent.

`make test` runs the quick profile; `RASAD_FUZZ_PROFILE=long` runs each
property on thousands of inputs (see docs/reliability.md).
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from rasad.ingest.feeds import parse_feed
from rasad.ingest.files import InputDoc, InputFailure
from rasad.ingest.html import read_page
from rasad.ingest.warc import iter_warc
from rasad.search.highlight import highlights
from rasad.search.query import QueryError, candidates, parse, plan
from rasad.text.boilerplate import find_boilerplate
from rasad.text.clean import clean_text
from rasad.text.dates import find_dates
from rasad.text.normalize import normalize, normalize_tracked
from rasad.text.sentences import split_sentences
from rasad.text.tokens import tokenize
from tests.reliability.strategies import (
    QUERY,
    TEXT,
    feed_document,
    html_page,
    persian_text,
    warc_file,
)

_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
# Per-input time bounds: generous for a shared 2-core machine, yet far below
# what a quadratic regex or a parser loop takes on these sizes.
settings.register_profile(
    "quick", max_examples=40, deadline=timedelta(seconds=2), suppress_health_check=_SLOW_OK
)
settings.register_profile(
    "long", max_examples=3000, deadline=timedelta(seconds=2), suppress_health_check=_SLOW_OK
)
PROFILE = settings.get_profile(os.environ.get("RASAD_FUZZ_PROFILE", "quick"))
# Parsing a page (lxml and trafilatura) costs more than a line of text.
PAGES = settings(PROFILE, deadline=timedelta(seconds=5))
if PROFILE.max_examples < 100:
    PAGES = settings(PAGES, max_examples=max(10, PROFILE.max_examples // 2))


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Load the lexicons once, so that no example pays for it against its deadline."""
    clean_text("رئیسجمهور میکند\nRead More")
    find_dates("۲۱ مهر ۱۴۰۰", date(2021, 10, 14))
    read_page("warm.html", b"<html><body><article><p>" + "خبر ".encode() * 50 + b"</p></article>")
    parse_feed(b"<rss version='2.0'><channel></channel></rss>", "https://news.example/rss")
    plan(parse("رئیس جمهور"), set())


@settings(PROFILE)
@given(TEXT)
def test_normalize_is_idempotent_and_maps_offsets_into_the_raw_text(raw: str) -> None:
    text, offsets = normalize_tracked(raw)
    assert normalize(text) == text
    assert text == normalize(raw)
    mapped = [offsets.to_raw(i) for i in range(len(text) + 1)]
    assert all(0 <= m <= len(raw) for m in mapped)
    assert mapped == sorted(mapped)  # order is kept: a span maps to a span


@settings(PROFILE)
@given(TEXT)
def test_normalize_keeps_one_line_for_each_line(raw: str) -> None:
    breaks = sum(raw.count(c) for c in "\n\u2028\u2029")
    assert normalize(raw).count("\n") == breaks


@settings(PROFILE)
@given(TEXT)
def test_clean_text_is_normalized_and_maps_back_into_the_raw_text(raw: str) -> None:
    cleaned = clean_text(raw)
    assert normalize(cleaned.text) == cleaned.text
    for i in range(len(cleaned.text) + 1):
        assert 0 <= cleaned.offsets.to_raw(i) <= len(raw)
    for d in cleaned.dropped:
        assert 0 <= d.start <= d.end <= len(raw) and raw[d.start : d.end].strip() == d.text


@settings(PROFILE)
@given(TEXT)
def test_boilerplate_spans_are_lines_of_the_text(raw: str) -> None:
    dropped = find_boilerplate(raw)
    starts = [d.start for d in dropped]
    assert starts == sorted(set(starts))
    for d in dropped:
        assert raw[d.start : d.end].strip() == d.text and d.text
        assert d.start == 0 or raw[d.start - 1] == "\n"
        assert "\n" not in raw[d.start : d.end]


@settings(PROFILE)
@given(TEXT)
def test_sentences_tile_every_visible_character_once(raw: str) -> None:
    text = normalize(raw)
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        sentence = text[start:end]
        assert sentence == sentence.strip()
        assert not text[previous_end:start].strip()  # between sentences: whitespace only
        previous_end = end
    assert not text[previous_end:].strip()


@settings(PROFILE)
@given(TEXT, st.data())
def test_tokens_are_slices_of_the_text_and_skip_only_blanks(raw: str, data: st.DataObject) -> None:
    text = data.draw(st.sampled_from([raw, normalize(raw)]))
    lo = data.draw(st.integers(0, len(text)))
    previous_end = lo
    for token in tokenize(text, lo):
        assert previous_end <= token.start < token.end <= len(text)
        assert text[token.start : token.end] == token.text
        assert not text[previous_end : token.start].replace("\u200c", "").strip()
        previous_end = token.end
    assert not text[previous_end:].replace("\u200c", "").strip()


@settings(PROFILE)
@given(TEXT, st.one_of(st.none(), st.dates(date(1850, 1, 1), date(2150, 12, 31))))
def test_dates_are_ordered_slices_with_iso_values(raw: str, published: date | None) -> None:
    text = normalize(raw)
    previous_end = 0
    for d in find_dates(text, published):
        assert previous_end <= d.start < d.end <= len(text)
        assert text[d.start : d.end] == d.text
        year, *rest = d.value.split("-")
        assert len(year) == 4 and year.isdigit() and len(rest) <= 2
        if len(rest) == 2:
            date.fromisoformat(d.value)
        previous_end = d.end


@PAGES
@given(html_page())
def test_html_pages_give_an_article_or_a_coded_failure(data: bytes) -> None:
    result = read_page("page.html", data, url="https://news.example/fa/1")
    _check_result(result)


@PAGES
@given(feed_document())
# Found by this test: feedparser raised on an XML declaration naming a garbled encoding.
@example(b'<?xml version="1.0" encoding="\x80utf-8"?><rss version="2.0"><channel/></rss>')
@example(b'<?xml version="1.0" encoding="\x00utf-8"?><rss version="2.0"><channel/></rss>')
def test_feeds_give_items_and_at_most_a_coded_failure(data: bytes) -> None:
    items, damage = parse_feed(data, "https://news.example/rss.xml")
    assert damage is None or (damage.reason == "bad_feed" and damage.message.startswith("[E033]"))
    for item in items:
        assert item.keys and all(isinstance(k, str) and k for k in item.keys)


@PAGES
@given(warc_file())
def test_warc_files_give_articles_then_at_most_one_damage_report(data: bytes) -> None:
    with _file(data, ".warc") as path:
        results = list(iter_warc(path))
    for result in results:
        _check_result(result)
    damage = [r for r in results if isinstance(r, InputFailure) and r.reason == "bad_warc"]
    assert len(damage) <= 1 and (not damage or results[-1] is damage[0])


@settings(PROFILE)
@given(QUERY, persian_text(30))
def test_queries_plan_to_valid_fts5_and_highlight_inside_the_text(query: str, text: str) -> None:
    try:
        parts = parse(query)
    except QueryError as e:
        assert str(e).startswith("[E05")
        return
    known = candidates(parts)
    known |= candidates(parts, known)
    try:
        found = plan(parts, known)
    except QueryError as e:
        assert str(e).startswith("[E052]")
        return
    assert not found.empty  # every spelling is known, so every unit has one
    _fts5().execute("SELECT rowid FROM t WHERE t MATCH ?", (found.to_fts5(),)).fetchall()
    assert found.to_tsquery().count("(") == found.to_tsquery().count(")")
    previous_end = 0
    for start, end in highlights(text, found):
        assert previous_end <= start < end <= len(text)
        previous_end = end


def _check_result(result: InputDoc | InputFailure) -> None:
    if isinstance(result, InputFailure):
        assert result.message.startswith("[E0") and result.reason
    else:
        assert isinstance(result, InputDoc) and result.text.strip()


_FTS5: list[sqlite3.Connection] = []


def _fts5() -> sqlite3.Connection:
    """An FTS5 table made the way the SQLite store makes its index."""
    if not _FTS5:
        conn = sqlite3.connect(":memory:")
        conn.execute("CREATE VIRTUAL TABLE t USING fts5 (title, body, tokenize = 'ascii')")
        conn.execute("INSERT INTO t VALUES ('rais jomhur', 'x y z')")
        _FTS5.append(conn)
    return _FTS5[0]


@contextmanager
def _file(data: bytes, suffix: str) -> Iterator[str]:
    """A temporary file holding `data` (a per-example fixture Hypothesis would not reset)."""
    fd, path = tempfile.mkstemp(suffix=suffix)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        yield path
    finally:
        os.unlink(path)
