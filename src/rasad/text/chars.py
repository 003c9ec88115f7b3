"""Character-level repair of Persian text: letters, digits, marks and spacing.

Length-preserving fixes (ي -> ی, ك -> ک, ٤ -> ۴) go through one
`str.translate`; everything that adds or removes characters goes through
tracked substitutions so clean offsets map back to the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass

from rasad.model import OffsetMap
from rasad.text.rewrite import Replacement, sub_tracked

ZWNJ = "\u200c"

# One-to-one letter and digit fixes.
_LETTERS = {
    "\u064a": "\u06cc",  # ي Arabic yeh -> ی
    "\u0649": "\u06cc",  # ى alef maksura -> ی
    "\u0643": "\u06a9",  # ك Arabic kaf -> ک
    "\u0629": "\u0647",  # ة teh marbuta -> ه
    "\u06d5": "\u0647",  # ە ae -> ه
    "\u0671": "\u0627",  # ٱ alef wasla -> ا
    "\u00a0": " ",  # no-break space
    "\u202f": " ",
    "\u2007": " ",
    "\u3000": " ",
    "\t": " ",
    "\u2028": "\n",
    "\u2029": "\n",
    "\u200d": ZWNJ,  # a joiner where a non-joiner was meant
}
_ARABIC_INDIC_TO_PERSIAN = {chr(0x0660 + i): chr(0x06F0 + i) for i in range(10)}
TABLE = str.maketrans(_LETTERS | _ARABIC_INDIC_TO_PERSIAN)
# The same fixes as (old, new) pairs: a few str.replace calls scan at C speed,
# many times faster than str.translate with a dict on Persian text.
_REPLACEMENTS = tuple((old, new) for old, new in (_LETTERS | _ARABIC_INDIC_TO_PERSIAN).items())


def fix_letters(text: str) -> str:
    """Arabic letters and digits to their Persian forms; odd spaces to plain ones."""
    for old, new in _REPLACEMENTS:
        if old in text:
            text = text.replace(old, new)
    return text


# Digits for search and sorting: every digit to Latin.
LATIN_DIGITS = str.maketrans(
    {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}
)
PERSIAN_DIGITS = str.maketrans({str(i): chr(0x06F0 + i) for i in range(10)})

# Compatibility characters where NFKC is safe: Arabic presentation forms,
# Latin ligatures, full-width forms and odd spaces. (Not "…", not ZWNJ.)
# A Cyrillic letter with combining marks (и + U+0304) is composed (ӣ), as Tajik writes it.
_NFKC_SAFE = re.compile(
    "[\ufb00-\ufb4f\ufb50-\ufdff\ufe70-\ufefe\uff01-\uff5e\u2000-\u200a]+"
    "|[\u0400-\u04ff][\u0300-\u036f]+"
)
# Kashida, stray marks and invisible characters that carry nothing.
_INVISIBLE = "\u0640\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad"
# Short vowels, shadda, sukun, tanwin (except fathatan in اً), superscript alef.
_MARKS = "\u064c-\u0652\u0670\u0655-\u065f\u06e1"
_DELETE = re.compile(f"[{_INVISIBLE}]+")
_DELETE_WITH_MARKS = re.compile(f"[{_INVISIBLE}{_MARKS}\u064b]+")
# ZWNJs that separate nothing: beside a space, doubled, at the end or start.
_BAD_ZWNJ = re.compile(f"[ \\n]{ZWNJ}+|{ZWNJ}(?:{ZWNJ}+|(?=\\s)|$)")
_LEADING_ZWNJ = re.compile(f"\\A{ZWNJ}+")
_PERSIAN_LETTER = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
_IS_PERSIAN_LETTER = re.compile(f"[{_PERSIAN_LETTER}]")
# Every spacing rule in one scan; each alternative starts with a literal so
# the scan stays fast:
#   latin    ? ; , after a Persian letter become ؟ ؛ ،
#   space    no runs of spaces, none at line edges, none before closing marks
#   opening  no space after « ( [
#   missing  a space after ، ؛ ؟ ! » when a letter follows directly
_SPACING = re.compile(
    # The look-ahead lets the scan skip every character that starts no rule.
    "(?=[ ?;,\\n«(\\[،؛؟!»])(?:"
    "(?P<latin>[?;,]| [?;,])"
    "|(?P<space> (?: +|(?=[،؛؟!.:»)\\]\\n])|$)|\\n +)"
    "|(?P<opening>[«(\\[]) +"
    f"|(?P<missing>[،؛؟!»])(?=[{_PERSIAN_LETTER}«])"
    ")"
)
# Cheap tests for whether the spacing scan has anything to do.
_SPACING_HINTS = ("  ", " \n", "\n ", "« ", "( ", "[ ", "?", ";", ",") + tuple(
    " " + mark for mark in "،؛؟!.:»)]"
)
_MISSING_SPACE_HINT = re.compile(f"[،؛؟!»][{_PERSIAN_LETTER}«]")
_LATIN_PUNCT_MAP = {"?": "؟", ";": "؛", ",": "،"}


def _spacing(m: re.Match[str]) -> str:
    kind = m.lastgroup
    found = m.group()
    if kind == "latin":
        text, start, end = m.string, m.start(), m.end()
        before = text[start - 1] if start > 0 else ""
        after = text[end] if end < len(text) else "\n"
        if _IS_PERSIAN_LETTER.match(before) and (
            after.isspace() or _IS_PERSIAN_LETTER.match(after)
        ):
            mark = _LATIN_PUNCT_MAP[found[-1]]
            return mark if after.isspace() else mark + " "
        return found
    if kind == "space":
        if found[0] == "\n":
            return "\n"
        text, start, end = m.string, m.start(), m.end()
        edge = (
            start == 0 or text[start - 1] == "\n" or end == len(text) or text[end] in "\n،؛؟!.:»)]"
        )
        return "" if edge else " "
    if kind == "opening":
        return found[0]
    return found + " "


def _always(text: str) -> bool:
    return True


def _has_zwnj(text: str) -> bool:
    return ZWNJ in text


def _starts_with_zwnj(text: str) -> bool:
    return text.startswith(ZWNJ)


def _needs_spacing(text: str) -> bool:
    return (
        text.startswith(" ")
        or any(hint in text for hint in _SPACING_HINTS)
        or _MISSING_SPACE_HINT.search(text) is not None
    )


def _delete(m: re.Match[str]) -> str:
    found = m.group()
    # Fathatan stays on alef (کاملاً); every other mark in the run goes.
    if "\u064b" in found and m.start() > 0 and m.string[m.start() - 1] == "\u0627":
        return "\u064b" if found[0] == "\u064b" else ""
    return ""


@dataclass(frozen=True, slots=True)
class CharOptions:
    keep_diacritics: bool = False
    digits: str = "keep"  # keep | latin | persian (Arabic-Indic always become Persian)
    spacing: bool = True


def _nfkc(m: re.Match[str]) -> str:
    return fix_letters(unicodedata.normalize("NFKC", m.group()))


def _bad_zwnj(m: re.Match[str]) -> str:
    found = m.group()
    if found[0] != ZWNJ:
        return found[0]  # the space before the ZWNJs stays
    text, end = m.string, m.end()
    if m.start() > 0 and end < len(text) and not text[end].isspace():
        return ZWNJ  # a doubled ZWNJ inside a word becomes one
    return ""


def normalize_chars_tracked(
    text: str, options: CharOptions = CharOptions()
) -> tuple[str, OffsetMap]:
    """Repair characters and spacing; return the text and its offset map."""
    offsets = OffsetMap()
    if _NFKC_SAFE.search(text):
        text, layer = sub_tracked(_NFKC_SAFE, _nfkc, text)
        offsets = offsets.then(layer)
    text = fix_letters(text)
    if options.digits == "latin":
        text = text.translate(LATIN_DIGITS)
    elif options.digits == "persian":
        text = text.translate(PERSIAN_DIGITS)
    # Each pass runs only when its cheap test says it has work, and each test
    # looks at the text as the passes before it left it.
    passes: list[tuple[Callable[[str], bool], re.Pattern[str], Replacement]] = [
        (_always, _DELETE, "")
        if options.keep_diacritics
        else (_always, _DELETE_WITH_MARKS, _delete),
        (_has_zwnj, _BAD_ZWNJ, _bad_zwnj),
        (_starts_with_zwnj, _LEADING_ZWNJ, ""),
    ]
    if options.spacing:
        passes.append((_needs_spacing, _SPACING, _spacing))
    for needed, pattern, repl in passes:
        if needed(text):
            text, layer = sub_tracked(pattern, repl, text)
            offsets = offsets.then(layer)
    return text, offsets


def normalize_chars(text: str, options: CharOptions = CharOptions()) -> str:
    return normalize_chars_tracked(text, options)[0]


def fold_for_search(text: str) -> str:
    """The search key of a text: Persian letters, Latin digits, no ZWNJ or marks."""
    text = normalize_chars(text, CharOptions(digits="latin", spacing=False))
    return text.replace(ZWNJ, "").lower()
