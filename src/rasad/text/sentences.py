"""Sentence boundaries in normalized Persian text, as character spans.

A sentence ends after a run of `.` `!` `?` `؟` `…` (such as `؟!`), and any
closing quotes or brackets right after it, when whitespace follows; a line
break always ends one. Quotations stay whole: no boundary falls inside a
closed «...» (or "...", “...”) of one paragraph, so a quotation of several
sentences is one span, and a quotation that ends with `.»` ends the sentence.
A quotation left open, or longer than `MAX_QUOTE` characters, protects
nothing, so one stray « cannot swallow an article.

Not boundaries: a dot inside a token (`۳.۵`, `1.2.3`, URLs, emails), initials
and abbreviations (`آ.`, `ج.ا.ا.`, `U.S.`, `e.g.`, `Dr.`), a list number at
the start of a sentence (`۱. `), a free-standing ellipsis (`و ... را`) and
any dot followed by a lowercase Latin letter.
"""

from __future__ import annotations

import re

MAX_QUOTE = 1000

_LINE_BREAKS = "\n\r\u2028\u2029"
_CLOSERS = "»”\"')]"
# The end of a sentence (a run of final marks, then closing quotes or brackets,
# then whitespace or the end of the text) or a line break. It opens with one
# character class so that the regex engine can skip ahead to candidates, and
# tries a run of marks only from its first mark, so a long run costs O(n).
_BOUNDARY = re.compile(
    f"[.!?؟…{_LINE_BREAKS}]"
    f"(?:(?<=[{_LINE_BREAKS}])|(?<![.!?؟…].)[.!?؟…]*[{re.escape(_CLOSERS)}]*(?=\\s|\\Z))"
)
_QUOTE_OR_BREAK = re.compile(f'[«»“”"{_LINE_BREAKS}]')
_OPENER = {"»": "«", "”": "“"}
# Single letters and dotted initials (the final dot is not part of the match).
_INITIALS = re.compile(r"[^\W\d_]{1,2}(?:\.[^\W\d_]{1,2})+|[^\W\d_]")
_TITLES = {"dr", "mr", "mrs", "ms", "prof", "st", "jr", "sr", "vs", "inc", "ltd", "co", "gen"}
_LIST_NUMBER = re.compile(r"\d{1,3}")
_NEXT_CHAR = re.compile(r"\s*(\S?)")
_LOOKBACK = 16


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans `[start, end)`, in order, stripped of surrounding whitespace.

    Together the spans cover every non-whitespace character of `text` once.
    """
    quotes = _quotations(text)
    q = 0  # index of the first quotation that may still contain a boundary
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(text):
        found = m.group()
        cut = m.end()
        if found not in _LINE_BREAKS:
            while q < len(quotes) and quotes[q][1] <= cut:
                q += 1
            if q < len(quotes) and quotes[q][0] < cut:
                continue  # inside a quotation that closes later
            marks = found.rstrip(_CLOSERS)
            if len(marks) == len(found) and not _ends_sentence(text, marks, m.start(), cut, start):
                continue
        _add_span(text, start, cut, spans)
        start = cut
    _add_span(text, start, len(text), spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    piece = text[start:end]
    stripped = piece.strip()
    if stripped:
        s = start + len(piece) - len(piece.lstrip())
        spans.append((s, s + len(stripped)))


def _ends_sentence(text: str, marks: str, i: int, end: int, sentence_start: int) -> bool:
    """Whether final `marks` at `text[i:end]`, with nothing closing them, end a sentence."""
    if marks.strip(".…"):
        return True  # a ! or ? among them
    following = _NEXT_CHAR.match(text, end)
    nxt = following.group(1) if following else ""
    if nxt.isascii() and nxt.islower():
        return False
    word = _word_before(text, i).lstrip("«“\"'([")
    if marks != ".":  # an ellipsis, which ends a sentence only when it trails a word
        return bool(word)
    if _INITIALS.fullmatch(word) or word.lower() in _TITLES:
        return False
    # "۱. " opening a sentence numbers a list item.
    return not (_LIST_NUMBER.fullmatch(word) and not text[sentence_start : i - len(word)].strip())


def _word_before(text: str, i: int) -> str:
    """The whitespace-free stretch that ends at `i` ("\\x00" if too long to be an abbreviation)."""
    lo = max(0, i - _LOOKBACK)
    window = text[lo:i]
    if not window or window[-1].isspace():
        return ""
    parts = window.rsplit(None, 1)
    word = parts[-1]
    if len(parts) == 1 and lo > 0 and not text[lo - 1].isspace():
        return "\x00"  # longer than the window: a real word, not an abbreviation
    return word


def _quotations(text: str) -> list[tuple[int, int]]:
    """Outermost closed quotations `[open, close + 1)` that protect their inside.

    Quotations nest; one that stays open to the end of its paragraph, or runs
    over `MAX_QUOTE` characters, protects nothing (quotations inside it still do).
    """
    found: list[tuple[int, int]] = []
    stack: list[tuple[str, int]] = []  # (opening mark, position)
    depth = dict.fromkeys('«“"', 0)  # open quotations of each kind, so closing is O(1)
    for m in _QUOTE_OR_BREAK.finditer(text):
        mark = m.group()
        pos = m.start()
        if mark in _LINE_BREAKS:
            stack.clear()
            depth = dict.fromkeys(depth, 0)
            continue
        opener = _OPENER.get(mark)  # None: this mark opens a quotation
        if mark == '"':
            if depth['"']:
                opener = '"'
            elif pos and text[pos - 1].isalnum():
                continue  # a closing " with nothing open, or an inch mark
        if opener is None:
            stack.append((mark, pos))
            depth[mark] += 1
            continue
        if not depth[opener]:
            continue  # closes nothing
        while True:  # quotations opened inside and left open are dropped
            kind, open_pos = stack.pop()
            depth[kind] -= 1
            if kind == opener:
                break
        if pos + 1 - open_pos <= MAX_QUOTE:
            found.append((open_pos, pos + 1))
    if len(found) < 2:
        return found
    found.sort(key=lambda span: (span[0], -span[1]))
    outer: list[tuple[int, int]] = []
    for span in found:
        if not outer or span[0] >= outer[-1][1]:
            outer.append(span)
    return outer
