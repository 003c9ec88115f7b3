"""Other written forms of a query word: inflected, split at a ZWNJ, joined.

Persian writes one word three ways (`رئیس‌جمهور`, `رئیس جمهور`,
`رئیسجمهور`) and adds suffixes that are written attached (`کتاب‌های`).
The index holds folded terms (`rasad.search.fold`), where ZWNJ is gone, so
`رئیس‌جمهور` and `رئیسجمهور` already meet; what is left is

- inflection: a word also matches itself with a plural suffix (`ها`،
  `های`، `هایشان`...) or, after a final heh, a clitic (`خانه‌ای`،
  `خانه‌ام`، `خانه‌ی`): `کتاب` finds `کتابهای`. A word of one or two
  letters is mostly a function word or the start of another word (`تن` and
  `تنها`), so its forms are kept only where the lexicon does not know them
  as words of their own;
- space: a word also matches its pieces as a phrase (`رییس جمهور`). The
  pieces come from the query's own ZWNJs, from the lexicon's ZWNJ spelling
  of the word, from a suffix it ends with (`کشورها` -> `کشور ها`), or, for
  a word the lexicon does not know, from any cut into two pieces of three
  letters or more; a word the lexicon knows as written solid is cut only
  before a suffix or into two words it knows of three letters or more
  (`سخنگوی` -> `سخن گوی`, never `ایران` -> `ای ران`);
- two query words written apart also match the two joined (`رییسجمهور`);
- a hamza may sit on the other seat (`مسئول`, `مسؤول`).

Every candidate is kept only where the index's own vocabulary holds it, so
a query grows only by forms that occur. This module only proposes forms;
`rasad.search.query` asks the index which exist.
"""

from __future__ import annotations

from functools import cache, lru_cache

from rasad.search.fold import fold_word, word_parts
from rasad.text.zwnj import CLITICS, PLURAL_CHAINS

# Suffixes written after a ZWNJ (or joined) in standard Persian, folded: the
# plural and what may follow it; after a final heh also the clitics and ezafe.
SUFFIXES: tuple[str, ...] = PLURAL_CHAINS
SUFFIXES_AFTER_HEH: tuple[str, ...] = (*CLITICS[:-1], "ی")
SHORT = 2  # words this long or shorter inflect only into forms that are no word
MIN_PIECE = 3  # a cut of an unknown word never leaves a piece shorter than this
SOLID_PIECE = 3  # nor, in a word the lexicon knows written solid, shorter than this


@cache
def _lexicon() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Folded lexicon: words written solid, and ZWNJ words with their pieces."""
    from rasad.text.lexicon import load_lexicon

    lexicon = load_lexicon()
    zwnj: dict[str, tuple[str, ...]] = {}
    for form, _freq in lexicon.zwnj.values():
        folded = "".join(fold_word(form))
        pieces = tuple(word_parts(form))
        if folded and len(pieces) > 1:
            zwnj.setdefault(folded, pieces)
    solid = frozenset(t for w in lexicon.plain for t in fold_word(w)) - frozenset(zwnj)
    return solid, zwnj


def is_letters(term: str) -> bool:
    """Whether a term is a word of letters (digits and Latin get no Persian suffixes)."""
    return term.isalpha() and not term.isascii()


def suffixes_of(term: str) -> tuple[str, ...]:
    return SUFFIXES + SUFFIXES_AFTER_HEH if term.endswith("ه") else SUFFIXES


@lru_cache(maxsize=50_000)
def inflected(term: str) -> tuple[str, ...]:
    """`term` with each suffix attached (for short words, less forms that are words)."""
    if not is_letters(term):
        return ()
    forms = [term + s for s in suffixes_of(term)]
    if len(term) <= SHORT:
        solid, _ = _lexicon()
        forms = [
            f for f in forms if not any(f[:k] in solid for k in range(len(term) + 1, len(f) + 1))
        ]
    return tuple(forms)


@lru_cache(maxsize=50_000)
def pieces(term: str, written: str = "") -> tuple[tuple[str, ...], ...]:
    """Ways to write `term` as two or more words, most trusted first.

    `written` is the word as the query wrote it: its ZWNJs say where it may
    be cut.
    """
    out: list[tuple[str, ...]] = []
    if written:
        parts = tuple(word_parts(written))
        if len(parts) > 1:
            out.append(parts)
    if not is_letters(term):
        return tuple(out)
    solid, zwnj = _lexicon()
    if term in zwnj:
        out.append(zwnj[term])
    for suffix in SUFFIXES + SUFFIXES_AFTER_HEH:
        stem = term[: -len(suffix)]
        if term.endswith(suffix) and len(stem) > SHORT and suffix in suffixes_of(stem):
            out.append((stem, suffix))
    if term not in solid and term not in zwnj:
        for i in range(MIN_PIECE, len(term) - MIN_PIECE + 1):
            out.append((term[:i], term[i:]))
    elif term not in zwnj:
        # A word written solid is cut only into two words the lexicon knows,
        # neither shorter than three letters: سخنگوی -> سخن گوی, not ایران -> ای ران.
        for i in range(SOLID_PIECE, len(term) - SOLID_PIECE + 1):
            if term[:i] in solid and term[i:] in solid:
                out.append((term[:i], term[i:]))
    return tuple(dict.fromkeys(out))


_SEATS = str.maketrans({"ئ": "ؤ", "ؤ": "ئ"})


def hamza_seats(written: str) -> tuple[str, ...]:
    """The word with its hamza on the other seat, folded: `مسئول` <-> `مسؤول`.

    Folding keeps the seat (ی or و), since `رئیس` is also written `رییس`;
    the two standard spellings of one word differ only by it.
    """
    if "ئ" not in written and "ؤ" not in written:
        return ()
    other = written.translate(_SEATS)
    return tuple(t for t in fold_word(other) if t) if len(fold_word(other)) == 1 else ()


def joined(left: str, right: str) -> str:
    """Two query words written as one (the folded form has no ZWNJ to add)."""
    return left + right if is_letters(left) and is_letters(right) else ""
