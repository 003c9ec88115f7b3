"""Tajik (Cyrillic) text read through its Persian-script spelling.

rasad's Persian tools (tagger, knowledge-base names, dates, the search
index) work on Persian script. A Tajik text gets a *shadow*: the same text
transliterated word by word (`rasad.text.translit`), with a map from each
Persian word back to the Tajik word it spells. Whatever a Persian tool finds
in the shadow is then a span of the Tajik text: word-level alignment is
exact, since transliteration works one word at a time and everything between
words keeps its length (punctuation and digits are swapped one for one).
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date

from rasad.model import DateMention
from rasad.text.translit import Transliterator, default_transliterator, tidy_zwnj

# A Tajik word, hyphenated parts included (as `rasad.text.translit` cuts them).
TAJIK_WORD = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")
# Tajik writes the object marker on its word (Маскавро); Persian mostly apart
# (مسکو را), which leaves the name a word of its own for the tagger and linker.
_OBJECT_MARKER = re.compile("\u200cرا$")
# Words Tajik borrowed from Russian where Persian news writes its own word,
# so that the Persian tools see the word they know (`Президенти Тоҷикистон` is
# `رئیس‌جمهور تاجیکستان`, a title that refers to its holder). Keyed by the
# lower-case stem; the ezafe -и falls away as in Persian script.
_NEWS_WORDS = {
    "президент": "رئیس‌جمهور",
    "премьер-министр": "نخست‌وزیر",
    "министр": "وزیر",
    "парламент": "پارلمان",
    "терроризм": "تروریسم",
    "террорист": "تروریست",
    "террористон": "تروریست‌ها",
    "террористҳо": "تروریست‌ها",
    "конференсия": "کنفرانس",
}
# Between words: one character for one, so offsets there need no map.
_TO_PERSIAN_MARKS = str.maketrans(
    {",": "،", ";": "؛", "?": "؟"} | {str(i): chr(0x06F0 + i) for i in range(10)}
)


@dataclass(frozen=True, slots=True)
class WordPair:
    """A Persian word of the shadow and the Tajik word it spells: `[start, end)` in each."""

    fa_start: int
    fa_end: int
    tg_start: int
    tg_end: int


@dataclass(frozen=True, slots=True)
class Shadow:
    """A Tajik text in Persian script, and where each of its words came from."""

    text: str
    words: tuple[WordPair, ...]

    def to_tajik(self, start: int, end: int) -> tuple[int, int]:
        """The Tajik span of the shadow's `[start, end)`, widened to whole words."""
        if end <= start:
            pos = self._position(start, at_end=False)
            return pos, pos
        return self._position(start, at_end=False), self._position(end, at_end=True)

    def _position(self, pos: int, at_end: bool) -> int:
        # The word holding the character at `pos` (or before `pos`, for an end).
        probe = pos - 1 if at_end else pos
        i = bisect_right(self.words, probe, key=_fa_start) - 1
        if i < 0:
            return pos  # before the first word the texts agree character for character
        word = self.words[i]
        if probe < word.fa_end:
            return word.tg_end if at_end else word.tg_start
        return word.tg_end + (pos - word.fa_end)


def _fa_start(word: WordPair) -> int:
    return word.fa_start


def persian_shadow(text: str, transliterator: Transliterator | None = None) -> Shadow:
    """`text` (Tajik) in Persian script, with its word map."""
    tr = transliterator or default_transliterator()
    pieces: list[str] = []
    words: list[WordPair] = []
    length = last = 0
    for m in TAJIK_WORD.finditer(text):
        gap = text[last : m.start()].translate(_TO_PERSIAN_MARKS)
        pieces.append(gap)
        length += len(gap)
        persian = _news_word(m.group()) or (
            _OBJECT_MARKER.sub(" را", tidy_zwnj(tr.tg_word(m.group()))) or m.group()
        )
        pieces.append(persian)
        words.append(WordPair(length, length + len(persian), m.start(), m.end()))
        length += len(persian)
        last = m.end()
    pieces.append(text[last:].translate(_TO_PERSIAN_MARKS))
    return Shadow("".join(pieces), tuple(words))


def _news_word(word: str) -> str:
    """The Persian news word for a Russian loan (`Президенти` -> `رئیس‌جمهور`), or ''."""
    lower = word.lower()
    return _NEWS_WORDS.get(lower) or (_NEWS_WORDS.get(lower[:-1], "") if lower[-1:] == "и" else "")


def find_tajik_dates(
    text: str, published: date | None = None, shadow: Shadow | None = None
) -> list[DateMention]:
    """Dates in Tajik text (`14 октябри соли 2021`), found in its Persian spelling."""
    from rasad.text.dates import find_dates

    shadow = shadow or persian_shadow(text)
    out = []
    for d in find_dates(shadow.text, published):
        start, end = shadow.to_tajik(d.start, d.end)
        out.append(DateMention(start, end, text[start:end], d.value, d.calendar, d.source))
    return out
