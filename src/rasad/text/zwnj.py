"""Restoring the zero-width non-joiner (U+200C) that crawlers and keyboards drop.

A word written without its ZWNJ (`میکند`, `رسانهها`, `رئیسجمهور`) or with a
space in its place (`می کند`, `رسانه ها`) is analysed against the shipped
lexicon: a known compound, a verb with the `می`/`نمی` prefix, a noun or
adjective with a chain of suffixes (`ها`، `های`، `هایی`، `ای`، `اند`، `تر`...),
or a productive compound head (`نشین`، `کننده`...). A word the lexicon knows
as correctly written without ZWNJ (`میانجی`، `تنها`، `میدان`) is left alone,
and so is every word that already holds a ZWNJ, so correct text comes out
unchanged.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import accumulate

from rasad.model import OffsetLayer
from rasad.text.lexicon import ZWNJ, Lexicon, load_lexicon
from rasad.text.rewrite import apply_edits
from rasad.text.zwnj_model import guess_compound

# Letters that join the letter after them: only there does a ZWNJ show.
JOINING = frozenset("بپتثجچحخسشصضطظعغفقکگلمنهیئ")
VOWEL_FINAL = frozenset("اوی")

WORD = re.compile("[\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc\u200c]+")
_WORD_SPLIT = re.compile(f"({WORD.pattern})")

VERB_PREFIXES = ("نمی", "می")
PREVERBS = ("", "بر", "در", "فرو", "باز", "وا", "فرا")
PRESENT_ENDINGS = ("م", "ی", "د", "یم", "ید", "ند")
PRESENT_ENDINGS_AFTER_VOWEL = ("یم", "یی", "ید", "ییم", "یید", "یند")
PAST_ENDINGS = ("", "م", "ی", "یم", "ید", "ند")
# Clitics written apart after a vowel-final word: خانه‌ای، رفته‌اند، ایرانی‌اند.
CLITICS = ("ای", "ام", "ات", "اش", "ایم", "اید", "اند", "است")
POSSESSIVES_AFTER_VOWEL = ("مان", "تان", "شان")
# The plural and what may follow it, joined to it: های، هایی، هایشان.
PLURAL_CHAINS = tuple(
    "ها" + tail
    for tail in ("", "ی", "یی", "یم", "یت", "یش", "یمان", "یتان", "یشان", "شان", "مان", "تان")
)
COMPARATIVE_CHAINS = ("تر", "ترین", "تری", "ترها", "ترین‌ها", "ترینها")
# Heads that build compounds written with ZWNJ: مسلمان‌نشین، شرکت‌کنندگان.
COMPOUND_HEADS = (
    "نشین",
    "نشینان",
    "کننده",
    "کنندگان",
    "کنندهها",
    "گذاری",
    "گذاریها",
    "گذار",
    "گذاران",
    "آمیز",
    "انگیز",
    "پذیر",
    "پذیری",
    "ناپذیر",
    "رسانی",
    "برداری",
    "شناس",
    "شناسان",
    "شناسی",
    "گیری",
    "گیریها",
    "سازی",
    "ساز",
    "سازان",
    "کنندهای",
)
# Words after which a space is never a lost ZWNJ (به عنوان، در باره).
NEVER_JOIN_AFTER = frozenset(
    "به در از با بر که تا و یا این آن هم را چه چون اگر نیز هر همه یک دو سه چند".split()
)
SPACE_SUFFIXES = frozenset(PLURAL_CHAINS + CLITICS + POSSESSIVES_AFTER_VOWEL + ("تر", "ترین")) - {
    "است"
}
SPACE_PREFIXES = frozenset(VERB_PREFIXES)
_JOIN_TOKENS = SPACE_SUFFIXES | SPACE_PREFIXES

_MIN_LEN = 3


def _edited() -> frozenset[str]:
    return load_lexicon().edited


def _join(left: str, right: str) -> str:
    """Write two morphemes together, with a ZWNJ only where the left one joins."""
    if left and left[-1] in JOINING:
        return left + ZWNJ + right
    return left + right


def _verb(word: str, lex: Lexicon) -> str | None:
    """`میکند` -> `می‌کند`, `برنمیگردد` -> `برنمی‌گردد`, `میکردهاند` -> `می‌کرده‌اند`."""
    for preverb in PREVERBS:
        if not word.startswith(preverb):
            continue
        for prefix in VERB_PREFIXES:
            head = preverb + prefix
            if not word.startswith(head) or len(word) <= len(head) + 1:
                continue
            rest = word[len(head) :]
            form = _conjugated(rest, lex)
            if form is not None:
                return head + ZWNJ + form
    return None


# Impersonal forms with a bare present stem: می‌توان، نمی‌توان.
BARE_PRESENT = frozenset({"توان"})


def _conjugated(rest: str, lex: Lexicon) -> str | None:
    present, past = lex.present_stems, lex.past_stems
    if rest in BARE_PRESENT:
        return rest
    for ending in PAST_ENDINGS:
        stem = rest[: len(rest) - len(ending)] if ending else rest
        if rest.endswith(ending) and stem in past:
            return rest
    for ending in PRESENT_ENDINGS:
        if rest.endswith(ending) and rest[: -len(ending)] in present:
            return rest
    for ending in PRESENT_ENDINGS_AFTER_VOWEL:
        stem = rest[: -len(ending)]
        if rest.endswith(ending) and stem and stem[-1] in VOWEL_FINAL and stem in present:
            return rest
    # Participle with a clitic: کرده، کردهاند، کرده‌است.
    for clitic in ("",) + CLITICS:
        body = rest[: len(rest) - len(clitic)] if clitic else rest
        if rest.endswith(clitic) and body.endswith("ه") and body[:-1] in past:
            return _join(body, clitic) if clitic else body
    return None


def _participle(word: str, lex: Lexicon) -> str | None:
    """`نداشته` / `رفته`: a past participle, optionally negated."""
    if not word.endswith("ه"):
        return None
    stem = word[:-1]
    if stem in lex.past_stems:
        return word
    if stem.startswith("ن") and stem[1:] in lex.past_stems:
        return word
    return _verb(word, lex)


# Scores of analyses whose base has no corpus frequency of its own.
_VERB_SCORE = 1e4
_PARTICIPLE_SCORE = 100.0
_CLITIC_AFTER_HEH = 4.0
# How sure the compound model must be before it adds a ZWNJ to an unknown word.
COMPOUND_THRESHOLD = 0.5
# In text that has lost every ZWNJ, a ZWNJ spelling at least this common
# relative to the plain one is taken to be what the author wrote.
_TWIN_RATIO = 0.5
DERIVATIONAL = ("ی", "انه", "ان", "یان", "ها", "های", "هایی", "ای")


def _base(word: str, lex: Lexicon, depth: int, compounds: bool = True) -> tuple[str, float] | None:
    """The correctly written form of a base word and its frequency, if known."""
    freq = lex.plain.get(word)
    if freq is not None:
        return word, freq
    hit = lex.zwnj.get(word)
    if hit is not None:
        return hit if compounds else (word, hit[1])
    if depth > 0:
        return _analyse(word, lex, depth - 1, compounds)
    return None


def _derived_compound(word: str, lex: Lexicon) -> str | None:
    """A known compound with a derivational ending: سخت‌گیرانه، بین‌المللی."""
    for suffix in DERIVATIONAL:
        body = word[: -len(suffix)]
        if word.endswith(suffix) and (hit := lex.zwnj.get(body)) is not None:
            return _join(hit[0], suffix) if suffix[0] in "اه" else hit[0] + suffix
    return None


def _analyse(
    word: str, lex: Lexicon, depth: int = 2, compounds: bool = True
) -> tuple[str, float] | None:
    """The best ZWNJ-restored reading of a word and its score, or None when nothing fits.

    Readings compete by the frequency of their base word: `خانهای` is read
    as `خانه‌ای` or `خان‌های`, whichever base the lexicon has seen more.
    With `compounds` off only inflection is read (می‌، ‌ها، ‌اند، ‌تر), for
    text whose author writes ZWNJs and so joins a compound on purpose.
    """
    hit = lex.zwnj.get(word)
    if hit is not None and compounds:
        return hit
    if word.startswith(VERB_PREFIXES) or word.startswith(PREVERBS[1:]):
        verb = _verb(word, lex)
        if verb is not None:
            return verb, _VERB_SCORE
    best: tuple[str, float] | None = None

    def offer(form: str, score: float) -> None:
        nonlocal best
        if (
            best is None
            or score > best[1]
            or (score == best[1] and form.count(ZWNJ) < best[0].count(ZWNJ))
        ):
            best = (form, score)

    # Clitics after a vowel-final word (خانه‌ای، کشورهایی‌اند، نداشته‌اند).
    for clitic in CLITICS + POSSESSIVES_AFTER_VOWEL:
        body = word[: -len(clitic)]
        # After ی only the verbal clitics: ایرانی‌اند، but دنیاست، برایشان.
        ok_after = "ه" if clitic == "است" or clitic in POSSESSIVES_AFTER_VOWEL else "هی"
        if word.endswith(clitic) and len(body) >= 2 and body[-1] in ok_after:
            participle = _participle(body, lex)
            if participle is not None:
                offer(_join(participle, clitic), _PARTICIPLE_SCORE)
            elif (base := _base(body, lex, depth, compounds)) is not None:
                # A clitic after ه is the likelier reading of "های" than a plural
                # of the shorter word (خانه‌ای rather than خان‌های).
                offer(_join(base[0], clitic), base[1] * _CLITIC_AFTER_HEH)
    for chain in PLURAL_CHAINS:
        body = word[: -len(chain)]
        if word.endswith(chain) and len(body) >= 2 and (base := _base(body, lex, 0, compounds)):
            offer(_join(base[0], chain), base[1])
    for chain in COMPARATIVE_CHAINS:
        body = word[: -len(chain)]
        if word.endswith(chain) and body in lex.adjectives:
            offer(_join(body, chain), lex.plain.get(body, 1.0))
    if not compounds:
        return best
    for head in COMPOUND_HEADS:
        body = word[: -len(head)]
        if word.endswith(head) and len(body) >= 2 and body[-1] in JOINING:
            if (base := _base(body, lex, 0)) is not None:
                offer(base[0] + ZWNJ + head, base[1] / 2)
    derived = _derived_compound(word, lex)
    if derived is not None:
        offer(derived, 1.0)
    if word.startswith("بی") and len(word) > 4:
        rest = _base(word[2:], lex, 1)
        if rest is not None and (rest[0] in lex.plain or ZWNJ in rest[0]):
            offer("بی" + ZWNJ + rest[0], rest[1] / 2)
    return best


@lru_cache(maxsize=200_000)
def restore_word(word: str, lost: bool = False, trusted: bool = False) -> str:
    """One word without ZWNJ in, the same word with its ZWNJs out.

    `lost` says the whole text has lost its ZWNJs: then a word that careful
    writers spell both ways (مهمترین / مهم‌ترین) takes its ZWNJ spelling when
    that is about as common, and unknown compounds are guessed. `trusted`
    says the text holds ZWNJs, so its author writes them: only inflection is
    repaired, and a joined compound is taken as meant.
    """
    if ZWNJ in word or len(word) < _MIN_LEN:
        return word
    lex = load_lexicon()
    compounds = not trusted
    plain_freq = lex.plain.get(word)
    if plain_freq is not None:
        twin = lex.zwnj.get(word)
        if lost and twin is not None and twin[1] >= _TWIN_RATIO * plain_freq:
            return twin[0]
        if word not in lex.web_only:
            return word  # a word that careful text writes without ZWNJ
        # Web counts hold misspellings, but only a verb reading or a known
        # compound with a derivational ending (سخت‌گیرانه) overrides them.
        verb = _verb(word, lex) if word.startswith(VERB_PREFIXES + PREVERBS[1:]) else None
        derived = _derived_compound(word, lex) if compounds else None
        return verb or derived or word
    # The word plus a joined ی (آسیای، آقای، کتابی) is no lost ZWNJ.
    if word.endswith("ی") and word[:-1] in lex.plain and word[:-1] not in lex.web_only:
        return word
    found = _analyse(word, lex, compounds=compounds)
    if found is not None:
        return found[0]
    # Guessing compounds is only worth its risk where ZWNJs are known lost.
    if lost and len(word) >= 5:
        return guess_compound(word, lex, COMPOUND_THRESHOLD) or word
    return word


@lru_cache(maxsize=100_000)
def _join_across_space(
    left: str, right: str, lost: bool, compound: bool = False, trusted: bool = False
) -> str | None:
    """`می کند` -> `می‌کند`: the pair joined with a ZWNJ, or None to keep the space."""
    if left in NEVER_JOIN_AFTER or left[-1] not in JOINING:
        return None
    bare_left = left.replace(ZWNJ, "")
    # Inflection crosses a space; a compound only in text that lost its
    # ZWNJs, and only one that edited text writes with a ZWNJ: many pairs
    # (پس از، کره شمالی، محیط زیست) are as often written apart on purpose.
    if left not in SPACE_PREFIXES and right not in SPACE_SUFFIXES:
        if not (compound and right not in NEVER_JOIN_AFTER and bare_left + right in _edited()):
            return None
    joined = restore_word(bare_left + right, lost, trusted)
    if joined.replace(ZWNJ, "") != bare_left + right:
        return None
    # Accept only when the analysis puts a ZWNJ exactly where the space was.
    cut = len(left)
    if joined[:cut].replace(ZWNJ, "") == bare_left and joined[cut : cut + 1] == ZWNJ:
        return joined
    return None


def restore_zwnj(text: str, lost: bool | None = None) -> str:
    """Restore missing ZWNJs in `text` (inserting ZWNJs or turning spaces into them).

    `lost=None` decides by the text itself: a text with no ZWNJ at all, in
    which some word can only be read with one, has lost them (crawled or
    typed without); a text that has some is trusted more.
    """
    return restore_zwnj_tracked(text, lost)[0]


def restore_zwnj_tracked(text: str, lost: bool | None = None) -> tuple[str, OffsetLayer]:
    if lost is None:
        # A text with no ZWNJ has lost them if words in it can only be read
        # with one (میکند); a short correct text may just need none.
        if ZWNJ in text:
            return _restore(text, False, trusted=True)
        else:
            first = _restore(text, False)
            edits = first[1].edits
            if not edits:
                return first
            # Were the ZWNJs deleted (میکند) or turned into spaces (می کند)?
            joins = sum(1 for e in edits if " " in text[e.old_start : e.old_end])
            return _restore(text, True, spaced=2 * joins >= len(edits))
    return _restore(text, lost)


def _restore(
    text: str, lost: bool, spaced: bool = False, trusted: bool = False
) -> tuple[str, OffsetLayer]:
    """One pass; `spaced` (with `lost`) also joins known compounds across a space."""
    # parts alternate separator, word, separator, ...: split and the list
    # comprehensions run at C speed; Python only visits words that change.
    parts = _WORD_SPLIT.split(text)
    words = parts[1::2]
    distinct = set(words)
    fixes = {
        w: f for w in distinct if len(w) >= _MIN_LEN and (f := restore_word(w, lost, trusted)) != w
    }
    joinable = not distinct.isdisjoint(_JOIN_TOKENS)
    if not fixes and not joinable and not lost:
        return text, OffsetLayer()
    starts = list(accumulate(map(len, parts), initial=0))
    wanted = fixes.keys() | (_JOIN_TOKENS if joinable else set())
    candidates = {k for k, w in enumerate(words) if w in wanted}
    if joinable:  # the word after a prefix (می کند) may join it
        candidates |= {k + 1 for k, w in enumerate(words) if w in SPACE_PREFIXES}
    compounds: set[int] = set()
    if lost and spaced:  # two words that edited text writes as one compound
        edited = _edited()
        compounds = {k + 1 for k in range(len(words) - 1) if words[k] + words[k + 1] in edited}
        if compounds:
            joinable = True
            candidates |= compounds
    replacements: list[tuple[int, int, str]] = []
    last_k, last_start, last_form = -2, -1, ""
    for k in sorted(candidates):
        if k >= len(words):
            continue
        word = words[k]
        start, end = starts[2 * k + 1], starts[2 * k + 2]
        if joinable and k > 0 and parts[2 * k] == " ":
            before = words[k - 1]
            prev_form = last_form if last_k == k - 1 else fixes.get(before, before)
            if word in SPACE_SUFFIXES or prev_form in SPACE_PREFIXES or k in compounds:
                joined = _join_across_space(prev_form, word, lost, k in compounds, trusted)
                if joined is not None:
                    prev_start = last_start if last_k == k - 1 else starts[2 * k - 1]
                    if replacements and replacements[-1][0] == prev_start:
                        replacements.pop()
                    replacements.append((prev_start, end, joined))
                    last_k, last_start, last_form = k, prev_start, joined
                    continue
        form = fixes.get(word, word)
        if form != word:
            replacements.append((start, end, form))
        last_k, last_start, last_form = k, start, form
    return apply_edits(text, replacements)
