"""Quotation and event extraction against the hand-annotated gold set.

    python bench/extract.py                 # scores on bench/gold/extract/*.jsonl
    python bench/extract.py --speed 300     # and the cost per article next to NER's

The gold set and its rules are described in docs/annotation.md; the scoring
rules there are implemented here. Only totals are printed.
"""

from __future__ import annotations

import argparse
import glob
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from rasad.extract.kb import load_kb
from rasad.model import Article, Event, Party, Quote
from rasad.pipeline.steps import analysis_pipeline, text_pipeline
from rasad.text.chars import fold_for_search

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT / "bench" / "gold" / "extract"
FARS = ROOT.parent / "shared" / "data" / "farsnews-2008"
_PUNCT = re.compile(r"[^\w\s]")


def fold(text: str) -> str:
    """Letters folded, no ZWNJ, no punctuation, single spaces."""
    return " ".join(_PUNCT.sub(" ", fold_for_search(text)).split())


def joined(text: str) -> str:
    return fold(text).replace(" ", "")


def words(text: str) -> Counter[str]:
    return Counter(fold(text).split())


def overlap(a: str, b: str) -> bool:
    """Do two spans share at least half of the shorter one's words?"""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return False
    shared = sum((wa & wb).values())
    return shared >= 0.5 * min(sum(wa.values()), sum(wb.values()))


def name_match(predicted: Iterable[str], forms: Iterable[str]) -> bool:
    """Equal when folded, or one contains the other at a word boundary."""
    forms = [fold(f) for f in forms if f]
    for p in predicted:
        fp = fold(p)
        if not fp:
            continue
        for f in forms:
            if not f:
                continue
            if fp.replace(" ", "") == f.replace(" ", ""):
                return True
            if f" {fp} " in f" {f} " or f" {f} " in f" {fp} ":
                return True
    return False


def aliases(party: Party | None, article: Article) -> list[str]:
    """Every name rasad gives a party: its text, its mentions and its KB names."""
    if party is None:
        return []
    out = [party.text]
    if party.entity_id:
        out += [m.text for m in article.mentions if m.entity_id == party.entity_id]
        entity = load_kb().get(party.entity_id)
        if entity:
            out += [entity.name_fa, *entity.aliases_fa]
    return out


def gold_articles(paths: Sequence[str]) -> list[dict[str, Any]]:
    """The annotated articles with their text rebuilt from ../shared/data.

    The gold files hold offsets, not the publisher's text: `text` is the title
    and paragraphs of the `source` article joined by newlines, and each
    `content`/`evidence` [start, end] is turned back into its string."""
    out = []
    for path in paths:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    out.append(_with_text(json.loads(line)))
    return out


def _source_text(source: str) -> str:
    name, index = source.split("#")
    folder, file = name.split("/")
    with open(FARS.parent / folder / file, encoding="utf-8") as f:
        article = json.load(f)[int(index)]
    return str(article["title"]) + "\n" + "\n".join(article["paragraphs"])


def _with_text(r: dict[str, Any]) -> dict[str, Any]:
    text = _source_text(r["source"])
    for q in r["quotes"]:
        q["content"] = text[q["content"][0] : q["content"][1]]
    for e in r["events"]:
        e["evidence"] = text[e["evidence"][0] : e["evidence"][1]]
    return {**r, "text": text}


def analyze(records: Sequence[dict[str, Any]]) -> list[Article]:
    pipeline = analysis_pipeline()
    articles = []
    for r in records:
        pub = r.get("published") or ""
        published = datetime.fromisoformat(pub).replace(tzinfo=UTC) if pub else None
        articles.append(Article.from_raw(r["text"], published_at=published))
    return list(pipeline.run(articles, 0, 1))


def score_quotes(records: Sequence[dict[str, Any]], articles: Sequence[Article]) -> dict[str, Any]:
    n_pred = n_gold = exact = overlapping = speaker_ok = 0
    for r, a in zip(records, articles, strict=True):
        gold: list[dict[str, Any]] = list(r["quotes"])
        pred: list[Quote] = list(a.quotes)
        n_pred += len(pred)
        n_gold += len(gold)
        used: set[int] = set()
        # Match each prediction to a gold quotation over the same words,
        # preferring one whose speaker agrees (joint speakers share content).
        for q in pred:
            names = aliases(q.speaker, a)
            candidates = [
                i for i, g in enumerate(gold) if i not in used and overlap(q.content, g["content"])
            ]
            if not candidates:
                continue
            good = [
                i
                for i in candidates
                if gold[i]["speaker"] and name_match(names, gold[i]["speaker"]["forms"])
            ]
            i = (good or candidates)[0]
            used.add(i)
            overlapping += 1
            exact += joined(q.content) == joined(gold[i]["content"])
            speaker_ok += bool(good)
    return {
        "predicted": n_pred,
        "gold": n_gold,
        "span_exact": prf(exact, n_pred, n_gold),
        "span_overlap": prf(overlapping, n_pred, n_gold),
        "speaker": prf(speaker_ok, n_pred, n_gold),
    }


def score_events(records: Sequence[dict[str, Any]], articles: Sequence[Article]) -> dict[str, Any]:
    n_pred = n_gold = matched = modality_ok = 0
    by_type: Counter[str] = Counter()
    for r, a in zip(records, articles, strict=True):
        gold: list[dict[str, Any]] = list(r["events"])
        pred: list[Event] = [e for e in a.events if e.code != "010"]
        n_pred += len(pred)
        n_gold += len(gold)
        used: set[int] = set()
        for e in pred:
            evidence = a.text[e.start : e.end]
            names = [aliases(p, a) for p in (*e.actors, *e.targets)]
            for i, g in enumerate(gold):
                if i in used or g["code"][:2] != e.code[:2] or bool(g["negated"]) != e.negated:
                    continue
                if not _inside(g["evidence"], evidence):
                    continue
                gold_parties = [p["forms"] for p in (*g["actors"], *g["targets"])]
                if gold_parties or names:
                    if not any(name_match(n, f) for n in names for f in gold_parties):
                        continue
                used.add(i)
                matched += 1
                modality_ok += g.get("modality", "asserted") == e.modality
                by_type[e.type] += 1
                break
    return {
        "predicted": n_pred,
        "gold": n_gold,
        "type_and_actors": prf(matched, n_pred, n_gold),
        "modality_accuracy_on_matched": round(modality_ok / matched, 3) if matched else None,
        "matched_by_type": dict(by_type.most_common()),
    }


def _inside(gold_evidence: str, sentence: str) -> bool:
    """Most of the gold evidence's words stand in the predicted evidence."""
    g, s = words(gold_evidence), words(sentence)
    total = sum(g.values())
    return total > 0 and sum((g & s).values()) >= 0.5 * total


def prf(tp: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def speed(n: int, seed: int = 0) -> dict[str, float]:
    """Seconds per article for the entity step and for quotations + events."""
    records = []
    for path in sorted(glob.glob(str(FARS / "*.json"))):
        with open(path, encoding="utf-8") as f:
            records += [a for a in json.load(f) if not a["link"].endswith("7")]
    random.Random(seed).shuffle(records)
    texts = [a["title"] + "\n" + "\n".join(a["paragraphs"]) for a in records[:n]]
    base = list(text_pipeline(tokens=True).run([Article.from_raw(t) for t in texts], 0, 1))
    steps = analysis_pipeline().steps
    entity, quote, event = steps[-3], steps[-2], steps[-1]
    t0 = time.perf_counter()
    with_entities = [entity.process(a) for a in base]
    t1 = time.perf_counter()
    with_quotes = [quote.process(a) for a in with_entities]
    done = [event.process(a) for a in with_quotes]
    t2 = time.perf_counter()
    return {
        "articles": len(done),
        "entities_ms_per_article": round(1000 * (t1 - t0) / len(done), 2),
        "quotes_and_events_ms_per_article": round(1000 * (t2 - t1) / len(done), 2),
        "quotes_per_article": round(sum(len(a.quotes) for a in done) / len(done), 2),
        "events_per_article": round(sum(len(a.events) for a in done) / len(done), 2),
    }


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--gold", nargs="*", default=sorted(glob.glob(str(GOLD / "*.jsonl"))))
    p.add_argument("--speed", type=int, default=0, help="also time this many tuning articles")
    p.add_argument("--out", type=Path, help="write the figures as JSON here")
    args = p.parse_args(argv)
    result: dict[str, Any] = {}
    if args.gold:
        records = gold_articles(args.gold)
        articles = analyze(records)
        result["articles"] = len(records)
        result["quotes"] = score_quotes(records, articles)
        result["events"] = score_events(records, articles)
    if args.speed:
        result["speed"] = speed(args.speed)
    text = json.dumps(result, ensure_ascii=False, indent=2)
    print(text)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
