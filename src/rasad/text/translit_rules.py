"""Letter rules between Cyrillic Tajik and Persian script, word by word.

Tajik spells every vowel and Persian spells only the long ones, so the rules
are the easy half of transliteration: they are the baseline that
`bench/translit.py` measures the learned model against, and their consonant
skeletons let the trainer find which Tajik word translates which Persian one
in a sentence pair.
"""

from __future__ import annotations

ZWNJ = "\u200c"
TG_VOWELS = frozenset("аеёиоуэюяӣӯ")
TG_LETTERS = frozenset("абвгдеёжзийклмнопрстуфхцчшщъыьэюяғқҳҷӣӯ")
FA_LETTERS = frozenset("آأإؤئءابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیۀ")

# Consonants: one Persian letter each (the commonest of ت/ط, س/ص/ث, ز/ذ/ض/ظ, ه/ح).
_TG_CONSONANTS = {
    "б": "ب",
    "в": "و",
    "г": "گ",
    "ғ": "غ",
    "д": "د",
    "ж": "ژ",
    "з": "ز",
    "й": "ی",
    "к": "ک",
    "қ": "ق",
    "л": "ل",
    "м": "م",
    "н": "ن",
    "п": "پ",
    "р": "ر",
    "с": "س",
    "т": "ت",
    "ф": "ف",
    "х": "خ",
    "ҳ": "ه",
    "ц": "تس",
    "ч": "چ",
    "ҷ": "ج",
    "ш": "ش",
    "щ": "شچ",
    "ъ": "ع",
    "ь": "",
    "ы": "ی",
}
# Vowels by place in the word: (initial, medial, final).
_TG_VOWEL_FORMS = {
    "а": ("ا", "", "ه"),
    "о": ("آ", "ا", "ا"),
    "и": ("ای", "", "ی"),  # inside a word mostly the short vowel Persian omits
    "ӣ": ("ای", "ی", "ی"),
    "у": ("او", "", "و"),
    "ӯ": ("او", "و", "و"),
    "е": ("ای", "ی", "ی"),
    "э": ("ای", "ی", "ی"),
    "ё": ("یا", "یا", "یا"),
    "ю": ("یو", "یو", "یو"),
    "я": ("یا", "یا", "یا"),
}
# Prefixes and suffixes Persian writes apart (ZWNJ) or as their own word.
_TG_PREFIXES = (("ме", "می" + ZWNJ), ("ми", "می" + ZWNJ), ("наме", "نمی" + ZWNJ))
_TG_SUFFIXES = (("ҳоро", ZWNJ + "ها" + ZWNJ + "را"), ("ҳои", ZWNJ + "های"), ("ҳо", ZWNJ + "ها"))


def _tg_core(word: str) -> str:
    out: list[str] = []
    n = len(word)
    for i, ch in enumerate(word):
        forms = _TG_VOWEL_FORMS.get(ch)
        if forms is None:
            out.append(_TG_CONSONANTS.get(ch, ch))
            continue
        prev = word[i - 1] if i else ""
        if i == 0:
            out.append(forms[0])
        elif i == n - 1:
            out.append(forms[2] if prev not in TG_VOWELS else forms[2].replace("ه", "ی"))
        elif prev in TG_VOWELS and ch in "аи":
            # A vowel after a vowel is carried by a seat letter (دائم، ضعیف).
            out.append("ئ" if ch == "и" else "ا")
        else:
            out.append(forms[1])
    return "".join(out)


def tg_to_fa_word(word: str) -> str:
    """One lower-case Tajik word in Persian letters, by rule alone."""
    if not word:
        return word
    head, tail = "", ""
    for tg, fa in _TG_PREFIXES:
        if word.startswith(tg) and len(word) > len(tg) + 2:
            head, word = fa, word[len(tg) :]
            break
    for tg, fa in _TG_SUFFIXES:
        if word.endswith(tg) and len(word) > len(tg) + 1:
            tail, word = fa, word[: -len(tg)]
            break
    if not tail and word.endswith("ро") and len(word) > 4:
        tail, word = ZWNJ + "را", word[:-2]
    # Ezafe: a final -и after a consonant is usually not written in Persian.
    if not tail and len(word) > 4 and word.endswith("и") and word[-2] not in TG_VOWELS:
        word = word[:-1]
    return head + _tg_core(word) + tail


# Persian to Tajik: consonants are unambiguous; vowels are guessed.
_FA_CONSONANTS = {
    "ب": "б",
    "پ": "п",
    "ت": "т",
    "ط": "т",
    "ث": "с",
    "س": "с",
    "ص": "с",
    "ج": "ҷ",
    "چ": "ч",
    "ح": "ҳ",
    "خ": "х",
    "د": "д",
    "ذ": "з",
    "ز": "з",
    "ض": "з",
    "ظ": "з",
    "ر": "р",
    "ژ": "ж",
    "ش": "ш",
    "ع": "ъ",
    "غ": "ғ",
    "ف": "ф",
    "ق": "қ",
    "ک": "к",
    "گ": "г",
    "ل": "л",
    "م": "м",
    "ن": "н",
    "ء": "ъ",
    "أ": "ъ",
    "ؤ": "ъ",
}


def fa_to_tg_word(word: str) -> str:
    """One Persian word in Tajik letters, by rule alone.

    Persian omits short vowels; the rule puts the commonest, а, between any
    two consonants.
    """
    word = word.replace(ZWNJ, "")
    if word.startswith("می") and len(word) > 4:
        return "ме" + fa_to_tg_word(word[2:])
    out: list[str] = []
    for ch in _fa_letters(word):
        if out and ch not in TG_VOWELS and out[-1] not in TG_VOWELS and out[-1].isalpha():
            out.append("а")
        out.append(ch)
    return "".join(out)


def _fa_letters(word: str) -> str:
    """Letter for letter, long vowels read from ا و ی, short ones left out."""
    out: list[str] = []
    n = len(word)
    i = 0
    while i < n:
        ch = word[i]
        nxt = word[i + 1] if i + 1 < n else ""
        first, last = i == 0, i == n - 1
        if ch == "آ":
            out.append("о")
        elif ch == "ا":
            if first:
                out.append("и" if nxt == "ی" else "у" if nxt == "و" else "а")
                if nxt in "یو":
                    i += 1
            else:
                out.append("о")
        elif ch == "و":
            if first or (out and out[-1] in TG_VOWELS):
                out.append("в")
            elif word[i - 1 : i] == "خ" and nxt == "ا":
                pass  # خوا is read хо
            else:
                out.append("у")
        elif ch in "یئ":
            if first or (out and out[-1] in "ао" and not last):
                out.append("й")
            else:
                out.append("ӣ" if last and n > 2 else "и")
        elif ch in "هۀ":
            out.append("а" if last and n > 1 else "ҳ")
        else:
            out.append(_FA_CONSONANTS.get(ch, ch))
        i += 1
    return "".join(out)


# Consonant skeletons: what both scripts agree on, for matching words.
_TG_SKELETON = {
    "б": "b",
    "п": "p",
    "т": "t",
    "д": "d",
    "с": "s",
    "з": "z",
    "ж": "z",
    "ш": "S",
    "ч": "C",
    "ҷ": "J",
    "к": "k",
    "г": "g",
    "қ": "q",
    "ғ": "G",
    "х": "x",
    "ҳ": "h",
    "ф": "f",
    "м": "m",
    "н": "n",
    "л": "l",
    "р": "r",
}
_FA_SKELETON = {
    "ب": "b",
    "پ": "p",
    "ت": "t",
    "ط": "t",
    "د": "d",
    "س": "s",
    "ص": "s",
    "ث": "s",
    "ز": "z",
    "ذ": "z",
    "ض": "z",
    "ظ": "z",
    "ژ": "z",
    "ش": "S",
    "چ": "C",
    "ج": "J",
    "ک": "k",
    "ك": "k",
    "گ": "g",
    "ق": "q",
    "غ": "G",
    "خ": "x",
    "ح": "h",
    "ه": "h",
    "ف": "f",
    "م": "m",
    "ن": "n",
    "ل": "l",
    "ر": "r",
}


def _single(code: str) -> str:
    """Doubled consonants once: Tajik writes the shadda (аммо) that Persian omits (اما)."""
    return "".join(ch for i, ch in enumerate(code) if not i or code[i - 1] != ch)


def tg_skeleton(word: str) -> str:
    """The consonants of a Tajik word, in a script-neutral code."""
    return _single("".join(_TG_SKELETON.get(ch, "") for ch in word.lower()))


def fa_skeleton(word: str) -> str:
    """The consonants of a Persian word in the same code; a final ه is a vowel."""
    if len(word) > 1 and word[-1] in "هۀ":
        word = word[:-1]
    return _single("".join(_FA_SKELETON.get(ch, "") for ch in word))
