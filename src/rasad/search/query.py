"""From what a user typed to a query plan that both indexes can run.

A query is data, never syntax: it is cut into words (`rasad.search.fold`)
and nothing the user types reaches a database as an operator. Double quotes
mark a phrase; everything else is a bare word, and every bare word (or
phrase) must occur. Two bare words that the index also holds written as one
(`رئیس جمهور` -> `رییسجمهور`) are one unit, like a phrase.

The plan is an AND of units; each unit is an OR of alternatives; each
alternative is a sequence of terms that must stand next to each other (a
single term or a phrase). That shape renders to an FTS5 MATCH expression
and to a PostgreSQL tsquery alike, with every term quoted.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass

from rasad.errors import RasadError
from rasad.search.fold import fold_word, split_words
from rasad.search.forms import hamza_seats, inflected, joined, pieces

MAX_QUERY_CHARS = 2000
MAX_UNITS = 32
MAX_ALTERNATIVES = 48  # per unit


class QueryError(RasadError):
    """A query that cannot be searched for; the message says why."""


class Messages:
    E050 = "[E050] the query has no words to search for"
    E051 = "[E051] the query is {size} characters long; the limit is {limit}"
    E052 = "[E052] the query has {count} words or phrases; the limit is {limit}"


@dataclass(frozen=True, slots=True)
class Word:
    written: str  # as typed, ZWNJs kept
    term: str  # folded


@dataclass(frozen=True, slots=True)
class Part:
    """A bare run of words, or a quoted phrase."""

    words: tuple[Word, ...]
    phrase: bool


Alternative = tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Plan:
    """AND over units, OR over each unit's alternatives, each a run of terms."""

    units: tuple[tuple[Alternative, ...], ...]

    @property
    def empty(self) -> bool:
        """True when some unit has no alternative the index holds: nothing can match."""
        return any(not unit for unit in self.units)

    def terms(self) -> set[str]:
        return {t for unit in self.units for alt in unit for t in alt}

    def to_fts5(self) -> str:
        return " AND ".join(
            "(" + " OR ".join('"' + " ".join(alt) + '"' for alt in unit) + ")"
            for unit in self.units
        )

    def to_tsquery(self) -> str:
        return " & ".join(
            "("
            + " | ".join("(" + " <-> ".join(_lexeme(t) for t in alt) + ")" for alt in unit)
            + ")"
            for unit in self.units
        )


def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def parse(query: str) -> list[Part]:
    """Bare runs and quoted phrases, their words folded; raises `QueryError`."""
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(Messages.E051.format(size=len(query), limit=MAX_QUERY_CHARS))
    parts: list[Part] = []
    # Even pieces are outside quotes, odd ones inside; an unclosed quote runs to the end.
    for i, piece in enumerate(query.replace("\u201c", '"').replace("\u201d", '"').split('"')):
        words = tuple(_words(piece))
        if not words:
            continue
        if i % 2 and len(words) > 1:
            parts.append(Part(words, phrase=True))
        else:
            parts.append(Part(words, phrase=False))
    if not parts:
        raise QueryError(Messages.E050)
    return parts


def _words(text: str) -> Iterable[Word]:
    for written in split_words(text):
        terms = fold_word(written)
        for term in terms:
            # A word that folds to several terms (`½`) is several words.
            yield Word(written if len(terms) == 1 else term, term)


def candidates(parts: Iterable[Part], known: Collection[str] | None = None) -> set[str]:
    """The terms a plan for these parts could use: ask the index which it holds.

    Asked in two rounds: first every spelling of every word (`known` None),
    then, given what the index holds, the suffixed forms of the last piece
    of each cut whose pieces all occur. Most cuts of a word do not occur,
    so the second round is small.
    """
    out: set[str] = set()
    for part in parts:
        words = part.words
        for w in words:
            cuts = pieces(w.term, w.written)
            if known is not None:
                for cut in cuts:
                    if all(p in known for p in cut):
                        out.update(inflected(cut[-1]))
                continue
            out.add(w.term)
            out.update(inflected(w.term))
            for seat in hamza_seats(w.written):
                out.add(seat)
                out.update(inflected(seat))
            for cut in cuts:
                out.update(cut)
        if known is None:
            for a, b in itertools.pairwise(words):
                if j := joined(a.term, b.term):
                    out.add(j)
                    out.update(inflected(j))
    return out


def plan(parts: Iterable[Part], known: Collection[str] | Mapping[str, int]) -> Plan:
    """The plan for `parts`, keeping only alternatives whose terms are all `known`."""
    has: Callable[[str], bool] = known.__contains__
    units: list[tuple[Alternative, ...]] = []
    for part in parts:
        if part.phrase:
            units.append(_phrase(part.words, has))
            continue
        words = list(part.words)
        i = 0
        while i < len(words):
            pair = words[i : i + 2]
            if len(pair) == 2 and _joins(pair[0], pair[1], has):
                units.append(_phrase(tuple(pair), has))
                i += 2
            else:
                units.append(_phrase((words[i],), has))
                i += 1
    if len(units) > MAX_UNITS:
        raise QueryError(Messages.E052.format(count=len(units), limit=MAX_UNITS))
    return Plan(tuple(units))


def _joins(a: Word, b: Word, has: Callable[[str], bool]) -> bool:
    j = joined(a.term, b.term)
    return bool(j) and (has(j) or any(map(has, inflected(j))))


def _phrase(words: tuple[Word, ...], has: Callable[[str], bool]) -> tuple[Alternative, ...]:
    """Alternatives for words that must stand together, the last one inflected.

    Each word may also appear cut into pieces, and two neighbours joined;
    the product is capped at `MAX_ALTERNATIVES`, plainest spellings first.
    """
    n = len(words)
    heads = [_heads(words, i, has) for i in range(n)]
    # finishes[i]: some way to write words[i:] exists, so a walk never dead-ends.
    finishes = [False] * n + [True]
    for i in range(n - 1, -1, -1):
        finishes[i] = any(finishes[i + used] for _, used in heads[i])
    results: list[Alternative] = []
    # Depth first, plainest first, without recursion: a phrase may be long.
    stack: list[tuple[int, Alternative]] = [(0, ())] if finishes[0] else []
    while stack and len(results) < MAX_ALTERNATIVES:
        i, acc = stack.pop()
        if i == n:
            results.append(acc)
            continue
        for alt, used in reversed(heads[i]):
            if finishes[i + used]:
                stack.append((i + used, acc + alt))
    return tuple(dict.fromkeys(results))


def _heads(
    words: tuple[Word, ...], i: int, has: Callable[[str], bool]
) -> list[tuple[Alternative, int]]:
    """Ways to write the words from `i` on at the head: (terms, how many words they cover)."""
    n = len(words)
    w = words[i]
    out: list[tuple[Alternative, int]] = [((w.term,), 1)]
    if i == n - 1:
        out += [((f,), 1) for f in inflected(w.term)]
    for seat in hamza_seats(w.written):
        out.append(((seat,), 1))
        if i == n - 1:
            out += [((f,), 1) for f in inflected(seat)]
    for cut in pieces(w.term, w.written):
        out.append((cut, 1))
        if i == n - 1:  # written apart, the last piece takes the suffix
            out += [((*cut[:-1], f), 1) for f in inflected(cut[-1])]
    if i + 1 < n and (j := joined(w.term, words[i + 1].term)):
        out.append(((j,), 2))
        if i + 2 == n:
            out += [((f,), 2) for f in inflected(j)]
    return [(alt, used) for alt, used in out if all(map(has, alt))]
