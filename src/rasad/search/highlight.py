"""Where a query matched, as spans of the original clean text.

The index holds folded terms; highlights are found by folding the words of
the stored text again (`rasad.search.fold.iter_words`) and matching the
plan's alternatives against them, so every span points at the text exactly
as it was written, ZWNJs, Arabic letters and diacritics included.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rasad.search.fold import INVISIBLE, MARKS, Word, iter_words
from rasad.search.query import Plan
from rasad.search.surface import find, is_simple

Span = tuple[int, int]
# A character a word may hold: where two stand side by side, no window may cut.
_IN_WORD = re.compile(f"[^\\W_]|[{MARKS}{INVISIBLE}]")


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
    if is_simple(text):
        return merge(find(text, alternatives))
    return _by_words(text, alternatives)


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
