"""Folding at C speed, and finding words by their folded form without cutting text into words.

Most characters of news text fold on their own: `ي` is `ی` wherever it
stands, a ZWNJ or a diacritic disappears, `۴` is `4`, a comma stays a
separator. For text made only of such characters (one regex scan says so),
folding the whole text with a few `str.replace` calls gives exactly what
folding word by word gives (`rasad.search.fold`), several times faster.

Highlights use the same idea. With the marks, ZWNJs and kashidas taken out
(they are inside a word or outside all words, never between two), a term is
found with one regex whose every letter is the class of characters that
fold to it (`رییس` matches `رئیس`, `رييس`, `رئيس`...), and each match is
mapped back to the text as written.

A character is simple when its fold is the same alone and inside a word and
it moves no word boundary: a letter or digit, a separator that folds to
separators, or a character that folding removes and that may stand inside a
word (a mark, ZWNJ, kashida). Text with anything else (another script's
vowel signs, a symbol that folds to letters) takes the word-by-word path.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from functools import cache, lru_cache
from itertools import accumulate
from typing import NamedTuple

from rasad.search.fold import INVISIBLE, MARKS, TERM, fold_chars

# Blocks whose characters may be simple: Latin, Arabic, punctuation, Arabic presentation forms.
RANGES = ((0x0000, 0x024F), (0x0600, 0x06FF), (0x2000, 0x206F), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF))
_INSIDE = re.compile(f"[{MARKS}{INVISIBLE}]")
_INSIDE_RUN = re.compile(f"[{MARKS}{INVISIBLE}]+")
_INSIDE_SPLIT = re.compile(f"([{MARKS}{INVISIBLE}]+)")
_LETTER = r"[^\W_]"

Span = tuple[int, int]


class Chars(NamedTuple):
    mapped: dict[str, str]  # simple character (case folded) -> its fold, where they differ
    special: re.Pattern[str]  # a character that is not its own fold, or not simple
    canonical: dict[str, str]  # readable character -> the one character it folds to
    variant: re.Pattern[str]  # a readable character that is not its own fold
    other: re.Pattern[str]  # a character term patterns cannot read


@cache
def chars() -> Chars:
    mapped: dict[str, str] = {}
    same: list[str] = []
    canonical: dict[str, str] = {}
    readable: list[str] = []  # simple as written, folding to one character or none
    for lo, hi in RANGES:
        for code in range(lo, hi + 1):
            raw = chr(code)
            c = raw.casefold()
            if len(c) != 1:
                continue
            folded = "".join(fold_chars(c))
            if folded == "" and not _INSIDE.fullmatch(c):
                continue  # removed, but it would end a word: not simple
            if folded and not TERM.fullmatch(c) and TERM.search(folded):
                continue  # a separator that folds into letters
            if folded == c:
                same.append(c)
            else:
                mapped[c] = folded
            # Presentation forms fold fine, but clean text has none
            # (normalization turns them into letters): read word by word.
            if code >= 0xFB50:
                continue
            if len(folded) == 1:
                readable.append(raw)
                if folded != raw:
                    canonical[raw] = folded
            elif not folded or not TERM.search(c + folded):
                readable.append(raw)  # removed, or a separator however folded (…)
    keep = "".join(map(re.escape, sorted(set(same))))
    variants = "".join(map(re.escape, sorted(canonical)))
    return Chars(
        mapped,
        re.compile(f"[^{keep}]"),
        canonical,
        re.compile(f"[{variants}]"),
        re.compile(f"[^{''.join(map(re.escape, sorted(set(readable))))}]"),
    )


def fold_text(text: str) -> str | None:
    """The whole text folded (terms are its runs of letters and digits), or None if not simple."""
    table = chars()
    text = text.casefold()
    special = set(table.special.findall(text))
    if not special:
        return text
    if not special <= table.mapped.keys():
        return None
    for c in special:
        text = text.replace(c, table.mapped[c])
    return text


def is_simple(text: str) -> bool:
    """Whether `find` reads `text` exactly as folding word by word would."""
    return chars().other.search(text) is None


@lru_cache(maxsize=256)
def alternatives_pattern(alternatives: tuple[tuple[str, ...], ...]) -> re.Pattern[str]:
    """One regex for every alternative (a run of terms), in `compact` text.

    The alternatives share their beginnings (a word and its suffixed forms,
    a phrase and its variants), so they are written as a tree of letters,
    a pattern a few times shorter (Python compiles a regex in time
    proportional to its length). Compact text has every letter in its folded
    form, so the letters are plain characters. The pattern matches nothing
    itself: group 1 holds the match, inside a look-ahead, so matches may
    overlap (`a b a b` holds the phrase `a b` twice) and `finditer` still
    tries every start.
    """
    # Tried only where a word starts with a letter some alternative starts with.
    firsts = "".join(sorted({re.escape(alt[0][0]) for alt in alternatives}))
    return re.compile(f"(?=[{firsts}])(?<!{_LETTER})(?=({_tree_pattern(alternatives)}))")


_END, _GAP, _ACCEPT = "\x00", "\x01", ""
_LONG = 200  # longer alternatives are written out one by one (the tree recurses)
Tree = dict[str, "Tree"]


def _tree_pattern(alternatives: Iterable[tuple[str, ...]]) -> str:
    root: Tree = {}
    flat = []
    for alt in alternatives:
        symbols = _GAP.join(term + _END for term in alt)
        if len(symbols) > _LONG:
            flat.append(symbols)
            continue
        node = root
        for symbol in symbols:
            node = node.setdefault(symbol, {})
        node[_ACCEPT] = {}
    return "|".join(p for p in [_render(root) if root else "", *map(_render_flat, flat)] if p)


def _render(node: Tree) -> str:
    branches = []
    # Longer matches first: a phrase before the word that starts it.
    for symbol in sorted(node, key=lambda k: (k == _ACCEPT, k == _END, k)):
        if symbol == _ACCEPT:
            branches.append("")
        else:
            branches.append(_symbol(symbol) + _render(node[symbol]))
    return branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"


def _render_flat(symbols: str) -> str:
    return "".join(map(_symbol, symbols))


def _symbol(symbol: str) -> str:
    if symbol == _END:
        return f"(?!{_LETTER})"  # the word ends here
    if symbol == _GAP:
        return r"[\W_]+"  # between the words of a phrase: anything but letters and digits
    return re.escape(symbol)


def find(text: str, alternatives: tuple[tuple[str, ...], ...]) -> list[Span]:
    """Spans of simple `text` where an alternative stands, trailing marks included.

    The marks and ZWNJs are taken out first (`compact`), the pattern runs on
    what is left, and each match is mapped back.
    """
    bare, starts, shifts = compact(text)
    pattern = alternatives_pattern(alternatives)
    spans = []
    for m in pattern.finditer(bare):
        s, e = m.span(1)
        start = _back(s, starts, shifts)
        end = _back(e - 1, starts, shifts) + 1
        after = _INSIDE_RUN.match(text, end)
        spans.append((start, after.end() if after else end))
    return spans


def compact(text: str) -> tuple[str, list[int], list[int]]:
    """`text` without marks, ZWNJs and kashidas, each letter in its folded form.

    Also where each cut is, and how much was cut by then, to map positions
    back. (Folding a readable letter gives one letter: offsets hold.)
    """
    parts = _INSIDE_SPLIT.split(text)
    if len(parts) == 1:
        bare, starts, shifts = text, [], []
    else:
        pieces = parts[0::2]
        # After cut i the compact text resumes at the length of the pieces
        # before it, shifted by the length of the cuts so far.
        starts = list(accumulate(map(len, pieces[:-1])))
        shifts = list(accumulate(map(len, parts[1::2])))
        bare = "".join(pieces)
    table = chars()
    for c in set(table.variant.findall(bare)):
        bare = bare.replace(c, table.canonical[c])
    return bare, starts, shifts


def _back(pos: int, starts: list[int], shifts: list[int]) -> int:
    """A position of the compact text in the text as written."""
    i = bisect_right(starts, pos) - 1
    return pos + shifts[i] if i >= 0 else pos
