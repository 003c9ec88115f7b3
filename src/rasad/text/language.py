"""Which language a text, or each of its lines, is written in.

Script rules decide first. Arabic-script text never reaches a model: votes
from function words and script-specific letters choose among Persian, Pashto,
Urdu and Arabic, and Afghan vocabulary separates Dari from Iranian Persian
(two or more distinct markers needed, so Iranian news about Afghanistan stays
`fa`). Latin, Cyrillic and other scripts go to py3langid's shipped model,
restricted to that script's languages. Cyrillic Tajik is told from Russian
and the Turkic languages by its own letters (ӣ ӯ ҷ, and ғ қ ҳ it shares with
Uzbek) together with votes from function words, so a Russian article that
spells one Tajik name the Tajik way stays `ru` and Tajik typed on a Russian
keyboard (х for ҳ, ч for ҷ) is still `tg`; English page furniture is told by a
small lexicon (the model is weak on two words). Confidence is the winner's share of the evidence times the share of
the letters in its script. `und` (confidence 0) means no letters, or a guess
under 0.1. Only the first 1,500 characters are read. Kurdish, Uyghur and
Sindhi are not told apart from the Arabic-script languages above.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from functools import cache
from itertools import repeat
from typing import Any

from rasad.model import LanguageGuess

LANGUAGES: dict[str, str] = {
    "und": "Undetermined", "fa": "Persian", "prs": "Dari", "ps": "Pashto", "ar": "Arabic",
    "ur": "Urdu", "tg": "Tajik", "en": "English", "ru": "Russian", "fr": "French",
    "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "nl": "Dutch",
    "tr": "Turkish", "az": "Azerbaijani", "uz": "Uzbek", "sv": "Swedish", "da": "Danish",
    "no": "Norwegian", "fi": "Finnish", "pl": "Polish", "cs": "Czech", "sk": "Slovak",
    "ro": "Romanian", "hu": "Hungarian", "id": "Indonesian", "ms": "Malay", "tl": "Tagalog",
    "sw": "Swahili", "so": "Somali", "ku": "Kurdish", "vi": "Vietnamese", "hr": "Croatian",
    "sl": "Slovenian", "et": "Estonian", "lv": "Latvian", "lt": "Lithuanian", "sq": "Albanian",
    "uk": "Ukrainian", "be": "Belarusian", "bg": "Bulgarian", "mk": "Macedonian",
    "sr": "Serbian", "kk": "Kazakh", "ky": "Kyrgyz", "mn": "Mongolian", "tt": "Tatar",
    "ba": "Bashkir", "el": "Greek", "he": "Hebrew", "hy": "Armenian", "ka": "Georgian",
    "hi": "Hindi", "mr": "Marathi", "ne": "Nepali", "bn": "Bengali", "pa": "Punjabi",
    "gu": "Gujarati", "ta": "Tamil", "te": "Telugu", "kn": "Kannada", "ml": "Malayalam",
    "si": "Sinhala", "th": "Thai", "lo": "Lao", "km": "Khmer", "my": "Burmese",
    "am": "Amharic", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
}  # fmt: skip
# The model's candidates for each script (every code is in LANGUAGES).
_MODEL_CODES = {
    "latin": "en fr de es it pt nl tr az uz sv da no fi pl cs sk ro hu id ms tl sw so ku vi hr "
    "sl et lv lt sq",
    "cyrillic": "ru uk be bg mk sr kk ky tg mn tt ba",
    "other": "el he hy ka hi mr ne bn pa gu ta te kn ml si th lo km my am zh ja ko",
}
UND = LanguageGuess("und", 0.0)
_MAX_CHARS = 1500  # plenty to decide, and keeps long articles cheap
_MODEL_CHARS = 1000
_MIN_CONFIDENCE = 0.1

# Script shares come from UTF-8 lead bytes, classed by one bytes.translate (C
# speed): D8-DB, DD Arabic; D0-D3 Cyrillic; ASCII letters, C3-C9 Latin; other
# leads another script, except C2, E2, EF (« », NBSP, ZWNJ, dashes, BOM).
_SCRIPT_OF_BYTE = bytes(
    ord("l") if chr(b).isascii() and chr(b).isalpha() or 0xC3 <= b <= 0xC9
    else ord("a") if 0xD8 <= b <= 0xDB or b == 0xDD
    else ord("c") if 0xD0 <= b <= 0xD3
    else ord("o") if b >= 0xC0 and b not in (0xC2, 0xE2, 0xEF)
    else ord("x")
    for b in range(256)
)  # fmt: skip
_NOT_COUNTED = bytes(b for b in range(256) if _SCRIPT_OF_BYTE[b] == ord("x"))
_LETTER = re.compile(r"[^\W\d_]")
# Telling characters, each reduced to its class: p Pashto-only, u Urdu-only,
# f not in Arabic (پ چ ژ گ), n Arabic-block non-letters common in Persian text.
_TELLING_CLASSES = {
    "p": "ټډړښږځڅڼېۍګ", "u": "ٹڈڑںےۓہ", "f": "پچژگ", "n": "۰۱۲۳۴۵۶۷۸۹،؛؟",
}  # fmt: skip
_TELLING = re.compile(f"[{''.join(_TELLING_CLASSES.values())}]")
_TELLING_CLASS = str.maketrans({ch: c for c, chars in _TELLING_CLASSES.items() for ch in chars})

# Function words vote for one language each; Persian spellings with Arabic ي/ك
# and Arabic words as rasad's normalizer rewrites them (ي>ی, ك>ک) vote too.
_VOTES_SOURCE = {
    "fa": "و در به از که این را با است برای آن تا بر شد شده می نمی ها های ای اند تر ترین بود "
    "کرد کرده کند کنند خود یک نیز اما باید گفت دارد شود هر پس همچنین آنها وی اینکه زیرا طی "
    "درباره البته الان المللی نیست میان ولی اگر چه",
    "ar": "في فی من إلى إلی الى الی على التي التی الذي الذی الذين الذین هذا هذه أن إن أنه إنه "
    "كان کان كانت کانت قد لم لن لا عن مع ذلك ذلک حيث حیث قال وقال منذ حتى حتی أو كما کما وفي "
    "وفی وأن تم يتم یتم هو هي هی إلا عليه علیه",
    "ps": "د په چې کې دې یې ته وو شوی شوې څخه لپاره وايي وایي ویل وویل هغه دا سره کړي کړې "
    "کوي له پر دغه دغو کال",
    "ur": "ہے ہیں کے کا کی میں اور نے کو سے بھی تھا تھی تھے گیا کہ یہ وہ ایک نہیں کیا لیے لئے ساتھ",
}
_VOTE_LETTER = {"fa": "f", "ar": "a", "ps": "p", "ur": "u"}
_ARABIC_SPELLING = str.maketrans({"ی": "ي", "ک": "ك"})
_PUNCT_TO_SPACE = ("\u200c", "،", ".", "«", "»", ":", "؛", "؟")

# Afghan usage absent from Iranian news, even news about Afghanistan; each
# marker counts once, with its weight. "طالبان", "ولایت", "والی" are shared.
_DARI_WORDS = {
    "پولیس": 2, "فیصد": 2, "دالر": 2, "ملیون": 1.5, "ملیارد": 1.5, "داکتر": 2, "داکتران": 2,
    "موتر": 2, "شفاخانه": 2, "ښاغلی": 2, "میرمن": 2, "تشناب": 2, "پوهنتون": 2, "پوهنځی": 2,
    "شاروالی": 2, "شاروال": 2, "سارنوالی": 2, "سارنوال": 2, "څارنوالی": 2, "څارنوال": 2,
    "قوماندان": 1.5, "قوماندانی": 1.5, "ولسوال": 1.5, "ولسوالی": 1, "امنیه": 1, "طیاره": 1.5,
    "جنرال": 1, "انجنیر": 1.5, "کمپنی": 1.5, "متعلمین": 1.5, "متعلمان": 1.5, "محصلین": 1,
    "مکاتب": 1, "مرمی": 1.5, "مصئون": 1,
}  # fmt: skip
_DARI_PHRASES = {
    "ولسی جرگه": 1, "مشرانو جرگه": 1, "اردوی ملی": 2, "وزارت معارف": 1.5, "ستره محکمه": 2,
    "صحت عامه": 2, "شورای ولایتی": 1.5, "لوی سارنوال": 2, "لوی څارنوال": 2,
}  # fmt: skip
_DIGIT = "[0-9\u06f0-\u06f9]"
# An Afghan solar month after a day number; months that are also common words
# (سرطان cancer, میزان amount, جدی serious...) count only with a year after.
_AFGHAN_DATE = re.compile(
    f"{_DIGIT}{{1,2}}\\s*(حمل|ثور|جوزا|سرطان|اسد|سنبله|میزان|عقرب|قوس|جدی|دلو|حوت)"
    f"(?![\\w\u200c])(\\s*(?:سال\\s*)?{_DIGIT}{{4}})?"
)
_PLAIN_MONTHS = frozenset(("ثور", "جوزا", "سنبله", "عقرب", "دلو", "حوت"))
_AFGHANI = re.compile(
    f"{_DIGIT}\\s*(?:(?:هزار|ملیون|میلیون|ملیارد|میلیارد)\\s*)?افغانی(?![\\w\u200c])"
)
_DARI_THRESHOLD = 4.0

# English page furniture and function words, for lines too short for the model.
_ENGLISH_WORDS = """
    the of and to in is that for on with as by at from it this be are was were has have had not
    or an but all more read next previous home share tweet print email comments comment
    related news video photo photos source click here subscribe newsletter follow us login sign
    up search menu copyright rights reserved advertisement privacy policy terms contact about
    page section contains reference points placed inner node field view full story continue
    reading download tags tag posted updated ago top back latest most popular you your we our
    will can new also which who their its after over said says into out one been there would
    than other when what how why see link links report reports facebook twitter telegram
    instagram youtube whatsapp linkedin"""
_ENGLISH = frozenset(_ENGLISH_WORDS.split())
_LATIN_WORD = re.compile(r"[a-z\u00c0-\u024f]+")

# Function words, each voting for one Cyrillic language. Tajik words are also
# listed as typed without Tajik letters (ҳамин as хамин, ҷумла as чумла); words the
# languages share (ва, ҳам in Tajik and Uzbek; он, то, ту in Tajik and Russian) are
# left out.
_CYRILLIC_VOTES = {
    "t": "дар ба аз ки бо барои ин инро онро мебошад мешавад мекунад шуд буд кард карда гуфт "
    "гуфта аст низ ҳамчунин хамчунин вале аммо агар бар ҳар хар пас баъд пеш "
    "онҳо онхо ӯ ў вай дигар худ миёни байни зеро чунки бояд метавонад намебошад нест дорад "
    "доранд гардид гардида ҷумла чумла ҳамин хамин ҳастанд хастанд мегӯяд мегуяд менамояд "
    "тавассути ҷониби чониби оид сӯи суи назди",
    "u": "билан учун бу бўлди бўлган эди деди деб қилди қилиш бўйича ҳамда бир шу эса "
    "керак ҳақида хақида орқали",
    "r": "и в во на не что с со по как это для из от к за о об же но а был была были было "
    "она они его её ее их который которая которые также при до после уже только или бы "
    "мы вы я ещё еще между заявил сообщил года году более",
}
_CYRILLIC_WORD = re.compile("[\u0400-\u04ff]+")


def detect_language(text: str) -> LanguageGuess:
    """The language of `text` and a confidence in [0, 1]."""
    return _detect(text[:_MAX_CHARS])


def detect_lines(lines: Sequence[str]) -> list[LanguageGuess]:
    """One guess per line; repeated lines are decided once."""
    seen: dict[str, LanguageGuess] = {}
    out = []
    for line in lines:
        guess = seen.get(line)
        if guess is None:
            guess = seen[line] = _detect(line[:_MAX_CHARS])
        out.append(guess)
    return out


def _detect(text: str) -> LanguageGuess:
    if not _LETTER.search(text):
        return UND
    telling = "".join(_TELLING.findall(text)).translate(_TELLING_CLASS)
    classes = text.encode("utf-8", "ignore").translate(_SCRIPT_OF_BYTE, _NOT_COUNTED)
    counts = {
        "arabic": classes.count(b"a") - telling.count("n"),
        "latin": classes.count(b"l"),
        "cyrillic": classes.count(b"c"),
        "other": classes.count(b"o"),
    }
    total = sum(counts.values())
    if total < 2:
        return UND
    script = max(counts, key=counts.__getitem__)
    if script == "arabic":
        code, confidence = _arabic_script(text, telling)
    elif script == "latin":
        code, confidence = _latin_script(text)
    elif script == "cyrillic":
        code, confidence = _cyrillic_script(text)
    else:
        code, confidence = next(iter(_model_scores(text, script).items()))
    confidence = min(1.0, confidence * counts[script] / total)
    return LanguageGuess(code, confidence) if confidence >= _MIN_CONFIDENCE else UND


@cache
def _votes() -> dict[str, str]:
    """Word -> one letter for its language (f, a, p, u), so votes join into a string."""
    votes: dict[str, str] = {}
    for lang, words in _VOTES_SOURCE.items():
        for word in words.split():
            votes.setdefault(word, _VOTE_LETTER[lang])
            if lang == "fa":
                votes.setdefault(word.translate(_ARABIC_SPELLING), "f")
    return votes


@cache
def _dari_words() -> dict[str, float]:
    return _DARI_WORDS | {w.translate(_ARABIC_SPELLING): v for w, v in _DARI_WORDS.items()}


@cache
def _dari_keys() -> frozenset[str]:
    """Marker words and the last words of marker phrases."""
    return frozenset(_dari_words()) | {phrase.split()[-1] for phrase in _DARI_PHRASES}


def _arabic_script(text: str, telling: str) -> tuple[str, float]:
    """Persian, Dari, Pashto, Urdu or Arabic, from word votes and telling letters."""
    spaced = text
    for mark in _PUNCT_TO_SPACE:
        spaced = spaced.replace(mark, " ")
    words = spaced.split()
    votes = "".join(map(_votes().get, words, repeat("")))
    # Words with the article al- are Arabic evidence; "البته", "الان" also vote fa.
    al_words = spaced.count(" ال") + spaced.startswith("ال")
    evidence = {
        "fa": 1.0 + votes.count("f") + 0.25 * min(telling.count("f"), 4),
        "ar": votes.count("a") + al_words,
        "ps": votes.count("p") + 0.25 * telling.count("p"),
        "ur": votes.count("u") + 0.25 * telling.count("u"),
    }  # fa starts at 1: with no evidence at all, rasad's text is Persian
    code = max(evidence, key=evidence.__getitem__)
    confidence = evidence[code] / (sum(evidence.values()) + 1.0)
    if code != "fa":
        return code, confidence
    dari = _dari_score(text, words)
    if dari >= _DARI_THRESHOLD:
        return "prs", confidence * dari / (dari + 2.0)
    return "fa", confidence * _DARI_THRESHOLD / (_DARI_THRESHOLD + dari)


def _dari_score(text: str, words: list[str]) -> float:
    """Summed weights of the distinct Afghan markers; 0 unless two or more differ."""
    lexicon = _dari_words()
    found = []
    for word in _dari_keys().intersection(words):
        found += [lexicon[word]] if word in lexicon else []
        found += [
            w for phrase, w in _DARI_PHRASES.items() if phrase.endswith(word) and phrase in text
        ]
    if not found:  # dates and currency only back up Afghan vocabulary (and cost more)
        return 0.0
    for match in _AFGHAN_DATE.finditer(text):
        if match[1] in _PLAIN_MONTHS or match[2]:
            found.append(3.0)
            break
    if "افغانی" in text and _AFGHANI.search(text):
        found.append(2.0)
    return sum(found) if len(found) >= 2 else 0.0


def _latin_script(text: str) -> tuple[str, float]:
    scores = _model_scores(text, "latin")
    code, confidence = next(iter(scores.items()))
    words = _LATIN_WORD.findall(text.lower())
    lexicon = sum(w in _ENGLISH for w in words) / (len(words) + 1)
    # Lexicon and model are independent evidence for English: combine as noisy-or.
    english = 1.0 - (1.0 - scores.get("en", 0.0)) * (1.0 - lexicon)
    return ("en", english) if english >= confidence else (code, confidence)


def _cyrillic_script(text: str) -> tuple[str, float]:
    """Tajik, Uzbek or Russian by votes and letters; the other Cyrillic languages by the model."""
    scores = _model_scores(text, "cyrillic")
    lower = text.lower()
    votes = "".join(map(_cyrillic_votes().get, _CYRILLIC_WORD.findall(lower), repeat("")))
    tajik_only = sum(map(lower.count, "ӣӯҷ"))
    shared = sum(map(lower.count, "ғқҳ"))
    turkic = any(ch in lower for ch in "әңөұүһі")  # Kazakh, Kyrgyz, Tatar, Bashkir
    # Letters count for little beside words: one Tajik name in a Russian sentence
    # has several Tajik letters, a Tajik sentence has several Tajik words too.
    evidence = {
        "tg": votes.count("t") + 0.5 * min(tajik_only, 4) + 0.25 * min(shared, 4),
        "uz": votes.count("u") + 0.5 * min(lower.count("ў"), 4),
        "ru": float(votes.count("r")),
    }
    if turkic and not tajik_only:
        evidence["tg"] = evidence["uz"] = 0.0
    code = max(evidence, key=evidence.__getitem__)
    if code == "ru" or evidence[code] < 1.0:
        best = next(iter(scores.items()))
        # The model takes Tajik without its letters for other languages, and a
        # Russian sentence with Tajik names for Tajik: votes decide between them.
        if best[0] == "tg" and evidence["ru"] > evidence["tg"]:
            return "ru", evidence["ru"] / (sum(evidence.values()) + 1.0)
        return best
    share = evidence[code] / (sum(evidence.values()) + 1.0)
    # Word votes and the model are independent evidence: combine as noisy-or.
    return code, 1.0 - (1.0 - scores.get(code, 0.0)) * (1.0 - share)


@cache
def _cyrillic_votes() -> dict[str, str]:
    """Cyrillic word -> t (Tajik), u (Uzbek) or r (Russian), from function words."""
    votes: dict[str, str] = {}
    for letter, words in _CYRILLIC_VOTES.items():
        for word in words.split():
            votes.setdefault(word, letter)
    return votes


@cache
def _identifier(script: str) -> Any:
    """py3langid's model, restricted to one script's languages (loaded once)."""
    identifier = copy.copy(_base_identifier())
    identifier.set_languages(_MODEL_CODES[script].split())
    return identifier


@cache
def _base_identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _model_scores(text: str, script: str) -> dict[str, float]:
    """Probability per candidate language, best first."""
    return {str(c): float(p) for c, p in _identifier(script).rank(text[:_MODEL_CHARS])}
