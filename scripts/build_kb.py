"""Build rasad's knowledge base: src/rasad/resources/kb/entities.jsonl and META.json.

Sources, all read offline once pip has fetched them (versions are pinned in
the report below and recorded in META.json):

- CLDR, as shipped in Babel (`pip install Babel==2.19.0`, CLDR 49):
  territory names in Persian (`fa`, and `fa_AF` for Afghan spellings), Tajik
  (`tg`), Pashto (`ps`), Russian (`ru`) and English (`en`) make the countries
  and the regions kept in curated.toml; the exemplar cities of the IANA time
  zones that curated.toml names (`tz = "Asia/Dushanbe"`) give the Persian,
  Tajik, Pashto and Russian names of capitals and some other cities. Pashto
  names are kept as `name_ps` for display but are not lookup keys: folded
  for search they become Persian words (ترکي, Turkey, folds to ترکی,
  "Turkish").
- pycountry (`pip install pycountry==26.2.16`): the ISO 3166-1 codes (every
  country and territory gets an entity; Kosovo, XK, is added from CLDR) and
  official English names.
- src/rasad/resources/kb/curated.toml: names, aliases, organizations, groups,
  facilities and people written by the project (its header states the rules
  and where the facts come from). Curated names override CLDR's; the CLDR
  name then stays as an alias unless listed in `exclude`.

What the build adds: variants of every Persian name written with a ZWNJ in
which each ZWNJ is either kept or written as a space (سری‌لانکا also gives
سری لانکا; lookup keys drop ZWNJ, so the joined form needs none), aliases
de-duplicated by their lookup key (rasad.extract.kb.name_key), and checks:
ids unique and well formed, names present, dates valid, every `country` and
office `of` known. The output is sorted by id and byte-for-byte reproducible.

Usage: python scripts/build_kb.py [--check]
  --check  build in memory and fail if the files on disk differ (for CI)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
import sys
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Iterable, Mapping
from importlib.metadata import version
from pathlib import Path
from typing import Any

import pycountry
from babel import Locale
from babel.core import get_cldr_version

from rasad.extract.kb import TYPES, name_key

ZWNJ = "\u200c"
KB = Path(__file__).resolve().parents[1] / "src" / "rasad" / "resources" / "kb"
LOCALES = {"fa": "fa", "fa_AF": "fa", "tg": "tg", "ps": "ps", "ru": "ru", "en": "en"}
LANGS = ("fa", "en", "tg", "ru", "ps")  # ru has aliases only; ps a display name only
NAME_FIELDS = ("name_fa", "name_en", "name_tg")
ENTITY_KEYS = {
    "id", "type", "name_fa", "name_en", "name_tg", "aliases_fa", "aliases_tg", "aliases_en",
    "aliases_ru", "country", "capital_of", "offices", "tz", "exclude",
}  # fmt: skip
CAPITAL_KEYS = {"en", "fa", "tg", "tz", "id", "exclude"} | {f"aliases_{x}" for x in LANGS}
OFFICE_KEYS = ("title_fa", "title_en", "of", "start", "end")  # in record order
ID = re.compile(r"^(country:[A-Z]{2}|(city|loc|org|group|person|fac):[a-z0-9]+(-[a-z0-9]+)*)$")
DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")
PAREN = re.compile(r"\s*\([^)]*\)")


class Draft:
    """An entity being assembled: names per language, first one the main name."""

    def __init__(self, entity_id: str, type_: str | None, source: str) -> None:
        self.id = entity_id
        self.type = type_
        self.names: dict[str, list[str]] = {lang: [] for lang in LANGS}
        self.country: str | None = None
        self.capital_of: str | None = None
        self.offices: list[dict[str, str]] = []
        self.exclude: set[str] = set()
        self.sources: list[str] = [source]

    def add(self, lang: str, *names: str | None) -> None:
        for name in names:
            if name and name.strip() and name.strip() not in self.names[lang]:
                self.names[lang].append(name.strip())

    def set_main(self, lang: str, name: str | None) -> None:
        """Make `name` the main name; the old one stays as an alias."""
        if name:
            names = self.names[lang]
            if name in names:
                names.remove(name)
            names.insert(0, name)

    def add_source(self, source: str) -> None:
        if source not in self.sources:
            self.sources.append(source)

    def record(self) -> dict[str, Any]:
        seen: set[str] = set()
        kept: dict[str, list[str]] = {}
        for lang in LANGS:
            names = list(self.names[lang])
            if lang == "fa":
                names += [v for n in names for v in spaced_variants(n)]
            kept[lang] = []
            for name in names:
                key = name_key(name)
                if lang == "ps":
                    kept[lang].append(name)
                elif key and key not in seen and key not in self.exclude:
                    seen.add(key)
                    kept[lang].append(name)
        main = {lang: (kept[lang][0] if kept[lang] else None) for lang in LANGS}
        return {
            "id": self.id,
            "type": self.type,
            "name_fa": main["fa"],
            "name_en": main["en"],
            "name_tg": main["tg"],
            "aliases_fa": kept["fa"][1:],
            "aliases_tg": kept["tg"][1:],
            "aliases_en": kept["en"][1:],
            "aliases_ru": kept["ru"],
            "name_ps": main["ps"],
            "country": self.country,
            "capital_of": self.capital_of,
            "offices": self.offices,
            "source": "+".join(self.sources),
        }


def spaced_variants(name: str) -> list[str]:
    """The name with each ZWNJ either kept or written as a space (not all kept).

    Lookup keys drop ZWNJ, so keeping one also covers the word written joined;
    `قربان‌قلی بردی‌محمدف` gives `قربان قلی بردی‌محمدف`, `قربان‌قلی بردی محمدف`
    and `قربان قلی بردی محمدف`.
    """
    parts = name.split(ZWNJ)
    if len(parts) == 1 or len(parts) > 5:
        return [name.replace(ZWNJ, " ")] if len(parts) > 5 else []
    out = []
    for mask in range(1, 2 ** (len(parts) - 1)):
        text = parts[0]
        for i, part in enumerate(parts[1:]):
            text += (" " if mask >> i & 1 else ZWNJ) + part
        out.append(text)
    return out


def slug(text: str) -> str:
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = re.sub("['ʻ’]", "", text)
    return re.sub("[^a-z0-9]+", "-", text).strip("-")


def clean_cldr(name: str | None) -> str | None:
    """CLDR display forms to running-text names: `Myanmar (Burma)` -> `Myanmar`."""
    if not name:
        return None
    return PAREN.sub("", name).replace(" - ", " ").strip()


class Cldr:
    def __init__(self) -> None:
        self.locales = {code: Locale.parse(code) for code in LOCALES}
        # Cleaned names that two territories would share keep their brackets
        # (Russian "Виргинские о-ва (Великобритания)" and "(США)").
        self.territories: dict[str, dict[str, str]] = {}
        for loc_code, locale in self.locales.items():
            raw = dict(locale.territories)
            cleaned = {code: clean_cldr(name) or name for code, name in raw.items()}
            counts = Counter(cleaned.values())
            self.territories[loc_code] = {
                code: name if counts[name] == 1 else raw[code] for code, name in cleaned.items()
            }

    def territory(self, code: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {lang: [] for lang in LANGS}
        for loc_code, lang in LOCALES.items():
            name = self.territories[loc_code].get(code)
            if name:
                out[lang].append(name)
                if "&" in name:
                    out[lang].insert(0, name.replace("&", "and"))
        return out

    def city(self, tz: str) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {lang: [] for lang in LANGS}
        for loc_code, lang in LOCALES.items():
            zone = self.locales[loc_code].time_zones.get(tz, {})
            if zone.get("city"):
                out[lang].append(zone["city"])
        if not out["fa"]:
            raise SystemExit(f"CLDR has no Persian exemplar city for time zone {tz!r}")
        return out


def add_names(draft: Draft, names: Mapping[str, Iterable[str]]) -> None:
    for lang, values in names.items():
        draft.add(lang, *values)


def curated_names(draft: Draft, entry: Mapping[str, Any], main_keys: Mapping[str, str]) -> None:
    """Apply curated names: `main_keys` maps a language to the key holding its main name."""
    for lang, key in main_keys.items():
        draft.set_main(lang, entry.get(key))
    for lang in LANGS:
        draft.add(lang, *entry.get(f"aliases_{lang}", ()))
    draft.exclude |= {name_key(n) for n in entry.get("exclude", ())}


def build(curated: Mapping[str, Any], cldr: Cldr) -> tuple[list[dict[str, Any]], list[str]]:
    problems: list[str] = []
    drafts: dict[str, Draft] = {}

    # Countries: every ISO 3166-1 code, plus Kosovo.
    iso = {c.alpha_2: c for c in pycountry.countries}
    codes = sorted(set(iso) | {"XK"})
    for code in codes:
        draft = drafts[f"country:{code}"] = Draft(f"country:{code}", "GPE", "cldr")
        draft.country = code
        add_names(draft, cldr.territory(code))
        if code in iso:
            draft.add_source("pycountry")
            country = iso[code]
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value and "," not in value:
                    draft.add("en", value)
    for code, entry in curated.get("countries", {}).items():
        found = drafts.get(f"country:{code}")
        if found is None:
            problems.append(f"[countries.{code}]: not an ISO 3166-1 code")
            continue
        found.add_source("curated")
        curated_names(found, entry, {"fa": "name_fa", "en": "name_en", "tg": "name_tg"})

    # Regions kept from CLDR.
    for code, entry in curated.get("regions", {}).items():
        draft = drafts[entry["id"]] = Draft(entry["id"], "LOC", "cldr+curated")
        add_names(draft, cldr.territory(code))
        curated_names(draft, entry, {"fa": "name_fa", "en": "name_en", "tg": "name_tg"})

    # Capitals.
    for code, value in curated.get("capitals", {}).items():
        for entry in value if isinstance(value, list) else [value]:
            if unknown := set(entry) - CAPITAL_KEYS:
                problems.append(f"[capitals] {code}: unknown keys {sorted(unknown)}")
            entity_id = entry.get("id") or f"city:{slug(entry['en'])}"
            if entity_id in drafts:
                problems.append(f"[capitals] {code}: duplicate id {entity_id}")
            draft = drafts[entity_id] = Draft(entity_id, "LOC", "curated")
            if "tz" in entry:
                draft.sources.insert(0, "cldr")
                add_names(draft, cldr.city(entry["tz"]))
            draft.country = draft.capital_of = code
            curated_names(draft, entry, {"fa": "fa", "en": "en", "tg": "tg"})

    # Everything else; an entity the build already made is merged into.
    for entry in curated.get("entity", []):
        entity_id = entry.get("id", "?")
        if unknown := set(entry) - ENTITY_KEYS:
            problems.append(f"{entity_id}: unknown keys {sorted(unknown)}")
        if entity_id not in drafts:
            draft = drafts[entity_id] = Draft(entity_id, entry.get("type"), "curated")
        else:
            draft = drafts[entity_id]
            if "type" in entry:
                problems.append(
                    f"{entity_id}: defined twice (type {entry['type']} over {draft.type})"
                )
            draft.add_source("curated")
        if "tz" in entry:
            draft.sources.insert(0, "cldr")
            add_names(draft, cldr.city(entry["tz"]))
        curated_names(draft, entry, {"fa": "name_fa", "en": "name_en", "tg": "name_tg"})
        draft.country = entry.get("country", draft.country)
        draft.capital_of = entry.get("capital_of", draft.capital_of)
        for office in entry.get("offices", ()):
            if unknown := set(office) - set(OFFICE_KEYS):
                problems.append(f"{entity_id}: office has unknown keys {sorted(unknown)}")
            draft.offices.append({k: office[k] for k in OFFICE_KEYS if k in office})

    records = [drafts[i].record() for i in sorted(drafts)]
    problems += check(records, set(codes))
    return records, problems


def check(records: list[dict[str, Any]], codes: set[str]) -> list[str]:
    problems = []
    ids = {r["id"] for r in records}
    for r in records:
        where = r["id"]
        if not ID.match(where):
            problems.append(f"{where}: malformed id")
        if r["type"] not in TYPES:
            problems.append(f"{where}: type {r['type']!r} is not one of {TYPES}")
        for name in ("name_fa", "name_en"):
            if not r[name]:
                problems.append(f"{where}: no {name}")
        for name in ("country", "capital_of"):
            if r[name] is not None and r[name] not in codes:
                problems.append(f"{where}: unknown {name} {r[name]!r}")
        for o in r["offices"]:
            if not (o.get("title_fa") and o.get("title_en") and o.get("of")):
                problems.append(f"{where}: office needs title_fa, title_en and of: {o}")
            elif o["of"] not in codes and o["of"] not in ids:
                problems.append(f"{where}: office of unknown {o['of']!r}")
            for k in ("start", "end"):
                if k in o and not DATE.match(o[k]):
                    problems.append(f"{where}: bad {k} date {o[k]!r}")
            if "start" in o and "end" in o and o["start"] > o["end"]:
                problems.append(f"{where}: office ends before it starts: {o}")
    return problems


def shared_keys(records: list[dict[str, Any]]) -> dict[str, list[str]]:
    """Keys that name more than one entity (the linker must choose by context)."""
    owners: dict[str, set[str]] = {}
    for r in records:
        names = [r[f] for f in NAME_FIELDS if r[f]]
        names += [n for f in r if f.startswith("aliases_") for n in r[f]]
        for name in names:
            owners.setdefault(name_key(name), set()).add(r["id"])
    return {k: sorted(v) for k, v in sorted(owners.items()) if len(v) > 1}


def render(curated_text: bytes) -> tuple[str, str, list[str]]:
    curated = tomllib.loads(curated_text.decode("utf-8"))
    records, problems = build(curated, Cldr())
    entities = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    shared = shared_keys(records)
    meta = {
        "version": 1,
        "entities": len(records),
        "by_type": dict(sorted(Counter(r["type"] for r in records).items())),
        "by_source": dict(sorted(Counter(r["source"] for r in records).items())),
        "with_offices": sum(1 for r in records if r["offices"]),
        "offices": sum(len(r["offices"]) for r in records),
        "shared_keys": len(shared),
        "sources": {
            f"CLDR {get_cldr_version()} via Babel {version('Babel')}": (
                "territory names (fa, fa_AF, tg, ps, ru, en); exemplar cities of time zones"
            ),
            f"pycountry {version('pycountry')}": "ISO 3166-1 codes, English official names",
            "curated.toml": "sha256:" + hashlib.sha256(curated_text).hexdigest(),
        },
        "licences": {
            "CLDR": "Unicode License v3",
            "pycountry": "LGPL-2.1 (data from Debian iso-codes)",
            "curated.toml": "MIT, written by the project",
        },
        "builder": "scripts/build_kb.py",
    }
    return entities, json.dumps(meta, ensure_ascii=False, indent=2) + "\n", problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if the files on disk differ")
    parser.add_argument("--shared-keys", action="store_true", help="list keys naming 2+ entities")
    args = parser.parse_args(argv)
    curated_text = (KB / "curated.toml").read_bytes()
    entities, meta, problems = render(curated_text)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print(f"{len(problems)} problems; nothing written", file=sys.stderr)
        return 1
    if args.shared_keys:
        records = [json.loads(line) for line in entities.splitlines()]
        for key, ids in shared_keys(records).items():
            print(f"{key}\t{' '.join(ids)}")
    outputs = {KB / "entities.jsonl": entities, KB / "META.json": meta}
    if args.check:
        stale = [
            p.name for p, text in outputs.items() if not p.exists() or p.read_text("utf-8") != text
        ]
        if stale:
            print(f"out of date: {', '.join(stale)}; run scripts/build_kb.py", file=sys.stderr)
            return 1
        return 0
    for path, text in outputs.items():
        path.write_text(text, encoding="utf-8")
    print(meta, end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
