"""The event trigger table: Persian verbs and nouns and the patterns that find them.

`resources/events/triggers.tsv` (documented in docs/events.md) lists each
trigger with its form: a verb matched in every tense with its negation, a
noun with its suffixes, a noun and its light verb with words between
(`خواستار ... شد`), or an adjective with the copula (`مخالف است`). This module
compiles the table once and finds every trigger in a text; events.py decides
who did what to whom around each.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

from rasad.extract.parties import WB, WE

_SEP = r"[ \u200c]?"
LIGHT_VERBS = {
    "کرد": "کن",
    "نمود": "نما",
    "داشت": "دار",
    "داد": "ده",
    "شد": "شو",
    "ساخت": "ساز",
    "رساند": "رسان",
    "گرفت": "گیر",
    "زد": "زن",
    "خواست": "خواه",
    "کشید": "کش",
    "رسید": "رس",
}


#: Formal light verbs that stand for the plain one: `اعتراض نمودند`، `ضبط گردید`.
_FORMAL_LIGHT = {"کرد": [("نمود", LIGHT_VERBS["نمود"])], "شد": [("گردید", "گرد")]}

#: The copula after an adjective or noun: `مخالف است`، `مخالفند`، `مخالف نیستند`.
_COPULA_FORMS = r"\s?(?:است|هستند|اند|ند|بود(?:ند)?)|\s(?P<negc>ن)یست(?:ند)?"
_COPULA = "(?:" + _COPULA_FORMS + ")"


@dataclass(frozen=True, slots=True)
class Trigger:
    phrase: str
    form: str  # verb | noun | split (a noun and its light verb with words between)
    type: str
    code: str


def _present_ending(stem: str) -> str:
    return "ی" if stem.endswith("ا") or stem == "گو" else ""


#: Person endings: the simple past (`کرد`، `کردند`، `کردیم`), the present (`می‌کند`) and
#: the perfect's auxiliary (`کرده است`، `کرده‌اند`).
_PAST_PERSON = "(?:ند|یم|م)?"
_PRESENT_PERSON = "(?:د|ند|یم|م)"
_PERFECT = "(?:است|اند|ایم|ام)"


def verb_pattern(past: str, present: str, *others: tuple[str, str]) -> str:
    """Every tense of a verb, with the negative ن- in a named group; `others`
    are verbs that may stand in its place (`نمود` for `کرد`), same tenses."""
    stems = [(past, present), *others]
    past = _one_of([p for p, _ in stems])
    present = _one_of([r + _present_ending(r) for _, r in stems])
    participle = rf"{past}ه{_SEP}(?:است|اند|ایم|ام|بود(?:ند|یم)?|شد(?:ه)?|باشد)"
    return (
        rf"(?P<neg>ن)?(?:{participle}|{past}{_PAST_PERSON}|"
        rf"(?:می{_SEP})?{present}{_PRESENT_PERSON}|"
        rf"خواه(?:د|ند|یم){_SEP}\s?{past})"
        rf"|(?:ب)?{present}(?:د|ند|یم)"
        rf"|(?P<fut>خواه(?:د|ند|یم|م))\s(?P<neg2>ن)?{past}"
    )


def _negative_stems(phrase: str) -> tuple[str, str] | None:
    """The positive stems of a verb row written negative (`نپذیرفت|نپذیر`), else None."""
    past, present = phrase.split("|")
    if past.startswith("ن") and present.startswith("ن"):
        return past[1:], present[1:]
    return None


def _negative_only(past: str, present: str) -> str:
    """A verb that is an event only when negated (`نپذیرفت`، `نمی‌پذیریم`)."""
    return (
        rf"ن(?:{past}{_PAST_PERSON}|{past}ه{_SEP}{_PERFECT}|"
        rf"(?:می{_SEP})?{present}{_PRESENT_PERSON})"
    )


def _one_of(alternatives: list[str]) -> str:
    return alternatives[0] if len(alternatives) == 1 else "(?:" + "|".join(alternatives) + ")"


def _phrase_pattern(t: Trigger) -> str:
    if t.form == "noun":
        noun = t.phrase.replace(" ", r"\s").replace("\u200c", r"[\u200c\s]?")
        return rf"{noun}(?:ی|‌ای|{_SEP}ها(?:ی)?)?"
    words = t.phrase.split()
    if t.form == "split":  # `خواستار تعلیق فعالیت پارلمان شد`: words between
        head, light = words[0], words[-1]
        between = r"(?:\s+[^\s.،؛:!؟?\n«»]+){0,12}?"
        lead = r"\s+"
        if len(words) > 2:  # `مخالفت خود را با ... اعلام کرد`: the verb's own noun
            lead += _one_of(words[1].split("/")) + r"[\s\u200c]?"
        if head == "خواستار":  # `خواستار ... شدند`، `خواستار ... هستند`
            verb = verb_pattern(light, LIGHT_VERBS[light]) + "|" + _COPULA_FORMS
        elif light == "خواست":  # not the future auxiliary خواهد
            verb = r"(?P<neg>ن)?(?:خواست(?:ند)?|خواسته[ \u200c]?(?:است|اند|بود(?:ند)?)|می[ \u200c]?خواه(?:د|ند|یم|م))"
        else:
            verb = verb_pattern(light, LIGHT_VERBS[light])
        return head + between + lead + "(?:" + verb + ")"
    if "|" in t.phrase:
        negative = _negative_stems(t.phrase)
        if negative:
            return _negative_only(*negative)
        past, present = t.phrase.split("|")
        return verb_pattern(past, present)
    if t.form == "copula":  # `مخالف است`، `مخالفند`، `مخالف نیستند`
        return t.phrase + _COPULA
    nouns, light = words[:-1], words[-1]
    head = r"\s?".join(w.replace("\u200c", r"[\u200c\s]?") for w in nouns)
    formal = _FORMAL_LIGHT.get(light, [])
    # `دیدار و گفت‌وگو کردند`: a second noun shares the light verb.
    shared = r"(?:\s+و\s+[\w\u200c]+(?:\s(?:و\s)?گو)?)?"
    return (
        head + shared + r"[\s\u200c]?(?:" + verb_pattern(light, LIGHT_VERBS[light], *formal) + ")"
    )


@cache
def triggers() -> tuple[tuple[Trigger, str, re.Pattern[str]], ...]:
    """The trigger table, each with its compiled pattern (longest phrases first)."""
    path = resources.files("rasad") / "resources" / "events" / "triggers.tsv"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, form, type_, code = line.split("\t")
        t = Trigger(phrase, form, type_, code)
        rows.append((t, _anchor(t), re.compile(WB + "(?:" + _phrase_pattern(t) + ")" + WE)))
    rows.sort(key=lambda r: -len(r[0].phrase))
    return tuple(rows)


def _anchor(t: Trigger) -> str:
    """A string every match of the trigger contains (its first word or common stem)."""
    if "|" in t.phrase:  # `نمی‌پذیرد` has the positive stem, not `نپذیر`
        return os.path.commonprefix(list(_negative_stems(t.phrase) or t.phrase.split("|")))
    words = t.phrase.split()
    if t.form == "split" and words[0] == "از":  # `از ... خواست`، `می‌خواهیم`: the verb is rarer
        return os.path.commonprefix([words[-1], LIGHT_VERBS.get(words[-1], words[-1])])
    return words[0].split("\u200c")[0]


def triggers_in(text: str) -> list[tuple[Trigger, re.Match[str]]]:
    """Every trigger in the text, longest phrases first, never overlapping."""
    taken: list[tuple[int, int]] = []
    hits = []
    for t, anchor, pattern in triggers():
        if anchor not in text:  # most patterns cannot match: skip them cheaply
            continue
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            taken.append((m.start(), m.end()))
            hits.append((t, m))
    hits.sort(key=lambda h: h[1].start())
    return hits


__all__ = ["LIGHT_VERBS", "Trigger", "triggers", "triggers_in", "verb_pattern"]
