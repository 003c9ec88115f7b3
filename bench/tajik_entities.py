"""Entity linking in Tajik (Cyrillic) sentences: do names reach the knowledge base?

Gold: `bench/gold/tajik_entities.json`, 55 sentences of the held-out test
part of ParsText (rasad.text.translit_data.split_of; the transliteration
model never saw them), each with the knowledge-base entities it names,
checked by hand (87 names; Badakhshan of Tajikistan, which the knowledge
base only has as the Afghan province, is left out and not scored). Only
hashes and names are kept here; the sentences are read from
../shared/data/parstext, which has no licence to copy them.

The corpus writes Tajik in lower case. Each system is scored on the text as
the corpus has it and "as published": the gold names and each sentence's
first letter capitalized, as Tajik news writes them.

Systems:
  before        the Persian analysis run on the Cyrillic text as it is (what
                rasad did before it read Tajik): only knowledge-base names
                written exactly as in the text are found
  cyrillic-kb   the knowledge base's Tajik and Russian names matched as
                written, Tajik suffixes read off (Маскавро, Тоҷикистони)
  persian       the Persian-script shadow through the Persian tagger and
                linker, mapped back to the Tajik words
  rasad         both, merged (rasad.extract.tajik.extract_tajik_mentions)

Scores: a gold name is found when a mention overlapping it links to its
entity (recall); a mention linked to the knowledge base is right when it
overlaps a gold name of that entity (precision); F1 of the two. Also the
share of sentences detected as Tajik.

Writes bench/results/tajik_entities.json.

Example:
  .venv/bin/python bench/tajik_entities.py [--errors]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import platform
import re
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rasad.extract.entities import extract_mentions
from rasad.extract.tajik import (
    extract_tajik_mentions,
    persian_reading,
    tajik_reading,
)
from rasad.model import Article, Mention
from rasad.text.analyze import analyze_article
from rasad.text.translit_data import (
    FILES,
    Pair,
    clean_farsi,
    clean_tajik,
    default_data_dir,
    split_of,
)

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "tajik_entities.json"
RESULTS = HERE / "results" / "tajik_entities.json"
System = Callable[[Article], list[Mention]]
SYSTEMS: dict[str, System] = {
    "before": lambda a: list(extract_mentions(a)),
    "cyrillic-kb": lambda a: tajik_reading(a),
    "persian": lambda a: persian_reading(a),
    "rasad": lambda a: list(extract_tajik_mentions(a)),
}


def load_sentences() -> dict[str, Pair]:
    """sha1 of each cleaned ParsText Tajik sentence -> its sentence pair."""
    out: dict[str, Pair] = {}
    for name in FILES:
        path = default_data_dir() / name
        for record in json.loads(path.read_text(encoding="utf-8")):
            pair = Pair(clean_tajik(record["tajik"]), clean_farsi(record["farsi"]))
            out.setdefault(hashlib.sha1(pair.tajik.encode()).hexdigest(), pair)
    return out


def as_published(text: str, names: list[str]) -> str:
    """The sentence with the gold names capitalized as written, and its first letter."""
    for name in names:
        text = re.sub(rf"(?<!\w){re.escape(name.lower())}(?!\w)", name, text)
    return text[:1].upper() + text[1:]


def spans(text: str, name: str) -> list[tuple[int, int]]:
    return [
        (m.start(), m.end())
        for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text, re.IGNORECASE)
    ]


def linked(m: Mention) -> bool:
    return m.label != "DATE" and bool(m.entity_id) and not m.entity_id.startswith("doc:")


def score(items: list[dict[str, Any]], system: System, errors: list[str]) -> dict[str, Any]:
    found = gold_total = right = predicted = 0
    seconds = 0.0
    for item in items:
        article = item["article"]
        start = time.process_time()
        mentions = [m for m in system(article) if linked(m)]
        seconds += time.process_time() - start
        text = article.text
        gold = [(s, e, eid) for name, eid in item["entities"] for s, e in spans(text, name)]
        ignored = [sp for name in item["ignore"] for sp in spans(text, name)]
        gold_total += len(gold)
        for s, e, eid in gold:
            if any(m.start < e and s < m.end and m.entity_id == eid for m in mentions):
                found += 1
            else:
                errors.append(f"missed {text[s:e]!r} {eid} | {text[:90]}")
        for m in mentions:
            if any(m.start < e and s < m.end for s, e in ignored):
                continue
            predicted += 1
            if any(m.start < e and s < m.end and m.entity_id == eid for s, e, eid in gold):
                right += 1
            else:
                errors.append(f"wrong {m.text!r} -> {m.entity_id} | {text[:90]}")
    recall = found / gold_total if gold_total else 0.0
    precision = right / predicted if predicted else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "gold": gold_total,
        "found": found,
        "linked": predicted,
        "right": right,
        "recall": round(recall, 4),
        "precision": round(precision, 4),
        "f1": round(f1, 4),
        "cpu_ms_per_sentence": round(1000 * seconds / len(items), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="print every miss and wrong link")
    args = parser.parse_args()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    sentences = load_sentences()
    missing = [g["sha1"] for g in gold if g["sha1"] not in sentences]
    if missing:
        raise SystemExit(f"{len(missing)} gold sentences not in {default_data_dir()}")
    held_out = sum(split_of(sentences[g["sha1"]]) == "test" for g in gold)
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "sentences": len(gold),
        "names": sum(len(g["entities"]) for g in gold),
        "conditions": {},
    }
    print(
        f"{len(gold)} sentences ({held_out} of the test split by text hash), "
        f"{results['names']} gold names"
    )
    for condition in ("corpus", "published"):
        items = []
        for g in gold:
            text = sentences[g["sha1"]].tajik
            if condition == "published":
                text = as_published(text, [n for n, _ in g["entities"]] + g["ignore"])
            article = analyze_article(Article.from_raw(text))
            items.append({**g, "article": article})
        tajik = sum(i["article"].language == "tg" for i in items) / len(items)
        rows: dict[str, Any] = {"detected_tg": round(tajik, 4)}
        print(f"\n{condition}: detected as Tajik {tajik:.1%}")
        print(f"{'system':<12} {'recall':>7} {'precision':>9} {'F1':>6} {'ms/sent':>8}")
        for name, system in SYSTEMS.items():
            errors: list[str] = []
            row = score(items, system, errors)
            rows[name] = row
            print(
                f"{name:<12} {row['recall']:>7.3f} {row['precision']:>9.3f} {row['f1']:>6.3f}"
                f" {row['cpu_ms_per_sentence']:>8.1f}"
            )
            if args.errors and name == "rasad":
                print("\n".join("  " + e for e in errors))
        results["conditions"][condition] = rows
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {RESULTS.relative_to(HERE.parent)}")


if __name__ == "__main__":
    main()
