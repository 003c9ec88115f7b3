"""Write docs/events.md from the trigger table (src/rasad/resources/events/triggers.tsv).

python scripts/build_event_docs.py
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "rasad" / "resources" / "events" / "triggers.tsv"
DOC = ROOT / "docs" / "events.md"

FAMILIES = {
    "02": "appeal",
    "03": "express intent to cooperate",
    "04": "consult / meet / visit",
    "05": "diplomatic cooperation, agreement",
    "06": "material cooperation",
    "07": "provide aid or support (075 refuge)",
    "10": "demand",
    "11": "disapprove: criticize (111), accuse (112)",
    "12": "reject",
    "13": "threaten",
    "14": "protest",
    "15": "exhibit force",
    "16": "reduce relations, sanction",
    "17": "coerce: arrest (173), expel (174)",
    "18": "assault",
    "19": "fight",
    "20": "mass violence",
}

HEAD = """# Events: types, codes and Persian triggers

rasad codes events with the CAMEO event codebook (Schrodt 2012, version 1.1b3) and
names them with PLOVER-style types. The trigger table the extractor reads is
`src/rasad/resources/events/triggers.tsv`; this page lists it by family and is
written from it by `scripts/build_event_docs.py`.
Verbs are matched in every tense, negated or not; nouns (n.) only where the clause
frames them as something that took place (`پس از دیدار`، `در ملاقات`، `هیچ ملاقاتی`)
or where the names they govern follow them (`ملاقات رحمان و مکرون`); split
phrases (…) allow words between the noun and its verb (`خواستار تعلیق فعالیت پارلمان شد`);
adjectives (+ است) take the copula (`مخالف است`، `مخالفند`، `مخالف نیستند`).

Quotations add statement events (010, `statement`) with the speaker as actor.

| family | type | meaning | triggers |
|---|---|---|---|
| 01 | statement | make a public statement | every quotation cue (see `extract/cues.py`) |
"""

TAIL = """
## Each event

`{type, code, actors, targets, place, date, start, end, trigger, negated, modality, quote}`:

- `actors`/`targets`: parties with the entity id, English name and country;
  pronouns (`او`، `وی`) and descriptions are resolved to the person last quoted or named.
- `place`: the nearest place after `در` within the sentence.
- `date`: a date in the sentence (weekdays against the publication date, Jalali
  and Afghan months converted), else the publication date.
- `negated`: a negated verb (`نکرد`، `نداشته‌اند`) or `هیچ` before the noun.
- `modality`: `asserted`, `intended` (`خواهد`، `قرار است`), `feared` (`نگران است که`),
  `possible` (`ممکن است`), `demanded` (`خواستار ...`).
- `start`/`end`: the sentence that is the evidence; `trigger_start`/`trigger_end` the trigger.
"""


def main() -> None:
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for line in TABLE.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        phrase, form, type_, code = line.split("\t")
        mark = {"noun": " (n.)", "split": " (…)", "copula": " (+ است)"}.get(form, "")
        groups[(code[:2], type_)].append(f"`{phrase.split('|')[0]}`{mark}")
    rows = [
        f"| {family} | {type_} | {FAMILIES.get(family, '')} | {'، '.join(phrases)} |"
        for (family, type_), phrases in sorted(groups.items())
    ]
    DOC.write_text(HEAD + "\n".join(rows) + "\n" + TAIL, encoding="utf-8")


if __name__ == "__main__":
    main()
