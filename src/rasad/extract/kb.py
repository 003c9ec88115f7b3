"""The knowledge base of entities shipped in `rasad/resources/kb/`.

`entities.jsonl` is built by scripts/build_kb.py from CLDR (via Babel),
pycountry and the hand-written `curated.toml`; this module only reads it.
Every name is looked up by its `name_key`, so a name written with or without
ZWNJ, with Arabic or Persian letters, or in another case matches the same
entities. Names that differ only in a ZWNJ written as a space are separate
aliases (the build adds them).
"""

from __future__ import annotations

import json
import re
from calendar import monthrange
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import Any

from rasad.text.chars import fold_for_search
from rasad.text.normalize import normalize

TYPES = ("PER", "ORG", "GPE", "LOC", "FAC")

_SPACES = re.compile(r"\s+")


# Hamza spellings that writers use interchangeably with the bare letter
# (تأسیسات/تاسیسات، مؤمن/مومن، رئیس/رییس، کرهٔ/کره): one key for both.
_HAMZA = str.maketrans({"أ": "ا", "إ": "ا", "ؤ": "و", "ئ": "ی", "ۀ": "ه", "\u0654": None})


def name_key(text: str) -> str:
    """The lookup key of a name: normalized, folded for search, one space between words."""
    key = fold_for_search(normalize(text)).translate(_HAMZA)
    return _SPACES.sub(" ", key).strip().lower()


# Title spellings that name the same office, each mapped to one spelling.
_TITLE_SYNONYMS = {
    "رئیس جمهوری": "رئیس جمهور",
    "وزیر خارجه": "وزیر امور خارجه",
    "صدراعظم": "نخست وزیر",
    "صدر اعظم": "نخست وزیر",
    "رئیس الوزرا": "نخست وزیر",
    "رئیس الوزراء": "نخست وزیر",
    "رهبر انقلاب": "رهبر",
    "رهبر معظم انقلاب": "رهبر",
    "رهبر عالی": "رهبر",
    "امیرالمومنین": "رهبر",
    "وزیر داخله": "وزیر کشور",
    "وزیر امور داخله": "وزیر کشور",
    "وزیر امور داخلی": "وزیر کشور",
    "وزیر دفاع ملی": "وزیر دفاع",
    "رئیس کمیته امنیت ملی": "رئیس کمیته دولتی امنیت ملی",
    "شهردار": "رئیس شهر",  # Iranian and Tajik words for a mayor
}


def _title_base(title: str) -> str:
    # Spaces and ZWNJs vary freely inside titles (رئیس‌جمهور، رئیس جمهور).
    return name_key(title).replace(" ", "")


def _clean_title_base(title: str) -> str:
    # The table above is clean text, so it needs no `normalize` (whose ZWNJ
    # restorer would load a lexicon at import); a test checks both agree.
    return fold_for_search(title).translate(_HAMZA).replace(" ", "")


# Title key (no spaces) -> the key of its canonical spelling.
TITLE_SYNONYMS = {_clean_title_base(k): _clean_title_base(v) for k, v in _TITLE_SYNONYMS.items()}


def title_key(title: str) -> str:
    """The key of an office title: `رئیس‌جمهوری` and `رئیس جمهور` share one."""
    base = _title_base(title)
    return TITLE_SYNONYMS.get(base, base)


def _day(value: str | None, last: bool) -> date | None:
    """An ISO date, or a year or month read as its first (or last) day."""
    if not value:
        return None
    parts = [int(p) for p in value.split("-")]
    if len(parts) == 3:
        return date(parts[0], parts[1], parts[2])
    if len(parts) == 2:
        year, month = parts
        return date(year, month, monthrange(year, month)[1] if last else 1)
    return date(parts[0], 12, 31) if last else date(parts[0], 1, 1)


@dataclass(frozen=True, slots=True)
class Office:
    title_fa: str
    title_en: str
    of: str  # an ISO country code ("TJ"), or an entity id for other bodies ("group:taliban")
    start: date | None
    end: date | None  # None: held now

    def held_on(self, on: date | None) -> bool:
        """Held on that day; with no day, held now."""
        if on is None:
            return self.end is None
        return (self.start is None or self.start <= on) and (self.end is None or on <= self.end)


def _strings(record: Mapping[str, Any], name: str) -> tuple[str, ...]:
    return tuple(record.get(name) or ())


@dataclass(frozen=True, slots=True)
class Entity:
    id: str
    type: str
    name_fa: str
    name_en: str
    name_tg: str | None = None
    aliases_fa: tuple[str, ...] = ()
    aliases_tg: tuple[str, ...] = ()
    aliases_en: tuple[str, ...] = ()
    aliases_ru: tuple[str, ...] = ()
    name_ps: str | None = None  # display only: folded, Pashto names collide with Persian words
    country: str | None = None
    capital_of: str | None = None
    offices: tuple[Office, ...] = ()
    source: str = ""

    @classmethod
    def from_record(cls, record: Mapping[str, Any]) -> Entity:
        offices = tuple(
            Office(
                title_fa=o["title_fa"],
                title_en=o["title_en"],
                of=o["of"],
                start=_day(o.get("start"), last=False),
                end=_day(o.get("end"), last=True),
            )
            for o in record.get("offices") or ()
        )
        return cls(
            id=record["id"],
            type=record["type"],
            name_fa=record["name_fa"],
            name_en=record["name_en"],
            name_tg=record.get("name_tg"),
            aliases_fa=_strings(record, "aliases_fa"),
            aliases_tg=_strings(record, "aliases_tg"),
            aliases_en=_strings(record, "aliases_en"),
            aliases_ru=_strings(record, "aliases_ru"),
            name_ps=record.get("name_ps"),
            country=record.get("country"),
            capital_of=record.get("capital_of"),
            offices=offices,
            source=record.get("source", ""),
        )

    def primary_names(self) -> tuple[str, ...]:
        return tuple(n for n in (self.name_fa, self.name_en, self.name_tg) if n)

    def all_names(self) -> Iterator[str]:
        yield from self.primary_names()
        for group in (self.aliases_fa, self.aliases_tg, self.aliases_en, self.aliases_ru):
            yield from group


@dataclass(frozen=True)
class KnowledgeBase:
    entities: Mapping[str, Entity]
    _by_key: Mapping[str, tuple[str, ...]] = field(repr=False)
    _offices: Mapping[str, tuple[tuple[Office, str], ...]] = field(repr=False)

    @classmethod
    def from_entities(cls, entities: Iterable[Entity]) -> KnowledgeBase:
        by_id: dict[str, Entity] = {}
        for entity in entities:
            if entity.id in by_id:
                raise ValueError(f"duplicate entity id {entity.id!r}")
            by_id[entity.id] = entity
        # Within a key, entities whose primary name it is come first.
        ranked: dict[str, dict[str, int]] = {}
        offices: dict[str, list[tuple[Office, str]]] = {}
        for entity in by_id.values():
            primary = {name_key(n) for n in entity.primary_names()}
            for name in entity.all_names():
                key = name_key(name)
                if key:
                    rank = 0 if key in primary else 1
                    ids = ranked.setdefault(key, {})
                    ids[entity.id] = min(rank, ids.get(entity.id, 1))
            for office in entity.offices:
                offices.setdefault(title_key(office.title_fa), []).append((office, entity.id))
        # Then countries before the cities that share their name (Singapore, Tunis).
        order = {t: n for n, t in enumerate(("GPE", "LOC", "ORG", "PER", "FAC"))}

        def best_first(ids: dict[str, int]) -> tuple[str, ...]:
            return tuple(sorted(ids, key=lambda i: (ids[i], order[by_id[i].type], i)))

        by_key = {k: best_first(v) for k, v in ranked.items()}
        return cls(
            entities=by_id,
            _by_key=by_key,
            _offices={k: tuple(v) for k, v in offices.items()},
        )

    def __len__(self) -> int:
        return len(self.entities)

    def get(self, entity_id: str) -> Entity | None:
        return self.entities.get(entity_id)

    def lookup(self, name: str) -> list[Entity]:
        """Entities with this name (any language, any alias), best first."""
        return [self.entities[i] for i in self._by_key.get(name_key(name), ())]

    def names(self) -> Iterator[tuple[str, str]]:
        """(key, entity id) for every name, sorted: the input of a matcher."""
        for key in sorted(self._by_key):
            for entity_id in self._by_key[key]:
                yield key, entity_id

    def by_title(self, title_fa: str, country: str, on: date | None = None) -> Entity | None:
        """Who held the office `title_fa` of `country` (or of a body's id) on a day.

        With no day, the current holder. Where terms overlap on that day (an
        acting holder beside the elected one), the latest to take office wins.
        """
        held = [
            (office.start or date.min, entity_id)
            for office, entity_id in self._offices.get(title_key(title_fa), ())
            if office.of == country and office.held_on(on)
        ]
        if not held:
            return None
        return self.entities[max(held)[1]]


def read_entities(lines: Iterable[str]) -> Iterator[Entity]:
    for line in lines:
        if line.strip():
            yield Entity.from_record(json.loads(line))


@cache
def load_kb() -> KnowledgeBase:
    """The shipped knowledge base, read once."""
    path = resources.files("rasad") / "resources" / "kb" / "entities.jsonl"
    with path.open("r", encoding="utf-8") as f:
        return KnowledgeBase.from_entities(read_entities(f))
