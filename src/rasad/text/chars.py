"""Character-level repair of Persian text: letters, digits, marks and spacing.

Length-preserving fixes (ي -> ی, ك -> ک, ٤ -> ۴) go through one
`str.translate`; everything that adds or removes characters goes through
tracked substitutions so clean offsets map back to the raw text.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from rasad.model import OffsetMap
from rasad.text.rewrite import sub_tracked

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
# Digits for search and sorting: every digit to Latin.
LATIN_DIGITS = str.maketrans(
    {chr(0x06F0 + i): str(i) for i in range(10)} | {chr(0x0660 + i): str(i) for i in range(10)}
)
PERSIAN_DIGITS = str.maketrans({str(i): chr(0x06F0 + i) for i in range(10)})

# Compatibility characters where NFKC is safe: Arabic presentation forms,
# Latin ligatures, full-width forms and odd spaces. (Not "…", not ZWNJ.)
_NFKC_SAFE = re.compile("[\ufb00-\ufb4f\ufb50-\ufdff\ufe70-\ufefe\uff01-\uff5e\u2000-\u200a]+")
# Kashida, stray marks and invisible characters that carry nothing.
_KASHIDA_AND_INVISIBLE = re.compile(
    "[\u0640\u200b\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff\u00ad]+"
)
# Short vowels, shadda, sukun, tanwin (except fathatan in اً), superscript alef.
_DIACRITICS = re.compile("[\u064c-\u0652\u0670\u0655-\u065f\u06e1]|(?<!\u0627)\u064b")
# ZWNJ where it cannot separate anything: doubled, beside a space, at word edges.
_BAD_ZWNJ = re.compile(f"{ZWNJ}{{2,}}|(?<=[\\s]){ZWNJ}+|{ZWNJ}+(?=[\\s]|$)|^{ZWNJ}+", re.M)
_PERSIAN_LETTER = "\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc"
# Latin ? ; , next to Persian letters become ؟ ؛ ،
_LATIN_PUNCT = re.compile(f"(?<=[{_PERSIAN_LETTER}])[ ]?([?;,])(?=[\\s{_PERSIAN_LETTER}]|$)", re.M)
# No space before closing marks, no space after opening ones.
_SPACE_BEFORE_CLOSE = re.compile("[ ]+(?=[،؛؟!.:»)\\]])")
_SPACE_AFTER_OPEN = re.compile("(?<=[«(\\[])[ ]+")
# A space after , ؛ ؟ ! and » when a letter follows directly.
_MISSING_SPACE = re.compile(f"(?<=[،؛؟!»])(?=[{_PERSIAN_LETTER}«])")
_MULTI_SPACE = re.compile("[ ]{2,}")
_TRAILING_SPACE = re.compile("[ ]+$|^[ ]+", re.M)
_LATIN_PUNCT_MAP = {"?": "؟", ";": "؛", ",": "،"}


@dataclass(frozen=True, slots=True)
class CharOptions:
    keep_diacritics: bool = False
    digits: str = "keep"  # keep | latin | persian (Arabic-Indic always become Persian)
    spacing: bool = True


def _nfkc(m: re.Match[str]) -> str:
    return unicodedata.normalize("NFKC", m.group()).translate(TABLE)


def normalize_chars_tracked(
    text: str, options: CharOptions = CharOptions()
) -> tuple[str, OffsetMap]:
    """Repair characters and spacing; return the text and its offset map."""
    offsets = OffsetMap()
    if _NFKC_SAFE.search(text):
        text, layer = sub_tracked(_NFKC_SAFE, _nfkc, text)
        offsets = offsets.then(layer)
    text = text.translate(TABLE)
    if options.digits == "latin":
        text = text.translate(LATIN_DIGITS)
    elif options.digits == "persian":
        text = text.translate(PERSIAN_DIGITS)
    passes: list[tuple[re.Pattern[str], str | object]] = [(_KASHIDA_AND_INVISIBLE, "")]
    if not options.keep_diacritics:
        passes.append((_DIACRITICS, ""))
    passes.append((_BAD_ZWNJ, lambda m: ZWNJ if m.group().startswith(ZWNJ * 2) else ""))
    if options.spacing:
        passes += [
            (_LATIN_PUNCT, lambda m: _LATIN_PUNCT_MAP[m.group(1)]),
            (_SPACE_BEFORE_CLOSE, ""),
            (_SPACE_AFTER_OPEN, ""),
            (_MISSING_SPACE, " "),
            (_MULTI_SPACE, " "),
            (_TRAILING_SPACE, ""),
        ]
    for pattern, repl in passes:
        text, layer = sub_tracked(pattern, repl, text)  # type: ignore[arg-type]
        offsets = offsets.then(layer)
    return text, offsets


def normalize_chars(text: str, options: CharOptions = CharOptions()) -> str:
    return normalize_chars_tracked(text, options)[0]


def fold_for_search(text: str) -> str:
    """The search key of a text: Persian letters, Latin digits, no ZWNJ or marks."""
    text = normalize_chars(text, CharOptions(digits="latin", spacing=False))
    return text.replace(ZWNJ, "").lower()
