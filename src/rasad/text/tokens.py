"""Tokens of normalized Persian text, with offsets, and their lemmas.

One precompiled regex finds every token in a single pass. Words keep their
inner ZWNJ (`می‌کند`, `رئیس‌جمهور`); numbers keep their separators (`۳٫۵`,
`1,000`, `۱۴۰۰/۷/۲۱`); URLs, emails, hashtags, mentions and dotted initials
(`U.S.`) are one token each; every other mark is a token of its own, except
that a run of dots (`...`) is one. Whitespace and stray ZWNJs are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from functools import cache, lru_cache

from rasad.model import Token

_MARKS = "\u064b-\u065f\u0670\u06d6-\u06ed\u0300-\u036f"  # Arabic and Latin combining marks
_W = f"[\\w{_MARKS}]"
_URL_END = r"[^\s«»\"'<>()\[\]{}.,،؛:;!?؟…]"
_TOKEN = re.compile(
    "|".join(
        [
            rf"(?:https?://|www\.)[^\s«»\"<>()\[\]{{}}]*{_URL_END}",  # URL
            r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",  # email
            rf"(?:[A-Za-z0-9-]+\.)+[A-Za-z]{{2,}}(?:/[^\s«»\"<>()\[\]{{}}]*{_URL_END})?",  # domain
            r"(?:[^\W\d_]\.){2,}",  # dotted initials: U.S., e.g., ج.ا.ا.
            rf"[#@]{_W}+(?:\u200c{_W}+)*",  # hashtag, mention
            r"\d+(?:[.,٫٬/:\-]\d+)*(?:\u200c[^\W\d_]+)?",  # number, maybe with a suffix: ۲۰‌ام
            rf"[^\W\d_]{_W}*(?:[\u200c'’\-]{_W}+)*",  # word, with inner ZWNJ, apostrophe, hyphen
            r"\.{2,}",  # ellipsis written with dots
            r"[^\s\u200c]",  # any other mark
        ]
    )
)
# Tokens the lemmatizer can say something about: words in Arabic script.
_PERSIAN_WORD = re.compile(f"[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc{_MARKS}\u200c]+")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of `text[start:end]`, with offsets into the whole `text`."""
    matches = _TOKEN.finditer(text, start, len(text) if end is None else end)
    return [Token(m.start(), m.end(), m.group()) for m in matches]


def lemmatize(tokens: Sequence[Token]) -> list[Token]:
    """The same tokens with `lemma` set (shekar's rule-based lemmatizer, offline).

    Verbs get shekar's `past/present` stem pair (`می‌کند` -> `کرد/کن`); tokens
    that are not Persian words (marks, numbers, Latin) keep their text.
    """
    return [Token(t.start, t.end, t.text, _lemma(t.text)) for t in tokens]


@lru_cache(maxsize=100_000)
def _lemma(word: str) -> str:
    if not _PERSIAN_WORD.fullmatch(word):
        return word
    return _lemmatizer()(word) or word


@cache
def _lemmatizer() -> Callable[[str], str]:
    # Imported here: shekar takes about half a second to import.
    from shekar import Lemmatizer

    lemmatizer: Callable[[str], str] = Lemmatizer()
    return lemmatizer
