"""Tokens of normalized Persian text, with offsets, and their lemmas.

One precompiled regex finds every token in a single pass. Words keep their
inner ZWNJ (`می‌کند`, `رئیس‌جمهور`); numbers keep their separators (`۳٫۵`,
`1,000`, `۱۴۰۰/۷/۲۱`); URLs, emails, hashtags, mentions and dotted initials
(`U.S.`) are one token each; every other mark is a token of its own, except
that a run of dots (`...`) is one. Whitespace and stray ZWNJs are skipped.

`lemmatize` adds lemmas from shekar's offline verb table and stemmer,
loaded once on first use (about a second) and memoized per word.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache, partial
from itertools import accumulate, chain, repeat

from rasad.model import Token

_MARKS = "\u064b-\u065f\u0670\u06d6-\u06ed\u0300-\u036f"  # Arabic and Latin combining marks
_W = f"[\\w{_MARKS}]"
_FA = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc"  # letters
_URL_END = r"[^\s«»\"'<>()\[\]{}.,،؛:;!?؟…]"
_TOKEN = "|".join(
    [
        # A Persian word with nothing unusual after it: the common case, tried first.
        rf"[{_FA}][{_FA}{_MARKS}]*(?:\u200c[{_FA}{_MARKS}]+)*(?![\w.\-'’\u200c])",
        rf"(?:https?://|www\.)[^\s«»\"<>()\[\]{{}}]*{_URL_END}",  # URL
        # Emails and domains start only where a run of their characters starts:
        # retrying inside a run that failed would cost O(n²) on text like "a+a+a+".
        r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}",
        rf"(?<![A-Za-z0-9.-])(?:[A-Za-z0-9-]+\.)+[A-Za-z]{{2,}}"
        rf"(?:/[^\s«»\"<>()\[\]{{}}]*{_URL_END})?",
        r"(?:[^\W\d_]\.){2,}",  # dotted initials: U.S., e.g., ج.ا.ا.
        rf"[#@]{_W}+(?:\u200c{_W}+)*",  # hashtag, mention
        r"\d+(?:[.,٫٬/:\-]\d+)*(?:\u200c[^\W\d_]+)?",  # number, maybe with a suffix: ۲۰‌ام
        rf"[^\W\d_]{_W}*(?:[\u200c'’\-]{_W}+)*",  # word, with inner ZWNJ, apostrophe, hyphen
        r"\.{2,}",  # ellipsis written with dots
        r"[^\s\u200c]",  # any other mark
    ]
)
# Each match is (gap, token): the gap is whitespace and stray ZWNJs, the only
# characters no token takes, so matches tile the text and offsets follow from
# lengths (findall is much faster than building a match object per token).
_GAP_AND_TOKEN = re.compile(f"([\\s\u200c]*)({_TOKEN})")
# Tokens the lemmatizer can say something about: words in Arabic script.
_PERSIAN_WORD = re.compile(f"[{_FA}{_MARKS}\u200c]+")


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of `text[start:end]`, with offsets into the whole `text`."""
    pairs = _GAP_AND_TOKEN.findall(text, start, len(text) if end is None else end)
    # Running offsets: before each gap, then before each token; the last is the end.
    offsets = list(accumulate(map(len, chain.from_iterable(pairs)), initial=start))
    return _make_tokens(offsets[1::2], offsets[2::2], [token for _, token in pairs])


def _make_tokens(
    starts: list[int], ends: list[int], texts: list[str], lemmas: Iterable[str] = ()
) -> list[Token]:
    """`Token`s from columns of values (lemmas empty unless given).

    `tuple.__new__` over zipped columns builds the named tuples without a
    Python-level call per token: this is most of the cost of tokenizing.
    """
    return list(map(_new_token, zip(starts, ends, texts, lemmas or repeat(""), strict=False)))


_new_token = partial(tuple.__new__, Token)


def lemmatize(tokens: Sequence[Token]) -> list[Token]:
    """The same tokens with `lemma` set, from shekar's offline verb table and stemmer.

    A verb form gets shekar's `past/present` stem pair (`می‌کند` -> `کرد/کن`),
    another Persian word its stem when shekar knows the stem and not the word
    (`رسانه‌ها` -> `رسانه`, but `امنیت` stays); marks, numbers and Latin keep
    their text.
    """
    texts = [t.text for t in tokens]
    return _make_tokens(
        [t.start for t in tokens], [t.end for t in tokens], texts, list(map(_lemma, texts))
    )


@lru_cache(maxsize=100_000)
def _lemma(word: str) -> str:
    if not _PERSIAN_WORD.fullmatch(word):
        return word
    analyzer = _analyzer()
    verb = analyzer.verbs.get(word)
    if verb is not None and (verb[0] is None or _verbal(word, verb[0], analyzer)):
        past, present = verb
        return present if past is None else f"{past}/{present}"
    stem = analyzer.stem(word)
    if stem and stem != word and stem in analyzer.vocab and word not in analyzer.vocab:
        return stem
    return word


def _verbal(word: str, past: str, analyzer: _Analyzer) -> bool:
    """Whether a form in the verb table is a verb here rather than a homograph.

    shekar's table over-generates (`گروه` -> گروید, `بدون` -> دانست, `آن` -> آمد):
    a word that the lexicon knows as a noun or adjective is a verb only if it
    holds the past stem (`کرده`, `گفته`, `شکست`) or starts with می‌; `کند`
    ("blunt", but in news "does") is the one frequent exception.
    """
    if word in _NOT_VERBS:
        return False
    if word.startswith(_VERB_PREFIXES) or word == "کند" or word not in analyzer.nominal:
        return True
    return past in word


# Frequent function words that shekar's table also lists as verb forms.
_NOT_VERBS = frozenset({"آن", "بر", "مانند", "بدون", "چون", "روی", "سوی"})
_VERB_PREFIXES = ("می\u200c", "نمی\u200c")


@dataclass(frozen=True, slots=True)
class _Analyzer:
    verbs: dict[str, tuple[str | None, str]]  # formal verb form -> (past stem, present stem)
    stem: Callable[[str], str]
    vocab: Collection[str]  # shekar's words: stems are trusted only when listed
    nominal: frozenset[str]  # words the lexicon tags as nouns or adjectives


@cache
def _analyzer() -> _Analyzer:
    # Imported here: shekar takes about half a second to import.
    from shekar import Stemmer, data

    from rasad.text.lexicon import load_lexicon

    lexicon = load_lexicon()
    return _Analyzer(_verb_table(), Stemmer(), data.vocab, lexicon.nouns | lexicon.adjectives)


def _verb_table() -> dict[str, tuple[str | None, str]]:
    """shekar's formal conjugations, with clashes settled the same way on every run.

    shekar builds its own table from a set, so where two verbs share a form
    (`کرده`: کردن, فروکردن) its answer changes with the hash seed. Here the
    verb whose stem the form holds, longest stem first, wins (`نشست` -> نشست,
    not شست).
    """
    from shekar import data
    from shekar.morphology.conjugator import Conjugator

    conjugator = Conjugator()
    readings: dict[str, set[tuple[str, str]]] = {}
    for past, present, *_ in sorted(data.verbs):
        base_past, prefix = conjugator.get_verb_prefix(past)
        base_present, _ = conjugator.get_verb_prefix(present)
        formal, _informal = conjugator.conjugate(base_past, base_present, prefix=prefix)
        for form in formal:
            if " " not in form:
                readings.setdefault(form, set()).add((past, present))
    table: dict[str, tuple[str | None, str]] = {
        form: max((_held(form, k), k) for k in keys)[1] for form, keys in readings.items()
    }
    for stem in ("هست", "نیست"):
        for form in conjugator.simple_present(past_stem=None, present_stem=stem):
            table[form] = (None, stem)
    return table


def _held(form: str, stems: tuple[str, str]) -> int:
    """The length of the longest of `stems` that `form` contains."""
    return max((len(s) for s in stems if s in form), default=0)
