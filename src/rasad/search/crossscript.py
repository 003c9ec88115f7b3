"""Search across the two scripts Persian is written in.

A Tajik article is indexed with its Persian spelling too
(`rasad.store.transliterations`), so a Persian query finds it as it is. The
other way round, each Cyrillic word of a query is also searched as its
Persian spelling (`rasad.text.translit`): `Душанбе` finds `دوشنبه` in
Persian articles, and Tajik articles still match the word as typed.

Each unit of the plan (a word, a phrase, two words the index holds as one)
gets the other script's alternatives beside its own. Where the two scripts
cut a bare run into different units (a hyphenated Tajik word is two Persian
words), the run is searched as one phrase in either script.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rasad.search.fold import fold_word, split_words
from rasad.search.query import Alternative, Part, Plan, Word, plan

KnownTerms = Callable[[list[Part]], set[str]]

_CYRILLIC = re.compile("[\u0400-\u04ff]")


def cross_script_plan(parts: list[Part], known_terms: KnownTerms) -> Plan:
    """The plan for `parts`, Cyrillic words also searched in Persian script.

    `known_terms` says which candidate terms of some parts the index holds
    (`rasad.search.engine.known_terms`). A query without Cyrillic is planned
    as before, with no transliteration.
    """
    persian = [persian_part(p) for p in parts]
    if not any(persian):
        return plan(parts, known_terms(parts))
    known = known_terms(parts + [p for p in persian if p is not None])
    units: list[tuple[Alternative, ...]] = []
    for part, other in zip(parts, persian, strict=True):
        own = plan([part], known).units
        if other is None:
            units += own
            continue
        theirs = plan([other], known).units
        if len(own) != len(theirs):
            own = plan([Part(part.words, phrase=True)], known).units
            theirs = plan([Part(other.words, phrase=True)], known).units
        units += [tuple(dict.fromkeys(a + b)) for a, b in zip(own, theirs, strict=True)]
    return Plan(tuple(units))


def persian_part(part: Part) -> Part | None:
    """The part with its Cyrillic words in Persian script; None if it has none."""
    if not any(_CYRILLIC.search(w.written) for w in part.words):
        return None
    from rasad.text.translit import tg_to_fa

    words: list[Word] = []
    for w in part.words:
        if not _CYRILLIC.search(w.written):
            words.append(w)
            continue
        for written in split_words(tg_to_fa(w.written)):
            words.extend(Word(written, term) for term in fold_word(written))
    return Part(tuple(words), part.phrase) if words else None
