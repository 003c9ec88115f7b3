"""Who is named where: the mention index that quotations and events share.

Persian news puts the subject first (`امامعلی رحمان ... گفت`), marks objects
with prepositions (`با مکرون`، `از طالبان`، `به سران ...`) or with `را`, and
refers back with `وی`/`او` or a description (`این مقام امنیتی تاجیکستان`).
These helpers answer the questions both extractors ask of one article: which
names stand in a stretch of text, which of them are subjects, and whom a
pronoun or description refers to.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rasad.extract.kb import load_kb
from rasad.model import Article, Mention, Party

ZWNJ = "\u200c"
#: Word boundaries for regexes over Persian text (ZWNJ joins a word).
WB = r"(?<![\w\u200c])"
WE = r"(?![\w\u200c])"

#: Words that make the name after them an object, not a subject.
PREPOSITIONS = frozenset(
    "با از به برای علیه درباره دربارهٔ میان بین نزد همراه مانند جز بر سوی توسط پیرامون ضد".split()
)
PARTY_LABELS = frozenset({"PER", "ORG", "LOC"})
PRONOUNS = frozenset({"وی", "او", "ایشان"})
#: `این مقام ...`, `این دیپلمات ...`: a description that refers back to a person.
ANAPHORA = re.compile(
    WB + r"(?:این|آن)\s+(?:مقام|مسئول|مسؤول|دیپلمات|سیاستمدار|وزیر|نماینده|کارشناس|رهبر|"
    r"فرمانده|سخنگو|مدیر|رئیس|معاون|سفیر|نامزد|چهره|بیانیه|گزارش|نامه|سازمان|وزارتخانه|نهاد|گروه)"
    + WE
)
_WORD = re.compile(r"[\w\u200c]+")
_COORDINATION = re.compile(r"(?:^|\s|،)و(?:\s|$)|^\s*،\s*$")
_SOURCE_NOUNS = frozenset({"گفته", "گزارش", "نقل", "اعتقاد", "ادعای", "عقیده"})


def is_actor(m: Mention) -> bool:
    """People, organizations and countries act; cities and regions do not."""
    if m.label in ("PER", "ORG"):
        return True
    return m.label == "LOC" and m.entity_id.startswith("country:")


def word_before(text: str, pos: int, floor: int = 0) -> str:
    """The word that ends just before `pos` (skipping spaces), or ''."""
    i = pos
    while i > floor and text[i - 1] in " \u200c\t":
        i -= 1
    j = i
    while j > floor and (text[j - 1].isalnum() or text[j - 1] == ZWNJ):
        j -= 1
    return text[j:i]


def word_after(text: str, pos: int, ceiling: int | None = None) -> str:
    m = _WORD.match(text, _skip_spaces(text, pos), ceiling or len(text))
    return m.group() if m else ""


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


@dataclass
class Names:
    """The outermost name mentions of one article, in order, with their entities."""

    text: str
    mentions: list[Mention]  # outermost PER/ORG/LOC/FAC mentions, sorted by start
    starts: list[int]
    canonical: dict[str, str]  # entity id -> fullest name written in the article
    countries: dict[str, str]  # entity id -> ISO country code

    @classmethod
    def of(cls, article: Article) -> Names:
        kept: list[Mention] = []
        for m in sorted(article.mentions, key=lambda m: (m.start, -m.end)):
            if m.label == "DATE":
                continue
            if kept and m.start < kept[-1].end:  # nested in (or overlapping) the last one
                continue
            kept.append(m)
        return cls(
            article.text,
            kept,
            [m.start for m in kept],
            _canonical(article.mentions),
            _countries(m.entity_id for m in article.mentions),
        )

    def without(self, spans: Sequence[tuple[int, int]]) -> Names:
        """The same index without the names inside the given spans."""
        kept = [m for m in self.mentions if not _inside(m, spans)]
        return Names(self.text, kept, [m.start for m in kept], self.canonical, self.countries)

    def within(self, start: int, end: int) -> list[Mention]:
        i = bisect_left(self.starts, start)
        out = []
        while i < len(self.mentions) and self.mentions[i].start < end:
            if self.mentions[i].end <= end:
                out.append(self.mentions[i])
            i += 1
        return out

    def party(self, m: Mention, resolved: bool = False) -> Party:
        """A party for a mention; a resolved one (pronoun, title) carries the full name."""
        text = (
            self.canonical.get(m.entity_id, m.text)
            if resolved or m.source in ("title", "alias")
            else m.text
        )
        return Party(
            m.start, m.end, text, m.entity_id, m.name_en, m.label, self.country_of(m.entity_id)
        )

    def country_of(self, entity_id: str) -> str:
        if entity_id.startswith("country:"):
            return entity_id.split(":", 1)[1]
        return self.countries.get(entity_id, "")

    def role(self, m: Mention, floor: int) -> str:
        """`subject`, `object` (after a preposition or before `را`) or `none`
        (a speaker named in `به گفته X` or a source in `به گزارش X`)."""
        before = self.text[max(floor, m.start - 40) : m.start]
        words = _WORD.findall(before)[-2:]
        tail = before[-(sum(len(w) for w in words) + 4) :] if words else ""
        if words and len(words) == 2 and words[0] == "به" and words[1] in _SOURCE_NOUNS:
            return "none"
        if words and "در" in words:  # a place or a setting: `در کابینه طالبان`
            return "none"
        if words and words[-1] in PREPOSITIONS:
            return "object"
        if len(words) == 2 and words[0] in PREPOSITIONS and not re.search("[،,:؛]", tail):
            return "object"
        if word_after(self.text, m.end) == "را":
            return "object"
        return "subject"

    def is_object(self, m: Mention, floor: int) -> bool:
        return self.role(m, floor) == "object"

    def subjects(self, start: int, end: int, plural: bool = False) -> list[Mention]:
        """The names that can be the subject of a verb at `end`, in a clause from `start`.

        The first actor that is not an object; with a plural verb, the actors
        coordinated with it (`رحمان، رئیس‌جمهور تاجیکستان، و مکرون ... گفتند`).
        """
        found = [m for m in self.within(start, end) if is_actor(m)]
        free = [m for m in found if self.role(m, start) == "subject"]
        if not free:
            return []
        people = [m for m in free if m.label == "PER"]
        first = people[0] if people and people[0].start - free[0].start < 60 else free[0]
        if not plural:
            return [first]
        out, seen = [first], {first.entity_id}
        last = first
        for m in found:
            if m.start <= last.start:
                continue
            gap = self.text[last.end : m.start]
            if len(gap) > 30 or not _COORDINATION.search(gap) or len(_WORD.findall(gap)) > 3:
                break
            if m.entity_id not in seen:
                out.append(m)
                seen.add(m.entity_id)
            last = m
        return out

    def objects(self, start: int, end: int) -> list[Mention]:
        return [
            m for m in self.within(start, end) if is_actor(m) and self.role(m, start) == "object"
        ]

    def last_person(self, before: int, skip: Sequence[tuple[int, int]] = ()) -> Mention | None:
        """The most recent person named before `before`, outside the given spans."""
        i = bisect_left(self.starts, before) - 1
        while i >= 0:
            m = self.mentions[i]
            if m.label == "PER" and m.end <= before and not _inside(m, skip):
                return m
            i -= 1
        return None


def _inside(m: Mention, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s <= m.start and m.end <= e for s, e in spans)


def _canonical(mentions: Iterable[Mention]) -> dict[str, str]:
    best: dict[str, tuple[tuple[bool, int, int], str]] = {}
    for m in mentions:
        if not m.entity_id or m.label == "DATE":
            continue
        score = (m.source not in ("title", "alias"), len(m.text.split()), len(m.text))
        if m.entity_id not in best or score > best[m.entity_id][0]:
            best[m.entity_id] = (score, m.text)
    return {k: text for k, (_, text) in best.items()}


def _countries(ids: Iterable[str]) -> dict[str, str]:
    kb = load_kb()
    out = {}
    for entity_id in set(ids):
        entity = kb.get(entity_id)
        if entity and entity.country:
            out[entity_id] = entity.country
    return out
