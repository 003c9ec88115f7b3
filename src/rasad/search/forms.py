"""Other written forms of a query word: inflected, split at a ZWNJ, joined.

Persian writes one word three ways (`رئیس‌جمهور`, `رئیس جمهور`,
`رئیسجمهور`) and adds suffixes that are written attached (`کتاب‌های`).
The index holds folded terms (`rasad.search.fold`), where ZWNJ is gone, so
`رئیس‌جمهور` and `رئیسجمهور` already meet; what is left is

- inflection: a word also matches itself with a plural suffix (`ها`،
  `های`، `هایشان`...) or, after a final heh, a clitic (`خانه‌ای`،
  `خانه‌ام`، `خانه‌ی`، `خانه‌شان`): `کتاب` finds `کتابهای`. These are
  written after a ZWNJ, so the form is always the word and its suffix.
  Suffixes written joined (`ان`، `ات`، `ین`، a possessive `م`، `ش`،
  `مان`...; after `ا` or `و` the glide `ی`: `آقای`، `دانشجویان`; after
  `نده` or `ته` the plural `گان`: `نمایندگان`; `ه` to `ات` for a common
  Arabic plural: `مطالعات`) often make another word (`مردم` is not "my
  man", `سالم` not "my year", `کرمان` no plural of `کرم`), so such a form
  is kept only where it does not start with a word the lexicon lists as one
  of its own (with a part of speech other than plural); a verb stem takes
  no `م` (`دارم` is "I have"), a word the lexicon tags only as a function
  word (`اگر`) none of them. The adjective `ی` after a consonant (`ایرانی`،
  `دولتی`) is another word and is not added, nor the singular "your" `ت`
  (`پورت`). A word of one or two letters is mostly a function word or the
  start of another word (`تن` and `تنها`), so its forms are kept only where
  the lexicon does not know them as words of their own;
- space: a word also matches its pieces as a phrase (`رییس جمهور`). The
  pieces come from the query's own ZWNJs, from the lexicon's ZWNJ spelling
  of the word, from a suffix it ends with (`کشورها` -> `کشور ها`), or, for
  a word the lexicon does not know, from any cut into two pieces of three
  letters or more; a word the lexicon knows as written solid is cut only
  before a suffix or into two words it knows of three letters or more
  (`سخنگوی` -> `سخن گوی`, never `ایران` -> `ای ران`);
- two query words written apart also match the two joined (`رییسجمهور`);
- a hamza may sit on the other seat (`مسئول`, `مسؤول`).

Every candidate is kept only where the index's own vocabulary holds it, so
a query grows only by forms that occur. This module only proposes forms;
`rasad.search.query` asks the index which exist.
"""

from __future__ import annotations

from functools import cache, lru_cache

from rasad.search.fold import fold_word, word_parts
from rasad.text.zwnj import CLITICS, PLURAL_CHAINS, POSSESSIVES_AFTER_VOWEL

# Suffixes written after a ZWNJ (or joined) in standard Persian, folded: the
# plural and what may follow it; after a final heh also the clitics and ezafe.
SUFFIXES: tuple[str, ...] = PLURAL_CHAINS
SUFFIXES_AFTER_HEH: tuple[str, ...] = (*CLITICS[:-1], "ی", *POSSESSIVES_AFTER_VOWEL)
# Suffixes written joined, that may also make another word: checked against the lexicon.
# (Not the singular "your" ت: news hardly addresses its reader, and پورت or
# ابرت are other words.)
POSSESSIVES = ("م", "ش", *POSSESSIVES_AFTER_VOWEL)
JOINED_AFTER_CONSONANT: tuple[str, ...] = (
    *(plural + tail for plural in ("ان", "ات") for tail in ("", *POSSESSIVES)),
    "ین",
    *POSSESSIVES,
)
JOINED_AFTER_LONG_VOWEL: tuple[str, ...] = tuple(
    "ی" + tail for tail in ("", "ان", *POSSESSIVES, *("ان" + p for p in POSSESSIVES))
)
JOINED_AFTER_YEH: tuple[str, ...] = tuple("ان" + tail for tail in ("", *POSSESSIVES))
# After a final heh the suffix replaces it: نماینده -> نمایندگان, مطالعه -> مطالعات.
REPLACING_HEH: tuple[str, ...] = tuple(
    plural + tail for plural in ("گان", "ات") for tail in ("", *POSSESSIVES)
)
PARTICIPLE_ENDS = ("نده", "ده", "ته")  # the words whose plural in گان is standard
COMMON_PER_MILLION = 2.0  # مطالعات 126, حملات 56, نظریات 12; خانات (of خان) 0.5
SHORT = 2  # words this long or shorter inflect only into forms that are no word
MIN_PIECE = 3  # a cut of an unknown word never leaves a piece shorter than this
SOLID_PIECE = 3  # nor, in a word the lexicon knows written solid, shorter than this


@cache
def _lexicon() -> tuple[frozenset[str], dict[str, tuple[str, ...]]]:
    """Folded lexicon: words written solid, and ZWNJ words with their pieces."""
    from rasad.text.lexicon import load_lexicon

    lexicon = load_lexicon()
    zwnj: dict[str, tuple[str, ...]] = {}
    for form, _freq in lexicon.zwnj.values():
        folded = "".join(fold_word(form))
        pieces = tuple(word_parts(form))
        if folded and len(pieces) > 1:
            zwnj.setdefault(folded, pieces)
    solid = frozenset(t for w in lexicon.plain for t in fold_word(w)) - frozenset(zwnj)
    return solid, zwnj


def is_letters(term: str) -> bool:
    """Whether a term is a word of letters (digits and Latin get no Persian suffixes)."""
    return term.isalpha() and not term.isascii()


def suffixes_of(term: str) -> tuple[str, ...]:
    return SUFFIXES + SUFFIXES_AFTER_HEH if term.endswith("ه") else SUFFIXES


@cache
def _function_words() -> frozenset[str]:
    """Folded words the lexicon tags, never as a noun or adjective (اگر، که): no joined forms."""
    return frozenset(w for w, tags in _tags().items() if not tags & {"N", "AJ"})


@cache
def _verb_stems() -> frozenset[str]:
    """Folded past and present stems: a stem with م is a verb's first person."""
    from rasad.text.lexicon import load_lexicon

    lexicon = load_lexicon()
    return frozenset(t for w in lexicon.past_stems | lexicon.present_stems for t in fold_word(w))


@cache
def _own_words() -> frozenset[str]:
    """Folded words the lexicon lists with a part of speech other than plural.

    Such a word is a word of its own (`مردم`، `سالم`، `کرمان`), not an
    inflected form of a shorter one; inflected forms are untagged or plural.
    """
    return frozenset(w for w, tags in _tags().items() if "PL" not in tags)


@cache
def _tags() -> dict[str, frozenset[str]]:
    """Folded word -> the parts of speech the lexicon gives it (words without any left out)."""
    import gzip
    from importlib import resources

    base = resources.files("rasad") / "resources" / "lexicon" / "words.tsv.gz"
    out: dict[str, frozenset[str]] = {}
    with base.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as f:
        for line in f:
            fields = line.rstrip("\n").split("\t")
            if len(fields) > 2 and fields[2] and not fields[0].startswith("#"):
                tags = frozenset(fields[2].split(","))
                for term in fold_word(fields[0]):
                    out[term] = out.get(term, frozenset()) | tags
    return out


def _other_word(form: str, size: int) -> bool:
    """Whether `form` is a longer word of its own than its first `size` letters, or one inflected.

    `مردم` is a word of its own; `مردمان` is `مردم` with `ان`, not `مرد`
    with `مان`. (`تحقیقات` is no form of the adverb `تحقیقا`: after an alef
    no `ت` is written joined.)
    """
    own = _own_words()
    for k in range(size + 1, len(form) + 1):
        head = form[:k]
        if head in own and (k == len(form) or form in joined_forms(head)):
            return True
    return False


def _frequency(word: str) -> float:
    """Occurrences per million of a word written solid, by the lexicon (0 if unlisted)."""
    from rasad.text.lexicon import load_lexicon

    return load_lexicon().plain.get(word, 0.0)


def joined_forms(term: str) -> list[str]:
    """`term` with the suffixes written joined to it, before the lexicon check."""
    last = term[-1]
    if last == "ه":
        stem = term[:-1]
        # Only Arabic words take ات for their heh (مطالعات, but خانه -> خانات
        # "khanates"): the plural must be one the lexicon lists as common.
        forms = []
        if _frequency(stem + "ات") >= COMMON_PER_MILLION:
            forms = [stem + s for s in REPLACING_HEH if s.startswith("ات")]
        if term.endswith(PARTICIPLE_ENDS):
            forms += [stem + s for s in REPLACING_HEH if s.startswith("گان")]
        return forms
    if last in "او":
        return [term + s for s in JOINED_AFTER_LONG_VOWEL]
    if last == "ی":
        return [term + s for s in JOINED_AFTER_YEH]
    return [term + s for s in JOINED_AFTER_CONSONANT]


@lru_cache(maxsize=50_000)
def inflected(term: str) -> tuple[str, ...]:
    """`term` with each suffix attached (for short words, less forms that are words).

    Forms written joined are kept only where they do not start with a word
    of its own longer than `term`.
    """
    if not is_letters(term):
        return ()
    forms = [term + s for s in suffixes_of(term)]
    if term not in _function_words():
        verb = term in _verb_stems()  # دار + م is "I have"; بین + م "I see"
        forms += [
            f
            for f in joined_forms(term)
            if not _other_word(f, len(term)) and not (verb and f == term + "م")
        ]
    if len(term) <= SHORT:
        solid, _ = _lexicon()
        forms = [
            f for f in forms if not any(f[:k] in solid for k in range(len(term) + 1, len(f) + 1))
        ]
    return tuple(forms)


@lru_cache(maxsize=50_000)
def pieces(term: str, written: str = "") -> tuple[tuple[str, ...], ...]:
    """Ways to write `term` as two or more words, most trusted first.

    `written` is the word as the query wrote it: its ZWNJs say where it may
    be cut.
    """
    out: list[tuple[str, ...]] = []
    if written:
        parts = tuple(word_parts(written))
        if len(parts) > 1:
            out.append(parts)
    if not is_letters(term):
        return tuple(out)
    solid, zwnj = _lexicon()
    if term in zwnj:
        out.append(zwnj[term])
    for suffix in SUFFIXES + SUFFIXES_AFTER_HEH:
        stem = term[: -len(suffix)]
        if term.endswith(suffix) and len(stem) > SHORT and suffix in suffixes_of(stem):
            out.append((stem, suffix))
    if term not in solid and term not in zwnj:
        for i in range(MIN_PIECE, len(term) - MIN_PIECE + 1):
            out.append((term[:i], term[i:]))
    elif term not in zwnj:
        # A word written solid is cut only into two words the lexicon knows,
        # neither shorter than three letters: سخنگوی -> سخن گوی, not ایران -> ای ران.
        for i in range(SOLID_PIECE, len(term) - SOLID_PIECE + 1):
            if term[:i] in solid and term[i:] in solid:
                out.append((term[:i], term[i:]))
    return tuple(dict.fromkeys(out))


_SEATS = str.maketrans({"ئ": "ؤ", "ؤ": "ئ"})


def hamza_seats(written: str) -> tuple[str, ...]:
    """The word with its hamza on the other seat, folded: `مسئول` <-> `مسؤول`.

    Folding keeps the seat (ی or و), since `رئیس` is also written `رییس`;
    the two standard spellings of one word differ only by it.
    """
    if "ئ" not in written and "ؤ" not in written:
        return ()
    other = written.translate(_SEATS)
    return tuple(t for t in fold_word(other) if t) if len(fold_word(other)) == 1 else ()


def joined(left: str, right: str) -> str:
    """Two query words written as one (the folded form has no ZWNJ to add)."""
    return left + right if is_letters(left) and is_letters(right) else ""
