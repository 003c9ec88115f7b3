"""Line-by-line removal of page furniture, each removal with its reason.

A line is dropped when it is in another script than the article (`Read
More` in a Persian or a Tajik article), a share/print/related-links crumb, a
copyright notice, or a short header repeated from earlier in the page. A line that reads as a Persian
sentence of the article is never dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rasad.model import Dropped

# Letters only: Arabic-script digits and punctuation do not count.
_ARABIC_RUN = re.compile(
    "[\u0620-\u064a\u066e-\u06d3\u06fa-\u06fc\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefc]+"
)
_LATIN_RUN = re.compile("[A-Za-z\u00c0-\u024f]+")
_CYRILLIC_RUN = re.compile("[\u0400-\u04ff]+")
_FOREIGN_LETTER = re.compile("[A-Za-z\u00c0-\u024f\u0400-\u04ff]")
_PERSIAN_WORD = re.compile("[\u0621-\u064a\u067e\u0686\u0698\u06a9\u06af\u06cc\u200c]{2,}")

# Crumbs that stand alone on a short line: share, print, related links, tags.
_CRUMBS = re.compile(
    r"^\W*(?:"
    r"ادامه(?: مطلب| خبر)?|بیشتر بخوانید|مطالب مرتبط|اخبار مرتبط|خبرهای مرتبط|پیوندها|"
    r"اشتراک[\u200c ]?گذاری|به اشتراک بگذارید|ارسال به دوستان|ارسال خبر|نسخه چاپی|چاپ(?: خبر)?|"
    r"برچسب[\u200c ]?ها|کلید ?واژه[\u200c ]?ها|تگ[\u200c ]?ها|لینک کوتاه|کد خبر|شناسه خبر|"
    r"نظرات|نظر شما|ثبت نظر|دیدگاه[\u200c ]?ها|پربازدیدترین[\u200c ]?ها|پربحث[\u200c ]?ترین[\u200c ]?ها|"
    r"منبع|عکس|تصویر|ویدئو|ویدیو|صفحه اصلی|بازگشت|"
    r"read more|related|share(?: this)?|print|tweet|email|comments?|tags?|advertisement"
    r")\b.{0,40}$",
    re.IGNORECASE,
)
_COPYRIGHT = re.compile(
    r"©|\(c\)\s*\d{4}|all rights reserved|کلیه حقوق|تمامی حقوق|حقوق .{0,30}محفوظ|"
    r"استفاده از (?:مطالب|اخبار).{0,40}(?:ذکر منبع|مجاز)",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile("[.؟?!»:]\\s*$")


@dataclass(frozen=True, slots=True)
class LineVerdict:
    keep: bool
    reason: str = ""


def _script_counts(text: str) -> tuple[int, int, int]:
    """Letters of the Arabic, Latin and Cyrillic scripts in `text`."""
    return (
        sum(map(len, _ARABIC_RUN.findall(text))),
        sum(map(len, _LATIN_RUN.findall(text))),
        sum(map(len, _CYRILLIC_RUN.findall(text))),
    )


def script_of(line: str) -> str:
    """The dominant script of a line's letters: arabic, latin, cyrillic, mixed or none."""
    arabic, latin, cyrillic = _script_counts(line)
    total = arabic + latin + cyrillic
    if not total:
        return "none"
    best = max((arabic, "arabic"), (latin, "latin"), (cyrillic, "cyrillic"))
    return best[1] if best[0] * 2 > total else "mixed"


def is_persian_sentence(line: str) -> bool:
    """A line that reads as running Persian prose: never furniture."""
    return len(_PERSIAN_WORD.findall(line)) >= 8 and script_of(line) == "arabic"


def judge_line(line: str, article_script: str, seen: set[str]) -> LineVerdict:
    """Decide one non-empty line; `seen` holds the short lines met so far."""
    stripped = line.strip()
    if _COPYRIGHT.search(stripped):
        # Even a prose line can be a copyright footer, but only a short one.
        if not is_persian_sentence(stripped) or (
            len(stripped) < 160 and not _SENTENCE_END.search(stripped.rstrip("»"))
        ):
            return LineVerdict(False, "copyright")
        return LineVerdict(True)
    if article_script in ("arabic", "cyrillic") and _FOREIGN_LETTER.search(stripped):
        script = script_of(stripped)
        # A Latin line in a Tajik (Cyrillic) article is furniture as in a Persian one.
        if script in ("latin", "cyrillic") and script != article_script:
            return LineVerdict(False, f"other-language:{_language_code(stripped, script)}")
    if len(stripped) <= 100:
        if len(stripped) <= 80 and _CRUMBS.match(stripped) and not is_persian_sentence(stripped):
            return LineVerdict(False, "navigation")
        if stripped in seen and not is_persian_sentence(stripped):
            return LineVerdict(False, "repeated")
        seen.add(stripped)
    return LineVerdict(True)


def _language_code(line: str, script: str) -> str:
    from rasad.text.language import detect_language

    guess = detect_language(line)
    if guess.code != "und":
        return guess.code
    return "en" if script == "latin" else "ru"


def article_script(text: str) -> str:
    """The script of most of the article's letters."""
    if not _FOREIGN_LETTER.search(text):
        return "arabic" if _ARABIC_RUN.search(text) else "none"
    arabic, latin, cyrillic = _script_counts(text)
    if not arabic + latin + cyrillic:
        return "none"
    return max((arabic, "arabic"), (latin, "latin"), (cyrillic, "cyrillic"))[1]


def find_boilerplate(text: str) -> list[Dropped]:
    """The lines of `text` to drop, with reasons and raw offsets (line without newline)."""
    lines = text.split("\n")
    script = article_script(text)
    seen: set[str] = set()
    dropped: list[Dropped] = []
    pos = 0
    for line in lines:
        if line.strip():
            verdict = judge_line(line, script, seen)
            if not verdict.keep:
                dropped.append(Dropped(line.strip(), verdict.reason, pos, pos + len(line)))
        pos += len(line) + 1
    return dropped
