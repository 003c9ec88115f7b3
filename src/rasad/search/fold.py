"""Search terms: words of the clean text folded so that every spelling meets.

A word is a run of letters and digits of any script, with the marks,
kashida and invisible characters written inside it (ZWNJ, ZWJ, zero-width
space, direction marks) kept as part of the word. Its folded form, the term
the index holds, has:

- compatibility forms decomposed (presentation forms, ligatures, full-width),
- every combining mark removed: diacritics, and the hamza and madda that sit
  on a letter (`رئیس` and `رییس`, `آمریکا` and `امریکا`, `مسئول` and `مسؤول`
  meet),
- Arabic letters in their Persian form (ي ى -> ی, ك -> ک, ة ە -> ه, ٱ -> ا),
- every decimal digit in Latin (`۱۴۰۰`, `١٤٠٠` and `1400` meet),
- ZWNJ and the other invisible characters removed, so `رئیس‌جمهور` and
  `رئیسجمهور` are one term (`رئیس جمهور`, written with a space, is two: the
  query side joins them, see `rasad.search.query`),
- lower case.

Folding a word may split it (a fraction sign becomes `1⁄2`): `fold_word`
returns a tuple of terms. Terms hold only letters and digits, so both
indexes store them exactly as given: SQLite's `ascii` tokenizer splits only
at ASCII punctuation and spaces, PostgreSQL gets a tsvector built here.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from functools import lru_cache
from typing import NamedTuple

# Bump when folding changes: a store whose index was built with another
# version rebuilds its index on open.
FOLD_VERSION = 1
# Longer "words" (a run of digits, a base64 blob) are cut to this length.
MAX_TERM = 64

# Written inside a word and carrying nothing for search.
INVISIBLE = "\u200c\u200d\u200b\u200e\u200f\u00ad\ufeff\u202a-\u202e\u2066-\u2069\u0640"
# Marks that may sit inside an Arabic-script or Latin word.
MARKS = "\u064b-\u065f\u0670\u06d6-\u06ed\u0300-\u036f"
# A word starts with a letter or digit (kashida, which Python counts as a
# letter, only inside a word: folding removes it like a mark).
_WORD = re.compile(f"[^\\W_\u0640](?:[^\\W_]|[{MARKS}{INVISIBLE}])*")
TERM = re.compile(r"[^\W_]+")
_DELETE = frozenset("\u200c\u200d\u200b\u200e\u200f\u00ad\ufeff\u0640") | frozenset(
    chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))
)
_LETTERS = {
    "\u064a": "\u06cc",  # ي Arabic yeh (and ئ once its hamza is gone)
    "\u0649": "\u06cc",  # ى alef maksura
    "\u06d2": "\u06cc",  # ے yeh barree
    "\u0643": "\u06a9",  # ك Arabic kaf
    "\u0629": "\u0647",  # ة teh marbuta
    "\u06d5": "\u0647",  # ە ae (and ۀ once its hamza is gone)
    "\u06c1": "\u0647",  # ہ heh goal
    "\u0671": "\u0627",  # ٱ alef wasla
}


class Word(NamedTuple):
    """A word of the text: where it stands and the terms it folds to."""

    start: int
    end: int
    terms: tuple[str, ...]


@lru_cache(maxsize=500_000)
def fold_word(word: str) -> tuple[str, ...]:
    """The terms of one word (usually one; none for a word of marks alone)."""
    return tuple(t[:MAX_TERM] for t in TERM.findall("".join(fold_chars(word))))


def iter_words(text: str) -> Iterator[Word]:
    """The words of `text` with their offsets and terms."""
    for m in _WORD.finditer(text):
        terms = fold_word(m.group())
        if terms:
            yield Word(m.start(), m.end(), terms)


def terms_of(text: str) -> list[str]:
    """The terms of `text` in order: what the index holds for it.

    The same as folding word by word (`iter_words`); text made only of
    characters that fold on their own (`rasad.search.surface`) is folded
    whole, at C speed.
    """
    from rasad.search.surface import fold_text

    folded = fold_text(text)
    if folded is None:
        return [t for word in _WORD.findall(text) for t in fold_word(word)]
    return [t[:MAX_TERM] for t in TERM.findall(folded)]


def fold_chars(word: str) -> list[str]:
    """Each character folded (none for one that folding removes), before cutting into terms."""
    chars = []
    for c in unicodedata.normalize("NFKD", word.casefold()):
        if c in _DELETE:
            continue
        category = unicodedata.category(c)
        if category[0] == "M":
            continue
        if category == "Nd":
            chars.append(str(unicodedata.decimal(c)))
        else:
            chars.append(_LETTERS.get(c, c))
    return chars


def word_parts(word: str) -> list[str]:
    """The pieces of a word between its ZWNJs, folded (`رئیس‌جمهور` -> رییس, جمهور).

    Where the writer put a ZWNJ the word may also be written with a space:
    the query side searches for the pieces as a phrase too.
    """
    parts: list[str] = []
    for piece in word.replace("\u200d", "\u200c").split("\u200c"):
        parts.extend(fold_word(piece))
    return parts


def split_words(text: str) -> list[str]:
    """The words of `text` as written (ZWNJs kept): the units a query is made of."""
    return _WORD.findall(text)
