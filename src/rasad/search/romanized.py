"""Persian spellings of a name written in Latin letters: `Ghalibaf` -> قالیباف، غالیباف...

Names that the knowledge base lacks (`Mirsalim`, `Kashan`, `Hatamikia`)
are still in the Persian text, spelled one of a few ways: romanization
drops the short vowels that Persian does not write (`Mirsalim` = میرسلیم),
and several Persian letters share one Latin letter (s = س ص ث, z = ز ذ ض ظ,
gh = غ ق, t = ت ط, h = ه ح). `spellings` writes every reading, most
likely first, up to `MAX_SPELLINGS`; the search index's vocabulary then
says which occur (`rasad.search.hybrid`), so a reading no article holds
costs nothing.
"""

from __future__ import annotations

from functools import lru_cache

MAX_SPELLINGS = 4000
MIN_LETTERS = 3

# Longest Latin sequences first; each with its Persian readings, most likely first.
CONSONANTS: dict[str, tuple[str, ...]] = {
    "kh": ("خ",), "sh": ("ش",), "ch": ("چ",), "zh": ("ژ",), "gh": ("ق", "غ"),
    "th": ("ت", "ث"), "ph": ("ف",), "ck": ("ک",),
    "b": ("ب",), "p": ("پ",), "t": ("ت", "ط"), "j": ("ج",), "h": ("ه", "ح"),
    "d": ("د",), "z": ("ز", "ذ", "ض", "ظ"), "r": ("ر",), "s": ("س", "ص", "ث"),
    "f": ("ف",), "q": ("ق",), "k": ("ک",), "c": ("ک",), "g": ("گ",), "l": ("ل",),
    "m": ("م",), "n": ("ن",), "v": ("و", "ف"), "w": ("و",), "y": ("ی",), "x": ("کس",),
    "'": ("ع", ""),
}  # fmt: skip
# Vowels by position in the word.
INITIAL: dict[str, tuple[str, ...]] = {
    "aa": ("آ",), "a": ("ا", "آ", "ع"), "e": ("ا", "ع"), "i": ("ای", "ا", "ع"),
    "o": ("ا", "او", "ع"), "u": ("او", "ا"), "ou": ("او",), "ei": ("ای",),
}  # fmt: skip
MEDIAL: dict[str, tuple[str, ...]] = {
    "aa": ("ا",), "ou": ("و",), "oo": ("و",), "ee": ("ی",), "ei": ("ی", "ای"),
    "ey": ("ی",), "ai": ("ای", "ی"), "ay": ("ی",), "ia": ("یا", "ی"), "ie": ("ی",),
    "a": ("ا", "", "ع"), "e": ("", "ی", "ع"), "i": ("ی", ""), "o": ("و", ""), "u": ("و",),
}  # fmt: skip
FINAL: dict[str, tuple[str, ...]] = {
    "ah": ("ه",), "eh": ("ه",), "ia": ("یه", "یا"), "a": ("ا", "ه"), "e": ("ه", "ی"),
    "i": ("ی",), "y": ("ی",), "o": ("و",), "u": ("و",), "ee": ("ی",), "ou": ("و",),
    "ei": ("عی", "ی"),
}  # fmt: skip
VOWELS = frozenset("aeiou")


@lru_cache(maxsize=4096)
def spellings(word: str) -> tuple[str, ...]:
    """Persian readings of a romanized word (lower case), most likely first."""
    word = "".join(c for c in word.lower() if c.isalpha() or c == "'")
    if len(word) < MIN_LETTERS or not word.isascii():
        return ()
    out: list[str] = []
    # Depth first, first readings first; a doubled consonant is written once.
    stack: list[tuple[int, str]] = [(0, "")]
    while stack and len(out) < MAX_SPELLINGS:
        i, acc = stack.pop()
        if i >= len(word):
            out.append(acc)
            continue
        options = _options(word, i)
        for length, reading in reversed(options):
            stack.append((i + length, acc + reading))
    return tuple(dict.fromkeys(s for s in out if s))


def _options(word: str, i: int) -> list[tuple[int, str]]:
    """(letters used, Persian reading) for the Latin letters at `i`."""
    if (
        i > 0
        and word[i] == word[i - 1]
        and word[i] not in VOWELS
        and word[i - 2 : i] not in CONSONANTS
    ):
        return [(1, "")]  # a doubled consonant (the h of Mashhad is not: sh, then h)
    out: list[tuple[int, str]] = []
    for size in (2, 1):
        piece = word[i : i + size]
        if len(piece) < size:
            continue
        if piece[0] in VOWELS or piece == "y" and i + 1 == len(word):
            table = INITIAL if i == 0 else FINAL if i + size == len(word) else MEDIAL
            if piece in table:
                out += [(size, r) for r in table[piece]]
        elif piece in CONSONANTS:
            out += [(size, r) for r in CONSONANTS[piece]]
        if out:
            break
    # A medial h after a vowel, and any letter without a reading, may be silent.
    return out or [(1, "")]
