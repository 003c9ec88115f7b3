"""Where a query matched, as spans of the original clean text.

The index holds folded terms; highlights are found by folding the words of
the stored text again (`rasad.search.fold.iter_words`) and matching the
plan's alternatives against them, so every span points at the text exactly
as it was written, ZWNJs, Arabic letters and diacritics included.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import accumulate

import numpy as np

from rasad.search.fold import INVISIBLE, MARKS, Word, iter_words
from rasad.search.query import Plan
from rasad.search.surface import alternatives_pattern, chars

Span = tuple[int, int]
# A character a word may hold: where two stand side by side, no window may cut.
_IN_WORD = re.compile(f"[^\\W_]|[{MARKS}{INVISIBLE}]")
_INSIDE = re.compile(f"[{MARKS}{INVISIBLE}]")
_INSIDE_RUN = re.compile(f"[{MARKS}{INVISIBLE}]+")
_REMOVED, _OTHER = 0xFFFFFFFE, 0xFFFFFFFF  # in `_table`: not a character of compact text
Alternatives = tuple[tuple[str, ...], ...]
LEAD_WIDTHS = 16  # `page_marks` reads this many snippet widths of each text at once


@dataclass(frozen=True, slots=True)
class Snippet:
    """A stretch of the text around its matches; `marks` are relative to `start`."""

    start: int
    end: int
    text: str
    marks: tuple[Span, ...]

    def html(self, open_tag: str = "<mark>", close_tag: str = "</mark>") -> str:
        """The snippet as escaped HTML with the matches marked."""
        return mark_up(self.text, self.marks, open_tag, close_tag, escape=True)


def highlights(text: str, plan: Plan) -> list[Span]:
    """Sorted, non-overlapping spans of `text` where an alternative of the plan stands."""
    alternatives = tuple(alt for unit in plan.units for alt in unit)
    if not alternatives or not text:
        return []
    compact = _compact(text)
    if compact is not None:
        return merge(_find(*compact, text, alternatives))
    return _by_words(text, alternatives)


def _find(bare: str, cuts: list[int], text: str, alternatives: Alternatives) -> list[Span]:
    """Spans of `text` where an alternative stands, from its compact form (`_compact`).

    The same spans as `rasad.search.surface.find`; the pattern is tried only
    where the first term of an alternative stands (`str.find`), not at
    every position.
    """
    pattern = alternatives_pattern(alternatives)
    spans = []
    for pos in _starts(bare, {alt[0] for alt in alternatives}):
        m = pattern.match(bare, pos)
        if m is None:
            continue
        s, e = m.span(1)
        start = s + bisect_right(cuts, s)
        end = (e - 1) + bisect_right(cuts, e - 1) + 1
        after = _INSIDE_RUN.match(text, end)
        spans.append((start, after.end() if after else end))
    return spans


def _compact(text: str) -> tuple[str, list[int]] | None:
    """`rasad.search.surface.compact` by table lookups over the code points; None if not simple.

    Regexes read Persian text a character at a time; numpy reads a page of
    results in tens of microseconds. Also the compact position of each
    removed character: a position past it maps back one further.
    """
    table = _table()
    mapped = table.take(np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32), mode="clip")
    if (mapped == _OTHER).any():
        return None
    removed = mapped == _REMOVED
    where = np.flatnonzero(removed)
    if not where.size:
        return mapped.tobytes().decode("utf-32-le"), []
    bare = mapped[~removed].tobytes().decode("utf-32-le")
    return bare, (where - np.arange(where.size)).tolist()


def _starts(bare: str, heads: set[str]) -> list[int]:
    """Every position of `bare` where one of `heads` stands, in order."""
    found: set[int] = set()
    for head in heads:
        if any(head != other and head.startswith(other) for other in heads):
            continue  # found where the shorter head is
        i = bare.find(head)
        while i >= 0:
            found.add(i)
            i = bare.find(head, i + 1)
    return sorted(found)


@cache
def _table() -> np.ndarray:
    """Per code point: its folded letter, `_REMOVED`, or `_OTHER` where text is not simple.

    Simple text is written in blocks below U+10000 (`surface.RANGES`); code
    points above are clipped to the last entry, `_OTHER`.
    """
    table = np.full(0x10001, _OTHER, dtype=np.uint32)
    other, canonical = chars().other, chars().canonical
    for code in range(0x10000):
        c = chr(code)
        if other.match(c):
            continue
        table[code] = _REMOVED if _INSIDE.match(c) else ord(canonical.get(c, c))
    return table


def _by_words(text: str, alternatives: tuple[tuple[str, ...], ...]) -> list[Span]:
    """The same, cutting the text into words: for text a term pattern could misread."""
    singles = {alt[0] for alt in alternatives if len(alt) == 1}
    phrases = [alt for alt in alternatives if len(alt) > 1]
    firsts = {alt[0] for alt in phrases}
    # One entry per term: a word folding to several terms repeats its span.
    terms: list[tuple[str, Word]] = [(t, w) for w in iter_words(text) for t in w.terms]
    spans: list[Span] = []
    for i, (term, word) in enumerate(terms):
        if term in singles:
            spans.append((word.start, word.end))
        if term in firsts:
            for alt in phrases:
                k = len(alt)
                if alt[0] == term and tuple(t for t, _ in terms[i : i + k]) == alt:
                    spans.append((word.start, terms[i + k - 1][1].end))
    return merge(spans)


def merge(spans: Iterable[Span]) -> list[Span]:
    out: list[Span] = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def snippet(text: str, spans: Sequence[Span], width: int = 240) -> Snippet:
    """About `width` characters around the first match (the text's start without one).

    The window grows to whole words and holds every match that fits in it.
    """
    if not text:
        return Snippet(0, 0, "", ())
    start, end = _window(text, spans[0] if spans else (0, 0), width)
    marks = tuple(
        (max(s, start) - start, min(e, end) - start) for s, e in spans if s < end and e > start
    )
    return Snippet(start, end, text[start:end], marks)


def snippet_of(text: str, plan: Plan, width: int = 240) -> Snippet:
    """A `snippet` around the plan's first match, reading only as much of the text as it needs.

    A result list shows one window per article. The first match is looked
    for a stretch at a time (news puts its lead first), and the window is
    marked from what was read: a phrase split by a stretch's edge is not
    found there, which costs at most a mark.
    """
    begin, size = 0, 2 * width
    while begin < len(text):
        end = _cut(text, begin + size)
        found = [(s + begin, e + begin) for s, e in highlights(text[begin:end], plan)]
        if found:
            start, stop = _window(text, found[0], width)
            if stop > end:  # the window runs past the stretch read: read on to its end
                found += [(s + end, e + end) for s, e in highlights(text[end:stop], plan)]
            marks = tuple((s - start, e - start) for s, e in found if start <= s and e <= stop)
            return Snippet(start, stop, text[start:stop], marks)
        begin, size = end, size * 2
    return snippet(text, [], width)


def page_marks(
    titles: Sequence[str], texts: Sequence[str], plan: Plan, width: int = 240
) -> list[tuple[list[Span], Snippet]]:
    """For each hit of a result page, its title's `highlights` and its text's snippet.

    The same as `highlights` and `snippet_of` hit by hit, but read in one
    pass over the whole page: the titles and the first `LEAD_WIDTHS * width`
    characters of each text (news is rarely longer), joined by line ends
    (no match crosses one), since for twenty short pieces the work around
    each call costs more than the search itself. A text whose lead holds no
    match, or a page with characters that need the word-by-word path, is
    read hit by hit.
    """
    alternatives = tuple(alt for unit in plan.units for alt in unit)
    leads = [text[: _cut(text, LEAD_WIDTHS * width)] for text in texts]
    pieces = [*titles, *leads]
    found = _marks_together(pieces, alternatives) if alternatives else [[] for _ in pieces]
    out = []
    for i, text in enumerate(texts):
        title_marks = found[i]
        if title_marks is None:
            title_marks = highlights(titles[i], plan)
        spans = found[len(titles) + i]
        if not spans:  # no match in the lead, or a lead to read word by word
            out.append((title_marks, snippet_of(text, plan, width)))
            continue
        start, stop = _window(text, spans[0], width)
        if stop > len(leads[i]):  # the window runs past the lead: mark it on its own
            spans = [(a + start, b + start) for a, b in highlights(text[start:stop], plan)]
        marks = tuple((a - start, b - start) for a, b in spans if start <= a and b <= stop)
        out.append((title_marks, Snippet(start, stop, text[start:stop], marks)))
    return out


def _marks_together(pieces: Sequence[str], alternatives: Alternatives) -> list[list[Span] | None]:
    """`highlights` of each piece, in one pass; all None if some piece is not simple."""
    joined = "\n".join(pieces)
    compact = _compact(joined)
    if compact is None:
        return [None] * len(pieces)
    starts = list(accumulate((len(piece) + 1 for piece in pieces[:-1]), initial=0))
    out: list[list[Span]] = [[] for _ in pieces]
    for s, e in _find(*compact, joined, alternatives):
        k = bisect_right(starts, s) - 1
        if e <= starts[k] + len(pieces[k]):  # a phrase may run on into the next piece: no match
            out[k].append((s - starts[k], e - starts[k]))
    return [merge(marks) for marks in out]


def _window(text: str, first: Span, width: int) -> Span:
    """Whole words around `first`: a quarter of `width` before it, the rest after."""
    start = max(0, first[0] - width // 4)
    end = max(min(len(text), start + width), first[1])
    return _word_edge(text, start, -1), _word_edge(text, end, 1)


def _word_edge(text: str, pos: int, step: int) -> int:
    """`pos` moved out of the word it falls in (left for -1, right for 1)."""
    if step < 0:
        while pos > 0 and _IN_WORD.match(text, pos - 1) and _IN_WORD.match(text, pos):
            pos -= 1
    else:
        while 0 < pos < len(text) and _IN_WORD.match(text, pos - 1) and _IN_WORD.match(text, pos):
            pos += 1
    return pos


def _cut(text: str, size: int) -> int:
    """A prefix length of about `size` that ends between words (at a space or line end)."""
    if size >= len(text):
        return len(text)
    ends = [i for i in (text.find(" ", size), text.find("\n", size)) if i >= 0]
    return min(ends) if ends else len(text)


def mark_up(
    text: str,
    spans: Iterable[Span],
    open_tag: str = "<mark>",
    close_tag: str = "</mark>",
    escape: bool = False,
) -> str:
    """`text` with each span wrapped in the tags (HTML-escaped first when `escape`)."""
    quote = html.escape if escape else _same
    parts: list[str] = []
    pos = 0
    for s, e in merge(spans):
        parts += [quote(text[pos:s]), open_tag, quote(text[s:e]), close_tag]
        pos = e
    parts.append(quote(text[pos:]))
    return "".join(parts)


def _same(text: str) -> str:
    return text
