"""Transliteration between Cyrillic Tajik and Persian script, line for line.

Each word goes through four layers, most specific first:

0. names of the region written by hand (`names.tsv`), which also say which
   Tajik names are capitalized;
1. a word table learned from aligned Tajik-Persian sentence pairs (the
   commonest spelling of each word seen in training);
2. a joint-sequence model of letter pieces (`translit_model`) that proposes
   spellings of unseen words; Tajik to Persian, the proposals are re-ranked
   with the frequencies of rasad's Persian lexicon, since Persian drops short
   vowels and several letters sound alike (س/ص/ث, ت/ط, ز/ذ/ض/ظ, ه/ح);
3. the letter rules of `translit_rules` for anything the model cannot spell.

Persian to Tajik, an ezafe model (`translit_ezafe`) adds the -и Persian does
not write, and the object marker را joins its word (китобро).

Everything that is not a word (spaces, digits, punctuation, Latin text)
passes through with Persian and Latin punctuation and digits swapped. The
model and tables live in `rasad/resources/translit/` (built by
scripts/build_translit.py) and load once, on first use.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from rasad.text.chars import CharOptions, normalize_chars
from rasad.text.lexicon import load_lexicon
from rasad.text.translit_ezafe import BREAK, add_ezafe, can_take_ezafe, features, probability
from rasad.text.translit_model import PERSIAN, TAJIK, JointModel, gzip_lines
from rasad.text.translit_rules import ZWNJ, fa_to_tg_word, tg_to_fa_word

LANGUAGES = ("tg", "fa")
RESOURCE_DIR = "translit"
CACHE_SIZE = 500_000  # words remembered per direction

_TG_WORD = re.compile(r"[\u0400-\u04ff]+(?:-[\u0400-\u04ff]+)*")
_FA_LETTERS = "\u0621-\u063a\u0641-\u064a\u067e\u0686\u0698\u06a9\u06af\u06c0\u06cc\u064b-\u0652"
_FA_WORD = re.compile(f"[{_FA_LETTERS}](?:[{_FA_LETTERS}\u200c]*[{_FA_LETTERS}])?")
_TO_FA_MARKS = str.maketrans(
    {",": "،", ";": "؛", "?": "؟"} | {str(i): chr(0x06F0 + i) for i in range(10)}
)
_TO_TG_MARKS = str.maketrans(
    {"،": ",", "؛": ";", "؟": "?"}
    | {chr(0x06F0 + i): str(i) for i in range(10)}
    | {chr(0x0660 + i): str(i) for i in range(10)}
)
_FA_OPTIONS = CharOptions(spacing=False)
_SUFFIXES = ("ҳо", "ҳои", "ҳоро", "ро", "ҳое", "ҳоеро")
_ZWNJ_RUN = re.compile(f"{ZWNJ}{{2,}}")
_ZWNJ_EDGE = re.compile(f"{ZWNJ}+(?= |$)|(?:(?<= )|^){ZWNJ}+")
_SENTENCE_START = re.compile(r"(^|[.!?]\s+)([\u0400-\u04ff])")


@dataclass(frozen=True, slots=True)
class Settings:
    """Decoding settings, tuned on the development pairs and stored with the model."""

    lexicon_weight: float = 0.2  # per log10 unit of a Persian word's frequency
    unknown_penalty: float = 1.0  # log10 units against a Persian spelling no lexicon knows
    candidates: int = 8
    beam: int = 8
    ezafe_threshold: float = 0.5  # probability above which an unwritten ezafe is added


@dataclass(frozen=True, slots=True)
class Names:
    """Hand-written names of the region (names.tsv), which outrank everything learned."""

    tg_fa: dict[str, str]  # lower-case Tajik -> Persian
    fa_tg: dict[str, str]  # Persian -> Tajik, capitalized where it always is


@cache
def load_names() -> Names:
    path = resources.files("rasad") / "resources" / RESOURCE_DIR / "names.tsv"
    tg_fa: dict[str, str] = {}
    fa_tg: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            tajik, persian, capital = line.split("\t")
            tg_fa[tajik.lower()] = persian
            fa_tg[persian] = tajik if capital == "1" else tajik.lower()
    return Names(tg_fa, fa_tg)


@dataclass(frozen=True, slots=True)
class Transliterator:
    """The learned tables and model, and the settings that combine them."""

    tg_model: JointModel  # trained on word pairs as written
    fa_model: JointModel  # trained with unwritten ezafes taken off the Tajik side
    tg_fa: dict[str, str]
    fa_tg: dict[str, str]  # Persian word -> Tajik word without an unwritten ezafe
    fa_tg_joined: dict[str, str]  # two Persian words Tajik writes as one (داشته است)
    ezafe: dict[str, float]  # weights of the ezafe model
    names: Names = field(default_factory=lambda: Names({}, {}))
    settings: Settings = Settings()
    meta: dict[str, Any] = field(default_factory=dict)
    _seen_tg: dict[str, str] = field(default_factory=dict, repr=False, compare=False)
    _seen_fa: dict[str, str] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def load(cls, folder: Path | None = None) -> Transliterator:
        base: Any = folder or resources.files("rasad") / "resources" / RESOURCE_DIR
        meta = json.loads((base / "META.json").read_text(encoding="utf-8"))
        models = {}
        for name in ("tg_fa", "fa_tg"):
            with (base / f"{name}.tsv.gz").open("rb") as raw:
                models[name] = JointModel.load(gzip_lines(raw))
        tables: dict[str, dict[str, str]] = {"tg-fa": {}, "fa-tg": {}, "fa-tg-joined": {}}
        ezafe: dict[str, float] = {}
        with (base / "words.tsv.gz").open("rb") as raw:
            for line in gzip_lines(raw):
                if line and not line.startswith("#"):
                    kind, source, target = line.split("\t")
                    if kind == "ezafe":
                        ezafe[source] = float(target)
                    else:
                        tables[kind][source] = target
        return cls(
            tg_model=models["tg_fa"],
            fa_model=models["fa_tg"],
            tg_fa=tables["tg-fa"],
            fa_tg=tables["fa-tg"],
            fa_tg_joined=tables["fa-tg-joined"],
            ezafe=ezafe,
            names=load_names(),
            settings=Settings(**meta.get("settings", {})),
            meta=meta,
        )

    def tg_to_fa(self, text: str) -> str:
        """Tajik (Cyrillic) text in Persian script; what is not a word keeps its place."""
        out = _TG_WORD.sub(lambda m: self.tg_word(m.group()), text)
        return tidy_zwnj(out.translate(_TO_FA_MARKS))

    def fa_to_tg(self, text: str, capitalize: bool = True) -> str:
        """Persian text in Tajik Cyrillic; sentences start with a capital unless told not to."""
        return _finish_tajik(self._fa_words(text), capitalize)

    # Tajik to Persian, word by word -------------------------------------------

    def tg_word(self, word: str) -> str:
        """One Tajik word (any case) in Persian script."""
        word = word.lower()
        known = self.names.tg_fa.get(word) or self.tg_fa.get(word) or self._seen_tg.get(word)
        if known is not None:
            return known
        if "-" in word:
            out = self._tg_hyphenated(word)
        else:
            s = self.settings
            found = self.tg_model.nbest(word, TAJIK, s.candidates, s.beam)
            out = pick_persian(found, s) or tg_to_fa_word(word)
        if len(self._seen_tg) < CACHE_SIZE:
            self._seen_tg[word] = out
        return out

    def _tg_hyphenated(self, word: str) -> str:
        out = ""
        for part in word.split("-"):
            if part:
                piece = self.tg_word(part)
                out = piece if not out else out + (ZWNJ if part in _SUFFIXES else " ") + piece
        return out

    # Persian to Tajik, word by word -------------------------------------------

    def fa_word(self, word: str) -> str:
        """One Persian word in Tajik Cyrillic, without an unwritten ezafe.

        Lower case, except names that are always capitalized (Тоҷикистон).
        """
        word = normalize_chars(word, _FA_OPTIONS)
        known = self.names.fa_tg.get(word) or self.fa_tg.get(word) or self._seen_fa.get(word)
        if known is None:
            known = self.fa_tg.get(word.replace(ZWNJ, ""))
        if known is not None:
            return known
        found = self.fa_model.nbest(word, PERSIAN, 1, self.settings.beam)
        out = found[0][0] if found else fa_to_tg_word(word)
        if len(self._seen_fa) < CACHE_SIZE:
            self._seen_fa[word] = out
        return out

    def _fa_words(self, text: str) -> str:
        """Each Persian word in Tajik, with the ezafes context calls for.

        Two words Tajik writes as one (داشته است: доштааст) become that one.
        """
        found = list(_FA_WORD.finditer(text))
        clean = [normalize_chars(m.group(), _FA_OPTIONS) for m in found]
        context: list[str] = []  # the Persian words, BREAK where punctuation parts them
        place: list[int] = []
        for k, m in enumerate(found):
            if k and text[found[k - 1].end() : m.start()].strip():
                context.append(BREAK)
            place.append(len(context))
            context.append(clean[k])
        pieces: list[str] = []
        last = k = 0
        while k < len(found):
            m = found[k]
            pieces.append(text[last : m.start()])
            if k + 1 < len(found) and text[m.end() : found[k + 1].start()] == " ":
                one = self.fa_tg_joined.get(clean[k] + " " + clean[k + 1])
                if one is not None:
                    pieces.append(one)
                    last, k = found[k + 1].end(), k + 2
                    continue
            if clean[k] == "را" and k and len(pieces) > 1 and pieces[-1] == " ":
                pieces[-1] = ""  # Tajik writes the object marker on its word: китобро
                pieces[-2] = with_suffix(pieces[-2], "ро")
                last, k = m.end(), k + 1
                continue
            word = self.fa_word(clean[k])
            if self.ezafe and can_take_ezafe(clean[k], word):
                p = probability(features(context, place[k]), self.ezafe)
                if p > self.settings.ezafe_threshold:
                    word = add_ezafe(word)
            pieces.append(word)
            last, k = m.end(), k + 1
        pieces.append(text[last:])
        return "".join(pieces)


def with_suffix(word: str, suffix: str) -> str:
    """A Tajik word with a suffix; a final ӣ shortens to и before it (торихӣ: торихиро)."""
    return (word[:-1] + "и" if word.endswith("ӣ") else word) + suffix


def _finish_tajik(text: str, capitalize: bool) -> str:
    """Tajik punctuation and digits; capitals at sentence starts, or none at all."""
    text = text.translate(_TO_TG_MARKS).replace(ZWNJ, "")
    if not capitalize:
        return text.lower()
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)


def pick_persian(candidates: list[tuple[str, float]], settings: Settings) -> str:
    """The candidate spelling with the best model score plus lexicon evidence ("" if none)."""
    best, best_score = "", -math.inf
    for spelling, logp in candidates:
        spelling = tidy_zwnj(spelling)
        freq = persian_frequency(spelling)
        bonus = settings.lexicon_weight * freq if freq is not None else -settings.unknown_penalty
        if logp + bonus > best_score:
            best, best_score = spelling, logp + bonus
    return best


def tidy_zwnj(text: str) -> str:
    """No doubled ZWNJs and none beside a space or at an edge."""
    if ZWNJ not in text:
        return text
    return _ZWNJ_EDGE.sub("", _ZWNJ_RUN.sub(ZWNJ, text))


def persian_frequency(spelling: str) -> float | None:
    """Mean log10 frequency of the parts of a Persian spelling, None if one is unknown."""
    lex = load_lexicon()
    parts = spelling.replace(ZWNJ, " ").split()
    if not parts:
        return None
    total = 0.0
    for part in parts:
        freq = lex.plain.get(part)
        if freq is None:
            entry = lex.zwnj.get(part)
            if entry is None:
                return None
            freq = entry[1]
        total += math.log10(freq + 1e-3)
    return total / len(parts)


@cache
def default_transliterator() -> Transliterator:
    """The shipped model, loaded once per process."""
    return Transliterator.load()


def tg_to_fa(text: str, rules_only: bool = False) -> str:
    """Tajik (Cyrillic) text in Persian script; `rules_only` uses the letter rules alone."""
    if rules_only:
        out = _TG_WORD.sub(lambda m: tg_to_fa_word(m.group().lower()), text)
        return tidy_zwnj(out.translate(_TO_FA_MARKS))
    return default_transliterator().tg_to_fa(text)


def fa_to_tg(text: str, rules_only: bool = False, capitalize: bool = True) -> str:
    """Persian text in Tajik Cyrillic; `rules_only` uses the letter rules alone."""
    if rules_only:
        out = _FA_WORD.sub(lambda m: fa_to_tg_word(normalize_chars(m.group(), _FA_OPTIONS)), text)
        return _finish_tajik(out, capitalize)
    return default_transliterator().fa_to_tg(text, capitalize)


def transliterate(text: str, source: str, target: str, rules_only: bool = False) -> str:
    """`text` from `source` to `target` script: ("tg", "fa") or ("fa", "tg")."""
    if (source, target) == ("tg", "fa"):
        return tg_to_fa(text, rules_only=rules_only)
    if (source, target) == ("fa", "tg"):
        return fa_to_tg(text, rules_only=rules_only)
    raise ValueError(f"cannot transliterate from {source!r} to {target!r}; use tg and fa")
